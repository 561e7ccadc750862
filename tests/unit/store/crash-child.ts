// The editor under test by crash.test.ts: opens an edition and edits it as fast as it can, writing one
// "ack" line to stdout after each commit, until the parent kills it with SIGKILL.
import { writeSync } from 'node:fs';
import { EditionStore } from '../../../electron/services/store';
import { pseudoBytes } from '../../support/generated-edition';

const [path, runArg, seedArg] = process.argv.slice(2);
const run = Number(runArg);
let x = Number(seedArg) | 0 || 1;
const rand = () => {
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  return (x >>> 0) / 4294967296;
};

const store = EditionStore.open(path, { author: `editor-${run}`, revisionInterval: 0 });
writeSync(1, 'ready\n');
for (let i = 0; ; i++) {
  const r = rand();
  const value = `r${run}e${i}`;
  if (r < 0.75) {
    const article = `a${1 + Math.floor(rand() * 5)}`;
    // A keystroke: the whole article's text changes by one character each time, as in the editor.
    const ack = store.updateArticle(article, [
      { type: 'headline', children: [{ text: `标题 ${value}` }] },
      {
        type: 'paragraph',
        children: [{ text: '本报讯 ' + '字'.repeat(200 + (i % 50)) }, { text: value, bold: true }],
      },
    ]);
    writeSync(1, `ack ${ack.seq} article ${article} ${value}\n`);
  } else if (r < 0.88) {
    const ack = store.applyEdit({
      op: 'addComment',
      comment: { id: `c-${value}`, article: 'a1', text: `批注 ${value}` },
    });
    writeSync(1, `ack ${ack.seq} comment c-${value} ${value}\n`);
  } else if (r < 0.96) {
    const id = store.putAsset({
      bytes: pseudoBytes(16_384 + Math.floor(rand() * 16_384), run * 100_000 + i + 1),
      mime: 'image/jpeg',
      pixelWidth: 640,
      pixelHeight: 480,
      colorSpace: 'rgb',
    });
    writeSync(1, `ack ${store.editSeq} asset ${id} ${value}\n`);
  } else {
    const rev = store.commitRevision('a2', `checkpoint ${value}`);
    writeSync(1, `ack ${store.editSeq} revision ${rev.id} ${value}\n`);
  }
}
