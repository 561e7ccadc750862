// 置入图片 as a change: the photo goes into the story — into its first photo without an image, or
// as a new photo at its end — and, when the story is placed on the page shown, into a frame across its
// first text region (as tall as the photo's proportions ask, within the region).
import type { Operation } from 'slate';
import type { Article, Asset, Edition } from '../../engine/model/types';
import { blockTextOf } from './document';
import type { Change, PageFrames } from './history';

/** The body grid of a page, as the frame's size is worked out from it. */
export type LinePitch = (
  page: number,
) => { pitch: number; col: number; gutter: number; lines: number } | null;

export function photoChange(
  ed: Edition,
  article: Article,
  asset: Asset,
  caption: string | null,
  currentPage: number,
  linePitch: LinePitch,
): Change {
  const id = article.id;
  const ops: Operation[] = [];
  let index = article.blocks.findIndex((b) => b.type === 'photo' && !b.asset);
  if (index >= 0) {
    ops.push({
      type: 'set_node',
      path: [index],
      properties: { asset: null },
      newProperties: { asset: asset.id },
    } as unknown as Operation);
    if (caption && !blockTextOf(article.blocks[index]).trim())
      ops.push({ type: 'insert_text', path: [index, 0], offset: 0, text: caption } as unknown as Operation);
  } else {
    index = article.blocks.length;
    ops.push({
      type: 'insert_node',
      path: [index],
      node: { type: 'photo', asset: asset.id, children: [{ text: caption ?? '' }] },
    } as unknown as Operation);
  }
  const page = ed.pages.find((p) => p.number === currentPage);
  const at = page?.placements.findIndex((p) => p.article === id) ?? -1;
  const frames: PageFrames[] = [];
  if (page && at >= 0 && !page.placements[at].photos.some((f) => f.block === index)) {
    const pl = page.placements[at];
    const r = pl.regions[0];
    const g = linePitch(page.number);
    if (r && g) {
      const width = r.cols * g.col + (r.cols - 1) * g.gutter;
      const captionLines = caption ? 2 : 1;
      const lines = Math.max(
        3,
        Math.min(
          r.lines,
          Math.round((width * asset.pixelHeight) / asset.pixelWidth / g.pitch) + captionLines,
        ),
      );
      const frame = {
        block: index,
        area: { col: r.col, cols: r.cols, line: r.line, lines },
        fit: 'fill' as const,
        captionLines,
      };
      frames.push({
        page: page.id,
        before: page.placements,
        after: page.placements.map((p, i) => (i === at ? { ...p, photos: [...p.photos, frame] } : p)),
      });
    }
  }
  return { kind: 'text', article: id, ops, at: Date.now(), ...(frames.length ? { frames } : {}) };
}
