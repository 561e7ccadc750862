// Editions of a chosen size for store tests and benchmarks, built from the real sample page's copy.
import { samplePageArticles } from './sample-page';
import type { Article, Asset, Block, Edition, GridRect, Page } from '../../engine/model/types';

function sampleParagraphs(): string[] {
  return samplePageArticles().flatMap((a) => a.paragraphs);
}

/** Deterministic bytes (xorshift), so blobs differ per photo and do not compress to nothing. */
export function pseudoBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed | 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export function makeArticle(id: string, i: number, paras: string[], photo: string | null = null): Article {
  const blocks: Block[] = [
    { type: 'kicker', children: [{ text: '引题 ' + i }] },
    { type: 'headline', children: [{ text: `第${i}篇 ` + paras[i % paras.length].slice(0, 14) }] },
    { type: 'dateline', children: [{ text: '本报讯' }] },
  ];
  for (let k = 0; k < 4; k++)
    blocks.push({ type: 'paragraph', children: [{ text: paras[(i + k) % paras.length] }] });
  blocks[4] = {
    type: 'paragraph',
    children: [{ text: '加粗', bold: true }, { text: paras[i % paras.length] }],
  };
  if (photo)
    blocks.push({ type: 'photo', asset: photo, credit: '记者 摄', children: [{ text: '图为活动现场。' }] });
  return { id, slug: '', status: 'draft', blocks };
}

/** The 对开 template (templates/duikai.json): 8 columns of 102 lines, a 13-line masthead on page 1. */
export const BROADSHEET = 'duikai';
const COLUMNS = 8;
const LINES = 102;
const MASTHEAD_LINES = 13;

/**
 * The k-th of n stories on a 对开 page: two columns wide, four across, in bands of at most 40 lines
 * stacked below the masthead (page 1) or the top of the grid, so no two stories overlap and every
 * story is inside the grid however many a page holds (the benchmarks put up to 14 on one).
 */
export function storySlot(k: number, n: number, front: boolean): GridRect {
  const across = COLUMNS / 2;
  const top = front ? MASTHEAD_LINES : 0;
  const lines = Math.min(40, Math.floor((LINES - top) / Math.ceil(n / across)));
  return { col: (k % across) * 2, cols: 2, line: top + Math.floor(k / across) * lines, lines };
}

export function makeEdition(opts: {
  pages: number;
  articles: number;
  photos: number;
  photoBytes?: number;
}): Edition {
  const paras = sampleParagraphs();
  const assets: Asset[] = [];
  for (let k = 0; k < opts.photos; k++) {
    assets.push({
      id: `photo-${k}`,
      mime: 'image/jpeg',
      pixelWidth: 2400,
      pixelHeight: 1600,
      colorSpace: 'rgb',
      data: Buffer.from(pseudoBytes(opts.photoBytes ?? 4096, k + 7)).toString('base64'),
    });
  }
  const articles: Article[] = [];
  for (let i = 0; i < opts.articles; i++)
    articles.push(makeArticle(`a${i + 1}`, i, paras, i < opts.photos ? `photo-${i}` : null));
  const pages: Page[] = [];
  for (let p = 0; p < opts.pages; p++) {
    const mine = articles.filter((_, i) => i % opts.pages === p);
    pages.push({
      id: `p${p + 1}`,
      number: p + 1,
      section: p === 0 ? '要闻' : '综合新闻',
      template: BROADSHEET,
      placements: mine.map((a, k) => ({
        article: a.id,
        regions: [storySlot(k, mine.length, p === 0)],
        photos: [],
      })),
    });
  }
  return {
    schemaVersion: 1,
    id: 'ed-test',
    paper: { name: '徐汇报' },
    date: '2023-02-17',
    issue: 7,
    pages,
    articles,
    assets,
  };
}
