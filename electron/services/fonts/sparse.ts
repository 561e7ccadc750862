// A TrueType face read without its outlines. The glyf table is 97 % of a CJK face (14 of 15 MB
// for Noto Serif SC), and setting type needs none of it: cmap, metrics and GSUB are all in the
// other tables. So the file is read table by table, glyf left as zeros, and outlines are read
// when asked for: the glyphs a PDF subset copies, by their byte ranges; or, the first time
// anything reads glyf through fontkit (outlines for the screen), the whole table at once.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface SparseFace {
  /** The file's bytes: everything but glyf until glyphs are loaded. */
  buf: Buffer;
  /** Makes the given glyphs' outlines present in `buf`. */
  loadGlyphs(gids: Iterable<number>): void;
  /** Makes the whole glyf table present in `buf`. */
  loadAll(): void;
}

function readAt(path: string, buf: Buffer, ranges: [number, number][]): void {
  const fd = openSync(path, 'r');
  try {
    for (const [start, end] of ranges) {
      let at = start;
      while (at < end) {
        const n = readSync(fd, buf, at, end - at, at);
        if (n <= 0) throw new Error(`font file ${path} ended at byte ${at}, before ${end}`);
        at += n;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a plain TrueType file (not a collection, not CFF) without its glyf table; null when the
 * file is of another kind (the caller reads it whole).
 */
export function readSparse(path: string): SparseFace | null {
  const fd = openSync(path, 'r');
  let size: number;
  const head = Buffer.alloc(12);
  try {
    size = fstatSync(fd).size;
    if (size < 12 || readSync(fd, head, 0, 12, 0) !== 12) return null;
  } finally {
    closeSync(fd);
  }
  const version = head.readUInt32BE(0);
  if (version !== 0x00010000 && version !== 0x74727565 /* 'true' */) return null;
  const numTables = head.readUInt16BE(4);
  // Zero-filled and untouched: the operating system supplies zero pages until glyf is read.
  const buf = Buffer.alloc(size);
  readAt(path, buf, [[0, 12 + 16 * numTables]]);
  let glyf: { offset: number; length: number } | null = null;
  const ranges: [number, number][] = [];
  for (let i = 0; i < numTables; i++) {
    const e = 12 + 16 * i;
    const tag = buf.toString('latin1', e, e + 4);
    const offset = buf.readUInt32BE(e + 8), length = buf.readUInt32BE(e + 12);
    if (offset + length > size) throw new Error(`font file ${path}: table ${tag} lies beyond the end of the file`);
    if (tag === 'glyf') glyf = { offset, length };
    else ranges.push([offset, offset + length]);
  }
  if (!glyf || findTable(buf, numTables, 'loca') < 0 || findTable(buf, numTables, 'head') < 0) return null;
  readAt(path, buf, ranges.sort((a, b) => a[0] - b[0]));

  const g = glyf;
  const locaAt = findTable(buf, numTables, 'loca');
  const headAt = findTable(buf, numTables, 'head');
  const longLoca = buf.readInt16BE(headAt + 50) === 1;
  const locaEntries = (buf.readUInt32BE(12 + 16 * tableIndex(buf, numTables, 'loca') + 12) >> (longLoca ? 2 : 1));
  const glyphStart = (gid: number): number => (longLoca ? buf.readUInt32BE(locaAt + gid * 4) : buf.readUInt16BE(locaAt + gid * 2) * 2);
  const loaded = new Uint8Array(Math.max(0, locaEntries - 1));
  let all = false;

  return {
    buf,
    loadGlyphs(gids) {
      if (all) return;
      const want: [number, number][] = [];
      for (const gid of gids) {
        if (gid < 0 || gid >= loaded.length || loaded[gid]) continue;
        loaded[gid] = 1;
        const s = glyphStart(gid), e = glyphStart(gid + 1);
        if (e > s) want.push([g.offset + s, g.offset + Math.min(e, g.length)]);
      }
      if (!want.length) return;
      // Neighbouring glyphs (a page's characters cluster in Unicode order) are read in one call.
      want.sort((a, b) => a[0] - b[0]);
      const merged: [number, number][] = [want[0]];
      for (const r of want.slice(1)) {
        const last = merged[merged.length - 1];
        if (r[0] - last[1] <= 4096) last[1] = Math.max(last[1], r[1]);
        else merged.push(r);
      }
      readAt(path, buf, merged);
    },
    loadAll() {
      if (all) return;
      readAt(path, buf, [[g.offset, g.offset + g.length]]);
      all = true;
    },
  };
}

function tableIndex(buf: Buffer, numTables: number, tag: string): number {
  for (let i = 0; i < numTables; i++) if (buf.toString('latin1', 12 + 16 * i, 16 + 16 * i) === tag) return i;
  return -1;
}

function findTable(buf: Buffer, numTables: number, tag: string): number {
  const i = tableIndex(buf, numTables, tag);
  return i < 0 ? -1 : buf.readUInt32BE(12 + 16 * i + 8);
}
