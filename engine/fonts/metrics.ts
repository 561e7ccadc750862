// The engine sees fonts only through this interface, so it stays pure (design invariant 2).
// Node implements it over fontkit (electron/services/fonts); the renderer over a metrics table
// produced from the same files. Both must give identical numbers: one layout, two painters.

/** One face of the registry, e.g. 书宋 = Noto Serif SC Regular. All metrics in font units. */
export interface FontMetrics {
  /** Registry face id, e.g. "noto-serif-sc-400". Stable: it names the face in display lists. */
  readonly id: string;
  readonly unitsPerEm: number;
  /** Typographic ascender and descender (descender negative), font units. */
  readonly ascender: number;
  readonly descender: number;
  /** True when the face's cmap maps the code point to a real glyph. */
  has(cp: number): boolean;
  /** Glyph id for the code point, 0 (.notdef) when missing. */
  glyphId(cp: number): number;
  /** Horizontal advance of the code point's glyph, font units. */
  advance(cp: number): number;
  /** Vertical advance (vmtx), font units; unitsPerEm when the face has no vmtx. */
  verticalAdvance(cp: number): number;
  /** Glyph id after `vert` substitution, or the horizontal glyph id when there is none. */
  verticalGlyphId(cp: number): number;
  /** Whether the face supports an OpenType feature tag (e.g. 'vert', 'halt'). */
  hasFeature(tag: string): boolean;
}

/** Faces by id, and the fallback chain used when a face lacks a character. */
export interface FontSet {
  face(id: string): FontMetrics;
  /**
   * The faces to try, in order, for text set in `faceId`: the face itself, then its fallbacks.
   * A character none of them covers is reported as missing (with its position), never drawn as tofu.
   */
  fallbackChain(faceId: string): readonly string[];
  /**
   * The face an editor's role name stands for (书宋, 标宋, 大标宋, 黑体, 细黑, 粗黑, 楷体 …), or null for
   * an unknown role. `substitute` is true when the registry has no such face and names a stand-in
   * (楷体 and 仿宋 today): layout uses it and preflight reports it.
   */
  faceForRole?(role: string): RoleFace | null;
  /**
   * A face outside every chain that has the character (a rare one: 生僻字 in Extension A/B and
   * beyond), tried when the chain has none: any bundled or installed face. Null when none has it.
   */
  rareFace?(cp: number): string | null;
}

export interface RoleFace {
  face: string;
  substitute: boolean;
}

/** Where a character was found: the face that draws it and its glyph id. */
export interface ResolvedGlyph {
  face: string;
  gid: number;
  /** Advance in ems of the requested size. */
  advanceEm: number;
  fallback: boolean;
}

export function resolveGlyph(fonts: FontSet, faceId: string, cp: number): ResolvedGlyph | null {
  const chain = fonts.fallbackChain(faceId);
  for (let i = 0; i < chain.length; i++) {
    const f = fonts.face(chain[i]);
    if (f.has(cp)) return { face: f.id, gid: f.glyphId(cp), advanceEm: f.advance(cp) / f.unitsPerEm, fallback: i > 0 };
  }
  const rare = fonts.rareFace?.(cp);
  if (rare) {
    const f = fonts.face(rare);
    if (f.has(cp)) return { face: f.id, gid: f.glyphId(cp), advanceEm: f.advance(cp) / f.unitsPerEm, fallback: true };
  }
  return null;
}
