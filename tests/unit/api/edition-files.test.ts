// Edition files through the API handlers as the browser host serves them: New from a template, Open,
// Save As, autosave of only what changed, the recent list and crash recovery, and the documents
// folder the page can never leave.
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { webEnvironment } from '../../../electron/host/environment';
import { createHandlers, type Services } from '../../../electron/services/api-handlers';
import { nodeServices } from '../../../electron/services/api-services';
import { loadSampleEdition } from '../../../electron/services/sample';
import { EditionStore, readEditionFile } from '../../../electron/services/store';
import { dispatch, type Handlers } from '../../../electron/api';

let docs: string, state: string, outside: string;
let services: Services;
let h: Handlers;

beforeEach(() => {
  const work = mkdtempSync(join(tmpdir(), 'banmian-files-'));
  docs = join(work, 'docs');
  state = join(work, 'state');
  outside = join(work, 'outside');
  mkdirSync(docs);
  mkdirSync(outside);
  services = nodeServices({}, { stateDir: state });
  h = createHandlers(services, webEnvironment(join(work, 'export'), docs));
});

const restart = () => createHandlers(nodeServices({}, { stateDir: state }), webEnvironment('/unused', docs));

describe('edition files in the app', () => {
  it('creates an edition from a template, lists it as recent, and reopens it after a crash where the editor was', async () => {
    const made = await h['edition.new']({
      template: 'sikai',
      paper: '徐汇报',
      date: '2023-02-18',
      pages: 4,
      path: '徐汇报-2023-02-18',
    });
    expect(made.label).toBe('徐汇报-2023-02-18.banmian');
    expect(made.edition!.pages.map((p) => [p.number, p.template])).toEqual([
      [1, 'sikai'],
      [2, 'sikai'],
      [3, 'sikai'],
      [4, 'sikai'],
    ]);
    expect(readdirSync(docs).filter((f) => f.endsWith('.banmian'))).toEqual(['徐汇报-2023-02-18.banmian']);
    await h['edition.place']({ path: made.path!, place: { page: 3 } });

    // The process dies without closing the edition: the next start finds it, with the place.
    const after = await restart()['edition.recent']({});
    expect(after.recovery).toMatchObject({ label: '徐汇报-2023-02-18.banmian', place: { page: 3 } });
    expect(after.recent.map((r) => r.label)).toEqual(['徐汇报-2023-02-18.banmian']);
    const reopened = await restart()['edition.open']({ path: after.recovery!.path });
    expect(reopened.edition!.paper.name).toBe('徐汇报');
  });

  it('autosaves only the changed article as one edit, with the caret, and a clean close leaves nothing to recover', async () => {
    const saved = await h['edition.saveAs']({ edition: loadSampleEdition(), path: '要闻/徐汇报' });
    expect(saved.label).toBe(join('要闻', '徐汇报.banmian'));
    const path = saved.path!;
    const before = EditionStore.open(path, { readOnly: true });
    const seq = before.editSeq;
    before.close();

    const a4 = structuredClone(loadSampleEdition().articles.find((a) => a.id === 'a4')!);
    a4.blocks[a4.blocks.length - 1].children[0].text += '（完）';
    const r = await h['edition.autosave']({
      path,
      articles: [a4],
      pages: [],
      place: { page: 1, article: 'a4', block: 2, offset: 5 },
    });
    expect(r.seq).toBe(seq + 1);
    const file = readEditionFile(path);
    expect(file.articles.find((a) => a.id === 'a4')!.blocks).toEqual(a4.blocks);
    expect(file.articles.find((a) => a.id === 'a1')).toEqual(
      loadSampleEdition().articles.find((a) => a.id === 'a1'),
    );
    expect((await restart()['edition.recent']({})).recovery?.place).toEqual({
      page: 1,
      article: 'a4',
      block: 2,
      offset: 5,
    });

    await h['edition.close']({ path });
    expect((await restart()['edition.recent']({})).recovery).toBeNull();
  });

  it('Save As copies the open file with its edits; the copy is the one autosave goes to next', async () => {
    const first = (await h['edition.saveAs']({ edition: loadSampleEdition(), path: 'a.banmian' })).path!;
    const a1 = structuredClone(loadSampleEdition().articles[0]);
    a1.status = 'proofed';
    await h['edition.autosave']({ path: first, articles: [a1], pages: [] });
    const copy = await h['edition.saveAs']({ from: first, path: 'b' });
    expect(readEditionFile(copy.path!).articles[0].status).toBe('proofed');
    expect((await h['edition.recent']({})).recent.map((r) => r.label)).toEqual(['b.banmian', 'a.banmian']);
    // A typed name replaces a file only when the editor agreed (the page asks).
    await expect(h['edition.saveAs']({ from: copy.path!, path: 'a' })).rejects.toThrow(/“a.banmian”已存在/);
    await expect(
      h['edition.new']({ template: 'sikai', paper: '徐汇报', date: '2023-02-18', pages: 1, path: 'a' }),
    ).rejects.toThrow(/已存在/);
    expect(readEditionFile(first).articles[0].status).toBe('proofed');
    await h['edition.saveAs']({ from: copy.path!, path: 'a', overwrite: true });
    expect(readEditionFile(first).articles[0].status).toBe('proofed');
    await h['edition.new']({
      template: 'sikai',
      paper: '徐汇报',
      date: '2023-02-18',
      pages: 1,
      path: 'a',
      overwrite: true,
    });
    expect(readEditionFile(first).articles).toEqual([]);
  });

  it('after a restart of the host the page names its file again and autosave goes on; another edition in its place is refused', async () => {
    const path = (await h['edition.saveAs']({ edition: loadSampleEdition(), path: '夜班' })).path!;
    const later = restart();
    const a1 = { ...loadSampleEdition().articles[0], status: 'final' as const };
    // What the page saw: 不是本窗口打开的期次, for a file it had open all along.
    const refused = await dispatch(later, 'edition.autosave', { path, articles: [a1], pages: [] });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'not-open', message: expect.stringMatching(/不是本窗口打开的期次/) },
    });
    await expect(later['edition.reattach']({ path, id: 'ed-someone-else' })).rejects.toThrow(/另一期/);
    expect(await later['edition.reattach']({ path, id: loadSampleEdition().id })).toEqual({
      path,
      label: '夜班.banmian',
    });
    await later['edition.autosave']({ path, articles: [a1], pages: [] });
    expect(readEditionFile(path).articles[0].status).toBe('final');
    // Reattaching is no door out of the documents folder.
    await expect(
      later['edition.reattach']({ path: join(outside, 'x.banmian'), id: loadSampleEdition().id }),
    ).rejects.toThrow(/文档文件夹/);
  });

  it('never opens, saves or autosaves outside the documents folder', async () => {
    writeFileSync(join(outside, 'x.banmian'), 'not an edition');
    symlinkSync(outside, join(docs, 'link'));
    for (const path of [
      '../outside/x.banmian',
      join(outside, 'x.banmian'),
      'link/x.banmian',
      '/etc/passwd',
      'notes.txt',
    ]) {
      await expect(h['edition.open']({ path }), path).rejects.toThrow(/文档文件夹|不是期次文件/);
    }
    await expect(h['edition.saveAs']({ edition: loadSampleEdition(), path: '../outside/y' })).rejects.toThrow(
      /文档文件夹/,
    );
    await expect(
      h['edition.new']({ template: 'sikai', paper: '徐汇报', date: '2023-02-18', pages: 1, path: 'link/z' }),
    ).rejects.toThrow(/文档文件夹/);
    // Autosave goes only to a file this window opened.
    await expect(
      h['edition.autosave']({ path: join(docs, 'other.banmian'), articles: [], pages: [] }),
    ).rejects.toThrow(/不是本窗口打开的期次/);
    expect(readdirSync(outside)).toEqual(['x.banmian']);
    // Without a name there is nothing to open: the browser has no dialog to ask with.
    await expect(h['edition.open']({})).rejects.toThrow(/请输入文件名/);
  });

  it('refuses a template that is not installed, naming those that are', async () => {
    await expect(
      h['edition.new']({ template: 'nope', paper: '徐汇报', date: '2023-02-18', pages: 1, path: 'n' }),
    ).rejects.toThrow(/没有版式“nope”.*sikai/);
    expect(readdirSync(docs)).toEqual([]);
  });
});
