// Going to a place in the copy (a find hit, a term-check finding): the page that shows it, the
// article opened in the editor with those characters selected, and the selection shown on the page.
import type { EditionSession } from './session';

export interface Place {
  article: string;
  block: number;
  offset: number;
  length: number;
}

/** The page whose layout shows this character of the copy, or the first page the article is on. */
export function pageShowing(session: EditionSession, at: Omit<Place, 'length'>): number | null {
  for (const [n, page] of session.pages)
    for (const item of page.items)
      if (item.kind === 'glyphs')
        for (const g of item.glyphs)
          if (g.src.article === at.article && g.src.block === at.block && g.src.offset === at.offset)
            return n;
  return session.pagesOf(at.article)[0] ?? null;
}

export function goToPlace(session: EditionSession, at: Place): void {
  const page = pageShowing(session, at);
  if (page != null) session.goToPage(page);
  session.openArticle(at.article, { block: at.block, offset: at.offset, length: at.length });
  session.setSelection({
    article: at.article,
    anchor: { block: at.block, offset: at.offset },
    focus: { block: at.block, offset: at.offset + at.length },
  });
}
