// 新建 / 打开 / 另存为 / 最近的期次. In the desktop app the file itself is chosen in the system's
// dialogs; in a browser the host has none, so the editor types a file name, which the host takes
// from its documents folder and nowhere else. The recent list is the start list too.
import { useEffect, useState } from 'react';
import { REPAIRABLE, type RecentEditionInfo } from '../../electron/api';
import type { Template } from '../../engine/templates';

export type FileMode = 'open' | 'new' | 'save-as';

export interface NewEditionForm {
  template: string;
  paper: string;
  date: string;
  pages: number;
  path?: string;
}

const TITLES: Record<FileMode, string> = { open: '打开期次', new: '新建期次', 'save-as': '另存为' };

function when(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function RecentList({ recent, onOpen }: { recent: RecentEditionInfo[]; onOpen(path: string): void }) {
  if (!recent.length) return <p className="muted">还没有打开过期次文件。</p>;
  return (
    <ul className="recent" data-testid="recent-list">
      {recent.map((r) => (
        <li key={r.path}>
          <button
            disabled={!r.exists}
            onClick={() => onOpen(r.path)}
            title={r.exists ? r.label : `${r.label}（文件已不在）`}
          >
            <b>{r.title ?? r.label}</b>
            <span className="path">{r.label}</span>
            <small>{r.exists ? when(r.openedAt) : '文件已不在'}</small>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Today as the date field shows it (local, not UTC: after midnight it is already tomorrow's paper). */
const localDate = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The file name a new edition is offered: 报名-日期, as the printer's files are named. */
export function newEditionFileName(paper: string, date: string): string {
  const p = paper.trim().replace(/[\\/:*?"<>|\s]+/g, '_');
  return p && date ? `${p}-${date}` : '';
}

export function FilePanel({
  mode,
  typed,
  documents,
  recent,
  templates,
  suggested,
  paper,
  busy,
  error,
  onOpen,
  onNew,
  onSaveAs,
  onRepair,
  onClose,
}: {
  mode: FileMode;
  /** The browser host: names are typed (no system dialogs), inside `documents`. */
  typed: boolean;
  documents: string | null;
  recent: RecentEditionInfo[];
  templates: Record<string, Template>;
  suggested: string;
  /** The open edition's paper: the 报名 a new edition starts with. */
  paper?: string;
  busy: boolean;
  error: string | null;
  onOpen(path?: string): void;
  onNew(form: NewEditionForm): void;
  onSaveAs(path?: string): void;
  /** 修复: offered when opening failed on a broken edition that repair can mend. */
  onRepair(): void;
  onClose(): void;
}) {
  const ids = Object.keys(templates).sort();
  // 新建 starts from real values (the open edition's paper, today), so it can be made at once.
  const [form, setForm] = useState<NewEditionForm>({
    template: ids.includes('sikai') ? 'sikai' : (ids[0] ?? ''),
    paper: paper ?? '',
    date: localDate(new Date()),
    pages: 4,
  });
  // The name follows the paper and date until the editor types one of their own.
  const [ownName, setOwnName] = useState<string | null>(null);
  const follows = mode === 'new' ? newEditionFileName(form.paper, form.date) : suggested;
  const name = mode === 'open' ? (ownName ?? '') : (ownName ?? follows);
  // Emptied, it follows them again.
  const setName = (v: string) => setOwnName(v || null);
  useEffect(() => {
    setOwnName(null);
  }, [mode, suggested]);

  const submit = () => {
    const path = typed ? name.trim() : undefined;
    if (typed && !path) return;
    if (mode === 'open') onOpen(path);
    else if (mode === 'save-as') onSaveAs(path);
    else onNew({ ...form, ...(path ? { path } : {}) });
  };
  const newReady =
    mode !== 'new' || (form.paper.trim() && /^\d{4}-\d{2}-\d{2}$/.test(form.date) && form.template);

  return (
    <div
      className="dialog file-dialog"
      role="dialog"
      aria-label={TITLES[mode]}
      data-testid="file-dialog"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <h3>{TITLES[mode]}</h3>
      {mode === 'new' && (
        <div className="form">
          <label>
            报名
            <input
              value={form.paper}
              onChange={(e) => setForm({ ...form, paper: e.target.value })}
              placeholder="报纸名称"
              autoFocus
              data-testid="new-paper"
            />
          </label>
          <label>
            出版日期
            <input
              type="date"
              value={form.date}
              onChange={(e) => setForm({ ...form, date: e.target.value })}
            />
          </label>
          <label>
            版式
            <select value={form.template} onChange={(e) => setForm({ ...form, template: e.target.value })}>
              {ids.map((id) => (
                <option key={id} value={id}>
                  {templates[id].name ?? id}
                </option>
              ))}
            </select>
          </label>
          <label>
            版数
            <input
              type="number"
              min={1}
              max={64}
              value={form.pages}
              onChange={(e) =>
                setForm({ ...form, pages: Math.max(1, Math.min(64, Number(e.target.value) || 1)) })
              }
            />
          </label>
        </div>
      )}
      {typed ? (
        <label className="file-name">
          文件名
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && newReady) submit();
            }}
            placeholder={mode === 'open' ? '文件名（.banmian）' : '文件名'}
            autoFocus={mode !== 'new'}
            data-testid="file-name"
          />
          <small className="muted">
            在文档文件夹 {documents ?? ''} 中{mode === 'open' ? '' : '；不加扩展名时自动加 .banmian'}
          </small>
        </label>
      ) : (
        <p className="muted">
          {mode === 'open' ? '在系统对话框中选择文件。' : '在系统对话框中选择保存位置。'}
        </p>
      )}
      {error && (
        <div className="error" role="alert">
          <p>{error.split('\n')[0]}</p>
          {mode === 'open' && error.includes(REPAIRABLE) && (
            <p>
              <button className="primary" onClick={onRepair} disabled={busy} data-testid="repair">
                修复
              </button>
              <small className="muted"> 修复后另存为一个新文件并打开；原文件保持原样。</small>
            </p>
          )}
        </div>
      )}
      {mode === 'open' && (
        <>
          <h4>最近的期次</h4>
          <RecentList recent={recent} onOpen={(p) => onOpen(p)} />
        </>
      )}
      <div className="buttons">
        <button onClick={onClose}>取消</button>
        <button
          className="primary"
          onClick={submit}
          disabled={busy || !newReady || (typed && !name.trim())}
          data-testid="file-ok"
        >
          {busy ? '请稍候…' : mode === 'open' ? '打开' : mode === 'new' ? '新建' : '保存'}
        </button>
      </div>
    </div>
  );
}
