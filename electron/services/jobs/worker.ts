// The job worker's entry (bundled as dist/jobs-worker.cjs and out/main/jobs-worker.js): runs the jobs
// the main thread posts, one message each, and answers with the result or the failure.
import '../module-stand-ins-now';
import { parentPort, workerData } from 'node:worker_threads';
import { keepPrintPhotosIn } from '../pdf/photo-store';
import { adoptResourceLayout, type ResourceLayout } from '../resources';
import { resultBuffers, runJob, serialiseError, type Job } from './run';

const port = parentPort;
if (!port) throw new Error('jobs-worker runs as a worker thread, not on its own');
// Fonts, templates and the colour profile from where the app that started this thread finds them.
const data = workerData as { layout: ResourceLayout; photoCacheDir: string | null };
adoptResourceLayout(data.layout);
// Photos prepared for print are kept on disk (keyed by content and every plate setting), so an edition
// exported again through the night separates no photo twice, as the command line does.
keepPrintPhotosIn(data.photoCacheDir);

// Jobs cancelled by the main thread: a job looks between its steps and stops there.
const cancelled = new Set<number>();

port.on('message', async (m: { id: number; job: Job } | { cancel: number }) => {
  if ('cancel' in m) return void cancelled.add(m.cancel);
  const { id, job } = m;
  try {
    const result = await runJob(job, {
      progress: (progress) => port.postMessage({ id, progress }),
      cancelled: () => cancelled.has(id),
    });
    port.postMessage({ id, ok: true, result }, resultBuffers(job.kind, result));
  } catch (e) {
    port.postMessage({ id, ok: false, error: serialiseError(e) });
  } finally {
    cancelled.delete(id);
  }
});
