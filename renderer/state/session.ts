// The open edition in the renderer: the model, its history, and the live layout of its pages.
// Layout runs here, in the renderer (the engine is pure), so a keystroke repaints the page without
// a round trip. React panels subscribe for their figures; the page view is painted directly after
// each layout so that keystroke-to-paint stays inside one task.
import type { DisplayPage } from '../../engine/display/types';
import type { FontSet } from '../../engine/fonts/metrics';
import { layoutEdition, pageProblems } from '../../engine/layout';
import { blockText as leavesText } from '../../engine/layout/runs';
import { applyProofMarks } from '../../engine/proof/apply';
import type { ProofMark } from '../../engine/proof/types';
import type { Operation } from 'slate';
import type { Article, ArticleComment, Asset, Edition, Page, Placement } from '../../engine/model/types';
import { EditionError, problemsInChinese, validateEdition } from '../../engine/model/validate';
import type { Template } from '../../engine/templates';
import { transformComments } from './anchors';
import { coalesce } from './frame';
import {
  applyChange,
  applyTextOps,
  followFrames,
  History,
  withComments,
  withFrames,
  type Change,
} from './history';

export interface EditorSelection {
  article: string;
  anchor: { block: number; offset: number };
  focus: { block: number; offset: number };
}

/** What the open article editor offers the session: undo of its text goes through it, so its selection and DOM stay in step. */
export interface OpenEditor {
  article: string;
  /** Applies history operations in the editor and returns its new tree. */
  applyOps(change: Extract<Change, { kind: 'text' }>): Article['blocks'];
  selectAt(block: number, offset: number): void;
  isComposing(): boolean;
  /** Ends an active IME composition by committing its words where they were typed. */
  commitComposition(): void;
}

type Listener = () => void;

/** A block's text as the layout's SourceRef offsets count it (UTF-16 code units). */
export function blockText(b: Article['blocks'][number] | undefined): string {
  return b ? leavesText(b.children) : '';
}

/** What autosave shows: 已保存 (with the time), 正在保存…, 未保存, or why the last save failed. */
export type SaveState =
  | { kind: 'saved'; at: Date | null }
  | { kind: 'saving' }
  | { kind: 'unsaved' }
  | { kind: 'failed'; message: string };

/** The articles and pages changed since the last save, as autosave sends them, and how to confirm them. */
export interface PendingChanges {
  articles: Article[];
  pages: { id: string; placements: Placement[] }[];
  /** Comments added or changed (written whole), and the ids of comments deleted. */
  comments: { upsert: ArticleComment[]; remove: string[] };
  /** Articles taken out of the edition since the last save (an import undone). */
  removeArticles?: string[];
  /** The edition's whole role mapping, when it changed. */
  fonts?: Record<string, string>;
  /** Change counters as sent: only what was not changed again meanwhile is marked saved. */
  token: Map<string, number>;
  /** The whole page list (order, numbers, names, templates, ad slots) when pages were added, deleted, moved or renamed. */
  pageList?: PageInfo[];
}

/** A page without its placements: what the page list says of it. */
export type PageInfo = Omit<Page, 'placements'>;

export function pageInfo(p: Page): PageInfo {
  const { placements: _p, ...info } = p;
  return info;
}

export class EditionSession {
  edition: Edition;
  readonly history = new History();
  /** Display pages by page number, as last laid out. */
  readonly pages = new Map<number, DisplayPage>();
  currentPage: number;
  currentArticle: string | null = null;
  selection: EditorSelection | null = null;
  layoutError: string | null = null;
  /** Why the last placing operation was refused (it would have left an edition that cannot be saved or opened). */
  refusal: string | null = null;
  /** Milliseconds the last layout took, for the status bar. */
  lastLayoutMs = 0;
  /** Layouts run so far: tests and the status bar read it to see that composition defers layout. */
  layoutCount = 0;
  dirty = false;
  path: string | null = null;
  /** How the file is named to the editor (the browser host shows it inside its documents folder). */
  label: string | null = null;
  /** The file can be read but not written (read-only media or folder): nothing is saved to it. */
  readOnly = false;
  save: SaveState = { kind: 'saved', at: null };
  /** Changed since the last save: `a:<article id>` and `p:<page id>`, with a counter per change. */
  private changed = new Map<string, number>();
  private changeCounter = 0;
  version = 0;
  /** Bumped when another edition replaces this one: open editors must start afresh. */
  generation = 0;
  /** Decoded photos by asset id, for the painter. */
  readonly images = new Map<string, ImageBitmap>();
  private editor: OpenEditor | null = null;
  private listeners = new Set<Listener>();
  private painters = new Set<(page: number, full?: boolean) => void>();
  /** Pages whose layout waits for the end of an IME composition. */
  private deferred = new Set<number>();

  constructor(
    edition: Edition,
    public fonts: FontSet,
    readonly templates: Record<string, Template>,
  ) {
    this.edition = edition;
    this.currentPage = edition.pages[0]?.number ?? 1;
    this.currentArticle = edition.pages[0]?.placements[0]?.article ?? edition.articles[0]?.id ?? null;
    this.relayout(edition.pages.map((p) => p.number));
    this.decodeImages();
  }

  /** Photos decode off the main thread; each page repaints as its photos arrive. */
  private decodeImages(): void {
    if (typeof createImageBitmap !== 'function') return;
    for (const a of this.edition.assets) {
      if (this.images.has(a.id)) continue;
      const bin = atob(a.data);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      createImageBitmap(new Blob([bytes], { type: a.mime }), { imageOrientation: 'from-image' }).then(
        (bmp) => {
          this.images.set(a.id, bmp);
          this.repaint();
        },
        () => {
          /* an undecodable photo stays a grey frame; preflight reports the asset */
        },
      );
    }
  }

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getVersion = (): number => this.version;
  private notify() {
    this.version++;
    for (const l of this.listeners) l();
  }

  /** The page view registers here; it is called right after a page's layout changes. */
  onPaint(p: (page: number, full?: boolean) => void): () => void {
    this.painters.add(p);
    return () => this.painters.delete(p);
  }

  attachEditor(e: OpenEditor | null) {
    this.editor = e;
  }

  /**
   * Metrics for characters the font set did not know yet have come (renderer/fonts.ts): every page
   * is laid out again, after an input method's composition if one is under way.
   */
  setFonts(fonts: FontSet): void {
    this.fonts = fonts;
    const pages = this.edition.pages.map((p) => p.number);
    if (this.isComposing()) {
      pages.forEach((p) => this.deferred.add(p));
      return;
    }
    this.relayout(pages);
    this.notify();
  }

  /** Repaints without layout (glyph outlines or photos arrived): once a frame, however many arrived. */
  repaint(): void {
    coalesce(this.painters, () => {
      for (const n of this.pages.keys()) for (const p of this.painters) p(n, true);
    });
  }

  isComposing(): boolean {
    return this.editor?.isComposing() ?? false;
  }

  article(id: string | null): Article | undefined {
    return this.edition.articles.find((a) => a.id === id);
  }

  /** Pages on which an article is placed. */
  pagesOf(article: string): number[] {
    return this.edition.pages
      .filter((p) => p.placements.some((pl) => pl.article === article))
      .map((p) => p.number);
  }

  relayout(pages: number[]): void {
    if (!pages.length) return;
    const t0 = performance.now();
    try {
      const list = layoutEdition(this.edition, { fonts: this.fonts, templates: this.templates }, { pages });
      for (const p of list.pages) this.pages.set(p.number, p);
      this.layoutError = null;
    } catch (e) {
      // The last good layout stays on screen; the editor keeps typing, and the message says why.
      this.layoutError = (e as Error).message;
    }
    this.lastLayoutMs = performance.now() - t0;
    this.layoutCount++;
    // Visible in the browser's performance panel, and read by the live benchmark.
    performance.measure('bm-layout', { start: t0, duration: this.lastLayoutMs });
    if (this.layoutCount % 500 === 0) performance.clearMeasures('bm-layout');
    for (const n of pages) for (const p of this.painters) p(n);
  }

  /** Text typed in the open editor: the article's blocks are Slate's own tree (no copy). */
  textChanged(
    article: string,
    blocks: Article['blocks'],
    change: Extract<Change, { kind: 'text' }>,
    composing: boolean,
  ): void {
    // The session's blocks are the tree the editor's operations started from (Slate never mutates a tree).
    const moved = this.followText(article, this.article(article)?.blocks ?? [], change.ops);
    const frames = this.structural(change.ops)
      ? followFrames(this.edition, article, change.ops, blocks)
      : null;
    this.edition = withFrames(
      {
        ...this.edition,
        articles: this.edition.articles.map((a) => (a.id === article ? { ...a, blocks } : a)),
      },
      frames ?? undefined,
    );
    for (const f of frames ?? []) this.markChanged(`p:${f.page}`);
    this.history.record({ ...change, ...(moved ? { comments: moved } : {}), ...(frames ? { frames } : {}) });
    this.markChanged(`a:${article}`);
    const pages = this.pagesOf(article);
    if (composing) pages.forEach((p) => this.deferred.add(p));
    else this.relayout(pages);
    this.notify();
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
    const pages = [...this.deferred];
    this.deferred.clear();
    this.relayout(pages);
    this.notify();
  }

  /** A placing step that cannot be done: the status line says why; nothing changes. */
  refuse(label: string, reason: string): void {
    this.refusal = `${label}未执行：${reason}`;
    this.notify();
  }

  setPlacements(page: number, label: string, next: Placement[]): boolean {
    const p = this.edition.pages.find((x) => x.number === page);
    if (!p) return false;
    return this.changePlacements(label, new Map([[p.id, next]]));
  }

  /**
   * One undoable placing step over one page or several (a continued story's part moved with its link).
   * A state the loader would refuse is never applied: the step is refused, `refusal` says why, and the
   * edition stays as it was. Returns whether it was applied.
   */
  changePlacements(label: string, next: Map<string, Placement[]>): boolean {
    const changed = this.edition.pages
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
    const problem = this.problemWith(applyChange(this.edition, c));
    this.refusal = problem ? `${label}未执行：${problem}` : null;
    if (problem) this.notify();
    return !!problem;
  }

  /**
   * One undoable step over the page list (pages added, deleted, duplicated, reordered, renamed; ad
   * slots), refused like a placing step when the loader would refuse the result.
   */
  changePages(label: string, pages: Page[]): boolean {
    if (pages === this.edition.pages) return false;
    const c: Change = { kind: 'pages', label, before: this.edition.pages, after: pages };
    if (this.refused(c, label)) return false;
    this.history.seal();
    this.apply(c, true);
    return true;
  }

  /** Whether operations can move or remove whole blocks (typing within a block cannot). */
  private structural(ops: Operation[]): boolean {
    return ops.some(
      (op) => op.type !== 'insert_text' && op.type !== 'remove_text' && op.type !== 'set_selection',
    );
  }

  /** What the loader would say about an edition, in Chinese, or null when it would open it. */
  private problemWith(ed: Edition): string | null {
    try {
      validateEdition(ed);
    } catch (e) {
      if (e instanceof EditionError) return problemsInChinese(e.problems, 2);
      throw e;
    }
    // As the store checks it: every placement inside its page's grid, below the masthead.
    const ids = new Set(ed.articles.map((a) => a.id));
    const problems = ed.pages.flatMap((p) =>
      this.templates[p.template] ? pageProblems(p, this.templates[p.template], ids) : [],
    );
    return problems.length
      ? problemsInChinese(
          problems.map((p) => ({ path: '', ...p })),
          2,
        )
      : null;
  }

  setArticleMeta(article: string, label: string, patch: Partial<Omit<Article, 'blocks' | 'id'>>): void {
    const a = this.article(article);
    if (!a) return;
    const { blocks: _b, ...before } = a;
    this.apply({ kind: 'article', article, label, before, after: { ...before, ...patch } }, true);
  }

  /**
   * Carries the article's comments through text operations (a pure data update: nothing is laid out
   * or normalised, so an IME composition is not disturbed). Returns the comments before and after
   * when an anchor moved, for the history; the moved comments are marked for autosave.
   */
  private followText(
    article: string,
    before: Article['blocks'],
    ops: Operation[],
  ): { before: ArticleComment[]; after: ArticleComment[] } | null {
    const was = this.commentsOf(article);
    if (!was.some((c) => c.anchor)) return null;
    const now = transformComments(was, before, ops);
    if (now.every((c, i) => c === was[i])) return null;
    this.edition = withComments(this.edition, article, now);
    now.forEach((c, i) => {
      if (c !== was[i]) this.markChanged(`c:${c.id}`);
    });
    return { before: was, after: now };
  }

  /** Undo and redo put the anchors back exactly as recorded; the comments that differ are saved again. */
  private restoreComments(article: string, comments: ArticleComment[]): void {
    const was = new Map(this.commentsOf(article).map((c) => [c.id, JSON.stringify(c)]));
    this.edition = withComments(this.edition, article, comments);
    for (const c of comments) if (was.get(c.id) !== JSON.stringify(c)) this.markChanged(`c:${c.id}`);
  }

  private apply(c: Change, record: boolean): void {
    if (c.kind === 'text' && record && !c.comments) {
      // A text change made here (a proof mark accepted): its anchors follow like typed text.
      const moved = this.followText(c.article, this.article(c.article)?.blocks ?? [], c.ops);
      if (moved) c = { ...c, comments: moved };
    }
    if (c.kind === 'text' && c.comments) this.restoreComments(c.article, c.comments.after);
    if (c.kind === 'text' && record && !c.frames && this.structural(c.ops)) {
      const frames = followFrames(
        this.edition,
        c.article,
        c.ops,
        applyTextOps(this.article(c.article)?.blocks ?? [], c.ops),
      );
      if (frames) c = { ...c, frames };
    }
    if (c.kind === 'text') for (const f of c.frames ?? []) this.markChanged(`p:${f.page}`);
    if (c.kind === 'text' && this.editor?.article === c.article) {
      // Through the live editor, so its selection and DOM follow; it does not record them again.
      const blocks = this.editor.applyOps(c);
      this.edition = withFrames(
        {
          ...this.edition,
          articles: this.edition.articles.map((a) => (a.id === c.article ? { ...a, blocks } : a)),
        },
        c.frames,
      );
    } else {
      this.edition = applyChange(this.edition, c);
    }
    if (record) this.history.record(c);
    if (c.kind === 'comments') {
      // Only the comments that differ are saved: a deletion as such, the others whole.
      const before = new Map(c.before.map((x) => [x.id, JSON.stringify(x)]));
      const after = new Map(c.after.map((x) => [x.id, JSON.stringify(x)]));
      for (const id of new Set([...before.keys(), ...after.keys()]))
        if (before.get(id) !== after.get(id)) this.markChanged(`c:${id}`);
      // Highlights only: no layout, the pages showing the article repaint.
      for (const n of this.pagesOf(c.article)) for (const p of this.painters) p(n, true);
      this.notify();
      return;
    }
    if (c.kind === 'articles') {
      // Not placed yet (a placed article's placing steps come later in history): no page to lay out.
      for (const a of c.articles) this.markChanged(`a:${a.id}`);
      if (c.removed && c.articles.some((a) => a.id === this.currentArticle))
        this.currentArticle = this.edition.articles[0]?.id ?? null;
      else if (!c.removed) this.currentArticle = c.articles[0]?.id ?? this.currentArticle;
      this.notify();
      return;
    }
    let pages: number[];
    if (c.kind === 'pages') {
      const was = new Map(c.before.map((p) => [p.id, p]));
      for (const p of c.after) if (was.get(p.id)?.placements !== p.placements) this.markChanged(`p:${p.id}`);
      if (JSON.stringify(c.before.map(pageInfo)) !== JSON.stringify(c.after.map(pageInfo)))
        this.markChanged('s:pages');
      const numbers = new Set(c.after.map((p) => p.number));
      for (const n of [...this.pages.keys()]) if (!numbers.has(n)) this.pages.delete(n);
      if (!numbers.has(this.currentPage))
        this.currentPage =
          c.after[
            Math.min(
              c.after.length - 1,
              Math.max(
                0,
                c.before.findIndex((p) => p.number === this.currentPage),
              ),
            )
          ]?.number ?? 1;
      // Folios, running heads and jump lines follow the page numbers: every page is set again.
      pages = c.after.map((p) => p.number);
    } else if (c.kind === 'placements') {
      const changed = [c, ...(c.others ?? [])];
      for (const x of changed) this.markChanged(`p:${x.page}`);
      // A continued story flows over every page it is on: those pages are laid out again too.
      const articles = new Set(changed.flatMap((x) => [...x.before, ...x.after].map((p) => p.article)));
      const ids = new Set(changed.map((x) => x.page));
      pages = [
        ...new Set([
          ...this.edition.pages.filter((p) => ids.has(p.id)).map((p) => p.number),
          ...[...articles].flatMap((a) => this.pagesOf(a)),
        ]),
      ];
    } else {
      this.markChanged(`a:${c.article}`);
      pages = this.pagesOf(c.article);
    }
    this.relayout(pages);
    this.notify();
  }

  /**
   * Accepts a proofreader's mark: the edit is applied by the engine's proof rules (found again by its
   * context if the text moved) and recorded as one undoable change of the blocks it touched. Returns
   * why it could not be applied, or null.
   */
  acceptProofMark(mark: ProofMark): string | null {
    if (this.editor?.isComposing()) return '输入法正在输入，请先完成输入';
    const r = applyProofMarks(this.edition, [{ ...mark, state: 'open' }]);
    if (r.conflicts.length) return r.conflicts[0].reason;
    if (!r.applied.length) return '这是批注，不是修改';
    const before = this.article(mark.article);
    const after = r.edition.articles.find((a) => a.id === mark.article);
    if (!before || !after) return `本期没有稿件 ${mark.article}`;
    const ops: Operation[] = [];
    after.blocks.forEach((b, i) => {
      if (JSON.stringify(b) === JSON.stringify(before.blocks[i])) return;
      ops.push({ type: 'remove_node', path: [i], node: before.blocks[i] } as unknown as Operation);
      ops.push({ type: 'insert_node', path: [i], node: b } as unknown as Operation);
    });
    this.history.seal();
    this.apply({ kind: 'text', article: mark.article, ops, at: Date.now() }, true);
    this.history.seal();
    return null;
  }

  /** The comments on an article, in the order they were written. */
  commentsOf(article: string): ArticleComment[] {
    return (this.edition.comments ?? []).filter((c) => c.article === article);
  }

  /**
   * A comment on the editor's selection in the open article: anchored to the selected characters of
   * one block (a selection over several blocks is cut at the end of its first block), or to the
   * article as a whole when nothing is selected. One undoable step. Returns why not, or the comment.
   */
  addComment(
    text: string,
    author: string,
    selection: EditorSelection | null = this.selection,
    now = new Date(),
  ): ArticleComment | string {
    const article = this.currentArticle;
    if (!article || !this.article(article)) return '请先打开一篇稿件';
    if (this.editor?.isComposing()) return '输入法正在输入，请先完成输入';
    const note = text.trim();
    if (!note) return '批注内容不能为空';
    const sel = selection && selection.article === article ? selection : null;
    let anchor: ArticleComment['anchor'];
    if (sel && (sel.anchor.block !== sel.focus.block || sel.anchor.offset !== sel.focus.offset)) {
      const block = sel.anchor.block;
      const end =
        sel.focus.block === block ? sel.focus.offset : blockText(this.article(article)!.blocks[block]).length;
      if (end > sel.anchor.offset)
        anchor = { block, offset: sel.anchor.offset, length: end - sel.anchor.offset };
    }
    const comment: ArticleComment = {
      id: `c-${typeof crypto !== 'undefined' && crypto.randomUUID ? crypto.randomUUID().slice(0, 13) : `${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 8)}`}`,
      article,
      author: author || '编辑',
      at: now.toISOString(),
      text: note,
      ...(anchor ? { anchor } : {}),
    };
    this.changeComments(article, '批注', [...this.commentsOf(article), comment]);
    return comment;
  }

  resolveComment(id: string, resolved: boolean): void {
    const c = (this.edition.comments ?? []).find((x) => x.id === id);
    if (!c) return;
    const { resolved: _r, ...rest } = c;
    this.changeComments(
      c.article,
      resolved ? '解决批注' : '重新打开批注',
      this.commentsOf(c.article).map((x) =>
        x.id === id ? (resolved ? { ...rest, resolved: true } : rest) : x,
      ),
    );
  }

  deleteComment(id: string): void {
    const c = (this.edition.comments ?? []).find((x) => x.id === id);
    if (!c) return;
    this.changeComments(
      c.article,
      '删除批注',
      this.commentsOf(c.article).filter((x) => x.id !== id),
    );
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
    if (this.editor?.isComposing()) return '输入法正在输入，请先完成输入';
    const taken = new Set(this.edition.articles.map((a) => a.id));
    if (articles.some((a) => taken.has(a.id))) return '稿件编号与本期已有稿件重复，请重新导入';
    const was = this.edition;
    this.addAssets(assets);
    const c: Change = { kind: 'articles', label, articles, removed: false };
    const problem = this.problemWith(applyChange(this.edition, c));
    if (problem) {
      this.edition = was;
      return `${label}未执行：${problem}`;
    }
    this.history.seal();
    this.apply(c, true);
    this.history.seal();
    return null;
  }

  /** Photos joining the edition (content-addressed: a photo already there is not added twice). */
  private addAssets(assets: Asset[]): void {
    const have = new Set(this.edition.assets.map((a) => a.id));
    const fresh = assets.filter((a) => !have.has(a.id));
    if (!fresh.length) return;
    this.edition = { ...this.edition, assets: [...this.edition.assets, ...fresh] };
    this.decodeImages();
  }

  /**
   * 置入图片: the photo goes into the current story — into its first photo without an image, or as a
   * new photo at its end — and, when the story is placed on the current page, into a frame across
   * its first text region (as tall as the photo's proportions ask, within the region). One undoable
   * step. Returns why not, or null.
   */
  placePhoto(
    asset: Asset,
    caption: string | null,
    linePitch: (page: number) => { pitch: number; col: number; gutter: number; lines: number } | null,
  ): string | null {
    const id = this.currentArticle;
    const article = this.article(id);
    if (!id || !article) return '请先在左侧选择或新建一篇稿件，再置入图片';
    if (this.editor?.isComposing()) return '输入法正在输入，请先完成输入';
    this.addAssets([asset]);
    const ops: Operation[] = [];
    let index = article.blocks.findIndex((b) => b.type === 'photo' && !b.asset);
    if (index >= 0) {
      ops.push({
        type: 'set_node',
        path: [index],
        properties: { asset: null },
        newProperties: { asset: asset.id },
      } as unknown as Operation);
      if (caption && !blockText(article.blocks[index]).trim())
        ops.push({ type: 'insert_text', path: [index, 0], offset: 0, text: caption } as unknown as Operation);
    } else {
      index = article.blocks.length;
      ops.push({
        type: 'insert_node',
        path: [index],
        node: { type: 'photo', asset: asset.id, children: [{ text: caption ?? '' }] },
      } as unknown as Operation);
    }
    const page = this.edition.pages.find((p) => p.number === this.currentPage);
    const at = page?.placements.findIndex((p) => p.article === id) ?? -1;
    const frames = [];
    if (page && at >= 0 && !page.placements[at].photos.some((f) => f.block === index)) {
      const pl = page.placements[at];
      const r = pl.regions[0];
      const g = linePitch(page.number);
      if (r && g) {
        const width = r.cols * g.col + (r.cols - 1) * g.gutter;
        const captionLines = caption ? 2 : 1;
        const lines = Math.max(
          3,
          Math.min(
            r.lines,
            Math.round((width * asset.pixelHeight) / asset.pixelWidth / g.pitch) + captionLines,
          ),
        );
        const frame = {
          block: index,
          area: { col: r.col, cols: r.cols, line: r.line, lines },
          fit: 'fill' as const,
          captionLines,
        };
        frames.push({
          page: page.id,
          before: page.placements,
          after: page.placements.map((p, i) => (i === at ? { ...p, photos: [...p.photos, frame] } : p)),
        });
      }
    }
    const c: Change = {
      kind: 'text',
      article: id,
      ops,
      at: Date.now(),
      ...(frames.length ? { frames } : {}),
    };
    const problem = this.problemWith(applyChange(this.edition, c));
    if (problem) return `置入图片未执行：${problem}`;
    this.history.seal();
    this.apply(c, true);
    this.history.seal();
    return null;
  }

  undo(): boolean {
    if (this.editor?.isComposing()) return false;
    const c = this.history.undo();
    if (!c) return false;
    this.focusChange(c);
    this.apply(c, false);
    return true;
  }

  redo(): boolean {
    if (this.editor?.isComposing()) return false;
    const c = this.history.redo();
    if (!c) return false;
    this.focusChange(c);
    this.apply(c, false);
    return true;
  }

  /** Undoing shows what is undone: the page and the article it touches. */
  private focusChange(c: Change) {
    if (c.kind === 'articles' || c.kind === 'pages') return;
    if (c.kind === 'placements') {
      const p = this.edition.pages.find((x) => x.id === c.page);
      if (p) this.currentPage = p.number;
    } else {
      const pages = this.pagesOf(c.article);
      if (pages.length && !pages.includes(this.currentPage)) this.currentPage = pages[0];
    }
  }

  openArticle(id: string, at?: { block: number; offset: number }): void {
    // Another story replaces the editor: words still being composed in this one are committed, not lost.
    if (this.editor && this.editor.article !== id && this.editor.isComposing())
      this.editor.commitComposition();
    this.history.seal();
    this.currentArticle = id;
    this.notify();
    if (at) queueMicrotask(() => this.editor?.article === id && this.editor.selectAt(at.block, at.offset));
  }

  goToPage(n: number): void {
    if (this.currentPage === n) return;
    this.currentPage = n;
    this.notify();
  }

  setSelection(s: EditorSelection | null): void {
    this.selection = s;
    for (const p of this.painters) p(this.currentPage);
  }

  private markChanged(key: string): void {
    this.changed.set(key, ++this.changeCounter);
    this.dirty = true;
    if (this.save.kind !== 'saving') this.save = { kind: 'unsaved' };
  }

  /** What autosave sends: the changed articles and pages only, never the whole edition. */
  pendingChanges(): PendingChanges {
    const token = new Map(this.changed);
    const articles = this.edition.articles.filter((a) => token.has(`a:${a.id}`));
    const pages = this.edition.pages
      .filter((p) => token.has(`p:${p.id}`))
      .map((p) => ({ id: p.id, placements: p.placements }));
    const upsert = (this.edition.comments ?? []).filter((c) => token.has(`c:${c.id}`));
    const kept = new Set(upsert.map((c) => c.id));
    const remove = [...token.keys()]
      .filter((k) => k.startsWith('c:') && !kept.has(k.slice(2)))
      .map((k) => k.slice(2));
    const present = new Set(this.edition.articles.map((a) => a.id));
    const removeArticles = [...token.keys()]
      .filter((k) => k.startsWith('a:') && !present.has(k.slice(2)))
      .map((k) => k.slice(2));
    return {
      articles,
      pages,
      comments: { upsert, remove },
      token,
      ...(removeArticles.length ? { removeArticles } : {}),
      ...(token.has('s:pages') ? { pageList: this.edition.pages.map(pageInfo) } : {}),
      ...(token.has('f:fonts') ? { fonts: { ...(this.edition.fonts ?? {}) } } : {}),
    };
  }

  /**
   * Sets a role of this edition in a face (null: back to the template's and the machine's); saved
   * with the edition. The caller loads the screen fonts for the new mapping and calls setFonts.
   */
  setFontRole(role: string, face: string | null): void {
    const fonts = { ...(this.edition.fonts ?? {}) };
    if (face === null) delete fonts[role];
    else fonts[role] = face;
    this.edition = { ...this.edition };
    if (Object.keys(fonts).length) this.edition.fonts = fonts;
    else delete this.edition.fonts;
    this.markChanged('f:fonts');
    this.notify();
  }

  savingStarted(): void {
    this.save = { kind: 'saving' };
    this.notify();
  }

  /** The store committed what `pendingChanges` sent; anything changed meanwhile stays unsaved. */
  changesSaved(sent: PendingChanges, at: Date): void {
    for (const [k, n] of sent.token) if (this.changed.get(k) === n) this.changed.delete(k);
    this.dirty = this.changed.size > 0;
    this.save = this.dirty ? { kind: 'unsaved' } : { kind: 'saved', at };
    this.notify();
  }

  saveFailed(message: string): void {
    this.save = { kind: 'failed', message };
    this.notify();
  }

  replaceEdition(ed: Edition, path: string | null, label: string | null = path): void {
    this.generation++;
    this.history.clear();
    this.edition = ed;
    this.path = path;
    this.label = label;
    this.readOnly = false;
    this.dirty = false;
    this.changed.clear();
    this.save = { kind: 'saved', at: null };
    this.pages.clear();
    this.currentPage = ed.pages[0]?.number ?? 1;
    this.currentArticle = ed.pages[0]?.placements[0]?.article ?? ed.articles[0]?.id ?? null;
    this.relayout(ed.pages.map((p) => p.number));
    this.decodeImages();
    this.notify();
  }

  /**
   * Edits the file never acknowledged, kept in the browser (renderer/state/unsaved.ts), put back as
   * unsaved changes so that autosave sends them again; open editors start afresh on the restored text.
   */
  restoreEdits(kept: Pick<PendingChanges, 'articles' | 'pages' | 'comments' | 'pageList'>): void {
    const articles = new Map(this.edition.articles.map((a) => [a.id, a]));
    for (const a of kept.articles) {
      articles.set(a.id, a);
      this.markChanged(`a:${a.id}`);
    }
    const placements = new Map(kept.pages.map((p) => [p.id, p.placements]));
    const had = new Map(this.edition.pages.map((p) => [p.id, p]));
    if (kept.pageList) this.markChanged('s:pages');
    const pages = (
      kept.pageList
        ? kept.pageList.map((info) => ({ ...info, placements: had.get(info.id)?.placements ?? [] }))
        : this.edition.pages
    ).map((p) => (placements.has(p.id) ? { ...p, placements: placements.get(p.id)! } : p));
    for (const id of placements.keys()) this.markChanged(`p:${id}`);
    let comments = this.edition.comments;
    for (const c of kept.comments.upsert) {
      comments = comments?.some((x) => x.id === c.id)
        ? comments.map((x) => (x.id === c.id ? c : x))
        : [...(comments ?? []), c];
      this.markChanged(`c:${c.id}`);
    }
    for (const id of kept.comments.remove) {
      comments = comments?.filter((x) => x.id !== id);
      this.markChanged(`c:${id}`);
    }
    this.edition = {
      ...this.edition,
      articles: [...articles.values()],
      pages,
      ...(comments ? { comments } : {}),
    };
    this.generation++;
    this.relayout(pages.map((p) => p.number));
    this.notify();
  }

  /** The whole edition now lives in `path` (Save As, or the legacy whole save). */
  markSaved(path: string | null, label: string | null = path): void {
    this.dirty = false;
    this.changed.clear();
    this.path = path;
    this.label = label;
    this.readOnly = false;
    this.save = { kind: 'saved', at: new Date() };
    this.notify();
  }
  touch(): void {
    this.notify();
  }
}
