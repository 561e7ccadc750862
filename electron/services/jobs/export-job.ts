// Export jobs as the API sees them: started, followed (pages done, the page being made), cancelled,
// and summed up at the end. The work itself runs in the job worker (export-files.ts) — a worker thread
// of the process that answers the API. In the desktop app that is the main process's services too:
// an Electron `utilityProcess` would isolate it further, but the Electron binary cannot run where the
// product is tested, so the tested worker thread is what the app uses (the event loop that answers
// autosave and typing stays free either way).
import { randomUUID } from 'node:crypto';
import type { ExportJobState } from '../../api';
import type { ExportFilesJob, ExportProgress, ExportSummary } from './export-files';
import { JobCancelled, type RunOptions } from '.';

/** Runs an export-files job (the job runner's `run`). */
export type RunExport = (job: ExportFilesJob, o: RunOptions) => Promise<ExportSummary>;

interface Entry {
  state: ExportJobState;
  abort: AbortController;
  finished: Promise<void>;
}

/** Jobs kept after they end, so a late status call still gets the summary; the oldest go first. */
const FINISHED_KEPT = 20;

export class ExportJobs {
  private jobs = new Map<string, Entry>();

  constructor(private readonly runExport: RunExport) {}

  /** Starts the job; returns its id at once. `onDone` is told the summary when every file is written. */
  start(job: ExportFilesJob, onDone?: (summary: ExportSummary) => void): string {
    const id = `export-${randomUUID()}`;
    const abort = new AbortController();
    const state: ExportJobState = {
      state: 'running',
      done: 0,
      total: job.files.length,
      page: job.files[0]?.page ?? null,
    };
    const entry: Entry = { state, abort, finished: Promise.resolve() };
    entry.finished = this.runExport(job, {
      signal: abort.signal,
      onProgress: (p) => {
        const { done, page } = p as ExportProgress;
        if (entry.state.state === 'running') entry.state = { ...entry.state, done, page };
      },
    }).then(
      (summary) => {
        entry.state = { state: 'done', done: summary.pages, total: summary.pages, page: null, summary };
        try {
          onDone?.(summary);
        } catch {
          // The files are written; what follows them (a proof round's record) cannot undo that.
        }
      },
      (e: Error) => {
        entry.state =
          e instanceof JobCancelled || abort.signal.aborted
            ? { ...entry.state, state: 'cancelled', page: null }
            : { ...entry.state, state: 'failed', page: null, error: e.message };
      },
    );
    this.jobs.set(id, entry);
    this.forgetOld();
    return id;
  }

  status(id: string): ExportJobState {
    return this.entry(id).state;
  }

  /** Asks the job to stop; it stops before its next page and commits no file. */
  cancel(id: string): ExportJobState {
    const e = this.entry(id);
    if (e.state.state === 'running') e.abort.abort();
    return e.state;
  }

  /** The state once the job has ended. */
  async finished(id: string): Promise<ExportJobState> {
    await this.entry(id).finished;
    return this.entry(id).state;
  }

  private entry(id: string): Entry {
    const e = this.jobs.get(id);
    if (!e) throw new Error(`没有这个导出任务（${id}）`);
    return e;
  }

  private forgetOld() {
    const ended = [...this.jobs].filter(([, e]) => e.state.state !== 'running');
    for (const [id] of ended.slice(0, Math.max(0, ended.length - FINISHED_KEPT))) this.jobs.delete(id);
  }
}
