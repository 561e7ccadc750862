import { describe, expect, it } from 'vitest';
import { EM, run, set, texts } from '../../support/compose';
import { composeParagraph } from '../../../engine/compose';
import { fonts } from '../../support/compose';

describe('awkward input', () => {
  it('sets the smallest legal unit a line, overset, when the measure is narrower than a character', () => {
    const p = set('甲乙，丙', 0.5);
    expect(texts(p)).toEqual(['甲', '乙，', '丙']);
    expect(p.lines.every((l) => l.breakKind === 'emergency')).toBe(true);
    expect(p.lines[0].width).toBe(10);
  });

  it('returns no lines for an empty paragraph, and skips empty runs', () => {
    expect(set('', 10).lines).toEqual([]);
    const p = composeParagraph(
      [run(''), run('甲乙', { src: { article: 'a1', block: 0, offset: 0 } }), run('')],
      { em: EM, measure: 100 },
      fonts,
    );
    expect(texts(p)).toEqual(['甲乙']);
  });

  it('keeps spaces at a line end in the text but gives them no width', () => {
    const p = set('alpha beta gamma delta epsilon zeta', 8);
    expect(texts(p).join('')).toBe('alpha beta gamma delta epsilon zeta');
    for (const l of p.lines.slice(0, -1)) {
      expect(l.text.endsWith(' ')).toBe(true);
      expect(l.width).toBeCloseTo(80, 9);
      expect(l.glyphs.at(-1)!.advance).toBe(0);
    }
  });

  it('breaks where the text has a line break, and does not justify the line before it', () => {
    const p = set('甲乙丙\n丁戊', 10);
    expect(texts(p)).toEqual(['甲乙丙\n', '丁戊']);
    expect(p.lines[0].width).toBeCloseTo(30, 9);
    expect(p.lines[0].glyphs.map((g) => g.text)).toEqual(['甲', '乙', '丙']);
  });
});
