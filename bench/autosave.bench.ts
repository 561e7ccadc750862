// Autosave as the app does it (issue 6: one keystroke ≤ 5 ms median): the request the renderer sends
// after one typed character — the changed article and where the caret is — checked against the API
// schema, run by the one set of handlers and committed by the store. Only the transport (IPC or
// loopback HTTP) is left out.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from './harness';
import { dispatch, type Req } from '../electron/api';
import { webEnvironment } from '../electron/host/environment';
import { createHandlers } from '../electron/services/api-handlers';
import { nodeServices } from '../electron/services/api-services';
import { EditionStore } from '../electron/services/store';
import { makeEdition } from '../tests/support/generated-edition';
import type { Block } from '../engine/model/types';

const dir = mkdtempSync(join(tmpdir(), 'banmian-bench-autosave-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

export const autosaveBenches: Bench[] = [
  {
    name: 'app: edition.autosave one keystroke (handler + store)',
    target: '≤ 5 ms',
    runs: 200,
    warmup: 20,
    async setup() {
      const docs = join(dir, 'docs');
      mkdirSync(docs, { recursive: true });
      // A full day's edition, so the file and its indexes are the size an evening's work has.
      const edition = makeEdition({ pages: 16, articles: 100, photos: 50, photoBytes: 400 * 1024 });
      EditionStore.create(join(docs, 'day.banmian'), edition).close();
      const handlers = createHandlers(
        nodeServices({}, { stateDir: join(dir, 'state') }),
        webEnvironment(join(dir, 'export'), docs),
      );
      const opened = await dispatch(handlers, 'edition.open', { path: 'day.banmian' });
      if (!opened.ok) throw new Error(opened.error.message);
      const path = (opened.result as { path: string }).path;
      const article = edition.articles.find((a) => a.id === 'a7')!;
      let typed = '';
      return async () => {
        typed += '字';
        const blocks: Block[] = article.blocks.map((b, i) =>
          i === 4 ? { ...b, children: [...b.children, { text: typed }] } : b,
        );
        const req: Req<'edition.autosave'> = {
          path,
          articles: [{ id: article.id, slug: article.slug, status: article.status, blocks }],
          pages: [],
          place: { page: 1, article: article.id, block: 4, offset: typed.length },
        };
        const r = await dispatch(handlers, 'edition.autosave', req);
        if (!r.ok) throw new Error(r.error.message);
      };
    },
  },
];
