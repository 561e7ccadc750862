// 校对: an annotated proof PDF comes back from the proofreaders; its marks are listed per article
// (kind, marked text, replacement, note, author, round). A click takes the page view and the editor
// to the place; each edit is accepted (one undoable change, by the engine's proof rules) or
// rejected. A page re-set since the proof was made is named, and its marks are listed, not mapped.
import { useMemo, useState } from 'react';
import { api } from '../api';
import { PROOF_MAX_BYTES } from '../../electron/api';
import { KIND_NAMES, type ProofMark, type UnplacedMark } from '../../engine/proof/types';
import { roundName } from '../../engine/proof/round';
import type { EditionSession } from '../state/session';

type Decision = { state: 'accepted' } | { state: 'rejected' } | { state: 'conflict'; reason: string };

interface Imported {
  name: string;
  marks: ProofMark[];
  unplaced: UnplacedMark[];
  pages: { number: number; status: 'ok' | 'stale' | 'missing'; annotations: number }[];
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function ProofPanel({ session, onClose }: { session: EditionSession; onClose(): void }) {
  const [proof, setProof] = useState<Imported | null>(null);
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    if (file.size > PROOF_MAX_BYTES) {
      setError(
        `校样文件过大（${(file.size / 1048576).toFixed(0)} MB，上限 ${PROOF_MAX_BYTES / 1048576} MB）`,
      );
      return;
    }
    setBusy(true);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const r = await api.call('proof.import', {
        edition: session.edition,
        pdf: toBase64(bytes),
        name: file.name,
      });
      setProof({
        name: file.name,
        marks: r.marks as ProofMark[],
        unplaced: r.unplaced as UnplacedMark[],
        pages: r.pages,
      });
      setDecisions({});
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const byArticle = useMemo(() => {
    const m = new Map<string, ProofMark[]>();
    for (const mark of proof?.marks ?? []) {
      let l = m.get(mark.article);
      if (!l) m.set(mark.article, (l = []));
      l.push(mark);
    }
    return m;
  }, [proof]);

  const go = (m: ProofMark) => {
    session.goToPage(m.page);
    session.openArticle(m.article, { block: m.block, offset: m.start });
  };
  // Accepting and rejecting are history (session.proofDecisions): undo returns the mark to open.
  // Only a conflict (the edit could not be applied) is this panel's own.
  const accept = (m: ProofMark) => {
    const reason = session.acceptProofMark(m);
    if (reason) setDecisions((d) => ({ ...d, [m.id]: { state: 'conflict', reason } }));
  };
  const reject = (m: ProofMark) => session.decideProofMark(m.id, 'rejected');
  const isEdit = (m: ProofMark) => m.kind === 'delete' || m.kind === 'insert' || m.kind === 'replace';

  const stale = proof?.pages.filter((p) => p.status !== 'ok') ?? [];
  const open = proof ? proof.marks.filter((m) => isEdit(m) && !decisions[m.id]).length : 0;

  return (
    <section className="preflight proof" data-testid="proof-panel">
      <h3>
        校对
        <label className="button">
          {busy ? '正在读取…' : '导入已批注的校样 PDF…'}
          <input
            type="file"
            accept="application/pdf,.pdf"
            hidden
            disabled={busy}
            data-testid="proof-file"
            onChange={(e) => {
              void load(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
        {proof && (
          <span className="muted">
            {proof.name} · {proof.marks.length} 处标记{open ? `，${open} 处待处理` : ''}
          </span>
        )}
        <button className="close" onClick={onClose} aria-label="关闭">
          ×
        </button>
      </h3>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {stale.length > 0 && (
        <p className="warn" role="alert" data-testid="proof-stale">
          {stale
            .map((p) =>
              p.status === 'stale' ? `第 ${p.number} 版在导出校样后已改排` : `本期已没有第 ${p.number} 版`,
            )
            .join('；')}
          ：这些版上的 {proof!.unplaced.filter((u) => stale.some((p) => p.number === u.page)).length}{' '}
          处标记无法对应到文字，请对照校样处理。
        </p>
      )}
      {proof && !proof.marks.length && !proof.unplaced.length && <p className="ok">校样上没有批注。</p>}
      {[...byArticle].map(([id, marks]) => (
        <div key={id} className="proof-article">
          <h4>{session.article(id)?.slug ?? id}</h4>
          <ul>
            {marks.map((m) => {
              const decided = session.proofDecisions.get(m.id);
              const d =
                (decided ? ({ state: decided } as Decision) : undefined) ??
                decisions[m.id] ??
                (m.state !== 'open' ? ({ state: m.state } as Decision) : undefined);
              return (
                <li
                  key={m.id}
                  className={`mark kind-${m.kind} ${d ? `done-${d.state}` : ''}`}
                  data-testid="proof-mark"
                  data-kind={m.kind}
                >
                  <button className="where" onClick={() => go(m)} title="转到此处">
                    {m.page}版
                  </button>
                  <span className="kind">{KIND_NAMES[m.kind]}</span>
                  <span className="text">
                    {m.text &&
                      (m.kind === 'delete' || m.kind === 'replace' ? (
                        <del>{m.text}</del>
                      ) : (
                        <span className="marked">{m.text}</span>
                      ))}
                    {m.replacement != null && <ins>{m.replacement}</ins>}
                    {m.note && m.note !== m.replacement && <span className="note">“{m.note}”</span>}
                  </span>
                  <span className="who">
                    {m.author}
                    {m.round ? ` · ${roundName(m.round)}` : ''}
                  </span>
                  {isEdit(m) && !d && (
                    <span className="actions">
                      <button onClick={() => accept(m)} data-testid="proof-accept">
                        采纳
                      </button>
                      <button onClick={() => reject(m)}>不采纳</button>
                    </span>
                  )}
                  {d?.state === 'accepted' && <span className="state ok">已采纳</span>}
                  {d?.state === 'rejected' && <span className="state muted">未采纳</span>}
                  {d?.state === 'conflict' && (
                    <span className="state error" title={d.reason}>
                      冲突：{d.reason}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
      {proof && proof.unplaced.length > 0 && (
        <div className="proof-article">
          <h4>未对应到文字的标记</h4>
          <ul>
            {proof.unplaced.map((u) => (
              <li key={u.id} className="mark unplaced">
                <button className="where" onClick={() => session.goToPage(u.page)}>
                  {u.page}版
                </button>
                <span className="text">{u.note || u.subtype}</span>
                <span className="who">{u.author}</span>
                <span className="muted">{u.reason}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
