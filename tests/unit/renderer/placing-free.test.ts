// Placing as the editor does it: a dropped story fills free space in its column, never another story's;
// a move off the type area or onto another story is refused with the reason; 转版 from the inspector
// continues a story in the largest free space of another page, and layout sets both jump lines.
import { describe, expect, it } from 'vitest';
import { layoutEdition } from '../../../engine/layout';
import type { Edition, Placement } from '../../../engine/model/types';
import { validateEdition } from '../../../engine/model/validate';
import { setBodyOrientation, unlinkPart } from '../../../renderer/state/continued';
import { continueOnPage, freeSpace, placeOnPage } from '../../../renderer/state/free-space';
import { moveProblem, overlaps, placementRects, type GridMetrics } from '../../../renderer/state/placing';
import { R, article, copy, ctx, edition } from '../../support/layout';

const g: GridMetrics = { x: 0, y: 0, columns: 4, columnWidth: 161.5, gutter: 9.5, lines: 70, pitch: 14.3 };
const front: Placement[] = [
  {
    article: 'a',
    headline: { area: R(0, 2, 10, 4), orientation: 'horizontal', align: 'left' },
    regions: [R(0, 2, 14, 30)],
    photos: [],
  },
  { article: 'b', regions: [R(2, 1, 10, 20)], photos: [] },
];
const pagesOf = (ed: Edition) => ed.pages;
const apply = (ed: Edition, next: Map<string, Placement[]>): Edition => ({
  ...ed,
  pages: ed.pages.map((p) => (next.has(p.id) ? { ...p, placements: next.get(p.id)! } : p)),
});

describe('a dropped story fills free space', () => {
  const ed = edition(
    [
      article('a', [['paragraph', copy(300)]]),
      article('b', [['paragraph', copy(100)]]),
      article('c', [
        ['headline', '新稿'],
        ['paragraph', copy(500)],
      ]),
    ],
    front.map((p) => structuredClone(p)),
  );

  it("dropped on another story's column, it lands in the free lines below it, never on top", () => {
    const r = placeOnPage(pagesOf(ed), 1, g, 'c', { col: 2, line: 15 }, { cols: 2, headlineLines: 4 }, 10);
    expect(r.refusal).toBeUndefined();
    const placed = r.next.get('p1')!.find((p) => p.article === 'c')!;
    for (const other of front)
      for (const a of placementRects(placed))
        for (const b of placementRects(other)) expect(overlaps(a, b)).toBe(false);
    // Column 3 is free from line 30 (b ends there) to the foot; column 4 is free over those lines too.
    expect(placed.headline!.area).toEqual({ col: 2, cols: 2, line: 30, lines: 4 });
    expect(placed.regions).toEqual([{ col: 2, cols: 2, line: 34, lines: 36 }]);
    expect(() => validateEdition(apply(ed, r.next))).not.toThrow();
  });

  it('fills the free run of the column it is dropped in, and stays out of the masthead', () => {
    expect(freeSpace(g, front, { col: 3, line: 40 }, 1, 10)).toEqual({
      col: 3,
      cols: 1,
      line: 10,
      lines: 60,
    });
    expect(freeSpace(g, front, { col: 3, line: 2 }, 1, 10)).toEqual({ col: 3, cols: 1, line: 10, lines: 60 });
  });

  it('a column with no free lines is refused, saying so', () => {
    const full = [{ article: 'x', regions: [R(0, 4, 10, 60)], photos: [] }];
    const ed2 = edition([article('x', [['paragraph', '字']]), article('c', [['paragraph', '字']])], full);
    const r = placeOnPage(ed2.pages, 1, g, 'c', { col: 1, line: 20 }, { cols: 2, headlineLines: 4 }, 10);
    expect(r.refusal).toBe('第 2 栏没有空位：先撤下或缩小那里的稿件，或拖到空白的栏');
    expect(r.next.size).toBe(0);
  });
});

describe('moves that cannot be done say why', () => {
  it('off the type area, into the masthead, onto another story', () => {
    const a = front[0];
    expect(moveProblem(g, front, a, { dCol: 3, dLine: 0 }, 10)).toMatch(
      /^稿件移到第 4 栏第 11 行会超出版心（稿件占 2 栏 34 行，版心 4 栏 70 行）$/,
    );
    expect(moveProblem(g, front, a, { dCol: 0, dLine: -5 }, 10)).toMatch(/伸进报头（第 1–10 行）/);
    expect(moveProblem(g, front, a, { dCol: 1, dLine: 0 }, 10)).toMatch(/会压在稿件“b”上/);
    expect(moveProblem(g, front, a, { dCol: 0, dLine: 10 }, 10)).toBeNull();
  });
});

describe('转版 from the inspector', () => {
  const long = article('j', [
    ['headline', '区委全面深化改革委员会会议召开'],
    ['paragraph', copy(1200)],
    ['paragraph', copy(900, 2)],
  ]);
  const o = article('o', [['paragraph', copy(100, 3)]]);
  const base = () =>
    edition(
      [long, o],
      [
        {
          article: 'j',
          headline: { area: R(0, 2, 10, 4), orientation: 'horizontal', align: 'left' },
          regions: [R(0, 2, 14, 10)],
          photos: [],
        },
      ],
      'sikai',
      [[{ article: 'o', regions: [R(0, 1, 0, 30)], photos: [] }]],
    );

  it('continues the story in the largest free space of page 2; both jump lines are set; unlinking merges it back', () => {
    const ed = base();
    const r = continueOnPage(ed.pages, 1, 2, g, 'j', 2);
    expect(r.refusal).toBeUndefined();
    const linked = apply(ed, r.next);
    validateEdition(JSON.parse(JSON.stringify(linked)));
    const part = linked.pages[1].placements.find((p) => p.article === 'j')!;
    expect(part.regions).toEqual([{ col: 1, cols: 2, line: 0, lines: 70 }]);
    const list = layoutEdition(linked, ctx);
    const marks = (n: number) =>
      list.pages[n].items
        .filter((i) => i.kind === 'glyphs' && i.role === 'mark')
        .map((i) => (i.kind === 'glyphs' ? i.glyphs.map((x) => x.text).join('') : ''));
    expect(marks(0)).toEqual(['（下转第二版）']);
    expect(marks(1)).toEqual(['（上接第一版）']);
    const before = layoutEdition(ed, ctx).pages[0].fits[0].oversetChars;
    expect(list.pages[1].fits.find((f) => f.article === 'j')!.oversetChars).toBeLessThan(before);
    // 断开转版: the part on page 2 goes, the text runs back into page 1 as overset.
    const merged = apply(linked, unlinkPart(linked.pages, 1, 'j'));
    expect(merged.pages[1].placements.map((p) => p.article)).toEqual(['o']);
    expect(layoutEdition(merged, ctx).pages[0].fits[0].oversetChars).toBe(before);
  });

  it('continues a 竖排 story too: the part on page 2 is vertical, its jump lines are set vertically; the 排向 switch turns every part', () => {
    const ed = apply(base(), setBodyOrientation(base().pages, 'j', true));
    const r = continueOnPage(ed.pages, 1, 2, g, 'j', 2);
    expect(r.refusal).toBeUndefined();
    const linked = apply(ed, r.next);
    validateEdition(JSON.parse(JSON.stringify(linked)));
    expect(linked.pages.map((p) => p.placements.find((x) => x.article === 'j')?.vertical)).toEqual([
      true,
      true,
    ]);
    const list = layoutEdition(linked, ctx);
    const marks = (n: number) => list.pages[n].items.filter((i) => i.kind === 'glyphs' && i.role === 'mark');
    expect(marks(0)).toHaveLength(1);
    expect(marks(0).every((i) => i.kind === 'glyphs' && i.vertical)).toBe(true);
    expect(marks(1).map((i) => (i.kind === 'glyphs' ? i.glyphs.map((x) => x.text).join('') : ''))).toEqual([
      '（上接第一版）',
    ]);
    const flat = apply(linked, setBodyOrientation(linked.pages, 'j', false));
    expect(flat.pages.map((p) => p.placements.find((x) => x.article === 'j')?.vertical)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('refuses a page the story is on, a part that already continues, a missing page', () => {
    const ed = base();
    expect(continueOnPage(ed.pages, 1, 1, g, 'j', 2).refusal).toBe('稿件已在第 1 版上：转版只能转到另一版');
    expect(continueOnPage(ed.pages, 1, 3, g, 'j', 2).refusal).toBe('没有第 3 版');
    const linked = apply(ed, continueOnPage(ed.pages, 1, 2, g, 'j', 2).next);
    expect(continueOnPage(linked.pages, 1, 2, g, 'j', 2).refusal).toBe(
      '稿件已在第 2 版上：转版只能转到另一版',
    );
  });
});
