// Placing in free space, and refusals that say why: a story dropped on a page fills the free space of
// the column it is dropped on, a story moved may not leave the type area nor land on another, and a
// story continued (转版) goes into the free space of its new page.
import type { GridRect, Placement } from '../../engine/model/types';
import { continueIn, moveLastPart, storyParts, type Pages, dropOnPage } from './continued';
import {
  boundsOf,
  clamp,
  moveProblem,
  movePlacement,
  placementAt,
  placementRects,
  type GridMetrics,
  type PlaceResult,
} from './placing';

/** Cells of the grid that stories (other than `except`) or the masthead take. */
function occupancy(
  g: GridMetrics,
  placements: Placement[],
  firstRow: number,
  except?: string,
): (col: number, line: number) => boolean {
  const taken = new Uint8Array(g.columns * g.lines);
  for (const p of placements) {
    if (p.article === except) continue;
    for (const r of placementRects(p)) {
      for (let c = Math.max(0, r.col); c < Math.min(g.columns, r.col + r.cols); c++) {
        for (let l = Math.max(0, r.line); l < Math.min(g.lines, r.line + r.lines); l++)
          taken[c * g.lines + l] = 1;
      }
    }
  }
  return (col, line) => line < firstRow || taken[col * g.lines + line] === 1;
}

/**
 * The free space in the column a story is dropped on: the run of free lines there that holds the
 * drop point (or the nearest one below it, else above), widened to the right (then the left) over
 * columns free on all those lines, up to `cols`. Null when the column has no free run of 2 lines.
 */
export function freeSpace(
  g: GridMetrics,
  placements: Placement[],
  at: { col: number; line: number },
  cols: number,
  firstRow = 0,
  except?: string,
): GridRect | null {
  const taken = occupancy(g, placements, firstRow, except);
  const c = clamp(at.col, 0, g.columns - 1);
  let start = clamp(at.line, 0, g.lines - 1);
  if (taken(c, start)) {
    let l = start;
    while (l < g.lines && taken(c, l)) l++;
    if (l < g.lines) start = l;
    else {
      l = start;
      while (l >= 0 && taken(c, l)) l--;
      if (l < 0) return null;
      start = l;
    }
  }
  let top = start;
  while (top > 0 && !taken(c, top - 1)) top--;
  let end = start;
  while (end < g.lines && !taken(c, end)) end++;
  if (end - top < 2) return null;
  const free = (col: number) => {
    for (let l = top; l < end; l++) if (taken(col, l)) return false;
    return true;
  };
  let c0 = c;
  let c1 = c + 1;
  while (c1 - c0 < cols && c1 < g.columns && free(c1)) c1++;
  while (c1 - c0 < cols && c0 > 0 && free(c0 - 1)) c0--;
  return { col: c0, cols: c1 - c0, line: top, lines: end - top };
}

/** The first free space on a page, from the top of its first column on: for a continuation. */
export function firstFreeSpace(
  g: GridMetrics,
  placements: Placement[],
  cols: number,
  firstRow = 0,
  except?: string,
): GridRect | null {
  let best: GridRect | null = null;
  for (let c = 0; c < g.columns; c++) {
    for (let l = firstRow; l < g.lines; l++) {
      const r = freeSpace(g, placements, { col: c, line: l }, cols, firstRow, except);
      if (r && (!best || r.lines * r.cols > best.lines * best.cols)) best = r;
      if (r) l = r.line + r.lines;
    }
  }
  return best;
}

/** A new story in a free rectangle: a headline area across its top when it is deep enough. */
function freshPlacement(article: string, space: GridRect, headlineLines: number): Placement {
  const head = space.lines >= headlineLines + 3 ? headlineLines : 0;
  return {
    article,
    ...(head
      ? {
          headline: {
            area: { ...space, lines: head },
            orientation: 'horizontal' as const,
            align: 'left' as const,
          },
        }
      : {}),
    regions: [{ ...space, line: space.line + head, lines: space.lines - head }],
    photos: [],
  };
}

/**
 * An article dropped on page `pageNumber` at a grid cell, as the page view does it. A story new to the
 * page fills the free space of the column it is dropped on (never another story's); a story moved on
 * its page may not leave the type area nor land on another story (dropped on one, the two change
 * places); a story on another page is continued here (转版) in free space. What cannot be done is
 * refused with the reason.
 */
export function placeOnPage(
  pages: Pages,
  pageNumber: number,
  g: GridMetrics,
  article: string,
  at: { col: number; line: number },
  fresh: { cols: number; headlineLines: number },
  firstRow = 0,
): PlaceResult {
  const page = pages.find((p) => p.number === pageNumber);
  if (!page) return { next: new Map(), refusal: `没有第 ${pageNumber} 版` };
  const parts = storyParts(pages, article);
  const here = page.placements.find((p) => p.article === article);
  const target = placementAt(page.placements, at);
  if (here && target && target !== here)
    return { next: dropOnPage(pages, pageNumber, g, article, at, { ...fresh, lines: 1 }) };
  if (here) {
    const b = boundsOf(placementRects(here))!;
    const by = { dCol: at.col - b.col, dLine: at.line - b.line };
    const why = moveProblem(g, page.placements, here, by, firstRow);
    if (why) return { next: new Map(), refusal: why };
    return {
      next: new Map([
        [page.id, page.placements.map((p) => (p === here ? movePlacement(g, here, by.dCol, by.dLine) : p))],
      ]),
    };
  }
  const space = freeSpace(g, page.placements, at, fresh.cols, firstRow);
  if (!space)
    return {
      next: new Map(),
      refusal: `第 ${at.col + 1} 栏没有空位：先撤下或缩小那里的稿件，或拖到空白的栏`,
    };
  if (!parts.length)
    return {
      next: new Map([[page.id, [...page.placements, freshPlacement(article, space, fresh.headlineLines)]]]),
    };
  // A story already continued: its last part moves here with its link (the part before it now jumps
  // to this page), into the free space; a story on one page is continued here (转版).
  if (parts.length > 1) return moveLastPart(pages, page, parts, space);
  return continueIn(pages, page, parts, article, space);
}

/**
 * 转版 from the inspector: the story placed on page `from` goes on on page `to`, in the largest free
 * space there. Only the story's last part can be continued, and not onto a page it is on already.
 */
export function continueOnPage(
  pages: Pages,
  from: number,
  to: number,
  g: GridMetrics,
  article: string,
  cols: number,
  firstRow = 0,
): PlaceResult {
  const parts = storyParts(pages, article);
  const k = parts.findIndex((p) => p.page === from);
  const target = pages.find((p) => p.number === to);
  if (k < 0) return { next: new Map(), refusal: `稿件不在第 ${from} 版上` };
  if (!target) return { next: new Map(), refusal: `没有第 ${to} 版` };
  if (to === from || parts.some((p) => p.page === to))
    return { next: new Map(), refusal: `稿件已在第 ${to} 版上：转版只能转到另一版` };
  if (k < parts.length - 1)
    return {
      next: new Map(),
      refusal: `这部分已转第 ${parts[k + 1].page} 版：先断开转版，或从最后一部分（第 ${parts[parts.length - 1].page} 版）转出`,
    };
  const space = firstFreeSpace(g, target.placements, cols, firstRow);
  if (!space) return { next: new Map(), refusal: `第 ${to} 版没有空位可以接排` };
  return continueIn(pages, target, parts, article, space);
}
