import { describe, expect, it } from 'vitest';
import { loadFontSet } from '../../../electron/services/fonts';
import { internals } from '../../../electron/services/fonts/opentype';
import { readCmap } from '../../../electron/services/fonts/cmap';

const fonts = loadFontSet();
const installed = fonts.registry.faces.filter((f) => fonts.path(f.id)).map((f) => f.id);

/** Every BMP code point, and the astral planes where CJK extensions live, every 7th one. */
function codePoints(): number[] {
  const out: number[] = [];
  for (let cp = 0; cp < 0x10000; cp++) out.push(cp);
  for (let cp = 0x10000; cp < 0x32000; cp += 7) out.push(cp);
  return out;
}

describe('cmap read from the font bytes', () => {
  it.each(installed)('%s: every glyph id as fontkit finds it', (id) => {
    const face = fonts.face(id);
    const font = internals(face.font);
    const t = font.directory.tables.cmap!;
    const own = readCmap((face as unknown as { buf: Buffer }).buf, t.offset, t.length);
    expect(own, 'a format 4 or 12 subtable').not.toBeNull();
    const differ: string[] = [];
    for (const cp of codePoints()) {
      const want = font._cmapProcessor.lookup(cp) || 0;
      if (own!(cp) !== want) differ.push(`U+${cp.toString(16)}: ${own!(cp)} ≠ ${want}`);
      if (differ.length > 5) break;
    }
    expect(differ).toEqual([]);
    // The face answers through it.
    expect(face.glyphId(0x4e2d)).toBe(font._cmapProcessor.lookup(0x4e2d));
    expect(face.glyphId(0x4e2d)).toBeGreaterThan(0);
  });
});
