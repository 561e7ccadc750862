// Layout runs on every keystroke in the app: the sample page and a full 对开 edition, warm (the
// paragraphs already composed, as between keystrokes), with one paragraph edited per run, and cold.
import type { Bench } from './harness';
import type { FontSet } from '../engine/fonts/metrics';
import { layoutEdition, layoutPage } from '../engine/layout';
import type { Article, Edition, Placement } from '../engine/model/types';
import { loadFontSet } from '../electron/services/fonts';
import { loadSampleEdition } from '../electron/services/sample';
import { loadTemplates } from '../electron/services/templates';

const POOL =
  '区委书记主持会议强调要坚持以人民为中心推动高质量发展加快建设现代化城区营商环境持续优化科创金融赋能区域发展银行代表结合各自发展理念业务开展';

function copy(n: number, seed: number): string {
  let s = '';
  let i = seed * 13;
  while (s.length < n) {
    s += POOL[i % POOL.length];
    i += 7;
    if (s.length % 19 === 18) s += '，';
    if (s.length % 53 === 52) s += `${2000 + (i % 24)}年`;
  }
  return s.slice(0, n - 1) + '。';
}

/** Eight 对开 pages, 60 articles of 820–1,020 characters each with headline, dateline and 4 paragraphs. */
export function broadsheetEdition(): Edition {
  const articles: Article[] = [];
  const pages: Edition['pages'] = [];
  let n = 0;
  for (let p = 1; p <= 8; p++) {
    const count = p <= 4 ? 8 : 7;
    const top = p === 1 ? 13 : 0;
    const rows = 102 - top;
    const placements: Placement[] = [];
    for (let k = 0; k < count; k++) {
      const id = `s${++n}`;
      const len = 820 + ((n * 37) % 200);
      articles.push({
        id,
        slug: id,
        status: 'draft',
        blocks: [
          { type: 'headline', children: [{ text: `${copy(3, n).slice(0, 2)}推出${n}项举措` }] },
          { type: 'dateline', children: [{ text: '本报讯' }] },
          ...[0, 1, 2, 3].map((q) => ({
            type: 'paragraph' as const,
            children: [{ text: copy(len / 4, n * 5 + q) }],
          })),
        ],
      });
      // Four stacks of two columns; an eighth article spans the foot of the page.
      const col = (k % 4) * 2;
      const half = Math.floor(rows / 2);
      const line = top + (k < 4 ? 0 : half);
      placements.push({
        article: id,
        headline: { area: { col, cols: 2, line, lines: 3 }, orientation: 'horizontal', align: 'center' },
        regions: [{ col, cols: 2, line: line + 3, lines: half - 3 }],
        photos: [],
      });
    }
    pages.push({
      id: `p${p}`,
      number: p,
      section: p === 1 ? '要闻' : '综合新闻',
      template: 'duikai',
      placements,
    });
  }
  return {
    schemaVersion: 1,
    id: 'bench',
    paper: { name: '徐汇报' },
    date: '2023-02-17',
    issue: 1,
    totalIssue: 1000,
    pages,
    articles,
    assets: [],
  };
}

/** The broadsheet edition with each page's first story continued on the next page (转版), in place of
 *  that page's second story, so every page but the last hands text on and takes it over. */
export function jumpedBroadsheetEdition(): Edition {
  const ed = broadsheetEdition();
  for (let p = 0; p < ed.pages.length - 1; p++) {
    const first = ed.pages[p].placements[0];
    const next = ed.pages[p + 1];
    const taken = next.placements.splice(1, 1)[0];
    first.regions[0] = { ...first.regions[0], lines: Math.floor(first.regions[0].lines / 2) };
    first.continuesOn = { page: next.number };
    next.placements.push({ article: first.article, regions: taken.regions, photos: [] });
  }
  return ed;
}

/** The same faces behind a new object: the composition cache, kept per font set, starts empty. */
function coldFonts(fonts: FontSet): FontSet {
  return { face: (id) => fonts.face(id), fallbackChain: (id) => fonts.fallbackChain(id) };
}

/**
 * The sample edition with three photo frames dropped over running text (图文互斥): one over the left
 * of a1's first column, one across a1's two right columns, one over the top of a4's column. Each
 * story's text goes round its frame.
 */
export function wrappedSampleEdition(): Edition {
  const ed = loadSampleEdition();
  const frames: [string, Placement['photos'][number]['area']][] = [
    ['a1', { col: 0, cols: 1, line: 18, lines: 8, indentRight: 7 }],
    ['a1', { col: 1, cols: 2, line: 26, lines: 6 }],
    ['a4', { col: 3, cols: 1, line: 20, lines: 7 }],
  ];
  for (const [id, area] of frames) {
    const a = ed.articles.find((x) => x.id === id)!;
    a.blocks.push({ type: 'photo', asset: null, children: [{ text: '图为现场。' }] });
    ed.pages[0].placements
      .find((p) => p.article === id)!
      .photos.push({ block: a.blocks.length - 1, area, fit: 'fill', captionLines: 1 });
  }
  return ed;
}

/**
 * A keystroke per run: characters typed into the lead's first paragraph, never the same text twice,
 * so that paragraph is composed afresh each time, and page 1 laid out again.
 */
function typingInLead(ed: Edition): () => unknown {
  const ctx = { fonts: loadFontSet(), templates: loadTemplates() };
  const para = ed.articles[0].blocks.find((b) => b.type === 'paragraph')!;
  const base = para.children[0].text;
  let i = 0;
  return () => {
    para.children[0].text = base.slice(0, 40) + String(i++) + base.slice(40);
    return layoutPage(ed, ed.pages[0], ctx);
  };
}

export const layoutBenches: Bench[] = [
  {
    name: 'layout: page with three wrap objects, one keystroke per run (warm)',
    target: '≤ 2 ms',
    warmup: 100,
    runs: 200,
    // A keystroke in the lead story's first paragraph, which runs beside the first frame.
    setup: () => typingInLead(wrappedSampleEdition()),
  },
  {
    name: 'layout: sample page (warm)',
    target: '≤ 10 ms',
    setup() {
      const ctx = { fonts: loadFontSet(), templates: loadTemplates() };
      const ed = loadSampleEdition();
      return () => layoutPage(ed, ed.pages[0], ctx);
    },
  },
  {
    name: 'layout: sample page, one paragraph edited per run',
    target: '≤ 10 ms',
    setup: () => typingInLead(loadSampleEdition()),
  },
  {
    name: 'layout: 对开 8 pages, 60 articles (warm)',
    target: '≤ 100 ms',
    setup() {
      const ctx = { fonts: loadFontSet(), templates: loadTemplates() };
      const ed = broadsheetEdition();
      return () => layoutEdition(ed, ctx);
    },
  },
  {
    name: 'layout: 对开 8 pages, 7 stories continued on the next page (warm)',
    target: '≤ 100 ms',
    setup() {
      const ctx = { fonts: loadFontSet(), templates: loadTemplates() };
      const ed = jumpedBroadsheetEdition();
      return () => layoutEdition(ed, ctx);
    },
  },
  {
    name: 'layout: 对开 8 pages, 60 articles (cold, every paragraph composed)',
    setup() {
      const fonts = loadFontSet();
      const templates = loadTemplates();
      const ed = broadsheetEdition();
      return () => layoutEdition(ed, { fonts: coldFonts(fonts), templates });
    },
    warmup: 2,
    runs: 10,
  },
];
