// The few OpenType tables fontkit 2.0.4 gets wrong or leaves unapplied, read directly:
// - vhea/vmtx: fontkit reads vhea.version as 16 bits, so every later field (numOfLongVerMetrics
//   included) is shifted and vmtx comes out empty; advanceHeight is then 0 for every glyph.
// - GSUB 'vert': fontkit declares the feature but never applies it in any shaping plan.
import type { Font } from 'fontkit';

interface TableRecord { offset: number; length: number }

/** The parts of fontkit's font object used here that its type declarations leave out. */
export interface FontkitInternals {
  directory: { tables: Record<string, TableRecord | undefined> };
  numGlyphs: number;
  unitsPerEm: number;
  GSUB?: GsubTable;
  _cmapProcessor: { lookup(cp: number): number };
}

/** fontkit hands out some arrays as lazy arrays (restructure's LazyArray, read with get(i)). */
type Arrayish<T> = T[] | { length: number; get(i: number): T };
interface Coverage { version: 1 | 2; glyphs?: Arrayish<number>; rangeRecords?: Arrayish<{ start: number; end: number; startCoverageIndex: number }> }
interface SingleSubst { version: 1 | 2; coverage: Coverage; deltaGlyphID?: number; substitute?: Arrayish<number> }

function toArray<T>(a: Arrayish<T> | undefined): T[] {
  if (!a) return [];
  if (Array.isArray(a)) return a;
  const out: T[] = [];
  for (let i = 0; i < a.length; i++) out.push(a.get(i));
  return out;
}
interface Lookup { lookupType: number; subTables: unknown[] }
interface LangSys { featureIndexes: number[] }
interface GsubTable {
  scriptList: { tag: string; script: { defaultLangSys?: LangSys | null; langSysRecords: { tag: string; langSys: LangSys }[] } }[];
  featureList: { tag: string; feature: { lookupListIndexes: number[] } }[];
  lookupList: { get(i: number): Lookup };
}

export function internals(font: Font): FontkitInternals {
  return font as unknown as FontkitInternals;
}

/** Horizontal or vertical advances per glyph id from hmtx/vmtx; null when the face has no such table. */
export function readAdvances(font: Font, buf: Buffer, kind: 'h' | 'v'): Uint16Array | null {
  const tables = internals(font).directory.tables;
  const head = tables[kind === 'h' ? 'hhea' : 'vhea'];
  const mtx = tables[kind === 'h' ? 'hmtx' : 'vmtx'];
  if (!head || !mtx) return null;
  // numOfLongHorMetrics / numOfLongVerMetrics is the last uint16 of the 36-byte header in both tables.
  const longCount = buf.readUInt16BE(head.offset + 34);
  const n = internals(font).numGlyphs;
  if (longCount === 0 || mtx.offset + longCount * 4 > buf.length) return null;
  const out = new Uint16Array(n);
  const base = mtx.offset;
  for (let gid = 0; gid < n; gid++) {
    // Glyphs past the long metrics repeat the last advance (OpenType spec, hmtx/vmtx).
    const at = base + (gid < longCount ? gid : longCount - 1) * 4;
    out[gid] = (buf[at] << 8) | buf[at + 1];
  }
  return out;
}

function coverageGlyphs(c: Coverage): number[] {
  if (c.version === 1) return toArray(c.glyphs);
  const out: number[] = [];
  for (const r of toArray(c.rangeRecords)) for (let g = r.start; g <= r.end; g++) out.push(g);
  return out;
}

/**
 * The glyph substitutions of the GSUB 'vert' feature for Chinese text (script hani, language ZHS,
 * else the script's default, else DFLT). Only single substitutions exist in 'vert' by definition.
 */
export function readVerticalSubstitutions(font: Font): Map<number, number> {
  const map = new Map<number, number>();
  const gsub = internals(font).GSUB;
  if (!gsub) return map;
  const script = gsub.scriptList.find((s) => s.tag === 'hani') ?? gsub.scriptList.find((s) => s.tag === 'DFLT') ?? gsub.scriptList[0];
  if (!script) return map;
  const langSys = script.script.langSysRecords.find((l) => l.tag === 'ZHS ')?.langSys ?? script.script.defaultLangSys;
  if (!langSys) return map;
  const lookupIndexes = new Set<number>();
  for (const fi of langSys.featureIndexes) {
    const feature = gsub.featureList[fi];
    if (feature?.tag === 'vert') for (const li of feature.feature.lookupListIndexes) lookupIndexes.add(li);
  }
  // Shaping applies a feature's lookups in lookup-list order, each to the previous one's output.
  const steps: Map<number, number>[] = [];
  for (const li of [...lookupIndexes].sort((a, b) => a - b)) {
    const step = new Map<number, number>();
    const lookup = gsub.lookupList.get(li);
    for (const raw of lookup.subTables) {
      let type = lookup.lookupType;
      let sub = raw as SingleSubst & { lookupType?: number; extension?: SingleSubst };
      if (type === 7 && sub.extension) { type = sub.lookupType ?? 0; sub = sub.extension; }
      if (type !== 1) continue;
      const substitute = toArray(sub.substitute);
      coverageGlyphs(sub.coverage).forEach((g, i) => {
        if (step.has(g)) return; // within a lookup the first subtable that covers a glyph applies
        if (sub.version === 1) step.set(g, (g + (sub.deltaGlyphID ?? 0)) & 0xffff);
        else if (i < substitute.length) step.set(g, substitute[i]);
      });
    }
    steps.push(step);
  }
  const sources = new Set<number>();
  for (const step of steps) for (const g of step.keys()) sources.add(g);
  for (const g of sources) {
    let out = g;
    for (const step of steps) out = step.get(out) ?? out;
    if (out !== g) map.set(g, out);
  }
  return map;
}
