// Annotating a proof the way PDF readers do: the original bytes untouched, an incremental update
// appended with new annotation objects, the page object rewritten with its /Annots, a new xref
// section and a trailer pointing back (/Prev) at the old one. Geometry is computed from the display
// list, the way a reader's text selection would cover the characters.
import type { DisplayPage } from '../../engine/display/types';

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
} // PDF user space, y up

/** The glyphs of [start, end) of a block on a page, as a reader's selection: one quad per line. */
export function selectionQuads(
  page: DisplayPage,
  article: string,
  block: number,
  start: number,
  end: number,
): Box[] {
  const lines: Box[] = [];
  for (const item of page.items) {
    if (item.kind !== 'glyphs' || item.vertical) continue;
    const sel = item.glyphs.filter(
      (g) =>
        g.src.article === article && g.src.block === block && g.src.offset >= start && g.src.offset < end,
    );
    if (!sel.length) continue;
    // Readers take the line's height from the font's ascent and descent, larger than the em box.
    const top = page.height - (item.y - 1.02 * item.size);
    const bottom = page.height - (item.y + 0.24 * item.size);
    const x1 = item.x + Math.min(...sel.map((g) => g.x)),
      x2 = item.x + Math.max(...sel.map((g) => g.x + g.advance));
    const same = lines.find((l) => Math.abs(l.y2 - top) < 0.01 && Math.abs(l.x2 - x1) < 0.5);
    if (same) same.x2 = x2;
    else lines.push({ x1, y1: bottom, x2, y2: top });
  }
  if (!lines.length) throw new Error(`no glyphs of ${article}/${block} [${start}, ${end}) on the page`);
  return lines;
}

/** Where a caret goes to insert before the character at `offset` (after the last one when past it). */
export function caretBox(page: DisplayPage, article: string, block: number, offset: number): Box {
  for (const item of page.items) {
    if (item.kind !== 'glyphs' || item.vertical) continue;
    const i = item.glyphs.findIndex(
      (g) => g.src.article === article && g.src.block === block && g.src.offset === offset,
    );
    const prev = item.glyphs.findIndex(
      (g) => g.src.article === article && g.src.block === block && g.src.offset + g.text.length === offset,
    );
    if (i < 0 && prev < 0) continue;
    const x = item.x + (i >= 0 ? item.glyphs[i].x : item.glyphs[prev].x + item.glyphs[prev].advance);
    const base = page.height - item.y;
    // Acrobat's insert caret: a small wedge whose apex sits a little above the baseline.
    return { x1: x - 3.5, y1: base - 2.5, x2: x + 3.5, y2: base + 0.3 * item.size };
  }
  throw new Error(`offset ${offset} of ${article}/${block} is not on the page`);
}

type Value = number | string | boolean | null | undefined | Value[] | { [k: string]: Value } | Ref | Raw;
export class Ref {
  constructor(readonly n: number) {}
}
/** PDF text verbatim: a name (/Foo) or anything else written as is. */
export class Raw {
  constructor(readonly s: string) {}
}
export const name = (s: string) => new Raw('/' + s);

/** Text strings as readers write them: ASCII as a literal, anything else UTF-16BE with a byte-order mark, in hex. */
function textString(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return `(${s.replace(/[()\\]/g, (c) => '\\' + c)})`;
  const b = Buffer.from('\ufeff' + s, 'utf16le').swap16();
  return `<${b.toString('hex').toUpperCase()}>`;
}

function serialize(v: Value): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(3);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return textString(v);
  if (v instanceof Ref) return `${v.n} 0 R`;
  if (v instanceof Raw) return v.s;
  if (Array.isArray(v)) return `[${v.map(serialize).join(' ')}]`;
  return `<<${Object.entries(v)
    .filter(([, x]) => x !== undefined)
    .map(([k, x]) => ` /${k} ${serialize(x)}`)
    .join('')} >>`;
}

export function pdfDateOf(t: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `D:${t.getUTCFullYear()}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}${p(t.getUTCHours())}${p(t.getUTCMinutes())}${p(t.getUTCSeconds())}Z`;
}

export interface NewAnnotation {
  /** Filled in when added: the object number, so later annotations can point at it (IRT, Popup). */
  ref?: Ref;
  dict: Record<string, Value>;
}

/**
 * Appends an incremental update adding `annots` to the page at `pageIndex` (0-based). Each
 * annotation's dict may refer to earlier ones by their `ref` (assigned in order before writing).
 */
export function appendAnnotations(
  pdf: Buffer,
  pageIndex: number,
  build: (refs: (i: number) => Ref, page: Ref) => Record<string, Value>[],
): Buffer {
  const text = pdf.toString('latin1');
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const trailers = [...text.matchAll(/trailer\s*<<([\s\S]*?)>>\s*startxref/g)];
  const trailer = trailers[trailers.length - 1][1];
  const size = Number(/\/Size (\d+)/.exec(trailer)![1]);
  const root = /\/Root (\d+ 0 R)/.exec(trailer)![1];
  const info = /\/Info (\d+ 0 R)/.exec(trailer)?.[1];
  const id = /\/ID\s*(\[[^\]]*\])/.exec(trailer)?.[1];

  // The page objects in document order: the last definition of each object wins (earlier updates).
  const pages = new Map<number, string>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*(<<[\s\S]*?)\s*endobj/g))
    if (/\/Type \/Page\b(?!s)/.test(m[2])) pages.set(Number(m[1]), m[2]);
  const pageNums = [...pages.keys()];
  const kids = /\/Kids \[([^\]]*)\]/
    .exec(text)![1]
    .trim()
    .split(/\s+0\s+R\s*/)
    .filter(Boolean)
    .map(Number);
  const pageNum = kids.length ? kids[pageIndex] : pageNums[pageIndex];
  const pageDict = pages.get(pageNum)!;

  const dicts = build((i) => new Ref(size + i), new Ref(pageNum));
  const annotRefs = dicts.map((_, i) => new Ref(size + i));
  const existing = /\/Annots \[([^\]]*)\]/.exec(pageDict);
  const annots = `/Annots [${existing ? existing[1].trim() + ' ' : ''}${annotRefs.map((r) => `${r.n} 0 R`).join(' ')}]`;
  const newPage = existing
    ? pageDict.replace(/\/Annots \[[^\]]*\]/, annots)
    : pageDict.replace(/>>\s*$/, `${annots}\n>>`);

  const objects: [number, string][] = [
    [pageNum, newPage],
    ...dicts.map((d, i) => [size + i, serialize(d)] as [number, string]),
  ];
  let body = '\n';
  const offsets: [number, number][] = [];
  for (const [n, src] of objects) {
    offsets.push([n, pdf.length + Buffer.byteLength(body, 'latin1')]);
    body += `${n} 0 obj\n${src}\nendobj\n`;
  }
  const xrefAt = pdf.length + Buffer.byteLength(body, 'latin1');
  offsets.sort((a, b) => a[0] - b[0]);
  let xref = 'xref\n0 1\n0000000000 65535 f \n';
  for (const [n, off] of offsets) xref += `${n} 1\n${String(off).padStart(10, '0')} 00000 n \n`;
  const newSize = size + dicts.length;
  xref += `trailer\n<< /Size ${newSize} /Root ${root}${info ? ` /Info ${info}` : ''}${id ? ` /ID ${id}` : ''} /Prev ${startxref} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(body + xref, 'latin1')]);
}

/** Rect enclosing boxes, with a little air as readers leave. */
export function rectOf(boxes: Box[], pad = 1): number[] {
  return [
    Math.min(...boxes.map((b) => b.x1)) - pad,
    Math.min(...boxes.map((b) => b.y1)) - pad,
    Math.max(...boxes.map((b) => b.x2)) + pad,
    Math.max(...boxes.map((b) => b.y2)) + pad,
  ];
}

/** QuadPoints in Acrobat's order: upper left, upper right, lower left, lower right. */
export function quadPoints(boxes: Box[]): number[] {
  return boxes.flatMap((b) => [b.x1, b.y2, b.x2, b.y2, b.x1, b.y1, b.x2, b.y1]);
}
