// The command line as a user runs it: the built bundle, rebuilt first when a source is newer.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { projectRoot } from '../../electron/services/paths';

const root = projectRoot();

export function buildCli(): void {
  const b = spawnSync(process.execPath, [join(root, 'scripts', 'build-node.mjs'), '--if-stale'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (b.status !== 0) throw new Error(b.stderr);
}

/** Runs `banmian <args>` in `cwd`. */
export function runCli(cwd: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.cjs'), ...args], { encoding: 'utf8', cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `banmian <argv>` inside the test process (faster than a child; same code path as main). */
export async function cliInProcess(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const { main } = await import('../../cli/main');
  const stdout = new PassThrough(),
    stderr = new PassThrough();
  let out = '',
    err = '';
  stdout.on('data', (d) => {
    out += d;
  });
  stderr.on('data', (d) => {
    err += d;
  });
  const code = await main(argv, { stdin: new PassThrough(), stdout, stderr });
  return { code, out, err };
}
