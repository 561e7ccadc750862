// Stories over several pages (转版): placing operations that touch a story's other pages, as the
// pages' new placement lists by page id: one undoable step, and never a state the loader refuses (a
// part moves with its link, a removed part's neighbours are joined, an unlinked story ends where it
// was cut).
import type { GridRect, Placement } from '../../engine/model/types';
import {
  boundsOf,
  clampRect,
  dropArticle,
  movePlacement,
  placementRects,
  type GridMetrics,
  type PlaceResult,
} from './placing';

export type Pages = { id: string; number: number; placements: Placement[] }[];

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

/** 断开转版: the story ends on page `pageNumber`; its later parts are taken off their pages. */
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

/** The story's last part moves to `page`, into `space`, and the part before it continues there. */
export function moveLastPart(
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
export function continueIn(
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
