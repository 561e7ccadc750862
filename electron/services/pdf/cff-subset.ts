// One idea: a CFF subset copied byte for byte; its INDEX and DICT readers and writers serve only it.
// CFF subsets for embedding: OpenType with PostScript outlines, single files and collections such as
// Debian's Noto CJK .ttc, as a CID-keyed CFF for FontFile3 /CIDFontType0C. fontkit's CFFSubset interprets every
// glyph's outline (glyph.path) to learn which subroutines it calls and re-encodes the font through
// its structure library: ~150 ms for a page's 1,500 glyphs of Noto Serif CJK, three times the whole
// TrueType export. Charstrings need no interpretation to be copied: they keep their bytes, and the
// subroutine INDEXes keep their length (a subroutine number is an index with a bias fixed by the
// count), with every subroutine no kept glyph calls replaced by a bare `return`. Which ones are
// called is found by scanning the charstrings' operators (numbers, stems for hintmask lengths,
// callsubr/callgsubr), not by drawing them. Glyph i of the subset is CID i (charset identity,
// ROS Adobe-Identity-0, as the PDF's CIDSystemInfo says); FDSelect keeps each glyph's font dict,
// and only the font dicts (Private DICT and local subroutines) the subset uses are written.
import { GlyphSubset, concat, u16, u32, type FontkitTables } from './subset';

interface CffIndex {
  count: number;
  start: (i: number) => number;
  end: (i: number) => number;
  size: number;
}

function readIndex(b: Uint8Array, at: number): CffIndex {
  const count = u16(b, at);
  if (count === 0) return { count, start: () => 0, end: () => 0, size: 2 };
  const offSize = b[at + 2];
  const offAt = at + 3;
  const dataAt = offAt + (count + 1) * offSize - 1;
  const off = (i: number): number => {
    let v = 0;
    for (let k = 0; k < offSize; k++) v = v * 256 + b[offAt + i * offSize + k];
    return v;
  };
  return {
    count,
    start: (i) => dataAt + off(i),
    end: (i) => dataAt + off(i + 1),
    size: dataAt + off(count) - at,
  };
}

/** A CFF DICT as operator → operands (two-byte operators as 1200 + second byte). */
function readDict(b: Uint8Array, start: number, end: number): Map<number, number[]> {
  const out = new Map<number, number[]>();
  let ops: number[] = [];
  let p = start;
  while (p < end) {
    const v = b[p];
    if (v <= 21) {
      const op = v === 12 ? 1200 + b[++p] : v;
      p++;
      out.set(op, ops);
      ops = [];
    } else if (v === 28) {
      ops.push((u16(b, p + 1) << 16) >> 16);
      p += 3;
    } else if (v === 29) {
      ops.push(u32(b, p + 1) | 0);
      p += 5;
    } else if (v === 30) {
      // real number: nibbles, skipped (no operator read here takes one)
      p++;
      while (p < end && (b[p] & 0x0f) !== 0x0f && (b[p] & 0xf0) !== 0xf0) p++;
      p++;
      ops.push(0);
    } else if (v >= 32 && v <= 246) {
      ops.push(v - 139);
      p++;
    } else if (v >= 247 && v <= 250) {
      ops.push((v - 247) * 256 + b[p + 1] + 108);
      p += 2;
    } else if (v >= 251 && v <= 254) {
      ops.push(-(v - 251) * 256 - b[p + 1] - 108);
      p += 2;
    } else p++;
  }
  return out;
}

/** A DICT's bytes with some operators dropped (copied byte for byte otherwise). */
function dictWithout(b: Uint8Array, start: number, end: number, drop: Set<number>): number[] {
  const out: number[] = [];
  let from = start;
  let p = start;
  while (p < end) {
    const v = b[p];
    if (v <= 21) {
      const op = v === 12 ? 1200 + b[p + 1] : v;
      p += v === 12 ? 2 : 1;
      if (!drop.has(op)) for (let k = from; k < p; k++) out.push(b[k]);
      from = p;
    } else if (v === 28) p += 3;
    else if (v === 29) p += 5;
    else if (v === 30) {
      p++;
      while (p < end && (b[p] & 0x0f) !== 0x0f && (b[p] & 0xf0) !== 0xf0) p++;
      p++;
    } else if (v >= 247 && v <= 254) p += 2;
    else p++;
  }
  return out;
}

const int5 = (v: number): number[] => [29, (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
const op = (code: number): number[] => (code >= 1200 ? [12, code - 1200] : [code]);

function subrBias(count: number): number {
  return count < 1240 ? 107 : count < 33900 ? 1131 : 32768;
}

function writeIndex(items: Uint8Array[]): Uint8Array {
  if (!items.length) return new Uint8Array([0, 0]);
  let total = 1;
  for (const it of items) total += it.length;
  const offSize = total < 0x100 ? 1 : total < 0x10000 ? 2 : total < 0x1000000 ? 3 : 4;
  const out = new Uint8Array(3 + (items.length + 1) * offSize + total - 1);
  out[0] = items.length >> 8;
  out[1] = items.length & 0xff;
  out[2] = offSize;
  let o = 1;
  let at = 3 + (items.length + 1) * offSize;
  const putOff = (i: number, v: number) => {
    for (let k = offSize - 1; k >= 0; k--) {
      out[3 + i * offSize + k] = v & 0xff;
      v = Math.floor(v / 256);
    }
  };
  items.forEach((it, i) => {
    putOff(i, o);
    out.set(it, at);
    at += it.length;
    o += it.length;
  });
  putOff(items.length, o);
  return out;
}

const RETURN = new Uint8Array([11]);

/** Drop-in for fontkit's CFFSubset as pdfkit uses it (includeGlyph, encode, and `cff` marking it CFF). */
export class CopyingCffSubset extends GlyphSubset {
  readonly cff = true;
  private readonly b: Uint8Array;
  private readonly base: number;

  constructor(
    font: unknown,
    private readonly postscriptName: string,
  ) {
    super();
    const t = (font as FontkitTables).directory.tables['CFF '];
    if (!t) throw new Error('not a CFF font');
    this.b = (font as FontkitTables).stream.buffer;
    this.base = t.offset;
    this.includeGlyph(0);
  }

  encode(): Uint8Array {
    const b = this.b,
      base = this.base;
    const hdrSize = b[base + 2];
    const names = readIndex(b, base + hdrSize);
    const tops = readIndex(b, base + hdrSize + names.size);
    const top = readDict(b, tops.start(0), tops.end(0));
    const strings = readIndex(b, base + hdrSize + names.size + tops.size);
    const gsubrs = readIndex(b, base + hdrSize + names.size + tops.size + strings.size);
    const charStrings = readIndex(b, base + top.get(17)![0]);
    const cid = top.has(1230);
    // Font dicts: a CID font's FDArray, or the one Private DICT of a name-keyed font.
    type Fd = { privStart: number; privEnd: number; subrs: CffIndex | null };
    const fdOf = (dictStart: number, dictEnd: number): Fd => {
      const d = readDict(b, dictStart, dictEnd);
      const [size, off] = d.get(18) ?? [0, 0];
      const privStart = base + off,
        privEnd = privStart + size;
      const sub = readDict(b, privStart, privEnd).get(19);
      return { privStart, privEnd, subrs: sub ? readIndex(b, privStart + sub[0]) : null };
    };
    const fds: Fd[] = [];
    let fdSelect: (gid: number) => number = () => 0;
    if (cid) {
      const arr = readIndex(b, base + top.get(1236)![0]);
      for (let i = 0; i < arr.count; i++) fds.push(fdOf(arr.start(i), arr.end(i)));
      const selAt = base + top.get(1237)![0];
      if (b[selAt] === 0) fdSelect = (gid) => b[selAt + 1 + gid];
      else if (b[selAt] === 3) {
        const nRanges = u16(b, selAt + 1);
        fdSelect = (gid) => {
          let lo = 0,
            hi = nRanges - 1;
          while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (u16(b, selAt + 3 + mid * 3) <= gid) lo = mid;
            else hi = mid - 1;
          }
          return b[selAt + 3 + lo * 3 + 2];
        };
      } else throw new Error(`CFF FDSelect format ${b[selAt]} is not supported`);
    } else fds.push(fdOf(tops.start(0), tops.end(0)));

    // Which subroutines the kept glyphs call.
    const usedG = new Uint8Array(gsubrs.count);
    const usedL = fds.map((f) => new Uint8Array(f.subrs?.count ?? 0));
    const gBias = subrBias(gsubrs.count);
    const glyphFd = this.glyphs.map((g) => fdSelect(g));
    for (let i = 0; i < this.glyphs.length; i++) {
      const fd = fds[glyphFd[i]];
      const lBias = subrBias(fd.subrs?.count ?? 0);
      const state = { stack: [] as number[], stems: 0, done: false };
      const scan = (start: number, end: number, depth: number): void => {
        let p = start;
        const st = state.stack;
        while (p < end && !state.done) {
          const v = b[p];
          if (v >= 32) {
            if (v <= 246) {
              st.push(v - 139);
              p++;
            } else if (v <= 250) {
              st.push((v - 247) * 256 + b[p + 1] + 108);
              p += 2;
            } else if (v <= 254) {
              st.push(-(v - 251) * 256 - b[p + 1] - 108);
              p += 2;
            } else {
              st.push(0);
              p += 5;
            }
          } else if (v === 28) {
            st.push((u16(b, p + 1) << 16) >> 16);
            p += 3;
          } else if (v === 1 || v === 3 || v === 18 || v === 23) {
            state.stems += st.length >> 1;
            st.length = 0;
            p++;
          } else if (v === 19 || v === 20) {
            state.stems += st.length >> 1;
            st.length = 0;
            p += 1 + ((state.stems + 7) >> 3);
          } else if (v === 10 || v === 29) {
            const n = (st.pop() ?? 0) + (v === 10 ? lBias : gBias);
            p++;
            if (depth > 10) continue;
            if (v === 10 && fd.subrs && n >= 0 && n < fd.subrs.count) {
              usedL[glyphFd[i]][n] = 1;
              scan(fd.subrs.start(n), fd.subrs.end(n), depth + 1);
            } else if (v === 29 && n >= 0 && n < gsubrs.count) {
              usedG[n] = 1;
              scan(gsubrs.start(n), gsubrs.end(n), depth + 1);
            }
          } else if (v === 11) return;
          else if (v === 14) {
            state.done = true;
            return;
          } else if (v === 12) {
            st.length = 0;
            p += 2;
          } else {
            st.length = 0;
            p++;
          }
        }
      };
      const g = this.glyphs[i];
      if (g < charStrings.count) scan(charStrings.start(g), charStrings.end(g), 0);
    }

    const slice = (s: number, e: number) => b.subarray(s, e);
    const keptFds = [...new Set(glyphFd)].sort((x, y) => x - y);
    const fdIndex = new Map(keptFds.map((f, i) => [f, i]));
    const stringsOut: Uint8Array[] = [];
    const sid = (s: string): number => {
      stringsOut.push(new TextEncoder().encode(s));
      return 390 + stringsOut.length;
    };
    const sidAdobe = sid('Adobe'),
      sidIdentity = sid('Identity');
    const fdNames = keptFds.map((_, i) => sid(`${this.postscriptName}-FD${i}`));
    const n = this.glyphs.length;

    const gsubrIndex = writeIndex(
      Array.from({ length: gsubrs.count }, (_, i) =>
        usedG[i] ? slice(gsubrs.start(i), gsubrs.end(i)) : RETURN,
      ),
    );
    const charStringIndex = writeIndex(
      this.glyphs.map((g) =>
        g < charStrings.count ? slice(charStrings.start(g), charStrings.end(g)) : new Uint8Array([14]),
      ),
    );
    const charset = new Uint8Array(1 + 2 * (n - 1));
    for (let i = 1; i < n; i++) {
      charset[1 + 2 * (i - 1)] = i >> 8;
      charset[2 + 2 * (i - 1)] = i & 0xff;
    }
    const fdSel = new Uint8Array(1 + n);
    glyphFd.forEach((f, i) => {
      fdSel[1 + i] = fdIndex.get(f)!;
    });
    // Private DICTs with their local subroutines right after them (Subrs offset = the DICT's size).
    const privates = keptFds.map((f) => {
      const fd = fds[f];
      const body = dictWithout(b, fd.privStart, fd.privEnd, new Set([19]));
      const subrs = fd.subrs
        ? writeIndex(
            Array.from({ length: fd.subrs.count }, (_, i) =>
              usedL[f][i] ? slice(fd.subrs!.start(i), fd.subrs!.end(i)) : RETURN,
            ),
          )
        : null;
      const dict = subrs ? [...body, ...int5(body.length + 6), ...op(19)] : body;
      return { dict: Uint8Array.from(dict), subrs };
    });

    // Top DICT with fixed-size offsets, so its size is known before the offsets are.
    const keepTop = new Set([1200, 1, 2, 3, 4, 5, 1201, 1202, 1203, 1204, 1207]); // version … FontBBox, isFixedPitch … FontMatrix
    const topCopied: number[] = [];
    {
      let from = tops.start(0),
        p = from;
      const end = tops.end(0);
      while (p < end) {
        const v = b[p];
        if (v <= 21) {
          const o = v === 12 ? 1200 + b[p + 1] : v;
          p += v === 12 ? 2 : 1;
          // Strings (version, Notice, FullName …) name SIDs of the source font: kept only FontBBox and numbers.
          if (keepTop.has(o) && ![0, 1, 2, 3, 4, 1200].includes(o))
            for (let k = from; k < p; k++) topCopied.push(b[k]);
          from = p;
        } else if (v === 28) p += 3;
        else if (v === 29) p += 5;
        else if (v === 30) {
          p++;
          while (p < end && (b[p] & 0x0f) !== 0x0f && (b[p] & 0xf0) !== 0xf0) p++;
          p++;
        } else if (v >= 247 && v <= 254) p += 2;
        else p++;
      }
    }
    const topFor = (o: {
      charset: number;
      fdSelect: number;
      charStrings: number;
      fdArray: number;
    }): number[] => [
      ...int5(sidAdobe),
      ...int5(sidIdentity),
      ...int5(0),
      ...op(1230),
      ...topCopied,
      ...int5(n),
      ...op(1234),
      ...int5(o.charset),
      ...op(15),
      ...int5(o.fdSelect),
      ...op(1237),
      ...int5(o.charStrings),
      ...op(17),
      ...int5(o.fdArray),
      ...op(1236),
    ];
    const header = new Uint8Array([1, 0, 4, 4]);
    const nameIndex = writeIndex([new TextEncoder().encode(this.postscriptName)]);
    const topSize = writeIndex([
      Uint8Array.from(topFor({ charset: 0, fdSelect: 0, charStrings: 0, fdArray: 0 })),
    ]).length;
    const stringIndex = writeIndex(stringsOut);
    let at = header.length + nameIndex.length + topSize + stringIndex.length + gsubrIndex.length;
    const charsetAt = at;
    at += charset.length;
    const fdSelectAt = at;
    at += fdSel.length;
    const charStringsAt = at;
    at += charStringIndex.length;
    const fdArrayAt = at;
    // FD dicts: FontName and Private [size offset], offsets fixed-size too.
    const fdDictSize = 5 + 2 + 5 + 5 + 1;
    const fdArraySize = writeIndex(keptFds.map(() => new Uint8Array(fdDictSize))).length;
    at += fdArraySize;
    const privAt: number[] = [];
    for (const p of privates) {
      privAt.push(at);
      at += p.dict.length + (p.subrs?.length ?? 0);
    }
    const fdArray = writeIndex(
      privates.map((p, i) =>
        Uint8Array.from([
          ...int5(fdNames[i]),
          ...op(1238),
          ...int5(p.dict.length),
          ...int5(privAt[i]),
          ...op(18),
        ]),
      ),
    );
    const topIndex = writeIndex([
      Uint8Array.from(
        topFor({ charset: charsetAt, fdSelect: fdSelectAt, charStrings: charStringsAt, fdArray: fdArrayAt }),
      ),
    ]);
    const parts: Uint8Array[] = [
      header,
      nameIndex,
      topIndex,
      stringIndex,
      gsubrIndex,
      charset,
      fdSel,
      charStringIndex,
      fdArray,
    ];
    for (const p of privates) {
      parts.push(p.dict);
      if (p.subrs) parts.push(p.subrs);
    }
    const total = parts.reduce((s, p) => s + p.length, 0);
    if (total !== at) throw new Error(`CFF subset layout is off (${total} bytes, expected ${at})`);
    return concat(parts, total);
  }
}

/** Whether the font has CFF outlines (OpenType 'CFF ' table) this subsetter copies. */
export function canCopyCffSubset(font: unknown): boolean {
  const t = (font as FontkitTables).directory?.tables;
  return !!(t && t['CFF '] && (font as FontkitTables).stream?.buffer);
}
