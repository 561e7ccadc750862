// The 32-page 对开 edition exported as one export job (export.start's work: every page in the job
// worker, written aside and named at the end), as the app runs it: time, and the process's peak
// resident memory while the job runs (main thread and worker share the process; sampled every 10 ms).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from './harness';
import { eightPageBroadsheet } from '../tests/support/broadsheet-edition';
import { defaultJobs } from '../electron/services/jobs';
import { ExportJobs } from '../electron/services/jobs/export-job';

const TIME = Date.parse('2023-02-16T13:30:00Z');

export const exportJobBenches: Bench[] = (
  [
    ['s', 'time'],
    ['MB', 'peak memory of the process'],
  ] as const
).map(([unit, what]) => ({
  name: `pdf: 32-page 对开 edition exported as one export job (export.start, job worker, PDF/X-1a), ${what}`,
  target: unit === 's' ? '≤ 6 s' : '≤ 1024 MB',
  unit,
  measure: 'value',
  runs: 3,
  setup() {
    const edition = eightPageBroadsheet(32);
    const runner = defaultJobs();
    const jobs = new ExportJobs((j, o) => runner.run(j, o));
    return async () => {
      const dir = mkdtempSync(join(tmpdir(), 'banmian-bench-job-'));
      let peak = process.memoryUsage().rss;
      const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
      const t0 = performance.now();
      const id = jobs.start({
        kind: 'export-files',
        edition,
        preset: 'print-x1a',
        force: true,
        exportTime: TIME,
        files: edition.pages.map((p) => ({ page: p.number, path: join(dir, `p${p.number}.pdf`) })),
      });
      const state = await jobs.finished(id);
      const s = (performance.now() - t0) / 1000;
      clearInterval(sample);
      rmSync(dir, { recursive: true, force: true });
      if (state.state !== 'done') throw new Error(state.error ?? state.state);
      return unit === 's' ? s : peak / 1048576;
    };
  },
}));
