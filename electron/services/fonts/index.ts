// The Node font set: the registry's faces opened with fontkit, lazily (a CJK face is a 10–15 MB
// file: it is read only when text first asks for it) and cached for the life of the process.
// The same opened fonts feed layout metrics, the renderer's metrics tables and the PDF painter,
// so every consumer sees the same glyph ids and advances.
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import type { FontMetrics, FontSet, RoleFace } from '../../../engine/fonts/metrics';
import type { MetricsTable } from '../../../engine/fonts/table';
import { encodeMetricsTable } from '../../../engine/fonts/partial';
import { internals, readAdvances, readVerticalSubstitutions } from './opentype';
import { readRegistry, resolveFacePath, type FontRegistry, type RegistryFace } from './registry';
import { readSparse, type SparseFace } from './sparse';
import { readCmap, type CmapLookup } from './cmap';
import { facesCovering, readFaces, registryEntry } from './discover';

export type { MetricsTable } from '../../../engine/fonts/table';
export { TableMetrics, TableFontSet } from '../../../engine/fonts/table';

/** One registry face over fontkit. Numbers come straight from the font's tables. */
export class FontkitFace implements FontMetrics {
  readonly unitsPerEm: number;
  readonly ascender: number;
  readonly descender: number;
  private readonly gids = new Map<number, number>();
  private readonly hAdvances: Uint16Array;
  private vAdvances: Uint16Array | null | undefined;
  private vert: Map<number, number> | null = null;
  private features: Set<string> | null = null;
  private cmap: CmapLookup | undefined;

  private readonly buf: Buffer;

  constructor(readonly id: string, readonly font: Font, readonly path: string, buf: Buffer, private readonly sparse: SparseFace | null = null) {
    this.unitsPerEm = font.unitsPerEm;
    // The OS/2 typographic values of CJK faces describe the ideographic em box (880/−120 in
    // Noto), which is what a baseline grid is built on; hhea's are for clipping.
    const os2 = (font as unknown as { 'OS/2'?: { typoAscender: number; typoDescender: number } })['OS/2'];
    this.ascender = os2 && os2.typoAscender - os2.typoDescender > 0 ? os2.typoAscender : font.ascent;
    this.descender = os2 && os2.typoAscender - os2.typoDescender > 0 ? os2.typoDescender : font.descent;
    const h = readAdvances(font, buf, 'h');
    if (!h) throw new Error(`font face "${id}" (${path}) has no horizontal metrics`);
    this.hAdvances = h;
    this.buf = buf;
  }

  /**
   * Makes these glyphs' outlines present in the font's bytes (`font.stream.buffer`): faces are
   * opened without their glyf table, which only PDF subsets and on-screen outlines need.
   */
  loadGlyphs(gids: Iterable<number>): void {
    this.sparse?.loadGlyphs(gids);
  }

  glyphId(cp: number): number {
    let g = this.gids.get(cp);
    if (g === undefined) {
      g = this.lookup(cp) || 0;
      this.gids.set(cp, g);
    }
    return g;
  }

  private lookup(cp: number): number {
    if (this.cmap === undefined) {
      const t = internals(this.font).directory.tables.cmap;
      const own = t ? readCmap(this.buf, t.offset, t.length) : null;
      this.cmap = own ?? ((c) => internals(this.font)._cmapProcessor.lookup(c));
    }
    return this.cmap(cp);
  }

  has(cp: number): boolean {
    return this.glyphId(cp) !== 0;
  }

  glyphAdvance(gid: number): number {
    return this.hAdvances[gid] ?? 0;
  }

  advance(cp: number): number {
    return this.hAdvances[this.glyphId(cp)];
  }

  /** The vmtx advance of a glyph id; unitsPerEm when the face has no vmtx. */
  glyphVerticalAdvance(gid: number): number {
    // Read on first use: only vertical headlines need it.
    if (this.vAdvances === undefined) this.vAdvances = readAdvances(this.font, this.buf, 'v');
    return this.vAdvances ? this.vAdvances[gid] : this.unitsPerEm;
  }

  verticalSubstitutions(): Map<number, number> {
    return (this.vert ??= readVerticalSubstitutions(this.font));
  }

  verticalGlyphId(cp: number): number {
    const gid = this.glyphId(cp);
    return this.verticalSubstitutions().get(gid) ?? gid;
  }

  /** Vertical advance of the glyph actually set in vertical text (the `vert` alternate if any). */
  verticalAdvance(cp: number): number {
    return this.glyphVerticalAdvance(this.verticalGlyphId(cp));
  }

  hasFeature(tag: string): boolean {
    // fontkit builds its whole layout engine (GSUB and GPOS parsed) to list features: a tenth of a
    // second for a CJK face, so it is asked only when a feature is.
    return (this.features ??= new Set(this.font.availableFeatures)).has(tag);
  }
}

export class NodeFontSet implements FontSet {
  private readonly byId: Map<string, RegistryFace>;
  private readonly opened: Map<string, FontkitFace>;
  private readonly paths: Map<string, string | null>;
  private readonly chains = new Map<string, readonly string[]>();
  /** Role mapping in force: the registry face a role names → the face that sets it on this machine. */
  private readonly alias = new Map<string, string>();
  /** How installed faces are searched for a rare character (fontconfig where there is one, else the folder scan). */
  coverageOptions: { fontconfig?: boolean; cacheDir?: string } = {};

  constructor(readonly registry: FontRegistry, from?: NodeFontSet) {
    // A derived set shares its parent's opened faces; its role mapping and chains are its own.
    this.byId = from ? from.byId : new Map();
    this.opened = from ? from.opened : new Map();
    this.paths = from ? from.paths : new Map();
    if (from) for (const [k, v] of from.alias) this.alias.set(k, v);
    else for (const f of registry.faces) this.byId.set(f.id, f);
  }

  /**
   * A font set with the same faces, to map roles in: layout caches composed text per font set
   * object, so a changed mapping must be a new set, never a changed one that was laid out with.
   */
  derive(): NodeFontSet {
    return new NodeFontSet(this.registry, this);
  }

  /** Adds a face that is not in the registry (an installed face, a file named by the user). */
  addFace(face: RegistryFace): void {
    if (this.byId.has(face.id)) return;
    this.byId.set(face.id, face);
    this.registry.faces.push(face);
  }

  /**
   * Sets a role in another face: text styled as the role (and the registry face standing for it)
   * is set in `faceId`, which falls back to its own chain and then to the role's registry chain.
   * Layout, screen and PDF all ask this font set, so they agree.
   */
  mapRole(role: string, faceId: string): void {
    this.entry(faceId);
    const r = this.roleFace(role);
    if (!r) throw new Error(`unknown role "${role}"`);
    if (r.face === faceId) this.alias.delete(r.face);
    else this.alias.set(r.face, faceId);
    this.chains.clear();
  }

  /** The role mapping in force, registry face id → face id that stands in for it. */
  aliases(): Record<string, string> {
    return Object.fromEntries(this.alias);
  }

  /** Ids of the faces usable on this machine (required ones, and optional ones that are installed). */
  faceIds(): string[] {
    return this.registry.faces.filter((f) => this.path(f.id) !== null).map((f) => f.id);
  }

  private entry(id: string): RegistryFace {
    const f = this.byId.get(id);
    if (!f) throw new Error(`unknown font face "${id}"`);
    return f;
  }

  path(id: string): string | null {
    if (!this.paths.has(id)) this.paths.set(id, resolveFacePath(this.entry(id)));
    return this.paths.get(id)!;
  }

  face(id: string): FontkitFace {
    id = this.alias.get(id) ?? id;
    let f = this.opened.get(id);
    if (f) return f;
    const entry = this.entry(id);
    const path = this.path(id);
    if (!path) throw new Error(`font face "${id}" is not installed on this machine`);
    let sparse: SparseFace | null;
    let font: Font;
    let buf: Buffer;
    try {
      sparse = readSparse(path);
      buf = sparse ? sparse.buf : readFileSync(path);
      const opened = fontkit.create(buf, entry.postscriptName);
      if (!opened || !('unitsPerEm' in opened)) throw new Error('not a single font face');
      font = opened as Font;
    } catch (e) {
      throw new Error(`cannot open font face "${id}" (${path}): ${(e as Error).message}`, {
        cause: e,
      });
    }
    if (sparse) {
      // Anything reading outlines through fontkit (glyph paths, bounding boxes) gets the whole table first.
      const internal = font as unknown as { _getTableStream(tag: string): unknown };
      const tableStream = internal._getTableStream;
      const whole = sparse;
      internal._getTableStream = function (this: unknown, tag: string) {
        if (tag === 'glyf') whole.loadAll();
        return tableStream.call(this, tag);
      };
    }
    f = new FontkitFace(id, font, path, buf, sparse);
    this.opened.set(id, f);
    return f;
  }

  fallbackChain(faceId: string): readonly string[] {
    let chain = this.chains.get(faceId);
    if (!chain) {
      const own = (id: string) => [id, ...this.entry(id).fallback.filter((fb) => this.path(fb) !== null)];
      const target = this.alias.get(faceId);
      // The role's registry face itself is not reachable under its own id while mapped (face()
      // answers with the mapped face), so a mapped chain continues with the registry face's fallbacks.
      chain = [...new Set(target ? [...own(target), ...own(faceId).slice(1)] : own(faceId))];
      this.chains.set(faceId, chain);
    }
    return chain;
  }

  private readonly rare = new Map<number, string | null>();

  /**
   * A face outside the chains for a rare character: a bundled or registry face first, then any
   * installed face fontconfig says has it (added to the set). Embeddable faces only: it goes to print.
   */
  rareFace(cp: number): string | null {
    if (this.rare.has(cp)) return this.rare.get(cp)!;
    // Private-use code points mean something different in every face: never taken from another one.
    if ((cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000) return null;
    let found: string | null = null;
    const usable = (id: string) => { try { const f = this.face(id); return f.has(cp) && faceEmbeddable(f.font); } catch { return false; } };
    // The real face's id (a registry face whose role is mapped answers as the mapped face).
    for (const id of this.faceIds()) if (usable(id)) { found = this.face(id).id; break; }
    if (!found) {
      for (const { file, index } of facesCovering(cp, this.coverageOptions)) {
        const f = readFaces(file)[index];
        if (!f) continue;
        const entry = registryEntry(f);
        this.addFace(entry);
        if (usable(entry.id)) { found = entry.id; break; }
      }
    }
    this.rare.set(cp, found);
    return found;
  }

  faceForRole(role: string): RoleFace | null {
    const r = this.roleFace(role);
    return r && { face: r.face, substitute: r.substitute };
  }

  /** Registry face for an editor's role name (书宋, 标宋, 黑体 …), saying whether it is a stand-in and why. */
  roleFace(role: string): { face: string; substitute: boolean; reason?: string } | null {
    // A role's own face counts only when it is there (an optional installed 楷体 may be absent).
    const own = this.registry.faces.find((f) => f.roles.includes(role) && this.path(f.id) !== null);
    if (own) return { face: own.id, substitute: false };
    const sub = this.registry.substitutes.find((s) => s.role === role);
    return sub ? { face: sub.face, substitute: true, reason: sub.reason } : null;
  }
}

let shared: NodeFontSet | null = null;

/** The process-wide font set. Reading the registry is cheap; font files open on first use. */
export function loadFontSet(): NodeFontSet {
  return (shared ??= new NodeFontSet(readRegistry()));
}

/** Makes a font set (one derived with a role mapping) the process-wide one. */
export function useFontSet(set: NodeFontSet): void {
  shared = set;
}

/** Absolute path of a face's font file, for the PDF painter. */
export function fontFile(faceId: string): string {
  const p = loadFontSet().path(faceId);
  if (!p) throw new Error(`font face "${faceId}" is not installed on this machine`);
  return p;
}

/** The opened fontkit font behind a face id (shared with layout: one parse per process). */
export function fontkitFont(faceId: string): Font {
  return loadFontSet().face(faceId).font;
}

/** Whether the font's licence bits allow embedding in a PDF (OS/2 fsType; 0x2 = restricted licence). */
export function embeddable(faceId: string): boolean {
  return faceEmbeddable(fontkitFont(faceId));
}

function faceEmbeddable(font: Font): boolean {
  const os2 = (font as unknown as { 'OS/2'?: { fsType: { noEmbedding?: boolean; bitmapOnly?: boolean } } })['OS/2'];
  return !(os2?.fsType?.noEmbedding || os2?.fsType?.bitmapOnly);
}

/**
 * The serialisable metrics of a face, for TableMetrics in the renderer: the whole face, or with
 * `only` just those code points (a partial table whose `known` lists them, engine/fonts/partial.ts).
 */
export function metricsTable(faceId: string, only?: Iterable<number>): MetricsTable {
  const face = loadFontSet().face(faceId);
  const cps = only ? new Set(only) : face.font.characterSet;
  const cmap = new Map<number, number>();
  for (const cp of cps) {
    const gid = face.glyphId(cp);
    if (gid !== 0) cmap.set(cp, gid);
  }
  return encodeMetricsTable({
    id: face.id,
    unitsPerEm: face.unitsPerEm,
    ascender: face.ascender,
    descender: face.descender,
    features: [...new Set(face.font.availableFeatures)].sort(),
    cmap,
    advance: (g) => face.glyphAdvance(g),
    verticalAdvance: (g) => face.glyphVerticalAdvance(g),
    vert: face.verticalSubstitutions(),
    known: only ? cps : undefined,
  });
}

/** Every role name of the registry with its face, to build a TableFontSet that answers faceForRole too. */
export function roleFaces(): Record<string, RoleFace> {
  const set = loadFontSet();
  const out: Record<string, RoleFace> = {};
  for (const f of set.registry.faces) for (const r of f.roles) out[r] = { face: f.id, substitute: false };
  for (const s of set.registry.substitutes) out[s.role] ??= { face: s.face, substitute: true };
  return out;
}

/** Fallback chains of every usable face, to build a TableFontSet with the same chains as here. */
export function fallbackChains(): Record<string, readonly string[]> {
  const set = loadFontSet();
  return Object.fromEntries(set.faceIds().map((id) => [id, set.fallbackChain(id)]));
}
