// Text wrap (图文互斥): photo frames, headline areas and stories an editor marks as wrap objects push
// the body text of every story they overlap, their own included. Wrap works on the baseline grid,
// row by row of each text column:
// - an object over a column's left or right part shortens that column's lines on the other side, to
//   whole 字 of the column's own character grid, keeping the stand-off (in 字) from the object;
// - an object over the middle of a column (free space of a usable measure on both sides) makes the
//   text skip its rows: a newspaper line is never split into two pieces either side of a picture, and
//   a reader's eye must not jump across it;
// - an object across the whole width (a frame spanning columns) takes its rows: text goes above and
//   below it. So does a part too narrow to read (under MIN_MEASURE 字).
// 竖排 text wraps by the same rule turned a quarter: an object over a vertical column's head or foot
// shortens that column from the top or the bottom (whole 字, the stand-off above and below the
// object too), one over its middle makes the text skip the column, and one across the column's
// whole height takes it.
// Rows an object takes do not count as room for the story (copyfit's 余 N 行 / 超 N 字 follow).
// The objects are in the display page (`DisplayPage.wraps`), so screen and PDF agree, and the layout
// invariant tests check that no body glyph falls inside one.
import type { WrapArea } from '../display/types';
import type { GridRect, Page, Placement } from '../model/types';
import { adArea } from './ads';
import type { PageGrid, Rect, TextColumn } from './grid';

/** The stand-off between a wrap object and the text pushed from it, in 字, unless the object says. */
export const WRAP_STANDOFF = 1;
/** The narrowest measure, in 字, worth setting beside an object; narrower parts are skipped. */
export const MIN_MEASURE = 4;

export interface WrapObject extends WrapArea {
  /** Rows of the page grid it takes: [row, row + rows). */
  row: number;
  rows: number;
}

/** The part of a column row where a line is set: its left edge and measure. */
export interface WrapSlot {
  x: number;
  width: number;
}

/** A placement's rectangles as they are drawn (a boxed story's areas inside its box). */
export type RectOf = (pl: Placement, g: GridRect, kind: WrapArea['kind']) => Rect;

/**
 * The wrap objects of a page: every photo frame and headline area, every area of a placement
 * marked `wrap` (which pushes other stories only), and every ad slot (广告位). Rectangles in points with the stand-off around
 * them left and right; rows are whole rows of the grid (the line gap above and below is the
 * separation a typesetter leaves between a picture and the lines over and under it).
 */
export function wrapObjects(page: Page, grid: PageGrid, rectOf: RectOf): WrapObject[] {
  const out: WrapObject[] = [];
  const add = (
    pl: Placement,
    g: GridRect,
    kind: WrapArea['kind'],
    standoff: number | undefined,
    except?: string,
  ) => {
    const r = rectOf(pl, g, kind);
    const s = (standoff ?? WRAP_STANDOFF) * grid.em;
    if (r.w <= 0 || r.h <= 0) return;
    const o: WrapObject = {
      kind,
      article: pl.article,
      x: r.x - s,
      y: grid.rowTop(g.line),
      w: r.w + 2 * s,
      h: g.lines * grid.pitch,
      standoff: standoff ?? WRAP_STANDOFF,
      row: g.line,
      rows: g.lines,
    };
    if (except) o.except = except;
    out.push(o);
  };
  for (const pl of page.placements) {
    for (const f of pl.photos) add(pl, f.area, 'photo', f.standoff);
    if (pl.headline) add(pl, pl.headline.area, 'headline', pl.headline.standoff);
    if (pl.wrap) for (const g of pl.regions) add(pl, g, 'story', pl.wrap.standoff, pl.article);
  }
  // An ad slot is reserved space: every story's text keeps out of it, by the usual stand-off.
  for (const ad of page.ads ?? []) {
    const r = grid.rect(adArea(ad));
    const s = WRAP_STANDOFF * grid.em;
    if (r.w > 0 && r.h > 0)
      out.push({
        kind: 'ad',
        article: '',
        x: r.x - s,
        y: grid.rowTop(ad.line),
        w: r.w + 2 * s,
        h: ad.lines * grid.pitch,
        standoff: WRAP_STANDOFF,
        row: ad.line,
        rows: ad.lines,
      });
  }
  return out;
}

const EPS = 0.01;

/**
 * The text columns of `article` with the rows wrap objects touch given their slots. Columns no object
 * touches come back as they were (the common case costs one test per object).
 */
export function wrapColumns(
  columns: TextColumn[],
  objects: readonly WrapObject[],
  article: string,
  em: number,
): TextColumn[] {
  if (!objects.length) return columns;
  let out: TextColumn[] | null = null;
  columns.forEach((c, i) => {
    let slots: (WrapSlot | null)[] | null = null;
    for (const o of objects) {
      if (o.except === article) continue;
      if (o.x >= c.x + c.width - EPS || o.x + o.w <= c.x + EPS) continue;
      const r0 = Math.max(c.row, o.row);
      const r1 = Math.min(c.row + c.rows, o.row + o.rows);
      if (r1 <= r0) continue;
      slots ??= c.slots
        ? c.slots.slice()
        : Array.from({ length: c.rows }, () => ({ x: c.x, width: c.width }));
      for (let r = r0; r < r1; r++) {
        const cur = slots[r - c.row];
        if (cur) slots[r - c.row] = narrow(c, cur, o.x, o.x + o.w, em);
      }
    }
    if (slots) {
      out ??= columns.slice();
      out[i] = { ...c, slots };
    }
  });
  return out ?? columns;
}

/**
 * A vertical region's columns (`column`: one flow row per column, right to left; x and width along
 * the column, from the region's top) with the slots wrap objects leave them. `rect` is the region,
 * `pitch` the distance between column centres.
 */
export function wrapVertical(
  column: TextColumn,
  rect: Rect,
  objects: readonly WrapObject[],
  article: string,
  pitch: number,
  em: number,
): TextColumn {
  let slots: (WrapSlot | null)[] | null = null;
  for (const o of objects) {
    if (o.except === article) continue;
    // Along the column the stand-off is kept above and below the object as well.
    const s = o.standoff * em;
    const y0 = o.y - s;
    const y1 = o.y + o.h + s;
    if (y0 >= column.x + column.width - EPS || y1 <= column.x + EPS) continue;
    for (let k = 0; k < column.rows; k++) {
      // The column's characters: an em wide about its centre.
      const centre = rect.x + rect.w - (k + 0.5) * pitch;
      if (o.x >= centre + em / 2 - EPS || o.x + o.w <= centre - em / 2 + EPS) continue;
      slots ??= column.slots
        ? column.slots.slice()
        : Array.from({ length: column.rows }, () => ({ x: column.x, width: column.width }));
      const cur = slots[k];
      if (cur) slots[k] = narrow(column, cur, y0, y1, em);
    }
  }
  return slots ? { ...column, slots } : column;
}

/** What is left of a slot beside an object over [o0, o1) of it: one side, on the column's character grid, or null. */
function narrow(c: TextColumn, s: WrapSlot, o0: number, o1: number, em: number): WrapSlot | null {
  let left = s.x;
  let right = s.x + s.width;
  if (o1 <= left + EPS || o0 >= right - EPS) return s;
  const before = o0 - left;
  const after = right - o1;
  const min = MIN_MEASURE * em - EPS;
  if (before >= min && after >= min) return null; // in the middle: the text skips these rows
  if (after >= min) left = o1;
  else if (before >= min) right = o0;
  else return null;
  // Whole 字 of the column's own grid, so characters stay in line with the rows above and below.
  const x = c.x + Math.ceil((left - c.x) / em - 1e-6) * em;
  const width = Math.floor((right - x) / em + 1e-6) * em;
  return width >= min ? { x, width } : null;
}

/** The slot of a column row (offset `k` from the column's first row), or null where text may not go. */
export function slotOf(c: TextColumn, k: number): WrapSlot | null {
  if (!c.slots) return { x: c.x, width: c.width };
  return c.slots[k] ?? null;
}

/**
 * The first row offset at or after `r` where a line of `k` rows fits in column `c`, with the slot
 * it gets (the part all its rows leave free), or null when none does.
 */
export function fitAt(c: TextColumn, r: number, k: number): { r: number; x: number; width: number } | null {
  if (!c.slots) return c.rows - r >= k ? { r, x: c.x, width: c.width } : null;
  for (; r + k <= c.rows; r++) {
    let x0 = -Infinity;
    let x1 = Infinity;
    let ok = true;
    for (let j = r; j < r + k; j++) {
      const s = c.slots[j];
      if (!s) {
        ok = false;
        break;
      }
      x0 = Math.max(x0, s.x);
      x1 = Math.min(x1, s.x + s.width);
    }
    if (ok && x1 - x0 > EPS) return { r, x: x0, width: x1 - x0 };
  }
  return null;
}

/** Rows of a column open to text, among its first `n` rows (all of them by default). */
export function openRows(c: TextColumn, n = c.rows): number {
  if (!c.slots) return Math.max(0, Math.min(n, c.rows));
  let out = 0;
  for (let k = 0; k < Math.min(n, c.rows); k++) if (c.slots[k]) out++;
  return out;
}

/** Body 字 the open rows of a column from row offset `from` on can take. */
export function openChars(c: TextColumn, from: number, em: number): number {
  let out = 0;
  if (!c.slots) return Math.max(0, c.rows - from) * Math.floor(c.width / em + 1e-6);
  for (let k = Math.max(0, from); k < c.rows; k++) {
    const s = c.slots[k];
    if (s) out += Math.floor(s.width / em + 1e-6);
  }
  return out;
}

/**
 * Reserves one open row of a column for a jump line (转版): the first (`'head'`) or the last
 * (`'foot'`); returns the column without it, and the row (of the page grid) and slot it took.
 */
export function reserveRow(
  c: TextColumn,
  at: 'head' | 'foot',
): { column: TextColumn; row: number; x: number; width: number } | null {
  if (!c.slots) {
    if (c.rows < 1) return null;
    return at === 'head'
      ? { column: { ...c, row: c.row + 1, rows: c.rows - 1 }, row: c.row, x: c.x, width: c.width }
      : { column: { ...c, rows: c.rows - 1 }, row: c.row + c.rows - 1, x: c.x, width: c.width };
  }
  const order = at === 'head' ? [...c.slots.keys()] : [...c.slots.keys()].reverse();
  for (const k of order) {
    const s = c.slots[k];
    if (!s || k >= c.rows) continue;
    const slots = c.slots.slice();
    slots[k] = null;
    return { column: { ...c, slots }, row: c.row + k, x: s.x, width: s.width };
  }
  return null;
}
