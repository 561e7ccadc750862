import { describe, expect, it } from 'vitest';
import type { Page, Placement } from '../../../engine/model/types';
import { ruleUnder, ruleUnderStyle, setRuleUnder } from '../../../renderer/state/story-rule';

const pl: Placement = {
  article: 'a',
  headline: { area: { col: 1, cols: 3, line: 10, lines: 4 }, orientation: 'horizontal', align: 'center' },
  regions: [{ col: 1, cols: 2, line: 14, lines: 20 }],
  photos: [],
};
const pages: Page[] = [
  { id: 'p1', number: 1, section: '要闻', template: 'sikai', placements: [pl] },
  { id: 'p2', number: 2, section: '综合', template: 'sikai', placements: [] },
];

describe('隔线 under a story', () => {
  it('goes across the story’s columns through the white line under its lowest area, in the style chosen', () => {
    expect(ruleUnder(pl, 70)).toEqual({ line: 34, col: 1, cols: 3 });
    const dotted = setRuleUnder(pages, 1, pl, 70, 'dotted');
    expect(dotted[0].rules).toEqual([{ line: 34, col: 1, cols: 3, style: 'dotted' }]);
    expect(dotted[1]).toBe(pages[1]);
    expect(ruleUnderStyle(dotted[0], pl, 70)).toBe('dotted');
    // Another style replaces it; none removes it, and the page has no rules left.
    const double = setRuleUnder(dotted, 1, pl, 70, 'double');
    expect(double[0].rules).toEqual([{ line: 34, col: 1, cols: 3, style: 'double' }]);
    expect('rules' in setRuleUnder(double, 1, pl, 70, null)[0]).toBe(false);
  });

  it('is not offered for a story that reaches the foot of the grid', () => {
    expect(ruleUnder(pl, 34)).toBeNull();
    expect(setRuleUnder(pages, 1, pl, 34, 'thin')).toBe(pages);
  });
});
