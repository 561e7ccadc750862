// What the app remembers between runs, in one small JSON file in the user's config folder (the caller
// passes the folder; in Electron it is app.getPath('userData')): the recent editions for File ▸ Open
// Recent, and whether the last run closed its edition cleanly. If it did not (a crash, a power cut, a
// killed process), the app reopens that edition where the editor was. The edition itself is always
// safe on disk (every edit is committed); this file only says where to go back to.
import { mkdirSync, readFileSync, renameSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../atomic-write';

export interface RecentEdition {
  path: string;
  /** Paper name and date, for the menu, as they were when last opened. */
  title?: string;
  openedAt: string;
}

/** Where the editor was, to go back to after a crash. */
export interface EditorPlace {
  page?: number;
  article?: string;
  /** Block index and character offset of the caret in the article. */
  block?: number;
  offset?: number;
}

export interface Recovery {
  path: string;
  place: EditorPlace;
  /** When the edition was opened in the run that did not close it. */
  openedAt: string;
}

interface StateFile {
  version: 1;
  recent: RecentEdition[];
  open: { path: string; openedAt: string; place: EditorPlace } | null;
}

const FILE = 'recent-editions.json';

export class RecentEditions {
  private state: StateFile;
  private readonly file: string;

  constructor(
    private readonly configDir: string,
    private readonly opts: { max?: number; now?: () => Date } = {},
  ) {
    this.file = join(configDir, FILE);
    this.state = this.read();
  }

  private now(): string {
    return (this.opts.now?.() ?? new Date()).toISOString();
  }

  private read(): StateFile {
    const empty: StateFile = { version: 1, recent: [], open: null };
    if (!existsSync(this.file)) return empty;
    try {
      const s = JSON.parse(readFileSync(this.file, 'utf8')) as StateFile;
      if (s && s.version === 1 && Array.isArray(s.recent))
        return {
          version: 1,
          recent: s.recent.filter((r) => r && typeof r.path === 'string'),
          open: s.open && typeof s.open.path === 'string' ? s.open : null,
        };
    } catch {
      /* unreadable: start afresh below, keeping the bad file for a look */
    }
    try {
      renameSync(this.file, this.file + '.unreadable');
    } catch {
      /* nothing to keep */
    }
    return empty;
  }

  private write(): void {
    mkdirSync(this.configDir, { recursive: true });
    writeFileAtomic(this.file, JSON.stringify(this.state, null, 2));
  }

  /** Recent editions, newest first; those no longer on disk are marked so the menu can grey them. */
  list(): (RecentEdition & { exists: boolean })[] {
    return this.state.recent.map((r) => ({ ...r, exists: existsSync(r.path) }));
  }

  /** The app opened an edition: it goes to the top of the list and is the one to reopen after a crash. */
  opened(path: string, title?: string): void {
    const abs = resolve(path);
    const openedAt = this.now();
    this.state.recent = [
      { path: abs, ...(title ? { title } : {}), openedAt },
      ...this.state.recent.filter((r) => r.path !== abs),
    ].slice(0, this.opts.max ?? 10);
    this.state.open = { path: abs, openedAt, place: {} };
    this.write();
  }

  /** Where the editor is now; called when the page or article changes (not on every keystroke). */
  place(place: EditorPlace): void {
    if (!this.state.open) return;
    this.state.open.place = { ...place };
    this.write();
  }

  /** The edition was closed on purpose (close, quit, open another): nothing to recover. */
  closed(path: string): void {
    if (this.state.open && this.state.open.path === resolve(path)) {
      this.state.open = null;
      this.write();
    }
  }

  forget(path: string): void {
    const abs = resolve(path);
    this.state.recent = this.state.recent.filter((r) => r.path !== abs);
    if (this.state.open?.path === abs) this.state.open = null;
    this.write();
  }

  /** At start-up: the edition the last run left open, if its file is still there. */
  recovery(): Recovery | null {
    const o = this.state.open;
    if (!o || !existsSync(o.path)) return null;
    return { path: o.path, place: { ...o.place }, openedAt: o.openedAt };
  }
}
