// Editors' comments (批注) on the open article: a note on the selected words, listed here to be
// resolved or deleted, highlighted on the page, saved with the edition and carried by proof PDFs as
// annotations. Every change is one undoable step.
import { useEffect, useRef, useState } from 'react';
import type { ArticleComment } from '../../engine/model/types';
import { blockText } from '../../engine/text/count';
import type { EditionSession, EditorSelection } from '../state/session';

function quoteOf(session: EditionSession, c: ArticleComment): string | null {
  if (c.detached) return c.detached.quote;
  if (!c.anchor) return null;
  const text = blockText(session.article(c.article)?.blocks[c.anchor.block]?.children ?? []);
  return text.slice(c.anchor.offset, c.anchor.offset + c.anchor.length);
}

function selectedText(session: EditionSession, sel: EditorSelection | null): string {
  if (!sel) return '';
  const a = session.article(sel.article);
  if (!a) return '';
  const text = blockText(a.blocks[sel.anchor.block]?.children ?? []);
  return text.slice(sel.anchor.offset, sel.focus.block === sel.anchor.block ? sel.focus.offset : text.length);
}

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : `${d.getMonth() + 1}月${d.getDate()}日 ${d.toTimeString().slice(0, 5)}`;
}

export function CommentsPanel({
  session,
  article,
  user,
  ask,
}: {
  session: EditionSession;
  article: string;
  user: string;
  ask: number;
}) {
  const [draft, setDraft] = useState<{ selection: EditorSelection | null; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [showResolved, setShowResolved] = useState(false);
  const seen = useRef(ask);

  // The 批注 button or Ctrl+Alt+M: the form opens on what is selected now (the textarea takes the focus).
  useEffect(() => {
    if (ask === seen.current) return;
    seen.current = ask;
    setError(null);
    setDraft({
      selection: session.selection && session.selection.article === article ? session.selection : null,
      text: '',
    });
  }, [ask, session, article]);
  useEffect(() => {
    setDraft(null);
    setError(null);
  }, [article]);

  const comments = session.commentsOf(article);
  const open = comments.filter((c) => !c.resolved);
  const shown = showResolved ? comments : open;
  const quote = draft ? selectedText(session, draft.selection) : '';

  const submit = () => {
    if (!draft) return;
    const r = session.addComment(draft.text, user, draft.selection);
    if (typeof r === 'string') {
      setError(r);
      return;
    }
    setDraft(null);
    setError(null);
  };

  return (
    <section className="comments" data-testid="comments">
      <h3>
        批注{' '}
        <small>
          {open.length ? `${open.length} 条待处理` : '无待处理'}
          {comments.length > open.length ? ` · 已解决 ${comments.length - open.length}` : ''}
        </small>
        {comments.length > open.length && (
          <label className="check">
            <input
              type="checkbox"
              checked={showResolved}
              onChange={(e) => setShowResolved(e.target.checked)}
            />
            显示已解决
          </label>
        )}
      </h3>
      {draft && (
        <div className="comment-form">
          <div className="quote">{quote ? `“${quote}”` : '未选中文字：批注整篇稿件'}</div>
          <textarea
            autoFocus
            value={draft.text}
            placeholder="批注内容（Ctrl+Enter 添加）"
            data-testid="comment-text"
            onChange={(e) => setDraft({ ...draft, text: e.target.value })}
            onKeyDown={(e) => {
              if (e.nativeEvent.isComposing) return;
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                submit();
              }
              if (e.key === 'Escape') {
                setDraft(null);
                setError(null);
              }
            }}
          />
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <div className="row">
            <button
              className="primary"
              onClick={submit}
              disabled={!draft.text.trim()}
              data-testid="comment-save"
            >
              添加批注
            </button>
            <button
              onClick={() => {
                setDraft(null);
                setError(null);
              }}
            >
              取消
            </button>
          </div>
        </div>
      )}
      {shown.length > 0 && (
        <ul className="comment-list" data-testid="comment-list">
          {shown.map((c) => {
            const q = quoteOf(session, c);
            return (
              <li
                key={c.id}
                className={
                  [c.resolved ? 'resolved' : '', c.detached ? 'detached' : ''].join(' ').trim() || undefined
                }
                data-comment={c.id}
              >
                <button
                  className="comment-body"
                  title="转到批注的文字"
                  onClick={() => {
                    const p = session.pagesOf(c.article)[0];
                    if (p) session.goToPage(p);
                    session.openArticle(c.article, c.anchor ?? c.detached);
                  }}
                >
                  {q !== null && <span className="quote">“{q}”</span>}
                  {c.detached && (
                    <span
                      className="detached"
                      data-testid="comment-detached"
                      title="批注的文字已全部删去，批注仍保留"
                    >
                      原文已删
                    </span>
                  )}
                  <span className="note">{c.text}</span>
                  <span className="meta">
                    {c.author} · {when(c.at)}
                    {c.resolved ? ' · 已解决' : ''}
                  </span>
                </button>
                <div className="comment-actions">
                  <button
                    onClick={() => session.resolveComment(c.id, !c.resolved)}
                    data-testid="comment-resolve"
                  >
                    {c.resolved ? '重新打开' : '解决'}
                  </button>
                  <button onClick={() => session.deleteComment(c.id)} data-testid="comment-delete">
                    删除
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
