// The interactive scene of the page view, drawn over the static one: open comments' highlights, the
// editor's selection or caret, the placements with the open story's handles and label tab, the
// selection tool's frames and marquee, ruler guides and the rulers. Nothing here is printed.
import type { DisplayPage } from '../../engine/display/types';
import type { Guide, Page, Placement } from '../../engine/model/types';
import type { Template } from '../../engine/templates';
import { boundsOf, placementRects, rectToPoints, type GridMetrics, type PtRect } from '../state/placing';
import { editableRects, HANDLE, handlePoints } from './handles';
import type { EditorSelection } from '../state/navigation';
import type { EditionSession } from '../state/session';
import { caretBox, spanBoxes } from './hit';
import { drawGuides, drawRulers, drawSelection } from './overlay';
import { liveFrames, type ObjectSelection } from './selection';
import type { ViewTransform } from './viewport';

/** The selection or caret as drawn on the page, points. */
export function selectionRects(pg: DisplayPage, sel: EditorSelection | null): PtRect[] {
  if (!sel) return [];
  const collapsed = sel.anchor.block === sel.focus.block && sel.anchor.offset === sel.focus.offset;
  if (!collapsed) return spanBoxes(pg, { article: sel.article, ...sel.anchor }, sel.focus);
  const b = caretBox(pg, { article: sel.article, ...sel.anchor });
  return b ? [{ x: b.x - 1, y: b.y, w: Math.max(b.w, 2), h: Math.max(b.h, 2) }] : [];
}

export interface OverlayScene {
  session: EditionSession;
  grid: GridMetrics | null;
  template: Template | undefined;
  /** The page's placements as a drag shows them now. */
  placements: Placement[];
  /** The selection or caret, as selectionRects gave it. */
  selection: PtRect[];
  objects: ObjectSelection;
  /** The page model the selection tool shows (a move's preview while it is dragged). */
  model: Page | undefined;
  marquee: PtRect | null;
  /** The page's guides (one being moved left out), and the guide being pulled, if any. */
  guides: Guide[];
  pulled: Guide | null;
  guideDrag: boolean;
}

export function paintOverlay(
  ctx: CanvasRenderingContext2D,
  c: HTMLCanvasElement,
  pg: DisplayPage,
  t: ViewTransform,
  o: OverlayScene,
): void {
  const { scale, originX, originY, dpr } = t;
  const { session, grid } = o;
  ctx.setTransform(scale, 0, 0, scale, originX, originY);
  const px = 1 / scale; // one device pixel in points
  // Open comments (批注): a yellow tint over the words they are about, as the proof's highlights.
  const onPage = new Set(pg.fits.map((f) => f.article));
  ctx.fillStyle = 'rgba(255,196,0,0.38)';
  for (const cm of session.edition.comments ?? []) {
    if (cm.resolved || !cm.anchor || !onPage.has(cm.article)) continue;
    const { block, offset, length } = cm.anchor;
    for (const b of spanBoxes(
      pg,
      { article: cm.article, block, offset },
      { block, offset: offset + Math.max(1, length) },
    ))
      ctx.fillRect(b.x, b.y, b.w, b.h);
  }
  // The editor's selection, on the page: a tint over the selected glyphs, or a caret.
  const sel = session.selection;
  if (sel) {
    const collapsed = sel.anchor.block === sel.focus.block && sel.anchor.offset === sel.focus.offset;
    ctx.fillStyle = collapsed ? 'rgba(30,90,200,0.95)' : 'rgba(40,110,220,0.28)';
    for (const b of o.selection) ctx.fillRect(b.x, b.y, collapsed ? Math.max(2 * px, 0.6) : b.w, b.h);
  }
  if (grid) {
    for (const pl of o.placements)
      drawPlacement(ctx, grid, pl, pl.article === session.currentArticle, session, px, dpr);
    // The selection tool's frames and marquee.
    if (o.objects.tool === 'select' && o.model)
      drawSelection(ctx, grid, o.model, liveFrames(o.model, o.objects.frames), o.marquee, px);
  }
  if (o.guides.length || o.guideDrag) {
    ctx.setTransform(scale, 0, 0, scale, originX, originY);
    drawGuides(ctx, o.guides, pg, 1 / scale, o.pulled);
  }
  if (o.template) drawRulers(ctx, o.template, dpr, scale, originX, originY, c.width, c.height);
}

/** A thin outline for each placement; the open article's rectangles with handles and its label tab. */
function drawPlacement(
  ctx: CanvasRenderingContext2D,
  grid: GridMetrics,
  pl: Placement,
  current: boolean,
  session: EditionSession,
  px: number,
  dpr: number,
): void {
  ctx.lineWidth = (current ? 1.5 : 1) * px;
  ctx.strokeStyle = current ? 'rgba(30,90,200,0.9)' : 'rgba(120,120,140,0.35)';
  ctx.setLineDash(current ? [] : [4 * px, 3 * px]);
  for (const r of placementRects(pl)) {
    const p = rectToPoints(grid, r);
    ctx.strokeRect(p.x, p.y, p.w, p.h);
  }
  ctx.setLineDash([]);
  if (!current) return;
  ctx.fillStyle = 'rgba(30,90,200,0.95)';
  for (const { rect } of editableRects(pl)) {
    const p = rectToPoints(grid, rect);
    for (const [hx, hy] of handlePoints(p))
      ctx.fillRect(
        hx - HANDLE * dpr * px,
        hy - HANDLE * dpr * px,
        2 * HANDLE * dpr * px,
        2 * HANDLE * dpr * px,
      );
  }
  // The label tab: drag it to move the whole story.
  const b = boundsOf(placementRects(pl));
  if (b) {
    const p = rectToPoints(grid, b);
    const label = session.article(pl.article)?.slug ?? pl.article;
    ctx.font = `${12 * px * dpr}px sans-serif`;
    const tw = ctx.measureText(label).width + 10 * px * dpr;
    ctx.fillRect(p.x, p.y - 16 * px * dpr, tw, 16 * px * dpr);
    ctx.fillStyle = '#fff';
    ctx.fillText(label, p.x + 5 * px * dpr, p.y - 4 * px * dpr);
  }
}
