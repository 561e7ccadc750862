// Read-only is fine: an edition on read-only media or in a folder the user can only read opens for
// reading; export, preflight, layout and info work; editing says why it cannot (只读); and checking or
// refusing a file writes nothing beside it. Root ignores permission bits, so read-only is made real: a
// tmpfs remounted read-only, and the CLI run in a folder it may only read (root without the capabilities
// that ignore permission bits).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadSampleEdition } from '../../../electron/services/sample';
import {
  checkEditionFile,
  createDatabase,
  EditionStore,
  readEditionFile,
} from '../../../electron/services/store';
import { nodeServices } from '../../../electron/services/api-services';
import { createHandlers } from '../../../electron/services/api-handlers';
import { webEnvironment } from '../../../electron/host/environment';
import { cliInProcess as cli } from '../../support/cli';
import {
  asUser,
  buildCli,
  canMount,
  cliPath,
  freshDir,
  mountTmpfs,
  remountReadOnly,
  unmount,
} from '../../support/file-system';

/** An edition as an older Banmian left it: still marked WAL, no -wal beside it. */
function walAtRest(path: string): void {
  EditionStore.create(path, loadSampleEdition()).close();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.close();
  expect(readFileSync(path)[18]).toBe(2);
}

let out: string;
beforeEach(() => {
  out = freshDir('banmian-ro-out-');
  chmodSync(out, 0o777);
});
afterEach(() => {
  rmSync(out, { recursive: true, force: true });
});

describe.skipIf(!canMount)('an edition on read-only media (a tmpfs remounted read-only)', () => {
  let mnt: string;
  beforeAll(() => {
    mnt = mountTmpfs('16m')!;
    EditionStore.create(join(mnt, 'x.banmian'), loadSampleEdition()).close();
    walAtRest(join(mnt, 'old.banmian'));
    remountReadOnly(mnt);
  });
  afterAll(() => {
    unmount(mnt);
  });

  it('exports, checks, lays out and describes it, writing nothing beside it', async () => {
    for (const name of ['x.banmian', 'old.banmian']) {
      const path = join(mnt, name);
      const pdf = join(out, `${name}.pdf`);
      const r = await cli('export', path, '--preset', 'proof', '-o', pdf);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect([0, 1]).toContain((await cli('preflight', path)).code);
      expect((await cli('layout', path, '--summary')).code).toBe(0);
      const info = await cli('edition', 'info', path);
      expect(info.code).toBe(0);
      expect(info.out).toMatch(/4 articles/);
      expect(readEditionFile(path).articles.length).toBe(4);
    }
    expect(readdirSync(mnt).sort()).toEqual(['old.banmian', 'x.banmian']);
  });

  it('editing says why it cannot', async () => {
    const path = join(mnt, 'x.banmian');
    const r = await cli('edition', 'restore', path, '1');
    expect(r.code).toBe(4);
    expect(r.err).toContain(path);
    expect(r.err).toMatch(/只读/);
    writeFileSync(join(out, 'story.txt'), '标题\n\n本报讯 正文。');
    expect((await cli('import', path, join(out, 'story.txt'))).err).toMatch(/只读/);
    expect(() => EditionStore.open(path)).toThrow(/只读/);
  });

  it('the app opens it read-only and says so; a save says why not; Save As to a writable place works', async () => {
    const services = nodeServices({}, { stateDir: join(out, 'state') });
    const h = createHandlers(services, webEnvironment(join(out, 'export'), mnt));
    const r = await h['edition.open']({ path: 'x.banmian' });
    expect(r.readOnly).toBe(true);
    expect(r.edition!.articles.length).toBe(4);
    const a = r.edition!.articles[0];
    expect(() =>
      services.autosave(r.path!, [{ ...a, blocks: [{ type: 'paragraph', children: [{ text: '改' }] }] }], []),
    ).toThrow(/只读.*另存/);
    const copy = join(out, 'copy.banmian');
    services.copyEditionFile(r.path!, copy, false);
    expect(readEditionFile(copy)).toEqual(readEditionFile(r.path!));
    const w = await h['edition.open']({ path: 'old.banmian' });
    expect(w.readOnly).toBe(true);
    expect(readdirSync(mnt).sort()).toEqual(['old.banmian', 'x.banmian']);
  });
});

describe('in a folder the user can only read (permission bits apply, as for an editor)', () => {
  let ro: string;
  beforeAll(() => {
    buildCli();
    ro = freshDir('banmian-ro-');
    EditionStore.create(join(ro, 'x.banmian'), loadSampleEdition()).close();
    walAtRest(join(ro, 'old.banmian'));
    for (const f of ['x.banmian', 'old.banmian']) chmodSync(join(ro, f), 0o444);
    chmodSync(ro, 0o555);
  });
  afterAll(() => {
    rmSync(ro, { recursive: true, force: true });
  });
  const banmian = (...args: string[]) =>
    spawnSync(
      asUser[0] ?? process.execPath,
      [...asUser.slice(1), ...(asUser.length ? [process.execPath] : []), cliPath, ...args],
      { encoding: 'utf8' },
    );

  it('exports and describes it, refuses to edit it with the reason, and writes nothing beside it', () => {
    for (const name of ['x.banmian', 'old.banmian']) {
      const path = join(ro, name);
      const e = banmian('export', path, '--preset', 'proof', '-o', join(out, `${name}.pdf`));
      expect(e.stderr).toBe('');
      expect(e.status).toBe(0);
      expect(banmian('edition', 'info', path).status).toBe(0);
      const r = banmian('edition', 'restore', path, '1');
      expect(r.status).toBe(4);
      expect(r.stderr).toMatch(/只读/);
    }
    expect(readdirSync(ro).sort()).toEqual(['old.banmian', 'x.banmian']);
  });
});

describe('checking or refusing a file leaves nothing beside it', () => {
  let dir: string;
  beforeEach(() => {
    dir = freshDir('banmian-check-');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('an edition left in WAL mode: checked, read and opened read-only', () => {
    const path = join(dir, 'old.banmian');
    walAtRest(path);
    expect(checkEditionFile(path).schemaVersion).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual(['old.banmian']);
    const store = EditionStore.open(path, { readOnly: true });
    expect(store.load().articles.length).toBe(4);
    expect(readdirSync(dir)).toEqual(['old.banmian']);
    store.close();
    expect(readdirSync(dir)).toEqual(['old.banmian']);
    // Read through the CLI's door (read-write where it can): left one file again, in rollback mode.
    readEditionFile(path);
    expect(readdirSync(dir)).toEqual(['old.banmian']);
  });

  it("refused files: from a newer Banmian, another program's database", () => {
    const newer = join(dir, 'newer.banmian');
    const db = createDatabase(newer);
    db.pragma('user_version = 99');
    db.close();
    const foreign = join(dir, 'foreign.banmian');
    const f = new Database(foreign);
    f.pragma('journal_mode = WAL');
    f.exec('CREATE TABLE t(x)');
    f.close();
    const before = readdirSync(dir).sort();
    expect(before).toEqual(['foreign.banmian', 'newer.banmian']);
    expect(() => EditionStore.open(newer)).toThrow(/newer version/);
    expect(() => EditionStore.open(foreign)).toThrow(/not a Banmian edition/);
    expect(() => readEditionFile(newer)).toThrow();
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('an edition closed by its last writer is one file, in rollback mode', () => {
    const path = join(dir, 'x.banmian');
    const store = EditionStore.create(path, loadSampleEdition());
    store.updateArticle(store.listArticles()[0].id, [{ type: 'paragraph', children: [{ text: '改' }] }]);
    store.close();
    expect(readdirSync(dir)).toEqual(['x.banmian']);
    expect(readFileSync(path)[18]).toBe(1);
  });
});
