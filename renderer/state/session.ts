// One idea: the session's one undoable `apply` and the steps built on it (its parts live in document.ts, history.ts, save-tracking.ts, navigation.ts).
// The open edition in the renderer: every edit an editor makes — typing, placing, the page list,
// comments, imports, photos, accepted proof marks, undo and redo — as one undoable change that is
// refused when the loader would refuse its result (document.ts). `apply` records it (history.ts),
// marks what autosave must send (save-tracking.ts), lays out the pages it touches and tells the
// subscribers. What the session holds and how it is read is in session-state.ts.
import type { EditionOutput } from '../../engine/model/output';
import type { ProofMark } from '../../engine/proof/types';
import type { Operation } from 'slate';
import type { Article, ArticleComment, Asset, Edition, Page, Placement } from '../../engine/model/types';
import { commentEdit, newComment, followComments } from './comments';
import { problemWith, structural, withAssets, withFontRole } from './document';
import {
  applyChange,
  applyTextOps,
  followFrames,
  withComments,
  withFrames,
  type Change,
  type EditionStyles,
  type ProofDecision,
} from './history';
import type { EditorSelection } from './navigation';
import { photoChange, type LinePitch } from './place-photo';
import { proofChange } from './proof-session';
import { changedComments, pageListKeys, withKeptEdits, type PendingChanges } from './save-tracking';
import { SessionState } from './session-state';

export { blockTextOf } from './document';
export type { EditorSelection } from './navigation';
export { pageInfo, type PageInfo, type PendingChanges, type SaveState } from './save-tracking';
export type { OpenEditor } from './session-state';

const COMPOSING = '输入法正在输入，请先完成输入';

export class EditionSession extends SessionState {
  /** Text typed in the open editor: the article's blocks are Slate's own tree (no copy). */
  textChanged(
    article: string,
    blocks: Article['blocks'],
    change: Extract<Change, { kind: 'text' }>,
    composing: boolean,
  ): void {
    // The session's blocks are the tree the editor's operations started from (Slate never mutates a tree).
    const moved = this.followText(article, this.article(article)?.blocks ?? [], change.ops);
    const frames = structural(change.ops) ? followFrames(this.ed, article, change.ops, blocks) : null;
    this.ed = withFrames(
      { ...this.ed, articles: this.ed.articles.map((a) => (a.id === article ? { ...a, blocks } : a)) },
      frames ?? undefined,
    );
    for (const f of frames ?? []) this.saves.mark(`p:${f.page}`);
    const done = { ...change, ...(moved ? { comments: moved } : {}), ...(frames ? { frames } : {}) };
    this.history.record(done);
    this.changedHere(done);
    this.saves.mark(`a:${article}`);
    const pages = this.pagesOf(article);
    if (composing) this.layouts.defer(pages);
    else this.relayoutAfterPaint(pages);
    this.notify(true);
  }

  /**
   * The IME starts composing: what was typed before is one undo step, the words it commits another
   * (typing merges into one step for a second; an editor undoing a wrong candidate must not lose the
   * keystrokes before it).
   */
  compositionStarted(): void {
    this.history.seal();
  }

  /** The IME committed or gave up: lay out what waited for it; the committed words stay their own undo step. */
  compositionEnded(): void {
    this.history.seal();
    this.relayoutAfterPaint(this.layouts.takeDeferred());
    this.notify(true);
  }

  setPlacements(page: number, label: string, next: Placement[]): boolean {
    const p = this.ed.pages.find((x) => x.number === page);
    if (!p) return false;
    return this.changePlacements(label, new Map([[p.id, next]]));
  }

  /**
   * One undoable placing step over one page or several (a continued story's part moved with its link).
   * A state the loader would refuse is never applied: the step is refused, `refusal` says why, and the
   * edition stays as it was. Returns whether it was applied.
   */
  changePlacements(label: string, next: Map<string, Placement[]>): boolean {
    const changed = this.ed.pages
      .filter((p) => next.has(p.id) && next.get(p.id) !== p.placements)
      .map((p) => ({ page: p.id, before: p.placements, after: next.get(p.id)! }));
    if (!changed.length) return false;
    const [first, ...others] = changed;
    const c: Change = { kind: 'placements', label, ...first, ...(others.length ? { others } : {}) };
    if (this.refused(c, label)) return false;
    this.apply(c, true);
    return true;
  }

  /** Whether the loader would refuse the edition after `c`: then it is refused, saying why. */
  private refused(c: Change, label: string): boolean {
    const problem = problemWith(applyChange(this.ed, c), this.templates);
    this._refusal = problem ? `${label}未执行：${problem}` : null;
    if (problem) this.notify();
    return !!problem;
  }

  /**
   * One undoable step over the page list (pages added, deleted, duplicated, reordered, renamed; ad
   * slots), refused like a placing step when the loader would refuse the result.
   */
  changePages(label: string, pages: Page[]): boolean {
    if (pages === this.ed.pages) return false;
    const c: Change = { kind: 'pages', label, before: this.ed.pages, after: pages };
    if (this.refused(c, label)) return false;
    this.history.seal();
    this.apply(c, true);
    return true;
  }

  /** The edition's styles (样式) as one undoable step; refused (false) when the loader would refuse them. */
  changeStyles(label: string, styles: EditionStyles): boolean {
    const before = this.ed.styles ?? {};
    if (JSON.stringify(before) === JSON.stringify(styles)) return false;
    const c: Change = { kind: 'styles', label, before, after: styles };
    if (this.refused(c, label)) return false;
    this.history.seal();
    this.apply(c, true);
    this.history.seal();
    return true;
  }

  setArticleMeta(article: string, label: string, patch: Partial<Omit<Article, 'blocks' | 'id'>>): void {
    const a = this.article(article);
    if (!a) return;
    const { blocks: _b, ...before } = a;
    this.apply({ kind: 'article', article, label, before, after: { ...before, ...patch } }, true);
  }

  /**
   * Carries the article's comments through text operations; the moved comments are marked for
   * autosave. Returns the comments before and after when an anchor moved, for the history.
   */
  private followText(
    article: string,
    before: Article['blocks'],
    ops: Operation[],
  ): { before: ArticleComment[]; after: ArticleComment[] } | null {
    const r = followComments(this.ed, article, before, ops);
    if (!r) return null;
    this.ed = r.edition;
    r.after.forEach((c, i) => {
      if (c !== r.before[i]) this.saves.mark(`c:${c.id}`);
    });
    return { before: r.before, after: r.after };
  }

  /** Undo and redo put the anchors back exactly as recorded; the comments that differ are saved again. */
  private restoreComments(article: string, comments: ArticleComment[]): void {
    const was = new Map(this.commentsOf(article).map((c) => [c.id, JSON.stringify(c)]));
    this.ed = withComments(this.ed, article, comments);
    for (const c of comments) if (was.get(c.id) !== JSON.stringify(c)) this.saves.mark(`c:${c.id}`);
  }

  private apply(c: Change, record: boolean): void {
    if (c.kind === 'group') {
      for (const x of c.changes) this.apply(x, false);
      if (record) this.history.record(c);
      return;
    }
    if (c.kind === 'proof') {
      if (c.after) this.proofDecisions.set(c.mark, c.after);
      else this.proofDecisions.delete(c.mark);
      if (record) this.history.record(c);
      this.notify();
      return;
    }
    if (c.kind === 'text' && record && !c.comments) {
      // A text change made here (a proof mark accepted): its anchors follow like typed text.
      const moved = this.followText(c.article, this.article(c.article)?.blocks ?? [], c.ops);
      if (moved) c = { ...c, comments: moved };
    }
    if (c.kind === 'text' && c.comments) this.restoreComments(c.article, c.comments.after);
    if (c.kind === 'text' && record && !c.frames && structural(c.ops)) {
      const blocks = applyTextOps(this.article(c.article)?.blocks ?? [], c.ops);
      const frames = followFrames(this.ed, c.article, c.ops, blocks);
      if (frames) c = { ...c, frames };
    }
    if (c.kind === 'text') for (const f of c.frames ?? []) this.saves.mark(`p:${f.page}`);
    if (c.kind === 'text' && this.editor?.article === c.article) {
      // Through the live editor, so its selection and DOM follow; it does not record them again.
      const blocks = this.editor.applyOps(c);
      const article = c.article;
      this.ed = withFrames(
        { ...this.ed, articles: this.ed.articles.map((a) => (a.id === article ? { ...a, blocks } : a)) },
        c.frames,
      );
    } else {
      this.ed = applyChange(this.ed, c);
    }
    if (record) this.history.record(c);
    this.changedHere(c);
    if (c.kind === 'comments') {
      // Only the comments that differ are saved: a deletion as such, the others whole.
      for (const id of changedComments(c.before, c.after)) this.saves.mark(`c:${id}`);
      // Highlights only: no layout, the pages showing the article repaint.
      this.layouts.paint(this.pagesOf(c.article), true);
      this.notify();
      return;
    }
    if (c.kind === 'articles') {
      // Not placed yet (a placed article's placing steps come later in history): no page to lay out.
      for (const a of c.articles) this.saves.mark(`a:${a.id}`);
      this.nav.articlesChanged(this.ed, c);
      this.notify();
      return;
    }
    let pages: number[];
    if (c.kind === 'styles') {
      // Every story set in a changed style follows: every page is set again.
      this.saves.mark('y:styles');
      pages = this.ed.pages.map((p) => p.number);
    } else if (c.kind === 'pages') {
      for (const k of pageListKeys(c)) this.saves.mark(k);
      this.layouts.keepOnly(new Set(c.after.map((p) => p.number)));
      this.nav.pagesChanged(c);
      // Folios, running heads and jump lines follow the page numbers: every page is set again.
      pages = c.after.map((p) => p.number);
    } else if (c.kind === 'placements') {
      const changed = [c, ...(c.others ?? [])];
      for (const x of changed) this.saves.mark(`p:${x.page}`);
      // A continued story flows over every page it is on: those pages are laid out again too.
      const articles = new Set(changed.flatMap((x) => [...x.before, ...x.after].map((p) => p.article)));
      const ids = new Set(changed.map((x) => x.page));
      pages = [
        ...new Set([
          ...this.ed.pages.filter((p) => ids.has(p.id)).map((p) => p.number),
          ...[...articles].flatMap((a) => this.pagesOf(a)),
        ]),
      ];
    } else {
      this.saves.mark(`a:${c.article}`);
      pages = this.pagesOf(c.article);
    }
    this.relayout(pages);
    this.notify();
  }

  /**
   * Accepts a proofreader's mark: recorded as one undoable change of the blocks it touched
   * (proof-session.ts). Returns why it could not be applied, or null.
   */
  acceptProofMark(mark: ProofMark): string | null {
    if (this.editor?.isComposing()) return COMPOSING;
    const c = proofChange(this.ed, mark, Date.now());
    if (typeof c === 'string') return c;
    this.history.seal();
    this.apply(c, true);
    this.decideProofMark(mark.id, 'accepted');
    this.history.groupLast(2, '采纳校对修改');
    this.history.seal();
    return null;
  }

  /** Accepted and rejected proof marks by id: history, so undo and redo take the decision with the edit. */
  readonly proofDecisions = new Map<string, ProofDecision>();

  /** Records a decision on a proof mark (不采纳 on its own; 采纳 with its edit) as an undoable step. */
  decideProofMark(mark: string, decision: ProofDecision | null): void {
    const before = this.proofDecisions.get(mark) ?? null;
    if (before === decision) return;
    this.history.seal();
    this.apply({ kind: 'proof', label: '校对', mark, before, after: decision }, true);
  }

  /**
   * Text operations over several articles as one undoable step (替换全部, a revision restored): each
   * article's operations applied as typed text is (comments and frames follow), then grouped.
   */
  applyTextChanges(label: string, changes: { article: string; ops: Operation[] }[]): void {
    const todo = changes.filter((x) => x.ops.length && this.article(x.article));
    if (!todo.length) return;
    this.history.seal();
    for (const x of todo) {
      this.apply({ kind: 'text', article: x.article, ops: x.ops, at: Date.now() }, true);
      this.history.seal();
    }
    this.history.groupLast(todo.length, label);
  }

  private _reopenAsked: string | null = null;
  /** An edit was tried in a locked (定稿, 签发) article: the workspace asks whether to reopen it. */
  get reopenAsked(): string | null {
    return this._reopenAsked;
  }
  askReopen(article: string | null): void {
    this._reopenAsked = article;
    this.notify();
  }

  /**
   * A comment on the editor's selection in the open article (comments.ts: `newComment`). One
   * undoable step. Returns why not, or the comment.
   */
  addComment(
    text: string,
    author: string,
    selection: EditorSelection | null = this.selection,
    now = new Date(),
  ): ArticleComment | string {
    const article = this.currentArticle;
    if (!article || !this.article(article)) return '请先打开一篇稿件';
    if (this.editor?.isComposing()) return COMPOSING;
    const comment = newComment(this.ed, article, text, author, selection, now);
    if (typeof comment === 'string') return comment;
    this.changeComments(article, '批注', [...this.commentsOf(article), comment]);
    return comment;
  }

  resolveComment(id: string, resolved: boolean): void {
    const e = commentEdit(this.ed, id, { resolved });
    if (e) this.changeComments(e.article, e.label, e.after);
  }

  deleteComment(id: string): void {
    const e = commentEdit(this.ed, id, 'delete');
    if (e) this.changeComments(e.article, e.label, e.after);
  }

  private changeComments(article: string, label: string, after: ArticleComment[]): void {
    this.history.seal();
    this.apply({ kind: 'comments', article, label, before: this.commentsOf(article), after }, true);
    this.history.seal();
  }

  /**
   * Articles brought in (导入稿件, 新建稿件) with the photos they show: one undoable step; the new
   * articles are saved by autosave (their photos are already in the file: copy.import stores them).
   * Returns why not, or null.
   */
  addArticles(articles: Article[], assets: Asset[] = [], label = '导入稿件'): string | null {
    if (!articles.length) return null;
    if (this.editor?.isComposing()) return COMPOSING;
    const taken = new Set(this.ed.articles.map((a) => a.id));
    if (articles.some((a) => taken.has(a.id))) return '稿件编号与本期已有稿件重复，请重新导入';
    const was = this.ed;
    this.addAssets(assets);
    const c: Change = { kind: 'articles', label, articles, removed: false };
    const problem = problemWith(applyChange(this.ed, c), this.templates);
    if (problem) {
      this.ed = was;
      return `${label}未执行：${problem}`;
    }
    this.history.seal();
    this.apply(c, true);
    this.history.seal();
    return null;
  }

  /** Photos joining the edition (content-addressed: a photo already there is not added twice). */
  private addAssets(assets: Asset[]): void {
    const next = withAssets(this.ed, assets);
    if (!next) return;
    this.ed = next;
    this.decodeImages();
  }

  /**
   * 置入图片 into the current story (place-photo.ts), and into a frame on the current page when the
   * story is placed there. One undoable step. Returns why not, or null.
   */
  placePhoto(asset: Asset, caption: string | null, linePitch: LinePitch): string | null {
    const id = this.currentArticle;
    const article = this.article(id);
    if (!id || !article) return '请先在左侧选择或新建一篇稿件，再置入图片';
    const c = photoChange(this.ed, article, asset, caption, this.currentPage, linePitch);
    return this.applyPhotoChange(c, [asset]);
  }

  /** A photo step (置入图片, an image dropped into a frame, photo-drop.ts): checked, applied, one undo step. */
  applyPhotoChange(c: Change, assets: Asset[]): string | null {
    if (this.editor?.isComposing()) return COMPOSING;
    this.addAssets(assets);
    const problem = problemWith(applyChange(this.ed, c), this.templates);
    if (problem) return `置入图片未执行：${problem}`;
    this.history.seal();
    this.apply(c, true);
    this.history.seal();
    return null;
  }

  /**
   * Sets a role of this edition in a face (null: back to the template's and the machine's); saved
   * with the edition. The caller loads the screen fonts for the new mapping and calls setFonts.
   */
  setFontRole(role: string, face: string | null): void {
    this.ed = withFontRole(this.ed, role, face);
    this.saves.mark('f:fonts');
    this.changedHere({ kind: 'fonts' });
    this.notify();
  }

  /** Sets the edition's output condition (undefined: the template's); saved with the edition. */
  setOutput(output: EditionOutput | undefined): void {
    const { output: _was, ...rest } = this.ed;
    this.ed = output && Object.keys(output).length ? { ...rest, output } : rest;
    this.saves.mark('o:output');
    this.notify();
  }

  undo(): boolean {
    if (this.editor?.isComposing()) return false;
    const c = this.history.undo();
    if (!c) return false;
    this.nav.focusChange(this.ed, c);
    this.apply(c, false);
    return true;
  }

  redo(): boolean {
    if (this.editor?.isComposing()) return false;
    const c = this.history.redo();
    if (!c) return false;
    this.nav.focusChange(this.ed, c);
    this.apply(c, false);
    return true;
  }

  openArticle(id: string, at?: { block: number; offset: number; length?: number }): void {
    // Another story replaces the editor: words still being composed in this one are committed, not lost.
    if (this.editor && this.editor.article !== id && this.editor.isComposing())
      this.editor.commitComposition();
    this.history.seal();
    this.nav.openArticle(id);
    this.notify();
    if (at)
      queueMicrotask(
        () => this.editor?.article === id && this.editor.selectAt(at.block, at.offset, at.length),
      );
  }

  /**
   * Text others typed (a newsroom edition): applied through the open editor when it shows the article,
   * so its caret stays where the editor was; not recorded for undo, not sent on again.
   */
  applyRemoteText(article: string, ops: Operation[]): void {
    const c: Change = { kind: 'text', article, ops, at: Date.now() };
    const blocks = this.editor?.article === article ? this.editor.applyOps(c) : null;
    this.ed = blocks
      ? { ...this.ed, articles: this.ed.articles.map((a) => (a.id === article ? { ...a, blocks } : a)) }
      : applyChange(this.ed, c);
    this.relayout(this.pagesOf(article));
    this.notify(true);
  }

  /** Others' layout changes merged (a newsroom edition): the edition replaced, `pages` laid out again; not for undo. */
  applyRemoteEdition(ed: Edition, pages: number[]): void {
    this.ed = ed;
    const numbers = new Set(ed.pages.map((p) => p.number));
    this.layouts.keepOnly(numbers);
    if (!numbers.has(this.currentPage)) this.nav.goToPage(ed.pages[0]?.number ?? 1);
    this.relayout(pages.filter((n) => numbers.has(n)));
    this.decodeImages();
    this.notify();
  }

  replaceEdition(ed: Edition, path: string | null, label: string | null = path): void {
    this._generation++;
    this.history.clear();
    this.proofDecisions.clear();
    this.ed = ed;
    this.saves.clean(path, label, null);
    this.layouts.clear();
    this.nav.reset(ed);
    this.relayout(ed.pages.map((p) => p.number));
    this.decodeImages();
    this.notify();
  }

  /**
   * Edits the file never acknowledged, kept in the browser (renderer/state/unsaved.ts), put back as
   * unsaved changes so that autosave sends them again; open editors start afresh on the restored text.
   */
  restoreEdits(kept: Pick<PendingChanges, 'articles' | 'pages' | 'comments' | 'pageList'>): void {
    const { edition, keys } = withKeptEdits(this.ed, kept);
    for (const k of keys) this.saves.mark(k);
    this.ed = edition;
    this._generation++;
    this.relayout(edition.pages.map((p) => p.number));
    this.notify();
  }
}
