// Pages built at random (from a fixed seed, so a failure is repeatable): whatever the copy and the
// placements, every glyph stays in its areas and on the grid, and no character is lost.
import { describe, expect, it } from 'vitest';
import { layoutEdition } from '../../../engine/layout';
import type { Article, Block, Placement } from '../../../engine/model/types';
import {
  R,
  ctx,
  edition,
  expectInsideAreas,
  expectNothingLost,
  expectOnBaselineGrid,
  templates,
} from '../../support/layout';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

const PIECES = [
  '徐汇区',
  '学习强国',
  '，',
  '。',
  '、',
  '“两新”',
  '（来源：区金融办）',
  '2023年',
  '3.89%',
  'GDP',
  'Shanghai West Bund',
  '——',
  '……',
  '《行动方案》',
  '100-1=0',
  ' ',
  '科创金融',
  '𠀀',
  '\u{E000}',
];

function text(r: () => number, n: number): string {
  let s = '';
  while (s.length < n) s += PIECES[Math.floor(r() * PIECES.length)];
  return s;
}

describe('random pages', () => {
  for (let seed = 1; seed <= 24; seed++) {
    it(`seed ${seed}`, () => {
      const r = rng(seed);
      const tplId = seed % 3 === 0 ? 'duikai' : 'sikai';
      const t = templates[tplId];
      const cols = t.grid.columns;
      const top = t.masthead?.lines ?? 0;
      const articles: Article[] = [];
      const placements: Placement[] = [];
      const n = 1 + Math.floor(r() * 3);
      for (let i = 0; i < n; i++) {
        const id = `r${i}`;
        const blocks: Block[] = [];
        if (r() < 0.6) blocks.push({ type: 'kicker', children: [{ text: text(r, 6) }] });
        blocks.push({ type: 'headline', children: [{ text: text(r, 8 + Math.floor(r() * 20)) }] });
        if (r() < 0.5) blocks.push({ type: 'subhead', children: [{ text: text(r, 12) }] });
        if (r() < 0.7) blocks.push({ type: 'dateline', children: [{ text: '本报讯' }] });
        const paras = 1 + Math.floor(r() * 5);
        for (let k = 0; k < paras; k++) {
          const leaves = [
            { text: text(r, 20 + Math.floor(r() * 250)) },
            { text: text(r, 10), bold: true as const },
            { text: '' },
          ];
          blocks.push({ type: r() < 0.15 ? 'crosshead' : 'paragraph', children: leaves });
        }
        if (r() < 0.5) blocks.push({ type: 'photo', asset: null, children: [{ text: text(r, 30) }] });
        if (r() < 0.4) blocks.push({ type: 'source', children: [{ text: '（来源：新华社）' }] });
        articles.push({ id, slug: id, status: 'draft', blocks });
        // Each article gets its own band of lines so placements do not overlap.
        const band = Math.floor((t.grid.lines - top) / n);
        const line = top + i * band;
        const w = 1 + Math.floor(r() * Math.min(3, cols));
        const col = Math.floor(r() * (cols - w + 1));
        const vertical = r() < 0.25 && w > 1;
        const pl: Placement = { article: id, regions: [], photos: [] };
        const headLines = 3 + Math.floor(r() * 2);
        if (r() < 0.2) {
          // No headline area: the headline blocks run at the head of the text, on whole rows.
          pl.regions.push(R(col, w, line, band - 1));
        } else if (vertical) {
          pl.headline = {
            area: R(col, 1, line, band - 1, { indentLeft: 10 }),
            orientation: 'vertical',
            align: r() < 0.5 ? 'left' : 'center',
          };
          pl.regions.push(R(col + 1, w - 1 || 1, line, band - 1));
          if (w - 1 === 0) pl.regions[0].col = col;
        } else {
          pl.headline = {
            area: R(col, w, line, headLines),
            orientation: 'horizontal',
            align: r() < 0.5 ? 'left' : 'center',
          };
          const rest = band - headLines - 1;
          if (rest > 2)
            pl.regions.push(
              R(col, w, line + headLines, Math.ceil(rest / 2)),
              R(
                col,
                w,
                line + headLines + Math.ceil(rest / 2),
                Math.floor(rest / 2),
                r() < 0.5 ? { indentLeft: 3 } : {},
              ),
            );
        }
        const photo = blocks.findIndex((b) => b.type === 'photo');
        if (photo >= 0 && r() < 0.7 && pl.regions.length) {
          const reg = pl.regions[pl.regions.length - 1];
          if (reg.lines > 4) {
            pl.photos.push({ block: photo, area: { ...reg, lines: 4 }, fit: 'fill', captionLines: 1 });
            pl.regions[pl.regions.length - 1] = { ...reg, line: reg.line + 4, lines: reg.lines - 4 };
          }
        }
        if (r() < 0.3) pl.box = { inset: 1 };
        if (r() < 0.3) pl.balance = true;
        placements.push(pl);
      }
      const ed = edition(articles, placements, tplId);
      const list = layoutEdition(ed, ctx);
      const page = list.pages[0];
      expectInsideAreas(page, t, placements);
      expectOnBaselineGrid(page, t);
      for (const a of articles) expectNothingLost(page, a);
      for (const f of page.fits) {
        expect(f.oversetLines >= 0 && f.undersetLines >= 0).toBe(true);
        expect(f.linesUsed).toBeLessThanOrEqual(f.linesAvailable);
        if (f.oversetChars > 0)
          expect(page.items.some((i) => i.kind === 'overset' && i.article === f.article)).toBe(true);
      }
      expect(JSON.stringify(layoutEdition(JSON.parse(JSON.stringify(ed)), ctx))).toBe(JSON.stringify(list));
    });
  }
});
