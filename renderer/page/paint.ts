// The screen painter: draws a display page on a 2D canvas. It draws the display list the PDF
// painter draws, with glyphs from the same font files (loaded as FontFace, or as outlines from the
// file when a glyph is not reachable through the cmap), so screen and print cannot drift apart.
import type { Cmyk, DisplayPage, GlyphRun, ImageItem } from '../../engine/display/types';

export interface GlyphSource {
  /** CSS family of a face loaded from its file, or null when the face could not be loaded as a FontFace. */
  family(face: string): string | null;
  /** Whether the glyph is what the face's cmap gives for its text; if not, it is drawn from its outline. */
  cmapGlyph(face: string, text: string): number;
  /** The glyph's outline in font units (y up), or undefined while it is being fetched. */
  outline(face: string, gid: number): { path: Path2D; unitsPerEm: number } | undefined;
}

export interface PaintOptions {
  /** Device pixels per point. */
  scale: number;
  /** Device-pixel position of the trim box's top-left corner. */
  originX: number;
  originY: number;
  /** The part of the page to draw, points (trim-relative); items wholly outside are skipped. */
  visible?: { x: number; y: number; w: number; h: number };
  glyphs: GlyphSource;
  images?: Map<string, CanvasImageSource>;
  /** Screen-only marks (overset); off for the print preview and the screen-versus-PDF check. */
  marks?: boolean;
}

/**
 * CMYK to screen RGB the way poppler renders DeviceCMYK (pdftoppm), so the page view and a
 * rendered proof match pixel for pixel; a colour-managed preview would need the output intent's ICC.
 */
export function cmykToCss(c: Cmyk): string {
  const k = c.k / 100;
  const r = Math.round(255 * (1 - Math.min(1, c.c / 100 + k)));
  const g = Math.round(255 * (1 - Math.min(1, c.m / 100 + k)));
  const b = Math.round(255 * (1 - Math.min(1, c.y / 100 + k)));
  return `rgb(${r},${g},${b})`;
}

const colourCache = new Map<string, string>();
function css(c: Cmyk): string {
  const key = `${c.c},${c.m},${c.y},${c.k}`;
  let v = colourCache.get(key);
  if (!v) { v = cmykToCss(c); colourCache.set(key, v); }
  return v;
}

function runBounds(run: GlyphRun): { x0: number; y0: number; x1: number; y1: number } {
  if (!run.glyphs.length) return { x0: run.x, y0: run.y, x1: run.x, y1: run.y };
  const last = run.glyphs[run.glyphs.length - 1];
  if (run.vertical) return { x0: run.x - run.size, y0: run.y + run.glyphs[0].y - run.size, x1: run.x + run.size, y1: run.y + last.y + last.advance + run.size };
  return { x0: run.x + run.glyphs[0].x, y0: run.y - run.size * 1.2, x1: run.x + last.x + last.advance, y1: run.y + run.size * 0.4 };
}

function drawRun(ctx: CanvasRenderingContext2D, run: GlyphRun, src: GlyphSource): void {
  const family = src.family(run.face);
  ctx.fillStyle = css(run.color);
  if (family) ctx.font = `${run.size}px ${family}`;
  for (const g of run.glyphs) {
    const x = run.x + g.x;
    const y = run.y + g.y;
    const viaCmap = family !== null && src.cmapGlyph(run.face, g.text) === g.gid;
    if (viaCmap && !g.rotate) { ctx.fillText(g.text, x, y); continue; }
    if (viaCmap) {
      ctx.save(); ctx.translate(x, y); ctx.rotate(Math.PI / 2); ctx.fillText(g.text, 0, 0); ctx.restore();
      continue;
    }
    const o = src.outline(run.face, g.gid);
    if (!o) continue; // fetched in the background; the page repaints when it arrives
    const k = run.size / o.unitsPerEm;
    ctx.save();
    ctx.translate(x, y);
    if (g.rotate) ctx.rotate(Math.PI / 2);
    ctx.scale(k, -k);
    ctx.fill(o.path);
    ctx.restore();
  }
}

function drawImage(ctx: CanvasRenderingContext2D, it: ImageItem, images?: Map<string, CanvasImageSource>): void {
  const img = images?.get(it.asset);
  ctx.save();
  ctx.beginPath();
  ctx.rect(it.x, it.y, it.w, it.h);
  ctx.clip();
  if (img) ctx.drawImage(img, it.imageX, it.imageY, it.imageW, it.imageH);
  else {
    ctx.fillStyle = '#d9d6cf';
    ctx.fillRect(it.x, it.y, it.w, it.h);
  }
  ctx.restore();
}

const intersects = (b: { x0: number; y0: number; x1: number; y1: number }, v?: PaintOptions['visible']) =>
  !v || (b.x1 >= v.x && b.x0 <= v.x + v.w && b.y1 >= v.y && b.y0 <= v.y + v.h);

/** Paints the page's paper (trim plus bleed) and every display item. */
export function paintPage(ctx: CanvasRenderingContext2D, page: DisplayPage, o: PaintOptions): void {
  ctx.setTransform(o.scale, 0, 0, o.scale, o.originX, o.originY);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, page.width, page.height);
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  for (const it of page.items) {
    switch (it.kind) {
      case 'glyphs':
        if (intersects(runBounds(it), o.visible)) drawRun(ctx, it, o.glyphs);
        break;
      case 'rule': {
        if (!intersects({ x0: Math.min(it.x1, it.x2) - it.width, y0: Math.min(it.y1, it.y2) - it.width, x1: Math.max(it.x1, it.x2) + it.width, y1: Math.max(it.y1, it.y2) + it.width }, o.visible)) break;
        ctx.strokeStyle = css(it.color);
        ctx.lineWidth = it.width;
        ctx.setLineDash(it.dash ?? []);
        ctx.beginPath();
        ctx.moveTo(it.x1, it.y1);
        ctx.lineTo(it.x2, it.y2);
        ctx.stroke();
        ctx.setLineDash([]);
        break;
      }
      case 'box':
        if (!intersects({ x0: it.x - 2, y0: it.y - 2, x1: it.x + it.w + 2, y1: it.y + it.h + 2 }, o.visible)) break;
        if (it.fill) { ctx.fillStyle = css(it.fill); ctx.fillRect(it.x, it.y, it.w, it.h); }
        if (it.stroke) { ctx.strokeStyle = css(it.stroke.color); ctx.lineWidth = it.stroke.width; ctx.strokeRect(it.x, it.y, it.w, it.h); }
        break;
      case 'image':
        drawImage(ctx, it, o.images);
        break;
      case 'overset':
        if (o.marks === false) break;
        drawOversetMark(ctx, it.x, it.y);
        break;
    }
  }
}

/** The typesetter's overset sign: a red boxed plus at the end of the last region. */
function drawOversetMark(ctx: CanvasRenderingContext2D, x: number, y: number): void {
  const s = 7;
  ctx.save();
  ctx.fillStyle = '#ffffff';
  ctx.strokeStyle = '#c8102e';
  ctx.lineWidth = 0.8;
  ctx.fillRect(x - s, y - s, s, s);
  ctx.strokeRect(x - s, y - s, s, s);
  ctx.beginPath();
  ctx.moveTo(x - s / 2, y - s + 1.5); ctx.lineTo(x - s / 2, y - 1.5);
  ctx.moveTo(x - s + 1.5, y - s / 2); ctx.lineTo(x - 1.5, y - s / 2);
  ctx.stroke();
  ctx.restore();
}
