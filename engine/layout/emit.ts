// Turning composed lines into display items: runs of one face, size, colour and role, each glyph
// with its source. Glyphs the fonts lack are never drawn (no tofu): they are reported instead.
import type { ComposedLine } from '../compose/types';
import type { Cmyk, GlyphRun, MissingGlyph, PlacedGlyph } from '../display/types';
import { BLACK } from '../display/types';
import { GAP_ROLE, type Role } from './runs';

const ROLES = new Set<string>(['body', 'headline', 'kicker', 'subhead', 'crosshead', 'dateline', 'byline', 'source', 'caption', 'master', 'placeholder', 'mark']);

/** Text in solid black overprints (no knock-out, so misregistration shows no white halo); colours knock out. */
export function overprints(c: Cmyk): boolean {
  return c.c === 0 && c.m === 0 && c.y === 0 && c.k === 100;
}

const sameColor = (a: Cmyk, b: Cmyk): boolean => a.c === b.c && a.m === b.m && a.y === b.y && a.k === b.k;

/** Appends the runs of one line set with its start at (x, baseline). */
export function emitLine(line: ComposedLine, x: number, baseline: number, fallbackRole: Role, out: GlyphRun[]): void {
  let run: GlyphRun | null = null;
  for (const g of line.glyphs) {
    if (g.role === GAP_ROLE || (g as { missing?: boolean }).missing || g.gid === 0) continue;
    const role = (g.role && ROLES.has(g.role) ? g.role : fallbackRole) as Role;
    const color = g.color ?? BLACK;
    if (!run || run.face !== g.face || run.size !== g.size || run.role !== role || !sameColor(run.color, color)) {
      run = { kind: 'glyphs', face: g.face, size: g.size, color, overprint: overprints(color), x, y: baseline, vertical: false, glyphs: [], role };
      out.push(run);
    }
    const pg: PlacedGlyph = { gid: g.gid, text: g.text, x: g.x, y: 0, advance: g.advance, src: g.src };
    run.glyphs.push(pg);
  }
}

export function missingOf(list: { char: string; src: { article: string; block: number; offset: number }; face: string }[], out: MissingGlyph[]): void {
  for (const m of list) out.push({ article: m.src.article, block: m.src.block, offset: m.src.offset, char: m.char, face: m.face });
}
