// The copying TrueType subsetter against fontkit reading its output: every glyph's outline and
// advance as in the face, composite glyphs with their components, a well-formed sfnt.
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { loadFontSet } from '../../../electron/services/fonts';
import { readSparse } from '../../../electron/services/fonts/sparse';
import { CopyingTrueTypeSubset, canCopySubset } from '../../../electron/services/pdf/subset';

type Glyph = { path: { toSVG(): string }; advanceWidth: number };
type Font = {
  numGlyphs: number;
  getGlyph(gid: number): Glyph;
  directory: { tables: Record<string, { offset: number }> };
  stream: { buffer: Uint8Array };
};

describe('TrueType subset by copying', () => {
  const face = loadFontSet().face('noto-serif-sc-400');
  const font = face.font as unknown as Font;

  it('keeps each chosen glyph’s outline and advance, in the order chosen', () => {
    expect(canCopySubset(font)).toBe(true);
    const subset = new CopyingTrueTypeSubset(font, (g) => face.loadGlyphs(g));
    const text = '徐汇区召开“两会”，编辑部——版面 A1 页。';
    const gids = [...text].map((ch) => face.glyphId(ch.codePointAt(0)!));
    const codes = gids.map((g) => subset.includeGlyph(g));
    expect(subset.includeGlyph(gids[0])).toBe(codes[0]); // the same glyph keeps its code
    const out = fontkit.create(Buffer.from(subset.encode())) as unknown as Font;
    expect(out.numGlyphs).toBe(subset.glyphs.length);
    gids.forEach((gid, i) => {
      const a = font.getGlyph(gid),
        b = out.getGlyph(codes[i]);
      expect(b.path.toSVG(), [...text][i]).toBe(a.path.toSVG());
      expect(b.advanceWidth).toBe(a.advanceWidth);
    });
  });

  it('brings in a composite glyph’s components under their new ids', () => {
    // The registry's CJK faces have no composite glyphs; Debian's DejaVu Sans builds accented letters from parts.
    const font = fontkit.create(
      readFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'),
    ) as unknown as Font;
    const glyf = font.directory.tables.glyf.offset,
      loca = font.directory.tables.loca.offset,
      buf = font.stream.buffer;
    const longLoca = buf[font.directory.tables.head.offset + 51] === 1;
    const at = (gid: number) =>
      longLoca
        ? new DataView(buf.buffer, buf.byteOffset).getUint32(loca + gid * 4)
        : new DataView(buf.buffer, buf.byteOffset).getUint16(loca + gid * 2) * 2;
    let composite = -1;
    for (let gid = 1; gid < font.numGlyphs && composite < 0; gid++)
      if (at(gid + 1) > at(gid) && buf[glyf + at(gid)] & 0x80) composite = gid;
    expect(composite, 'the face has composite glyphs').toBeGreaterThan(0);
    const subset = new CopyingTrueTypeSubset(font);
    const code = subset.includeGlyph(composite);
    const out = fontkit.create(Buffer.from(subset.encode())) as unknown as Font;
    expect(subset.glyphs.length).toBeGreaterThan(2); // .notdef, the composite and at least one component
    expect(out.getGlyph(code).path.toSVG()).toBe(font.getGlyph(composite).path.toSVG());
  });

  it('reads a face without its outlines, then exactly the outlines a subset copies', () => {
    // A face of its own, so no other test has had fontkit read its outlines yet.
    const path = loadFontSet().path('noto-serif-sc-700')!;
    const sparse = readSparse(path)!;
    const file = readFileSync(path);
    const t = fontkit.create(file) as unknown as Font;
    const glyf = t.directory.tables.glyf.offset;
    const gid = (t as unknown as { glyphForCodePoint(cp: number): { id: number } }).glyphForCodePoint(
      0x7248,
    ).id; // 版
    const loca = t.directory.tables.loca.offset;
    const start = glyf + file.readUInt32BE(loca + gid * 4),
      end = glyf + file.readUInt32BE(loca + gid * 4 + 4);
    expect(end).toBeGreaterThan(start);
    expect(sparse.buf.subarray(start, end).every((b) => b === 0)).toBe(true);
    expect(sparse.buf.subarray(0, glyf).equals(file.subarray(0, glyf))).toBe(true); // every other table as in the file
    sparse.loadGlyphs([gid]);
    expect(sparse.buf.subarray(start, end).equals(file.subarray(start, end))).toBe(true);
    sparse.loadAll();
    expect(sparse.buf.equals(file)).toBe(true);
    // Through the font set, fontkit's own outline reading sees the whole table.
    const face700 = loadFontSet().face('noto-serif-sc-700');
    expect((face700.font as unknown as Font).getGlyph(gid).path.toSVG()).toBe(t.getGlyph(gid).path.toSVG());
  });

  it('writes table checksums and head’s adjustment so the whole file sums to 0xB1B0AFBA', () => {
    const subset = new CopyingTrueTypeSubset(font);
    subset.includeGlyph(face.glyphId(0x7248)); // 版
    const bytes = subset.encode();
    expect(bytes.length % 4).toBe(0);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    let sum = 0;
    for (let p = 0; p < bytes.length; p += 4) sum = (sum + view.getUint32(p)) >>> 0;
    expect(sum).toBe(0xb1b0afba);
  });
});
