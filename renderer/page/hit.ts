// From the page back to the text (design invariant 3): which character a click lands on, and which
// glyphs an editor selection covers. Works on the display list alone.
import type { DisplayPage, GlyphRun, PlacedGlyph, SourceRef } from '../../engine/display/types';

/** Roles whose glyphs come from article text (master items and marks do not). */
const TEXT_ROLES = new Set<GlyphRun['role']>([
  'body',
  'headline',
  'kicker',
  'subhead',
  'crosshead',
  'dateline',
  'byline',
  'source',
  'caption',
]);

export interface GlyphBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function glyphBox(run: GlyphRun, g: PlacedGlyph): GlyphBox {
  if (run.vertical) return { x: run.x + g.x - run.size / 2, y: run.y + g.y, w: run.size, h: g.advance };
  // The em box of a CJK face: 0.88 em above the baseline, 0.12 em below.
  return { x: run.x + g.x, y: run.y + g.y - run.size * 0.88, w: g.advance, h: run.size };
}

export interface Hit {
  src: SourceRef;
  /** The caret goes after the character when the click is on its far half. */ after: boolean;
  length: number;
}

/** The source position under a point (trim-relative points), or null off the text. */
export function hitTest(page: DisplayPage, x: number, y: number): Hit | null {
  let best: { hit: Hit; d: number } | null = null;
  for (const it of page.items) {
    if (it.kind !== 'glyphs' || !TEXT_ROLES.has(it.role)) continue;
    for (const g of it.glyphs) {
      const b = glyphBox(it, g);
      // Inside the glyph box, or within half a gap of it (justification spaces, line gaps).
      const dx = x < b.x ? b.x - x : x > b.x + b.w ? x - (b.x + b.w) : 0;
      const dy = y < b.y ? b.y - y : y > b.y + b.h ? y - (b.y + b.h) : 0;
      const d = dx + dy * 2;
      if (d > it.size * 0.5) continue;
      if (!best || d < best.d) {
        const after = it.vertical ? y > b.y + b.h / 2 : x > b.x + b.w / 2;
        best = { hit: { src: g.src, after, length: g.text.length }, d };
        if (d === 0) return best.hit;
      }
    }
  }
  return best?.hit ?? null;
}

export interface SourceSpan {
  article: string;
  block: number;
  start: number;
  end: number;
}

/** Glyph boxes of the text between two source positions of one article (blocks in order). */
export function spanBoxes(
  page: DisplayPage,
  from: { article: string; block: number; offset: number },
  to: { block: number; offset: number },
): GlyphBox[] {
  const out: GlyphBox[] = [];
  const before = (b: number, o: number, b2: number, o2: number) => b < b2 || (b === b2 && o < o2);
  for (const it of page.items) {
    if (it.kind !== 'glyphs' || !TEXT_ROLES.has(it.role)) continue;
    for (const g of it.glyphs) {
      const s = g.src;
      if (s.article !== from.article) continue;
      if (before(s.block, s.offset, from.block, from.offset)) continue;
      if (!before(s.block, s.offset, to.block, to.offset)) continue;
      out.push(glyphBox(it, g));
    }
  }
  return out;
}

/** Where a caret at a source position stands on the page: a thin box at the glyph's leading edge. */
export function caretBox(
  page: DisplayPage,
  at: { article: string; block: number; offset: number },
): GlyphBox | null {
  let prev: { run: GlyphRun; g: PlacedGlyph } | null = null;
  for (const it of page.items) {
    if (it.kind !== 'glyphs' || !TEXT_ROLES.has(it.role)) continue;
    for (const g of it.glyphs) {
      if (g.src.article !== at.article || g.src.block !== at.block) continue;
      if (g.src.offset === at.offset) {
        const b = glyphBox(it, g);
        return it.vertical ? { x: b.x, y: b.y, w: b.w, h: 0 } : { x: b.x, y: b.y, w: 0, h: b.h };
      }
      if (g.src.offset < at.offset && (!prev || g.src.offset > prev.g.src.offset)) prev = { run: it, g };
    }
  }
  if (!prev) return null;
  const b = glyphBox(prev.run, prev.g);
  return prev.run.vertical ? { x: b.x, y: b.y + b.h, w: b.w, h: 0 } : { x: b.x + b.w, y: b.y, w: 0, h: b.h };
}
