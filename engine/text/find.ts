// 查找替换: finding words in an edition's copy the way a Chinese newsroom asks for them — full-width
// and half-width forms alike (ＡＢＣ１２３ finds ABC123), Latin letters without regard to case, and,
// when asked, whole words only (the word segmenter of ./words.ts, so 学习 does not find 学习强国).
// Folding keeps one UTF-16 unit per unit, so offsets in the folded text are offsets in the copy.
import type { Article, Block, Edition, TextLeaf } from '../model/types';
import { wordBoundaries } from './words';

export interface FindOptions {
  /** Only hits that start and end at word boundaries. */
  wholeWord?: boolean;
  /** Latin letters must match in case (by default they need not). */
  matchCase?: boolean;
  /** Full-width and half-width forms must match exactly (by default they are the same character). */
  matchWidth?: boolean;
}

/** One hit: `length` UTF-16 units at `offset` of block `block`'s text. */
export interface FindHit {
  article: string;
  block: number;
  offset: number;
  length: number;
  /** The copy's own characters there. */
  text: string;
}

/** Folds one UTF-16 unit as the options ask: always one unit out. */
function foldUnit(c: number, opts: FindOptions): number {
  if (!opts.matchWidth) {
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    else if (c === 0x3000) c = 0x20;
  }
  if (!opts.matchCase) {
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0xff21 && c <= 0xff3a)) c += 0x20;
    else if (c >= 0xc0 && c < 0x0530) {
      const lower = String.fromCharCode(c).toLowerCase();
      if (lower.length === 1) c = lower.charCodeAt(0);
    }
  }
  return c;
}

/** The text folded as the options ask, the same length as `text`. */
export function foldForFind(text: string, opts: FindOptions = {}): string {
  // Only the characters that can fold are visited: Han text passes through untouched.
  const re = opts.matchWidth
    ? opts.matchCase
      ? null
      : /[A-Z\u00c0-\u052f\uff21-\uff3a]/g
    : opts.matchCase
      ? /[\uff01-\uff5e\u3000]/g
      : /[A-Z\u00c0-\u052f\uff01-\uff5e\u3000]/g;
  return re ? text.replace(re, (ch) => String.fromCharCode(foldUnit(ch.charCodeAt(0), opts))) : text;
}

export const leavesText = (b: Block | undefined): string => (b ? b.children.map((c) => c.text).join('') : '');

/** Hits of `query` in one text (non-overlapping, first to last). */
export function findInText(text: string, query: string, opts: FindOptions = {}): number[] {
  if (!query) return [];
  const q = foldForFind(query, opts);
  const t = foldForFind(text, opts);
  const out: number[] = [];
  let bounds: Uint8Array | null = null;
  for (let i = t.indexOf(q); i >= 0;) {
    if (opts.wholeWord) {
      bounds ??= wordBoundaries(text);
      if (!bounds[i] || !bounds[i + q.length]) {
        i = t.indexOf(q, i + 1);
        continue;
      }
    }
    out.push(i);
    i = t.indexOf(q, i + q.length);
  }
  return out;
}

/** Articles in reading order: page by page, placement by placement, then those not placed. */
export function articlesInOrder(ed: Edition, pageNumber?: number): Article[] {
  const byId = new Map(ed.articles.map((a) => [a.id, a]));
  const seen = new Set<string>();
  const out: Article[] = [];
  for (const p of ed.pages) {
    if (pageNumber != null && p.number !== pageNumber) continue;
    for (const pl of p.placements) {
      const a = byId.get(pl.article);
      if (a && !seen.has(a.id)) {
        seen.add(a.id);
        out.push(a);
      }
    }
  }
  if (pageNumber == null) for (const a of ed.articles) if (!seen.has(a.id)) out.push(a);
  return out;
}

/** Every hit of `query` in these articles, in reading order. */
export function findInArticles(articles: Article[], query: string, opts: FindOptions = {}): FindHit[] {
  const out: FindHit[] = [];
  if (!query) return out;
  for (const a of articles)
    a.blocks.forEach((b, block) => {
      const text = leavesText(b);
      for (const offset of findInText(text, query, opts))
        out.push({
          article: a.id,
          block,
          offset,
          length: query.length,
          text: text.slice(offset, offset + query.length),
        });
    });
  return out;
}

/** A Slate text operation on one leaf, as the history records them. */
export type TextOp =
  | { type: 'remove_text'; path: [number, number]; offset: number; text: string }
  | { type: 'insert_text'; path: [number, number]; offset: number; text: string };

/**
 * The Slate operations that replace these hits of one article by `replacement`: from the last hit to
 * the first, so each operation's offsets hold when it is applied. A hit over several leaves (a bold
 * word inside it) loses its characters from each and the replacement goes into the first leaf, in
 * its formatting.
 */
export function replaceOps(blocks: Block[], hits: FindHit[], replacement: string): TextOp[] {
  const ops: TextOp[] = [];
  const sorted = [...hits].sort((x, y) => y.block - x.block || y.offset - x.offset);
  for (const h of sorted) {
    const leaves: TextLeaf[] = blocks[h.block]?.children ?? [];
    const parts: { leaf: number; offset: number; text: string }[] = [];
    let start = 0;
    leaves.forEach((leaf, i) => {
      const end = start + leaf.text.length;
      const from = Math.max(h.offset, start);
      const to = Math.min(h.offset + h.length, end);
      if (from < to)
        parts.push({ leaf: i, offset: from - start, text: leaf.text.slice(from - start, to - start) });
      start = end;
    });
    if (!parts.length) continue;
    for (let k = parts.length - 1; k >= 0; k--)
      ops.push({
        type: 'remove_text',
        path: [h.block, parts[k].leaf],
        offset: parts[k].offset,
        text: parts[k].text,
      });
    if (replacement)
      ops.push({
        type: 'insert_text',
        path: [h.block, parts[0].leaf],
        offset: parts[0].offset,
        text: replacement,
      });
  }
  return ops;
}
