// Commands that start fast: each command loads only the modules it uses, and the list of commands
// loads none of them. Checked by what Node actually loaded (require.cache at exit), not by timing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../support/cli';
import { projectRoot } from '../../../electron/services/paths';

const work = mkdtempSync(join(tmpdir(), 'banmian-start-'));
const preload = join(work, 'loaded.cjs');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The files a run of `banmian <args>` loaded, relative to the project. */
function loaded(args: string[]): string[] {
  const out = join(work, `loaded-${args.join('-').replace(/\W+/g, '_')}.json`);
  const r = spawnSync(process.execPath, ['-r', preload, join(projectRoot(), 'dist', 'cli.cjs'), ...args], {
    encoding: 'utf8',
    cwd: work,
    env: { ...process.env, LOADED_LIST: out, NODE_COMPILE_CACHE: join(work, 'v8') },
  });
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(require('node:fs').readFileSync(out, 'utf8')) as string[]).map((f) =>
    f.replace(projectRoot(), '').replace(/.*node_modules\//, 'node_modules/'),
  );
}

describe('banmian starts with only what the command needs', () => {
  beforeAll(() => {
    buildCli();
    writeFileSync(
      preload,
      "process.on('exit', () => require('node:fs').writeFileSync(process.env.LOADED_LIST, JSON.stringify(Object.keys(require.cache))));\n",
    );
  });

  it('--help loads no command and no dependency', () => {
    const files = loaded(['--help']);
    expect(files.filter((f) => f.startsWith('node_modules/'))).toEqual([]);
    expect(files.filter((f) => /dist\/cli-(?!io)/.test(f))).toEqual([]);
  });

  it('export --sample loads the export command, pdfkit and fontkit, but no SQLite, proof reader or other command', () => {
    const files = loaded(['export', '--sample', '-o', join(work, 'sample.pdf')]);
    expect(files.some((f) => f.endsWith('dist/cli-export.cjs'))).toBe(true);
    expect(files.some((f) => f.startsWith('node_modules/pdfkit/'))).toBe(true);
    expect(files.filter((f) => /better-sqlite3|pdfjs-dist|fflate/.test(f))).toEqual([]);
    expect(files.filter((f) => /dist\/cli-(?!io|export)/.test(f))).toEqual([]);
  });
});
