// The edition's page list as an editor changes it: add, delete, duplicate, reorder, rename (版名,
// 版次), ad slots (广告位). Pure functions from pages to pages, applied by the session as one undoable
// step. Page numbers are the pages' order (the model sorts by number): after an add, delete or move
// the pages are numbered on from the first page's number, and every 转版 link (`continuesOn`) follows
// its page, so folios, running heads and jump lines follow by themselves (layout sets them from the
// numbers).
import type { AdSlot, Guide, Page, Placement } from '../../engine/model/types';
import { removePart } from './continued';

export type Result = { pages: Page[] } | { refused: string };

function newId(prefix: string, taken: Set<string>): string {
  for (;;) {
    const id = `${prefix}-${typeof crypto !== 'undefined' && crypto.randomUUID ? crypto.randomUUID().slice(0, 8) : Math.random().toString(36).slice(2, 10)}`;
    if (!taken.has(id)) return id;
  }
}

/** The pages in this order numbered on from `first`, their 转版 links following the pages they named. */
export function renumber(order: Page[], first: number): Page[] {
  const byOld = new Map(order.map((p, i) => [p.number, first + i]));
  return order.map((p, i) => ({
    ...p,
    number: first + i,
    placements: p.placements.map((pl): Placement =>
      pl.continuesOn && byOld.has(pl.continuesOn.page)
        ? { ...pl, continuesOn: { page: byOld.get(pl.continuesOn.page)! } }
        : pl,
    ),
  }));
}

const firstNumber = (pages: Page[]) => (pages.length ? Math.min(...pages.map((p) => p.number)) : 1);

/** A new empty page on a template, after page `after` (at the end without it). */
export function addPage(pages: Page[], template: string, after?: number, section = ''): Result {
  if (pages.length >= 999) return { refused: '一期最多 999 个版面' };
  const at = after === undefined ? pages.length : pages.findIndex((p) => p.number === after) + 1;
  const page: Page = {
    id: newId('page', new Set(pages.map((p) => p.id))),
    number: 0,
    section,
    template,
    placements: [],
  };
  const order = [...pages.slice(0, at), page, ...pages.slice(at)];
  return { pages: renumber(order, firstNumber(pages)) };
}

/** A copy of a page's frame: template, 版名, ad slots and drawn rules; not its stories (each story is on one page). */
export function duplicatePage(pages: Page[], number: number): Result {
  const src = pages.find((p) => p.number === number);
  if (!src) return { refused: `没有第 ${number} 版` };
  const r = addPage(pages, src.template, number, src.section);
  if ('refused' in r) return r;
  const taken = new Set(pages.flatMap((p) => (p.ads ?? []).map((a) => a.id)));
  const copy = r.pages.find((p) => !pages.some((q) => q.id === p.id))!;
  const ads: AdSlot[] = (src.ads ?? []).map((a) => {
    const id = newId('ad', taken);
    taken.add(id);
    return { ...a, id };
  });
  return {
    pages: r.pages.map((p) =>
      p === copy
        ? {
            ...p,
            ...(ads.length ? { ads } : {}),
            ...(src.rules ? { rules: src.rules } : {}),
            ...(src.guides ? { guides: src.guides } : {}),
            ...(src.autoRules === false ? { autoRules: false } : {}),
          }
        : p,
    ),
  };
}

/** Deletes a page; its stories go back to the article list (a continued story's other parts are joined). */
export function deletePage(pages: Page[], number: number): Result {
  const page = pages.find((p) => p.number === number);
  if (!page) return { refused: `没有第 ${number} 版` };
  if (pages.length === 1) return { refused: '一期至少要有一个版面' };
  let out = pages;
  for (const pl of page.placements) {
    const change = removePart(out, number, pl.article);
    out = out.map((p) => (change.has(p.id) ? { ...p, placements: change.get(p.id)! } : p));
  }
  return {
    pages: renumber(
      out.filter((p) => p.id !== page.id),
      firstNumber(pages),
    ),
  };
}

/** Moves page `number` to position `to` (0-based) in the page order. */
export function movePage(pages: Page[], number: number, to: number): Result {
  const from = pages.findIndex((p) => p.number === number);
  if (from < 0) return { refused: `没有第 ${number} 版` };
  to = Math.max(0, Math.min(pages.length - 1, to));
  if (from === to) return { pages };
  const order = [...pages];
  const [moved] = order.splice(from, 1);
  order.splice(to, 0, moved);
  return { pages: renumber(order, firstNumber(pages)) };
}

/**
 * Renames a page: its 版名 (section) and its 版次 (page number). A number another page has is refused;
 * the pages are then in the order of their numbers, and 转版 links follow.
 */
export function renamePage(pages: Page[], number: number, section: string, newNumber: number): Result {
  const page = pages.find((p) => p.number === number);
  if (!page) return { refused: `没有第 ${number} 版` };
  section = section.trim();
  if (section.length > 40) return { refused: '版名太长（最多 40 个字）' };
  if (!Number.isInteger(newNumber) || newNumber < 1 || newNumber > 999)
    return { refused: '版次须是 1 到 999 的整数' };
  if (newNumber !== number && pages.some((p) => p.number === newNumber))
    return { refused: `已经有第 ${newNumber} 版` };
  if (section === page.section && newNumber === number) return { pages };
  const out = pages.map((p) =>
    p.id === page.id
      ? { ...p, section, number: newNumber }
      : p.placements.some((pl) => pl.continuesOn?.page === number)
        ? {
            ...p,
            placements: p.placements.map((pl) =>
              pl.continuesOn?.page === number ? { ...pl, continuesOn: { page: newNumber } } : pl,
            ),
          }
        : p,
  );
  return { pages: [...out].sort((a, b) => a.number - b.number) };
}

/** A new ad slot on a page: `cols` × `lines` at the foot of the type area, right-aligned. */
export function addAd(pages: Page[], number: number, slot: Omit<AdSlot, 'id'>): Result {
  const page = pages.find((p) => p.number === number);
  if (!page) return { refused: `没有第 ${number} 版` };
  const id = newId('ad', new Set(pages.flatMap((p) => (p.ads ?? []).map((a) => a.id))));
  return { pages: pages.map((p) => (p === page ? { ...p, ads: [...(p.ads ?? []), { id, ...slot }] } : p)) };
}

/** A page's ruler guides replaced (one pulled from a ruler, moved, or dropped back on it). */
export function setGuides(pages: Page[], number: number, guides: Guide[]): Page[] {
  return pages.map((p) => {
    if (p.number !== number) return p;
    const { guides: _was, ...rest } = p;
    return guides.length ? { ...rest, guides } : rest;
  });
}
