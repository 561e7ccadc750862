// The right-hand pane: the open story's slug, status and fit figures, the paragraph-type bar, the
// Slate editor, its comments and the placement inspector.
import { useCallback, useMemo, useState } from 'react';
import type { Editor } from 'slate';
import type { ArticleStatus, BlockType } from '../../engine/model/types';
import type { Template } from '../../engine/templates';
import { CommandButton } from '../commands/CommandButton';
import { TextMarks } from '../editor/TextMarks';
import type { Commands } from '../commands/useCommands';
import { ArticleEditor, BLOCK_LABELS, currentBlockType, setBlockType } from '../editor/ArticleEditor';
import { articleCounts, fitLabel, fitState, oversetSpans } from '../editor/fit';
import { CommentsPanel } from '../panels/CommentsPanel';
import { Inspector } from '../panels/Inspector';
import { STATUS_LABELS } from '../panels/Navigator';
import { statusChoices } from '../../engine/model/status';
import type { EditionSession } from '../state/session';

const BLOCK_TYPES = Object.entries(BLOCK_LABELS) as [BlockType, string][];

export function EditorPane({
  session,
  template,
  commands,
  editor,
  onEditor,
  user,
  commentAsk,
}: {
  session: EditionSession;
  template: Template | undefined;
  commands: Commands;
  editor: Editor | null;
  onEditor(e: Editor | null): void;
  user: string;
  /** Bumped by the 批注 command: the comments panel opens its form on the selection. */
  commentAsk: number;
}) {
  const [, repaint] = useState(0);
  const article = session.article(session.currentArticle);
  const fits = article
    ? [...session.pages.values()].flatMap((p) => p.fits.filter((f) => f.article === article.id))
    : [];
  const fit = fitState(fits);
  const oversetKey = JSON.stringify(oversetSpans(fits));
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const overset = useMemo(() => oversetSpans(fits), [oversetKey]);
  const onEditorChange = useCallback((e: Editor | null) => onEditor(e), [onEditor]);

  if (!article) return <p className="hint">从左侧选择一篇稿件。</p>;
  const counts = articleCounts(article);
  const blockType = editor ? currentBlockType(editor) : null;
  return (
    <>
      <div className="article-head">
        <div className="slug-line">
          <b>{article.slug || article.id}</b>
          <select
            value={article.status}
            onChange={(e) =>
              session.setArticleMeta(article.id, '稿件状态', { status: e.target.value as ArticleStatus })
            }
            aria-label="稿件状态"
          >
            {statusChoices(article.status).map((k) => (
              <option key={k} value={k}>
                {STATUS_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="figures">
          <span data-testid="char-count">字数 {counts.all}</span>
          <span className="muted">正文 {counts.body}</span>
          <span className={`fit fit-${fit.kind}`} data-testid="fit-figure">
            {fitLabel(fit)}
          </span>
          {fit.kind === 'under' && fit.chars != null && (
            <span className="muted">可再写约 {fit.chars} 字</span>
          )}
          {fit.kind === 'over' && <span className="muted">超出部分在下文以红色标出</span>}
        </div>
      </div>
      <div className="block-bar" onMouseDown={(e) => e.preventDefault()}>
        <select
          value={blockType ?? ''}
          onChange={(e) => {
            if (editor) {
              setBlockType(editor, e.target.value as BlockType);
              repaint((n) => n + 1);
            }
          }}
          aria-label="段落类型"
        >
          <option value="" disabled>
            段落类型
          </option>
          {BLOCK_TYPES.map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <CommandButton commands={commands} id="bold">
          <b>粗</b>
        </CommandButton>
        <CommandButton commands={commands} id="emphasis">
          <em>斜</em>
        </CommandButton>
        <TextMarks editor={editor} template={template} />
        <CommandButton commands={commands} id="history" data-testid="history-open" />
        <CommandButton commands={commands} id="comment" data-testid="comment-add">
          批注
        </CommandButton>
      </div>
      <div className="editor-scroll">
        <ArticleEditor
          key={`${session.generation}:${article.id}`}
          session={session}
          article={article}
          onEditor={onEditorChange}
          overset={overset}
        />
      </div>
      <CommentsPanel session={session} article={article.id} user={user} ask={commentAsk} />
      <Inspector session={session} template={template} />
    </>
  );
}
