// 隔线 under a story: the editor's rule (Page.rules) across the story's columns, through the middle of
// the white line under its lowest area, in a style (细线, 粗线, 双线, 点线). Pure: the page list with
// that rule set, replaced or removed, for one undoable page-list step.
import type { GridRect, Page, PageRule, Placement, RuleStyle } from '../../engine/model/types';

type Across = Extract<PageRule, { col: number }>;

/** Where the rule under the story goes, or null when the story reaches the foot of the grid. */
export function ruleUnder(pl: Placement, gridLines: number): Omit<Across, 'style'> | null {
  const areas: GridRect[] = [
    ...pl.regions,
    ...pl.photos.map((p) => p.area),
    ...(pl.headline ? [pl.headline.area] : []),
  ];
  if (!areas.length) return null;
  const line = Math.max(...areas.map((a) => a.line + a.lines));
  if (line >= gridLines) return null;
  const col = Math.min(...areas.map((a) => a.col));
  const cols = Math.max(...areas.map((a) => a.col + a.cols)) - col;
  return { line, col, cols };
}

const same = (r: PageRule, at: Omit<Across, 'style'>): boolean =>
  !('gutter' in r) && r.line === at.line && r.col === at.col && r.cols === at.cols;

/** The style of the editor's rule under the story, if there is one. */
export function ruleUnderStyle(page: Page, pl: Placement, gridLines: number): RuleStyle | null {
  const at = ruleUnder(pl, gridLines);
  return (at && page.rules?.find((r) => same(r, at))?.style) || null;
}

/** The pages with the rule under the story set to `style` (null: removed). */
export function setRuleUnder(
  pages: Page[],
  number: number,
  pl: Placement,
  gridLines: number,
  style: RuleStyle | null,
): Page[] {
  const at = ruleUnder(pl, gridLines);
  if (!at) return pages;
  return pages.map((p) => {
    if (p.number !== number) return p;
    const rules = (p.rules ?? []).filter((r) => !same(r, at));
    if (style) rules.push({ ...at, style });
    const { rules: _was, ...rest } = p;
    return rules.length ? { ...rest, rules } : rest;
  });
}
