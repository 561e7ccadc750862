// The packaged desktop app finds everything it needs in its own resources folder. The app is laid out
// as electron-builder would lay it out, from the project's own "build" configuration, in a temporary
// folder with no source tree above or beside it; the services then run there in a child Node process
// with process.resourcesPath set, as Electron sets it, and every file they read is recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from '../../../electron/services/paths';
import { JOB_WORKER } from '../../../electron/services/resources';
import { readRegistry } from '../../../electron/services/fonts/registry';
import { buildConfig, layOut, removeLayout } from '../../support/packaged-layout';

const repo = realpathSync(projectRoot());
let out: string;
let resources: string;
let run: { status: number | null; stderr: string; report: Report };

interface Report {
  result: Awaited<ReturnType<typeof import('./packaged-entry').run>>;
  reads: string[];
  modules: string[];
}

// Sets process.resourcesPath as Electron does, records every path handed to fs, then runs the bundle.
const START = `
const fs = require('node:fs');
const [resources, bundle, work] = process.argv.slice(2);
process.resourcesPath = resources;
const reads = new Set();
const record = (obj, names) => { for (const n of names) { const f = obj[n]; obj[n] = function (p, ...rest) { if (typeof p === 'string' || p instanceof URL) reads.add(String(p)); return f.call(this, p, ...rest); }; } };
record(fs, ['readFileSync', 'openSync', 'existsSync', 'statSync', 'lstatSync', 'readdirSync', 'realpathSync', 'accessSync', 'createReadStream']);
record(fs.promises, ['readFile', 'open', 'stat', 'readdir', 'access']);
process.chdir(work);
require(bundle).run(work).then((result) => {
  fs.writeFileSync('report.json', JSON.stringify({ result, reads: [...reads], modules: Object.keys(require.cache) }));
}, (e) => { console.error(e && e.stack || e); process.exit(1); });
`;

const inside = (p: string, dir: string) => p === dir || p.startsWith(dir + sep);

beforeAll(async () => {
  out = realpathSync(mkdtempSync(join(tmpdir(), 'banmian-packaged-')));
  resources = layOut(repo, out);
  // The main process as electron-vite bundles it: one CommonJS file in out/main, dependencies external.
  const bundle = join(resources, 'app', 'out', 'main', 'packaging-check.cjs');
  await build({
    entryPoints: [join(repo, 'tests', 'unit', 'packaging', 'packaged-entry.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  // The job worker, the second entry electron-vite builds into out/main (electron.vite.config.ts). The
  // layout may hold a hard link to the checkout's own build under that name: replaced, never written through.
  const worker = join(resources, 'app', JOB_WORKER.electron);
  rmSync(worker, { force: true });
  await build({
    entryPoints: [join(repo, 'electron', 'services', 'jobs', 'worker.ts')],
    outfile: worker,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  const work = join(out, 'work');
  mkdirSync(work);
  writeFileSync(join(out, 'start.cjs'), START);
  const r = spawnSync(process.execPath, [join(out, 'start.cjs'), resources, bundle, work], {
    cwd: work,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: work },
  });
  run = {
    status: r.status,
    stderr: r.stderr,
    report: r.status === 0 ? JSON.parse(readFileSync(join(work, 'report.json'), 'utf8')) : (null as never),
  };
}, 300_000);

afterAll(() => {
  if (out) removeLayout(out);
});

describe('the packaged app', () => {
  it('is laid out away from the source tree', () => {
    expect(inside(out, repo)).toBe(false);
    expect(inside(repo, out)).toBe(false);
    // Walking up from the app's code finds the app's own package.json and never the checkout.
    const found: string[] = [];
    for (let dir = join(resources, 'app', 'out', 'main'); ; dir = dirname(dir)) {
      const pkg = join(dir, 'package.json');
      if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'banmian') found.push(dir);
      if (dirname(dir) === dir) break;
    }
    expect(found).toEqual([join(resources, 'app')]);
  });

  it('runs from its resources folder: sample, fonts, templates, export, edition files', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const r = run.report.result;
    expect(r.layout).toEqual({
      kind: 'packaged',
      resources,
      app: join(resources, 'app'),
      unpacked: join(resources, 'app.asar.unpacked'),
    });
    expect(r.sampleArticles).toBeGreaterThan(3);
    expect(r.templates).toEqual(['duikai', 'sikai']);
    expect(r.profile).toBe(join(resources, 'color', 'newsprint-cmyk.icc'));
    expect(r.profileBytes).toBe(
      readFileSync(join(repo, 'electron', 'services', 'pdf', 'newsprint-cmyk.icc')).byteLength,
    );
    // Every face the registry ships comes from resources/fonts, copied there by extraResources.
    const shipped = readRegistry().faces.filter((f) => f.package);
    for (const f of shipped) {
      expect(r.faces.find((x) => x.id === f.id)?.path).toBe(join(resources, 'fonts', f.package!, f.file!));
    }
    expect(r.fontBytes).toBeGreaterThan(1_000_000);
    // better-sqlite3's compiled module is loaded from app.asar.unpacked, the only place it is.
    const native = join(
      resources,
      'app.asar.unpacked',
      'node_modules',
      'better-sqlite3',
      'build',
      'Release',
      'better_sqlite3.node',
    );
    expect(r.sqlite).toBe(native);
    expect(run.report.modules).toContain(native);
    expect(
      existsSync(
        join(resources, 'app', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
      ),
    ).toBe(false);
    // sharp and libvips are loaded from app.asar.unpacked (asarUnpack), where their native parts are.
    expect(inside(r.sharp, join(resources, 'app.asar.unpacked', 'node_modules', 'sharp'))).toBe(true);
    expect(
      run.report.modules.some(
        (m) => inside(m, join(resources, 'app.asar.unpacked', 'node_modules', '@img')) && m.endsWith('.node'),
      ),
    ).toBe(true);
    expect(r.photo.space).toBe('cmyk');
    expect(r.photo.jpeg).toBeGreaterThan(1000);
    // A new edition file and the sample saved as one, reopened.
    expect(r.created.pages).toBe(2);
    expect(readFileSync(r.created.path!).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(r.reopened.path).toBe(r.saved);
    expect(r.reopened.title).toBe(r.sampleTitle);
    expect(r.reopened.articles).toBe(r.sampleArticles);
  });

  it('exports a print PDF with its fonts embedded and the newsprint output intent', () => {
    expect(run.status).toBe(0);
    // In the job worker inside the app (app.asar in the real package), not on the main thread.
    expect(run.report.result.jobs).toEqual({
      where: 'worker',
      script: join(resources, 'app', 'out', 'main', 'jobs-worker.js'),
    });
    expect(run.report.reads).toContain(join(resources, 'app', 'out', 'main', 'jobs-worker.js'));
    const [pdf] = run.report.result.pdfs;
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain('/DestOutputProfile');
    const fonts = spawnSync('pdffonts', [pdf], { encoding: 'utf8' });
    expect(fonts.status).toBe(0);
    const rows = fonts.stdout.trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThan(0);
    // Columns: name type encoding emb sub uni object ID.
    for (const row of rows) expect(row.split(/\s+/).slice(-5, -3)).toEqual(['yes', 'yes']);
  });

  it('reads nothing from the source tree', () => {
    expect(run.status).toBe(0);
    const fromRepo = [...run.report.reads, ...run.report.modules].filter((p) => inside(p, repo));
    expect(fromRepo).toEqual([]);
    // What it did read: its own resources (and system fonts, when installed).
    expect(run.report.reads.some((p) => inside(p, join(resources, 'fonts')))).toBe(true);
    expect(run.report.reads).toContain(join(resources, 'sample', 'district-news.edition.json'));
    expect(run.report.modules.every((p) => inside(p, out))).toBe(true);
  });

  it('ships what the configuration names, and no font package inside the app', () => {
    const cfg = buildConfig(repo);
    expect(cfg.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(cfg.asarUnpack).toEqual(expect.arrayContaining(['node_modules/sharp/**', 'node_modules/@img/**']));
    expect(existsSync(join(resources, 'app', 'node_modules', '@expo-google-fonts'))).toBe(false);
    expect(existsSync(join(resources, 'fonts', 'registry.json'))).toBe(true);
    expect(existsSync(join(resources, 'fonts', 'OFL-1.1-NotoSerifSC.txt'))).toBe(true);
  });
});
