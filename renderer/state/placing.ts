// Placing on the page grid: converting between points and grid cells (栏 × 行), snapping, and the
// edits a layout editor makes to a placement. Pure functions over the model, so every gesture of
// the page view is a value that the history can record and undo.
import type { GridRect, Placement } from '../../engine/model/types';

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
}

export interface PtRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function rectToPoints(g: GridMetrics, r: GridRect): PtRect {
  return {
    x: g.x + r.col * (g.columnWidth + g.gutter),
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

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

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
  return { col, line, cols: right - col, lines: bottom - line };
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

// ---- stories over several pages (转版) ------------------------------------------------------------
// Placing operations that touch a story's other pages, as the pages' new placement lists by page id:
// one undoable step, and never a state the loader refuses (a part moves with its link, a removed
// part's neighbours are joined, an unlinked story ends where it was cut).

type Pages = { id: string; number: number; placements: Placement[] }[];

/** The story's parts in reading order: page numbers with their placements, following continuesOn. */
export function storyParts(
  pages: Pages,
  article: string,
): { page: number; id: string; placement: Placement }[] {
  const parts = pages.flatMap((p) =>
    p.placements
      .filter((pl) => pl.article === article)
      .map((placement) => ({ page: p.number, id: p.id, placement })),
  );
  const pointed = new Set(parts.map((p) => p.placement.continuesOn?.page).filter((n) => n !== undefined));
  const head = parts.find((p) => !pointed.has(p.page)) ?? parts[0];
  const out: typeof parts = [];
  for (
    let p: typeof head | undefined = head;
    p && !out.includes(p);
    p = parts.find((q) => q.page === p!.placement.continuesOn?.page)
  )
    out.push(p);
  return out;
}

const replace = (list: Placement[], was: Placement, now: Placement | null) =>
  now ? list.map((p) => (p === was ? now : p)) : list.filter((p) => p !== was);
const setContinues = (p: Placement, page: number | null): Placement => {
  const { continuesOn: _c, ...rest } = p;
  return page === null ? rest : { ...rest, continuesOn: { page } };
};

/**
 * An article dropped on page `pageNumber` at a grid cell. On its own page: moved or swapped there
 * (dropArticle). Placed nowhere: a new placement. Continued over pages already: its last part moves
 * here, shape kept, and the part before it now continues here. On one other page: the story is
 * continued here (转版), a body region at the cell.
 */
export function dropOnPage(
  pages: Pages,
  pageNumber: number,
  g: GridMetrics,
  article: string,
  at: { col: number; line: number },
  fresh: { cols: number; lines: number; headlineLines: number },
): Map<string, Placement[]> {
  const page = pages.find((p) => p.number === pageNumber);
  if (!page) return new Map();
  const parts = storyParts(pages, article);
  if (!parts.length || parts.some((p) => p.page === pageNumber))
    return new Map([[page.id, dropArticle(g, page.placements, article, at, fresh)]]);
  const out = new Map<string, Placement[]>();
  const last = parts[parts.length - 1];
  if (parts.length > 1) {
    const before = parts[parts.length - 2];
    const b = boundsOf(placementRects(last.placement))!;
    const moved = movePlacement(
      g,
      {
        ...last.placement,
        regions: last.placement.regions.map((r) => clampRect(g, r)),
        photos: last.placement.photos.map((f) => ({ ...f, area: clampRect(g, f.area) })),
      },
      at.col - b.col,
      at.line - b.line,
    );
    out.set(
      before.id,
      replace(
        pages.find((p) => p.id === before.id)!.placements,
        before.placement,
        setContinues(before.placement, pageNumber),
      ),
    );
    out.set(
      last.id,
      replace(out.get(last.id) ?? pages.find((p) => p.id === last.id)!.placements, last.placement, null),
    );
    out.set(page.id, [...page.placements, moved]);
    return out;
  }
  const region = clampRect(g, { col: at.col, line: at.line, cols: fresh.cols, lines: fresh.lines });
  out.set(
    last.id,
    replace(
      pages.find((p) => p.id === last.id)!.placements,
      last.placement,
      setContinues(last.placement, pageNumber),
    ),
  );
  out.set(page.id, [...page.placements, { article, regions: [region], photos: [] }]);
  return out;
}

/** Takes the story off page `pageNumber`; the parts before and after it are joined. */
export function removePart(pages: Pages, pageNumber: number, article: string): Map<string, Placement[]> {
  const parts = storyParts(pages, article);
  const k = parts.findIndex((p) => p.page === pageNumber);
  if (k < 0) return new Map();
  const out = new Map<string, Placement[]>();
  const here = parts[k];
  out.set(here.id, replace(pages.find((p) => p.id === here.id)!.placements, here.placement, null));
  if (k > 0) {
    const prev = parts[k - 1];
    const next = parts[k + 1];
    out.set(
      prev.id,
      replace(
        pages.find((p) => p.id === prev.id)!.placements,
        prev.placement,
        setContinues(prev.placement, next ? next.page : null),
      ),
    );
  }
  return out;
}

/** 断开转版: the story ends on page `pageNumber`; its later parts are taken off their pages. */
/** 正文排向 of a story, on every page it is on: a story continued across pages keeps one. */
export function setBodyOrientation(
  pages: Pages,
  article: string,
  vertical: boolean,
): Map<string, Placement[]> {
  const out = new Map<string, Placement[]>();
  for (const p of storyParts(pages, article)) {
    const { vertical: _v, ...rest } = p.placement;
    const list = out.get(p.id) ?? pages.find((pg) => pg.id === p.id)!.placements;
    out.set(p.id, replace(list, p.placement, vertical ? { ...rest, vertical: true } : rest));
  }
  return out;
}

export function unlinkPart(pages: Pages, pageNumber: number, article: string): Map<string, Placement[]> {
  const parts = storyParts(pages, article);
  const k = parts.findIndex((p) => p.page === pageNumber);
  if (k < 0 || !parts[k].placement.continuesOn) return new Map();
  const out = new Map<string, Placement[]>();
  const list = (id: string) => out.get(id) ?? pages.find((p) => p.id === id)!.placements;
  out.set(
    parts[k].id,
    replace(list(parts[k].id), parts[k].placement, setContinues(parts[k].placement, null)),
  );
  for (const p of parts.slice(k + 1)) out.set(p.id, replace(list(p.id), p.placement, null));
  return out;
}

// ---- placing in free space, and refusals that say why -------------------------------------------

/** A placing step as the page's new placement lists by page id, or why it cannot be done (Chinese). */
export interface PlaceResult {
  next: Map<string, Placement[]>;
  refusal?: string;
}

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

/** The story's last part moves to `page`, into `space`, and the part before it continues there. */
function moveLastPart(
  pages: Pages,
  page: Pages[number],
  parts: ReturnType<typeof storyParts>,
  space: GridRect,
): PlaceResult {
  const last = parts[parts.length - 1];
  const before = parts[parts.length - 2];
  const out = new Map<string, Placement[]>();
  out.set(
    before.id,
    replace(
      pages.find((p) => p.id === before.id)!.placements,
      before.placement,
      setContinues(before.placement, page.number),
    ),
  );
  out.set(
    last.id,
    replace(out.get(last.id) ?? pages.find((p) => p.id === last.id)!.placements, last.placement, null),
  );
  // Its photo frames stay with their blocks in the copy; the part's text takes the free space.
  out.set(page.id, [
    ...(out.get(page.id) ?? page.placements),
    { ...last.placement, regions: [space], photos: [] },
  ]);
  return { next: out };
}

/** The story's last part continues on `page` (转版) in `space`, a body region of its own. */
function continueIn(
  pages: Pages,
  page: Pages[number],
  parts: ReturnType<typeof storyParts>,
  article: string,
  space: GridRect,
): PlaceResult {
  const last = parts[parts.length - 1];
  const out = new Map<string, Placement[]>();
  out.set(
    last.id,
    replace(
      pages.find((p) => p.id === last.id)!.placements,
      last.placement,
      setContinues(last.placement, page.number),
    ),
  );
  // The continuation keeps the story's 排向.
  out.set(page.id, [
    ...page.placements,
    { article, regions: [space], photos: [], ...(last.placement.vertical ? { vertical: true } : {}) },
  ]);
  return { next: out };
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
      placementRects(p).some((r) => placementRects(moved).some((m) => overlaps(r, m))),
  );
  return hit
    ? `稿件移到第 ${col + 1} 栏第 ${line + 1} 行会压在稿件“${hit.article}”上：先腾出位置，或把稿件从列表拖到那篇稿件上交换位置`
    : null;
}
