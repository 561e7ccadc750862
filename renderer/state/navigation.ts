// Where the editor is: the page shown, the article open in the editor and the editor's selection,
// and where undo, a page-list step or an import takes them.
import type { Edition } from '../../engine/model/types';
import { pagesOf } from './document';
import type { Change } from './history';

export interface EditorSelection {
  article: string;
  anchor: { block: number; offset: number };
  focus: { block: number; offset: number };
}

export class Navigation {
  private _page = 1;
  private _article: string | null = null;
  private _selection: EditorSelection | null = null;

  constructor(ed: Edition) {
    this.reset(ed);
  }

  get currentPage(): number {
    return this._page;
  }
  get currentArticle(): string | null {
    return this._article;
  }
  get selection(): EditorSelection | null {
    return this._selection;
  }

  /** A new edition opens on its first page and the first story placed there. */
  reset(ed: Edition): void {
    this._page = ed.pages[0]?.number ?? 1;
    this._article = ed.pages[0]?.placements[0]?.article ?? ed.articles[0]?.id ?? null;
  }

  /** Returns whether the page changed. */
  goToPage(n: number): boolean {
    if (this._page === n) return false;
    this._page = n;
    return true;
  }

  openArticle(id: string | null): void {
    this._article = id;
  }

  select(s: EditorSelection | null): void {
    this._selection = s;
  }

  /** Undoing shows what is undone: the page and the article it touches. */
  focusChange(ed: Edition, c: Change): void {
    if (c.kind === 'proof') return;
    if (c.kind === 'group') {
      if (c.changes[0]) this.focusChange(ed, c.changes[0]);
      return;
    }
    if (c.kind === 'articles' || c.kind === 'pages' || c.kind === 'styles') return;
    if (c.kind === 'placements') {
      const p = ed.pages.find((x) => x.id === c.page);
      if (p) this._page = p.number;
    } else {
      const pages = pagesOf(ed, c.article);
      if (pages.length && !pages.includes(this._page)) this._page = pages[0];
    }
  }

  /** Articles imported open the first of them; an import undone closes what it took out. */
  articlesChanged(ed: Edition, c: Extract<Change, { kind: 'articles' }>): void {
    if (c.removed && c.articles.some((a) => a.id === this._article))
      this._article = ed.articles[0]?.id ?? null;
    else if (!c.removed) this._article = c.articles[0]?.id ?? this._article;
  }

  /** The page shown was deleted: the page now in its place in the list (or the last) is shown. */
  pagesChanged(c: Extract<Change, { kind: 'pages' }>): void {
    if (c.after.some((p) => p.number === this._page)) return;
    this._page =
      c.after[
        Math.min(
          c.after.length - 1,
          Math.max(
            0,
            c.before.findIndex((p) => p.number === this._page),
          ),
        )
      ]?.number ?? 1;
  }
}
