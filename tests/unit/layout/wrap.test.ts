// Text wrap (图文互斥): photo frames, headline areas and stories marked as wrap objects push the body
// text of every story they overlap. Checked as a typesetter would: no glyph of any story's body inside
// an object (with its stand-off), every line on the baseline grid, nothing lost, copyfit counting the
// lines an object takes; on pages built at random (from fixed seeds) and on a few set by hand.
import { describe, expect, it } from 'vitest';
import type { DisplayPage, GlyphRun } from '../../../engine/display/types';
import { layoutEdition, PageGrid } from '../../../engine/layout';
import type { Article, Block, Placement } from '../../../engine/model/types';
import { validateEdition } from '../../../engine/model/validate';
import {
  R,
  article,
  copy,
  ctx,
  edition,
  expectNothingLost,
  expectOnBaselineGrid,
  glyphBox,
  templates,
} from '../../support/layout';

const t = templates.sikai;
const grid = new PageGrid(t);
const TEXT_ROLES = new Set(['body', 'crosshead', 'dateline', 'byline', 'source', 'mark']);

/** Glyphs of body text (not headlines, captions, masters) inside a wrap object of the page. */
function glyphsInsideWraps(page: DisplayPage): string[] {
  const bad: string[] = [];
  for (const it of page.items) {
    if (it.kind !== 'glyphs' || !TEXT_ROLES.has(it.role)) continue;
    for (const g of it.glyphs) {
      const b = glyphBox(it as GlyphRun, g);
      if (b.x1 - b.x0 <= 0) continue;
      for (const w of page.wraps ?? []) {
        if (w.except === g.src.article) continue;
        const tol = 0.05;
        if (b.x0 < w.x + w.w - tol && b.x1 > w.x + tol && b.y0 < w.y + w.h - tol && b.y1 > w.y + tol) {
          bad.push(
            `${g.src.article} "${g.text}" at ${b.x0.toFixed(1)},${b.y0.toFixed(1)} inside the ${w.kind} of ${w.article}`,
          );
        }
      }
    }
  }
  return bad;
}

function expectWrapped(page: DisplayPage, articles: Article[]): void {
  expect(glyphsInsideWraps(page).slice(0, 5)).toEqual([]);
  expectOnBaselineGrid(page, t);
  for (const a of articles) expectNothingLost(page, a);
  for (const f of page.fits) {
    expect(f.linesUsed).toBeLessThanOrEqual(f.linesAvailable);
    expect(f.undersetLines).toBeGreaterThanOrEqual(0);
  }
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

describe('wrap objects on pages built at random', () => {
  for (let seed = 1; seed <= 30; seed++) {
    it(`seed ${seed}`, () => {
      const r = rng(seed * 7919);
      const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
      const top = t.masthead?.lines ?? 0;
      const articles: Article[] = [];
      const placements: Placement[] = [];
      const n = int(1, 3);
      const band = Math.floor((t.grid.lines - top) / n);
      for (let i = 0; i < n; i++) {
        const blocks: Block[] = [{ type: 'headline', children: [{ text: `第${i + 1}篇稿件标题` }] }];
        for (let k = 0; k < int(2, 6); k++)
          blocks.push({
            type: r() < 0.15 ? 'crosshead' : 'paragraph',
            children: [{ text: copy(int(30, 400), seed + k) }],
          });
        blocks.push({ type: 'photo', asset: null, children: [{ text: '图片说明' }] });
        articles.push({ id: `s${i}`, slug: `s${i}`, status: 'draft', blocks });
        const line = top + i * band;
        const cols = int(1, 4);
        const col = int(0, 4 - cols);
        const head = int(2, 4);
        const pl: Placement = {
          article: `s${i}`,
          headline: { area: R(col, cols, line, head), orientation: 'horizontal', align: 'left' },
          regions: [R(col, cols, line + head, band - head - 1, r() < 0.3 ? { indentLeft: 2 } : {})],
          photos: [],
        };
        // Wrap objects: a photo anywhere below the masthead (over this story, another or none), with a
        // stand-off of 0 to 2 字, a headline area grown over the text, a story marked as one.
        if (r() < 0.8) {
          const pc = int(1, 3);
          const pcol = int(0, 4 - pc);
          const plines = int(3, 14);
          const pline = int(top, t.grid.lines - plines);
          const frame: Placement['photos'][number] = {
            block: blocks.length - 1,
            area: R(
              pcol,
              pc,
              pline,
              plines,
              r() < 0.4 ? { indentRight: int(2, 8) } : r() < 0.3 ? { indentLeft: int(2, 8) } : {},
            ),
            fit: 'fill',
            captionLines: 1,
          };
          if (r() < 0.5) frame.standoff = int(0, 2);
          pl.photos.push(frame);
        }
        if (r() < 0.3) pl.headline!.area = { ...pl.headline!.area, lines: head + int(1, 5) };
        if (r() < 0.2) pl.wrap = r() < 0.5 ? {} : { standoff: 2 };
        if (r() < 0.2) pl.box = { inset: 1 };
        if (r() < 0.2) pl.balance = true;
        placements.push(pl);
      }
      const ed = edition(articles, placements);
      validateEdition(JSON.parse(JSON.stringify(ed)));
      const page = layoutEdition(ed, ctx).pages[0];
      expectWrapped(page, articles);
      expect(page.wraps?.length).toBeGreaterThan(0);
    });
  }
});

describe('wrap by hand', () => {
  const story = article('a', [
    ['headline', '区委召开常委会议'],
    ['paragraph', copy(900)],
    ['paragraph', copy(600, 3)],
    ['photo', '图为会议现场'],
  ]);
  const base = (): Placement => ({
    article: 'a',
    headline: { area: R(0, 2, 10, 4), orientation: 'horizontal', align: 'left' },
    regions: [R(0, 2, 14, 40)],
    photos: [],
  });
  const lay = (pl: Placement) => layoutEdition(edition([story], [pl]), ctx).pages[0];
  const bodyRuns = (page: DisplayPage) =>
    page.items.filter((i): i is GlyphRun => i.kind === 'glyphs' && i.role === 'body');

  it('a photo over the left of a column shortens the lines beside it on the right, a stand-off away; copyfit counts what it takes', () => {
    const without = lay(base());
    const pl = base();
    pl.photos.push({ block: 3, area: R(0, 1, 14, 10, { indentRight: 7 }), fit: 'fill', captionLines: 1 });
    const page = lay(pl);
    expectWrapped(page, [story]);
    const frameRight = grid.colX(0) + grid.spanWidth(1) - 7 * grid.em;
    const beside = bodyRuns(page).filter(
      (r) => r.y > grid.rowTop(14) && r.y < grid.rowTop(24) && r.x < grid.colX(1),
    );
    expect(beside.length).toBeGreaterThan(0);
    // A stand-off of 1 字, on the column's character grid.
    for (const r of beside) expect(r.x).toBeCloseTo(frameRight + grid.em, 3);
    const a0 = without.fits[0];
    const a1 = page.fits[0];
    // The frame takes 10 rows × 10 字 of the first column: the story has that much less room (超 N 字
    // grows by about as much; a line's last characters may move with the breaks), and says so.
    const short = (f: typeof a0) => f.oversetChars - (f.undersetChars ?? 0);
    expect(short(a1) - short(a0)).toBeGreaterThanOrEqual(95);
    expect(short(a1) - short(a0)).toBeLessThanOrEqual(110);
  });

  it('a frame across both columns takes its rows: the text goes above and below it', () => {
    const pl = base();
    pl.photos.push({ block: 3, area: R(0, 2, 20, 8), fit: 'fill', captionLines: 1 });
    const page = lay(pl);
    expectWrapped(page, [story]);
    const rows = new Set(
      bodyRuns(page).map((r) => Math.round((r.y - grid.baseline(0, t.body.size)) / grid.pitch)),
    );
    for (let row = 20; row < 28; row++) expect(rows.has(row)).toBe(false);
    expect(rows.has(19) && rows.has(28)).toBe(true);
    // Copyfit: 2 columns × 8 rows fewer to fill.
    expect(lay(base()).fits[0].linesAvailable - page.fits[0].linesAvailable).toBe(16);
  });

  it('an object in the middle of a column makes the text skip its rows, never split a line round it', () => {
    const pl = base();
    pl.regions = [R(0, 2, 14, 40, { columns: 1 })];
    pl.photos.push({
      block: 3,
      area: R(0, 2, 20, 6, { indentLeft: 12, indentRight: 12 }),
      fit: 'fill',
      captionLines: 1,
    });
    const page = lay(pl);
    expectWrapped(page, [story]);
    const inRows = bodyRuns(page).filter((r) => r.y > grid.rowTop(20) && r.y < grid.rowTop(26));
    expect(inRows).toEqual([]);
  });

  it('a photo of one story pushes the text of another; a story marked as a wrap object pushes others but not itself', () => {
    const other = article('b', [['paragraph', copy(700, 5)]]);
    const pl = base();
    const b: Placement = { article: 'b', regions: [R(2, 2, 10, 30)], photos: [] };
    pl.photos.push({ block: 3, area: R(1, 2, 30, 8), fit: 'fill', captionLines: 1 });
    const page = layoutEdition(edition([story, other], [pl, b]), ctx).pages[0];
    expectWrapped(page, [story, other]);
    expect(page.wraps!.filter((w) => w.kind === 'photo')).toHaveLength(1);
    expect(page.warnings ?? []).toEqual([]);
    // b marked as a wrap object, its region now over a's second column: a's text stays out of it.
    const marked = layoutEdition(
      edition(
        [story, other],
        [
          { ...pl, photos: [] },
          { ...b, regions: [R(1, 2, 16, 12)], wrap: {} },
        ],
      ),
      ctx,
    ).pages[0];
    expectWrapped(marked, [story, other]);
    expect(marked.wraps!.some((w) => w.kind === 'story' && w.except === 'b')).toBe(true);
    const bRuns = marked.items.filter(
      (i): i is GlyphRun => i.kind === 'glyphs' && i.glyphs.some((g) => g.src.article === 'b'),
    );
    expect(bRuns.length).toBeGreaterThan(0);
  });

  it('an ad slot (广告位) over a story keeps every line out of it; copyfit counts the rows it takes', () => {
    const without = lay(base());
    const ed = edition([story], [base()]);
    ed.pages[0].ads = [{ id: 'ad1', label: '家电', col: 0, cols: 2, line: 30, lines: 8 }];
    const page = layoutEdition(ed, ctx).pages[0];
    expectWrapped(page, [story]);
    expect(page.wraps!.filter((w) => w.kind === 'ad')).toHaveLength(1);
    // Two columns × 8 rows the story no longer has.
    const short = (f: (typeof page.fits)[number]) => f.oversetChars - (f.undersetChars ?? 0);
    expect(short(page.fits[0]) - short(without.fits[0])).toBeGreaterThan(8 * 14);
  });

  it('an enlarged headline area pushes its own body down', () => {
    const pl = base();
    pl.headline!.area = { ...pl.headline!.area, lines: 8 };
    const page = lay(pl);
    expectWrapped(page, [story]);
    const first = Math.min(...bodyRuns(page).map((r) => r.y));
    expect(first).toBeGreaterThan(grid.rowTop(18));
  });

  it('a continued story sets its jump lines and text clear of a photo over the top of its continuation', () => {
    const long = article('c', [
      ['headline', '转版稿件'],
      ['paragraph', copy(2400)],
      ['photo', '图片说明'],
    ]);
    const other = article('d', [
      ['paragraph', '另一篇稿件'],
      ['photo', '说明'],
    ]);
    const first: Placement = {
      article: 'c',
      headline: { area: R(0, 1, 10, 3), orientation: 'horizontal', align: 'left' },
      regions: [R(0, 1, 13, 20)],
      photos: [],
      continuesOn: { page: 2 },
    };
    const second: Placement = { article: 'c', regions: [R(0, 2, 0, 30)], photos: [] };
    const photo: Placement = {
      article: 'd',
      regions: [R(3, 1, 60, 5)],
      photos: [{ block: 1, area: R(0, 2, 0, 6), fit: 'fill', captionLines: 1 }],
    };
    const ed = edition([long, other], [first], 'sikai', [[second, photo]]);
    const pages = layoutEdition(ed, ctx).pages;
    for (const p of pages) expect(glyphsInsideWraps(p)).toEqual([]);
    const jump = pages[1].items.find((i): i is GlyphRun => i.kind === 'glyphs' && i.role === 'mark')!;
    expect(jump.glyphs.map((g) => g.text).join('')).toBe('（上接第一版）');
    expect(jump.y).toBeGreaterThan(grid.rowTop(6));
    expectNothingLost(pages[1], other);
  });
});
