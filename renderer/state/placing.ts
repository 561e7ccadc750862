// Placing on the page grid: converting between points and grid cells (栏 × 行), snapping, and the
// edits a layout editor makes to a placement. Pure functions over the model, so every gesture of
// the page view is a value that the history can record and undo. Stories over several pages (转版)
// are in continued.ts; placing in free space, and refusals that say why, in free-space.ts.
import type { GridRect, Placement } from '../../engine/model/types';
import type { Template } from '../../engine/templates';

/** The grid of a template as plain numbers, in points relative to the trim (what layout and the display
 *  list use; engine/layout/grid.ts's PageGrid is the class the layout computes it with). */
export interface GridMetrics {
  x: number;
  y: number;
  columns: number;
  columnWidth: number;
  gutter: number;
  lines: number;
  pitch: number;
  /** The body size (one 字), for a frame nudged off its columns (`GridRect.shift`). */
  em?: number;
}

export function gridOf(t: Template): GridMetrics {
  return {
    x: t.typeArea.x,
    y: t.typeArea.y,
    columns: t.grid.columns,
    columnWidth: t.grid.columnWidth,
    gutter: t.grid.gutter,
    lines: t.grid.lines,
    pitch: t.body.pitch,
    em: t.body.size,
  };
}

/** A placing step as the page's new placement lists by page id, or why it cannot be done (Chinese). */
export interface PlaceResult {
  next: Map<string, Placement[]>;
  refusal?: string;
}

export interface PtRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function rectToPoints(g: GridMetrics, r: GridRect): PtRect {
  return {
    x: g.x + r.col * (g.columnWidth + g.gutter) + (r.shift ? r.shift * (g.em ?? 0) : 0),
    y: g.y + r.line * g.pitch,
    w: r.cols * g.columnWidth + (r.cols - 1) * g.gutter,
    h: r.lines * g.pitch,
  };
}

/** The column and line under a point; columns count the gutter to their right as theirs. */
export function cellAt(g: GridMetrics, x: number, y: number): { col: number; line: number } {
  const col = Math.floor((x - g.x + g.gutter / 2) / (g.columnWidth + g.gutter));
  const line = Math.floor((y - g.y) / g.pitch);
  return { col: clamp(col, 0, g.columns - 1), line: clamp(line, 0, g.lines - 1) };
}

export const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** Keeps a rectangle whole and inside the grid (a region never hangs off the type area). */
export function clampRect(g: GridMetrics, r: GridRect): GridRect {
  const cols = clamp(Math.round(r.cols), 1, g.columns);
  const lines = clamp(Math.round(r.lines), 1, g.lines);
  return {
    cols,
    lines,
    col: clamp(Math.round(r.col), 0, g.columns - cols),
    line: clamp(Math.round(r.line), 0, g.lines - lines),
  };
}

/** A drag in points, snapped to whole columns and lines. */
export function snapDelta(g: GridMetrics, dx: number, dy: number): { dCol: number; dLine: number } {
  return { dCol: Math.round(dx / (g.columnWidth + g.gutter)) || 0, dLine: Math.round(dy / g.pitch) || 0 };
}

/** Every grid rectangle a placement occupies: body regions, headline area, photo frames. */
export function placementRects(p: Placement): GridRect[] {
  return [...p.regions, ...(p.headline ? [p.headline.area] : []), ...p.photos.map((f) => f.area)];
}

export function boundsOf(rects: GridRect[]): GridRect | null {
  if (!rects.length) return null;
  const col = Math.min(...rects.map((r) => r.col));
  const line = Math.min(...rects.map((r) => r.line));
  const right = Math.max(...rects.map((r) => r.col + r.cols));
  const bottom = Math.max(...rects.map((r) => r.line + r.lines));
  const out: GridRect = { col, line, cols: right - col, lines: bottom - line };
  // Frames nudged together keep their common shift (a story's areas move as one).
  const shift = rects[0].shift;
  if (shift && rects.every((r) => r.shift === shift)) out.shift = shift;
  return out;
}

const shift = (r: GridRect, dCol: number, dLine: number): GridRect => ({
  ...r,
  col: r.col + dCol,
  line: r.line + dLine,
});

/** Moves a whole placement (regions, headline, photos together), kept inside the grid as one piece. */
export function movePlacement(g: GridMetrics, p: Placement, dCol: number, dLine: number): Placement {
  const b = boundsOf(placementRects(p));
  if (!b) return p;
  dCol = clamp(dCol, -b.col, g.columns - (b.col + b.cols));
  dLine = clamp(dLine, -b.line, g.lines - (b.line + b.lines));
  if (!dCol && !dLine) return p;
  return {
    ...p,
    regions: p.regions.map((r) => shift(r, dCol, dLine)),
    // No headline is no key (an `undefined` would not survive the API's checks).
    ...(p.headline ? { headline: { ...p.headline, area: shift(p.headline.area, dCol, dLine) } } : {}),
    photos: p.photos.map((f) => ({ ...f, area: shift(f.area, dCol, dLine) })),
  };
}

export type Handle = 'move' | 'n' | 's' | 'e' | 'w' | 'ne' | 'nw' | 'se' | 'sw';

/** A move or resize of one rectangle by whole columns and lines; the edge opposite a handle stays put. */
export function adjustRect(
  g: GridMetrics,
  r: GridRect,
  handle: Handle,
  dCol: number,
  dLine: number,
): GridRect {
  let { col, cols, line, lines } = r;
  if (handle === 'move') return clampRect(g, { col: col + dCol, cols, line: line + dLine, lines });
  if (handle.includes('w')) {
    const c = clamp(col + dCol, 0, col + cols - 1);
    cols += col - c;
    col = c;
  }
  if (handle.includes('e')) cols = clamp(cols + dCol, 1, g.columns - col);
  if (handle.includes('n')) {
    const l = clamp(line + dLine, 0, line + lines - 1);
    lines += line - l;
    line = l;
  }
  if (handle.includes('s')) lines = clamp(lines + dLine, 1, g.lines - line);
  return { col, cols, line, lines };
}

/** Which rectangle of a placement a gesture edits. */
export type RectRef =
  { kind: 'region'; index: number } | { kind: 'headline' } | { kind: 'photo'; index: number };

export function getRect(p: Placement, ref: RectRef): GridRect | null {
  if (ref.kind === 'region') return p.regions[ref.index] ?? null;
  if (ref.kind === 'headline') return p.headline?.area ?? null;
  return p.photos[ref.index]?.area ?? null;
}

export function setRect(p: Placement, ref: RectRef, r: GridRect): Placement {
  if (ref.kind === 'region') return { ...p, regions: p.regions.map((x, i) => (i === ref.index ? r : x)) };
  if (ref.kind === 'headline') return p.headline ? { ...p, headline: { ...p.headline, area: r } } : p;
  return { ...p, photos: p.photos.map((f, i) => (i === ref.index ? { ...f, area: r } : f)) };
}

const contains = (r: GridRect, c: { col: number; line: number }) =>
  c.col >= r.col && c.col < r.col + r.cols && c.line >= r.line && c.line < r.line + r.lines;

/** The placement whose area holds a cell, if any. */
export function placementAt(
  placements: Placement[],
  at: { col: number; line: number },
): Placement | undefined {
  return placements.find((p) => placementRects(p).some((r) => contains(r, at)));
}

/**
 * Puts story `a` into the slot `b` occupied and `b` into `a`'s: body regions (with their indents
 * and 破栏 columns, which belong to the slot) and headline areas change hands; photo frames travel
 * with their story, shifted as the slot moved.
 */
export function swapSlots(g: GridMetrics, a: Placement, b: Placement): [Placement, Placement] {
  const into = (x: Placement, y: Placement): Placement => {
    const bx = boundsOf(placementRects(x))!;
    const by = boundsOf(placementRects(y))!;
    const photos = x.photos.map((f) => ({
      ...f,
      area: clampRect(g, shift(f.area, by.col - bx.col, by.line - bx.line)),
    }));
    if (x.headline && y.headline)
      return { ...x, headline: { ...x.headline, area: y.headline.area }, regions: y.regions, photos };
    if (!x.headline && y.headline) return { ...x, regions: [y.headline.area, ...y.regions], photos };
    if (x.headline && !y.headline && y.regions.length) {
      // The story brings its headline: it takes the top lines of the slot's first region.
      const first = y.regions[0];
      const lines = Math.min(x.headline.area.lines, first.lines - 1);
      const head: GridRect = { col: first.col, cols: first.cols, line: first.line, lines };
      const rest: GridRect = { ...first, line: first.line + lines, lines: first.lines - lines };
      return {
        ...x,
        headline: { ...x.headline, area: head },
        regions: [rest, ...y.regions.slice(1)],
        photos,
      };
    }
    return { ...x, regions: y.regions, photos };
  };
  return [into(a, b), into(b, a)];
}

/**
 * Drops an article on the grid at a cell. Dropped on another story of the page, the two change
 * slots; elsewhere, a story already on the page moves there whole (its shape kept); a new one gets
 * a headline across `cols` columns and one body region below it.
 */
export function dropArticle(
  g: GridMetrics,
  placements: Placement[],
  article: string,
  at: { col: number; line: number },
  fresh: { cols: number; lines: number; headlineLines: number },
): Placement[] {
  const existing = placements.find((p) => p.article === article);
  const target = placementAt(placements, at);
  if (existing && target && target !== existing) {
    const [a, b] = swapSlots(g, existing, target);
    return placements.map((p) => (p === existing ? a : p === target ? b : p));
  }
  if (existing) {
    const b = boundsOf(placementRects(existing))!;
    const moved = movePlacement(g, existing, at.col - b.col, at.line - b.line);
    return placements.map((p) => (p === existing ? moved : p));
  }
  const whole = clampRect(g, { col: at.col, line: at.line, cols: fresh.cols, lines: fresh.lines });
  const head = Math.min(fresh.headlineLines, whole.lines - 1);
  const placement: Placement = {
    article,
    ...(head > 0
      ? {
          headline: {
            area: { ...whole, lines: head },
            orientation: 'horizontal' as const,
            align: 'left' as const,
          },
        }
      : {}),
    regions: [{ ...whole, line: whole.line + Math.max(head, 0), lines: whole.lines - Math.max(head, 0) }],
    photos: [],
  };
  return [...placements, placement];
}

/** Whether two grid rectangles share any cell. */
export function overlaps(a: GridRect, b: GridRect): boolean {
  return (
    a.col < b.col + b.cols && b.col < a.col + a.cols && a.line < b.line + b.lines && b.line < a.line + a.lines
  );
}

/** Whether two grid rectangles share part of the page as drawn: by cells, or in points when one is
 *  nudged off its columns (`shift`). */
export function overlapsOnPage(g: GridMetrics, a: GridRect, b: GridRect): boolean {
  if (!a.shift && !b.shift) return overlaps(a, b);
  const p = rectToPoints(g, a);
  const q = rectToPoints(g, b);
  return (
    Math.min(p.x + p.w, q.x + q.w) - Math.max(p.x, q.x) > 0.01 &&
    Math.min(p.y + p.h, q.y + q.h) - Math.max(p.y, q.y) > 0.01
  );
}

/**
 * Why a whole story cannot be moved by whole columns and lines, or null: it would leave the type
 * area, run into the masthead, or land on another story.
 */
export function moveProblem(
  g: GridMetrics,
  placements: Placement[],
  story: Placement,
  by: { dCol: number; dLine: number },
  firstRow = 0,
): string | null {
  const b = boundsOf(placementRects(story));
  if (!b || (!by.dCol && !by.dLine)) return null;
  const col = b.col + by.dCol;
  const line = b.line + by.dLine;
  if (col < 0 || line < 0 || col + b.cols > g.columns || line + b.lines > g.lines) {
    return `稿件移到第 ${col + 1} 栏第 ${line + 1} 行会超出版心（稿件占 ${b.cols} 栏 ${b.lines} 行，版心 ${g.columns} 栏 ${g.lines} 行）`;
  }
  if (line < firstRow) return `稿件移到第 ${line + 1} 行会伸进报头（第 1–${firstRow} 行）`;
  const moved = movePlacement(g, story, by.dCol, by.dLine);
  const hit = placements.find(
    (p) =>
      p.article !== story.article &&
      placementRects(p).some((r) => placementRects(moved).some((m) => overlapsOnPage(g, r, m))),
  );
  return hit
    ? `稿件移到第 ${col + 1} 栏第 ${line + 1} 行会压在稿件“${hit.article}”上：先腾出位置，或把稿件从列表拖到那篇稿件上交换位置`
    : null;
}
