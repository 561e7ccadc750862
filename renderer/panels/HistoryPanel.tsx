// 历史版本: the open article's revisions kept in the edition file (who, when, why), any two compared
// with the character diff (engine/history/diff.ts; the text now counts as one of them), and a
// revision restored as one undoable step, saved by autosave like typed text.
import { useEffect, useMemo, useState } from 'react';
import type { Operation } from 'slate';
import { api } from '../api';
import { diffArticles, diffStats } from '../../engine/history/diff';
import { STATUS_LABELS } from '../../engine/model/status';
import type { ArticleStatus, Block } from '../../engine/model/types';
import type { EditionSession } from '../state/session';

interface Rev {
  id: number;
  at: string;
  author: string;
  note: string;
  status: string;
  blocks: Block[];
}

const NOW = -1;

/** The operations that put an article's blocks back to `target`, whole blocks replaced. */
export function restoreOps(current: Block[], target: Block[]): Operation[] {
  const ops: Operation[] = [];
  for (let i = current.length - 1; i >= 0; i--)
    ops.push({ type: 'remove_node', path: [i], node: current[i] } as unknown as Operation);
  target.forEach((b, i) =>
    ops.push({ type: 'insert_node', path: [i], node: structuredClone(b) } as unknown as Operation),
  );
  return ops;
}

const when = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : `${d.getMonth() + 1}月${d.getDate()}日 ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

export function HistoryPanel({ session, onClose }: { session: EditionSession; onClose(): void }) {
  const article = session.article(session.currentArticle);
  const [revs, setRevs] = useState<Rev[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pair, setPair] = useState<[number, number]>([NOW, NOW]);
  const [message, setMessage] = useState<string | null>(null);
  const path = session.path;
  const id = article?.id;

  useEffect(() => {
    setRevs(null);
    setError(null);
    if (!id) return;
    if (!path) {
      setError('期次还没有存为文件，没有历史版本');
      return;
    }
    api.call('history.list', { path, article: id }).then(
      (r) => {
        const list = (r.revisions as Rev[]).slice().reverse();
        setRevs(list);
        setPair([list[0]?.id ?? NOW, NOW]);
      },
      (e: unknown) => setError(`历史版本读取失败：${(e as Error).message}`),
    );
  }, [id, path]);

  const blocksOf = (k: number): Block[] =>
    k === NOW ? (article?.blocks ?? []) : (revs?.find((r) => r.id === k)?.blocks ?? []);
  const diff = useMemo(
    () => (revs && pair[0] !== pair[1] ? diffArticles(blocksOf(pair[0]), blocksOf(pair[1])) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [revs, pair, article?.blocks],
  );

  const restore = (r: Rev) => {
    if (!article) return;
    session.applyTextChanges(`恢复历史版本`, [
      { article: article.id, ops: restoreOps(article.blocks, r.blocks) },
    ]);
    setMessage(`已恢复 ${when(r.at)} ${r.author} 的版本；可撤销`);
  };

  const label = (k: number) => (k === NOW ? '当前' : `#${k}`);
  return (
    <section className="preflight history" role="dialog" aria-label="历史版本" data-testid="history-panel">
      <h3>
        历史版本 {article ? `· ${article.slug || article.id}` : ''}
        <button className="close" onClick={onClose} aria-label="关闭">
          ×
        </button>
      </h3>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {revs && !revs.length && <p className="ok">这篇稿件还没有历史版本。</p>}
      {revs && revs.length > 0 && (
        <>
          <ul>
            {revs.map((r) => (
              <li key={r.id} className="finding revision" data-testid="revision">
                <label title="比较：旧">
                  <input
                    type="radio"
                    name="rev-a"
                    checked={pair[0] === r.id}
                    onChange={() => setPair([r.id, pair[1]])}
                  />
                </label>
                <label title="比较：新">
                  <input
                    type="radio"
                    name="rev-b"
                    checked={pair[1] === r.id}
                    onChange={() => setPair([pair[0], r.id])}
                  />
                </label>
                <span className="where">
                  #{r.id} {when(r.at)} {r.author}
                </span>
                <span className="msg">{r.note || STATUS_LABELS[r.status as ArticleStatus] || ''}</span>
                <button onClick={() => restore(r)}>恢复</button>
              </li>
            ))}
            <li className="finding revision">
              <input type="radio" disabled />
              <label title="比较：新">
                <input
                  type="radio"
                  name="rev-b"
                  checked={pair[1] === NOW}
                  onChange={() => setPair([pair[0], NOW])}
                />
              </label>
              <span className="where">当前</span>
            </li>
          </ul>
          {diff && (
            <div className="diff" data-testid="revision-diff">
              <p className="muted">
                {label(pair[0])} → {label(pair[1])}：增 {diffStats(diff).inserted} 字，删{' '}
                {diffStats(diff).deleted} 字
              </p>
              <p>
                {diff.map((d, i) =>
                  d.op === 'equal' ? (
                    <span key={i}>{d.text}</span>
                  ) : d.op === 'insert' ? (
                    <ins key={i}>{d.text}</ins>
                  ) : (
                    <del key={i}>{d.text}</del>
                  ),
                )}
              </p>
            </div>
          )}
        </>
      )}
      {message && (
        <p className="msg" role="status">
          {message}
        </p>
      )}
    </section>
  );
}
