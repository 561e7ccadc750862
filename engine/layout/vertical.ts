// Vertical body text (竖排, docs/cjk-typesetting.md §5): a story's regions set in columns from right
// to left, each column read top to bottom. The line composer sets each column as a line whose
// measure is the region's height, through a font set that answers with vertical metrics: `vert`
// alternates and vertical advances for Han and marks (so 。，、 sit in the upper right of their em
// and the prohibitions and compression of the column's head and foot are those of a line's start
// and end, CLREQ §5.2), Latin words — and ——, …… where the face has no vertical form — at their
// horizontal advance (set rotated 90° clockwise), and
// digits half an em, so that a two-digit number stands upright side by side in one em (纵中横)
// while a longer one is rotated with the Latin.
import type { ComposedLine } from '../compose/types';
import type { GlyphRun, PlacedGlyph } from '../display/types';
import { BLACK } from '../display/types';
import type { FontMetrics, FontSet, RoleFace } from '../fonts/metrics';
import { overprints } from './emit';
import { EM_ASCENT, type PageGrid, type Rect, type TextColumn } from './grid';
import { GAP_ROLE, type Role } from './runs';

const isDigit = (cp: number): boolean => cp >= 0x30 && cp <= 0x39;
/** Set rotated in a vertical column: Latin letters and digits (and what joins them in a word). */
export function isRotated(cp: number): boolean {
  return (cp >= 0x21 && cp <= 0x7e && cp !== 0x28 && cp !== 0x29) || (cp >= 0xc0 && cp <= 0x24f);
}

/** Marks drawn along the line: a face without a `vert` form for them has them turned with the column. */
const TURNED = new Set([0x2014, 0x2013, 0x2026, 0x2025, 0xff5e, 0x301c, 0x2e3a, 0x22ef]);

/** Is this character set rotated 90° clockwise in a vertical column of this face? */
export function rotatedIn(face: FontMetrics, cp: number): boolean {
  return isRotated(cp) || (TURNED.has(cp) && face.verticalGlyphId(cp) === face.glyphId(cp));
}

class VerticalFace implements FontMetrics {
  readonly id: string;
  readonly unitsPerEm: number;
  readonly ascender: number;
  readonly descender: number;
  constructor(private readonly f: FontMetrics) {
    this.id = f.id;
    this.unitsPerEm = f.unitsPerEm;
    this.ascender = f.ascender;
    this.descender = f.descender;
  }
  has(cp: number): boolean {
    return this.f.has(cp);
  }
  glyphId(cp: number): number {
    return rotatedIn(this.f, cp) ? this.f.glyphId(cp) : this.f.verticalGlyphId(cp);
  }
  advance(cp: number): number {
    if (isDigit(cp)) return this.f.unitsPerEm / 2;
    return rotatedIn(this.f, cp) ? this.f.advance(cp) : this.f.verticalAdvance(cp);
  }
  verticalAdvance(cp: number): number {
    return this.f.verticalAdvance(cp);
  }
  verticalGlyphId(cp: number): number {
    return this.f.verticalGlyphId(cp);
  }
  hasFeature(tag: string): boolean {
    return this.f.hasFeature(tag);
  }
}

class VerticalFontSet implements FontSet {
  private readonly faces = new Map<string, VerticalFace>();
  constructor(private readonly fonts: FontSet) {}
  face(id: string): FontMetrics {
    let f = this.faces.get(id);
    if (!f) {
      f = new VerticalFace(this.fonts.face(id));
      this.faces.set(id, f);
    }
    return f;
  }
  fallbackChain(faceId: string): readonly string[] {
    return this.fonts.fallbackChain(faceId);
  }
  rareFace(cp: number): string | null {
    return this.fonts.rareFace?.(cp) ?? null;
  }
  faceForRole(role: string): RoleFace | null {
    return this.fonts.faceForRole?.(role) ?? null;
  }
}

const verticalSets = new WeakMap<FontSet, FontSet>();
/** The font set vertical columns are composed with (one per font set, so composition caches hold). */
export function verticalFonts(fonts: FontSet): FontSet {
  let v = verticalSets.get(fonts);
  if (!v) {
    v = new VerticalFontSet(fonts);
    verticalSets.set(fonts, v);
  }
  return v;
}

/** A vertical region: its rectangle, and its columns as the flow sees them (one "line" per column,
 *  its x and width measured down the column: x is the region's top). */
export interface VerticalRegion {
  rect: Rect;
  column: TextColumn;
}

/** The columns of a vertical region: as many as the body pitch allows across it, each as tall as
 *  the region holds whole ems. */
export function verticalRegion(rect: Rect, region: number, grid: PageGrid): VerticalRegion {
  const em = grid.em;
  return {
    rect,
    column: {
      x: rect.y,
      width: Math.max(em, Math.floor(rect.h / em + 1e-6) * em),
      row: 0,
      rows: Math.max(0, Math.floor(rect.w / grid.pitch + 1e-6)),
      region,
    },
  };
}

/** Centre x of the column `index` of a vertical region (0 is the rightmost). */
export function columnCentre(r: VerticalRegion, index: number, pitch: number): number {
  return r.rect.x + r.rect.w - (index + 0.5) * pitch;
}

/**
 * Appends the runs of one composed column, set down from `top` with its centre at `centre`. Han and
 * marks upright in their `vert` forms; Latin words and numbers of three or more digits rotated;
 * a two-digit number upright side by side, scaled to one em.
 */
export function emitVerticalLine(
  line: ComposedLine,
  centre: number,
  top: number,
  fallbackRole: Role,
  fonts: FontSet,
  out: GlyphRun[],
): void {
  const gl = line.glyphs;
  let run: GlyphRun | null = null;
  for (let i = 0; i < gl.length; i++) {
    const g = gl[i];
    if (g.role === GAP_ROLE || g.missing || g.gid === 0) continue;
    const role = (g.role ?? fallbackRole) as Role;
    const color = g.color ?? BLACK;
    const cp = g.text.codePointAt(0)!;
    const face = fonts.face(g.face);
    let pg: PlacedGlyph;
    const size = g.size;
    if (
      isDigit(cp) &&
      i + 1 < gl.length &&
      isDigit(gl[i + 1].text.codePointAt(0)!) &&
      (i === 0 || !isRotated(gl[i - 1].text.codePointAt(0)!)) &&
      (i + 2 >= gl.length || !isRotated(gl[i + 2].text.codePointAt(0)!))
    ) {
      // 纵中横: the two digits share the em the composer gave them, side by side, scaled to fit.
      const h = gl[i + 1];
      const a1 = face.advance(cp) / face.unitsPerEm,
        a2 = face.advance(h.text.codePointAt(0)!) / face.unitsPerEm;
      const s = g.size * Math.min(1, 0.95 / (a1 + a2));
      const x0 = -((a1 + a2) * s) / 2;
      const y = g.x + (g.size - s) / 2 + s * EM_ASCENT;
      const pair: GlyphRun = {
        kind: 'glyphs',
        face: g.face,
        size: s,
        color,
        overprint: overprints(color),
        x: centre,
        y: top,
        vertical: true,
        role,
        glyphs: [
          { gid: face.glyphId(cp), text: g.text, x: x0, y, advance: a1 * s, src: g.src },
          {
            gid: face.glyphId(h.text.codePointAt(0)!),
            text: h.text,
            x: x0 + a1 * s,
            y,
            advance: a2 * s,
            src: h.src,
          },
        ],
      };
      out.push(pair);
      run = null;
      i++;
      continue;
    }
    if (rotatedIn(face, cp)) {
      // Rotated 90° clockwise about its origin: the baseline runs down the column a third of an em
      // left of its centre, so the letters' body sits centred on it.
      pg = {
        gid: g.gid,
        text: g.text,
        x: -0.33 * size,
        y: g.x,
        advance: g.advance,
        src: g.src,
        rotate: true,
      };
    } else {
      const hAdv = (face.advance(cp) / face.unitsPerEm) * size;
      pg = {
        gid: g.gid,
        text: g.text,
        x: -hAdv / 2,
        y: g.x + size * EM_ASCENT,
        advance: g.advance,
        src: g.src,
      };
    }
    if (!run || run.face !== g.face || run.size !== size || run.role !== role || run.color !== color) {
      run = {
        kind: 'glyphs',
        face: g.face,
        size,
        color,
        overprint: overprints(color),
        x: centre,
        y: top,
        vertical: true,
        role,
        glyphs: [],
      };
      out.push(run);
    }
    run.glyphs.push(pg);
  }
}
