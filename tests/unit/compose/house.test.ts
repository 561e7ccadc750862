// The house style's settings, one by one (engine/compose/house.ts): hand-checkable on the synthetic
// 10-pt faces (one em = 10 pt, Han and marks 1 em, A 0.65 em), and on the sample page's own text in
// the real face where the printed paper decided a break.
import { beforeAll, describe, expect, it } from 'vitest';
import { composeParagraph } from '../../../engine/compose';
import { HOUSE_STYLES, type HouseStyle } from '../../../engine/compose/house';
import type { ComposeOptions } from '../../../engine/compose/types';
import type { FontSet } from '../../../engine/fonts/metrics';
import { loadFontSet } from '../../../electron/services/fonts';
import { newsProse, sampleArticles } from '../../support/news-prose';
import { set, texts } from '../../support/compose';

const NEWS = HOUSE_STYLES.newspaper;
const EVEN = HOUSE_STYLES.even;
const house = (over: Partial<HouseStyle>): HouseStyle => ({ ...NEWS, name: 'test', ...over });

describe('——— (longDash)', () => {
  it('newspaper sets three dashes in the two-em frame of the 破折号, ink unbroken from end to end', () => {
    const p = set('甲乙———丙', 100, { house: NEWS });
    expect(p.lines[0].width).toBeCloseTo(50, 9);
    const dashes = p.lines[0].glyphs.filter((g) => g.text === '—');
    expect(dashes[0].x).toBeCloseTo(20, 9);
    expect(dashes[2].x + 10).toBeCloseTo(40, 9);
    for (let i = 1; i < 3; i++) expect(dashes[i].x).toBeLessThanOrEqual(dashes[i - 1].x + 10); // each glyph's em overlaps the last
    expect(p.lines[0].glyphs.at(-1)!.x).toBeCloseTo(40, 9);
  });

  it('per-dash (the CLREQ reference) gives each dash an em; —— is two ems in both', () => {
    expect(set('甲乙———丙', 100, { house: EVEN }).lines[0].width).toBeCloseTo(60, 9);
    expect(set('甲乙——丙', 100, { house: NEWS }).lines[0].width).toBeCloseTo(50, 9);
    expect(set('甲乙——丙', 100, { house: EVEN }).lines[0].width).toBeCloseTo(50, 9);
  });
});

describe('CJK–Latin spacing (cjkLatin)', () => {
  it('newspaper puts a thin space (⅛ em) between Han and Latin', () => {
    expect(set('中文ABC中文', 100, { house: NEWS }).lines[0].width).toBeCloseTo(40 + 19.5 + 2.5, 9);
    expect(set('中文ABC中文', 100, { house: EVEN }).lines[0].width).toBeCloseTo(40 + 19.5 + 5, 9);
  });

  it('and squeezes it to nothing to keep a character on the line, where CLREQ stops at ⅛ em', () => {
    const text = '一二三四五六七八九A十甲乙丙丁戊己';
    const news = set(text, 10.65, { house: NEWS });
    expect(news.lines[0].text).toBe('一二三四五六七八九A十');
    expect(news.lines[0].adjustments['cjk-latin']).toBeCloseTo(-2.5, 9);
    expect(set(text, 10.65, { house: EVEN }).lines[0].text).not.toBe('一二三四五六七八九A十');
  });
});

describe('the most a line may be squeezed (maxSqueeze)', () => {
  it('two commas halved keep 九 on the line under a 2-em limit; under ½ em 九 goes down', () => {
    const text = '一，二，三四五六七八九十甲乙丙丁戊己庚辛';
    expect(texts(set(text, 10, { house: NEWS }))[0]).toBe('一，二，三四五六七八九');
    expect(texts(set(text, 10, { house: house({ maxSqueeze: 0.5 }) }))[0]).toBe('一，二，三四五六七八');
  });
});

describe('tracking', () => {
  it('changes every character by the same part of its size', () => {
    const p = set('甲乙丙丁', 100, { tracking: -0.03 });
    expect(p.lines[0].width).toBeCloseTo(4 * 9.7, 9);
    expect(p.lines[0].glyphs[1].x).toBeCloseTo(9.7, 9);
  });

  it('is refused outside ±½ em', () => {
    expect(() => set('甲', 10, { tracking: -0.8 })).toThrow(/tracking must be between/);
    expect(() => set('甲', 10, { house: house({ maxOpen: -1 }) })).toThrow(
      /house style "test": maxOpen must be zero or more/,
    );
  });
});

describe('on real text (Noto Serif SC, 17 em of 小五)', () => {
  let fonts: FontSet;
  beforeAll(() => {
    fonts = loadFontSet();
  });
  const SIZE = 9;
  const compose = (text: string, extra: Partial<ComposeOptions>) =>
    composeParagraph(
      [{ text, face: 'noto-serif-sc-400', size: SIZE, src: { article: 'p', block: 0, offset: 0 } }],
      { em: SIZE, measure: 17 * SIZE, ...extra },
      fonts,
    );

  it('keeps 决 on the indented first line by halving two commas, as the paper printed it (squeeze, firstLine)', () => {
    const text = sampleArticles()
      .find((a) => a.id === 'a4')!
      .paragraphs.find((p) => p.startsWith('曹立强指出，要坚持底线思维'))!;
    const news = compose(text, { house: NEWS });
    expect(news.lines[0].text).toBe('曹立强指出，要坚持底线思维，坚决');
    expect(news.lines[0].adjustments.comma).toBeCloseTo(-SIZE, 9);
    // The optimum fit for evenness gives 决 to the next line to spare it a letterspaced line; so
    // does a newspaper house whose first line is set for evenness.
    expect(compose(text, { house: EVEN }).lines[0].text).toBe('曹立强指出，要坚持底线思维，坚');
    expect(compose(text, { house: house({ firstLine: 'even' }) }).lines[0].text).toBe(
      '曹立强指出，要坚持底线思维，坚',
    );
  });

  it('opens a line by up to its limit sooner than push characters down, and no further (maxOpen)', () => {
    const text = newsProse().find((t) => t.includes('438.6亿元'))!;
    const open = (extra: Partial<ComposeOptions>) =>
      Math.max(
        ...compose(text, extra)
          .lines.slice(0, -1)
          .map((l) => (l.adjustments['inter-character'] ?? 0) / SIZE),
      );
    expect(compose(text, { house: NEWS }).lines.map((l) => l.text)).toContain(
      '定资产投资438.6亿元，同比增长',
    );
    expect(open({ house: NEWS })).toBeGreaterThan(1.4);
    expect(open({ house: NEWS })).toBeLessThanOrEqual(2);
    const tight = compose(text, { house: house({ maxOpen: 1 }) });
    expect(tight.lines.map((l) => l.text).join('')).toBe(text);
    expect(open({ house: house({ maxOpen: 1 }) })).toBeLessThanOrEqual(1);
  });
});
