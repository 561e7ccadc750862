// Placement validation: what keeps a page from being laid out on its template (layout and the edition
// store both ask, so a saved edition always lays out).
import type { GridRect, Page } from '../model/types';
import type { Template } from '../templates/types';
import { adArea } from './ads';
import { PageGrid } from './grid';
import { checkRule } from './rules';

/** A placement or rule that does not fit its page's template: the message, and what the editor reads. */
export interface PageProblem {
  message: string;
  zh: string;
}

/**
 * What keeps a page from being laid out on template `t`: placements of articles the edition lacks,
 * rectangles off the grid or inside the masthead, rules off the grid. Layout refuses a page with any;
 * the edition store refuses to commit one (so a saved edition always lays out).
 */
export function pageProblems(
  page: Page,
  t: Template,
  articles: ReadonlyMap<string, unknown> | ReadonlySet<string>,
): PageProblem[] {
  const grid = new PageGrid(t);
  const firstRow = page.number === 1 && t.masthead ? t.masthead.lines : 0;
  const problems: PageProblem[] = [];
  const zhNames: Record<string, string> = { headline: '标题区' };
  page.placements.forEach((pl, i) => {
    const where = `page ${page.number}, placement ${i + 1} (${pl.article})`;
    const story = `第 ${page.number} 版稿件“${pl.article}”`;
    if (!articles.has(pl.article))
      problems.push({
        message: `${where}: the edition has no article "${pl.article}"`,
        zh: `${story}不在本期中`,
      });
    const rects: [string, string, GridRect][] = [
      ...pl.regions.map((r, k) => [`region ${k + 1}`, `文字区 ${k + 1}`, r] as [string, string, GridRect]),
      ...pl.photos.map((p, k) => [`photo ${k + 1}`, `图框 ${k + 1}`, p.area] as [string, string, GridRect]),
    ];
    if (pl.headline) rects.push(['headline', zhNames.headline, pl.headline.area]);
    for (const [name, zh, r] of rects) {
      const p = grid.check(r);
      if (p)
        problems.push({
          message: `${where}: ${name}: ${p}`,
          zh: `${story}的${zh}：超出版心（${t.grid.columns} 栏 × ${t.grid.lines} 行）或太窄`,
        });
      else if (r.line < firstRow)
        problems.push({
          message: `${where}: ${name}: starts on line ${r.line + 1}, inside the masthead (lines 1–${firstRow})`,
          zh: `${story}的${zh}：从第 ${r.line + 1} 行开始，伸进了报头（第 1–${firstRow} 行）`,
        });
    }
  });
  for (const ad of page.ads ?? []) {
    const r = adArea(ad);
    const p = grid.check(r);
    const zh = `第 ${page.number} 版广告位“${ad.label || ad.id}”`;
    if (p)
      problems.push({
        message: `page ${page.number}, ad slot ${ad.id}: ${p}`,
        zh: `${zh}超出版心（${t.grid.columns} 栏 × ${t.grid.lines} 行）`,
      });
    else if (r.line < firstRow)
      problems.push({
        message: `page ${page.number}, ad slot ${ad.id}: starts on line ${r.line + 1}, inside the masthead (lines 1–${firstRow})`,
        zh: `${zh}从第 ${r.line + 1} 行开始，伸进了报头（第 1–${firstRow} 行）`,
      });
  }
  (page.rules ?? []).forEach((r, i) => {
    const p = checkRule(r, grid);
    if (p)
      problems.push({
        message: `page ${page.number}, rule ${i + 1}: ${p}`,
        zh: `第 ${page.number} 版第 ${i + 1} 条隔线超出版心`,
      });
  });
  return problems;
}
