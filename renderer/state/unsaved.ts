// Edits the edition file has not acknowledged yet, kept in the page's own storage (localStorage) until
// it has: when the host is away, restarting, or the page is reloaded or crashes meanwhile, nothing
// typed is lost. Kept per edition file (the edition's id and the file's label), replaced whole on every
// change, removed once autosave's commit covers everything.
import type { ArticleComment } from '../../engine/model/types';
import type { PendingChanges } from './session';

export interface KeptEdits {
  /** The edition's id: edits are never put into another edition that took the file's name. */
  edition: string;
  /** How the file is named to the editor; with `edition`, the key. */
  label: string;
  /** What the page named the file with when they were kept (the recent list names it again after a restart). */
  path: string;
  /** When they were kept (ISO). */
  at: string;
  articles: PendingChanges['articles'];
  pages: PendingChanges['pages'];
  comments: { upsert: ArticleComment[]; remove: string[] };
  /** The page list, when pages were added, deleted, moved or renamed. */
  pageList?: PendingChanges['pageList'];
}

const PREFIX = 'banmian:unsaved:';
const key = (edition: string, label: string) => `${PREFIX}${edition}\u0000${label}`;

/** How many changes (articles, pages, comments) wait to be saved. */
export function changeCount(c: Pick<PendingChanges, 'articles' | 'pages' | 'comments' | 'pageList'>): number {
  return (
    c.articles.length +
    c.pages.length +
    c.comments.upsert.length +
    c.comments.remove.length +
    (c.pageList ? 1 : 0)
  );
}

/** Keeps what waits to be saved; false when the browser refused to store it (quota, storage disabled). */
export function keepEdits(
  storage: Storage,
  edition: string,
  label: string,
  path: string,
  c: PendingChanges,
): boolean {
  const kept: KeptEdits = {
    edition,
    label,
    path,
    at: new Date().toISOString(),
    articles: c.articles,
    pages: c.pages,
    comments: c.comments,
    ...(c.pageList ? { pageList: c.pageList } : {}),
  };
  try {
    storage.setItem(key(edition, label), JSON.stringify(kept));
    return true;
  } catch {
    return false;
  }
}

export function forgetEdits(storage: Storage, edition: string, label: string): void {
  try {
    storage.removeItem(key(edition, label));
  } catch {
    /* nothing was kept */
  }
}

function parse(raw: string | null): KeptEdits | null {
  if (!raw) return null;
  try {
    const k = JSON.parse(raw) as KeptEdits;
    if (
      typeof k.edition !== 'string' ||
      typeof k.label !== 'string' ||
      !Array.isArray(k.articles) ||
      !Array.isArray(k.pages) ||
      !k.comments
    )
      return null;
    return k;
  } catch {
    return null;
  }
}

export function keptEdits(storage: Storage, edition: string, label: string): KeptEdits | null {
  try {
    return parse(storage.getItem(key(edition, label)));
  } catch {
    return null;
  }
}

/** Every file with edits waiting, newest first. */
export function allKeptEdits(storage: Storage): KeptEdits[] {
  const out: KeptEdits[] = [];
  try {
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i);
      if (k?.startsWith(PREFIX)) {
        const e = parse(storage.getItem(k));
        if (e) out.push(e);
      }
    }
  } catch {
    /* storage disabled: nothing kept */
  }
  return out.sort((a, b) => b.at.localeCompare(a.at));
}
