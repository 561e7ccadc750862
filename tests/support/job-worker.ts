// The job worker (electron/services/jobs/worker.ts) bundled for tests, which run from TypeScript
// sources: esbuild writes it into dist/test/, named by its content so that test files running at
// once never read a half-written bundle (written aside, then renamed). Dependencies stay external and
// resolve from the checkout's node_modules, as in dist/.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from '../../electron/services/paths';

export async function buildJobWorker(): Promise<string> {
  const root = projectRoot();
  const r = await build({
    entryPoints: [join(root, 'electron', 'services', 'jobs', 'worker.ts')],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    packages: 'external',
    write: false,
    logLevel: 'warning',
    outfile: join(root, 'dist', 'test', 'jobs-worker.cjs'),
  });
  const code = r.outputFiles[0].contents;
  const dir = join(root, 'dist', 'test');
  const path = join(dir, `jobs-worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.cjs`);
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    const aside = `${path}.${process.pid}.part`;
    writeFileSync(aside, code);
    renameSync(aside, path);
  }
  return path;
}

/**
 * A worker that dies under its first job while `flag` exists (and removes the flag, so the worker
 * started after it is the real one): what a crash in the middle of an export looks like.
 */
export function crashOnceWorker(real: string, flag: string): string {
  const path = `${real.replace(/\.cjs$/, '')}-crash-${createHash('sha256').update(flag).digest('hex').slice(0, 8)}.cjs`;
  writeFileSync(
    path,
    `const fs = require('node:fs');
const { parentPort } = require('node:worker_threads');
if (fs.existsSync(${JSON.stringify(flag)})) {
  fs.unlinkSync(${JSON.stringify(flag)});
  parentPort.once('message', () => process.exit(9));
} else require(${JSON.stringify(real)});
`,
  );
  return path;
}
