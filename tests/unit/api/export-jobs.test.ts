// An export as one job (electron/services/jobs/export-job.ts): every chosen page made in the job
// worker with progress page by page; cancelled, it leaves no file (nor temporary file) behind; done,
// it sums up the files written.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveAsideFiles } from '../../../electron/services/atomic-write';
import { inProcessJobs, workerJobs, type JobRunner } from '../../../electron/services/jobs';
import { ExportJobs } from '../../../electron/services/jobs/export-job';
import type { ExportFilesJob } from '../../../electron/services/jobs/export-files';
import { eightPageBroadsheet } from '../../support/broadsheet-edition';
import type { Edition } from '../../../engine/model/types';
import { buildJobWorker } from '../../support/job-worker';

const TIME = Date.parse('2023-02-16T13:30:00Z');
let dir: string;
let edition: Edition;
const runners: JobRunner[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'banmian-export-jobs-'));
  edition = eightPageBroadsheet(32);
}, 60_000);
afterAll(async () => {
  for (const r of runners) await r.close();
  rmSync(dir, { recursive: true, force: true });
});

const job = (folder: string, pages: number[]): ExportFilesJob => ({
  kind: 'export-files',
  edition,
  preset: 'proof',
  files: pages.map((page) => ({ page, path: join(folder, `p${page}.pdf`) })),
  exportTime: TIME,
});

/** Starts a job and cancels it once `after` pages are done; the progress it saw. */
async function cancelAfter(runner: JobRunner, folder: string, after: number) {
  const seen: { done: number; page: number | null }[] = [];
  let id = '';
  const jobs = new ExportJobs((j, o) =>
    runner.run(j, {
      ...o,
      onProgress: (p) => {
        o.onProgress?.(p);
        const q = p as { done: number; page: number | null };
        seen.push({ done: q.done, page: q.page });
        if (q.done === after) jobs.cancel(id);
      },
    }),
  );
  id = jobs.start(
    job(
      folder,
      edition.pages.map((p) => p.number),
    ),
  );
  return { state: await jobs.finished(id), seen };
}

describe('export jobs', () => {
  it('cancelling a 32-page export leaves nothing behind (in-process)', async () => {
    const folder = join(dir, 'in-process', 'out');
    const { state, seen } = await cancelAfter(inProcessJobs(), folder, 3);
    expect(state.state).toBe('cancelled');
    expect(state.total).toBe(32);
    expect(seen.map((s) => s.page).slice(0, 4)).toEqual([1, 2, 3, 4]);
    // Three pages were made and written aside; none took its name, the aside files are gone, and so are
    // the folders the job made for them.
    expect(existsSync(folder)).toBe(false);
    expect(readdirSync(dir)).not.toContain('in-process');
    expect(liveAsideFiles()).toBe(0);
  }, 120_000);

  it('cancelling a 32-page export in the job worker leaves nothing behind', async () => {
    const runner = workerJobs({ script: await buildJobWorker() });
    runners.push(runner);
    const folder = join(dir, 'worker');
    const { state, seen } = await cancelAfter(runner, folder, 2);
    expect(state.state).toBe('cancelled');
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.length).toBeLessThan(32);
    expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);
  }, 180_000);

  it('a finished job writes every page and sums them up', async () => {
    const folder = join(dir, 'done');
    const jobs = new ExportJobs((j, o) => inProcessJobs().run(j, o));
    const id = jobs.start(job(folder, [2, 5, 3]));
    const state = await jobs.finished(id);
    expect(state.state).toBe('done');
    expect(state.summary!.pages).toBe(3);
    expect(state.summary!.files.map((f) => f.page)).toEqual([2, 5, 3]);
    expect(readdirSync(folder).sort()).toEqual(['p2.pdf', 'p3.pdf', 'p5.pdf']);
    let total = 0;
    for (const f of state.summary!.files) {
      const bytes = readFileSync(f.path);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.byteLength).toBe(f.bytes);
      total += f.bytes;
    }
    expect(state.summary!.bytes).toBe(total);
    expect(() => jobs.cancel(id)).not.toThrow();
    expect(jobs.status(id).state).toBe('done');
  }, 120_000);
});
