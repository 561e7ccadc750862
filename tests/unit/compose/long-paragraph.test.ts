// Pathological paragraphs (megabytes of Latin letters, one unbreakable word) are composed a window at
// a time, so the composer's working set is bounded; the lines read as a paragraph composed whole.
import { beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_CHARS, composeParagraph } from '../../../engine/compose';
import type { ComposedParagraph, StyledRun } from '../../../engine/compose/types';
import type { FontSet } from '../../../engine/fonts/metrics';
import { loadFontSet } from '../../../electron/services/fonts';

let fonts: FontSet;
beforeAll(() => {
  fonts = loadFontSet();
});

const runs = (text: string): StyledRun[] => {
  const half = Math.floor(text.length / 2);
  return [
    {
      text: text.slice(0, half),
      face: 'noto-serif-sc-400',
      size: 9,
      src: { article: 'a', block: 3, offset: 0 },
    },
    {
      text: text.slice(half),
      face: 'noto-sans-sc-500',
      size: 9,
      src: { article: 'a', block: 3, offset: half },
    },
  ];
};

function checkParagraph(p: ComposedParagraph, text: string, measure: number) {
  expect(p.lines[0].start).toBe(0);
  expect(p.lines[p.lines.length - 1].end).toBe(text.length);
  p.lines.forEach((l, i) => {
    if (i > 0) expect(l.start).toBe(p.lines[i - 1].end);
    expect(l.text).toBe(text.slice(l.start, l.end));
    // Every glyph points back at its own character.
    for (const g of l.glyphs) expect(text[g.src.offset]).toBe(g.text[0]);
    if (i < p.lines.length - 1) expect(l.width).toBeCloseTo(l.measure, 3);
    expect(l.measure === measure || i < 3).toBe(true);
  });
  expect(p.lines.filter((l) => l.breakKind === 'end')).toHaveLength(1);
}

describe('long paragraphs', () => {
  it('sets a paragraph several windows long as one justified paragraph, offsets continuous', () => {
    const text = 'lorem ipsum dolor sit amet, consectetur 排版 adipiscing elit. '.repeat(
      Math.ceil((CHUNK_CHARS * 2.5) / 60),
    );
    expect(text.length).toBeGreaterThan(2 * CHUNK_CHARS);
    const p = composeParagraph(runs(text), { em: 9, measure: 153 }, fonts);
    checkParagraph(p, text, 153);
    expect(p.lines[0].indent).toBeCloseTo(18);
    expect(p.lines.slice(1).every((l) => l.indent === 0)).toBe(true);
  });

  it('gives each line the measure of its own line number across windows', () => {
    const text = 'a'.repeat(CHUNK_CHARS * 2 + 100);
    const p = composeParagraph(runs(text), { em: 9, measure: (li) => (li < 3 ? 99 : 153) }, fonts);
    checkParagraph(p, text, 153);
    expect(p.lines.slice(0, 3).every((l) => l.measure === 99)).toBe(true);
    expect(p.lines.slice(3).every((l) => l.measure === 153)).toBe(true);
  });

  it('composes a short paragraph whole, as before', () => {
    const text = '本报讯　'.repeat(100);
    const whole = composeParagraph(runs(text), { em: 9, measure: 153 }, fonts);
    checkParagraph(whole, text, 153);
  });
});
