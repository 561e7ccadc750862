// An export as one job: every chosen page of one edition to PDF files in one folder, page by page with
// progress, cancellable between pages. Each page's file is written aside (atomic-write.ts) as it is
// made and all of them take their real names only when the last page is done: a cancelled or failed
// job leaves no file at all, and the files that were there before are left as they were.
import { existsSync, mkdirSync, rmdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { roundName } from '../../../engine/proof/round';
import type { Edition } from '../../../engine/model/types';
import type { ExportPreset, Finding } from '../../api';
import { writeAside, type AsideFile } from '../atomic-write';
import { apiFinding, exportPage, JobCancelled, type JobContext } from './export-page';

export interface ExportFilesJob {
  kind: 'export-files';
  edition: Edition;
  preset: ExportPreset;
  /** Pages in the order they are made, each with the file it goes to (a path the caller allowed). */
  files: { page: number; path: string }[];
  force?: boolean;
  /** ms since the epoch; now when absent */ exportTime?: number;
  /** Proofs: the round (校次) they carry. A round's files never replace files already there. */
  round?: number;
}

export interface ExportProgress {
  /** Pages finished. */
  done: number;
  total: number;
  /** The page being made now (null when all are done). */
  page: number | null;
}

export interface ExportSummary {
  files: { page: number; path: string; bytes: number }[];
  pages: number;
  bytes: number;
  /** The print preflight's warnings (and errors, when forced), each once. */
  warnings: Finding[];
}

export async function exportFiles(job: ExportFilesJob, ctx: JobContext = {}): Promise<ExportSummary> {
  const total = job.files.length;
  const aside: { page: number; file: AsideFile; bytes: number }[] = [];
  const warnings = new Map<string, Finding>();
  // Folders made for this job go again when it writes nothing.
  const made: string[] = [];
  const stopIfCancelled = async () => {
    // A turn of the event loop first, so that a cancel message posted meanwhile has arrived.
    await new Promise((r) => setImmediate(r));
    if (ctx.cancelled?.()) throw new JobCancelled();
  };
  try {
    for (const [i, { page, path }] of job.files.entries()) {
      await stopIfCancelled();
      ctx.progress?.({ done: i, total, page } satisfies ExportProgress);
      const data = await exportPage(job.edition, page, {
        ...job,
        onFindings: (found) => {
          for (const f of found.map(apiFinding)) {
            if (f.severity === 'info') continue;
            warnings.set(`${f.page ?? ''}\n${f.code}\n${f.message}`, f);
          }
        },
      });
      await stopIfCancelled();
      const first = mkdirSync(dirname(path), { recursive: true });
      // Every folder from the first one made down to the file's, to remove deepest first.
      for (let f = dirname(path); first && f.length >= first.length; f = dirname(f)) made.push(f);
      aside.push({ page, file: writeAside(path, data), bytes: data.byteLength });
    }
    await stopIfCancelled();
    if (job.round) {
      const taken = aside.find((a) => existsSync(a.file.target));
      if (taken)
        throw new Error(
          `${roundName(job.round)}的校样已存在（${basename(taken.file.target)}），不覆盖之前的校次；请选择下一校次`,
        );
    }
    for (const a of aside) a.file.commit({ overwrite: !job.round });
    ctx.progress?.({ done: total, total, page: null } satisfies ExportProgress);
    const files = aside.map((a) => ({ page: a.page, path: a.file.target, bytes: a.bytes }));
    return {
      files,
      pages: total,
      bytes: files.reduce((s, f) => s + f.bytes, 0),
      warnings: [...warnings.values()],
    };
  } catch (e) {
    for (const a of aside) a.file.discard();
    for (const m of made) removeEmptyFolder(m);
    throw e;
  }
}

function removeEmptyFolder(path: string) {
  try {
    rmdirSync(path);
  } catch {
    /* not empty: something else is in it */
  }
}
