// Glyph look-up with a cache per FontSet and face: a page sets the same few thousand characters
// over and over, so each (face, code point) is resolved through the fallback chain only once.
import type { FontSet } from '../fonts/metrics';
import { CharClass, charClass } from '../text/classes';

export interface CachedGlyph {
  /** Face that draws it (the requested one or a fallback). */
  face: string;
  gid: number;
  /** Advance in ems. */
  advanceEm: number;
  /** No face in the chain has it: drawn as nothing, reported in `missing`. */
  missing: boolean;
  /** The character itself, made once: set lines hand it out for every glyph. */
  char: string;
}

export interface FaceVertical {
  ascentEm: number;
  descentEm: number;
}

interface SetCache {
  glyphs: Map<string, FaceGlyphs>;
  vertical: Map<string, FaceVertical>;
}

const caches = new WeakMap<FontSet, SetCache>();

function setCache(fonts: FontSet): SetCache {
  let c = caches.get(fonts);
  if (!c) {
    c = { glyphs: new Map(), vertical: new Map() };
    caches.set(fonts, c);
  }
  return c;
}

/** A character no face covers keeps a plausible width so the line around it still sets. */
function placeholderEm(cp: number): number {
  return charClass(cp) === CharClass.Han ? 1 : 0.5;
}

/**
 * The glyphs of one face (through its fallback chain), resolved once per code point. The BMP is
 * indexed by a flat table rather than a Map: every character of every paragraph goes through here.
 */
export class FaceGlyphs {
  /** 1 + index into `list` for each BMP code point; 0 when not resolved yet. */
  private readonly bmp = new Int32Array(0x10000);
  private readonly list: CachedGlyph[] = [];
  private readonly astral = new Map<number, CachedGlyph>();
  private chain: readonly string[] | null = null;

  constructor(
    private readonly fonts: FontSet,
    private readonly faceId: string,
  ) {}

  get(cp: number): CachedGlyph {
    if (cp < 0x10000) {
      const i = this.bmp[cp];
      if (i !== 0) return this.list[i - 1];
      const g = this.resolve(cp);
      this.list.push(g);
      this.bmp[cp] = this.list.length;
      return g;
    }
    let g = this.astral.get(cp);
    if (!g) {
      g = this.resolve(cp);
      this.astral.set(cp, g);
    }
    return g;
  }

  private resolve(cp: number): CachedGlyph {
    const fonts = this.fonts;
    this.chain ??= fonts.fallbackChain(this.faceId);
    const char = String.fromCodePoint(cp);
    // Faces are opened as the walk reaches them: a fallback (a system CJK collection is tens of
    // megabytes) is read only when a character is missing from every face before it.
    for (const id of this.chain) {
      const f = fonts.face(id);
      if (f.has(cp))
        return {
          face: f.id,
          gid: f.glyphId(cp),
          advanceEm: f.advance(cp) / f.unitsPerEm,
          missing: false,
          char,
        };
    }
    // A rare character: any face that has it, drawn from that face and reported as a fallback.
    const rare = fonts.rareFace?.(cp);
    if (rare) {
      const f = fonts.face(rare);
      if (f.has(cp))
        return {
          face: f.id,
          gid: f.glyphId(cp),
          advanceEm: f.advance(cp) / f.unitsPerEm,
          missing: false,
          char,
        };
    }
    // gid 0 plus the flag lets layout report it and the PDF preflight refuse it.
    return { face: this.faceId, gid: 0, advanceEm: placeholderEm(cp), missing: true, char };
  }
}

/** The glyph cache of one face of a font set. */
export function faceGlyphs(fonts: FontSet, faceId: string): FaceGlyphs {
  const cache = setCache(fonts);
  let g = cache.glyphs.get(faceId);
  if (!g) {
    g = new FaceGlyphs(fonts, faceId);
    cache.glyphs.set(faceId, g);
  }
  return g;
}

export function faceVertical(fonts: FontSet, faceId: string): FaceVertical {
  const cache = setCache(fonts);
  let v = cache.vertical.get(faceId);
  if (!v) {
    const f = fonts.face(faceId);
    v = { ascentEm: f.ascender / f.unitsPerEm, descentEm: -f.descender / f.unitsPerEm };
    cache.vertical.set(faceId, v);
  }
  return v;
}
