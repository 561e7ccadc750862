// The export job methods (export.start / status / cancel). The page names the edition by its open
// file (the store's copy is exported, so photos never travel from the page again) or, for an edition
// without a file, sends it once for the whole job; it never names where the files go beyond the
// export folder rules of pdf.export.
import type { Edition } from '../../engine/model/types';
import type { ExportPreset, Handlers, ProofRoundRecord } from '../api';
import { PRESET_TABLE } from '../api/presets';
import { MAX_ROUND, roundName } from '../../engine/proof/round';
import { nextRound } from './store/proof-rounds';
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
  fileName(edition: Edition, page: number, preset: ExportPreset, round?: number): string;
  joinPath(dir: string, name: string): string;
  /** Whether a file is already there (a proof round never replaces one). */
  exists(path: string): boolean;
  /** The proof rounds an open edition file records, and recording one (absent where files keep none). */
  proofRounds?(path: string): ProofRoundRecord[];
  recordProofRound?(path: string, round: ProofRoundRecord): void;
}

type JobHandlers = Pick<Handlers, 'export.start' | 'export.status' | 'export.cancel' | 'export.rounds'>;

export function exportJobHandlers(d: ExportJobDeps): JobHandlers {
  const jobs = () => d.jobs() ?? unavailable();
  return {
    'export.start': async ({ path, edition: sent, preset, pages, target, force, round }) => {
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
      const file = path ? d.openFile(path) : null;
      const proof = !PRESET_TABLE[preset].print;
      const filesOf = (r?: number) =>
        numbers.map((page) => ({
          page,
          path: d.joinPath(chosen.path, d.fileName(edition, page, preset, r)),
        }));
      // A proof is the next round unless the editor chose one; the next round also passes any round
      // whose files are already in the folder (an edition without a file records none).
      let r = proof ? (round ?? nextRound(file ? (d.proofRounds?.(file) ?? []) : [])) : undefined;
      if (r && !round) while (r < MAX_ROUND && filesOf(r).some((f) => d.exists(f.path))) r++;
      const files = filesOf(r);
      const taken = r ? files.find((f) => d.exists(f.path)) : undefined;
      if (r && taken)
        throw new Error(`${roundName(r)}的校样已存在（${taken.path}），不覆盖之前的校次；请选择下一校次`);
      const job = jobs().start({ kind: 'export-files', edition, preset, files, force, round: r }, () => {
        if (r && file)
          d.recordProofRound?.(file, { round: r, exported: new Date().toISOString(), pages: numbers });
      });
      return { job, folder: chosen.handle, total: files.length, ...(r ? { round: r } : {}) };
    },
    'export.rounds': async ({ path }) => {
      const rounds = path ? (d.proofRounds?.(d.openFile(path)) ?? []) : [];
      return { rounds, next: nextRound(rounds) };
    },
    'export.status': async ({ job }) => jobs().status(job),
    'export.cancel': async ({ job }) => jobs().cancel(job),
  };
}

function unavailable(): never {
  throw new Error('导出任务在此不可用');
}
