// 字体: the roles (书宋, 标宋, 黑体 …) with the faces that set them in this edition, a choice of face
// per role for this edition (saved with it), the roles whose wanted face is not on this machine, and
// every bundled and installed face with its format, embedding permission and GB 2312 / GBK coverage.
import { useEffect, useState } from 'react';
import { api } from '../api';
import type { EditionSession } from '../state/session';

interface Report {
  roles: { role: string; face: string; substitute: boolean; reason?: string }[];
  faces: {
    id: string;
    name: string;
    source: 'bundled' | 'system' | 'installed';
    format?: string;
    collection?: boolean;
    embeddable?: boolean;
    coverage?: { gb2312: [number, number]; gbk: [number, number] };
  }[];
}

const SOURCE = { bundled: '随附', system: '本机（字体库）', installed: '本机' } as const;
const pct = (c?: [number, number]) => (c && c[1] ? `${Math.floor((c[0] / c[1]) * 1000) / 10}%` : '—');

export function FontsPanel({
  session,
  fallbacks,
  onSetRole,
  onClose,
}: {
  session: EditionSession;
  fallbacks: { role: string; message: string }[];
  onSetRole(role: string, face: string | null): Promise<void>;
  onClose(): void;
}) {
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const load = () =>
    api.call('fonts.report', {}).then(
      (r) => setReport(r.report as Report),
      (e: Error) => setError(e.message),
    );
  useEffect(() => {
    void load();
  }, []);

  const name = (id: string) => report?.faces.find((f) => f.id === id)?.name ?? id;
  const choose = async (role: string, value: string) => {
    setBusy(role);
    setError(null);
    try {
      await onSetRole(role, value || null);
      await load();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="preflight fonts-panel" data-testid="fonts-panel">
      <h3>
        字体
        <button className="close" onClick={onClose} aria-label="关闭">
          ×
        </button>
      </h3>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {fallbacks.length > 0 && (
        <ul data-testid="font-fallbacks">
          {fallbacks.map((f, i) => (
            <li key={i} className="finding sev-warning">
              <span className="sev">警告</span>
              <span className="msg">{f.message}</span>
            </li>
          ))}
        </ul>
      )}
      {!report && !error && <p>正在读取本机字体…</p>}
      {report && (
        <>
          <table className="font-roles">
            <thead>
              <tr>
                <th>角色</th>
                <th>现用字体</th>
                <th>本期设为</th>
              </tr>
            </thead>
            <tbody>
              {report.roles.map((r) => (
                <tr key={r.role} data-role={r.role}>
                  <td>{r.role}</td>
                  <td data-testid={`role-face-${r.role}`}>
                    {name(r.face)}
                    {r.substitute ? '（代用）' : ''}
                  </td>
                  <td>
                    <select
                      aria-label={`${r.role}的字体`}
                      value={session.edition.fonts?.[r.role] ?? ''}
                      disabled={busy !== null || session.readOnly}
                      onChange={(e) => void choose(r.role, e.target.value)}
                    >
                      <option value="">（模板与本机设定）</option>
                      {report.faces.map((f) => (
                        <option key={f.id} value={f.id}>
                          {f.name}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="font-faces">
            <thead>
              <tr>
                <th>字体</th>
                <th>来源</th>
                <th>格式</th>
                <th>GB 2312</th>
                <th>GBK</th>
                <th>嵌入</th>
              </tr>
            </thead>
            <tbody>
              {report.faces.map((f) => (
                <tr key={f.id} data-face={f.id}>
                  <td>{f.name}</td>
                  <td>{SOURCE[f.source]}</td>
                  <td>{f.format ? `${f.format}${f.collection ? '（集合）' : ''}` : '—'}</td>
                  <td>{pct(f.coverage?.gb2312)}</td>
                  <td>{pct(f.coverage?.gbk)}</td>
                  <td>{f.embeddable === undefined ? '—' : f.embeddable ? '可' : '不可（印刷拒绝）'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
