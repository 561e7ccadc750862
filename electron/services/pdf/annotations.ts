// Editors' comments on a proof: highlight or note annotations where their anchored words sit.
import type { DisplayPage } from '../../../engine/display/types';
import type { ArticleComment } from '../../../engine/model/types';
import { loadFontSet } from '../fonts';
import { num } from './content';
import { type PageContext } from './page';

interface Quad {
  x1: number;
  x2: number;
  top: number;
  bottom: number;
}

/** Where a comment's anchored text sits on a page: one quad per glyph run it touches. */
function commentQuads(page: DisplayPage, c: ArticleComment): Quad[] {
  const quads: Quad[] = [];
  if (!c.anchor) return quads;
  const { block, offset, length } = c.anchor;
  const fonts = loadFontSet();
  for (const item of page.items) {
    if (item.kind !== 'glyphs' || item.vertical) continue;
    let q: Quad | null = null;
    for (const g of item.glyphs) {
      if (
        g.src.article !== c.article ||
        g.src.block !== block ||
        g.src.offset < offset ||
        g.src.offset >= offset + Math.max(1, length)
      )
        continue;
      const face = fonts.face(item.face);
      const top = item.y + g.y - (face.ascender / face.unitsPerEm) * item.size;
      const bottom = item.y + g.y - (face.descender / face.unitsPerEm) * item.size;
      if (!q) q = { x1: item.x + g.x, x2: item.x + g.x + g.advance, top, bottom };
      else {
        q.x2 = Math.max(q.x2, item.x + g.x + g.advance);
        q.top = Math.min(q.top, top);
        q.bottom = Math.max(q.bottom, bottom);
      }
    }
    if (q) quads.push(q);
  }
  return quads;
}

function firstGlyphOf(page: DisplayPage, article: string): { x: number; y: number } | null {
  for (const item of page.items)
    if (item.kind === 'glyphs' && item.glyphs.length && item.glyphs[0].src.article === article)
      return { x: item.x, y: item.y };
  return null;
}

/** Editors' comments as highlight or note annotations, each with an appearance stream. */
export function annotate(ctx: PageContext, page: DisplayPage, comments: ArticleComment[], mediaH: number) {
  const doc = ctx.doc;
  const flip = (y: number) => mediaH - y;
  for (const c of comments) {
    const quads = commentQuads(page, c);
    const common = {
      Type: 'Annot',
      Contents: new String(c.text),
      T: new String(c.author),
      NM: new String(`comment-${c.id}`),
      M: new Date(c.at),
      CreationDate: new Date(c.at),
      F: 4,
      Subj: new String('批注'),
      C: [1, 0.85, 0],
    };
    if (quads.length) {
      const x1 = Math.min(...quads.map((q) => q.x1)),
        x2 = Math.max(...quads.map((q) => q.x2));
      const top = Math.min(...quads.map((q) => q.top)),
        bottom = Math.max(...quads.map((q) => q.bottom));
      const rect = [x1, flip(bottom), x2, flip(top)].map(num).map(Number);
      const qp = quads.flatMap((q) =>
        [q.x1, flip(q.top), q.x2, flip(q.top), q.x1, flip(q.bottom), q.x2, flip(q.bottom)].map((v) =>
          Number(num(v)),
        ),
      );
      const ms = doc.ref({ Type: 'ExtGState', BM: 'Multiply', ca: 0.6 });
      ms.end();
      const ap = doc.ref({
        Type: 'XObject',
        Subtype: 'Form',
        BBox: rect,
        Resources: { ExtGState: { GsHL: ms } },
      });
      ap.end(
        [
          '/GsHL gs',
          '0 0.15 1 0 k',
          ...quads.map(
            (q) => `${num(q.x1)} ${num(flip(q.bottom))} ${num(q.x2 - q.x1)} ${num(q.bottom - q.top)} re f`,
          ),
        ].join('\n'),
      );
      const a = doc.ref({ ...common, Subtype: 'Highlight', Rect: rect, QuadPoints: qp, AP: { N: ap } });
      a.end();
      doc.page.annotations.push(a);
    } else {
      const at = firstGlyphOf(page, c.article);
      if (!at) continue;
      const x = Math.max(2, at.x - 18),
        y = flip(at.y);
      const rect = [x, y, x + 14, y + 14].map(num).map(Number);
      const ap = doc.ref({ Type: 'XObject', Subtype: 'Form', BBox: rect });
      ap.end(
        `0 0.15 1 0 k 0 0 0 0.8 K 0.5 w ${num(x + 0.5)} ${num(y + 0.5)} 13 13 re B ${num(x + 3)} ${num(y + 9.5)} m ${num(x + 11)} ${num(y + 9.5)} l ${num(x + 3)} ${num(y + 7)} m ${num(x + 11)} ${num(y + 7)} l ${num(x + 3)} ${num(y + 4.5)} m ${num(x + 9)} ${num(y + 4.5)} l S`,
      );
      const a = doc.ref({
        ...common,
        Subtype: 'Text',
        Rect: rect,
        Name: 'Comment',
        Open: false,
        AP: { N: ap },
      });
      a.end();
      doc.page.annotations.push(a);
    }
  }
}
