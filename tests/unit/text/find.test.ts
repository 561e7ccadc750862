// 查找替换's rules: full/half-width and Latin case folded, whole words by the segmenter, hits in
// reading order, and replacement operations that keep offsets and formatting.
import { describe, expect, it } from 'vitest';
import { applyTextOps } from '../../../renderer/state/history';
import type { Operation } from 'slate';
import {
  articlesInOrder,
  findInArticles,
  findInText,
  foldForFind,
  leavesText,
  replaceOps,
} from '../../../engine/text/find';
import type { Article, Block } from '../../../engine/model/types';
import { loadSampleEdition } from '../../../electron/services/sample';

const para = (...leaves: { text: string; bold?: true }[]): Block => ({ type: 'paragraph', children: leaves });

describe('find', () => {
  it('folds full-width forms and Latin case, one unit per unit', () => {
    expect(foldForFind('ＡＢＣ１２３　Ｘy')).toBe('abc123 xy');
    expect(foldForFind('ＡＢＣ', { matchWidth: true })).toBe('ａｂｃ');
    expect(foldForFind('AbC', { matchCase: true })).toBe('AbC');
  });

  it('finds full-width digits and letters by their half-width forms and back', () => {
    expect(findInText('二〇二三年ＧＤＰ增长５％，GDP', 'gdp')).toEqual([5, 13]);
    expect(findInText('增长５％', '5%')).toEqual([2]);
    expect(findInText('增长５％', '5%', { matchWidth: true })).toEqual([]);
    expect(findInText('GDP gdp', 'gdp', { matchCase: true })).toEqual([4]);
  });

  it('whole words: 学习 is not found inside 学习强国, and is found as a word', () => {
    const text = '他们用学习强国学习新思想';
    expect(findInText(text, '学习')).toEqual([3, 7]);
    expect(findInText(text, '学习', { wholeWord: true })).toEqual([7]);
  });

  it('lists hits in reading order, page by page, then the articles not placed', () => {
    const ed = loadSampleEdition();
    const order = articlesInOrder(ed).map((a) => a.id);
    expect(new Set(order).size).toBe(ed.articles.length);
    expect(order[0]).toBe(ed.pages[0].placements[0].article);
    const hits = findInArticles(articlesInOrder(ed), '的');
    expect(hits.length).toBeGreaterThan(10);
    for (const h of hits) {
      const a = ed.articles.find((x) => x.id === h.article)!;
      expect(leavesText(a.blocks[h.block]).slice(h.offset, h.offset + h.length)).toBe('的');
    }
  });

  it("replaces every hit of a block, over leaves, keeping the first leaf's formatting", () => {
    const blocks = [para({ text: '按装了' }, { text: '空调，又按', bold: true }, { text: '装了热水器' })];
    const article: Article = { id: 'x', slug: 'x', status: 'draft', blocks };
    const hits = findInArticles([article], '按装');
    expect(hits.map((h) => h.offset)).toEqual([0, 7]);
    const after = applyTextOps(blocks, replaceOps(blocks, hits, '安装') as unknown as Operation[]);
    expect(leavesText(after[0])).toBe('安装了空调，又安装了热水器');
    expect(after[0].children[1]).toEqual({ text: '空调，又安装', bold: true });
  });
});
