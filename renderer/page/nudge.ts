// Nudging the selected frames sideways by whole 字 (← / →, Shift for five): a frame leaves its grid
// columns by a shift in 字 (`GridRect.shift`), which layout, wrap, the checks and the PDF all honour.
// A shift that adds up to whole columns and gutters is folded back into the column. A nudge that would
// leave the type area or land on another story is refused with the reason, as a drag is.
import { PageGrid, type Rect } from '../../engine/layout/grid';
import type { AdSlot, GridRect, Page, Placement } from '../../engine/model/types';
import type { Template } from '../../engine/templates';
import { adRect, frameRects, type FrameRef } from './selection';

/** The page after the nudge, or why it cannot be done (Chinese), or null when nothing is selected. */
export type NudgeResult = { page: Page } | { refused: string } | null;

/** A rectangle moved by `d` 字, the shift folded into its column when it comes to whole columns. */
export function nudgeRect<T extends GridRect | AdSlot>(t: Template, r: T, d: number): T {
  const em = t.body.size;
  const step = t.grid.columnWidth + t.grid.gutter;
  const shift = (r.shift ?? 0) + d;
  const cols = Math.round((shift * em) / step);
  const { shift: _old, ...rest } = r;
  if (cols && Math.abs(shift * em - cols * step) < 0.01) {
    const col = r.col + cols;
    if (col >= 0 && col + r.cols <= t.grid.columns) return { ...rest, col } as T;
  }
  return (shift ? { ...rest, shift } : rest) as T;
}

function movedPage(t: Template, page: Page, frames: FrameRef[], d: number): Page {
  const stories = new Set(frames.flatMap((f) => (f.kind === 'story' ? [f.article] : [])));
  const move = <T extends GridRect>(r: T) => nudgeRect(t, r, d);
  const placements = page.placements.map((pl): Placement => {
    if (stories.has(pl.article))
      return {
        ...pl,
        regions: pl.regions.map(move),
        ...(pl.headline ? { headline: { ...pl.headline, area: move(pl.headline.area) } } : {}),
        photos: pl.photos.map((f) => ({ ...f, area: move(f.area) })),
      };
    const photos = frames.flatMap((f) => (f.kind === 'photo' && f.article === pl.article ? [f.index] : []));
    if (!photos.length) return pl;
    return {
      ...pl,
      photos: pl.photos.map((f, i) => (photos.includes(i) ? { ...f, area: move(f.area) } : f)),
    };
  });
  const ads = new Set(frames.flatMap((f) => (f.kind === 'ad' ? [f.id] : [])));
  return {
    ...page,
    placements,
    ...(page.ads ? { ads: page.ads.map((a) => (ads.has(a.id) ? nudgeRect(t, a, d) : a)) } : {}),
  };
}

/** Every rectangle on the page with what it is, for the collision check. */
interface Part {
  owner: string;
  kind: 'region' | 'headline' | 'photo' | 'ad';
  key: string;
  rect: GridRect;
  /** How the editor knows an ad slot. */
  label?: string;
}

function parts(page: Page): Part[] {
  const out: Part[] = [];
  page.placements.forEach((pl) => {
    pl.regions.forEach((r, i) =>
      out.push({ owner: pl.article, kind: 'region', key: `${pl.article}|r${i}`, rect: r }),
    );
    if (pl.headline)
      out.push({ owner: pl.article, kind: 'headline', key: `${pl.article}|h`, rect: pl.headline.area });
    pl.photos.forEach((f, i) =>
      out.push({ owner: pl.article, kind: 'photo', key: `${pl.article}|p${i}`, rect: f.area }),
    );
  });
  for (const a of page.ads ?? [])
    out.push({ owner: `ad:${a.id}`, kind: 'ad', key: `ad:${a.id}`, rect: adRect(a), label: a.label || a.id });
  return out;
}

const meets = (a: Rect, b: Rect) =>
  Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 0.01 &&
  Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 0.01;

/** Whether a moved part landing on a still part is a collision (a photo frame over its own story's
 *  text is what a frame is for; anything on another story or an ad is not). */
function collides(moved: Part, still: Part): boolean {
  return moved.owner !== still.owner || (moved.kind !== 'region' && still.kind !== 'region');
}

/**
 * The selected frames moved sideways by `d` 字. `name` gives a story's name as the editor knows it.
 */
export function nudgeFrames(
  t: Template,
  page: Page,
  frames: FrameRef[],
  d: number,
  name: (article: string) => string = (a) => a,
): NudgeResult {
  if (!d || !frames.some((f) => frameRects(page, f).length)) return null;
  const grid = new PageGrid(t);
  const next = movedPage(t, page, frames, d);
  const way = `${d < 0 ? '左' : '右'}移 ${Math.abs(d)} 字`;
  const before = parts(page);
  const after = parts(next);
  const movedKeys = new Set(
    after.filter((p, i) => JSON.stringify(p.rect) !== JSON.stringify(before[i].rect)).map((p) => p.key),
  );
  for (const p of after) {
    if (!movedKeys.has(p.key)) continue;
    if (grid.check(p.rect)) return { refused: `对象${way}会超出版心` };
  }
  for (const [i, p] of after.entries()) {
    if (!movedKeys.has(p.key)) continue;
    const r = grid.rect(p.rect);
    for (const [j, q] of after.entries()) {
      if (movedKeys.has(q.key) || !collides(p, q)) continue;
      const s = grid.rect(q.rect);
      // Only a new collision stops a nudge: a frame already over another may be moved off it.
      if (meets(r, s) && !meets(grid.rect(before[i].rect), grid.rect(before[j].rect))) {
        const what = q.kind === 'ad' ? `广告位“${q.label}”` : `稿件“${name(q.owner)}”`;
        return { refused: `对象${way}会压在${what}上：先腾出位置` };
      }
    }
  }
  return { page: next };
}
