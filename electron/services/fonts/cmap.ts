// The character-to-glyph map (cmap) read straight from the font's bytes into typed arrays.
// fontkit answers each lookup through restructure's lazy arrays, decoding a group object per probe
// of its binary search: the largest part of laying a page out in a cold process. The subtable is
// chosen as fontkit chooses it, and a lookup gives what fontkit's gives; a face whose Unicode
// subtable is neither format 4 nor 12 (or has none) is left to fontkit (null).

/** fontkit's order of preference among Unicode subtables: 32-bit first, then 16-bit. */
const PREFERENCE: [number, number][] = [
  [3, 10],
  [0, 6],
  [0, 4],
  [3, 1],
  [0, 3],
  [0, 2],
  [0, 1],
  [0, 0],
];

export type CmapLookup = (cp: number) => number;

/** A lookup over the cmap table at `offset` in `buf` (absolute, as the font's table directory gives it). */
export function readCmap(buf: Buffer, offset: number, length: number): CmapLookup | null {
  if (offset + 4 > buf.length || offset + length > buf.length) return null;
  const count = buf.readUInt16BE(offset + 2);
  let sub = -1;
  for (const [platform, encoding] of PREFERENCE) {
    for (let i = 0; i < count && sub < 0; i++) {
      const rec = offset + 4 + i * 8;
      if (buf.readUInt16BE(rec) === platform && buf.readUInt16BE(rec + 2) === encoding)
        sub = offset + buf.readUInt32BE(rec + 4);
    }
    if (sub >= 0) break;
  }
  if (sub < 0 || sub + 2 > offset + length) return null;
  const format = buf.readUInt16BE(sub);
  if (format === 12) return format12(buf, sub, offset + length);
  if (format === 4) return format4(buf, sub, offset + length);
  return null;
}

function format12(buf: Buffer, at: number, end: number): CmapLookup | null {
  const n = buf.readUInt32BE(at + 12);
  if (at + 16 + n * 12 > end) return null;
  const start = new Uint32Array(n);
  const last = new Uint32Array(n);
  const glyph = new Uint32Array(n);
  for (let i = 0, p = at + 16; i < n; i++, p += 12) {
    start[i] = buf.readUInt32BE(p);
    last[i] = buf.readUInt32BE(p + 4);
    glyph[i] = buf.readUInt32BE(p + 8);
  }
  return (cp) => {
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cp < start[mid]) hi = mid - 1;
      else if (cp > last[mid]) lo = mid + 1;
      else return glyph[mid] + (cp - start[mid]);
    }
    return 0;
  };
}

function format4(buf: Buffer, at: number, end: number): CmapLookup | null {
  const segCount = buf.readUInt16BE(at + 6) >> 1;
  const ends = at + 14;
  const starts = ends + segCount * 2 + 2;
  const deltas = starts + segCount * 2;
  const rangeOffsets = deltas + segCount * 2;
  const glyphArray = rangeOffsets + segCount * 2;
  if (glyphArray > end) return null;
  const endCode = new Uint16Array(segCount);
  const startCode = new Uint16Array(segCount);
  const idDelta = new Int16Array(segCount);
  const idRangeOffset = new Uint16Array(segCount);
  for (let i = 0; i < segCount; i++) {
    endCode[i] = buf.readUInt16BE(ends + i * 2);
    startCode[i] = buf.readUInt16BE(starts + i * 2);
    idDelta[i] = buf.readInt16BE(deltas + i * 2);
    idRangeOffset[i] = buf.readUInt16BE(rangeOffsets + i * 2);
  }
  // The subtable's own length bounds its glyph index array (fontkit reads it to the same end).
  const tableEnd = Math.min(end, at + buf.readUInt16BE(at + 2));
  const glyphs = Math.max(0, (tableEnd - glyphArray) >> 1);
  return (cp) => {
    let lo = 0;
    let hi = segCount - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cp < startCode[mid]) hi = mid - 1;
      else if (cp > endCode[mid]) lo = mid + 1;
      else {
        const rangeOffset = idRangeOffset[mid];
        if (rangeOffset === 0) return (cp + idDelta[mid]) & 0xffff;
        const index = rangeOffset / 2 + (cp - startCode[mid]) - (segCount - mid);
        if (index < 0 || index >= glyphs) return 0;
        const g = buf.readUInt16BE(glyphArray + index * 2);
        return g === 0 ? 0 : (g + idDelta[mid]) & 0xffff;
      }
    }
    return 0;
  };
}
