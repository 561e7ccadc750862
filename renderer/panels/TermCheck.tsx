// 文字检查: the edition's copy against the term lists shipped with the app (terms/*.txt: 错别字/易错词
// and 敏感词), listed like preflight findings; a click goes to the place (selected in the editor,
// shown on the page).
import { useState } from 'react';
import { api } from '../api';
import { articlesInOrder } from '../../engine/text/find';
import { TermChecker, type TermFinding } from '../../engine/text/terms';
import { goToPlace, pageShowing } from '../state/goto';
import type { EditionSession } from '../state/session';

let checker: Promise<{ checker: TermChecker; problems: string[] }> | null = null;
function loadChecker() {
  checker ??= api.call('terms.lists', {}).then(
    ({ lists }) => {
      const r = TermChecker.fromLists(lists);
      return {
        checker: r.checker,
        problems: r.problems.map((p) => `${p.list} 第 ${p.line} 行：${p.message}`),
      };
    },
    (e: unknown) => {
      checker = null;
      throw e;
    },
  );
  return checker;
}

export function TermCheck({ session, onClose }: { session: EditionSession; onClose(): void }) {
  const [findings, setFindings] = useState<(TermFinding & { page: number | null })[] | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const c = await loadChecker();
      setProblems(c.problems);
      setFindings(
        c.checker
          .check(articlesInOrder(session.edition))
          .map((f) => ({ ...f, page: pageShowing(session, f) })),
      );
    } catch (e) {
      setError(`文字检查未完成：${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="preflight" role="dialog" aria-label="文字检查" data-testid="term-check">
      <h3>
        文字检查
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
      {problems.map((p) => (
        <p key={p} className="warn">
          词表有误：{p}
        </p>
      ))}
      {findings && !findings.length && <p className="ok">未发现错别字或敏感词。</p>}
      {findings && findings.length > 0 && (
        <ul>
          {findings.map((f, i) => (
            <li
              key={i}
              className={`finding sev-${f.kind === 'sensitive' ? 'error' : 'warning'}`}
              onClick={() => goToPlace(session, f)}
              title="转到此处"
            >
              <span className="sev">{f.kind === 'sensitive' ? '敏感词' : '错别字'}</span>
              <span className="where">
                {f.page ? `${f.page}版` : '未上版'} {session.article(f.article)?.slug ?? f.article}
              </span>
              <span className="msg">{f.message}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
