// Font metrics as plain data, so layout in the renderer (which cannot open font files) gives the
// same numbers as layout in Node over fontkit. The table is produced in Node from the very font
// files the PDF embeds (electron/services/fonts metricsTable) and answered here without any I/O.
import type { FontMetrics, FontSet, RoleFace } from './metrics';

export const METRICS_TABLE_FORMAT = 'banmian-metrics/1';

/** One face's metrics, serialisable as JSON. All numbers are font units. */
export interface MetricsTable {
  format: typeof METRICS_TABLE_FORMAT;
  id: string;
  unitsPerEm: number;
  ascender: number;
  descender: number;
  /** OpenType feature tags of GSUB and GPOS, sorted. */
  features: string[];
  /** cmap as runs of consecutive code points mapping to consecutive glyph ids: [firstCp, length, firstGid] triples, sorted. */
  cmap: number[];
  /** The advance most glyphs share; `advances` lists the others as [gid, advance] pairs sorted by gid. */
  defaultAdvance: number;
  advances: number[];
  /** Likewise for vertical advances (vmtx), covering the `vert` alternates too. */
  defaultVerticalAdvance: number;
  verticalAdvances: number[];
  /** The `vert` single substitutions as [gid, verticalGid] pairs sorted by gid. */
  vert: number[];
  /**
   * A table for some characters only (engine/fonts/partial.ts): the code points it answers for, as
   * [first, length] runs, sorted. Absent: the table covers the whole face.
   */
  known?: number[];
}

function pairLookup(pairs: number[], key: number): number | undefined {
  let lo = 0;
  let hi = pairs.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const k = pairs[mid * 2];
    if (k === key) return pairs[mid * 2 + 1];
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

export class TableMetrics implements FontMetrics {
  readonly id: string;
  readonly unitsPerEm: number;
  readonly ascender: number;
  readonly descender: number;
  private readonly features: Set<string>;

  constructor(private readonly table: MetricsTable) {
    if (table.format !== METRICS_TABLE_FORMAT) {
      throw new Error(`font metrics table for "${table.id}" has format "${table.format}", expected "${METRICS_TABLE_FORMAT}"`);
    }
    if (table.cmap.length % 3 !== 0 || table.advances.length % 2 !== 0 || table.verticalAdvances.length % 2 !== 0 || table.vert.length % 2 !== 0) {
      throw new Error(`font metrics table for "${table.id}" is truncated`);
    }
    this.id = table.id;
    this.unitsPerEm = table.unitsPerEm;
    this.ascender = table.ascender;
    this.descender = table.descender;
    this.features = new Set(table.features);
  }

  glyphId(cp: number): number {
    const m = this.table.cmap;
    let lo = 0;
    let hi = m.length / 3 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const first = m[mid * 3];
      if (cp < first) hi = mid - 1;
      else if (cp >= first + m[mid * 3 + 1]) lo = mid + 1;
      else return m[mid * 3 + 2] + (cp - first);
    }
    return 0;
  }

  has(cp: number): boolean {
    return this.glyphId(cp) !== 0;
  }

  advance(cp: number): number {
    return this.glyphAdvance(this.glyphId(cp));
  }

  glyphAdvance(gid: number): number {
    return pairLookup(this.table.advances, gid) ?? this.table.defaultAdvance;
  }

  verticalGlyphId(cp: number): number {
    const gid = this.glyphId(cp);
    return pairLookup(this.table.vert, gid) ?? gid;
  }

  verticalAdvance(cp: number): number {
    const gid = this.verticalGlyphId(cp);
    return pairLookup(this.table.verticalAdvances, gid) ?? this.table.defaultVerticalAdvance;
  }

  hasFeature(tag: string): boolean {
    return this.features.has(tag);
  }
}

/** A FontSet over metrics tables, for the renderer: same faces and chains as the Node font set. */
export class TableFontSet implements FontSet {
  private readonly faces = new Map<string, TableMetrics>();

  constructor(
    tables: MetricsTable[],
    private readonly chains: Record<string, readonly string[]>,
    private readonly roles: Record<string, RoleFace> = {},
  ) {
    for (const t of tables) this.faces.set(t.id, new TableMetrics(t));
  }

  face(id: string): FontMetrics {
    const f = this.faces.get(id);
    if (!f) throw new Error(`unknown font face "${id}"`);
    return f;
  }

  fallbackChain(faceId: string): readonly string[] {
    const chain = this.chains[faceId];
    if (!chain) throw new Error(`unknown font face "${faceId}"`);
    return chain.filter((id) => this.faces.has(id));
  }

  faceForRole(role: string): RoleFace | null {
    return this.roles[role] ?? null;
  }
}
