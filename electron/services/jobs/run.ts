// The long work the API hands off the main thread: PDF export (with its preflight), preflight on its
// own, and proof import. The same functions run inside the job worker (worker.ts) and, where there is
// no bundled worker (tests from TypeScript sources), in-process; either way the answer is the same.
import { preflightPhotos } from '../pdf/plate';
import type { Edition } from '../../../engine/model/types';
import { Refusal, type ExportPreset, type Finding } from '../../api';
import { loadFontSet } from '../fonts';
import { useEditionFonts } from '../fonts/mapping';
import { preflight, preparePreflightPhotos } from '../preflight';
import { importProof, ProofReadError, type ProofImport } from '../proof';
import { loadTemplates } from '../templates';
import { exportFiles, type ExportFilesJob, type ExportSummary } from './export-files';
import { apiFinding, displayList, exportPage, JobCancelled, type JobContext } from './export-page';

export { apiFinding, exportPage, JobCancelled, type JobContext } from './export-page';

export type Job =
  | {
      kind: 'export';
      edition: Edition;
      preset: ExportPreset;
      pages?: number[];
      force?: boolean;
      /** ms since the epoch; now when absent */ exportTime?: number;
    }
  | { kind: 'preflight'; edition: Edition; preset: ExportPreset }
  | { kind: 'proof'; edition: Edition; pdf: Uint8Array; name: string }
  | ExportFilesJob;

export type JobKind = Job['kind'];

export interface JobResults {
  export: { page: number; data: Uint8Array }[];
  preflight: Finding[];
  proof: ProofImport;
  'export-files': ExportSummary;
}

/** What each job is called in messages to the editor. */
export const JOB_NAMES: Record<JobKind, string> = {
  export: 'PDF 导出',
  preflight: '印前检查',
  proof: '校样导入',
  'export-files': 'PDF 导出',
};

async function exportPages(job: Extract<Job, { kind: 'export' }>): Promise<JobResults['export']> {
  // One file per page, as the printer takes them.
  const numbers = job.pages ?? job.edition.pages.map((p) => p.number);
  const out = [];
  for (const n of numbers) out.push({ page: n, data: await exportPage(job.edition, n, job) });
  return out;
}

async function preflightFindings(job: Extract<Job, { kind: 'preflight' }>): Promise<Finding[]> {
  const list = displayList(job.edition);
  const templates = loadTemplates();
  const first = list.pages[0]?.number ?? 1;
  const o = {
    preset: job.preset,
    templates,
    photos: preflightPhotos(job.preset, job.edition, first, templates),
  };
  await preparePreflightPhotos(job.edition, list, o);
  return preflight(job.edition, list, o).map(apiFinding);
}

export async function runJob<K extends JobKind>(
  job: Extract<Job, { kind: K }>,
  ctx?: JobContext,
): Promise<JobResults[K]>;
export async function runJob(job: Job, ctx: JobContext = {}): Promise<JobResults[JobKind]> {
  switch (job.kind) {
    case 'export-files':
      return exportFiles(job, ctx);
    case 'export':
      return exportPages(job);
    case 'preflight':
      return preflightFindings(job);
    case 'proof':
      useEditionFonts(job.edition, loadTemplates());
      return importProof(job.edition, job.pdf, {
        fonts: loadFontSet(),
        templates: loadTemplates(),
        label: job.name,
      });
    default:
      throw new Error(`unknown job ${(job as { kind: unknown }).kind}`);
  }
}

/** Byte buffers that may be moved rather than copied: whole ArrayBuffers only (never a slice of a pool). */
export function movable(arrays: Uint8Array[]): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const a of arrays) {
    if (a.buffer instanceof ArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength)
      seen.add(a.buffer);
  }
  return [...seen];
}

/** The buffers of a job or of its result that travel by transfer. */
export function jobBuffers(job: Job): ArrayBuffer[] {
  return job.kind === 'proof' ? movable([job.pdf]) : [];
}
export function resultBuffers(kind: JobKind, result: unknown): ArrayBuffer[] {
  return kind === 'export' ? movable((result as JobResults['export']).map((r) => r.data)) : [];
}

/** A failure as it crosses between threads: its class by name, its message, a refusal's code. */
export interface JobFailure {
  name: string;
  message: string;
  code?: string;
  stack?: string;
}

export function serialiseError(e: unknown): JobFailure {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  return {
    name: e.name,
    message: e.message,
    stack: e.stack,
    ...(e instanceof Refusal ? { code: e.code } : {}),
  };
}

/** The same typed error the work threw, so handlers and the transports answer exactly as before. */
export function reviveError(f: JobFailure): Error {
  let e: Error;
  if (f.name === 'JobCancelled') e = new JobCancelled();
  else if (f.name === 'Refusal' && (f.code === 'refused' || f.code === 'exists' || f.code === 'not-open'))
    e = new Refusal(f.code, f.message);
  else if (f.name === 'ProofReadError') e = new ProofReadError(f.message);
  else {
    e = new Error(f.message);
    e.name = f.name;
  }
  if (f.stack) e.stack = f.stack;
  return e;
}
