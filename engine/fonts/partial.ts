// Metrics for the characters in use, extended on demand. The renderer does not load a face's whole
// metrics table: the Node side sends tables for the code points the edition uses (`known`), and a
// character outside them (typed for the first time) is set with a placeholder width and reported
// through `wanted`; when its metrics arrive the tables are merged into a new font set and the page
// is laid out again, so the placeholder never reaches a settled page.
import { CharClass, charClass } from '../text/classes';
import type { FontSet, RoleFace } from './metrics';
import { METRICS_TABLE_FORMAT, TableMetrics, type MetricsTable } from './table';

export type WantedGlyph = (face: string, cp: number) => void;

function inRuns(runs: number[], cp: number): boolean {
  let lo = 0;
  let hi = runs.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const first = runs[mid * 2];
    if (cp < first) hi = mid - 1;
    else if (cp >= first + runs[mid * 2 + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Sorted unique code points (or any sorted unique integers) as [first, length] runs. */
export function codePointRuns(sorted: Iterable<number>): number[] {
  const out: number[] = [];
  for (const cp of sorted) {
    const n = out.length;
    if (n && out[n - 2] + out[n - 1] === cp) out[n - 1]++;
    else out.push(cp, 1);
  }
  return out;
}

function* runCodePoints(runs: number[]): Generator<number> {
  for (let i = 0; i < runs.length; i += 2) for (let k = 0; k < runs[i + 1]; k++) yield runs[i] + k;
}

/** A table's metrics, or placeholders (reported as wanted) for characters it does not know yet. */
export class PartialMetrics extends TableMetrics {
  private readonly known: number[] | null;

  constructor(table: MetricsTable, private readonly wanted: WantedGlyph) {
    super(table);
    this.known = table.known ?? null;
  }

  /** Whether the table answers for the code point; if not, it is reported as wanted. */
  knows(cp: number): boolean {
    if (!this.known || inRuns(this.known, cp)) return true;
    this.wanted(this.id, cp);
    return false;
  }

  override has(cp: number): boolean {
    // Unknown: taken as present, so the character keeps its place in this face until its metrics come.
    return this.knows(cp) ? super.has(cp) : true;
  }

  override glyphId(cp: number): number {
    return this.knows(cp) ? super.glyphId(cp) : 0;
  }

  override advance(cp: number): number {
    return this.knows(cp) ? super.advance(cp) : charClass(cp) === CharClass.Han ? this.unitsPerEm : this.unitsPerEm / 2;
  }

  override verticalGlyphId(cp: number): number {
    return this.knows(cp) ? super.verticalGlyphId(cp) : 0;
  }

  override verticalAdvance(cp: number): number {
    return this.knows(cp) ? super.verticalAdvance(cp) : this.unitsPerEm;
  }
}

/** A face whose table has not come yet: every character is unknown. */
function emptyTable(id: string): MetricsTable {
  return {
    format: METRICS_TABLE_FORMAT, id, unitsPerEm: 1000, ascender: 880, descender: -120, features: [],
    cmap: [], defaultAdvance: 1000, advances: [], defaultVerticalAdvance: 1000, verticalAdvances: [], vert: [], known: [],
  };
}

/** The renderer's font set over partial tables; a new one is made whenever tables are extended. */
export class PartialFontSet implements FontSet {
  private readonly faces = new Map<string, PartialMetrics>();

  constructor(
    readonly tables: ReadonlyMap<string, MetricsTable>,
    private readonly chains: Record<string, readonly string[]>,
    private readonly roles: Record<string, RoleFace>,
    wanted: WantedGlyph,
    /** Rare characters and the face outside their chains that has them (the Node side's choice). */
    private readonly rare: ReadonlyMap<number, string> = new Map(),
    /** Registry faces whose role is mapped to another face (Node's NodeFontSet.aliases()). */
    private readonly aliases: Readonly<Record<string, string>> = {},
  ) {
    for (const id of Object.keys(chains)) this.faces.set(id, new PartialMetrics(tables.get(id) ?? emptyTable(id), wanted));
    for (const id of new Set(rare.values())) if (!this.faces.has(id)) this.faces.set(id, new PartialMetrics(tables.get(id) ?? emptyTable(id), wanted));
  }

  rareFace(cp: number): string | null {
    return this.rare.get(cp) ?? null;
  }

  face(id: string): PartialMetrics {
    const f = this.faces.get(this.aliases[id] ?? id);
    if (!f) throw new Error(`unknown font face "${id}"`);
    return f;
  }

  fallbackChain(faceId: string): readonly string[] {
    const chain = this.chains[faceId];
    if (!chain) throw new Error(`unknown font face "${faceId}"`);
    return chain;
  }

  faceForRole(role: string): RoleFace | null {
    return this.roles[role] ?? null;
  }
}

/** The parts a metrics table is encoded from (the Node side reads them from the font file). */
export interface TableSource {
  id: string;
  unitsPerEm: number;
  ascender: number;
  descender: number;
  features: string[];
  /** Code point to glyph id, for every code point the face maps (gid 0 entries are left out). */
  cmap: Map<number, number>;
  advance(gid: number): number;
  verticalAdvance(gid: number): number;
  /** `vert` substitutions; only those of glyphs the cmap reaches are kept. */
  vert: Map<number, number>;
  /** For a partial table: the code points it answers for. */
  known?: Iterable<number>;
}

function dominant(values: Iterable<number>): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = 0;
  let bestCount = -1;
  for (const [v, c] of counts) if (c > bestCount || (c === bestCount && v < best)) { best = v; bestCount = c; }
  return best;
}

export function encodeMetricsTable(s: TableSource): MetricsTable {
  const cps = [...s.cmap.keys()].sort((a, b) => a - b);
  const cmap: number[] = [];
  const gids = new Set<number>();
  let runStart = -1, runLen = 0, runGid = 0;
  for (const cp of cps) {
    const gid = s.cmap.get(cp)!;
    if (gid === 0) continue;
    gids.add(gid);
    if (runLen > 0 && cp === runStart + runLen && gid === runGid + runLen) { runLen++; continue; }
    if (runLen > 0) cmap.push(runStart, runLen, runGid);
    runStart = cp; runLen = 1; runGid = gid;
  }
  if (runLen > 0) cmap.push(runStart, runLen, runGid);

  const vert: number[] = [];
  const vGids = new Set(gids);
  for (const [g, v] of [...s.vert].sort((a, b) => a[0] - b[0])) {
    if (!gids.has(g)) continue; // alternates of glyphs no code point reaches are never set
    vert.push(g, v);
    vGids.add(v);
  }
  const sortedGids = [...gids].sort((a, b) => a - b);
  const defaultAdvance = dominant(sortedGids.map((g) => s.advance(g)));
  const advances: number[] = [];
  for (const g of sortedGids) if (s.advance(g) !== defaultAdvance) advances.push(g, s.advance(g));
  const sortedVGids = [...vGids].sort((a, b) => a - b);
  const defaultVerticalAdvance = dominant(sortedVGids.map((g) => s.verticalAdvance(g)));
  const verticalAdvances: number[] = [];
  for (const g of sortedVGids) if (s.verticalAdvance(g) !== defaultVerticalAdvance) verticalAdvances.push(g, s.verticalAdvance(g));

  return {
    format: METRICS_TABLE_FORMAT,
    id: s.id,
    unitsPerEm: s.unitsPerEm,
    ascender: s.ascender,
    descender: s.descender,
    features: s.features,
    cmap,
    defaultAdvance,
    advances,
    defaultVerticalAdvance,
    verticalAdvances,
    vert,
    ...(s.known ? { known: codePointRuns([...new Set(s.known)].sort((a, b) => a - b)) } : {}),
  };
}

/** What a table says, as a TableSource (to merge two partial tables of one face). */
function decode(t: MetricsTable): TableSource {
  const m = new TableMetrics(t);
  const cmap = new Map<number, number>();
  for (let i = 0; i < t.cmap.length; i += 3) for (let k = 0; k < t.cmap[i + 1]; k++) cmap.set(t.cmap[i] + k, t.cmap[i + 2] + k);
  const vert = new Map<number, number>();
  for (let i = 0; i < t.vert.length; i += 2) vert.set(t.vert[i], t.vert[i + 1]);
  const vAdv = new Map<number, number>();
  for (let i = 0; i < t.verticalAdvances.length; i += 2) vAdv.set(t.verticalAdvances[i], t.verticalAdvances[i + 1]);
  return {
    id: t.id, unitsPerEm: t.unitsPerEm, ascender: t.ascender, descender: t.descender, features: t.features,
    cmap, vert,
    advance: (g) => m.glyphAdvance(g),
    verticalAdvance: (g) => vAdv.get(g) ?? t.defaultVerticalAdvance,
    known: t.known ? runCodePoints(t.known) : undefined,
  };
}

/** One table answering for what either answers for. A whole-face table stays whole. */
export function mergeTables(a: MetricsTable, b: MetricsTable): MetricsTable {
  if (!a.known) return a;
  if (!b.known) return b;
  const x = decode(a), y = decode(b);
  const yGids = new Set([...y.cmap.values(), ...y.vert.values()]);
  return encodeMetricsTable({
    ...y,
    cmap: new Map([...x.cmap, ...y.cmap]),
    vert: new Map([...x.vert, ...y.vert]),
    advance: (g) => (yGids.has(g) ? y.advance(g) : x.advance(g)),
    verticalAdvance: (g) => (yGids.has(g) ? y.verticalAdvance(g) : x.verticalAdvance(g)),
    known: [...(x.known ?? []), ...(y.known ?? [])],
  });
}
