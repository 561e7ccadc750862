// 转版: a story placed on several pages, its placements linked by `continuesOn` into one chain in
// reading order. The chain is worked out here, once, for the edition checker and for layout alike, so
// both refuse the same mistakes with the same words.
import type { Edition, Placement } from './types';

export interface PlacementPart {
  /** Page number, and the placement's index on that page. */
  page: number;
  index: number;
  placement: Placement;
}

/** `zh`: the same problem as the editor reads it. */
export interface ChainProblem {
  page: number;
  index: number;
  article: string;
  message: string;
  zh: string;
}

/**
 * Each article's placements in reading order (one part for a story on one page), and what is wrong
 * with the links: a continuation to a page the edition lacks or where the story is not placed, two
 * placements of a story on one page, placements of a story that no link joins, a loop.
 */
export function articleChains(edition: Edition): {
  chains: Map<string, PlacementPart[]>;
  problems: ChainProblem[];
} {
  const byArticle = new Map<string, PlacementPart[]>();
  for (const page of edition.pages) {
    page.placements.forEach((placement, index) => {
      let list = byArticle.get(placement.article);
      if (!list) {
        list = [];
        byArticle.set(placement.article, list);
      }
      list.push({ page: page.number, index, placement });
    });
  }
  const numbers = edition.pages.map((p) => p.number);
  const problems: ChainProblem[] = [];
  const chains = new Map<string, PlacementPart[]>();
  for (const [article, list] of byArticle) {
    const fail = (p: PlacementPart, message: string, zh: string) =>
      problems.push({ page: p.page, index: p.index, article, message, zh });
    const before = problems.length;
    const next = new Map<PlacementPart, PlacementPart>();
    const pointedTo = new Set<PlacementPart>();
    for (const p of list) {
      if (list.some((q) => q !== p && q.page === p.page && q.index < p.index))
        fail(
          p,
          `"${article}" is placed twice on page ${p.page}; a story continues on another page, not on its own`,
          `稿件“${article}”在第 ${p.page} 版上了两次；转版只能转到另一版`,
        );
      const on = p.placement.continuesOn;
      if (!on) continue;
      if (!numbers.includes(on.page)) {
        fail(
          p,
          `continues on page ${on.page}, which the edition does not have (it has ${numbers.join(', ') || 'none'})`,
          `稿件“${article}”转第 ${on.page} 版，但本期没有第 ${on.page} 版`,
        );
        continue;
      }
      if (on.page === p.page) {
        fail(
          p,
          `continues on page ${on.page}, its own page: a story continues on another page`,
          `稿件“${article}”转到它自己所在的第 ${on.page} 版；转版只能转到另一版`,
        );
        continue;
      }
      const target = list.find((q) => q.page === on.page);
      if (!target) {
        fail(
          p,
          `continues on page ${on.page}, where "${article}" is not placed: place the rest of the story there`,
          `稿件“${article}”转第 ${on.page} 版，但第 ${on.page} 版上没有它的后续部分`,
        );
        continue;
      }
      if (pointedTo.has(target)) {
        fail(
          p,
          `continues on page ${on.page}, where another part of "${article}" already continues`,
          `稿件“${article}”有两部分都转到第 ${on.page} 版`,
        );
        continue;
      }
      next.set(p, target);
      pointedTo.add(target);
    }
    if (problems.length > before) continue;
    const heads = list.filter((p) => !pointedTo.has(p));
    const order: PlacementPart[] = [];
    if (heads.length === 1) {
      for (let p: PlacementPart | undefined = heads[0]; p && !order.includes(p); p = next.get(p))
        order.push(p);
    }
    if (order.length !== list.length) {
      fail(
        list[list.length - 1],
        `"${article}" is placed on pages ${list.map((p) => p.page).join(', ')}, but its placements are not linked into one story: give each part but the last continuesOn the page of the next`,
        `稿件“${article}”在第 ${list.map((p) => p.page).join('、')} 版上，但这几部分没有用转版连成一篇`,
      );
      continue;
    }
    chains.set(article, order);
  }
  return { chains, problems };
}
