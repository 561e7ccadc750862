// Shared by the layout tests: real fonts and templates, small editions built in code, and the checks
// a typesetter would make of a page (everything in its place, on the grid, nothing lost).
import { expect } from 'vitest';
import type { DisplayPage, GlyphRun } from '../../engine/display/types';
import { EM_ASCENT, PageGrid } from '../../engine/layout';
import type { Article, Block, Edition, GridRect, Placement } from '../../engine/model/types';
import type { Template } from '../../engine/templates';
import { fontkitFont, loadFontSet } from '../../electron/services/fonts';
import { loadTemplates } from '../../electron/services/templates';

export const fonts = loadFontSet();
export const templates = loadTemplates();
export const ctx = { fonts, templates };

export const R = (
  col: number,
  cols: number,
  line: number,
  lines: number,
  extra: Partial<GridRect> = {},
): GridRect => ({ col, cols, line, lines, ...extra });

export function article(
  id: string,
  blocks: [Block['type'], string][],
  photoAsset: string | null = null,
): Article {
  return {
    id,
    slug: id,
    status: 'draft',
    blocks: blocks.map(([type, text]) =>
      type === 'photo' ? { type, asset: photoAsset, children: [{ text }] } : { type, children: [{ text }] },
    ),
  };
}

export function edition(
  articles: Article[],
  placements: Placement[],
  template = 'sikai',
  extraPages: Placement[][] = [],
): Edition {
  return {
    schemaVersion: 1,
    id: 'test',
    paper: { name: '徐汇报' },
    date: '2023-02-17',
    issue: 12,
    totalIssue: 3456,
    pages: [placements, ...extraPages].map((pl, i) => ({
      id: `p${i + 1}`,
      number: i + 1,
      section: i === 0 ? '要闻' : '综合新闻',
      template,
      placements: pl,
    })),
    articles,
    assets: [],
  };
}

/** Text of a paragraph of `n` characters in the body's mix (Han, punctuation, digits). */
export function copy(n: number, seed = 1): string {
  const pool = '区委书记主持会议强调要坚持以人民为中心推动高质量发展加快建设现代化城区营商环境持续优化';
  let s = '';
  let i = seed * 7;
  while (s.length < n) {
    s += pool[i % pool.length];
    i += 3;
    if (s.length % 23 === 22) s += '，';
    if (s.length % 41 === 40) s += '2023年';
  }
  return s.slice(0, n - 1) + '。';
}

export function articleRuns(page: DisplayPage, id: string): GlyphRun[] {
  return page.items.filter(
    (i): i is GlyphRun =>
      i.kind === 'glyphs' &&
      i.role !== 'master' &&
      i.role !== 'placeholder' &&
      i.glyphs.some((g) => g.src.article === id),
  );
}

export interface GlyphBox {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The em box a glyph occupies on the page. */
export function glyphBox(run: GlyphRun, g: GlyphRun['glyphs'][number]): GlyphBox {
  if (run.vertical) {
    const cx = run.x;
    return {
      x0: cx - run.size / 2,
      x1: cx + run.size / 2,
      y0: run.y + (g.rotate ? g.y : g.y - run.size * EM_ASCENT),
      y1: run.y + (g.rotate ? g.y + g.advance : g.y - run.size * EM_ASCENT + run.size),
    };
  }
  // Across the line, the ink: punctuation set in half an em (标点挤压) has an em-wide glyph box of
  // which only the inked half must stay in the column.
  const x = run.x + g.x;
  const bbox = fontkitFont(run.face).getGlyph(g.gid).bbox;
  const s = run.size / fontkitFont(run.face).unitsPerEm;
  return {
    x0: x + Math.max(0, bbox.minX) * s,
    x1: x + Math.max(bbox.maxX * s, 0),
    y0: run.y + g.y - run.size * EM_ASCENT,
    y1: run.y + g.y + run.size * (1 - EM_ASCENT),
  };
}

export const inside = (b: GlyphBox, r: { x: number; y: number; w: number; h: number }, tol = 0.05): boolean =>
  b.x0 >= r.x - tol && b.x1 <= r.x + r.w + tol && b.y0 >= r.y - tol && b.y1 <= r.y + r.h + tol;

/** Every non-space character of every block of `a`: drawn exactly once, or in the overset, never both. */
export function expectNothingLost(page: DisplayPage, a: Article): void {
  const seen = new Map<string, number>();
  for (const run of articleRuns(page, a.id)) {
    for (const g of run.glyphs) {
      if (g.src.article !== a.id) continue;
      for (let k = 0; k < g.text.length; k++) {
        const key = `${g.src.block}:${g.src.offset + k}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
    }
  }
  const fit = page.fits.find((f) => f.article === a.id)!;
  for (const o of fit.overset ?? []) {
    for (let k = 0; k < o.text.length; k++) {
      const key = `${o.block}:${o.offset + k}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  }
  const missing = new Set(
    page.missing
      .filter((m) => m.article === a.id)
      .flatMap((m) => [...Array(m.char.length).keys()].map((k) => `${m.block}:${m.offset + k}`)),
  );
  const lost: string[] = [];
  const twice: string[] = [];
  a.blocks.forEach((b, bi) => {
    const text = b.children.map((l) => l.text).join('');
    for (let i = 0; i < text.length; i++) {
      if (/\s/.test(text[i])) continue;
      const n = seen.get(`${bi}:${i}`) ?? 0;
      if (n === 0 && !missing.has(`${bi}:${i}`)) lost.push(`block ${bi} offset ${i} "${text[i]}"`);
      if (n > 1) twice.push(`block ${bi} offset ${i} "${text[i]}"`);
    }
  });
  expect(lost.slice(0, 5), `characters of ${a.id} neither drawn nor overset`).toEqual([]);
  expect(twice.slice(0, 5), `characters of ${a.id} drawn twice`).toEqual([]);
  // The overset string is exactly the overset stretches, in block order.
  expect(fit.oversetText).toBe((fit.overset ?? []).map((o) => o.text).join(''));
}

/** Body lines sit on the baseline grid: the same rows in every column of the page. */
export function expectOnBaselineGrid(page: DisplayPage, t: Template): void {
  const grid = new PageGrid(t);
  for (const it of page.items) {
    if (it.kind !== 'glyphs' || it.role !== 'body' || it.size !== t.body.size) continue;
    const row = (it.y - grid.baseline(0, t.body.size)) / t.body.pitch;
    expect(Math.abs(row - Math.round(row)), `body run at y=${it.y} is off the grid`).toBeLessThan(1e-6);
  }
}

export function areaRects(t: Template, pl: Placement): { x: number; y: number; w: number; h: number }[] {
  const g = new PageGrid(t);
  return [...pl.regions, ...pl.photos.map((p) => p.area), ...(pl.headline ? [pl.headline.area] : [])].map(
    (r) => g.rect(r),
  );
}

/** No glyph of an article outside its placement's areas, nor outside the type area. */
export function expectInsideAreas(page: DisplayPage, t: Template, placements: Placement[]): void {
  for (const pl of placements) {
    const rects = areaRects(t, pl);
    for (const run of articleRuns(page, pl.article)) {
      for (const g of run.glyphs) {
        const b = glyphBox(run, g);
        expect(inside(b, page.typeArea), `${pl.article} glyph "${g.text}" outside the type area`).toBe(true);
        expect(
          rects.some((r) => inside(b, r)),
          `${pl.article} glyph "${g.text}" at ${b.x0.toFixed(1)},${b.y0.toFixed(1)} outside its areas`,
        ).toBe(true);
      }
    }
  }
}
