// Files shared between processes (issue: "Replacing a file another process has open corrupts it").
// Another program holding an edition open is never replaced or rewritten underneath it: `edition new
// --force`, Save As and `edition restore` refuse, naming the file; and an open store whose file was
// replaced, moved or written by someone else reports a conflict instead of acknowledging lost writes.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { loadSampleEdition } from '../../../electron/services/sample';
import { EditionStore, EditionFileError, readEditionFile } from '../../../electron/services/store';
import { nodeServices } from '../../../electron/services/api-services';
import { isAsideName } from '../../../electron/services/atomic-write';
import { blockText } from '../../../engine/layout/runs';
import { cliInProcess as cli } from '../../support/cli';
import { buildCli, cliPath, debris, freshDir, root } from '../../support/file-system';

let dir: string;
let holderJs: string;
beforeAll(async () => {
  const out = join(root, 'tests', '.output');
  mkdirSync(out, { recursive: true });
  holderJs = join(out, 'holder-child.cjs');
  await build({
    entryPoints: [join(__dirname, 'holder-child.ts')],
    outfile: holderJs,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  buildCli();
});
beforeEach(() => {
  dir = freshDir('banmian-shared-');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A program with `path` open, driven line by line. */
class Holder {
  private p: ChildProcessWithoutNullStreams;
  private out = '';
  private waiters: (() => void)[] = [];
  constructor(path: string) {
    this.p = spawn(process.execPath, [holderJs, path]);
    this.p.stdout.setEncoding('utf8');
    this.p.stdout.on('data', (d: string) => {
      this.out += d;
      for (const w of this.waiters.splice(0)) w();
    });
    this.p.stderr.on('data', (d) => {
      this.out += `stderr ${d}`;
    });
  }
  private async line(n: number): Promise<string> {
    for (;;) {
      const lines = this.out.split('\n');
      if (lines.length > n + 1) return lines[n];
      if (this.p.exitCode !== null) throw new Error(`holder exited: ${this.out}`);
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }
  private n = 0;
  async ready(): Promise<void> {
    expect(await this.line(this.n++)).toBe('ready');
  }
  async send(cmd: string): Promise<string> {
    this.p.stdin.write(cmd + '\n');
    return this.line(this.n++);
  }
  async close(): Promise<void> {
    expect(await this.send('close')).toBe('closed');
  }
  async kill(): Promise<void> {
    const gone = new Promise((r) => this.p.once('exit', r));
    this.p.kill('SIGKILL');
    await gone;
  }
}

const firstText = (path: string) => {
  const ed = readEditionFile(path);
  return blockText(ed.articles[0].blocks[0].children);
};

async function heldEdition(): Promise<{ path: string; holder: Holder }> {
  const path = join(dir, 'x.banmian');
  EditionStore.create(path, loadSampleEdition()).close();
  const holder = new Holder(path);
  await holder.ready();
  expect(await holder.send('edit 第一稿')).toMatch(/^ack \d+$/);
  return { path, holder };
}

describe('a file another program has open', () => {
  it('is not replaced by edition new --force; the other program goes on saving', async () => {
    const { path, holder } = await heldEdition();
    const r = await cli('edition', 'new', '--paper', '徐汇报', '-o', path, '--force');
    expect(r.code).toBe(4);
    expect(r.err).toContain(path);
    expect(r.err).toMatch(/正被另一个程序打开/);
    expect(await holder.send('edit 第二稿')).toMatch(/^ack \d+$/);
    await holder.close();
    expect(firstText(path)).toBe('第二稿');
    expect(debris(dir)).toEqual([]);
  });

  it('is not replaced by Save As, in this process or another', async () => {
    const { path, holder } = await heldEdition();
    const other = join(dir, 'other.banmian');
    EditionStore.create(other, loadSampleEdition()).close();
    const services = nodeServices({}, { stateDir: join(dir, 'state') });
    services.openEdition(other);
    expect(() => services.copyEditionFile(other, path, true)).toThrow(/正被另一个程序打开/);
    expect(() => services.createEditionFile(loadSampleEdition(), path, true)).toThrow(/正被另一个程序打开/);
    expect(await holder.send('edit 第二稿')).toMatch(/^ack \d+$/);
    await holder.close();
    expect(firstText(path)).toBe('第二稿');
    // Once it is closed, Save As may replace it, and leaves nothing beside it.
    services.copyEditionFile(other, path, true);
    expect(firstText(path)).toBe(firstText(other));
    // Both files are open in `services` now (their -wal and -shm are live); no temporary file is left.
    expect(readdirSync(dir).filter(isAsideName)).toEqual([]);
  });

  it('is not rewritten by edition restore, so a stale autosave cannot undo the restore', async () => {
    const { path, holder } = await heldEdition();
    const id = readEditionFile(path).articles[0].id;
    const revs = await cli('edition', 'history', path, id);
    const rev = /^\s*(\d+)/.exec(revs.out)![1];
    const r = await cli('edition', 'restore', path, rev);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(new RegExp(`${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} 正被另一个程序打开`));
    expect(await holder.send('edit 第二稿')).toMatch(/^ack \d+$/);
    await holder.close();
    expect(firstText(path)).toBe('第二稿');
    // Closed, the restore goes through, and leaves the file one file.
    expect((await cli('edition', 'restore', path, rev)).code).toBe(0);
    expect(firstText(path)).not.toBe('第二稿');
    expect(debris(dir)).toEqual([]);
  });

  it('a program that crashed holds nothing: its file can be replaced, and its WAL does not leak into the new file', async () => {
    const { path, holder } = await heldEdition();
    await holder.kill();
    expect((await cli('edition', 'new', '--paper', '徐汇报', '-o', path, '--force')).code).toBe(0);
    expect(readEditionFile(path).articles).toEqual([]);
    expect(debris(dir)).toEqual([]);
  });
});

/** An edition open in the app's services, with one autosave acknowledged; `autosave(text)` sets the first story. */
function openInApp() {
  const path = join(dir, 'x.banmian');
  EditionStore.create(path, loadSampleEdition()).close();
  const services = nodeServices({}, { stateDir: join(dir, 'state') });
  const a = services.openEdition(path).articles[0];
  const autosave = (text: string) =>
    services.autosave(path, [{ ...a, blocks: [{ type: 'paragraph', children: [{ text }] }] }], []);
  expect(autosave('本窗口')).toBeGreaterThan(0);
  return { path, autosave };
}

describe('an open store whose file changed underneath', () => {
  // A tool that renames over a file SQLite has open in WAL mode damages the newcomer (SQLite takes the
  // live "<name>-wal" for its own): Banmian's own writers refuse to (above). What the open store can
  // still do is not acknowledge a write that went to the replaced file.
  it('refuses to write when the file was replaced by another tool', async () => {
    const { path, autosave } = openInApp();
    // Another tool (not Banmian) puts a different edition in its place.
    const other = join(dir, 'other.banmian');
    EditionStore.create(other, {
      ...loadSampleEdition(),
      articles: loadSampleEdition().articles.map((x, i) =>
        i === 0 ? { ...x, blocks: [{ type: 'paragraph', children: [{ text: '替换者' }] }] } : x,
      ),
    }).close();
    renameSync(other, path);
    let err: unknown;
    try {
      autosave('迟到的自动保存');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EditionFileError);
    expect((err as EditionFileError).problem).toBe('changed');
    expect((err as Error).message).toMatch(/已被另一个程序替换.*没有写入/);
    expect((err as Error).message).toContain(path);
  });

  it('refuses to write when the file was moved away or deleted', () => {
    const path = join(dir, 'x.banmian');
    const store = EditionStore.create(path, loadSampleEdition());
    renameSync(path, join(dir, 'moved.banmian'));
    expect(() =>
      store.updateArticle(store.listArticles()[0].id, [{ type: 'paragraph', children: [{ text: '丢失' }] }]),
    ).toThrow(/已被移走或删除/);
    store.close();
    expect(existsSync(path)).toBe(false);
  });

  it('refuses to write over what another program wrote since (a stale autosave after a restore)', async () => {
    const { path, autosave } = openInApp();
    // Another program — here a second window in another process — writes the same file.
    const holder = new Holder(path);
    await holder.ready();
    expect(await holder.send('edit 另一窗口')).toMatch(/^ack \d+$/);
    expect(() => autosave('迟到的自动保存')).toThrow(/已被另一个程序修改.*没有写入/);
    await holder.close();
    expect(firstText(path)).toBe('另一窗口');
  });
});

describe('create-if-absent', () => {
  it('of two edition new -o same.banmian at once, exactly one succeeds, every time', async () => {
    const run = (out: string) =>
      new Promise<{ code: number | null; err: string }>((res) => {
        const p = spawn(process.execPath, [cliPath, 'edition', 'new', '--sample', '-o', out]);
        let err = '';
        p.stderr.on('data', (d) => {
          err += d;
        });
        p.on('close', (code) => res({ code, err }));
      });
    for (let i = 0; i < 6; i++) {
      const out = join(dir, `same-${i}.banmian`);
      const rs = await Promise.all([run(out), run(out)]);
      expect(rs.map((r) => r.code).sort()).toEqual([0, 4]);
      expect(rs.find((r) => r.code === 4)!.err).toMatch(/already exists/);
      expect(readEditionFile(out).articles.length).toBe(loadSampleEdition().articles.length);
    }
    expect(debris(dir)).toEqual([]);
    expect(readdirSync(dir).length).toBe(6);
  });
});
