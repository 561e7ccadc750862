// From the page back to the text: a click finds its character, a selection its glyphs; the
// copyfit figures editors read.
import { describe, expect, it } from 'vitest';
import type { DisplayPage, GlyphRun } from '../../../engine/display/types';
import { caretBox, hitTest, spanBoxes } from '../../../renderer/page/hit';
import { changedAreas, cmykToCss } from '../../../renderer/page/paint';
import { articleCounts, countChars, fitLabel, fitState } from '../../../renderer/editor/fit';

const run = (
  article: string,
  block: number,
  text: string,
  x: number,
  y: number,
  role: GlyphRun['role'] = 'body',
  from = 0,
): GlyphRun => ({
  kind: 'glyphs',
  face: 'noto-serif-sc-400',
  size: 10,
  color: { c: 0, m: 0, y: 0, k: 100 },
  overprint: true,
  x,
  y,
  vertical: false,
  role,
  glyphs: [...text].map((ch, i) => ({
    gid: 100 + i,
    text: ch,
    x: i * 10,
    y: 0,
    advance: 10,
    src: { article, block, offset: from + i },
  })),
});

const page: DisplayPage = {
  number: 1,
  section: '要闻',
  width: 500,
  height: 700,
  bleed: 8.5,
  typeArea: { x: 20, y: 20, w: 460, h: 660 },
  items: [
    run('m', 0, '徐汇报', 20, 30, 'master'),
    run('a1', 3, '区委宣传部', 100, 100),
    run('a1', 3, '联合举办', 100, 113, 'body', 5),
  ],
  fits: [],
  missing: [],
};

describe('hit testing', () => {
  it('finds the character under a click, caret after it on its far half', () => {
    expect(hitTest(page, 122, 96)).toEqual({
      src: { article: 'a1', block: 3, offset: 2 },
      after: false,
      length: 1,
    });
    expect(hitTest(page, 128, 96)).toMatchObject({ src: { offset: 2 }, after: true });
    // The second line: its glyphs count on in the same block.
    expect(hitTest(page, 101, 110)).toMatchObject({ src: { article: 'a1', block: 3, offset: 5 } });
  });

  it('master items (masthead, folio) are not article text', () => {
    expect(hitTest(page, 25, 26)).toBeNull();
    expect(hitTest(page, 400, 400)).toBeNull();
  });

  it('shows an editor selection as glyph boxes, and a caret after the last character', () => {
    const boxes = spanBoxes(page, { article: 'a1', block: 3, offset: 2 }, { block: 3, offset: 8 });
    expect(boxes.map((b) => [b.x, b.y])).toEqual([
      [120, 91.2],
      [130, 91.2],
      [140, 91.2],
      [100, 104.2],
      [110, 104.2],
      [120, 104.2],
    ]);
    expect(caretBox(page, { article: 'a1', block: 3, offset: 9 })).toEqual({ x: 140, y: 104.2, w: 0, h: 10 });
  });
});

describe('copyfit figures', () => {
  it('says 超 N 字 when text is overset and 余 N 行 when lines are to spare', () => {
    const f = (o: Partial<{ oversetChars: number; oversetLines: number; undersetLines: number }>) => ({
      article: 'a1',
      linesUsed: 10,
      linesAvailable: 10,
      oversetLines: 0,
      oversetChars: 0,
      undersetLines: 0,
      oversetText: '',
      ...o,
    });
    expect(fitLabel(fitState([f({ oversetChars: 37, oversetLines: 3 })]))).toBe('超 37 字');
    expect(fitLabel(fitState([f({ undersetLines: 5 })]))).toBe('余 5 行');
    expect(fitLabel(fitState([f({})]))).toBe('正好');
    expect(fitLabel(fitState([]))).toBe('未上版');
  });

  it('counts characters as editors do: no spaces, a surrogate pair is one', () => {
    expect(countChars('区委 宣传部\n𠀀A1')).toBe(8);
    expect(
      articleCounts({
        id: 'x',
        slug: 'x',
        status: 'draft',
        blocks: [
          { type: 'headline', children: [{ text: '标题' }] },
          { type: 'paragraph', children: [{ text: '正文', bold: true }, { text: '四字' }] },
        ],
      }),
    ).toEqual({ body: 4, all: 6 });
  });

  it('paints CMYK as poppler renders it, so screen and proof agree', () => {
    expect(cmykToCss({ c: 0, m: 0, y: 0, k: 100 })).toBe('rgb(0,0,0)');
    expect(cmykToCss({ c: 0, m: 100, y: 100, k: 0 })).toBe('rgb(255,0,0)');
    expect(cmykToCss({ c: 0, m: 0, y: 0, k: 20 })).toBe('rgb(204,204,204)');
  });
});

describe('repainting what changed', () => {
  it('finds nothing to repaint in an identical layout, and the old and new place of a moved line', () => {
    const again: DisplayPage = structuredClone(page);
    expect(changedAreas(page, again)).toEqual([]);
    const moved: DisplayPage = structuredClone(page);
    (moved.items[2] as GlyphRun).y += 13;
    const areas = changedAreas(page, moved);
    expect(areas).toHaveLength(2);
    expect(areas.map((a) => a.y < 113 && a.y + a.h > 113)).toContain(true);
    expect(areas.map((a) => a.y < 126 && a.y + a.h > 126)).toContain(true);
    // A changed glyph (a keystroke) counts as well; untouched lines do not.
    const typed: DisplayPage = structuredClone(page);
    (typed.items[1] as GlyphRun).glyphs[4].gid = 999;
    expect(changedAreas(page, typed)).toHaveLength(2);
    expect(changedAreas(page, typed).every((a) => a.y < 100 && a.y + a.h > 95)).toBe(true);
  });
});
