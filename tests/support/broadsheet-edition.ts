// An eight-page 对开 edition made from the sample page: the export tests and the benchmarks share it.
import type { Edition } from '../../engine/model/types';
import { loadSampleEdition } from '../../electron/services/sample';

/** Eight (or `pages`) 对开 pages, each carrying its own copy of the sample page's stories (a broadsheet day of the same density). */
export function eightPageBroadsheet(pages = 8): Edition {
  const ed = loadSampleEdition();
  const first = ed.pages[0];
  const stories = ed.articles;
  // The 对开 masthead is three lines deeper than the 四开 one the sample was placed under.
  const down = <T extends { line: number }>(r: T): T => ({ ...r, line: r.line + 3 });
  // A story placed on two pages is a jump and must be linked; each page gets stories of its own.
  const own = (id: string, page: number) => (page === 1 ? id : `${id}-p${page}`);
  ed.articles = Array.from({ length: pages }, (_, i) =>
    stories.map((a) => ({ ...a, id: own(a.id, i + 1) })),
  ).flat();
  ed.pages = Array.from({ length: pages }, (_, i) => ({
    ...first,
    id: `p${i + 1}`,
    number: i + 1,
    template: 'duikai',
    section: i === 0 ? '要闻' : '综合新闻',
    placements: first.placements.map((pl) => ({
      ...pl,
      article: own(pl.article, i + 1),
      regions: pl.regions.map(down),
      headline: pl.headline && { ...pl.headline, area: down(pl.headline.area) },
      photos: pl.photos.map((ph) => ({ ...ph, area: down(ph.area) })),
    })),
  }));
  return ed;
}
