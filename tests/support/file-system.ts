// Real file-system conditions for the file tests: a small tmpfs that fills up, a read-only mount, a
// folder only another user can write, the CLI as a child process. Mounting needs root; where the tests
// run without it, the tests that need a mount say so and are skipped (the others still run).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isAsideName } from '../../electron/services/atomic-write';
import { loadSampleEdition } from '../../electron/services/sample';
import type { Edition } from '../../engine/model/types';

export const root = resolve(__dirname, '..', '..');
export const cliPath = join(root, 'dist', 'cli.cjs');

export { buildCli } from './cli';

/** A tmpfs of `size` (e.g. '200k') mounted at `at` or a fresh folder, or null when this process may not mount. */
export function mountTmpfs(size: string, at?: string): string | null {
  const dir = at ?? mkdtempSync(join(tmpdir(), 'banmian-mnt-'));
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0777`, 'tmpfs', dir]);
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return dir;
}

export function remountReadOnly(dir: string): void {
  execFileSync('mount', ['-o', 'remount,ro', dir]);
}

/** Unmounts (lazily: a test's still-open connection does not keep the mount busy) and removes the folder. */
export function unmount(dir: string): void {
  spawnSync('umount', ['-l', dir]);
  rmSync(dir, { recursive: true, force: true });
}

export const canMount = (() => {
  const d = mountTmpfs('64k');
  if (!d) return false;
  unmount(d);
  return true;
})();

/**
 * The command prefix under which permission bits apply as they do for an editor: nothing for an
 * ordinary user; for root, setpriv without the capabilities that let root ignore them (the process
 * stays root, so the checkout is readable whatever its folder's mode). A test fails, not skips, when
 * root cannot drop them.
 */
export const asUser: string[] = (() => {
  if (process.getuid?.() !== 0) return [];
  const caps = '-dac_override,-dac_read_search,-fowner';
  return ['setpriv', `--bounding-set=${caps}`, `--inh-caps=${caps}`];
})();

/** Temporary files of the atomic writer (or any SQLite side file) left in `dir`. */
export function debris(dir: string): string[] {
  return readdirSync(dir).filter(
    (n) => isAsideName(n) || /-(wal|shm|journal)$/.test(n) || /\.(tmp|part)$/.test(n),
  );
}

export function freshDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(d, { recursive: true });
  return d;
}

/** The sample edition's page repeated `n` times, each with its own copy of the stories. */
export function manyPageEdition(n: number): Edition {
  const s = loadSampleEdition();
  const ed: Edition = { ...s, pages: [], articles: [] };
  for (let i = 1; i <= n; i++) {
    const ids = new Map(s.articles.map((a) => [a.id, `${a.id}-${i}`]));
    ed.articles.push(...s.articles.map((a) => ({ ...a, id: ids.get(a.id)! })));
    ed.pages.push(
      ...s.pages.map((p) => ({
        ...p,
        id: `${p.id}-${i}`,
        number: i,
        placements: p.placements.map((pl) => ({ ...pl, article: ids.get(pl.article)! })),
      })),
    );
  }
  return ed;
}
