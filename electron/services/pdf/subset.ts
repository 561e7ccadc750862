// TrueType subsets for embedding (CFF ones: cff-subset.ts), built from the font file's own bytes.
// fontkit's subsetter decodes every glyph's outline and its metrics into objects and encodes the tables again
// through its structure library; for a page of three thousand characters that is most of the
// PDF's cost. Glyph programs need no decoding to be copied: only composite glyphs' component
// ids change. Tables a PDF font file needs (ISO 32000 9.9): head, hhea, loca, maxp, glyf, hmtx,
// and the hinting tables cvt, fpgm, prep as they are.

export interface FontkitTables {
  stream: { buffer: Uint8Array };
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
}

export const u16 = (b: Uint8Array, p: number): number => (b[p] << 8) | b[p + 1];
export const u32 = (b: Uint8Array, p: number): number =>
  ((b[p] << 24) >>> 0) + (b[p + 1] << 16) + (b[p + 2] << 8) + b[p + 3];

// Composite glyph flags (OpenType glyf table).
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** Whether the font has TrueType outlines this subsetter can copy (CFF fonts keep fontkit's). */
export function canCopySubset(font: unknown): boolean {
  const t = (font as FontkitTables).directory?.tables;
  return !!(
    t &&
    t.glyf &&
    t.loca &&
    t.head &&
    t.hhea &&
    t.hmtx &&
    t.maxp &&
    (font as FontkitTables).stream?.buffer
  );
}

/** The glyphs a subset keeps, in the order painting asked for them: its glyph ids are their indexes. */
export abstract class GlyphSubset {
  readonly glyphs: number[] = [];
  private readonly mapping = new Map<number, number>();

  /** The subset's glyph id for `gid` of the face, taken in on first use (pdfkit calls this while painting). */
  includeGlyph(gid: number): number {
    let code = this.mapping.get(gid);
    if (code === undefined) {
      code = this.glyphs.length;
      this.glyphs.push(gid);
      this.mapping.set(gid, code);
    }
    return code;
  }
}

/** Drop-in for fontkit's TTFSubset as pdfkit uses it: includeGlyph() while painting, encode() at the end. */
export class CopyingTrueTypeSubset extends GlyphSubset {
  private readonly buf: Uint8Array;
  private readonly tables: FontkitTables['directory']['tables'];

  /** `loadGlyphs` makes outlines present in the font's bytes (faces are opened without them). */
  constructor(
    font: unknown,
    private readonly loadGlyphs: (gids: number[]) => void = () => {},
  ) {
    super();
    this.buf = (font as FontkitTables).stream.buffer;
    this.tables = (font as FontkitTables).directory.tables;
    this.includeGlyph(0); // .notdef stays glyph 0
  }

  /** A table of the source font as it is in the file. */
  table(tag: string): Uint8Array | null {
    const t = this.tables[tag];
    return t ? this.buf.subarray(t.offset, t.offset + t.length) : null;
  }

  private glyphOffset(loca: Uint8Array, long: boolean, gid: number): number {
    return long ? u32(loca, gid * 4) : u16(loca, gid * 2) * 2;
  }

  /** `extra`: tables added as they are (a font for the screen adds cmap, OS/2, name and post). */
  encode(extra: [string, Uint8Array][] = []): Uint8Array {
    const head = this.table('head')!,
      hhea = this.table('hhea')!,
      maxp = this.table('maxp')!,
      hmtx = this.table('hmtx')!;
    const loca = this.table('loca')!,
      glyf = this.table('glyf')!;
    const longLoca = u16(head, 50) === 1;
    const numHMetrics = u16(hhea, 34);
    const pieces: Uint8Array[] = [];
    const offsets: number[] = [];
    let size = 0;
    // The list grows while it is walked: composite glyphs bring their components in.
    let present = 0;
    for (let i = 0; i < this.glyphs.length; i++) {
      if (i >= present) {
        this.loadGlyphs(this.glyphs.slice(i));
        present = this.glyphs.length;
      }
      const gid = this.glyphs[i];
      const start = this.glyphOffset(loca, longLoca, gid),
        end = this.glyphOffset(loca, longLoca, gid + 1);
      let g = glyf.subarray(start, Math.max(start, end));
      if (g.length >= 10 && g[0] & 0x80) {
        g = Uint8Array.from(g);
        let p = 10;
        for (;;) {
          const flags = u16(g, p);
          const code = this.includeGlyph(u16(g, p + 2));
          g[p + 2] = code >> 8;
          g[p + 3] = code & 0xff;
          p += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
          if (flags & WE_HAVE_A_SCALE) p += 2;
          else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) p += 4;
          else if (flags & WE_HAVE_A_TWO_BY_TWO) p += 8;
          if (!(flags & MORE_COMPONENTS) || p + 4 > g.length) break;
        }
      }
      offsets.push(size);
      pieces.push(g);
      const padded = (g.length + 3) & ~3;
      if (padded > g.length) pieces.push(new Uint8Array(padded - g.length));
      size += padded;
    }
    offsets.push(size);
    const n = this.glyphs.length;

    const newGlyf = concat(pieces, size);
    const newLoca = new Uint8Array(4 * (n + 1));
    offsets.forEach((o, i) => writeU32(newLoca, i * 4, o));
    const newHmtx = new Uint8Array(4 * n);
    for (let i = 0; i < n; i++) {
      const gid = this.glyphs[i];
      const adv = gid < numHMetrics ? u16(hmtx, gid * 4) : u16(hmtx, (numHMetrics - 1) * 4);
      const lsbAt = gid < numHMetrics ? gid * 4 + 2 : numHMetrics * 4 + (gid - numHMetrics) * 2;
      newHmtx[i * 4] = adv >> 8;
      newHmtx[i * 4 + 1] = adv & 0xff;
      newHmtx[i * 4 + 2] = lsbAt + 1 < hmtx.length ? hmtx[lsbAt] : 0;
      newHmtx[i * 4 + 3] = lsbAt + 1 < hmtx.length ? hmtx[lsbAt + 1] : 0;
    }
    const newHead = Uint8Array.from(head);
    writeU32(newHead, 8, 0); // checkSumAdjustment, set below
    newHead[50] = 0;
    newHead[51] = 1; // long loca offsets
    const newHhea = Uint8Array.from(hhea);
    newHhea[34] = n >> 8;
    newHhea[35] = n & 0xff;
    const newMaxp = Uint8Array.from(maxp);
    newMaxp[4] = n >> 8;
    newMaxp[5] = n & 0xff;

    const out: [string, Uint8Array][] = [
      ['head', newHead],
      ['hhea', newHhea],
      ['loca', newLoca],
      ['maxp', newMaxp],
      ['glyf', newGlyf],
      ['hmtx', newHmtx],
    ];
    for (const tag of ['cvt ', 'fpgm', 'prep']) {
      const t = this.table(tag);
      if (t) out.push([tag, t]);
    }
    return sfnt(out.concat(extra));
  }
}

function writeU32(b: Uint8Array, p: number, v: number): void {
  b[p] = (v >>> 24) & 0xff;
  b[p + 1] = (v >>> 16) & 0xff;
  b[p + 2] = (v >>> 8) & 0xff;
  b[p + 3] = v & 0xff;
}

export function concat(parts: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let p = 0;
  for (const part of parts) {
    out.set(part, p);
    p += part.length;
  }
  return out;
}

function checksum(b: Uint8Array, start: number, length: number): number {
  let sum = 0;
  const end = start + length;
  for (let p = start; p < end; p += 4)
    sum =
      (sum + (((b[p] << 24) >>> 0) + ((b[p + 1] ?? 0) << 16) + ((b[p + 2] ?? 0) << 8) + (b[p + 3] ?? 0))) >>>
      0;
  return sum;
}

/** An sfnt file: table directory sorted by tag, tables 4-byte aligned, checksums and head's adjustment. */
function sfnt(tables: [string, Uint8Array][]): Uint8Array {
  tables.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const count = tables.length;
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= count) entrySelector++;
  const searchRange = 2 ** entrySelector * 16;
  let offset = 12 + 16 * count;
  const layout = tables.map(([tag, data]) => {
    const at = offset;
    offset += (data.length + 3) & ~3;
    return { tag, data, at };
  });
  const out = new Uint8Array(offset);
  writeU32(out, 0, 0x00010000);
  out[4] = count >> 8;
  out[5] = count & 0xff;
  out[6] = searchRange >> 8;
  out[7] = searchRange & 0xff;
  out[8] = entrySelector >> 8;
  out[9] = entrySelector & 0xff;
  const rangeShift = count * 16 - searchRange;
  out[10] = rangeShift >> 8;
  out[11] = rangeShift & 0xff;
  let headAt = -1;
  layout.forEach(({ tag, data, at }, i) => {
    out.set(data, at);
    const e = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[e + k] = tag.charCodeAt(k);
    writeU32(out, e + 4, checksum(out, at, (data.length + 3) & ~3));
    writeU32(out, e + 8, at);
    writeU32(out, e + 12, data.length);
    if (tag === 'head') headAt = at;
  });
  writeU32(out, headAt + 8, (0xb1b0afba - checksum(out, 0, out.length)) >>> 0);
  return out;
}
