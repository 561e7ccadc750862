// Long work off the main thread. The desktop main process and the loopback host answer every API call
// on one event loop; a PDF export or a proof import that ran there would hold up everything else
// (autosave included) until it finished. So the handlers post such work to a worker thread and await
// the answer: one worker, started with the first job and kept for the next ones; buffers go across by
// transfer, failures come back as the errors the work threw. When the worker dies (a crash, memory
// exhausted), the jobs it held fail with a clear message and the next job starts a fresh worker.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { jobWorkerScript, resourceLayout } from '../resources';
import {
  JOB_NAMES,
  jobBuffers,
  reviveError,
  runJob,
  type Job,
  type JobFailure,
  type JobKind,
  type JobResults,
} from './run';

export { JOB_NAMES, JobCancelled, runJob, type Job, type JobKind, type JobResults } from './run';

/** How the caller follows a job: its progress reports, and a signal that cancels it. */
export interface RunOptions {
  onProgress?(p: unknown): void;
  signal?: AbortSignal;
}

export interface JobRunner {
  /** Where jobs run: a worker thread, or this thread (no bundled worker, as in tests from sources). */
  readonly where: 'worker' | 'in-process';
  run<K extends JobKind>(job: Extract<Job, { kind: K }>, o?: RunOptions): Promise<JobResults[K]>;
  /** Stops the worker (jobs it holds fail); the next job starts another. */
  close(): Promise<void>;
}

/** Runs jobs on the calling thread. */
export function inProcessJobs(): JobRunner {
  return {
    where: 'in-process',
    run: (job, o = {}) =>
      runJob(job, { progress: o.onProgress, cancelled: () => o.signal?.aborted ?? false }),
    close: async () => {},
  };
}

export interface WorkerJobOptions {
  /** The bundled worker entry (jobs-worker.cjs / jobs-worker.js). */
  script: string;
  /** Heap limit of the worker, MB: past it the worker ends and its job fails, the app does not. */
  maxHeapMb?: number;
  /** Where the worker keeps photos prepared for print between exports (photo-store.ts); none when absent. */
  photoCacheDir?: string;
}

/** The message a job gets when its worker ended under it. */
export function workerLostMessage(kind: JobKind, why: string): string {
  return `${JOB_NAMES[kind]}的后台任务意外中止（${why}），这次没有完成；文件和期次都未改动，请重试`;
}

interface Pending {
  kind: JobKind;
  onProgress?(p: unknown): void;
  resolve(v: unknown): void;
  reject(e: Error): void;
}

/** Runs jobs in one worker thread, started lazily and kept between jobs. */
export function workerJobs(opts: WorkerJobOptions): JobRunner {
  let worker: Worker | null = null;
  const pending = new Map<number, Pending>();
  let next = 1;

  const lost = (w: Worker, why: string) => {
    if (worker !== w) return;
    worker = null;
    for (const p of pending.values()) p.reject(new Error(workerLostMessage(p.kind, why)));
    pending.clear();
  };

  const spawn = (): Worker => {
    if (!existsSync(opts.script))
      throw new Error(`安装不完整：找不到后台任务文件 ${opts.script}，请重新安装版面`);
    const w = new Worker(opts.script, {
      workerData: { layout: resourceLayout(), photoCacheDir: opts.photoCacheDir ?? null },
      resourceLimits: { maxOldGenerationSizeMb: opts.maxHeapMb ?? 4096 },
    });
    w.on(
      'message',
      (m: { id: number; ok: boolean; result?: unknown; error?: JobFailure; progress?: unknown }) => {
        const p = pending.get(m.id);
        if (!p) return;
        if ('progress' in m) return p.onProgress?.(m.progress);
        pending.delete(m.id);
        // Idle, the worker must not keep the process alive; busy, it must.
        if (!pending.size) w.unref();
        if (m.ok) p.resolve(m.result);
        else p.reject(reviveError(m.error!));
      },
    );
    w.on('error', (e: Error & { code?: string }) =>
      lost(w, e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? '内存不足' : e.message),
    );
    w.on('exit', (code) => lost(w, `退出码 ${code}`));
    return w;
  };

  return {
    where: 'worker',
    run<K extends JobKind>(job: Extract<Job, { kind: K }>, o: RunOptions = {}): Promise<JobResults[K]> {
      return new Promise<JobResults[K]>((resolve, reject) => {
        try {
          const w = (worker ??= spawn());
          const id = next++;
          w.postMessage({ id, job }, jobBuffers(job));
          pending.set(id, {
            kind: job.kind,
            onProgress: o.onProgress,
            resolve: resolve as (v: unknown) => void,
            reject,
          });
          // The worker checks between steps (pages) whether its job was cancelled.
          o.signal?.addEventListener('abort', () => w.postMessage({ cancel: id }), { once: true });
          w.ref();
        } catch (e) {
          reject(e as Error);
        }
      });
    },
    async close() {
      const w = worker;
      if (!w) return;
      lost(w, '已关闭');
      await w.terminate();
    },
  };
}

/**
 * The runner for this installation: the bundled worker beside the running code (resources.ts knows
 * where), or in-process when running from TypeScript sources, where there is no bundle.
 */
export function defaultJobs(photoCacheDir?: string): JobRunner {
  const script = jobWorkerScript();
  return script ? workerJobs({ script, photoCacheDir }) : inProcessJobs();
}
