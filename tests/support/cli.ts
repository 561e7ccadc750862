// The command line as a user runs it: the built bundle, rebuilt first when a source is newer.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../electron/services/paths';

const root = projectRoot();

export function buildCli(): void {
  const b = spawnSync(process.execPath, [join(root, 'scripts', 'build-node.mjs'), '--if-stale'], { cwd: root, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(b.stderr);
}

/** Runs `banmian <args>` in `cwd`. */
export function runCli(cwd: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.cjs'), ...args], { encoding: 'utf8', cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
