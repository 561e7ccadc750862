// Editors' comments through autosave, as the app sends them: added whole, resolved, deleted, each
// in the edition file afterwards; a comment the store refuses leaves the file as it was.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../../electron/api';
import { webEnvironment } from '../../../electron/host/environment';
import { createHandlers } from '../../../electron/services/api-handlers';
import { nodeServices } from '../../../electron/services/api-services';
import { loadSampleEdition } from '../../../electron/services/sample';
import { readEditionFile } from '../../../electron/services/store';
import type { ArticleComment } from '../../../engine/model/types';

let h: Handlers;
let path: string;

beforeEach(async () => {
  const work = mkdtempSync(join(tmpdir(), 'banmian-comments-'));
  mkdirSync(join(work, 'docs'));
  h = createHandlers(
    nodeServices({}, { stateDir: join(work, 'state') }),
    webEnvironment(join(work, 'export'), join(work, 'docs')),
  );
  path = (await h['edition.saveAs']({ edition: loadSampleEdition(), path: '晚班' })).path!;
});

const comment: ArticleComment = {
  id: 'c-1',
  article: 'a1',
  author: '李编辑',
  at: '2023-02-16T21:40:00.000Z',
  text: '活动名称请核对',
  anchor: { block: 3, offset: 37, length: 11 },
};

describe('comments saved with the edition', () => {
  it('adds, resolves and deletes comments through autosave', async () => {
    await h['edition.autosave']({
      path,
      articles: [],
      pages: [],
      comments: { upsert: [comment], remove: [] },
    });
    expect(readEditionFile(path).comments).toEqual([comment]);

    await h['edition.autosave']({
      path,
      articles: [],
      pages: [],
      comments: { upsert: [{ ...comment, resolved: true }], remove: [] },
    });
    expect(readEditionFile(path).comments).toEqual([{ ...comment, resolved: true }]);

    await h['edition.autosave']({
      path,
      articles: [],
      pages: [],
      comments: { upsert: [comment], remove: [] },
    });
    expect(readEditionFile(path).comments).toEqual([comment]);

    await h['edition.autosave']({ path, articles: [], pages: [], comments: { upsert: [], remove: ['c-1'] } });
    expect(readEditionFile(path).comments).toBeUndefined();
  });

  it('refuses a comment on an article the edition lacks, and writes nothing of that save', async () => {
    const a4 = structuredClone(loadSampleEdition().articles.find((a) => a.id === 'a4')!);
    a4.blocks[a4.blocks.length - 1].children[0].text += '（完）';
    await expect(
      h['edition.autosave']({
        path,
        articles: [a4],
        pages: [],
        comments: { upsert: [{ ...comment, article: 'a99' }], remove: [] },
      }),
    ).rejects.toThrow(/a99/);
    const file = readEditionFile(path);
    expect(file.comments).toBeUndefined();
    expect(file.articles.find((a) => a.id === 'a4')).toEqual(
      loadSampleEdition().articles.find((a) => a.id === 'a4'),
    );
  });

  it('checks comments at the API boundary: no empty text, no negative offsets', async () => {
    const empty = await dispatch(h, 'edition.autosave', {
      path,
      articles: [],
      pages: [],
      comments: { upsert: [{ ...comment, text: '' }], remove: [] },
    });
    expect(empty.ok).toBe(false);
    const negative = await dispatch(h, 'edition.autosave', {
      path,
      articles: [],
      pages: [],
      comments: { upsert: [{ ...comment, anchor: { block: 3, offset: -1, length: 2 } }], remove: [] },
    });
    expect(negative.ok).toBe(false);
    expect(readEditionFile(path).comments).toBeUndefined();
  });
});
