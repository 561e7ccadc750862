// The job worker's entry (bundled as dist/jobs-worker.cjs and out/main/jobs-worker.js): runs the jobs
// the main thread posts, one message each, and answers with the result or the failure.
import '../module-stand-ins-now';
import { parentPort, workerData } from 'node:worker_threads';
import { adoptResourceLayout, type ResourceLayout } from '../resources';
import { resultBuffers, runJob, serialiseError, type Job } from './run';

const port = parentPort;
if (!port) throw new Error('jobs-worker runs as a worker thread, not on its own');
// Fonts, templates and the colour profile from where the app that started this thread finds them.
adoptResourceLayout((workerData as { layout: ResourceLayout }).layout);

port.on('message', async ({ id, job }: { id: number; job: Job }) => {
  try {
    const result = await runJob(job);
    port.postMessage({ id, ok: true, result }, resultBuffers(job.kind, result));
  } catch (e) {
    port.postMessage({ id, ok: false, error: serialiseError(e) });
  }
});
