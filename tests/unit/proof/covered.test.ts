// coveredSpans indexes a page's glyphs once (centres by y, blocks by offset) so that thousands of marks
// cost about linear time; what it answers must be exactly what the straightforward scan answered.
import { describe, expect, it } from 'vitest';
import { coveredSpans, type PageGlyph } from '../../../engine/proof/map';
import type { PageRect } from '../../../engine/proof/types';

/** The scan coveredSpans was before the index: every glyph against every quad. */
function reference(glyphs: PageGlyph[], quads: PageRect[]) {
  const centre = (r: PageRect) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });
  const inside = (p: { x: number; y: number }, r: PageRect) =>
    p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h;
  const hit = new Set<PageGlyph>();
  for (const g of glyphs) if (quads.some((q) => inside(centre(g.box), q))) hit.add(g);
  if (!hit.size) return [];
  const key = (g: PageGlyph) => `${g.article}\u0000${g.block}`;
  const hitBlocks = new Set([...hit].map(key));
  const byBlock = new Map<string, PageGlyph[]>();
  for (const g of glyphs) {
    if (!hitBlocks.has(key(g))) continue;
    if (!byBlock.has(key(g))) byBlock.set(key(g), []);
    byBlock.get(key(g))!.push(g);
  }
  const spans: { article: string; block: number; start: number; end: number }[] = [];
  for (const list of byBlock.values()) {
    list.sort((a, b) => a.offset - b.offset);
    let cur: (typeof spans)[number] | null = null;
    for (const g of list) {
      if (!hit.has(g)) {
        if (cur) {
          spans.push(cur);
          cur = null;
        }
        continue;
      }
      if (cur) cur.end = Math.max(cur.end, g.offset + g.length);
      else cur = { article: g.article, block: g.block, start: g.offset, end: g.offset + g.length };
    }
    if (cur) spans.push(cur);
  }
  const first = (s: (typeof spans)[number]) =>
    glyphs.findIndex(
      (g) =>
        hit.has(g) &&
        g.article === s.article &&
        g.block === s.block &&
        g.offset >= s.start &&
        g.offset < s.end,
    );
  return spans.sort((a, b) => first(a) - first(b));
}

/** A small deterministic generator, so a failure names its seed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('coveredSpans', () => {
  it('answers exactly as the straightforward scan on 300 random pages of glyphs and marks', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = random(seed);
      const glyphs: PageGlyph[] = [];
      // Lines of glyphs in columns, blocks running across lines, some glyphs repeated or out of order.
      const n = 20 + Math.floor(r() * 300);
      for (let i = 0; i < n; i++) {
        const line = Math.floor(i / 12),
          col = Math.floor(r() * 3);
        const size = 9 + Math.floor(r() * 3);
        glyphs.push({
          article: `a${Math.floor(r() * 3)}`,
          block: Math.floor(i / 40),
          offset: Math.floor(r() < 0.1 ? r() * n : i),
          length: 1 + Math.floor(r() * 2),
          box: { x: col * 200 + (i % 12) * size, y: line * 14 + (r() < 0.05 ? 0.5 : 0), w: size, h: size },
          vertical: false,
          size,
        });
      }
      for (let m = 0; m < 20; m++) {
        const quads: PageRect[] = Array.from({ length: 1 + Math.floor(r() * 3) }, () => ({
          x: r() * 600,
          y: r() * ((n / 12) * 14),
          w: r() * 150,
          h: r() < 0.2 ? 0 : r() * 30,
        }));
        expect(coveredSpans(glyphs, quads), `seed ${seed} mark ${m}`).toEqual(reference(glyphs, quads));
      }
    }
  });
});
