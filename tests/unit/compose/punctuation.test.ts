import { describe, expect, it } from 'vitest';
import { naturalEms, set, EM } from '../../support/compose';
import type { PunctuationStyle } from '../../../engine/compose/types';

const STYLES: PunctuationStyle[] = ['newspaper', 'quanjiao', 'kaiming', 'banjiao', 'hangmobanjiao'];

describe('punctuation widths by style (cjk-typesetting.md §2.2, §2.4)', () => {
  // Widths in ems of a one-line paragraph; the mark at the end of the line is always trimmed (GB 5.1.10).
  it.each([
    //  text          newspaper quanjiao kaiming banjiao hangmobanjiao
    ['甲”“乙', 3, 3.5, 3, 3, 4], // closing + opening
    ['甲。”乙', 3.5, 3.5, 3.5, 3, 4], // only the blank between the inks goes
    ['甲，“乙', 3, 3.5, 3, 3, 4],
    ['甲（）乙', 4, 4, 3, 3, 4], // an empty pair keeps its blanks
    ['甲。”）乙', 4, 4, 4, 3.5, 5], // three marks: each pair loses ½
    ['甲，乙。丙', 5, 5, 4.5, 4, 5], // 开明式: sentence end full, the rest half
    ['甲？！乙', 3, 3, 3, 3, 3], // GB 5.1.2: ？！ together take one em
    ['甲？？？乙', 4, 4, 4, 3.5, 4], // three take two
    ['甲《乙〈丙〉》丁', 7.5, 7.5, 6, 6, 8], // 〉》: the first closer's blank goes
  ])('%s', (text, ...expected) => {
    expect(STYLES.map((style) => naturalEms(text, { style }))).toEqual(expected);
  });

  it('trims a mark at the end of any line to half an em (GB/T 15834 5.1.10)', () => {
    for (const style of STYLES) expect(naturalEms('甲乙。', { style })).toBe(2.5);
  });

  it('trims an opener at a line start in the newspaper style, not in 全角式', () => {
    expect(naturalEms('“甲乙”', { style: 'newspaper' })).toBe(3);
    expect(naturalEms('“甲乙”', { style: 'quanjiao' })).toBe(3.5);
    // With the indent: the ink of “ begins right at the 2-em indent.
    const p = set('“甲乙”', 100, { style: 'newspaper', indent: 2 });
    expect(p.lines[0].glyphs[0].x).toBe(2 * EM - EM / 2);
    expect(p.lines[0].glyphs[1].x).toBe(2.5 * EM);
  });

  it('trims openers at line starts in 行末半角式 too, and keeps a full-width interpunct whole mid-line', () => {
    expect(naturalEms('“甲乙”', { style: 'hangmobanjiao' })).toBe(3);
    expect(naturalEms('甲·乙', { style: 'newspaper' })).toBe(3);
  });

  it('squeezes a full-width interpunct equally on both sides, to half an em', () => {
    // 12 em of text in 11.5: the · gives ¼ em each side before anything else (CLREQ step 3).
    const p = set('甲乙丙丁戊·己庚辛壬癸子丑寅卯', 11.5, { style: 'quanjiao' });
    const l = p.lines[0];
    expect(l.text).toBe('甲乙丙丁戊·己庚辛壬癸子');
    expect(l.width).toBeCloseTo(115, 9);
    expect(l.adjustments.interpunct).toBeCloseTo(-5, 9);
    const dot = l.glyphs[5];
    expect(dot.x - (l.glyphs[4].x + 10)).toBeCloseTo(-2.5, 9);
    expect(dot.advance).toBeCloseTo(5, 9);
  });

  it('sets —— as two ems and never stretches inside it', () => {
    const p = set('甲乙丙——丁戊己庚辛壬癸子丑', 10.5, { style: 'quanjiao' });
    const line = p.lines[0];
    expect(line.text).toBe('甲乙丙——丁戊己庚辛');
    expect(line.width).toBeCloseTo(105, 9);
    const dashes = line.glyphs.filter((g) => g.text === '—');
    expect(dashes[1].x - dashes[0].x).toBe(EM);
    // the half em of slack went to the eight other gaps
    expect(line.glyphs[1].x - line.glyphs[0].x).toBeCloseTo(EM + 5 / 8, 9);
  });
});

describe('line-end trim and justification (case line-end-trim)', () => {
  it('9 Han + 。 in a 10-em column: the half em of slack goes between the characters, 。 ink flush right', () => {
    const p = set('一二三四五六七八九。十一二三', 10, { style: 'quanjiao' });
    const l = p.lines[0];
    expect(l.text).toBe('一二三四五六七八九。');
    expect(l.naturalWidth).toBeCloseTo(95, 9);
    expect(l.width).toBeCloseTo(100, 9);
    expect(l.adjustments['line-end']).toBeCloseTo(-5, 9);
    expect(l.adjustments['inter-character']).toBeCloseTo(5, 9);
    const gaps = l.glyphs.slice(1).map((g, i) => g.x - l.glyphs[i].x);
    for (const g of gaps) expect(g).toBeCloseTo(10 + 5 / 9, 9);
  });
});
