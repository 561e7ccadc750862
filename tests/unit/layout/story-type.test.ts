import { describe, expect, it } from 'vitest';
import type { Box, GlyphRun, Rule } from '../../../engine/display/types';
import { PageGrid, layoutEdition } from '../../../engine/layout';
import { fitHeadline, fitLines } from '../../../engine/layout/autofit';
import type { Placement } from '../../../engine/model/types';
import { validateEdition } from '../../../engine/model/validate';
import { R, article, copy, ctx, edition, expectOnBaselineGrid, templates } from '../../support/layout';

const sikai = templates.sikai;
const grid = new PageGrid(sikai);
const story = article('s', [
  ['headline', '区委召开全会部署下一阶段工作'],
  ['paragraph', copy(400)],
  ['paragraph', copy(300, 2)],
]);
const base: Placement = {
  article: 's',
  headline: { area: R(0, 3, 12, 4), orientation: 'horizontal', align: 'center' },
  regions: [R(0, 3, 16, 30)],
  photos: [],
};
const lay = (pl: Placement) => {
  const ed = validateEdition(edition([story], [pl]));
  return layoutEdition(ed, ctx).pages[0];
};
const body = (items: { kind: string }[]) =>
  items.filter((i): i is GlyphRun => i.kind === 'glyphs' && (i as GlyphRun).role === 'body');
const fitOf = (pl: Placement) => lay(pl).fits.find((f) => f.article === 's')!;

describe("a story's type over the template's styles", () => {
  it('sets the body in the 字号 and 字体 given, and copyfit follows', () => {
    const plain = lay(base);
    expect(new Set(body(plain.items).map((r) => r.size))).toEqual(new Set([9]));
    const bigger = lay({ ...base, type: { body: { size: 10.5, role: '黑体' } } });
    const runs = body(bigger.items);
    expect(new Set(runs.map((r) => r.size))).toEqual(new Set([10.5]));
    expect(new Set(runs.map((r) => r.face))).toEqual(new Set([sikai.roles['黑体']]));
    const before = plain.fits[0];
    const after = bigger.fits[0];
    expect(after.linesUsed).toBeGreaterThan(before.linesUsed);
  });

  it('takes two rows a line for a 行距 of two lines, and its lines stay on the grid', () => {
    const before = fitOf(base).linesUsed;
    const page = lay({ ...base, type: { body: { leading: 2 * grid.pitch } } });
    expect(page.fits[0].linesUsed + page.fits[0].oversetLines).toBeGreaterThanOrEqual(2 * before - 2);
    const ys = [...new Set(body(page.items).map((r) => Math.round(r.y * 100) / 100))].sort((a, b) => a - b);
    expect(ys[1] - ys[0]).toBeCloseTo(2 * grid.pitch, 6);
  });

  it('tightens with negative 字距 and loosens with positive, and aligns and indents as told', () => {
    const n = (tracking: number) => fitOf({ ...base, type: { body: { tracking } } }).linesUsed;
    expect(n(-0.05)).toBeLessThan(n(0));
    expect(n(0.05)).toBeGreaterThan(n(0));
    const flush = lay({ ...base, type: { body: { indent: 0 } } });
    const first = body(flush.items)[0];
    expect(first.x + first.glyphs[0].x).toBeCloseTo(grid.colX(0), 3);
  });

  it('sets the 主题 at its own size', () => {
    const page = lay({ ...base, type: { headline: { size: 20 } } });
    const head = page.items.filter((i): i is GlyphRun => i.kind === 'glyphs' && i.role === 'headline');
    expect(new Set(head.map((r) => r.size))).toEqual(new Set([20]));
  });

  it('refuses type, tint and box values out of range, naming the field', () => {
    expect(() => lay({ ...base, type: { body: { size: 1000 } } })).toThrow(/type\.body\.size/);
    expect(() => lay({ ...base, tint: { c: 120, m: 0, y: 0, k: 0 } })).toThrow(/tint\.c/);
    expect(() => lay({ ...base, box: { inset: 1, style: 'wavy' as 'solid' } })).toThrow(/box\.style/);
  });
});

describe('底纹, box styles and 分栏线', () => {
  it('puts a CMYK tint under the story, over its areas, knocked out', () => {
    const page = lay({ ...base, tint: { c: 0, m: 0, y: 20, k: 10 } });
    const i = page.items.findIndex((x) => x.kind === 'box' && x.role === 'tint');
    const tint = page.items[i] as Box;
    expect(tint.fill).toEqual({ c: 0, m: 0, y: 20, k: 10 });
    expect(tint.overprint).toBe(false);
    expect(tint).toMatchObject({ x: grid.colX(0), y: grid.rowTop(12), w: grid.spanWidth(3) });
    expect(tint.h).toBeCloseTo(34 * grid.pitch, 6);
    // Under every glyph of the story.
    expect(page.items.findIndex((x) => x.kind === 'glyphs' && x.role === 'body')).toBeGreaterThan(i);
  });

  it("draws the box in its weight, dotted or double, with round corners; the tint follows the box's corners", () => {
    const boxes = (pl: Placement) =>
      lay(pl).items.filter((x): x is Box => x.kind === 'box' && x.role === 'article-box');
    expect(boxes({ ...base, box: { inset: 1 } })[0].stroke!.width).toBe(sikai.rules.box);
    const [heavy] = boxes({ ...base, box: { inset: 1, weight: 2, corner: 1, style: 'dotted' } });
    expect(heavy.stroke).toMatchObject({ width: 2, dash: [4, 4] });
    expect(heavy.radius).toBe(grid.em);
    expect(boxes({ ...base, box: { inset: 1, style: 'double' } })).toHaveLength(2);
    const page = lay({ ...base, box: { inset: 1, corner: 1 }, tint: { c: 10, m: 0, y: 0, k: 0 } });
    const tint = page.items.find((x): x is Box => x.kind === 'box' && x.role === 'tint')!;
    const box = page.items.find((x): x is Box => x.kind === 'box' && x.role === 'article-box')!;
    expect(tint).toMatchObject({ x: box.x, y: box.y, w: box.w, h: box.h, radius: grid.em });
  });

  it('draws 分栏线 down the middle of each gutter between the text columns', () => {
    const page = lay({ ...base, columnRules: 'dotted' });
    const rules = page.items.filter(
      (x): x is Rule => x.kind === 'rule' && x.x1 === x.x2 && x.y1 >= grid.rowTop(16) - 0.01,
    );
    expect(rules.map((r) => r.x1)).toEqual([
      grid.colX(1) - sikai.grid.gutter / 2,
      grid.colX(2) - sikai.grid.gutter / 2,
    ]);
    expect(rules.every((r) => r.dash && r.y1 === grid.rowTop(16) && r.y2 === grid.rowTop(46))).toBe(true);
  });
});

describe('自动适合', () => {
  it('适合 sets the 主题 at the largest half point within the range that fits its area', () => {
    const ed = validateEdition(edition([story], [base]));
    const r = fitHeadline(ed, 1, 's', ctx);
    expect(r.placement).not.toBeNull();
    const size = r.placement!.type!.headline!.size!;
    expect(size).toBeGreaterThanOrEqual(12);
    expect(size).toBeLessThanOrEqual(42);
    expect(r.message).toContain(`${size} pt`);
    const overset = (s: number) =>
      lay({ ...base, type: { headline: { size: s } } }).fits[0].overset!.some((o) => o.block === 0);
    expect(overset(size)).toBe(false);
    if (size < 42) expect(overset(size + 0.5)).toBe(true);
    // Applied, it is where it stays.
    const again = fitHeadline(validateEdition(edition([story], [r.placement!])), 1, 's', ctx);
    expect(again.placement).toBeNull();
    expect(again.message).toContain('已是');
  });

  it('挤一行 and 放一行 change the 字距 within the limits and take one line fewer or more', () => {
    const ed = validateEdition(edition([story], [base]));
    const lines = fitOf(base).linesUsed;
    const tight = fitLines(ed, 1, 's', -1, ctx);
    expect(tight.placement!.type!.body!.tracking).toBeLessThan(0);
    expect(tight.placement!.type!.body!.tracking).toBeGreaterThanOrEqual(-0.06);
    expect(fitOf(tight.placement!).linesUsed).toBeLessThan(lines);
    expect(tight.message).toMatch(/挤一行：字距 0% → −[\d.]+%/);
    const loose = fitLines(ed, 1, 's', 1, ctx);
    expect(fitOf(loose.placement!).linesUsed).toBeGreaterThan(lines);
    // At the limit nothing is done, and the message says so.
    const limit = validateEdition(edition([story], [{ ...base, type: { body: { tracking: -0.06 } } }]));
    const none = fitLines(limit, 1, 's', -1, ctx);
    expect(none.placement).toBeNull();
    expect(none.message).toContain('挤不出一行');
  });
});

describe('隔线 in a style under a story', () => {
  it('draws the editor’s double rule where layout would draw its thin one, and not both', () => {
    const a = article('a', [['paragraph', copy(300)]]);
    const b = article('b', [['paragraph', copy(300, 2)]]);
    const pls: Placement[] = [
      { article: 'a', regions: [R(0, 3, 12, 10)], photos: [] },
      { article: 'b', regions: [R(0, 3, 23, 10)], photos: [] },
    ];
    const across = (ed: ReturnType<typeof edition>) =>
      layoutEdition(ed, ctx)
        .pages[0].items.filter((i): i is Rule => i.kind === 'rule' && i.y1 === i.y2)
        .filter((r) => Math.abs(r.y1 - (grid.rowTop(22) + grid.pitch / 2)) < 3);
    expect(across(edition([a, b], pls))).toHaveLength(1);
    const ed = edition([a, b], pls);
    ed.pages[0].rules = [{ line: 22, col: 0, cols: 3, style: 'double' }];
    const rules = across(ed);
    expect(rules).toHaveLength(2);
    expect(rules.map((r) => r.y1 - (grid.rowTop(22) + grid.pitch / 2))).toEqual([
      -sikai.rules.separator * 1.5,
      sikai.rules.separator * 1.5,
    ]);
  });
});

// 长/扁字: a story's horizontal scale widens (扁) or narrows (长) its characters; the composer sets
// the scaled advances, so lines break and copyfit follow, and the display list tells the painters.
const runs = (items: { kind: string }[], role: string) =>
  items.filter((i): i is GlyphRun => i.kind === 'glyphs' && (i as GlyphRun).role === role);
const lines = (pl: Placement) => fitOf(pl).linesUsed;

describe('长/扁字', () => {
  it('扁字 takes more lines and 长字 fewer; the runs carry the scale, the lines stay justified on the grid', () => {
    const plain = lay(base);
    expect(runs(plain.items, 'body').every((r) => r.scale === undefined)).toBe(true);
    expect(lines({ ...base, type: { body: { scale: 1.2 } } })).toBeGreaterThan(lines(base));
    expect(lines({ ...base, type: { body: { scale: 0.8 } } })).toBeLessThan(lines(base));

    const wide = lay({ ...base, type: { body: { scale: 1.2 } } });
    const body = runs(wide.items, 'body');
    expect(new Set(body.map((r) => r.scale))).toEqual(new Set([1.2]));
    expect(new Set(body.map((r) => r.size))).toEqual(new Set([9]));
    expectOnBaselineGrid(wide, sikai);
    // A justified body line still ends at its column's measure; its Han characters are about
    // 1.2 em wide (9 × 1.2 = 10.8 pt), give or take justification.
    const line = body.find((r) => r.glyphs.length > 8)!;
    const last = line.glyphs.at(-1)!;
    expect(line.x + last.x + last.advance).toBeLessThanOrEqual(grid.colX(0) + grid.spanWidth(1) + 0.01);
    const han = line.glyphs.filter((g) => /\p{Script=Han}/u.test(g.text)).map((g) => g.advance);
    const median = han.sort((a, b) => a - b)[han.length >> 1];
    expect(median).toBeGreaterThan(10.5);
    expect(median).toBeLessThan(11.2);
    // The first-line indent is two scaled characters.
    const first = body[0];
    expect(first.x + first.glyphs[0].x - grid.colX(0)).toBeCloseTo(2 * 9 * 1.2, 1);
  });

  it('sets the 主题 长/扁 on its own, and never a vertical body or 竖题', () => {
    const head = runs(lay({ ...base, type: { headline: { scale: 0.8 } } }).items, 'headline');
    expect(new Set(head.map((r) => r.scale))).toEqual(new Set([0.8]));
    const vertical = lay({ ...base, vertical: true, type: { body: { scale: 1.2, tracking: 0.02 } } });
    expect(runs(vertical.items, 'body').every((r) => r.scale === undefined)).toBe(true);
  });

  it('refuses a scale out of range, naming the field', () => {
    expect(() => lay({ ...base, type: { body: { scale: 3 } } })).toThrow(/type\.body\.scale/);
  });
});

describe('type for selected text', () => {
  it('sets a word in its own 字号, 字体 and 字距; its line takes the rows its size needs, on the grid', () => {
    const marked = article('s', [['paragraph', copy(200)]]);
    const leaves = [
      { text: copy(200).slice(0, 30) },
      { text: copy(200).slice(30, 34), size: 20, role: '黑体', tracking: 0.1 },
      { text: copy(200).slice(34) },
    ];
    (marked.blocks[0] as { children: unknown[] }).children = leaves;
    const pl: Placement = { article: 's', regions: [R(0, 3, 16, 30)], photos: [] };
    const page = layoutEdition(validateEdition(edition([marked], [pl])), ctx).pages[0];
    const big = body(page.items).filter((r) => r.size === 20);
    expect(big.map((r) => r.glyphs.map((g) => g.text).join('')).join('')).toBe(leaves[1].text);
    expect(new Set(big.map((r) => r.face))).toEqual(new Set([sikai.roles['黑体']]));
    // The line with the big word takes more than its one row: the lines either side of it are at
    // least three pitches apart.
    const ys = [...new Set(body(page.items).map((r) => Math.round(r.y * 100) / 100))].sort((a, b) => a - b);
    const at = ys.indexOf(Math.round(big[0].y * 100) / 100);
    expect(ys[at + 1] - ys[at - 1]).toBeGreaterThan(3 * grid.pitch - 0.01);
    expectOnBaselineGrid(page, sikai);
  });
});
