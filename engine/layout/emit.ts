// Turning composed lines into display items: runs of one face, size, colour and role, each glyph
// with its source. Glyphs the fonts lack are never drawn (no tofu): they are reported instead.
import type { ComposedLine } from '../compose/types';
import type { Cmyk, GlyphRun, MissingGlyph, PlacedGlyph } from '../display/types';
import { BLACK } from '../display/types';
import { GAP_ROLE, type Role } from './runs';

const ROLES = new Set<string>([
  'body',
  'headline',
  'kicker',
  'subhead',
  'crosshead',
  'dateline',
  'byline',
  'source',
  'caption',
  'master',
  'placeholder',
  'mark',
]);

/** Text in solid black overprints (no knock-out, so misregistration shows no white halo); colours knock out. */
export function overprints(c: Cmyk): boolean {
  return c.c === 0 && c.m === 0 && c.y === 0 && c.k === 100;
}

const sameColor = (a: Cmyk, b: Cmyk): boolean => a.c === b.c && a.m === b.m && a.y === b.y && a.k === b.k;

interface LineRun {
  face: string;
  size: number;
  color: Cmyk;
  overprint: boolean;
  role: Role;
  scale?: number;
  glyphs: PlacedGlyph[];
}

// A composed line is set the same wherever it lands: only the run origins move. Its runs are built
// once per composed line (itself cached by content and measure) and shared by every display list
// that shows it, so a relayout allocates a few objects per line instead of one per glyph, and reads
// none of the line's glyphs again: they are scattered in memory, and walking them on every keystroke
// cost more than the rest of a warm layout. Display lists are therefore read-only data.
// A line is nearly always set in one role; a second one (a caption line also shown elsewhere) is rare.
interface LineFacts {
  size: number;
  role: Role | null;
  runs: LineRun[] | null;
  otherRoles?: Map<Role, LineRun[]>;
}
const lineFacts = new WeakMap<ComposedLine, LineFacts>();

function factsOf(line: ComposedLine): LineFacts {
  let facts = lineFacts.get(line);
  if (!facts) {
    let size = 0;
    for (const g of line.glyphs) if (g.size > size && g.role !== GAP_ROLE) size = g.size;
    facts = { size, role: null, runs: null };
    lineFacts.set(line, facts);
  }
  return facts;
}

function runsOf(line: ComposedLine, fallbackRole: Role): LineRun[] {
  const facts = factsOf(line);
  if (facts.role === fallbackRole) return facts.runs!;
  const hit = facts.otherRoles?.get(fallbackRole);
  if (hit) return hit;
  const out: LineRun[] = [];
  let run: LineRun | null = null;
  for (const g of line.glyphs) {
    if (g.role === GAP_ROLE || (g as { missing?: boolean }).missing || g.gid === 0) continue;
    const role = (g.role && ROLES.has(g.role) ? g.role : fallbackRole) as Role;
    const color = g.color ?? BLACK;
    if (
      !run ||
      run.face !== g.face ||
      run.size !== g.size ||
      run.role !== role ||
      run.scale !== g.scale ||
      !sameColor(run.color, color)
    ) {
      run = { face: g.face, size: g.size, color, overprint: overprints(color), role, glyphs: [] };
      if (g.scale !== undefined) run.scale = g.scale;
      out.push(run);
    }
    run.glyphs.push(
      Object.freeze({ gid: g.gid, text: g.text, x: g.x, y: 0, advance: g.advance, src: g.src }),
    );
  }
  // Shared by every list that shows the line: frozen, so a painter cannot change another's page.
  for (const r of out) Object.freeze(r.glyphs);
  if (facts.role === null) {
    facts.role = fallbackRole;
    facts.runs = out;
  } else (facts.otherRoles ??= new Map()).set(fallbackRole, out);
  return out;
}

/** Appends the runs of one line set with its start at (x, baseline). */
export function emitLine(
  line: ComposedLine,
  x: number,
  baseline: number,
  fallbackRole: Role,
  out: GlyphRun[],
): void {
  for (const r of runsOf(line, fallbackRole)) {
    const run: GlyphRun = {
      kind: 'glyphs',
      face: r.face,
      size: r.size,
      color: r.color,
      overprint: r.overprint,
      x,
      y: baseline,
      vertical: false,
      glyphs: r.glyphs,
      role: r.role,
    };
    if (r.scale !== undefined) run.scale = r.scale;
    out.push(run);
  }
}

/** The largest size set on a line (its em box decides where it sits in its rows). */
export function lineSize(line: ComposedLine, fallback: number): number {
  return factsOf(line).size || fallback;
}

export function missingOf(
  list: { char: string; src: { article: string; block: number; offset: number }; face: string }[],
  out: MissingGlyph[],
): void {
  for (const m of list)
    out.push({
      article: m.src.article,
      block: m.src.block,
      offset: m.src.offset,
      char: m.char,
      face: m.face,
    });
}
