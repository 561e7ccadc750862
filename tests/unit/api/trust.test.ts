// What the page may name. In the desktop app only files and folders the editor chose in a dialog, by
// the opaque tokens the main process issued for them; replacing a file asks (the save dialog, or the
// page saying the editor agreed); exports go to the export folder or a folder chosen in the dialog.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../../electron/api';
import { createHandlers, type Environment, type Services } from '../../../electron/services/api-handlers';
import { nodeServices } from '../../../electron/services/api-services';
import { loadSampleEdition } from '../../../electron/services/sample';
import { readEditionFile } from '../../../electron/services/store';

let work: string, state: string, exportDir: string;
/** What the next dialog answers (null: the editor cancelled it). */
const answer = { open: null as string | null, save: null as string | null, folder: null as string | null };
const asked: string[] = [];
let h: Handlers;
let services: Services;

const desktop = (): Environment => ({
  transport: 'ipc',
  version: '0.1.0',
  chooseOpenPath: async () => {
    asked.push('open');
    return answer.open;
  },
  chooseSavePath: async () => {
    asked.push('save');
    return answer.save;
  },
  chooseExportFolder: async () => {
    asked.push('folder');
    return answer.folder;
  },
  defaultExportFolder: () => exportDir,
  defaultEditionPath: () => join(work, 'unused.banmian'),
  documentsDir: null,
});

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'banmian-trust-'));
  state = join(work, 'state');
  exportDir = join(work, 'export');
  asked.length = 0;
  Object.assign(answer, { open: null, save: null, folder: null });
  services = nodeServices({}, { stateDir: state });
  h = createHandlers(services, desktop());
});

const newForm = { template: 'sikai', paper: '徐汇报', date: '2023-02-18', pages: 1 };

describe('the desktop app names files only by what a dialog gave', () => {
  it('answers with opaque tokens, takes them back, and refuses a path the page makes up', async () => {
    const file = join(work, '晚班.banmian');
    answer.save = file;
    const saved = await h['edition.saveAs']({ edition: loadSampleEdition() });
    expect(saved.label).toBe(file);
    expect(saved.path).not.toContain(work);
    // The token works for the file the editor chose …
    const a1 = { ...loadSampleEdition().articles[0], status: 'proofed' as const };
    await h['edition.autosave']({ path: saved.path!, articles: [a1], pages: [] });
    expect(readEditionFile(file).articles[0].status).toBe('proofed');
    // … its real path, or any other, does not.
    for (const path of [
      file,
      join(work, 'other.banmian'),
      '/etc/passwd',
      'file-00000000-0000-0000-0000-000000000000',
    ]) {
      await expect(h['edition.open']({ path }), path).rejects.toThrow(
        /不是在“打开”“保存”对话框或“最近的期次”中选择的文件/,
      );
      await expect(h['edition.autosave']({ path, articles: [], pages: [] }), path).rejects.toThrow(/对话框/);
    }
    // Another run of the app knows the file from its recent list, by a token of its own.
    const next = createHandlers(nodeServices({}, { stateDir: state }), desktop());
    const recent = (await next['edition.recent']({})).recent;
    expect(recent.map((r) => r.label)).toEqual([file]);
    expect(recent[0].path).not.toBe(saved.path);
    expect((await next['edition.open']({ path: recent[0].path })).edition!.paper.name).toBe('徐汇报');
  });

  it('never replaces a file on the recent list unless the editor agreed (edition.new and Save As)', async () => {
    const file = join(work, 'x.banmian');
    answer.save = file;
    await h['edition.saveAs']({ edition: loadSampleEdition() });
    const stamp = statSync(file).mtimeMs;
    const entry = (await h['edition.recent']({})).recent[0];
    expect(entry.label).toBe(file);
    asked.length = 0;

    for (const call of [
      () => dispatch(h, 'edition.new', { ...newForm, path: entry.path }),
      () => dispatch(h, 'edition.saveAs', { edition: loadSampleEdition(), path: entry.path }),
    ]) {
      expect(await call()).toMatchObject({
        ok: false,
        error: { code: 'exists', message: expect.stringMatching(/已存在.*确认替换/) },
      });
    }
    expect(statSync(file).mtimeMs).toBe(stamp);
    expect(readEditionFile(file).articles.length).toBe(loadSampleEdition().articles.length);
    expect(asked).toEqual([]);
    // The editor agreed (the UI asked): replaced.
    await h['edition.new']({ ...newForm, path: entry.path, overwrite: true });
    expect(readEditionFile(file).articles).toEqual([]);
  });

  it('replaces a file chosen in the save dialog, which asked about it', async () => {
    const file = join(work, 'y.banmian');
    answer.save = file;
    await h['edition.saveAs']({ edition: loadSampleEdition() });
    await h['edition.new']({ ...newForm });
    expect(asked).toEqual(['save', 'save']);
    expect(readEditionFile(file).articles).toEqual([]);
  });
});

describe('exports go to the export folder or a folder chosen in the dialog', () => {
  const exportTo = (target?: string) =>
    dispatch(h, 'pdf.export', {
      edition: loadSampleEdition(),
      preset: 'proof',
      pages: [1],
      ...(target ? { target } : {}),
    });
  beforeEach(() => {
    services = nodeServices(
      { exportPdf: async () => [{ page: 1, data: new TextEncoder().encode('%PDF-1.4') }] },
      { stateDir: state },
    );
    h = createHandlers(services, desktop());
  });

  it('refuses any other folder and creates nothing', async () => {
    for (const target of [join(work, 'made-up'), '/tmp', join(exportDir, 'sub'), join(exportDir, '..')]) {
      expect(await exportTo(target), target).toMatchObject({
        ok: false,
        error: { code: 'refused', message: expect.stringMatching(/不是导出文件夹/) },
      });
    }
    expect(existsSync(join(work, 'made-up'))).toBe(false);
    expect(existsSync(exportDir)).toBe(false);
  });

  it("writes into the folder the editor chose, named by a token the next page's call sends back", async () => {
    const chosen = join(work, '印厂');
    mkdirSync(chosen);
    answer.folder = chosen;
    const first = await exportTo();
    expect(first).toMatchObject({ ok: true });
    const folder = (first as { result: { folder: string } }).result.folder;
    expect(folder).not.toContain(work);
    expect(await exportTo(folder)).toMatchObject({ ok: true });
    expect(asked).toEqual(['folder']);
    expect(readdirSync(chosen)).toHaveLength(1);
    // The export folder itself is always allowed.
    expect(await exportTo(exportDir)).toMatchObject({ ok: true });
    expect(readdirSync(exportDir)).toHaveLength(1);
  });
});
