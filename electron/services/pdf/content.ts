// Content-stream writing for the PDF painter: numbers, colours, text as glyph ids with TJ
// position adjustments. pdfkit's own text API lays text out again with fontkit; the display list
// is already laid out, so glyphs are written here exactly where layout put them.
import type { Cmyk, GlyphRun } from '../../../engine/display/types';
import type { FontkitFace } from '../fonts';

/** A number as PDF wants it: at most 3 decimals (1/1000 pt is far below any press's resolution), no "-0". */
export function num(v: number): string {
  const r = Math.round(v * 1000) / 1000;
  if (r === 0) return '0';
  return String(r);
}

export function cmykOp(c: Cmyk, stroke: boolean): string {
  return `${num(c.c / 100)} ${num(c.m / 100)} ${num(c.y / 100)} ${num(c.k / 100)} ${stroke ? 'K' : 'k'}`;
}

/** pdfkit's EmbeddedFont, as far as the painter uses it. */
export interface PdfkitFont {
  id: string;
  scale: number;
  subset: { includeGlyph(gid: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}

export interface FontSlot {
  face: FontkitFace;
  font: PdfkitFont;
  /** Resource name, e.g. F1. */
  name: string;
}

function hex4(n: number): string {
  return (n < 0x10 ? '000' : n < 0x100 ? '00' : n < 0x1000 ? '0' : '') + n.toString(16);
}

/**
 * Adds a glyph to the font's subset and records its width and the text it stands for, so the
 * ToUnicode map lets readers search and copy. Returns the glyph's code in the subset.
 */
function useGlyph(slot: FontSlot, gid: number, text: string): number {
  const code = slot.font.subset.includeGlyph(gid);
  if (slot.font.widths[code] == null) slot.font.widths[code] = slot.face.glyphAdvance(gid) * slot.font.scale;
  if (slot.font.unicode[code] == null) {
    const cps: number[] = [];
    for (const ch of text) cps.push(ch.codePointAt(0)!);
    // A glyph standing for no text (none should) still needs an entry to keep the bfrange dense.
    slot.font.unicode[code] = cps.length ? cps : [0xfffd];
  }
  return code;
}

/**
 * Makes a font write its ToUnicode map as one bfchar entry per glyph instead of pdfkit's bfrange
 * arrays. Ghostscript's pdfwrite (10.0) keeps only the low byte of each destination in a bfrange
 * array, so a proof that a reader or optimiser passed through it would come back with unreadable
 * text and could not be recognised by its copy; bfchar entries survive it. Proofs only: print
 * files stay as they are.
 */
export function writeToUnicodeAsBfchar(font: PdfkitFont): void {
  const f = font as PdfkitFont & { document: { ref(): { end(s: string): void } } };
  (f as unknown as { toUnicodeCmap(): unknown }).toUnicodeCmap = function toUnicodeCmap() {
    const entries: string[] = [];
    f.unicode.forEach((cps, code) => {
      let dst = '';
      for (const cp of cps ?? [0xfffd]) {
        if (cp > 0xffff)
          dst += hex4(0xd800 | ((cp - 0x10000) >>> 10)) + hex4(0xdc00 | ((cp - 0x10000) & 0x3ff));
        else dst += hex4(cp);
      }
      entries.push(`<${hex4(code)}> <${dst}>`);
    });
    const blocks: string[] = [];
    // A bfchar block holds at most 100 entries.
    for (let i = 0; i < entries.length; i += 100) {
      const part = entries.slice(i, i + 100);
      blocks.push(`${part.length} beginbfchar\n${part.join('\n')}\nendbfchar`);
    }
    const cmap = f.document.ref();
    cmap.end(`/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo <<
  /Registry (Adobe)
  /Ordering (UCS)
  /Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000><ffff>
endcodespacerange
${blocks.join('\n')}
endcmap
CMapName currentdict /CMap defineresource pop
end
end`);
    return cmap;
  };
}

/** A PDF string of UTF-16BE with its byte-order mark, written in hex (any text, no escaping). */
export function utf16Hex(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += hex4(text.charCodeAt(i)).toUpperCase();
  return `<${hex}>`;
}

/**
 * Opens the marked-content span that gives a line of type its text. Squeezed punctuation (a
 * trimmed opening quote, a half-width comma or full stop) puts the next glyph's origin inside
 * the previous glyph's em box, since the font's widths are the full em; poppler and other
 * extractors take that backward step for a new line or word and break the line apart, so
 * search and copy across the mark fail. /ActualText replaces what the span's glyphs would
 * extract with the line's own text, in source order, whatever their positions: poppler's
 * pdftotext (raw and layout modes) and Acrobat read it, and the glyphs and ToUnicode stay as
 * they were, so the page looks and separates exactly as before.
 */
export function actualTextOpen(text: string): string {
  return `/Span <</ActualText ${utf16Hex(text)}>> BDC`;
}

/** The text object of one glyph run: one TJ per baseline, glyph positions kept to 1/1000 em. */
export function glyphRunOps(run: GlyphRun, slot: FontSlot): string {
  const out: string[] = ['BT', `/${slot.name} ${num(run.size)} Tf`];
  const glyphs = run.glyphs;
  if (run.vertical) {
    // Vertical setting: each glyph sits where layout put it; rotated ones (Latin) turn 90° clockwise.
    for (const g of glyphs) {
      const code = useGlyph(slot, g.gid, g.text);
      const x = run.x + g.x,
        y = run.y + g.y;
      out.push(
        g.rotate ? `0 1 1 0 ${num(x)} ${num(y)} Tm` : `1 0 0 -1 ${num(x)} ${num(y)} Tm`,
        `<${hex4(code)}> Tj`,
      );
    }
    out.push('ET');
    return out.join('\n');
  }
  // 长/扁字: the horizontal scale Tz stretches each glyph and its width about its origin; it is
  // part of the graphics state (BT does not reset it), so it is set back to 100 before ET.
  const scale = run.scale ?? 1;
  if (scale !== 1) out.push(`${num(scale * 100)} Tz`);
  const em = run.size * scale;
  let i = 0;
  while (i < glyphs.length) {
    // A segment is a stretch of glyphs on one baseline (a shifted glyph starts a new one).
    const y = glyphs[i].y;
    let j = i;
    while (j < glyphs.length && glyphs[j].y === y && !glyphs[j].rotate) j++;
    if (j === i) j = i + 1;
    const first = glyphs[i];
    out.push(
      first.rotate
        ? `0 1 1 0 ${num(run.x + first.x)} ${num(run.y + first.y)} Tm`
        : `1 0 0 -1 ${num(run.x + first.x)} ${num(run.y + y)} Tm`,
    );
    const parts: string[] = [];
    let hex = '';
    let pen = first.x;
    for (let k = i; k < j; k++) {
      const g = glyphs[k];
      const code = useGlyph(slot, g.gid, g.text);
      // TJ numbers are thousandths of an em, subtracted from the pen: positive pulls the next glyph left.
      const adj = Math.round((((pen - g.x) * 1000) / em) * 100) / 100;
      if (k > i && adj !== 0) {
        parts.push(`<${hex}>`, num(adj));
        hex = '';
      }
      hex += hex4(code);
      pen = g.x + (slot.font.widths[code] * em) / 1000;
    }
    parts.push(`<${hex}>`);
    out.push(`[${parts.join(' ')}] TJ`);
    i = j;
  }
  if (scale !== 1) out.push('100 Tz');
  out.push('ET');
  return out.join('\n');
}
