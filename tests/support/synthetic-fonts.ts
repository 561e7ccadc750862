// A deterministic FontSet for table-driven composer tests: every Han character and every CJK mark
// is exactly 1 em, Latin is proportional, and coverage has known holes, so an expected width can be
// worked out by hand (in ems) without reading a font file.
import type { FontMetrics, FontSet } from '../../engine/fonts/metrics';

export const UPM = 1000;

/** Advance in font units (per 1000) of a code point in the synthetic faces. */
export function syntheticAdvance(cp: number): number {
  const ch = String.fromCodePoint(cp);
  if (ch === ' ') return 250;
  if (ch === '–') return 500;
  if (ch === '/') return 300;
  if (ch === '%') return 800;
  if (/[il.,:;'!|]/.test(ch)) return 250;
  if (/[mwMW]/.test(ch)) return 800;
  if (/[A-Z]/.test(ch)) return 650;
  if (/[0-9]/.test(ch)) return 550;
  if (cp < 0x80) return 500;
  if (/[\u00c0-\u024f]/.test(ch)) return 500;
  // Han, kana, fullwidth forms, CJK marks, “ ” ‘ ’, ·, —, …, ～: the square frame.
  return 1000;
}

/** Code points no synthetic face covers: the private use area and emoji. */
export function syntheticUncovered(cp: number): boolean {
  return (cp >= 0xe000 && cp <= 0xf8ff) || (cp >= 0x1f000 && cp <= 0x1ffff);
}

class SyntheticFace implements FontMetrics {
  readonly unitsPerEm = UPM;
  constructor(
    readonly id: string,
    private readonly covers: (cp: number) => boolean,
    readonly ascender = 880,
    readonly descender = -120,
  ) {}
  has(cp: number): boolean {
    return this.covers(cp);
  }
  glyphId(cp: number): number {
    return this.covers(cp) ? (cp % 60000) + 1 : 0;
  }
  advance(cp: number): number {
    return this.covers(cp) ? syntheticAdvance(cp) : 500;
  }
  verticalAdvance(): number {
    return UPM;
  }
  verticalGlyphId(cp: number): number {
    return this.glyphId(cp);
  }
  hasFeature(tag: string): boolean {
    return tag === 'halt' || tag === 'vert';
  }
}

const bmp = (cp: number) => cp < 0x10000 && !syntheticUncovered(cp);
const ext = (cp: number) => cp >= 0x20000 && cp <= 0x2ffff;

/** The registry's face ids, with synthetic metrics; `synthetic-ext` (supplementary Han) is the fallback. */
export const SYNTHETIC_FACES = [
  'noto-serif-sc-400',
  'noto-serif-sc-700',
  'noto-serif-sc-900',
  'noto-sans-sc-400',
  'noto-sans-sc-500',
  'noto-sans-sc-700',
];

export function syntheticFontSet(): FontSet {
  const faces = new Map<string, FontMetrics>();
  for (const id of SYNTHETIC_FACES)
    faces.set(
      id,
      new SyntheticFace(
        id,
        bmp,
        id.startsWith('noto-sans') ? 900 : 880,
        id.startsWith('noto-sans') ? -140 : -120,
      ),
    );
  faces.set('synthetic-ext', new SyntheticFace('synthetic-ext', ext));
  return {
    face(id: string): FontMetrics {
      const f = faces.get(id);
      if (!f) throw new Error(`unknown face "${id}"`);
      return f;
    },
    fallbackChain(id: string): readonly string[] {
      if (!faces.has(id)) throw new Error(`unknown face "${id}"`);
      return id === 'synthetic-ext' ? [id] : [id, 'synthetic-ext'];
    },
  };
}
