// The geometry a boxed story (花边框) takes from its areas, the rectangles its areas leave for text
// inside the rule, and the page's wrap objects as drawn.
import type { GridRect, Page, Placement } from '../model/types';
import type { PageGrid, Rect } from './grid';
import { wrapObjects, type WrapObject } from './wrap';

/** The page's wrap objects: frames and headline areas as drawn (inside a box), marked stories whole. */
export function pageWraps(page: Page, grid: PageGrid): WrapObject[] {
  return wrapObjects(page, grid, (pl, g, kind) =>
    kind === 'story' ? grid.rect(g) : clipRect(g, grid, boxGeometry(pl, grid)),
  );
}

export interface BoxGeometry {
  rect: Rect;
  topRow: number;
  endRow: number;
  clip: { x0: number; x1: number };
}

/**
 * A boxed story's rule goes round all its areas, through the middle of its first and last rows, so the
 * space between rule and text is the same (half a line plus the line gap) inside and outside the box.
 */
export function boxGeometry(pl: Placement, grid: PageGrid): BoxGeometry | null {
  if (!pl.box) return null;
  const rects = [...pl.regions, ...pl.photos.map((p) => p.area), ...(pl.headline ? [pl.headline.area] : [])];
  if (!rects.length) return null;
  const col0 = Math.min(...rects.map((r) => r.col));
  const col1 = Math.max(...rects.map((r) => r.col + r.cols));
  const topRow = Math.min(...rects.map((r) => r.line));
  const endRow = Math.max(...rects.map((r) => r.line + r.lines));
  let x = grid.colX(col0);
  let w = grid.spanWidth(col1 - col0);
  if (rects.some((r) => r.shift)) {
    // Areas nudged off their columns: the rule also goes round what stands out of them.
    const drawn = rects.map((r) => grid.rect(r));
    const x1 = Math.max(x + w, ...drawn.map((r) => r.x + r.w));
    x = Math.min(x, ...drawn.map((r) => r.x));
    w = x1 - x;
  }
  const y = grid.rowTop(topRow) + grid.pitch / 2;
  const h = grid.rowTop(endRow - 1) + grid.pitch / 2 - y;
  const inset = pl.box.inset * grid.em;
  return { rect: { x, y, w, h }, topRow, endRow, clip: { x0: x + inset, x1: x + w - inset } };
}

/** The rows of an area a box leaves for text: not the rows its rules run through. */
export function rowsInside(g: GridRect, box: BoxGeometry | null): { row: number; rows: number } {
  let row = g.line;
  let end = g.line + g.lines;
  if (box) {
    if (row === box.topRow) row++;
    if (end === box.endRow) end--;
  }
  return { row, rows: Math.max(0, end - row) };
}

export function clipRect(g: GridRect, grid: PageGrid, box: BoxGeometry | null): Rect {
  const r = grid.rect(g);
  const rows = rowsInside(g, box);
  let x0 = r.x;
  let x1 = r.x + r.w;
  if (box) {
    x0 = Math.max(x0, box.clip.x0);
    x1 = Math.min(x1, box.clip.x1);
  }
  return { x: x0, y: grid.rowTop(rows.row), w: x1 - x0, h: rows.rows * grid.pitch };
}
