// One idea: proof marks to characters through one glyph index, kept whole because every mark kind uses it.
// From mark geometry to characters: each proofreader's annotation is matched against the glyphs of
// the page's display list, whose sources (article, block, offset) say which characters were marked.
// The display list must be the one the proof was made from; the caller checks that first.
import { replacementOf } from './replacement';
import type { DisplayPage, GlyphRun, PlacedGlyph } from '../display/types';
import { EM_ASCENT } from '../layout/grid';
import { blockText } from '../layout/runs';
import type { Edition } from '../model/types';
import type {
  PageMarks,
  PageRect,
  ProofAnnotation,
  ProofMark,
  ProofMarkKind,
  ProofReply,
  UnplacedMark,
} from './types';

/** Glyph roles that stand for no article text a proofreader could correct. */
const NOT_COPY = new Set<GlyphRun['role']>(['master', 'placeholder', 'mark']);

/** How far (in ems of the nearest glyph) a caret or a note may sit from the text it belongs to. */
const CARET_REACH = 0.6;
const NOTE_REACH = 1.5;

/** Characters of context kept either side of a mark. */
const CONTEXT = 8;

export interface PageGlyph {
  article: string;
  block: number;
  offset: number;
  length: number;
  /** The em box the glyph occupies on the page. */
  box: PageRect;
  /** Along the line: true when the line runs down the page (vertical setting). */
  vertical: boolean;
  size: number;
}

/** Every glyph of article copy on the page with the box a reader selects it by. */
export function pageGlyphs(page: DisplayPage): PageGlyph[] {
  const out: PageGlyph[] = [];
  for (const item of page.items) {
    if (item.kind !== 'glyphs' || NOT_COPY.has(item.role)) continue;
    for (const g of item.glyphs) {
      if (!g.src.article) continue;
      out.push({
        article: g.src.article,
        block: g.src.block,
        offset: g.src.offset,
        length: g.text.length || 1,
        box: glyphBox(item, g),
        vertical: item.vertical,
        size: item.size,
      });
    }
  }
  return out;
}

function glyphBox(run: GlyphRun, g: PlacedGlyph): PageRect {
  const s = run.size;
  const x = run.x + g.x;
  const y = run.y + g.y;
  // A glyph turned on its side in a vertical line: its ascent points right, its advance runs down.
  if (run.vertical && g.rotate) return { x: x - (1 - EM_ASCENT) * s, y, w: s, h: g.advance };
  if (run.vertical) return { x, y: y - EM_ASCENT * s, w: s, h: Math.max(g.advance, s) };
  return { x, y: y - EM_ASCENT * s, w: g.advance, h: s };
}

const centre = (r: PageRect) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });
const inside = (p: { x: number; y: number }, r: PageRect) =>
  p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;

function distance(p: { x: number; y: number }, r: PageRect): number {
  const dx = Math.max(r.x - p.x, 0, p.x - (r.x + r.w));
  const dy = Math.max(r.y - p.y, 0, p.y - (r.y + r.h));
  return Math.hypot(dx, dy);
}

/** #rrggbb of an RGB 0–255 colour. */
export function colorHex(c: [number, number, number] | null): string | null {
  return c ? '#' + c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('') : null;
}

/** 校次 by colour, as GB/T 14706 practice has it: first proof red, second pure blue, third green. */
export function roundOf(c: [number, number, number] | null): 1 | 2 | 3 | null {
  if (!c) return null;
  const [r, g, b] = c;
  const max = Math.max(r, g, b);
  if (max < 64) return null; // black or grey: no round
  const strong = (v: number) => v >= max * 0.999 && v - Math.min(r, g, b) > 80;
  if (strong(r) && g < r * 0.6 && b < r * 0.6) return 1;
  if (strong(b) && r < b * 0.6 && g < b * 0.8) return 2;
  if (strong(g) && r < g * 0.6 && b < g * 0.6) return 3;
  return null;
}

/** A span of one block: the unit a mark lands on. */
interface Span {
  article: string;
  block: number;
  start: number;
  end: number;
}

/**
 * The glyphs a text markup covers, as spans of source text. A glyph is covered when its centre is
 * in one of the quads: readers draw quads from their own idea of the font's box, so edges differ
 * from ours, but centres never leave the line. A block's covered glyphs split into separate spans
 * where a glyph of the block that is on the page was left out (a selection cannot jump over text).
 */
export function coveredSpans(glyphs: PageGlyph[], quads: PageRect[]): Span[] {
  const ix = glyphIndex(glyphs);
  // The glyphs whose centre is in a quad: those in the quad's band of centres (sorted by y), then x.
  const hit = new Set<number>();
  for (const q of quads) {
    for (let k = firstAtOrBelow(ix.cy, ix.byY, q.y); k < ix.byY.length; k++) {
      const i = ix.byY[k];
      if (!(ix.cy[i] <= q.y + q.h)) break;
      if (inside({ x: ix.cx[i], y: ix.cy[i] }, q)) hit.add(i);
    }
  }
  if (!hit.size) return [];
  // Blocks in the order the display list first shows them; each block's glyphs by offset.
  const hitBlocks = [...new Set([...hit].map((i) => ix.block[i]))].sort(
    (a, b) => ix.blockFirst[a] - ix.blockFirst[b],
  );
  const spans: (Span & { first: number })[] = [];
  for (const b of hitBlocks) {
    let cur: (Span & { first: number }) | null = null;
    for (const i of ix.blocks[b]) {
      const g = glyphs[i];
      if (!hit.has(i)) {
        if (cur) {
          spans.push(cur);
          cur = null;
        }
        continue;
      }
      // Characters with no glyph between two covered ones (a space at a line end) go with them.
      if (cur) cur.end = Math.max(cur.end, g.offset + g.length);
      else cur = { article: g.article, block: g.block, start: g.offset, end: g.offset + g.length, first: -1 };
    }
    if (cur) spans.push(cur);
  }
  // Reading order on the page: the order of the first covered glyph in the display list.
  for (const s of spans) {
    let first = Infinity;
    for (const i of hit) {
      const g = glyphs[i];
      if (
        i < first &&
        g.article === s.article &&
        g.block === s.block &&
        g.offset >= s.start &&
        g.offset < s.end
      )
        first = i;
    }
    s.first = first === Infinity ? -1 : first;
  }
  return spans.sort((a, b) => a.first - b.first).map(({ first: _, ...s }) => s);
}

/** The glyphs of a page indexed once for every mark on it: centres sorted by y, blocks by offset. */
interface GlyphIndex {
  cx: Float64Array;
  cy: Float64Array;
  /** Glyph indices by centre y. */
  byY: number[];
  /** Each glyph's block number in `blocks`. */
  block: Int32Array;
  /** Each block's glyph indices, by offset (display-list order among equal offsets). */
  blocks: number[][];
  /** Each block's first glyph in display-list order. */
  blockFirst: number[];
}

const indexes = new WeakMap<PageGlyph[], GlyphIndex>();

function glyphIndex(glyphs: PageGlyph[]): GlyphIndex {
  let ix = indexes.get(glyphs);
  if (ix) return ix;
  const n = glyphs.length;
  const cx = new Float64Array(n),
    cy = new Float64Array(n),
    block = new Int32Array(n);
  const ids = new Map<string, number>();
  const blocks: number[][] = [];
  const blockFirst: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = glyphs[i];
    const c = centre(g.box);
    cx[i] = c.x;
    cy[i] = c.y;
    const key = `${g.article}\u0000${g.block}`;
    let b = ids.get(key);
    if (b === undefined) {
      ids.set(key, (b = blocks.length));
      blocks.push([]);
      blockFirst.push(i);
    }
    block[i] = b;
    blocks[b].push(i);
  }
  for (const list of blocks) list.sort((a, b) => glyphs[a].offset - glyphs[b].offset);
  // NaN centres (never hit: `inside` is false for them) go last, out of every band.
  const byY = Array.from({ length: n }, (_, i) => i)
    .filter((i) => !Number.isNaN(cy[i]))
    .sort((a, b) => cy[a] - cy[b]);
  ix = { cx, cy, byY, block, blocks, blockFirst };
  indexes.set(glyphs, ix);
  return ix;
}

/** The first position in `order` whose centre y is at or below `y` (not above it). */
function firstAtOrBelow(cy: Float64Array, order: number[], y: number): number {
  let lo = 0,
    hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cy[order[mid]] >= y) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Where a caret points: the boundary between two characters nearest the apex of the caret, which
 * readers draw at the top-centre of the annotation's rectangle, on or just under the baseline.
 */
export function caretPoint(glyphs: PageGlyph[], rect: PageRect): Span | null {
  const apex = { x: rect.x + rect.w / 2, y: rect.y };
  const mid = centre(rect);
  let best: PageGlyph | null = null;
  let bestD = Infinity;
  for (const g of glyphs) {
    // The apex decides the line; the rectangle's middle breaks ties for a caret drawn low.
    const d = Math.min(distance(apex, g.box), distance(mid, g.box) + 0.01);
    if (d < bestD) {
      bestD = d;
      best = g;
    }
  }
  if (!best || bestD > CARET_REACH * best.size) return null;
  const c = centre(best.box);
  const after = best.vertical ? apex.y > c.y : apex.x > c.x;
  const at = after ? best.offset + best.length : best.offset;
  return { article: best.article, block: best.block, start: at, end: at };
}

/** The text a note's anchor (its top-left corner, where the reader clicked) sits on or beside. */
function notePoint(glyphs: PageGlyph[], rect: PageRect): Span | null {
  const p = { x: rect.x, y: rect.y };
  let best: PageGlyph | null = null;
  let bestD = Infinity;
  for (const g of glyphs) {
    const d = distance(p, g.box);
    if (d < bestD) {
      bestD = d;
      best = g;
    }
  }
  if (!best || bestD > NOTE_REACH * best.size) return null;
  return { article: best.article, block: best.block, start: best.offset, end: best.offset + best.length };
}

type Texts = (article: string, block: number) => string;

function textsOf(edition: Edition): Texts {
  const cache = new Map<string, string>();
  return (article, block) => {
    const k = `${article}\u0000${block}`;
    let t = cache.get(k);
    if (t === undefined) {
      const b = edition.articles.find((a) => a.id === article)?.blocks[block];
      t = b ? blockText(b.children) : '';
      cache.set(k, t);
    }
    return t;
  };
}

const TEXT_MARKUP = new Set(['Highlight', 'Underline', 'Squiggly', 'StrikeOut']);

/**
 * Turns a page's annotations into marks on articles. Grouping follows Acrobat: a Caret with a
 * StrikeOut grouped to it (RT /Group, IRT → caret) is one replacement; replies (RT /R) are a thread
 * under their mark; a reply with a review state sets the mark's state.
 */
export function mapPageAnnotations(
  edition: Edition,
  page: DisplayPage,
  annotations: ProofAnnotation[],
): PageMarks {
  const glyphs = pageGlyphs(page);
  const texts = textsOf(edition);
  const byId = new Map(annotations.map((a) => [a.id, a]));
  const groupedTo = new Map<string, ProofAnnotation>(); // caret id → its strike-out
  const replies = new Map<string, ProofAnnotation[]>();
  for (const a of annotations) {
    if (!a.inReplyTo || !byId.has(a.inReplyTo)) continue;
    if (a.replyType === 'Group') {
      if (a.subtype === 'StrikeOut' && byId.get(a.inReplyTo)!.subtype === 'Caret')
        groupedTo.set(a.inReplyTo, a);
    } else {
      let list = replies.get(a.inReplyTo);
      if (!list) replies.set(a.inReplyTo, (list = []));
      list.push(a);
    }
  }
  const consumed = new Set<string>([...groupedTo.values()].map((a) => a.id));

  const marks: ProofMark[] = [];
  const unplaced: UnplacedMark[] = [];
  const unplace = (a: ProofAnnotation, at: PageRect, reason: string, note = a.contents) =>
    unplaced.push({
      id: `${page.number}:${a.id}`,
      page: page.number,
      subtype: a.subtype,
      at,
      note,
      author: a.author,
      date: a.date,
      color: colorHex(a.color),
      reason,
    });

  for (const a of annotations) {
    if (consumed.has(a.id)) continue;
    // A reply belongs to its mark; a reply whose mark is missing is still somebody's note.
    if (a.inReplyTo && byId.has(a.inReplyTo) && a.replyType !== 'Group') continue;
    if (a.subtype === 'Popup') continue; // the window that shows a markup's note, not a mark

    const thread = replies.get(a.id) ?? [];
    const stateReply = [...thread].reverse().find((r) => r.state);
    const state: ProofMark['state'] = !stateReply
      ? 'open'
      : /^(Rejected|Cancelled)$/.test(stateReply.state!)
        ? 'rejected'
        : /^(Accepted|Completed)$/.test(stateReply.state!)
          ? 'accepted'
          : 'open';
    const threadNotes: ProofReply[] = thread
      .filter((r) => !r.state && r.contents.trim())
      .map((r) => ({ author: r.author, date: r.date, text: r.contents }));

    let kind: ProofMarkKind;
    let spans: Span[];
    let replacement: string | null = null;
    let note = a.contents;
    const strike = groupedTo.get(a.id);
    if (a.subtype === 'Caret' && strike) {
      kind = 'replace';
      replacement = a.contents;
      note = '';
      spans = coveredSpans(glyphs, strike.quads.length ? strike.quads : [strike.rect]);
      if (!spans.length) {
        unplace(
          a,
          strike.rect,
          'the struck-out text of this replacement covers no article text',
          `改正为「${a.contents}」`,
        );
        continue;
      }
    } else if (a.subtype === 'Caret') {
      kind = 'insert';
      replacement = a.contents;
      note = '';
      const at = caretPoint(glyphs, a.rect);
      if (!at) {
        unplace(
          a,
          a.rect,
          'the insertion caret is not between characters of an article',
          `增补「${a.contents}」`,
        );
        continue;
      }
      spans = [at];
    } else if (TEXT_MARKUP.has(a.subtype)) {
      kind = a.subtype === 'StrikeOut' ? 'delete' : 'query';
      // A note or reply carrying the new text makes it a replacement (./replacement.ts).
      if (a.subtype === 'StrikeOut' || a.subtype === 'Highlight') {
        const r = replacementOf(a.subtype, a.contents, threadNotes);
        if (r != null) {
          kind = 'replace';
          replacement = r;
        }
      }
      spans = coveredSpans(glyphs, a.quads.length ? a.quads : [a.rect]);
      if (!spans.length) {
        unplace(a, a.rect, `the ${a.subtype} covers no article text`);
        continue;
      }
    } else if (a.subtype === 'Text' || a.subtype === 'FreeText') {
      kind = 'note';
      // A text box laid over the copy names what it covers; a sticky note names where it was put.
      const over = a.subtype === 'FreeText' ? coveredSpans(glyphs, [a.rect]) : [];
      const at = over.length ? over : [notePoint(glyphs, a.rect)].filter((s): s is Span => s !== null);
      if (!at.length) {
        if (a.contents.trim() || threadNotes.length)
          unplace(a, a.rect, 'the note is not on or beside any article text');
        continue;
      }
      spans = at.slice(0, 1);
    } else {
      unplace(a, a.rect, `${a.subtype} marks are not read as text edits; see the proof`);
      continue;
    }

    spans.forEach((s, i) => {
      const text = texts(s.article, s.block);
      const start = Math.min(s.start, text.length);
      const end = Math.min(s.end, text.length);
      const m: ProofMark = {
        id: spans.length > 1 ? `${page.number}:${a.id}#${i + 1}` : `${page.number}:${a.id}`,
        // The rest of a replacement that ran over into another block is struck out there.
        kind: kind === 'replace' && i > 0 ? 'delete' : kind,
        page: page.number,
        article: s.article,
        block: s.block,
        start,
        end,
        text: text.slice(start, end),
        replacement: kind === 'replace' && i > 0 ? null : replacement,
        note,
        author: a.author,
        date: a.date,
        color: colorHex(a.color),
        round: roundOf(a.color),
        state,
        context: {
          before: text.slice(Math.max(0, start - CONTEXT), start),
          after: text.slice(end, end + CONTEXT),
        },
        replies: threadNotes,
      };
      if (spans.length > 1) m.part = { index: i + 1, of: spans.length };
      marks.push(m);
    });
  }
  return { marks, unplaced };
}
