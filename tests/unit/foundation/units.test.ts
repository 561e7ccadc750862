import { describe, expect, it } from 'vitest';
import { parseSize, mmToPt, ptToMm, HAO_SIZES } from '../../../engine/units';

describe('units', () => {
  it('reads Chinese size names as the word system gives them', () => {
    expect(parseSize('小五')).toBe(9);
    expect(parseSize('五号')).toBe(10.5);
    expect(parseSize('一号')).toBe(26);
    expect(Object.keys(HAO_SIZES)).toHaveLength(16);
  });
  it('reads points and millimetres', () => {
    expect(parseSize('9pt')).toBe(9);
    expect(parseSize(' 10.5 ')).toBe(10.5);
    expect(parseSize('25.4mm')).toBeCloseTo(72, 10);
    expect(ptToMm(mmToPt(3))).toBeCloseTo(3, 12);
  });
  it('refuses nonsense with a message that says what is accepted', () => {
    expect(() => parseSize('大五')).toThrow(/size name/);
    expect(() => parseSize('0')).toThrow(/positive/);
    expect(() => parseSize(-3)).toThrow(/positive/);
  });
});
