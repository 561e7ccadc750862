import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../../electron/services/paths';
import { openDatabase, setSqliteBinding, sqliteBinding } from '../../../electron/services/store/native';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'banmian-native-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const script = join(projectRoot(), 'scripts', 'rebuild-electron-native.mjs');
const runScript = (env: Record<string, string>) =>
  spawnSync(process.execPath, [script, '--check'], { env: { ...process.env, ...env }, encoding: 'utf8' });

describe('SQLite for Node and for Electron', () => {
  it("uses the package's own build under Node", () => {
    expect(sqliteBinding()).toBeUndefined();
  });

  it("builds for the installed Electron's ABI into its own folder, leaving the Node build alone — before Electron has fetched its binary", () => {
    const r = runScript({ ELECTRON_OVERRIDE_DIST_PATH: dir });
    const electron = JSON.parse(
      readFileSync(join(projectRoot(), 'node_modules', 'electron', 'package.json'), 'utf8'),
    ).version;
    const abi = readFileSync(join(projectRoot(), 'node_modules', 'electron', 'abi_version'), 'utf8').trim();
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Electron ${electron} (ABI ${abi})`);
    expect(r.stdout).toContain(
      join('out', 'native', `electron-${abi}-${process.platform}-${process.arch}`, 'better_sqlite3.node'),
    );
  });

  it('says in Chinese how to mend an install whose SQLite module does not fit, and opens nothing', () => {
    const bogus = join(dir, 'better_sqlite3.node');
    writeFileSync(bogus, 'not a shared library');
    setSqliteBinding(bogus);
    try {
      expect(() => openDatabase(join(dir, 'x.banmian'))).toThrowError(
        /无法载入 SQLite 模块.*Node 22.*npm ci/s,
      );
    } finally {
      setSqliteBinding(undefined);
    }
  });
});
