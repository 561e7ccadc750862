// Editors' comments (批注) in the session: anchored to words of one block and carried through every
// text operation (renderer/state/anchors.ts). Pure functions over the edition; the session records
// each change as one undoable step and marks the comments that differ for autosave.
import type { Operation } from 'slate';
import type { Article, ArticleComment, Edition } from '../../engine/model/types';
import { transformComments } from './anchors';
import { articleIn, blockTextOf } from './document';
import { withComments } from './history';
import type { EditorSelection } from './navigation';

/** The comments on an article, in the order they were written. */
export function commentsOf(ed: Edition, article: string): ArticleComment[] {
  return (ed.comments ?? []).filter((c) => c.article === article);
}

/**
 * The article's comments carried through text operations (a pure data update: nothing is laid out
 * or normalised, so an IME composition is not disturbed): the edition and the comments before and
 * after when an anchor moved, else null.
 */
export function followComments(
  ed: Edition,
  article: string,
  before: Article['blocks'],
  ops: Operation[],
): { edition: Edition; before: ArticleComment[]; after: ArticleComment[] } | null {
  const was = commentsOf(ed, article);
  if (!was.some((c) => c.anchor)) return null;
  const now = transformComments(was, before, ops);
  if (now.every((c, i) => c === was[i])) return null;
  return { edition: withComments(ed, article, now), before: was, after: now };
}

/**
 * A new comment on the editor's selection in `article`: anchored to the selected characters of one
 * block (a selection over several blocks is cut at the end of its first block), or to the article as
 * a whole when nothing is selected. Returns why not, or the comment.
 */
export function newComment(
  ed: Edition,
  article: string,
  text: string,
  author: string,
  selection: EditorSelection | null,
  now: Date,
): ArticleComment | string {
  const note = text.trim();
  if (!note) return '批注内容不能为空';
  const sel = selection && selection.article === article ? selection : null;
  let anchor: ArticleComment['anchor'];
  if (sel && (sel.anchor.block !== sel.focus.block || sel.anchor.offset !== sel.focus.offset)) {
    const block = sel.anchor.block;
    const end =
      sel.focus.block === block
        ? sel.focus.offset
        : blockTextOf(articleIn(ed, article)!.blocks[block]).length;
    if (end > sel.anchor.offset)
      anchor = { block, offset: sel.anchor.offset, length: end - sel.anchor.offset };
  }
  return {
    id: `c-${typeof crypto !== 'undefined' && crypto.randomUUID ? crypto.randomUUID().slice(0, 13) : `${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 8)}`}`,
    article,
    author: author || '编辑',
    at: now.toISOString(),
    text: note,
    ...(anchor ? { anchor } : {}),
  };
}

/** A comment resolved or opened again, or deleted: its article, the step's label and the article's comments after. */
export function commentEdit(
  ed: Edition,
  id: string,
  edit: { resolved: boolean } | 'delete',
): { article: string; label: string; after: ArticleComment[] } | null {
  const c = (ed.comments ?? []).find((x) => x.id === id);
  if (!c) return null;
  const list = commentsOf(ed, c.article);
  if (edit === 'delete')
    return { article: c.article, label: '删除批注', after: list.filter((x) => x.id !== id) };
  const { resolved: _r, ...rest } = c;
  return {
    article: c.article,
    label: edit.resolved ? '解决批注' : '重新打开批注',
    after: list.map((x) => (x.id === id ? (edit.resolved ? { ...rest, resolved: true } : rest) : x)),
  };
}
