import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers, type Environment, type Services } from '../../../electron/services/api-handlers';
import { fileLogger, LOG_FILE } from '../../../electron/services/log';
import { loadSampleEdition } from '../../../electron/services/sample';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'banmian-log-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const at = new Date('2025-03-01T08:00:00.000Z');
const read = (name = LOG_FILE) => readFileSync(join(dir, name), 'utf8');

describe('the log file', () => {
  it('rotates by size, keeping three old files and dropping the oldest', () => {
    const log = fileLogger(dir, { maxBytes: 1000, keep: 3, now: () => at });
    // Each line is about 100 bytes: 60 lines fill six files' worth; only four files remain.
    for (let i = 0; i < 60; i++)
      log.info('edition.save', { n: i, path: '/home/editor/要闻-2025-03-01.banmian' });
    expect(readdirSync(dir).sort()).toEqual([LOG_FILE, `${LOG_FILE}.1`, `${LOG_FILE}.2`, `${LOG_FILE}.3`]);
    for (const f of readdirSync(dir)) expect(statSync(join(dir, f)).size).toBeLessThanOrEqual(1000);
    // The newest line is in banmian.log, the ones before it in .1, .2, .3 in order; the first lines are gone.
    const numbers = (f: string) =>
      read(f)
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l.slice(l.indexOf('{'))).n as number);
    const all = [
      ...numbers(`${LOG_FILE}.3`),
      ...numbers(`${LOG_FILE}.2`),
      ...numbers(`${LOG_FILE}.1`),
      ...numbers(LOG_FILE),
    ];
    expect(all.at(-1)).toBe(59);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => 60 - all.length + i));
    expect(all[0]).toBeGreaterThan(0);
  });

  it('goes on after a restart in the same file, and rotates it when full', () => {
    fileLogger(dir, { maxBytes: 300, now: () => at }).info('app started', { version: '0.1.0' });
    const size = statSync(join(dir, LOG_FILE)).size;
    const log = fileLogger(dir, { maxBytes: 300, now: () => at });
    log.info('app started', { version: '0.1.0' });
    expect(statSync(join(dir, LOG_FILE)).size).toBe(2 * size);
    for (let i = 0; i < 5; i++) log.info('app started', { version: '0.1.0' });
    expect(existsSync(join(dir, `${LOG_FILE}.1`))).toBe(true);
  });

  it('writes errors with their stack and context, one event per entry', () => {
    const log = fileLogger(dir, { now: () => at });
    log.error('uncaught exception', { window: 1 }, new TypeError('x is undefined'));
    const text = read();
    expect(
      text.startsWith(
        '2025-03-01T08:00:00.000Z ERROR uncaught exception {"window":1} TypeError: x is undefined\n    ',
      ),
    ).toBe(true);
    expect(text).toContain('log.test.ts');
  });

  it('never stops the app when the folder cannot be written', () => {
    const file = join(dir, 'not-a-folder');
    const log = fileLogger(join(file, 'logs'));
    require('node:fs').writeFileSync(file, '');
    expect(() => log.error('edition.save failed', {}, new Error('disk full'))).not.toThrow();
  });
});

describe('the API handlers log for IT', () => {
  const env = (log: ReturnType<typeof fileLogger>): Environment => ({
    transport: 'http',
    version: 'test',
    chooseOpenPath: async () => null,
    chooseSavePath: async () => null,
    chooseExportFolder: async () => null,
    defaultExportFolder: () => join(dir, 'export'),
    defaultEditionPath: () => join(dir, 'docs', 'x.banmian'),
    documentsDir: join(dir, 'docs'),
    log,
  });
  const edition = loadSampleEdition();

  it('logs a failed autosave with the file and the error, and still reports the failure to the page', async () => {
    const log = fileLogger(join(dir, 'logs'), { now: () => at });
    const services = {
      newEdition: () => edition,
      createEditionFile: () => {},
      recent: () => ({ list: () => [], opened() {}, place() {}, closed() {}, recovery: () => null }),
      autosave: () => {
        throw new Error('SQLITE_FULL: database or disk is full');
      },
    } as unknown as Services;
    const h = createHandlers(services, env(log));
    const { path } = await h['edition.new']({
      template: 'sikai',
      paper: '区报',
      date: '2025-03-01',
      pages: 1,
      path: 'a.banmian',
    });
    await expect(
      h['edition.autosave']({ path: path!, articles: [], pages: [{ id: 'p1', placements: [] }] }),
    ).rejects.toThrow('SQLITE_FULL');
    const lines = readFileSync(log.path, 'utf8');
    expect(lines).toContain(
      `INFO edition.new {"method":"edition.new","path":"a.banmian","pages":1,"template":"sikai","created":${JSON.stringify(path)}}`,
    );
    expect(lines).toContain(
      `ERROR edition.autosave failed {"method":"edition.autosave","path":${JSON.stringify(path)},"articles":0} Error: SQLITE_FULL: database or disk is full`,
    );
  });

  it('logs an export with the files written, and a refused path as a warning', async () => {
    const log = fileLogger(join(dir, 'logs'), { now: () => at });
    const services = {
      exportPdf: async () => [{ page: 1, data: new Uint8Array(10) }],
      writeFile: async () => {},
      joinPath: (a: string, b: string) => join(a, b),
      recent: () => ({ list: () => [], opened() {}, place() {}, closed() {}, recovery: () => null }),
    } as unknown as Services;
    const h = createHandlers(services, env(log));
    await h['pdf.export']({ edition, preset: 'proof', pages: [1] });
    await expect(h['edition.open']({ path: '../../etc/passwd.json' })).rejects.toThrow();
    const lines = readFileSync(log.path, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(
      / INFO pdf\.export \{"method":"pdf\.export","preset":"proof","pages":\[1\],"edition":"[^"]+","files":\[".*_p01_proof\.pdf \(10 bytes\)"\]\}$/,
    );
    expect(lines[1]).toMatch(
      / WARN edition\.open refused \{"method":"edition\.open","path":"\.\.\/\.\.\/etc\/passwd\.json"\} .+不在文档文件夹/,
    );
    // The edition's text never goes into the log.
    expect(lines.join('\n')).not.toContain(
      edition.articles[0]?.blocks ? JSON.stringify(edition.articles[0].blocks).slice(0, 40) : '\u0000',
    );
  });
});
