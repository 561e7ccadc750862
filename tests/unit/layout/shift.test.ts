// A frame nudged sideways off its columns by whole 字 (`GridRect.shift`, `AdSlot.shift`): the display
// list moves by exactly n × em, wrap pushes text from where the frame is, the overlap and type-area
// checks see it there, the loader refuses absurd shifts and repair brings a frame back onto its columns.
import { describe, expect, it } from 'vitest';
import type { Box, DisplayPage, GlyphRun } from '../../../engine/display/types';
import { layoutEdition, PageGrid, pageProblems } from '../../../engine/layout';
import { repairGeometry } from '../../../engine/layout/repair';
import type { Edition, Placement } from '../../../engine/model/types';
import { repairEdition } from '../../../engine/model/repair';
import { validateEdition } from '../../../engine/model/validate';
import { R, article, copy, ctx, edition, templates } from '../../support/layout';

const t = templates.sikai;
const grid = new PageGrid(t);
const em = grid.em;

const story = article('a', [
  ['headline', '区委召开常委会议'],
  ['paragraph', copy(900)],
  ['photo', '图为会议现场'],
]);
const other = article('b', [['paragraph', copy(700, 5)]]);
const lay = (ed: Edition): DisplayPage => layoutEdition(ed, ctx).pages[0];
const runs = (page: DisplayPage, role: string) =>
  page.items.filter((i): i is GlyphRun => i.kind === 'glyphs' && i.role === role);
const box = (page: DisplayPage, role: string) =>
  page.items.find((i): i is Box => i.kind === 'box' && i.role === role)!;

describe('a frame shifted by whole 字', () => {
  it('a story (regions and headline area) shifted by n 字: every line of it moves by exactly n × em', () => {
    const pl = (shift?: number): Placement => ({
      article: 'a',
      headline: { area: R(1, 2, 10, 4, shift ? { shift } : {}), orientation: 'horizontal', align: 'left' },
      regions: [R(1, 2, 14, 40, shift ? { shift } : {})],
      photos: [],
    });
    const before = lay(edition([story], [pl()]));
    for (const n of [3, -5]) {
      const after = lay(edition([story], [pl(n)]));
      for (const role of ['body', 'headline']) {
        const a = runs(before, role);
        const b = runs(after, role);
        expect(a.length).toBeGreaterThan(0);
        expect(b.map((r) => r.glyphs.map((g) => g.text).join(''))).toEqual(
          a.map((r) => r.glyphs.map((g) => g.text).join('')),
        );
        b.forEach((r, i) => {
          expect(r.x - a[i].x).toBeCloseTo(n * em, 6);
          expect(r.y).toBe(a[i].y);
        });
      }
    }
  });

  it('a photo frame and its caption, and an ad slot, shifted by n 字 move by n × em', () => {
    const ed = (shift?: number) => {
      const e = edition(
        [story],
        [
          {
            article: 'a',
            regions: [R(0, 2, 14, 40)],
            photos: [
              { block: 2, area: R(0, 1, 14, 10, shift ? { shift } : {}), fit: 'fill', captionLines: 1 },
            ],
          },
        ],
      );
      e.pages[0].ads = [
        { id: 'ad1', label: '银行', col: 1, cols: 2, line: 60, lines: 10, ...(shift ? { shift } : {}) },
      ];
      return e;
    };
    const a = lay(ed());
    const b = lay(ed(4));
    for (const role of ['empty-photo', 'ad-slot']) {
      expect(box(b, role).x - box(a, role).x).toBeCloseTo(4 * em, 6);
      expect(box(b, role).w).toBeCloseTo(box(a, role).w, 6);
    }
    const cap = (p: DisplayPage) => runs(p, 'caption')[0];
    expect(cap(b).x - cap(a).x).toBeCloseTo(4 * em, 6);
    // The wrap objects are where the frames are drawn.
    const wraps = (p: DisplayPage) => (p.wraps ?? []).filter((w) => w.kind === 'photo' || w.kind === 'ad');
    wraps(b).forEach((w, i) => expect(w.x - wraps(a)[i].x).toBeCloseTo(4 * em, 6));
  });

  it('wrap pushes text from the shifted frame: the lines beside it start a stand-off right of where it is', () => {
    const pl = (shift: number): Placement => ({
      article: 'a',
      headline: { area: R(0, 2, 10, 4), orientation: 'horizontal', align: 'left' },
      regions: [R(0, 2, 14, 40)],
      photos: [{ block: 2, area: R(0, 1, 14, 10, { indentRight: 9, shift }), fit: 'fill', captionLines: 1 }],
    });
    for (const n of [0, 2]) {
      const page = lay(edition([story], [pl(n)]));
      const frameRight = grid.colX(0) + grid.spanWidth(1) - 9 * em + n * em;
      const beside = runs(page, 'body').filter(
        (r) => r.y > grid.rowTop(14) && r.y < grid.rowTop(24) && r.x < grid.colX(1),
      );
      expect(beside.length).toBeGreaterThan(0);
      for (const r of beside) expect(r.x).toBeCloseTo(frameRight + em, 3);
    }
  });

  it('the overlap check sees the shifted rectangle; the type-area check refuses a shift past its edge', () => {
    const ed = (shift?: number) =>
      edition(
        [story, other],
        [
          { article: 'a', regions: [R(0, 1, 10, 30, shift !== undefined ? { shift } : {})], photos: [] },
          { article: 'b', regions: [R(1, 1, 10, 30)], photos: [] },
        ],
      );
    const overlaps = (e: Edition) => (lay(e).warnings ?? []).filter((w) => w.code === 'overlap');
    expect(overlaps(ed())).toEqual([]);
    const hit = overlaps(ed(2));
    expect(hit).toHaveLength(1);
    // Two 字 over the gutter of one: one 字 into story b.
    expect(hit[0].box!.w).toBeCloseTo(em, 6);
    const names = new Set(['a', 'b']);
    expect(
      pageProblems(ed(-1).pages[0], t, names)
        .map((p) => p.message)
        .join(),
    ).toMatch(/runs past the type area's left edge/);
    expect(pageProblems(ed(1).pages[0], t, names)).toEqual([]);
    const e = ed();
    e.pages[0].ads = [{ id: 'x', label: '', col: 3, cols: 1, line: 50, lines: 5, shift: 1 }];
    expect(
      pageProblems(e.pages[0], t, names)
        .map((p) => p.zh)
        .join(),
    ).toMatch(/广告位“x”超出版心/);
  });

  it("a boxed story's rule goes round a frame shifted out of its columns, and no further", () => {
    const pl = (shift?: number): Placement => ({
      article: 'a',
      regions: [R(1, 2, 14, 40)],
      photos: [{ block: 2, area: R(1, 1, 14, 10, shift ? { shift } : {}), fit: 'fill', captionLines: 1 }],
      box: { inset: 1 },
    });
    const frame = (p: DisplayPage) =>
      p.items.find((i): i is Box => i.kind === 'box' && i.role !== 'empty-photo' && !!i.stroke && i.w > 300)!;
    const a = frame(lay(edition([story], [pl()])));
    // Shifted inside the story's columns: the box stays as it was.
    expect(frame(lay(edition([story], [pl(5)])))).toEqual(a);
    // Shifted 3 字 left of them: the box's left rule moves out 3 字, the right one stays.
    const b = frame(lay(edition([story], [pl(-3)])));
    expect(a.x - b.x).toBeCloseTo(3 * em, 6);
    expect(b.x + b.w).toBeCloseTo(a.x + a.w, 6);
  });

  it('the loader keeps a whole shift and refuses a fractional or absurd one', () => {
    const ed = (shift: unknown) =>
      edition(
        [story],
        [{ article: 'a', regions: [R(1, 2, 10, 30, { shift: shift as number })], photos: [] }],
      );
    expect(validateEdition(ed(-3)).pages[0].placements[0].regions[0].shift).toBe(-3);
    expect(() => validateEdition(ed(1.5))).toThrow(/shift/);
    expect(() => validateEdition(ed(5000))).toThrow(/shift/);
    expect(() => validateEdition(ed('2'))).toThrow(/shift/);
    const e = edition([story], []);
    e.pages[0].ads = [{ id: 'x', label: '', col: 1, cols: 1, line: 50, lines: 5, shift: 2 }];
    expect(validateEdition(e).pages[0].ads![0].shift).toBe(2);
    e.pages[0].ads[0].shift = 0.5;
    expect(() => validateEdition(e)).toThrow(/shift/);
  });

  it('repair keeps a good shift, clamps an absurd one and takes a frame past the type area back onto its columns', () => {
    const raw = edition(
      [story],
      [{ article: 'a', regions: [R(1, 2, 10, 30, { shift: 4 })], photos: [], headline: undefined }],
    );
    delete raw.pages[0].placements[0].headline;
    const kept = repairEdition(JSON.parse(JSON.stringify(raw)), '2023-02-17');
    expect(kept.edition.pages[0].placements[0].regions[0].shift).toBe(4);
    raw.pages[0].placements[0].regions[0].shift = 9999;
    const clamped = repairEdition(JSON.parse(JSON.stringify(raw)), '2023-02-17');
    expect(clamped.edition.pages[0].placements[0].regions[0].shift).toBe(200);
    const fixed = repairGeometry(clamped.edition, (id) => templates[id as keyof typeof templates]);
    expect(fixed.edition.pages[0].placements[0].regions[0]).toEqual(R(1, 2, 10, 30));
    expect(fixed.changes.length).toBeGreaterThan(0);
    expect(() => validateEdition(fixed.edition)).not.toThrow();
    expect(pageProblems(fixed.edition.pages[0], t, new Set(['a']))).toEqual([]);
  });
});
