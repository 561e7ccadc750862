// Export with presets as one job on the Node side over the edition as its file stores it (autosave
// first), followed page by page and cancellable (ExportProgress.tsx); and the preflight findings, each
// of which takes the editor to its place.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { PRESET_TABLE, PRESETS as PRESET_IDS, type ExportPreset, type Finding } from '../../electron/api';
import type { EditionSession } from '../state/session';
import { ExportProgress, useExportJob, type ExportRequest } from './ExportProgress';
import { RoundPicker, useNextRound } from './ProofRound';
import { roundName } from '../../engine/proof/round';
import { OutputConditionPicker } from './OutputCondition';

// Proofs first: what an editor exports most; then the print presets in the table's order.
export const PRESETS: { id: ExportPreset; label: string; note: string }[] = [...PRESET_IDS]
  .sort((a, b) => Number(PRESET_TABLE[a].print) - Number(PRESET_TABLE[b].print))
  .map((id) => ({ id, label: PRESET_TABLE[id].label, note: PRESET_TABLE[id].note }));

export function ExportPanel({
  session,
  onClose,
  flush,
}: {
  session: EditionSession;
  onClose(): void;
  /** Autosave now: the export reads the file, so what was typed must be in it. */
  flush?: () => Promise<void>;
}) {
  const [preset, setPreset] = useState<ExportPreset>('proof');
  const [scope, setScope] = useState<'current' | 'all'>('current');
  const [refused, setRefused] = useState<string | null>(null);
  const [round, setRound] = useState<number | undefined>(undefined);
  const job = useExportJob();
  const proof = !PRESET_TABLE[preset].print;
  const next = useNextRound(session.path, job.state?.state);

  const run = async (force = false) => {
    const pages = scope === 'all' ? session.edition.pages.map((p) => p.number) : [session.currentPage];
    setRefused(null);
    if (session.path && !session.readOnly) await flush?.();
    let source: ExportRequest['source'];
    if (session.path && !session.dirty) source = { path: session.path };
    else if (!session.path || session.readOnly) source = { edition: session.edition };
    else return setRefused('最近的修改还没有保存到文件，请稍后再导出');
    await job.start({ source, preset, pages, force, round: proof ? round : undefined });
    setRound(undefined);
  };

  const busy = job.running;
  const error = refused ?? job.error;
  return (
    <div className="dialog" role="dialog" aria-label="导出 PDF" data-testid="export-dialog">
      <h3>导出 PDF</h3>
      <fieldset>
        <legend>预设</legend>
        {PRESETS.map((p) => (
          <label key={p.id} className="radio">
            <input
              type="radio"
              name="preset"
              value={p.id}
              checked={preset === p.id}
              onChange={() => setPreset(p.id)}
            />
            <b>{p.label}</b> <small>{p.note}</small>
          </label>
        ))}
      </fieldset>
      {proof && <RoundPicker next={next} value={round} onChange={setRound} />}
      {!proof && !session.readOnly && <OutputConditionPicker session={session} />}
      <fieldset>
        <legend>范围</legend>
        <label className="radio">
          <input type="radio" checked={scope === 'current'} onChange={() => setScope('current')} />
          当前版（第 {session.currentPage} 版）
        </label>
        <label className="radio">
          <input type="radio" checked={scope === 'all'} onChange={() => setScope('all')} />
          全部 {session.edition.pages.length} 个版
        </label>
      </fieldset>
      {job.state && (
        <ExportProgress
          state={job.state}
          onCancel={job.cancel}
          story={(id) => session.article(id)?.slug ?? id}
        />
      )}
      {job.round && job.state?.state === 'done' && (
        <p className="hint" data-testid="export-round-done">
          校样为{roundName(job.round)}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          导出失败：{error}
        </p>
      )}
      {error && !refused && PRESET_TABLE[preset].print && (
        <p className="hint">
          请先在印前检查中处理这些问题；确需付印时可{' '}
          <button className="small" onClick={() => run(true)}>
            仍然导出
          </button>
        </p>
      )}
      <div className="buttons">
        <button onClick={onClose}>关闭</button>
        <button className="primary" onClick={() => run()} disabled={busy} data-testid="export-run">
          {busy ? '正在导出…' : '导出'}
        </button>
      </div>
    </div>
  );
}

const SEVERITY: Record<Finding['severity'], string> = { error: '错误', warning: '警告', info: '提示' };

export function PreflightPanel({ session, onClose }: { session: EditionSession; onClose(): void }) {
  const [preset, setPreset] = useState<ExportPreset>('print-x1a');
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = useCallback(async () => {
    setBusy(true);
    setError(null);
    try {
      setFindings((await api.call('preflight.run', { edition: session.edition, preset })).findings);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [preset]);
  // Checked as the panel opens and whenever the preset changes; 检查 checks again.
  useEffect(() => {
    void run();
  }, [run]);

  const go = (f: Finding) => {
    if (f.page) session.goToPage(f.page);
    if (f.article)
      session.openArticle(f.article, f.block != null ? { block: f.block, offset: f.offset ?? 0 } : undefined);
  };

  return (
    <section className="preflight" data-testid="preflight">
      <h3>
        印前检查
        <select value={preset} onChange={(e) => setPreset(e.target.value as ExportPreset)}>
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
        <button onClick={run} disabled={busy}>
          {busy ? '检查中…' : '检查'}
        </button>
        <button className="close" onClick={onClose} aria-label="关闭">
          ×
        </button>
      </h3>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {findings && !findings.length && <p className="ok">未发现问题。</p>}
      {findings && findings.length > 0 && (
        <ul>
          {findings.map((f, i) => (
            <li key={i} className={`finding sev-${f.severity}`} onClick={() => go(f)} title="转到此处">
              <span className="sev">{SEVERITY[f.severity]}</span>
              <span className="where">
                {f.page ? `${f.page}版` : ''}
                {f.article ? ` ${session.article(f.article)?.slug ?? f.article}` : ''}
              </span>
              <span className="msg">{f.message}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
