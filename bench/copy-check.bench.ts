// 查找替换 and 文字检查 over a full day's edition (16 pages, 100 stories): find every hit of a
// common word and build the replacement operations for all of them (what 全部替换 does before the
// session applies them), and the term check with the shipped lists.
import type { Bench } from './harness';
import { makeEdition } from '../tests/support/generated-edition';
import { articlesInOrder, findInArticles, replaceOps } from '../engine/text/find';
import { TermChecker } from '../engine/text/terms';
import { readTermLists } from '../electron/services/terms';

const edition = () => makeEdition({ pages: 16, articles: 100, photos: 0 });

export const copyCheckBenches: Bench[] = [
  {
    name: 'find and replace all over a 16-page edition',
    target: '≤ 50 ms',
    runs: 30,
    warmup: 3,
    setup() {
      const ed = edition();
      return () => {
        const hits = findInArticles(articlesInOrder(ed), '的');
        const byArticle = new Map<string, typeof hits>();
        for (const h of hits) byArticle.set(h.article, [...(byArticle.get(h.article) ?? []), h]);
        let ops = 0;
        for (const [id, list] of byArticle)
          ops += replaceOps(ed.articles.find((a) => a.id === id)!.blocks, list, '之').length;
        if (!hits.length || !ops) throw new Error('nothing found');
      };
    },
  },
  {
    name: 'term check over a 16-page edition',
    target: '≤ 100 ms',
    runs: 30,
    warmup: 3,
    setup() {
      const ed = edition();
      const { checker } = TermChecker.fromLists(readTermLists());
      return () => checker.check(articlesInOrder(ed));
    },
  },
];
