// Display lists for painter tests, set with the real composer and real glyph ids: the sample
// page's articles poured into four columns of 17 em. A stand-in for page layout, so the painter
// is tested on what it will really get (runs per line, source offsets, justified positions).
import { composeParagraph } from '../../engine/compose';
import type { StyledRun } from '../../engine/compose/types';
import {
  BLACK,
  type DisplayItem,
  type DisplayList,
  type DisplayPage,
  type GlyphRun,
} from '../../engine/display/types';
import type { Article, Asset, Edition } from '../../engine/model/types';
import { mmToPt } from '../../engine/units';
import { loadFontSet } from '../../electron/services/fonts';

import { samplePageArticles as sampleArticles } from './sample-page';

export { sampleArticles };

export function sampleEdition(pages = 1): Edition {
  const articles: Article[] = sampleArticles().map((a) => ({
    id: a.id,
    slug: a.headline ?? a.paragraphs[0].slice(0, 12),
    status: 'final',
    blocks: [
      { type: 'headline', children: [{ text: a.headline ?? '' }] },
      ...a.paragraphs.map((p) => ({ type: 'paragraph' as const, children: [{ text: p }] })),
    ],
  }));
  return {
    schemaVersion: 1,
    id: 'sample',
    paper: { name: '徐汇报' },
    date: '2023-02-16',
    issue: 7,
    pages: Array.from({ length: pages }, (_, i) => ({
      id: `p${i + 1}`,
      number: i + 1,
      section: i === 0 ? '要闻' : '综合新闻',
      template: 'sikai',
      placements: articles.map((a) => ({ article: a.id, regions: [], photos: [] })),
    })),
    articles,
    assets: [],
  };
}

const BODY = 9;
const PITCH = 13.5;

/** Sets one paragraph and returns its lines as glyph runs, one per line and face. */
function setParagraph(
  runs: StyledRun[],
  measure: number,
  indent: number,
  align: 'justify' | 'center',
  role: GlyphRun['role'],
): { runs: GlyphRun[]; height: number; size: number }[] {
  const fonts = loadFontSet();
  const para = composeParagraph(runs, { em: runs[0].size, measure, indent, align }, fonts);
  return para.lines.map((line) => {
    const out: GlyphRun[] = [];
    for (const g of line.glyphs) {
      let run = out[out.length - 1];
      if (!run || run.face !== g.face || run.size !== g.size) {
        run = {
          kind: 'glyphs',
          face: g.face,
          size: g.size,
          color: BLACK,
          overprint: true,
          x: 0,
          y: 0,
          vertical: false,
          glyphs: [],
          role,
        };
        out.push(run);
      }
      run.glyphs.push({ gid: g.gid, text: g.text, x: g.x, y: 0, advance: g.advance, src: g.src });
    }
    // Lines keep to the baseline grid, as on a newspaper page: a larger size takes whole grid lines.
    return {
      runs: out,
      height: Math.ceil((line.ascent + line.descent) / PITCH - 0.01) * PITCH,
      size: runs[0].size,
    };
  });
}

/** A page of the sample: headlines across a column, text down four columns of 17 em. */
export function samplePage(number = 1, articles = sampleArticles()): DisplayPage {
  const width = mmToPt(260),
    height = mmToPt(370);
  const colW = 17 * BODY,
    gutter = BODY * 1.5;
  const typeArea = {
    x: (width - (4 * colW + 3 * gutter)) / 2,
    y: mmToPt(22),
    w: 4 * colW + 3 * gutter,
    h: mmToPt(330),
  };
  const items: DisplayItem[] = [];
  let col = 0;
  let y = typeArea.y;
  const place = (lines: ReturnType<typeof setParagraph>) => {
    for (const line of lines) {
      if (y + line.height > typeArea.y + typeArea.h) {
        col++;
        y = typeArea.y;
      }
      y += line.height;
      const x = typeArea.x + col * (colW + gutter);
      for (const r of line.runs) items.push({ ...r, x: x, y: y - (line.height - line.size) / 2 });
    }
  };
  for (const a of articles) {
    if (a.headline)
      place(
        setParagraph(
          [
            {
              text: a.headline,
              face: 'noto-serif-sc-700',
              size: 16,
              src: { article: a.id, block: 0, offset: 0 },
            },
          ],
          colW,
          0,
          'center',
          'headline',
        ),
      );
    y += PITCH;
    a.paragraphs.forEach((p, i) => {
      const runs: StyledRun[] = [];
      if (i === 0 && a.dateline)
        runs.push({
          text: a.dateline + '　',
          face: 'noto-sans-sc-500',
          size: BODY,
          src: { article: a.id, block: -1, offset: 0 },
        });
      runs.push({
        text: p,
        face: 'noto-serif-sc-400',
        size: BODY,
        src: { article: a.id, block: i + 1, offset: 0 },
      });
      place(setParagraph(runs, colW, 2, 'justify', 'body'));
    });
    items.push({
      kind: 'rule',
      x1: typeArea.x + col * (colW + gutter),
      y1: y + 4,
      x2: typeArea.x + col * (colW + gutter) + colW,
      y2: y + 4,
      width: 0.5,
      color: BLACK,
      overprint: true,
    });
    y += PITCH;
  }
  return {
    number,
    section: number === 1 ? '要闻' : '综合新闻',
    width,
    height,
    bleed: mmToPt(3),
    typeArea,
    items,
    fits: [],
    missing: [],
  };
}

export function sampleDisplayList(pages = 1): DisplayList {
  return {
    version: 1,
    edition: { paper: '徐汇报', date: '2023-02-16', issue: 7 },
    pages: Array.from({ length: pages }, (_, i) => samplePage(i + 1)),
  };
}

/** A display list of these pages under the sample's paper, date and issue. */
export const sampleListOf = (...pages: DisplayPage[]): DisplayList => ({
  version: 1,
  edition: { paper: '徐汇报', date: '2023-02-16', issue: 7 },
  pages,
});

/** The sample's first page holding only these items (photos, for the painter and preflight). */
export const samplePageWith = (...items: DisplayItem[]): DisplayPage => ({ ...samplePage(1), items });

/** The one-page sample edition carrying these assets. */
export const sampleEditionWith = (...assets: Asset[]): Edition => ({ ...sampleEdition(1), assets });
