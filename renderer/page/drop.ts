// A story dragged from the navigator onto the page view: a story new to the page fills the free space
// of the column it is dropped on, a story on other pages is continued here (转版), one on this page
// moves; what cannot be done is refused with the reason.
import type { DragEvent } from 'react';
import { placeOnPage } from '../state/free-space';
import { cellAt } from '../state/placing';
import type { DragContext } from './drag';
import { carriesOverset, dropOverset } from './overset-drag';
import { notePhotoDrop } from './photo-drop';

export const ARTICLE_MIME = 'application/x-banmian-article';

export function storyDragOver(e: DragEvent): void {
  if (e.dataTransfer.types.includes(ARTICLE_MIME) || carriesOverset(e)) {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
  }
}

/** A story dropped from the navigator on the page. */
export function dropStory(ctx: DragContext, e: DragEvent): void {
  const { session, grid, pageNumber } = ctx;
  // An overset mark dragged here continues its story on this page (overset-drag.tsx).
  if (dropOverset(e, session, pageNumber)) return;
  // Image files go on to the importer (the window's drop), which asks where they were dropped.
  if (e.dataTransfer.types.includes('Files') && grid)
    notePhotoDrop(session, pageNumber, grid, ctx.toPage(e.clientX, e.clientY));
  const article = e.dataTransfer.getData(ARTICLE_MIME);
  if (!article || !grid) return;
  e.preventDefault();
  const { x, y } = ctx.toPage(e.clientX, e.clientY);
  const cell = cellAt(grid, x, y);
  const page = session.edition.pages.find((p) => p.number === pageNumber);
  if (!page) return;
  const onThisPage = page.placements.some((p) => p.article === article);
  const elsewhere = !onThisPage && session.pagesOf(article).length > 0;
  // A new story fills free space in the column it is dropped on; a story on other pages is continued
  // here (转版); what cannot be done is refused with the reason.
  const t = session.templates[page.template];
  const firstRow = page.number === 1 && t?.masthead ? t.masthead.lines : 0;
  const label = onThisPage ? '移动稿件' : elsewhere ? '转版' : '上版';
  const placed = placeOnPage(
    session.edition.pages,
    pageNumber,
    grid,
    article,
    cell,
    { cols: Math.min(3, grid.columns), headlineLines: 4 },
    firstRow,
  );
  if (placed.refusal) session.refuse(label, placed.refusal);
  else session.changePlacements(label, placed.next);
  session.openArticle(article);
}
