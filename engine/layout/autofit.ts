// 自动适合: 适合 sets a story's 主题 at the largest size that fits its headline area, within the
// template's range; 挤一行 / 放一行 change the story's 字距 (tracking), within the template's limits,
// until it takes one line fewer or one line more. Each answers with the new placement and what
// changed, in the editor's words; the caller applies it as one undoable step. Pure: it lays the
// story's pages out again with each candidate (composed paragraphs are cached, so only the story's
// own paragraphs are recomposed).
import type { Edition, Placement, StoryType } from '../model/types';
import type { Template } from '../templates/types';
import { layoutEdition, type LayoutContext } from './index';
import { styleFor } from './runs';
import { storyTemplate } from './story';

/** The defaults when a template states no `fit`: 三号 to 初号, 字距 ±6 %. */
export const FIT_DEFAULTS = {
  headline: [12, 42] as [number, number],
  tracking: [-0.06, 0.06] as [number, number],
};

/** Tracking is changed in steps of half a percent of the em: finer changes no break a reader can see. */
const TRACKING_STEP = 0.005;

export interface FitResult {
  /** The placement to apply, or null when nothing within the limits does it (then `message` says why). */
  placement: Placement | null;
  message: string;
}

function findPlacement(edition: Edition, page: number, article: string): Placement | undefined {
  return edition.pages.find((p) => p.number === page)?.placements.find((p) => p.article === article);
}

function withPlacement(edition: Edition, page: number, next: Placement): Edition {
  return {
    ...edition,
    pages: edition.pages.map((p) =>
      p.number === page
        ? { ...p, placements: p.placements.map((q) => (q.article === next.article ? next : q)) }
        : p,
    ),
  };
}

function withType(pl: Placement, type: StoryType): Placement {
  const t: StoryType = {};
  if (type.body && Object.keys(type.body).length) t.body = type.body;
  if (type.headline && Object.keys(type.headline).length) t.headline = type.headline;
  const { type: _old, ...rest } = pl;
  return Object.keys(t).length ? { ...rest, type: t } : rest;
}

function templateOf(edition: Edition, page: number, ctx: LayoutContext): Template | undefined {
  const p = edition.pages.find((q) => q.number === page);
  return p ? ctx.templates[p.template] : undefined;
}

/** Whether the story's headline blocks are all set in their area on this page (no headline overset). */
function headlineFits(edition: Edition, page: number, article: string, ctx: LayoutContext): boolean {
  const a = edition.articles.find((x) => x.id === article)!;
  const heads = new Set(
    a.blocks.map((b, i) => (b.type === 'kicker' || b.type === 'headline' || b.type === 'subhead' ? i : -1)),
  );
  const list = layoutEdition(edition, ctx, { pages: [page] });
  const fit = list.pages[0].fits.find((f) => f.article === article);
  return !fit?.overset?.some((o) => heads.has(o.block));
}

const pt = (v: number) => `${Math.round(v * 10) / 10} pt`;

/** 适合: the largest 主题 size within the template's range (half-point steps) that fits the headline area. */
export function fitHeadline(edition: Edition, page: number, article: string, ctx: LayoutContext): FitResult {
  const pl = findPlacement(edition, page, article);
  const t = templateOf(edition, page, ctx);
  if (!pl || !t) return { placement: null, message: '适合：此稿未上本版' };
  if (!pl.headline) return { placement: null, message: '适合：此稿没有标题区' };
  const a = edition.articles.find((x) => x.id === article);
  if (!a?.blocks.some((b) => b.type === 'headline' && b.children.some((l) => l.text.trim())))
    return { placement: null, message: '适合：此稿没有主题' };
  const [lo, hi] = t.fit?.headline ?? FIT_DEFAULTS.headline;
  const before = styleFor(storyTemplate(t, pl.type, pl.headline.style), 'headline', pl.headline.style).size;
  const at = (size: number) => withType(pl, { ...pl.type, headline: { ...pl.type?.headline, size } });
  // The largest that fits: sizes are tried from the top of the range down (a size that fits may be
  // followed by a larger one that does not, as words break differently, so no bisection).
  for (let size = Math.floor(hi * 2) / 2; size >= lo; size -= 0.5) {
    const next = at(size);
    if (headlineFits(withPlacement(edition, page, next), page, article, ctx)) {
      if (size === before) return { placement: null, message: `适合：主题已是能放下的最大字号 ${pt(size)}` };
      return { placement: next, message: `适合：主题字号 ${pt(before)} → ${pt(size)}` };
    }
  }
  return {
    placement: null,
    message: `适合：主题在最小字号 ${pt(lo)} 也放不下标题区，请加大标题区或删减标题`,
  };
}

/** Lines the story takes on all its pages: rows used and overset lines. */
function storyLines(edition: Edition, article: string, ctx: LayoutContext): number {
  const pages = edition.pages
    .filter((p) => p.placements.some((q) => q.article === article))
    .map((p) => p.number);
  let n = 0;
  for (const pg of layoutEdition(edition, ctx, { pages }).pages)
    for (const f of pg.fits) if (f.article === article) n += f.linesUsed + f.oversetLines;
  return n;
}

const pct = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.round(Math.abs(v) * 1000) / 10}%`;

/**
 * 挤一行 (`dir` −1) / 放一行 (+1): the smallest change of the story's body 字距 within the template's
 * limits that makes it take at least one line fewer / more.
 */
export function fitLines(
  edition: Edition,
  page: number,
  article: string,
  dir: -1 | 1,
  ctx: LayoutContext,
): FitResult {
  const pl = findPlacement(edition, page, article);
  const t = templateOf(edition, page, ctx);
  const name = dir < 0 ? '挤一行' : '放一行';
  if (!pl || !t) return { placement: null, message: `${name}：此稿未上本版` };
  const [lo, hi] = t.fit?.tracking ?? FIT_DEFAULTS.tracking;
  const from = pl.type?.body?.tracking ?? 0;
  const lines = storyLines(edition, article, ctx);
  for (let k = 1; ; k++) {
    const tracking = Math.round((from + dir * k * TRACKING_STEP) * 1000) / 1000;
    if (tracking < lo - 1e-9 || tracking > hi + 1e-9) break;
    const body: NonNullable<StoryType['body']> = { ...pl.type?.body, tracking };
    if (!tracking) delete body.tracking;
    const next = withType(pl, { ...pl.type, body });
    const n = storyLines(withPlacement(edition, page, next), article, ctx);
    if (dir < 0 ? n < lines : n > lines)
      return {
        placement: next,
        message: `${name}：字距 ${pct(from)} → ${pct(tracking)}，${lines} 行 → ${n} 行`,
      };
  }
  return {
    placement: null,
    message: `${name}：字距在版式限度（${pct(lo)} 至 ${pct(hi)}）内${dir < 0 ? '挤不出' : '放不出'}一行`,
  };
}
