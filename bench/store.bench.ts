// Edition file benchmarks (issue 6): opening a full edition, and the autosave of one keystroke.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from './harness';
import { EditionStore } from '../electron/services/store';
import { diffArticles } from '../engine/history/diff';
import { makeEdition } from '../tests/support/generated-edition';
import type { Block } from '../engine/model/types';

const dir = mkdtempSync(join(tmpdir(), 'banmian-bench-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

/** A full day's edition: 16 pages, 100 articles, 50 photos of 400 KB each (20 MB of blobs). */
function bigEditionFile(name: string): string {
  const path = join(dir, name);
  EditionStore.create(
    path,
    makeEdition({ pages: 16, articles: 100, photos: 50, photoBytes: 400 * 1024 }),
  ).close();
  return path;
}

export const storeBenches: Bench[] = [
  {
    name: 'store: open 16-page edition (100 articles, 50 photos)',
    target: '≤ 300 ms',
    runs: 15,
    warmup: 2,
    setup() {
      const path = bigEditionFile('open.banmian');
      // Open = refuse-or-accept check, read-write open, whole edition loaded (photos included), closed.
      return () => {
        const store = EditionStore.open(path);
        const ed = store.load();
        store.close();
        if (ed.articles.length !== 100 || ed.assets.length !== 50) throw new Error('incomplete edition');
      };
    },
  },
  {
    name: 'store: autosave one keystroke',
    target: '≤ 5 ms',
    runs: 200,
    warmup: 20,
    setup() {
      const store = EditionStore.open(bigEditionFile('autosave.banmian'), { author: 'bench' });
      const article = store.getArticle('a7');
      let typed = '';
      // Each run is what the editor sends after one character: the article's blocks, one char longer.
      return () => {
        typed += '字';
        const blocks: Block[] = article.blocks.map((b, i) =>
          i === 4 ? { ...b, children: [...b.children, { text: typed }] } : b,
        );
        store.updateArticle('a7', blocks);
      };
    },
  },
  {
    name: 'history: diff two revisions of an 8,500-character page',
    target: '—',
    runs: 30,
    setup() {
      const ed = makeEdition({ pages: 1, articles: 14, photos: 0 });
      const a: Block[] = ed.articles.flatMap((x) => x.blocks);
      // An editor's pass: a word changed in every third paragraph, one paragraph cut.
      const b: Block[] = a
        .filter((_, i) => i !== 10)
        .map((blk, i) =>
          i % 3 === 0 && blk.type === 'paragraph'
            ? {
                ...blk,
                children: blk.children.map((c) => ({
                  ...c,
                  text: c.text.replace('的', '之').replace('学习', '研习'),
                })),
              }
            : blk,
        );
      return () => diffArticles(a, b);
    },
  },
];
