// An image file dropped on the page view: on a photo frame, that frame takes the image (its photo
// block's picture is replaced, the frame stays as it is); on free space, a new frame there (a picture
// story of its own, the frame as wide as the free columns allow, as tall as the picture asks); on a
// story's text, the picture goes into the open story as 置入图片 does. The page view notes where the
// drop was; the importer, once the photo is stored, asks for it.
import type { Operation } from 'slate';
import type { Asset, GridRect } from '../../engine/model/types';
import type { EditionSession } from '../state/session';
import { cellAt, type GridMetrics } from '../state/placing';
import { freeSpace } from '../state/free-space';
import { frameAt } from './selection';

export type PhotoDropTarget =
  { page: number; article: string; block: number } | { page: number; space: GridRect; line: number };

const pending = new WeakMap<EditionSession, PhotoDropTarget>();

/** Notes where image files were dropped on page `page` (a page point); nothing when not over the grid. */
export function notePhotoDrop(
  session: EditionSession,
  page: number,
  g: GridMetrics,
  at: { x: number; y: number },
): void {
  pending.delete(session);
  const pg = session.edition.pages.find((p) => p.number === page);
  const t = pg && session.templates[pg.template];
  const firstRow = page === 1 && t?.masthead ? t.masthead.lines : 0;
  const cell = cellAt(g, at.x, at.y);
  const right = g.x + g.columns * g.columnWidth + (g.columns - 1) * g.gutter;
  if (!pg || at.x < g.x || at.y < g.y || at.x > right || at.y > g.y + g.lines * g.pitch) return;
  const hit = frameAt(pg, cell);
  if (hit?.kind === 'photo') {
    const pl = pg.placements.find((p) => p.article === hit.article)!;
    pending.set(session, { page, article: hit.article, block: pl.photos[hit.index].block });
    return;
  }
  if (hit || cell.line < firstRow) return;
  const space = freeSpace(g, pg.placements, cell, 2, firstRow);
  if (
    space &&
    cell.line >= space.line &&
    cell.line < space.line + space.lines &&
    cell.col >= space.col &&
    cell.col < space.col + space.cols
  )
    pending.set(session, { page, space, line: cell.line });
}

/** The drop target noted for the image now being placed, once. */
export function takePhotoDrop(session: EditionSession): PhotoDropTarget | undefined {
  const t = pending.get(session);
  pending.delete(session);
  return t;
}

/**
 * Puts a stored photo where it was dropped. Returns why not, or null. Into a frame: one undoable
 * step; into free space: the picture story (导入) and its frame (上版), two steps.
 */
export function placeDroppedPhoto(
  session: EditionSession,
  target: PhotoDropTarget,
  asset: Asset,
  caption: string | null,
  name: string,
  g: GridMetrics,
): string | null {
  if ('article' in target) {
    const article = session.article(target.article);
    const block = article?.blocks[target.block];
    if (!article || !block || block.type !== 'photo') return '图框已不在';
    const ops = [
      {
        type: 'set_node',
        path: [target.block],
        properties: { asset: block.asset ?? null },
        newProperties: { asset: asset.id },
      },
    ] as unknown as Operation[];
    const why = session.applyPhotoChange({ kind: 'text', article: article.id, ops, at: Date.now() }, [asset]);
    if (!why) session.openArticle(article.id);
    return why;
  }
  const page = session.edition.pages.find((p) => p.number === target.page);
  if (!page) return `没有第 ${target.page} 版`;
  const { space } = target;
  const captionLines = caption ? 2 : 1;
  const width = space.cols * g.columnWidth + (space.cols - 1) * g.gutter;
  const lines = Math.min(
    space.lines,
    Math.max(3, Math.round((width * asset.pixelHeight) / asset.pixelWidth / g.pitch) + captionLines),
  );
  const line = Math.max(space.line, Math.min(target.line, space.line + space.lines - lines));
  const id = `a-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const stem = name.replace(/\.[^.]*$/, '');
  const why = session.addArticles(
    [
      {
        id,
        slug: `图片 ${stem}`,
        status: 'draft',
        blocks: [{ type: 'photo', asset: asset.id, children: [{ text: caption ?? '' }] }],
      },
    ],
    [asset],
    '置入图片',
  );
  if (why) return why;
  const frame = {
    block: 0,
    area: { col: space.col, cols: space.cols, line, lines },
    fit: 'fill' as const,
    captionLines,
  };
  const placed = session.changePlacements(
    '图片上版',
    new Map([[page.id, [...page.placements, { article: id, regions: [], photos: [frame] }]]]),
  );
  if (!placed) return session.refusal ?? '图片未能上版';
  session.openArticle(id);
  return null;
}
