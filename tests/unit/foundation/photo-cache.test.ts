// Exporting an edition again takes its photos as they were prepared for print the first time (kept in
// the user's cache folder): the same PDF, byte for byte, without loading libvips. An entry that
// cannot be read is prepared again. Checked by the files and by what Node loaded, not by timing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../support/cli';
import { projectRoot } from '../../../electron/services/paths';

const work = mkdtempSync(join(tmpdir(), 'banmian-photo-cache-'));
const preload = join(work, 'loaded.cjs');
const cache = join(work, 'cache');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Exports the sample to `name`; returns the PDF and whether sharp was loaded. */
function exportSample(name: string, ...more: string[]): { pdf: Buffer; sharp: boolean } {
  const list = join(work, `${name}.json`);
  const r = spawnSync(
    process.execPath,
    ['-r', preload, join(projectRoot(), 'dist', 'cli.cjs'), 'export', '--sample', '-o', name, ...more],
    {
      encoding: 'utf8',
      cwd: work,
      env: { ...process.env, LOADED_LIST: list, XDG_CACHE_HOME: cache, NODE_COMPILE_CACHE: join(work, 'v8') },
    },
  );
  expect(r.status, r.stderr).toBe(0);
  const files = JSON.parse(readFileSync(list, 'utf8')) as string[];
  return { pdf: readFileSync(join(work, name)), sharp: files.some((f) => /node_modules\/sharp\//.test(f)) };
}

const TIME = ['--time', '2026-01-01T00:00:00Z'];
const entries = () => readdirSync(join(cache, 'banmian', 'print-photos')).filter((f) => f.endsWith('.bin'));

describe('photos prepared for print are kept between exports', () => {
  beforeAll(() => {
    buildCli();
    writeFileSync(
      preload,
      "process.on('exit', () => require('node:fs').writeFileSync(process.env.LOADED_LIST, JSON.stringify(Object.keys(require.cache))));\n",
    );
  });

  it('the second export writes the same bytes without libvips', () => {
    const first = exportSample('a.pdf', ...TIME);
    expect(first.sharp).toBe(true);
    expect(entries()).toHaveLength(1);
    const second = exportSample('b.pdf', ...TIME);
    expect(second.sharp).toBe(false);
    expect(second.pdf.equals(first.pdf)).toBe(true);
  });

  it('a different ink limit is prepared again, and a damaged entry is prepared again to the same bytes', () => {
    const other = exportSample('c.pdf', ...TIME, '--ink-limit', '220');
    expect(other.sharp).toBe(true);
    expect(entries()).toHaveLength(2);
    const want = exportSample('d.pdf', ...TIME).pdf;
    for (const e of entries()) writeFileSync(join(cache, 'banmian', 'print-photos', e), 'not a photo');
    const again = exportSample('e.pdf', ...TIME);
    expect(again.sharp).toBe(true);
    expect(again.pdf.equals(want)).toBe(true);
  });
});
