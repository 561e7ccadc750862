// 转版: a story continued on another page. Its text runs on from the first part into the next with
// nothing lost or set twice, the jump lines name the right pages, and only the last part is overset.
import { describe, expect, it } from 'vitest';
import type { DisplayList, GlyphRun } from '../../../engine/display/types';
import { LayoutError, PageGrid, layoutEdition } from '../../../engine/layout';
import type { Article, Edition, Placement } from '../../../engine/model/types';
import { validateEdition } from '../../../engine/model/validate';
import {
  R,
  article,
  copy,
  ctx,
  edition,
  expectInsideAreas,
  expectOnBaselineGrid,
  templates,
} from '../../support/layout';

const sikai = templates.sikai;
const grid = new PageGrid(sikai);

const runsOf = (list: DisplayList, page: number, id: string) =>
  list.pages
    .find((p) => p.number === page)!
    .items.filter((i): i is GlyphRun => i.kind === 'glyphs' && i.glyphs.some((g) => g.src.article === id));
const textOf = (runs: GlyphRun[]) => runs.map((r) => r.glyphs.map((g) => g.text).join('')).join('|');

/** Every non-space character of the article drawn exactly once over all pages, or overset. */
function expectNothingLostAcross(list: DisplayList, a: Article): void {
  const seen = new Map<string, number>();
  for (const page of list.pages) {
    for (const it of page.items) {
      if (it.kind !== 'glyphs' || it.role === 'mark' || it.role === 'master') continue;
      for (const g of it.glyphs)
        if (g.src.article === a.id)
          seen.set(`${g.src.block}:${g.src.offset}`, (seen.get(`${g.src.block}:${g.src.offset}`) ?? 0) + 1);
    }
    for (const f of page.fits)
      if (f.article === a.id)
        for (const o of f.overset ?? [])
          for (let k = 0; k < o.text.length; k++)
            seen.set(`${o.block}:${o.offset + k}`, (seen.get(`${o.block}:${o.offset + k}`) ?? 0) + 1);
  }
  const lost: string[] = [];
  const twice: string[] = [];
  a.blocks.forEach((b, bi) => {
    const text = b.children.map((l) => l.text).join('');
    for (let i = 0; i < text.length; i++) {
      if (/\s/.test(text[i])) continue;
      const n = seen.get(`${bi}:${i}`) ?? 0;
      if (n === 0) lost.push(`${bi}:${i} ${text[i]}`);
      if (n > 1) twice.push(`${bi}:${i} ${text[i]}`);
    }
  });
  expect(lost.slice(0, 5), 'lost').toEqual([]);
  expect(twice.slice(0, 5), 'set twice').toEqual([]);
}

function jumped(
  chars: number,
  contLines = 20,
): { a: Article; ed: Edition; first: Placement; rest: Placement } {
  const a = article('j', [
    ['headline', '区委全面深化改革委员会会议召开'],
    ['dateline', '本报讯'],
    ['paragraph', copy(chars)],
    ['paragraph', copy(chars, 2)],
    ['source', '（来源：区委办）'],
  ]);
  const other = article('o', [['paragraph', copy(100, 3)]]);
  const first: Placement = {
    article: 'j',
    headline: { area: R(0, 2, 10, 5), orientation: 'horizontal', align: 'center' },
    regions: [R(0, 2, 15, 10)],
    photos: [],
    continuesOn: { page: 2 },
  };
  const rest: Placement = { article: 'j', regions: [R(1, 2, 5, contLines)], photos: [] };
  return {
    a,
    ed: edition([a, other], [first], 'sikai', [
      [{ article: 'o', regions: [R(0, 1, 5, 10)], photos: [] }, rest],
    ]),
    first,
    rest,
  };
}

describe('jump lines (转版)', () => {
  it('runs the text on from page 1 into page 2, nothing lost or set twice, with （下转第二版） and （上接第一版）', () => {
    const { a, ed, first, rest } = jumped(400);
    const list = layoutEdition(validateEdition(ed), ctx);
    expectNothingLostAcross(list, a);
    const p1 = list.pages[0];
    const p2 = list.pages[1];
    const marks1 = runsOf(list, 1, 'j').filter((r) => r.role === 'mark');
    const marks2 = runsOf(list, 2, 'j').filter((r) => r.role === 'mark');
    expect(textOf(marks1)).toBe('（下转第二版）');
    expect(textOf(marks2)).toBe('（上接第一版）');
    // Each on its own line: 下转 on the last line of the first part's last column, flush right,
    // 上接 on the first line of the continuation; the story's text on neither.
    const jumpOn = marks1[0];
    expect(jumpOn.y).toBeCloseTo(grid.baseline(24, 9), 6);
    const lastG = jumpOn.glyphs[jumpOn.glyphs.length - 1];
    expect(jumpOn.x + lastG.x + lastG.advance).toBeGreaterThan(grid.colX(1) + sikai.grid.columnWidth - 9);
    expect(jumpOn.face).toBe('noto-sans-sc-500');
    const jumpFrom = marks2[0];
    expect(jumpFrom.y).toBeCloseTo(grid.baseline(5, 9), 6);
    for (const [page, jump] of [
      [1, jumpOn],
      [2, jumpFrom],
    ] as const) {
      const shared = runsOf(list, page, 'j').filter(
        (r) =>
          r.role !== 'mark' &&
          Math.abs(r.y - jump.y) < 0.01 &&
          Math.abs(r.x - jump.x) < sikai.grid.columnWidth,
      );
      expect(shared, `story text on the jump line of page ${page}`).toEqual([]);
    }
    // Jump glyphs name the story but are no copy of it.
    expect(marks1.flatMap((r) => r.glyphs).every((g) => g.src.article === 'j' && g.src.block === -1)).toBe(
      true,
    );
    // The first part is full and hands on; only the last part could be overset.
    const fit1 = p1.fits.find((f) => f.article === 'j')!;
    const fit2 = p2.fits.find((f) => f.article === 'j')!;
    expect(fit1).toMatchObject({
      continuesOn: 2,
      oversetLines: 0,
      oversetChars: 0,
      undersetLines: 0,
      linesAvailable: 19,
      linesUsed: 19,
    });
    expect(fit2).toMatchObject({ continuedFrom: 1, oversetLines: 0, linesAvailable: 39 });
    expect(fit2.undersetLines).toBeGreaterThan(0);
    expect(p1.items.some((i) => i.kind === 'overset')).toBe(false);
    expectInsideAreas(p1, sikai, [first]);
    expectInsideAreas(p2, sikai, [rest]);
    expectOnBaselineGrid(p2, sikai);
  });

  it('counts as overset only what fits in no part, marked at the end of the last', () => {
    const { a, ed } = jumped(900, 6);
    const list = layoutEdition(ed, ctx);
    expectNothingLostAcross(list, a);
    const fit1 = list.pages[0].fits.find((f) => f.article === 'j')!;
    const fit2 = list.pages[1].fits.find((f) => f.article === 'j')!;
    expect(fit1.oversetChars).toBe(0);
    expect(fit2.oversetChars).toBeGreaterThan(100);
    expect(list.pages[1].items.some((i) => i.kind === 'overset' && i.article === 'j')).toBe(true);
    expect(
      a.blocks
        .map((b) => b.children[0].text)
        .join('')
        .endsWith(fit2.oversetText),
    ).toBe(true);
  });

  it('sets the same page 2 when only page 2 is laid out, and Arabic page numbers when the template says so', () => {
    const { ed } = jumped(400);
    const all = layoutEdition(ed, ctx);
    expect(JSON.stringify(layoutEdition(ed, ctx, { pages: [2] }).pages[0])).toBe(
      JSON.stringify(all.pages[1]),
    );
    const arabic = {
      ...sikai,
      jump: { ...sikai.jump, continuedOn: '(下转第{page}版)', continuedFrom: '(上接第{page}版)' },
    };
    const list = layoutEdition(ed, { ...ctx, templates: { ...templates, sikai: arabic } });
    expect(textOf(runsOf(list, 1, 'j').filter((r) => r.role === 'mark'))).toBe('(下转第2版)');
    expect(textOf(runsOf(list, 2, 'j').filter((r) => r.role === 'mark'))).toBe('(上接第1版)');
  });

  it('goes through a middle part with both jump lines, in the order the links give, not the page order', () => {
    const a = article('j', [
      ['paragraph', copy(700)],
      ['paragraph', copy(700, 2)],
    ]);
    const ed = edition(
      [a],
      [{ article: 'j', regions: [R(0, 1, 12, 10)], photos: [], continuesOn: { page: 3 } }],
      'sikai',
      [
        [{ article: 'j', regions: [R(0, 1, 0, 40)], photos: [] }],
        [{ article: 'j', regions: [R(2, 1, 0, 10)], photos: [], continuesOn: { page: 2 } }],
      ],
    );
    const list = layoutEdition(validateEdition(ed), ctx);
    expectNothingLostAcross(list, a);
    expect(textOf(runsOf(list, 1, 'j').filter((r) => r.role === 'mark'))).toBe('（下转第三版）');
    expect(
      textOf(
        runsOf(list, 3, 'j')
          .filter((r) => r.role === 'mark')
          .sort((x, y) => x.y - y.y),
      ),
    ).toBe('（上接第一版）|（下转第二版）');
    expect(textOf(runsOf(list, 2, 'j').filter((r) => r.role === 'mark'))).toBe('（上接第三版）');
    // Page 3 carries the text right after page 1's.
    const firstOn = (page: number) =>
      runsOf(list, page, 'j')
        .filter((r) => r.role === 'body')
        .map((r) => r.glyphs[0].src)
        .sort((x, y) => x.block - y.block || x.offset - y.offset);
    const p1 = firstOn(1);
    const p3 = firstOn(3);
    const p2 = firstOn(2);
    expect(p1[p1.length - 1].block * 1e5 + p1[p1.length - 1].offset).toBeLessThan(
      p3[0].block * 1e5 + p3[0].offset,
    );
    expect(p3[p3.length - 1].block * 1e5 + p3[p3.length - 1].offset).toBeLessThan(
      p2[0].block * 1e5 + p2[0].offset,
    );
  });

  it('warns when a story ends before its continuation, which is left empty', () => {
    const { ed } = jumped(30);
    const list = layoutEdition(ed, ctx);
    expect(list.pages[1].warnings).toEqual([
      expect.objectContaining({
        code: 'continuation-empty',
        article: 'j',
        message: expect.stringContaining('在第 1 版已排完'),
      }),
    ]);
  });

  it('refuses a continuation on a page that does not exist, or where the story is not placed, and placements not linked', () => {
    const { ed } = jumped(400);
    ed.pages[0].placements[0].continuesOn = { page: 5 };
    expect(() => layoutEdition(ed, ctx)).toThrow(LayoutError);
    expect(() => layoutEdition(ed, ctx)).toThrow(
      /page 1, placement 1 \(j\): continues on page 5, which the edition does not have \(it has 1, 2\)/,
    );
    expect(() => validateEdition(ed)).toThrow(
      /pages\[0\]\.placements\[0\]\.continuesOn: continues on page 5, which the edition does not have/,
    );
    const { ed: away } = jumped(400);
    away.pages[1].placements.pop();
    expect(() => layoutEdition(away, ctx)).toThrow(/continues on page 2, where "j" is not placed/);
    const { ed: loose } = jumped(400);
    delete loose.pages[0].placements[0].continuesOn;
    expect(() => layoutEdition(loose, ctx)).toThrow(
      /"j" is placed on pages 1, 2, but its placements are not linked into one story/,
    );
    expect(() => validateEdition(loose)).toThrow(
      /pages\[1\]\.placements\[1\]\.article: "j" is already placed at pages\[0\]\.placements\[0\]/,
    );
    const { ed: headed } = jumped(400);
    headed.pages[1].placements[1].headline = {
      area: R(1, 2, 2, 3),
      orientation: 'horizontal',
      align: 'center',
    };
    expect(() => layoutEdition(headed, ctx)).toThrow(
      /page 2, placement 2 \(j\): a continuation has no headline area of its own/,
    );
  });
});
