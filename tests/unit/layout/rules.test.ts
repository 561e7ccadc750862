import { describe, expect, it } from 'vitest';
import type { Rule } from '../../../engine/display/types';
import { PageGrid, layoutEdition } from '../../../engine/layout';
import type { Placement } from '../../../engine/model/types';
import { validateEdition } from '../../../engine/model/validate';
import { loadSampleEdition } from '../../../electron/services/sample';
import { preflight } from '../../../electron/services/preflight';
import { R, article, copy, ctx, edition, templates } from '../../support/layout';

const sikai = templates.sikai;
const grid = new PageGrid(sikai);
// Rules inside the type area: not the masthead's, running head's or a photo's crossing lines.
const pageRules = (items: { kind: string }[]): Rule[] =>
  items
    .filter((i): i is Rule => i.kind === 'rule')
    .filter((r) => (r.x1 === r.x2 || r.y1 === r.y2) && Math.min(r.y1, r.y2) >= grid.rowTop(10));

describe('rules between stories (隔线)', () => {
  it("draws one under the lead across the column where the next story starts, and one over a3's continuation under a4", () => {
    const page = layoutEdition(loadSampleEdition(), ctx).pages[0];
    const across = pageRules(page.items).filter((r) => r.y1 === r.y2);
    // Under the lead, in column 3, through the white line 36 — level with the top rule of a2's box.
    const box = page.items.find((i) => i.kind === 'box' && i.role === 'article-box')!;
    const underLead = across.find((r) => r.x1 === grid.colX(2))!;
    expect(underLead).toMatchObject({
      y1: grid.rowTop(35) + grid.pitch / 2,
      x2: grid.colX(2) + sikai.grid.columnWidth,
      width: 0.5,
      overprint: true,
    });
    expect(box.kind === 'box' && box.y).toBeCloseTo(underLead.y1, 6);
    // Over a3's continuation in column 4, in the empty line 54 that ends a4's area.
    const overA3 = across.find((r) => r.x1 === grid.colX(3))!;
    expect(overA3.y1).toBeCloseTo(grid.rowTop(53) + grid.pitch / 2, 6);
    expect(across).toHaveLength(2);
  });

  it('spans the columns where two stories meet, on the seam when no line is left between them, and none past one white line or at a box', () => {
    const a = article('a', [['paragraph', copy(300)]]);
    const b = article('b', [['paragraph', copy(300, 2)]]);
    const c = article('c', [['paragraph', copy(100, 3)]]);
    const pls: Placement[] = [
      { article: 'a', regions: [R(0, 3, 12, 10)], photos: [] },
      { article: 'b', regions: [R(0, 2, 22, 10)], photos: [] },
      { article: 'c', regions: [R(2, 2, 24, 10)], photos: [] },
    ];
    const page = layoutEdition(edition([a, b, c], pls), ctx).pages[0];
    const across = pageRules(page.items).filter((r) => r.y1 === r.y2);
    // a over b, seam at line 22, over columns 1–2 as one rule; a over c has two white lines: none.
    expect(across).toEqual([
      expect.objectContaining({
        x1: grid.colX(0),
        x2: grid.colX(1) + sikai.grid.columnWidth,
        y1: grid.rowTop(22),
      }),
    ]);
    const boxed = layoutEdition(edition([a, b], [pls[0], { ...pls[1], box: { inset: 1 } }]), ctx).pages[0];
    expect(pageRules(boxed.items).filter((r) => r.y1 === r.y2)).toEqual([]);
    const off = edition([a, b], [pls[0], pls[1]]);
    off.pages[0].autoRules = false;
    expect(pageRules(layoutEdition(off, ctx).pages[0].items)).toEqual([]);
  });

  it("draws the editor's rules in their styles: across a line, down a gutter, double and dotted", () => {
    const a = article('a', [['paragraph', copy(100)]]);
    const ed = edition([a], [{ article: 'a', regions: [R(0, 1, 12, 10)], photos: [] }]);
    ed.pages[0].autoRules = false;
    ed.pages[0].rules = [
      { line: 30, col: 1, cols: 2, style: 'thick' },
      { gutter: 2, line: 12, lines: 20, style: 'thin' },
      { line: 40, col: 0, cols: 4, style: 'double' },
      { line: 50, col: 0, cols: 1, style: 'dotted' },
    ];
    const rules = pageRules(layoutEdition(validateEdition(ed), ctx).pages[0].items);
    const thick = rules.find((r) => r.width === 1.5)!;
    expect(thick).toMatchObject({
      x1: grid.colX(1),
      x2: grid.colX(2) + sikai.grid.columnWidth,
      y1: grid.rowTop(30) + grid.pitch / 2,
    });
    const down = rules.find((r) => r.x1 === r.x2)!;
    expect(down.x1).toBeCloseTo(grid.colX(2) - sikai.grid.gutter / 2, 6);
    expect([down.y1, down.y2]).toEqual([grid.rowTop(12), grid.rowTop(32)]);
    const doubles = rules.filter((r) => r.x2 - r.x1 === sikai.typeArea.w);
    expect(doubles).toHaveLength(2);
    expect(Math.abs(doubles[0].y1 - doubles[1].y1)).toBeCloseTo(1.5, 6);
    expect(rules.find((r) => r.dash)?.y1).toBeCloseTo(grid.rowTop(50) + grid.pitch / 2, 6);
  });

  it('refuses a rule off the grid and a rule of an unknown style, naming it', () => {
    const a = article('a', [['paragraph', copy(100)]]);
    const ed = edition([a], [{ article: 'a', regions: [R(0, 1, 12, 10)], photos: [] }]);
    ed.pages[0].rules = [{ gutter: 4, line: 12, lines: 10, style: 'thin' }];
    expect(() => layoutEdition(ed, ctx)).toThrow(/page 1, rule 1: gutter must be a whole number from 1 to 3/);
    ed.pages[0].rules = [{ line: 12, col: 3, cols: 2, style: 'thin' }];
    expect(() => layoutEdition(ed, ctx)).toThrow(/page 1, rule 1: columns 4–5 run past the grid's 4 columns/);
    const raw = JSON.parse(JSON.stringify(ed));
    raw.pages[0].rules = [{ line: 12, col: 0, cols: 1, style: 'wavy' }];
    expect(() => validateEdition(raw)).toThrow(
      /pages\[0\]\.rules\[0\]\.style: must be one of thin, thick, double, dotted/,
    );
  });
});

describe('overlapping placements', () => {
  it('warns of stories whose areas overlap, naming both, the areas and where, and still sets both', () => {
    const a = article('a', [
      ['headline', '甲稿标题'],
      ['paragraph', copy(200)],
    ]);
    const b = article('b', [
      ['paragraph', copy(200, 2)],
      ['photo', '图片说明'],
    ]);
    // Named by their slugs (主题), never by internal ids.
    a.slug = '甲稿';
    b.slug = '乙稿';
    const ed = edition(
      [a, b],
      [
        {
          article: 'a',
          headline: { area: R(0, 2, 12, 3), orientation: 'horizontal', align: 'center' },
          regions: [R(0, 2, 15, 10)],
          photos: [],
        },
        {
          article: 'b',
          regions: [R(1, 2, 20, 10)],
          photos: [{ block: 1, area: R(3, 1, 14, 4), fit: 'fill', captionLines: 1 }],
        },
      ],
    );
    const page = layoutEdition(ed, ctx).pages[0];
    expect(page.warnings).toEqual([
      {
        code: 'overlap',
        article: 'a',
        other: 'b',
        area: { col: 1, cols: 1, line: 20, lines: 5 },
        box: { x: grid.colX(1), y: grid.rowTop(20), w: sikai.grid.columnWidth, h: 5 * grid.pitch },
        message: '稿件“甲稿”的正文区与稿件“乙稿”的正文区重叠（第 2 栏、第 21–25 行）：两篇稿件会叠印在一起',
      },
    ]);
    expect(page.fits.map((f) => f.article)).toEqual(['a', 'b']);
    // Preflight lists it as an error, so a print export is refused until the editor moves a story.
    const found = preflight(ed, layoutEdition(ed, ctx), { preset: 'print-x1a' }).filter(
      (f) => f.code === 'layout-overlap',
    );
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'error',
        page: 1,
        article: 'a',
        position: { x: grid.colX(1), y: grid.rowTop(20) },
        message: page.warnings![0].message,
      }),
    ]);
    // A photo over text is no overlap: the text wraps round it (图文互斥). A photo over another
    // story's headline area is.
    ed.pages[0].placements[1].photos[0].area = R(1, 1, 22, 4);
    expect(layoutEdition(ed, ctx).pages[0].warnings!.filter((w) => w.article === 'b')).toEqual([]);
    ed.pages[0].placements[1].photos[0].area = R(0, 1, 13, 4);
    const onHead = layoutEdition(ed, ctx).pages[0].warnings!.filter(
      (w) => w.other === 'b' && w.article === 'a',
    );
    expect(onHead.map((w) => w.message)).toEqual([
      expect.stringContaining('正文区与稿件“乙稿”的正文区重叠'),
      expect.stringContaining('稿件“甲稿”的标题区与稿件“乙稿”的图片框重叠'),
    ]);
  });

  it("finds none on the sample page, where a2's photo and the text beside it share one grid rect by indents", () => {
    const page = layoutEdition(loadSampleEdition(), ctx).pages[0];
    expect(page.warnings).toBeUndefined();
  });
});
