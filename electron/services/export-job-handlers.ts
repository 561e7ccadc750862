// The export job methods (export.start / status / cancel). The page names the edition by its open
// file (the store's copy is exported, so photos never travel from the page again) or, for an edition
// without a file, sends it once for the whole job; it never names where the files go beyond the
// export folder rules of pdf.export.
import type { Edition } from '../../engine/model/types';
import type { ExportPreset, Handlers } from '../api';
import type { ExportJobs } from './jobs/export-job';

export interface ExportJobDeps {
  /** Undefined where the services run no export jobs. */
  jobs(): ExportJobs | undefined;
  /** The edition as its open file stores it (with its photos). */
  storedEdition(path: string): Edition | undefined;
  /** The open file the page names (refused when it is not one this process opened). */
  openFile(typed: string): string;
  /** The export folder rules of pdf.export; null when the editor closed the dialog. */
  exportFolder(target: string | undefined): Promise<{ path: string; handle: string } | null>;
  fileName(edition: Edition, page: number, preset: ExportPreset): string;
  joinPath(dir: string, name: string): string;
}

type JobHandlers = Pick<Handlers, 'export.start' | 'export.status' | 'export.cancel'>;

export function exportJobHandlers(d: ExportJobDeps): JobHandlers {
  const jobs = () => d.jobs() ?? unavailable();
  return {
    'export.start': async ({ path, edition: sent, preset, pages, target, force }) => {
      if (!!path === !!sent) throw new Error('导出需要指明期次：已打开的文件，或（尚无文件时）期次本身');
      const edition = path ? (d.storedEdition(d.openFile(path)) ?? unavailable()) : sent!;
      const numbers = pages ?? edition.pages.map((p) => p.number);
      for (const p of numbers) {
        if (!edition.pages.some((pg) => pg.number === p)) throw new Error(`期次中没有第 ${p} 版`);
      }
      if (new Set(numbers).size !== numbers.length) throw new Error('导出的版号重复');
      if (!numbers.length) throw new Error('没有要导出的版');
      const chosen = await d.exportFolder(target);
      if (!chosen) return { job: null, folder: null, total: 0 };
      const files = numbers.map((page) => ({
        page,
        path: d.joinPath(chosen.path, d.fileName(edition, page, preset)),
      }));
      const job = jobs().start({ kind: 'export-files', edition, preset, files, force });
      return { job, folder: chosen.handle, total: files.length };
    },
    'export.status': async ({ job }) => jobs().status(job),
    'export.cancel': async ({ job }) => jobs().cancel(job),
  };
}

function unavailable(): never {
  throw new Error('导出任务在此不可用');
}
