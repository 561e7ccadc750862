// What export jobs share: one page's PDF with the layout Node's own, a finding as the API carries it,
// the context a running job reports to, and the cancelled job's error. Apart from run.ts so that the
// jobs (run.ts, export-files.ts) can use it without importing each other.
import { layoutEdition } from '../../../engine/layout';
import type { Edition } from '../../../engine/model/types';
import type { ExportPreset, Finding } from '../../api';
import { loadFontSet } from '../fonts';
import { useEditionFonts } from '../fonts/mapping';
import { exportPdf, PreflightRefusal } from '../pdf';
import type { Finding as PreflightFinding } from '../preflight';
import { loadTemplates } from '../templates';

/** What a running job may report (progress) and ask (whether it was cancelled). */
export interface JobContext {
  progress?(p: unknown): void;
  cancelled?(): boolean;
}

export const displayList = (edition: Edition, pages?: number[]) => {
  useEditionFonts(edition, loadTemplates());
  return layoutEdition(edition, { fonts: loadFontSet(), templates: loadTemplates() }, pages ? { pages } : {});
};

/** One page's PDF, the layout Node's own over the same fonts; a print preset's refusal says which page. */
export async function exportPage(
  edition: Edition,
  n: number,
  o: {
    preset: ExportPreset;
    force?: boolean;
    exportTime?: number;
    round?: number;
    onFindings?(f: PreflightFinding[]): void;
  },
): Promise<Uint8Array> {
  const list = displayList(edition, [n]);
  try {
    // A copy of the painter's bytes in a buffer of their own, so it can be transferred, not copied, back.
    return new Uint8Array(
      await exportPdf(list, edition, {
        preset: o.preset,
        pages: [n],
        force: o.force,
        round: o.round,
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

/** A preflight finding as the API carries it. */
export const apiFinding = (f: PreflightFinding): Finding => ({
  severity: f.severity,
  code: f.code,
  message: f.message,
  page: f.page,
  article: f.article,
  ...(f.position && 'block' in f.position ? { block: f.position.block, offset: f.position.offset } : {}),
});

/** A job stopped because it was cancelled (its files were never committed). */
export class JobCancelled extends Error {
  constructor() {
    super('已取消');
    this.name = 'JobCancelled';
  }
}
