// Another program holding an edition open, as the app does: opens the file and keeps it open, then on
// each line of stdin — `edit TEXT` puts TEXT into the first article, `close` closes and exits — answers
// `ack SEQ` or `error MESSAGE` on stdout. Says `ready` once the file is open.
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { EditionStore } from '../../../electron/services/store';

const store = EditionStore.open(process.argv[2], { author: 'holder', revisionInterval: 0 });
const first = store.listArticles()[0].id;
writeSync(1, 'ready\n');
createInterface({ input: process.stdin }).on('line', (line) => {
  const [cmd, ...rest] = line.split(' ');
  if (cmd === 'close') {
    store.close();
    writeSync(1, 'closed\n');
    process.exit(0);
  }
  try {
    const ack = store.updateArticle(first, [{ type: 'paragraph', children: [{ text: rest.join(' ') }] }]);
    writeSync(1, `ack ${ack.seq}\n`);
  } catch (e) {
    writeSync(1, `error ${(e as Error).message.replace(/\n/g, ' ')}\n`);
  }
});
