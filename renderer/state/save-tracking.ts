// What autosave knows: which articles, pages, comments and settings changed since the file last
// acknowledged them (a counter per change, so an edit made while a save is under way stays unsaved),
// the save state the status bar shows, and the file the edition lives in.
import type { EditionOutput } from '../../engine/model/output';
import type { Article, ArticleComment, Edition, Page, Placement } from '../../engine/model/types';
import type { Change } from './history';

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
  /** The edition's whole style changes (样式), when they changed. */
  styles?: Record<string, Record<string, unknown>>;
  /** The edition's output condition (null: the template's), when it changed. */
  output?: EditionOutput | null;
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

/** The comment ids whose text, anchor or state differ between two lists (a deletion as such). */
export function changedComments(before: ArticleComment[], after: ArticleComment[]): string[] {
  const was = new Map(before.map((x) => [x.id, JSON.stringify(x)]));
  const now = new Map(after.map((x) => [x.id, JSON.stringify(x)]));
  return [...new Set([...was.keys(), ...now.keys()])].filter((id) => was.get(id) !== now.get(id));
}

/** The change keys a page-list step touches: pages whose placements changed, and the list itself. */
export function pageListKeys(c: Extract<Change, { kind: 'pages' }>): string[] {
  const was = new Map(c.before.map((p) => [p.id, p]));
  const keys = c.after.filter((p) => was.get(p.id)?.placements !== p.placements).map((p) => `p:${p.id}`);
  if (JSON.stringify(c.before.map(pageInfo)) !== JSON.stringify(c.after.map(pageInfo))) keys.push('s:pages');
  return keys;
}

/** Changed since the last save: `a:<article>`, `p:<page>`, `c:<comment>`, `s:pages`, `f:fonts`, `y:styles`, `o:output`, a counter each. */
export class SaveTracker {
  private changed = new Map<string, number>();
  private counter = 0;
  private _dirty = false;
  private _state: SaveState = { kind: 'saved', at: null };
  private _path: string | null = null;
  private _label: string | null = null;
  private _readOnly = false;

  get dirty(): boolean {
    return this._dirty;
  }
  get state(): SaveState {
    return this._state;
  }
  get path(): string | null {
    return this._path;
  }
  /** How the file is named to the editor (the browser host shows it inside its documents folder). */
  get label(): string | null {
    return this._label;
  }
  /** The file can be read but not written (read-only media or folder): nothing is saved to it. */
  get readOnly(): boolean {
    return this._readOnly;
  }

  /** The file the edition lives in (opened, named again after a host restart, found read-only). */
  setFile(path: string | null, label: string | null = path, readOnly = this._readOnly): void {
    this._path = path;
    this._label = label;
    this._readOnly = readOnly;
  }

  mark(key: string): void {
    this.changed.set(key, ++this.counter);
    this._dirty = true;
    if (this._state.kind !== 'saving') this._state = { kind: 'unsaved' };
  }

  /** What autosave sends: the changed articles and pages only, never the whole edition. */
  pending(ed: Edition): PendingChanges {
    const token = new Map(this.changed);
    const articles = ed.articles.filter((a) => token.has(`a:${a.id}`));
    const pages = ed.pages
      .filter((p) => token.has(`p:${p.id}`))
      .map((p) => ({ id: p.id, placements: p.placements }));
    const upsert = (ed.comments ?? []).filter((c) => token.has(`c:${c.id}`));
    const kept = new Set(upsert.map((c) => c.id));
    const remove = [...token.keys()]
      .filter((k) => k.startsWith('c:') && !kept.has(k.slice(2)))
      .map((k) => k.slice(2));
    const present = new Set(ed.articles.map((a) => a.id));
    const removeArticles = [...token.keys()]
      .filter((k) => k.startsWith('a:') && !present.has(k.slice(2)))
      .map((k) => k.slice(2));
    return {
      articles,
      pages,
      comments: { upsert, remove },
      token,
      ...(removeArticles.length ? { removeArticles } : {}),
      ...(token.has('s:pages') ? { pageList: ed.pages.map(pageInfo) } : {}),
      ...(token.has('f:fonts') ? { fonts: { ...(ed.fonts ?? {}) } } : {}),
      ...(token.has('y:styles') ? { styles: { ...(ed.styles ?? {}) } } : {}),
      ...(token.has('o:output') ? { output: ed.output ?? null } : {}),
    };
  }

  started(): void {
    this._state = { kind: 'saving' };
  }

  /** The store committed what `pending` sent; anything changed meanwhile stays unsaved. */
  saved(sent: PendingChanges, at: Date): void {
    for (const [k, n] of sent.token) if (this.changed.get(k) === n) this.changed.delete(k);
    this._dirty = this.changed.size > 0;
    this._state = this._dirty ? { kind: 'unsaved' } : { kind: 'saved', at };
  }

  failed(message: string): void {
    this._state = { kind: 'failed', message };
  }

  /** The whole edition is in `path` as it is now (opened, Save As): nothing is pending. */
  clean(path: string | null, label: string | null, at: Date | null): void {
    this._dirty = false;
    this.changed.clear();
    this.setFile(path, label, false);
    this._state = { kind: 'saved', at };
  }
}

/**
 * Edits the file never acknowledged (renderer/state/unsaved.ts) put back into an edition, with the
 * change keys to mark unsaved again.
 */
export function withKeptEdits(
  ed: Edition,
  kept: Pick<PendingChanges, 'articles' | 'pages' | 'comments' | 'pageList'>,
): { edition: Edition; keys: string[] } {
  const keys: string[] = [];
  const articles = new Map(ed.articles.map((a) => [a.id, a]));
  for (const a of kept.articles) {
    articles.set(a.id, a);
    keys.push(`a:${a.id}`);
  }
  const placements = new Map(kept.pages.map((p) => [p.id, p.placements]));
  const had = new Map(ed.pages.map((p) => [p.id, p]));
  if (kept.pageList) keys.push('s:pages');
  const pages = (
    kept.pageList
      ? kept.pageList.map((info) => ({ ...info, placements: had.get(info.id)?.placements ?? [] }))
      : ed.pages
  ).map((p) => (placements.has(p.id) ? { ...p, placements: placements.get(p.id)! } : p));
  for (const id of placements.keys()) keys.push(`p:${id}`);
  let comments = ed.comments;
  for (const c of kept.comments.upsert) {
    comments = comments?.some((x) => x.id === c.id)
      ? comments.map((x) => (x.id === c.id ? c : x))
      : [...(comments ?? []), c];
    keys.push(`c:${c.id}`);
  }
  for (const id of kept.comments.remove) {
    comments = comments?.filter((x) => x.id !== id);
    keys.push(`c:${id}`);
  }
  return {
    edition: { ...ed, articles: [...articles.values()], pages, ...(comments ? { comments } : {}) },
    keys,
  };
}
