// An export job as the editor follows it: the page being made (第 n/N 版) with a progress bar and 取消,
// then the summary (files, pages, size, preflight warnings). The job runs on the Node side
// (export.start); this side only asks how far it is, so typing and autosave go on meanwhile.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import type { ExportJobState, ExportPreset } from '../../electron/api';

/** How often the page asks how far the job is. */
const POLL_MS = 250;

export interface ExportRequest {
  /** The open file (saved first), or the edition itself when it has no file. */
  source: { path: string } | { edition: import('../../engine/model/types').Edition };
  preset: ExportPreset;
  pages: number[];
  force: boolean;
  /** Proofs: the round (校次) the editor chose; the next round when absent. */
  round?: number;
}

export function useExportJob() {
  const [job, setJob] = useState<string | null>(null);
  const [state, setState] = useState<ExportJobState | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The round the last proof export was given. */
  const [round, setRound] = useState<number | null>(null);
  const target = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (!job) return;
    let stop = false;
    const tick = async () => {
      if (stop) return;
      try {
        const s = await api.call('export.status', { job });
        if (stop) return;
        setState(s);
        if (s.state === 'running') setTimeout(tick, POLL_MS);
      } catch (e) {
        if (!stop) setError((e as Error).message);
      }
    };
    void tick();
    return () => {
      stop = true;
    };
  }, [job]);

  const start = useCallback(async (r: ExportRequest) => {
    setError(null);
    setState(null);
    setJob(null);
    setRound(null);
    try {
      const res = await api.call('export.start', {
        ...r.source,
        preset: r.preset,
        pages: r.pages,
        target: target.current,
        force: r.force,
        ...(r.round ? { round: r.round } : {}),
      });
      if (!res.job) return;
      setRound(res.round ?? null);
      target.current = res.folder ?? undefined;
      setState({ state: 'running', done: 0, total: res.total, page: r.pages[0] ?? null });
      setJob(res.job);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  const cancel = useCallback(async () => {
    if (!job) return;
    try {
      setState(await api.call('export.cancel', { job }));
    } catch (e) {
      setError((e as Error).message);
    }
  }, [job]);

  const running = state?.state === 'running';
  return {
    state,
    error: error ?? (state?.state === 'failed' ? (state.error ?? '导出失败') : null),
    running,
    round,
    start,
    cancel,
  };
}

const size = (bytes: number) =>
  bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

export function ExportProgress({
  state,
  onCancel,
  story,
}: {
  state: ExportJobState;
  onCancel(): void;
  /** How a finding's story is named: its slug (主题), never its internal id. */
  story?(id: string): string;
}) {
  if (state.state === 'running') {
    const n = Math.min(state.done + 1, state.total);
    return (
      <div className="progress" aria-label="导出进度">
        <progress max={state.total} value={state.done} data-testid="export-progress" />
        <span data-testid="export-page">
          第 {n}/{state.total} 版
        </span>
        <button className="small" onClick={onCancel} data-testid="export-cancel">
          取消
        </button>
      </div>
    );
  }
  if (state.state === 'cancelled')
    return (
      <p className="hint" data-testid="export-cancelled">
        已取消导出，没有写入任何文件。
      </p>
    );
  if (state.state !== 'done' || !state.summary) return null;
  const s = state.summary;
  return (
    <div className="done" data-testid="export-done">
      <p data-testid="export-summary">
        已导出 {s.files.length} 个文件，共 {s.pages} 个版，{size(s.bytes)}
        {s.warnings.length ? `；印前检查警告 ${s.warnings.length} 条` : ''}：
      </p>
      <ul>
        {s.files.map((f) => (
          <li key={f.path} className="path">
            {f.path}
          </li>
        ))}
      </ul>
      {s.warnings.length > 0 && (
        <ul className="warnings" data-testid="export-warnings">
          {s.warnings.map((w, i) => (
            <li key={i}>
              {w.page ? `${w.page}版 ` : ''}
              {w.article ? `稿件“${story ? story(w.article) : w.article}” ` : ''}
              {w.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
