// Glyph look-up with a cache per FontSet and face: a page sets the same few thousand characters
// over and over, so each (face, code point) is resolved through the fallback chain only once.
import type { FontSet } from '../fonts/metrics';

export interface CachedGlyph {
  /** Face that draws it (the requested one or a fallback). */
  face: string;
  gid: number;
  /** Advance in ems. */
  advanceEm: number;
  /** No face in the chain has it: drawn as nothing, reported in `missing`. */
  missing: boolean;
}

export interface FaceVertical {
  ascentEm: number;
  descentEm: number;
}

interface SetCache {
  glyphs: Map<string, Map<number, CachedGlyph>>;
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

/** A resolver bound to one face: call it per code point. */
export function glyphResolver(fonts: FontSet, faceId: string, placeholderEm: (cp: number) => number): (cp: number) => CachedGlyph {
  const cache = setCache(fonts);
  let byCp = cache.glyphs.get(faceId);
  if (!byCp) {
    byCp = new Map();
    cache.glyphs.set(faceId, byCp);
  }
  const map = byCp;
  let chain: readonly string[] | null = null;
  return (cp: number) => {
    const hit = map.get(cp);
    if (hit) return hit;
    chain ??= fonts.fallbackChain(faceId);
    let g: CachedGlyph | null = null;
    // Faces are opened as the walk reaches them: a fallback (a system CJK collection is tens of
    // megabytes) is read only when a character is missing from every face before it.
    for (const id of chain) {
      const f = fonts.face(id);
      if (f.has(cp)) {
        g = { face: f.id, gid: f.glyphId(cp), advanceEm: f.advance(cp) / f.unitsPerEm, missing: false };
        break;
      }
    }
    // A character no face covers keeps a plausible width so the line around it still sets;
    // gid 0 plus the flag lets layout report it and the PDF preflight refuse it.
    if (!g) g = { face: faceId, gid: 0, advanceEm: placeholderEm(cp), missing: true };
    map.set(cp, g);
    return g;
  };
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
