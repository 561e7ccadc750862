// Fonts for the page view, by need. The renderer never loads a whole face: it gets metrics tables
// for the code points in use (extended when a new character is typed) and, for painting, small
// TrueType fonts holding just the glyphs a page shows, cut from the very files the PDF embeds
// (glyph programs and hinting copied byte for byte, so the screen draws what print draws).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { writeFileAtomic } from '../atomic-write';
import { join } from 'node:path';
import type { MetricsTable } from '../../../engine/fonts/table';
import { canCopySubset, CopyingTrueTypeSubset } from '../pdf/subset';
import { loadFontSet, metricsTable } from './index';

/**
 * Partial metrics tables for these code points: every face the registry sets text in answers for
 * all of them; a fallback face only for those that reach it (missing from every face before it in
 * some chain), so a system collection is opened only when a character needs it.
 */
export function screenTables(codePoints: Iterable<number>): MetricsTable[] {
  return screenFonts(codePoints).tables;
}

/** `screenTables`, and the rare characters no chain has with the face outside the chains that has them. */
export function screenFonts(codePoints: Iterable<number>): { tables: MetricsTable[]; rare: Record<number, string> } {
  const set = loadFontSet();
  const cps = [...new Set(codePoints)];
  const need = new Map<string, Set<number>>();
  const rare: Record<number, string> = {};
  const primaries = set.registry.faces.filter((f) => !f.optional && set.path(f.id) !== null).map((f) => f.id);
  for (const primary of primaries) {
    let remaining = cps;
    for (const chainId of set.fallbackChain(primary)) {
      // A registry face whose role is mapped answers as the mapped face: one table per real face.
      const face = set.face(chainId);
      const id = face.id;
      let n = need.get(id);
      if (!n) need.set(id, (n = new Set()));
      for (const cp of remaining) n.add(cp);
      remaining = remaining.filter((cp) => !face.has(cp));
      if (!remaining.length) break;
    }
    for (const cp of remaining) {
      const id = set.rareFace(cp);
      if (!id) continue;
      rare[cp] = id;
      let n = need.get(id);
      if (!n) need.set(id, (n = new Set()));
      n.add(cp);
    }
  }
  return { tables: [...need].filter(([id, n]) => n.size || primaries.includes(id)).map(([id, n]) => metricsTable(id, n)), rare };
}

const u16 = (b: Uint8Array, p: number, v: number) => { b[p] = (v >> 8) & 0xff; b[p + 1] = v & 0xff; };
const u32 = (b: Uint8Array, p: number, v: number) => { b[p] = (v >>> 24) & 0xff; b[p + 1] = (v >>> 16) & 0xff; b[p + 2] = (v >>> 8) & 0xff; b[p + 3] = v & 0xff; };

/** A cmap with a format 4 (BMP) and a format 12 (all planes) subtable, for Windows Unicode. */
export function buildCmap(map: [number, number][]): Uint8Array {
  const sorted = [...map].sort((a, b) => a[0] - b[0]);
  // Runs of consecutive code points on consecutive glyphs.
  const groups: [number, number, number][] = [];
  for (const [cp, gid] of sorted) {
    const g = groups[groups.length - 1];
    if (g && cp === g[1] + 1 && gid === g[2] + (cp - g[0])) g[1] = cp;
    else groups.push([cp, cp, gid]);
  }
  const bmp = groups.filter((g) => g[1] <= 0xfffe).concat([[0xffff, 0xffff, 0]]);
  const seg = bmp.length;
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= seg) entrySelector++;
  const searchRange = 2 * 2 ** entrySelector;
  const f4 = new Uint8Array(16 + 8 * seg);
  u16(f4, 0, 4); u16(f4, 2, f4.length); u16(f4, 6, seg * 2); u16(f4, 8, searchRange); u16(f4, 10, entrySelector); u16(f4, 12, seg * 2 - searchRange);
  bmp.forEach(([first, last, gid], i) => {
    u16(f4, 14 + i * 2, last);
    u16(f4, 16 + seg * 2 + i * 2, first);
    u16(f4, 16 + seg * 4 + i * 2, first === 0xffff ? 1 : (gid - first) & 0xffff);
  });
  const f12 = new Uint8Array(16 + 12 * groups.length);
  u16(f12, 0, 12); u32(f12, 4, f12.length); u32(f12, 12, groups.length);
  groups.forEach(([first, last, gid], i) => { u32(f12, 16 + i * 12, first); u32(f12, 20 + i * 12, last); u32(f12, 24 + i * 12, gid); });
  const out = new Uint8Array(4 + 16 + f4.length + f12.length);
  u16(out, 2, 2);
  u16(out, 4, 3); u16(out, 6, 1); u32(out, 8, 20);
  u16(out, 12, 3); u16(out, 14, 10); u32(out, 16, 20 + f4.length);
  out.set(f4, 20);
  out.set(f12, 20 + f4.length);
  return out;
}

export interface ScreenSubset {
  /** A TrueType font a browser loads as a FontFace. */
  bytes: Uint8Array;
  /** The requested code points the face has (and the font therefore draws). */
  codePoints: number[];
}

/**
 * A small TrueType font with the glyphs of these code points, or null when the face's outlines
 * cannot be copied (a CFF collection: the page view draws those glyphs from outlines).
 */
export function screenSubset(faceId: string, codePoints: Iterable<number>): ScreenSubset | null {
  const face = loadFontSet().face(faceId);
  if (!canCopySubset(face.font)) return null;
  const subset = new CopyingTrueTypeSubset(face.font, (gids) => face.loadGlyphs(gids));
  const cps = [...new Set(codePoints)].filter((cp) => face.glyphId(cp) !== 0).sort((a, b) => a - b);
  const cmap: [number, number][] = cps.map((cp) => [cp, subset.includeGlyph(face.glyphId(cp))]);
  const extra: [string, Uint8Array][] = [['cmap', buildCmap(cmap)]];
  for (const tag of ['OS/2', 'name']) {
    const t = subset.table(tag);
    if (t) extra.push([tag, t]);
  }
  const post = subset.table('post');
  if (post && post.length >= 32) {
    // Version 3: no glyph names (the glyph ids are renumbered).
    const p = Uint8Array.from(post.subarray(0, 32));
    u32(p, 0, 0x00030000);
    extra.push(['post', p]);
  }
  return { bytes: subset.encode(extra), codePoints: cps };
}

/**
 * The desktop app keeps screen fonts in the user's data folder, named by what they are cut from
 * (face, font file and its size and date, code points): the next start reads them instead.
 */
export function cachedScreenSubset(dir: string, faceId: string, codePoints: Iterable<number>): ScreenSubset | null {
  const cps = [...new Set(codePoints)].sort((a, b) => a - b);
  const path = loadFontSet().path(faceId);
  if (!path) throw new Error(`font face "${faceId}" is not installed on this machine`);
  const st = statSync(path);
  const key = createHash('sha256').update(`${faceId}\n${path}\n${st.size}\n${st.mtimeMs}\n${cps.join(',')}`).digest('hex').slice(0, 32);
  const file = join(dir, `${key}.ttf`);
  const list = join(dir, `${key}.json`);
  try {
    return { bytes: new Uint8Array(readFileSync(file)), codePoints: JSON.parse(readFileSync(list, 'utf8')) as number[] };
  } catch { /* not cached yet */ }
  const made = screenSubset(faceId, cps);
  if (!made) return null;
  try {
    mkdirSync(dir, { recursive: true });
    // Written aside and renamed: a cache file is whole or absent.
    writeFileAtomic(list, JSON.stringify(made.codePoints));
    writeFileAtomic(file, made.bytes);
  } catch { /* a cache that cannot be written only costs the next start some time */ }
  return made;
}
