// The open edition in the renderer as the panels read it: the edition, the pages laid out, the file
// and its save state, the page and article shown, and who is told when any of it changes. It composes
// the session's parts — pages laid out and their painters (layout-cache.ts), decoded photos
// (photos.ts), navigation (navigation.ts), save tracking (save-tracking.ts); every edit is in
// session.ts, which extends it. Fields are read through getters; they change only through methods.
import type { DisplayPage } from '../../engine/display/types';
import type { FontSet } from '../../engine/fonts/metrics';
import type { Article, ArticleComment, Edition } from '../../engine/model/types';
import type { Template } from '../../engine/templates';
import { commentsOf } from './comments';
import { afterFrame, type Cancel } from './after-frame';
import { afterPaint } from './frame';
import { articleIn, pagesOf } from './document';
import { History, type Change } from './history';
import { PageLayouts, type Painter } from './layout-cache';
import { Navigation, type EditorSelection } from './navigation';
import { PhotoDecoder } from './photos';
import { SaveTracker, type PendingChanges, type SaveState } from './save-tracking';

/** What the open article editor offers the session: undo of its text goes through it, so its selection and DOM stay in step. */
export interface OpenEditor {
  article: string;
  /** Applies history operations in the editor and returns its new tree. */
  applyOps(change: Extract<Change, { kind: 'text' }>): Article['blocks'];
  /** Puts the caret there, or selects `length` units from there. */
  selectAt(block: number, offset: number, length?: number): void;
  isComposing(): boolean;
  /** Ends an active IME composition by committing its words where they were typed. */
  commitComposition(): void;
}

type Listener = () => void;

/** A change made here (typed, placed, undone, redone …), the edition's font roles set, or the editor's selection moved: what a newsroom link sends on. */
export type LocalChange = Change | { kind: 'fonts' } | { kind: 'selection' };

export class SessionState {
  protected ed: Edition;
  readonly history = new History();
  protected readonly layouts = new PageLayouts();
  protected readonly photos = new PhotoDecoder();
  protected readonly nav: Navigation;
  protected readonly saves = new SaveTracker();
  protected _refusal: string | null = null;
  private _version = 0;
  protected _generation = 0;
  protected editor: OpenEditor | null = null;
  private listeners = new Set<Listener>();
  private settledListeners = new Set<Listener>();
  private _settledVersion = 0;
  private settling: Cancel | null = null;
  private localListeners = new Set<(c: LocalChange) => void>();

  constructor(
    edition: Edition,
    private _fonts: FontSet,
    readonly templates: Record<string, Template>,
  ) {
    this.ed = edition;
    this.nav = new Navigation(edition);
    this.relayout(edition.pages.map((p) => p.number));
    this.decodeImages();
  }

  get edition(): Edition {
    return this.ed;
  }
  get fonts(): FontSet {
    return this._fonts;
  }
  /** Display pages by page number, as last laid out. */
  get pages(): ReadonlyMap<number, DisplayPage> {
    return this.layouts.pages;
  }
  /** Decoded photos by asset id, for the painter. */
  get images(): ReadonlyMap<string, ImageBitmap> {
    return this.photos.images;
  }
  get currentPage(): number {
    return this.nav.currentPage;
  }
  get currentArticle(): string | null {
    return this.nav.currentArticle;
  }
  get selection(): EditorSelection | null {
    return this.nav.selection;
  }
  get layoutError(): string | null {
    return this.layouts.error;
  }
  /** Why the last placing operation was refused (it would have left an edition that cannot be saved or opened). */
  get refusal(): string | null {
    return this._refusal;
  }
  /** Milliseconds the last layout took, for the status bar. */
  get lastLayoutMs(): number {
    return this.layouts.lastMs;
  }
  /** Layouts run so far: tests and the status bar read it to see that composition defers layout. */
  get layoutCount(): number {
    return this.layouts.count;
  }
  get dirty(): boolean {
    return this.saves.dirty;
  }
  get path(): string | null {
    return this.saves.path;
  }
  /** How the file is named to the editor (the browser host shows it inside its documents folder). */
  get label(): string | null {
    return this.saves.label;
  }
  /** The file can be read but not written (read-only media or folder): nothing is saved to it. */
  get readOnly(): boolean {
    return this.saves.readOnly;
  }
  get save(): SaveState {
    return this.saves.state;
  }
  get version(): number {
    return this._version;
  }
  /** Bumped when another edition replaces this one: open editors must start afresh. */
  get generation(): number {
    return this._generation;
  }

  /** The file the edition lives in: opened, named again after a host restart, or found read-only. */
  setFile(path: string | null, label: string | null = path, readOnly = this.readOnly): void {
    this.saves.setFile(path, label, readOnly);
  }

  /** Photos decode off the main thread; each page repaints as its photos arrive. */
  protected decodeImages(): void {
    this.photos.decode(this.ed.assets, () => this.repaint());
  }

  /** Told at once of every change (narrow readers: renderer/state/use-session.ts). */
  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getVersion = (): number => this._version;
  /**
   * Told of every change too, but of typed text only once the frame showing it is painted (coalesced:
   * one call for a burst of keystrokes); any other change first. The workspace and its panels read this.
   */
  subscribeSettled = (l: Listener): (() => void) => {
    this.settledListeners.add(l);
    return () => this.settledListeners.delete(l);
  };
  getSettledVersion = (): number => this._settledVersion;
  /** `typed`: text typed in the editor, whose page is painted straight after layout; the panels follow after the frame. */
  protected notify(typed = false) {
    this._version++;
    for (const l of this.listeners) l();
    if (typed) this.settling ??= afterFrame(() => this.settle());
    else this.settle();
  }
  private settle() {
    this.settling?.();
    this.settling = null;
    if (this._settledVersion === this._version) return;
    this._settledVersion = this._version;
    for (const l of this.settledListeners) l();
  }

  /** Told of each change made in this session (never of changes merged from others, renderer/newsroom). */
  onLocalChange(l: (c: LocalChange) => void): () => void {
    this.localListeners.add(l);
    return () => this.localListeners.delete(l);
  }
  protected changedHere(c: LocalChange): void {
    for (const l of this.localListeners) l(c);
  }

  /** A message for the status line (others' changes merged, a change the newsroom refused). */
  tell(message: string): void {
    this._refusal = message;
    this.notify();
  }

  /** The page view registers here; it is called right after a page's layout changes. */
  onPaint(p: Painter): () => void {
    return this.layouts.onPaint(p);
  }

  attachEditor(e: OpenEditor | null) {
    this.editor = e;
  }

  /**
   * Metrics for characters the font set did not know yet have come (renderer/fonts.ts): every page
   * is laid out again, after an input method's composition if one is under way.
   */
  setFonts(fonts: FontSet): void {
    this._fonts = fonts;
    const pages = this.ed.pages.map((p) => p.number);
    if (this.isComposing()) {
      this.layouts.defer(pages);
      return;
    }
    this.relayout(pages);
    this.notify();
  }

  /** Repaints without layout (glyph outlines or photos arrived). */
  repaint(): void {
    this.layouts.repaintAll();
  }

  isComposing(): boolean {
    return this.editor?.isComposing() ?? false;
  }

  article(id: string | null): Article | undefined {
    return articleIn(this.ed, id);
  }

  /** Pages on which an article is placed. */
  pagesOf(article: string): number[] {
    return pagesOf(this.ed, article);
  }

  relayout(pages: number[]): void {
    const all = this.typedPages.size ? [...new Set([...pages, ...this.typedPages])] : pages;
    this.typedPages.clear();
    this.layouts.run(this.ed, this._fonts, this.templates, all);
  }

  /** Pages holding typed text not laid out yet: laid out straight after the frame showing it in the editor. */
  private typedPages = new Set<number>();

  /**
   * Typed text: the frame that shows it in the editor is painted first, the page laid out and painted
   * straight after (a keystroke's frame holds only the editor's own change; the page follows a frame
   * later). Anything laid out before then takes these pages along.
   */
  protected relayoutAfterPaint(pages: number[]): void {
    if (!pages.length) return;
    for (const p of pages) this.typedPages.add(p);
    let now = true;
    afterPaint(this.typedPages, () => {
      if (!this.typedPages.size) return;
      this.relayout([]);
      // The status line and panels read the new layout's figures.
      if (!now) this.notify(true);
    });
    now = false;
  }

  /** A placing step that cannot be done: the status line says why; nothing changes. */
  refuse(label: string, reason: string): void {
    this._refusal = `${label}未执行：${reason}`;
    this.notify();
  }

  /** The refusal has been read: the status line no longer shows it. */
  clearRefusal(): void {
    this._refusal = null;
  }

  /** The comments on an article, in the order they were written. */
  commentsOf(article: string): ArticleComment[] {
    return commentsOf(this.ed, article);
  }

  goToPage(n: number): void {
    if (this.nav.goToPage(n)) this.notify();
  }

  setSelection(s: EditorSelection | null): void {
    this.nav.select(s);
    // A page waiting for its typed text's layout is painted, caret and all, when that is done.
    if (!this.typedPages.has(this.currentPage)) this.layouts.paint([this.currentPage]);
    this.changedHere({ kind: 'selection' });
  }

  /** What autosave sends: the changed articles and pages only, never the whole edition. */
  pendingChanges(): PendingChanges {
    return this.saves.pending(this.ed);
  }

  savingStarted(): void {
    this.saves.started();
    this.notify();
  }

  /** The store committed what `pendingChanges` sent; anything changed meanwhile stays unsaved. */
  changesSaved(sent: PendingChanges, at: Date): void {
    this.saves.saved(sent, at);
    this.notify();
  }

  saveFailed(message: string): void {
    this.saves.failed(message);
    this.notify();
  }

  /** The whole edition now lives in `path` (Save As, or the legacy whole save). */
  markSaved(path: string | null, label: string | null = path): void {
    this.saves.clean(path, label, new Date());
    this.notify();
  }
  touch(): void {
    this.notify();
  }
}
