// The long work the API hands off the main thread: PDF export (with its preflight), preflight on its
// own, and proof import. The same functions run inside the job worker (worker.ts) and, where there is
// no bundled worker (tests from TypeScript sources), in-process; either way the answer is the same.
import { layoutEdition } from '../../../engine/layout';
import type { Edition } from '../../../engine/model/types';
import { Refusal, type ExportPreset, type Finding } from '../../api';
import { loadFontSet } from '../fonts';
import { useEditionFonts } from '../fonts/mapping';
import { exportPdf, PreflightRefusal } from '../pdf';
import { preflight, preparePreflightPhotos, type Finding as PreflightFinding } from '../preflight';
import { importProof, ProofReadError, type ProofImport } from '../proof';
import { loadTemplates } from '../templates';
import { exportFiles, type ExportFilesJob, type ExportSummary } from './export-files';

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

/** What a running job may report (progress) and ask (whether it was cancelled). */
export interface JobContext {
  progress?(p: unknown): void;
  cancelled?(): boolean;
}

/** What each job is called in messages to the editor. */
export const JOB_NAMES: Record<JobKind, string> = {
  export: 'PDF 导出',
  preflight: '印前检查',
  proof: '校样导入',
  'export-files': 'PDF 导出',
};

const displayList = (edition: Edition, pages?: number[]) => {
  useEditionFonts(edition, loadTemplates());
  return layoutEdition(edition, { fonts: loadFontSet(), templates: loadTemplates() }, pages ? { pages } : {});
};

/** One page's PDF, the layout Node's own over the same fonts; a print preset's refusal says which page. */
export async function exportPage(
  edition: Edition,
  n: number,
  o: { preset: ExportPreset; force?: boolean; exportTime?: number; onFindings?(f: PreflightFinding[]): void },
): Promise<Uint8Array> {
  const list = displayList(edition, [n]);
  try {
    // A copy of the painter's bytes in a buffer of their own, so it can be transferred, not copied, back.
    return new Uint8Array(
      await exportPdf(list, edition, {
        preset: o.preset,
        pages: [n],
        force: o.force,
        exportTime: o.exportTime === undefined ? undefined : new Date(o.exportTime),
        preflight: { templates: loadTemplates() },
        onFindings: o.onFindings,
      }),
    );
  } catch (e) {
    if (!(e instanceof PreflightRefusal)) throw e;
    const errors = e.findings.filter((f) => f.severity === 'error');
    throw new Error(
      `第 ${n} 版印前检查有 ${errors.length} 个错误，未导出印刷文件：${errors
        .slice(0, 3)
        .map((f) => f.message)
        .join('；')}${errors.length > 3 ? ' …' : ''}`,
      { cause: e },
    );
  }
}

async function exportPages(job: Extract<Job, { kind: 'export' }>): Promise<JobResults['export']> {
  // One file per page, as the printer takes them.
  const numbers = job.pages ?? job.edition.pages.map((p) => p.number);
  const out = [];
  for (const n of numbers) out.push({ page: n, data: await exportPage(job.edition, n, job) });
  return out;
}

async function preflightFindings(job: Extract<Job, { kind: 'preflight' }>): Promise<Finding[]> {
  const list = displayList(job.edition);
  const o = { preset: job.preset, templates: loadTemplates() };
  await preparePreflightPhotos(job.edition, list, o);
  return preflight(job.edition, list, o).map(apiFinding);
}

/** A preflight finding as the API carries it. */
export const apiFinding = (f: PreflightFinding): Finding => ({
  severity: f.severity,
  code: f.code,
  message: f.message,
  page: f.page,
  article: f.article,
  ...(f.position && 'block' in f.position ? { block: f.position.block, offset: f.position.offset } : {}),
});

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

/** A job stopped because it was cancelled (its files were never committed). */
export class JobCancelled extends Error {
  constructor() {
    super('已取消');
    this.name = 'JobCancelled';
  }
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
