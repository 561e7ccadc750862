// 竖排 body text: a story set in columns from right to left, each read top to bottom, with the
// vertical forms, rotated Latin, 纵中横 two-digit numbers and the line-edge rules at column heads
// and feet. Table-driven over the rules, on real text in the real faces.
import { describe, expect, it } from 'vitest';
import type { DisplayPage, GlyphRun } from '../../../engine/display/types';
import { layoutEdition, PageGrid } from '../../../engine/layout';
import type { GridRect, Placement } from '../../../engine/model/types';
import { validateEdition } from '../../../engine/model/validate';
import {
  R,
  article,
  articleRuns,
  copy,
  ctx,
  edition,
  expectInsideAreas,
  expectNothingLost,
  fonts,
  glyphBox,
  templates,
  type GlyphBox,
} from '../../support/layout';
import { sampleArticles } from '../../support/news-prose';

const NO_START = new Set([...'。，、；：？！”’）》」』】·…—']);
const NO_END = new Set([...'“‘（《「『【']);

const body = sampleArticles().find((a) => a.id === 'a1')!.paragraphs;
const extra = '今年第16届大会有GDP增长5%的目标，2023年共有128家企业参加，Shanghai代表团发言。';

function setVertical(paragraphs: string[], lines = 30) {
  const a = article('v', [
    ['headline', '徐汇区打造线下课堂'],
    ['dateline', '本报讯'],
    ...paragraphs.map((p) => ['paragraph', p] as ['paragraph', string]),
  ]);
  const pl = {
    article: 'v',
    vertical: true,
    headline: { area: R(0, 4, 11, 4), orientation: 'horizontal' as const, align: 'center' as const },
    regions: [R(0, 4, 15, lines)],
    photos: [],
  };
  const page = layoutEdition(edition([a], [pl]), ctx).pages[0];
  return { a, pl, page };
}

/** Body glyphs by column (centre x), right to left, each top to bottom. */
function columns(
  page: DisplayPage,
): { x: number; glyphs: (GlyphRun['glyphs'][number] & { run: GlyphRun })[] }[] {
  const byX = new Map<number, (GlyphRun['glyphs'][number] & { run: GlyphRun })[]>();
  for (const r of articleRuns(page, 'v').filter((r) => r.role === 'body' || r.role === 'dateline')) {
    expect(r.vertical).toBe(true);
    const x = Math.round(r.x * 100) / 100;
    for (const g of r.glyphs) (byX.get(x) ?? byX.set(x, []).get(x)!).push({ ...g, run: r });
  }
  return [...byX.entries()]
    .sort((p, q) => q[0] - p[0])
    .map(([x, glyphs]) => ({
      x,
      glyphs: glyphs.sort((p, q) => p.run.y + p.y - (q.run.y + q.y) || p.x - q.x),
    }));
}

describe('竖排 body text', () => {
  it('reads right to left, top to bottom, loses nothing and stays inside its region', () => {
    const { a, pl, page } = setVertical([...body.slice(0, 3), extra]);
    expectNothingLost(page, a);
    expectInsideAreas(page, templates.sikai, [pl]);
    const cols = columns(page);
    expect(cols.length).toBeGreaterThan(10);
    // Source order is reading order: column by column from the right, down each column.
    const order = cols.flatMap((c) => c.glyphs.map((g) => [g.src.block, g.src.offset]));
    for (let i = 1; i < order.length; i++) {
      const [b0, o0] = order[i - 1];
      const [b1, o1] = order[i];
      expect(b1 > b0 || (b1 === b0 && o1 > o0), `glyph ${i} out of reading order`).toBe(true);
    }
    expect(page.fits[0].oversetChars).toBe(0);
  });

  it('keeps the prohibitions at column heads and feet, and fills every full column to its foot', () => {
    const { page } = setVertical([...body.slice(0, 4), extra]);
    const cols = columns(page);
    for (const [i, c] of cols.entries()) {
      const first = c.glyphs[0];
      const last = c.glyphs[c.glyphs.length - 1];
      expect(NO_START.has(first.text), `column ${i} starts with ${first.text}`).toBe(false);
      if (i + 1 < cols.length)
        expect(NO_END.has(last.text), `column ${i} ends with ${last.text}`).toBe(false);
    }
  });

  it.each([
    ['，', 'a vert form in the upper right'],
    ['。', 'a vert form in the upper right'],
    ['“', 'a vert form'],
  ])('sets %s as %s', (ch) => {
    const { page } = setVertical([...body.slice(0, 3), extra]);
    const g = columns(page)
      .flatMap((c) => c.glyphs)
      .find((x) => x.text === ch)!;
    const face = fonts.face(g.run.face);
    expect(g.gid).toBe(face.verticalGlyphId(ch.codePointAt(0)!));
    expect(g.gid).not.toBe(face.glyphId(ch.codePointAt(0)!));
  });

  it('rotates Latin words and numbers of three or more digits, and sets two-digit numbers upright side by side in one em (纵中横)', () => {
    const { page } = setVertical([extra]);
    const glyphs = columns(page).flatMap((c) => c.glyphs);
    const at = (t: string, nth = 0) => glyphs.filter((g) => g.text === t)[nth];
    for (const ch of ['S', 'h', 'G']) expect(at(ch).rotate, ch).toBe(true);
    // 128 and 2023 are rotated; 16 stands upright, its digits side by side within the em.
    const one = glyphs.find((g) => g.text === '1' && !g.rotate)!;
    const six = glyphs.find((g) => g.text === '6')!;
    expect(one.run).toBe(six.run);
    expect(six.y).toBe(one.y);
    expect(six.x).toBeGreaterThan(one.x);
    expect(six.x + six.advance - one.x).toBeLessThanOrEqual(9.01);
    expect(glyphs.filter((g) => g.text === '2' && g.rotate).length).toBeGreaterThanOrEqual(2);
    // Han stand upright: no rotation.
    expect(at('今').rotate).toBeUndefined();
  });

  it('counts its columns for copyfit, and oversets what does not fit, keeping it', () => {
    const { a, page } = setVertical(body, 8);
    const fit = page.fits[0];
    expect(fit.linesUsed).toBe(fit.linesAvailable);
    expect(fit.oversetChars).toBeGreaterThan(0);
    expectNothingLost(page, a);
  });

  it('continues on another page (转版): the columns run on, 下转 in the last column and 上接 in the first, nothing lost', () => {
    const a = article('v', [
      ['headline', '徐汇区打造线下课堂'],
      ...body.map((p) => ['paragraph', p] as ['paragraph', string]),
    ]);
    const ed = edition(
      [a],
      [{ article: 'v', vertical: true, continuesOn: { page: 2 }, regions: [R(0, 4, 15, 12)], photos: [] }],
      'sikai',
      [[{ article: 'v', vertical: true, regions: [R(0, 4, 10, 30)], photos: [] }]],
    );
    const list = layoutEdition(validateEdition(JSON.parse(JSON.stringify(ed))), ctx);
    const [p1, p2] = list.pages;
    const text = (page: DisplayPage, role: string) => articleRuns(page, 'v').filter((r) => r.role === role);
    // Every run vertical, body and jump lines alike.
    for (const page of [p1, p2])
      expect(
        articleRuns(page, 'v')
          .filter((r) => r.role !== 'headline')
          .every((r) => r.vertical),
      ).toBe(true);
    const jump = (page: DisplayPage) =>
      text(page, 'mark')
        .flatMap((r) => r.glyphs.map((g) => g.text))
        .join('');
    expect(jump(p1)).toBe('（下转第二版）');
    expect(jump(p2)).toBe('（上接第一版）');
    // 下转 in the leftmost column of page 1, 上接 in the rightmost of page 2.
    const xs = (page: DisplayPage, role: string) => text(page, role).map((r) => r.x);
    expect(Math.min(...xs(p1, 'mark'))).toBeLessThan(Math.min(...xs(p1, 'body')));
    expect(Math.max(...xs(p2, 'mark'))).toBeGreaterThan(Math.max(...xs(p2, 'body')));
    expect(text(p2, 'body').length).toBeGreaterThan(0);
    expect(p1.fits[0].oversetChars).toBe(0);
    expect(p1.fits[0].linesUsed).toBe(p1.fits[0].linesAvailable);
    expect(p2.fits[0].oversetChars).toBe(0);
    // Each character of the story once, on one page or the other.
    const drawn = [p1, p2]
      .flatMap((page) => text(page, 'body').flatMap((r) => r.glyphs.map((g) => g.text)))
      .join('');
    expect(drawn.replace(/\s/g, '')).toBe(body.join('').replace(/\s/g, ''));
  });

  it('is refused when one part of a story continued on another page is vertical and the other not', () => {
    const ed = edition(
      [article('v', [['paragraph', copy(900)]])],
      [{ article: 'v', vertical: true, continuesOn: { page: 2 }, regions: [R(0, 1, 15, 10)], photos: [] }],
      'sikai',
      [[{ article: 'v', regions: [R(0, 2, 10, 30)], photos: [] }]],
    );
    expect(() => layoutEdition(validateEdition(JSON.parse(JSON.stringify(ed))), ctx)).toThrow(/排向/);
  });
});

describe('竖排 text round a wrap object (图文互斥)', () => {
  const story = article('v', [['paragraph', copy(3000)]]);
  const pic = article('p', [
    ['paragraph', '图片稿'],
    ['photo', '图片说明'],
  ]);
  const vert = { article: 'v', vertical: true, regions: [R(0, 4, 15, 30)], photos: [] };
  const grid = new PageGrid(templates.sikai);
  function withFrame(area: GridRect | null) {
    const placements: Placement[] = [vert];
    if (area)
      placements.push({
        article: 'p',
        regions: [R(0, 4, 60, 5)],
        photos: [{ block: 1, area, fit: 'fill', captionLines: 1 }],
      });
    const page = layoutEdition(edition(area ? [story, pic] : [story], placements), ctx).pages[0];
    const glyphs = articleRuns(page, 'v').flatMap((r) => r.glyphs.map((g) => glyphBox(r, g)));
    return { page, glyphs, fit: page.fits.find((f) => f.article === 'v')! };
  }
  const plain = withFrame(null);
  const clear = (b: GlyphBox, w: { x: number; y: number; w: number; h: number }, above: number) =>
    b.x1 <= w.x + 0.05 ||
    b.x0 >= w.x + w.w - 0.05 ||
    b.y1 <= w.y - above + 0.05 ||
    b.y0 >= w.y + w.h + above - 0.05;

  it('shortens the columns a frame over their head covers, keeping the stand-off below it', () => {
    const { page, glyphs, fit } = withFrame(R(0, 1, 15, 8));
    expect(page.warnings ?? []).toEqual([]);
    const w = page.wraps!.find((o) => o.kind === 'photo')!;
    // Nothing inside the frame nor in the 字 of stand-off above and below it.
    expect(glyphs.filter((b) => !clear(b, w, grid.em))).toEqual([]);
    // Those columns start below it; the others still at the region's top.
    const top = grid.rowTop(15);
    const under = glyphs.filter((b) => b.x1 > w.x && b.x0 < w.x + w.w);
    expect(under.length).toBeGreaterThan(0);
    expect(Math.min(...under.map((b) => b.y0))).toBeGreaterThanOrEqual(w.y + w.h + grid.em - 0.05);
    expect(Math.min(...glyphs.filter((b) => b.x0 >= w.x + w.w).map((b) => b.y0))).toBeCloseTo(top, 1);
    expectNothingLost(page, story);
    // Copyfit: the columns hold fewer 字, so more runs over.
    expect(fit.linesAvailable).toBe(plain.fit.linesAvailable);
    expect(fit.oversetChars).toBeGreaterThan(plain.fit.oversetChars);
  });

  it('skips the columns a frame over their middle covers, and counts them as no room', () => {
    const { page, glyphs, fit } = withFrame(R(1, 2, 25, 8));
    expect(page.warnings ?? []).toEqual([]);
    const w = page.wraps!.find((o) => o.kind === 'photo')!;
    expect(glyphs.filter((b) => b.x1 > w.x + 0.05 && b.x0 < w.x + w.w - 0.05)).toEqual([]);
    expectNothingLost(page, story);
    expect(fit.linesAvailable).toBeLessThan(plain.fit.linesAvailable);
    expect(fit.oversetChars).toBeGreaterThan(plain.fit.oversetChars);
  });

  it('goes round a frame over its foot and keeps a story marked as a wrap object out', () => {
    const { page, glyphs } = withFrame(R(2, 2, 38, 7));
    const w = page.wraps!.find((o) => o.kind === 'photo')!;
    expect(glyphs.filter((b) => !clear(b, w, grid.em))).toEqual([]);
    const over = glyphs.filter((b) => b.x1 > w.x && b.x0 < w.x + w.w);
    expect(over.length).toBeGreaterThan(0);
    expect(Math.max(...over.map((b) => b.y1))).toBeLessThanOrEqual(w.y - grid.em + 0.05);
  });
});
