// 查找替换: find words in the article, the page or the whole edition (full/half-width alike, Latin
// without case, whole words by the word segmenter), go to each hit (selected in the editor, shown on
// the page), replace it, or replace them all as one undoable step. Locked articles (定稿, 签发) are
// left as they are and counted.
import { useMemo, useState } from 'react';
import { isLocked } from '../../engine/model/status';
import {
  articlesInOrder,
  findInArticles,
  replaceOps,
  type FindHit,
  type FindOptions,
} from '../../engine/text/find';
import type { Operation } from 'slate';
import { goToPlace } from '../state/goto';
import type { EditionSession } from '../state/session';

type Scope = 'article' | 'page' | 'edition';
const SCOPES: [Scope, string][] = [
  ['article', '本稿'],
  ['page', '本版'],
  ['edition', '全期'],
];

/** Replaces these hits, grouped by article, as one undoable step; returns how many were replaced and how many locked hits were left. */
export function replaceHits(
  session: EditionSession,
  hits: FindHit[],
  replacement: string,
  label = '替换',
): { replaced: number; locked: number } {
  const byArticle = new Map<string, FindHit[]>();
  let locked = 0;
  for (const h of hits) {
    if (isLocked(session.article(h.article)?.status)) {
      locked++;
      continue;
    }
    byArticle.set(h.article, [...(byArticle.get(h.article) ?? []), h]);
  }
  const changes = [...byArticle].map(([article, list]) => ({
    article,
    ops: replaceOps(session.article(article)!.blocks, list, replacement) as unknown as Operation[],
  }));
  session.applyTextChanges(label, changes);
  return { replaced: hits.length - locked, locked };
}

export function FindReplace({ session, onClose }: { session: EditionSession; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [replacement, setReplacement] = useState('');
  const [scope, setScope] = useState<Scope>('edition');
  const [opts, setOpts] = useState<FindOptions>({});
  const [index, setIndex] = useState(-1);
  const [message, setMessage] = useState<string | null>(null);

  const ed = session.edition;
  const hits = useMemo(() => {
    const articles =
      scope === 'article'
        ? ed.articles.filter((a) => a.id === session.currentArticle)
        : articlesInOrder(ed, scope === 'page' ? session.currentPage : undefined);
    return findInArticles(articles, query, opts);
  }, [ed, query, opts, scope, session.currentArticle, session.currentPage]);

  const go = (i: number) => {
    if (!hits.length) return;
    const k = ((i % hits.length) + hits.length) % hits.length;
    setIndex(k);
    setMessage(null);
    goToPlace(session, hits[k]);
  };

  const replaceOne = () => {
    const h = hits[index];
    if (!h) return go(0);
    const r = replaceHits(session, [h], replacement);
    setMessage(r.locked ? '该稿件已定稿或签发，未替换；请先重新打开稿件' : '已替换 1 处');
  };
  const replaceAll = () => {
    const r = replaceHits(session, hits, replacement, '全部替换');
    setIndex(-1);
    setMessage(`已替换 ${r.replaced} 处${r.locked ? `；${r.locked} 处在已定稿或签发的稿件中，未替换` : ''}`);
  };
  const toggle = (k: keyof FindOptions) => setOpts((o) => ({ ...o, [k]: !o[k] }));

  return (
    <section
      className="preflight find-replace"
      role="dialog"
      aria-label="查找替换"
      data-testid="find-replace"
    >
      <h3>
        查找替换
        <button className="close" onClick={onClose} aria-label="关闭">
          ×
        </button>
      </h3>
      <div className="find-row">
        <input
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setIndex(-1);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') go(e.shiftKey ? index - 1 : index + 1);
          }}
          placeholder="查找内容"
          aria-label="查找内容"
          autoFocus
        />
        <input
          value={replacement}
          onChange={(e) => setReplacement(e.target.value)}
          placeholder="替换为"
          aria-label="替换为"
        />
      </div>
      <div className="find-row">
        <select value={scope} onChange={(e) => setScope(e.target.value as Scope)} aria-label="查找范围">
          {SCOPES.map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <label className="check">
          <input type="checkbox" checked={!!opts.wholeWord} onChange={() => toggle('wholeWord')} />
          整词
        </label>
        <label className="check">
          <input type="checkbox" checked={!!opts.matchWidth} onChange={() => toggle('matchWidth')} />
          区分全半角
        </label>
        <label className="check">
          <input type="checkbox" checked={!!opts.matchCase} onChange={() => toggle('matchCase')} />
          区分大小写
        </label>
      </div>
      <div className="find-row">
        <span data-testid="find-count">
          {query ? (hits.length ? `${index >= 0 ? index + 1 : 0}/${hits.length} 处` : '未找到') : ''}
        </span>
        <button onClick={() => go(index - 1)} disabled={!hits.length}>
          上一处
        </button>
        <button onClick={() => go(index + 1)} disabled={!hits.length}>
          下一处
        </button>
        <button onClick={replaceOne} disabled={!hits.length}>
          替换
        </button>
        <button onClick={replaceAll} disabled={!hits.length} data-testid="replace-all">
          全部替换
        </button>
      </div>
      {message && (
        <p className="msg" role="status">
          {message}
        </p>
      )}
    </section>
  );
}
