// The static scene of the page view: the pasteboard, the page and its bleed, the grid and the display
// list (paint.ts), redrawn whole or only in the areas a keystroke changed. What the editor is doing
// (selection, handles, guides) is drawn over it by overlay-paint.ts.
import type { DisplayPage } from '../../engine/display/types';
import type { GridMetrics, PtRect } from '../state/placing';
import type { GlyphSource } from './paint';
import { paintPage } from './paint';
import type { ViewTransform } from './viewport';

/** Sizes the canvas's backing store to the viewport times devicePixelRatio; returns whether it changed. */
export function fitCanvas(c: HTMLCanvasElement, t: ViewTransform): boolean {
  if (c.width === Math.round(t.w * t.dpr) && c.height === Math.round(t.h * t.dpr)) return false;
  c.width = Math.round(t.w * t.dpr);
  c.height = Math.round(t.h * t.dpr);
  c.style.width = `${t.w}px`;
  c.style.height = `${t.h}px`;
  return true;
}

/** Clips to the changed areas (page points), on whole device pixels so no half-cleared edge is left behind. */
export function clipTo(ctx: CanvasRenderingContext2D, dirty: PtRect[], t: ViewTransform): void {
  const { scale, originX, originY } = t;
  ctx.beginPath();
  for (const r of dirty) {
    const x0 = Math.floor(originX + (r.x - 1) * scale),
      y0 = Math.floor(originY + (r.y - 1) * scale);
    const x1 = Math.ceil(originX + (r.x + r.w + 1) * scale),
      y1 = Math.ceil(originY + (r.y + r.h + 1) * scale);
    ctx.rect(x0, y0, x1 - x0, y1 - y0);
  }
  ctx.clip();
}

/** The pasteboard only (no page shown). */
export function paintPasteboard(ctx: CanvasRenderingContext2D, c: HTMLCanvasElement): void {
  ctx.fillStyle = '#e4e1da';
  ctx.fillRect(0, 0, c.width, c.height);
}

export interface StaticScene {
  grid: GridMetrics | null;
  showGrid: boolean;
  preview: boolean;
  glyphs: GlyphSource;
  images: ReadonlyMap<string, CanvasImageSource>;
  /** The page area to draw, points: the view, or the areas that changed. */
  visible: PtRect | PtRect[];
}

/** The page on its pasteboard: bleed, paper, grid (not in the print preview) and the display list. */
export function paintStatic(
  ctx: CanvasRenderingContext2D,
  c: HTMLCanvasElement,
  pg: DisplayPage,
  t: ViewTransform,
  o: StaticScene,
): void {
  const { scale, originX, originY, dpr } = t;
  paintPasteboard(ctx, c);
  // Bleed (when the template has one) shows as a faint band around the trim.
  ctx.setTransform(scale, 0, 0, scale, originX, originY);
  if (pg.bleed > 0 && !o.preview) {
    ctx.fillStyle = '#f3f1ec';
    ctx.fillRect(-pg.bleed, -pg.bleed, pg.width + 2 * pg.bleed, pg.height + 2 * pg.bleed);
  }
  ctx.shadowColor = 'rgba(0,0,0,0.18)';
  ctx.shadowBlur = 6 * dpr;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, pg.width, pg.height);
  ctx.shadowColor = 'transparent';
  ctx.shadowBlur = 0;

  if (o.showGrid && o.grid && !o.preview) drawGrid(ctx, o.grid, scale);
  paintPage(ctx, pg, {
    scale,
    originX,
    originY,
    visible: o.visible,
    glyphs: o.glyphs,
    images: o.images,
    marks: !o.preview,
  });
}

/** Column bands and baseline rows; rows only when they are far enough apart to read. */
function drawGrid(ctx: CanvasRenderingContext2D, g: GridMetrics, devicePerPt: number) {
  ctx.fillStyle = 'rgba(0,150,200,0.06)';
  for (let c = 0; c < g.columns; c++)
    ctx.fillRect(g.x + c * (g.columnWidth + g.gutter), g.y, g.columnWidth, g.lines * g.pitch);
  if (g.pitch * devicePerPt < 5) return;
  ctx.strokeStyle = 'rgba(0,150,200,0.22)';
  ctx.lineWidth = 1 / devicePerPt;
  ctx.beginPath();
  const w = g.columns * g.columnWidth + (g.columns - 1) * g.gutter;
  for (let l = 0; l <= g.lines; l++) {
    const y = g.y + l * g.pitch;
    ctx.moveTo(g.x, y);
    ctx.lineTo(g.x + w, y);
  }
  ctx.stroke();
}
