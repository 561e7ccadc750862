// An open edition file: its connection, prepared statements, and the one transaction every edit runs
// in (checked against the file being replaced or written by someone else: inode + edit_seq).
import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { Template } from '../../../engine/templates';
import { changedUnderneath, readOnlyFile } from './errors';
import { DEFAULT_REVISION_INTERVAL, defaultAuthor } from './rows';
import { installedTemplate } from './edition-check';
import type { StoreOptions } from './types';

/** An open edition file: its connection, prepared statements, and the transaction every edit runs in. */
export abstract class StoreConnection {
  readonly path: string;
  readonly readOnly: boolean;
  protected db: Database.Database;
  protected author: string;
  protected now: () => Date;
  protected revisionInterval: number;
  protected closed = false;
  protected stmts: ReturnType<StoreConnection['prepare']>;
  /** The edit number this store last saw committed: any other means someone else wrote the file. */
  protected seenSeq: number;
  /** The file this store opened; a different file under the same name is a conflict, not a target. */
  protected identity: { dev: number; ino: number } | null;

  protected templateOf: (id: string) => Template | undefined;

  protected constructor(path: string, db: Database.Database, readOnly: boolean, opts: StoreOptions) {
    // Once per template per open file: a keystroke's commit reads no template file.
    const templates = new Map<string, Template | undefined>();
    const find = opts.template ?? installedTemplate;
    this.templateOf = (id) => {
      if (!templates.has(id)) templates.set(id, find(id));
      return templates.get(id);
    };
    this.path = path;
    this.db = db;
    this.readOnly = readOnly;
    this.author = opts.author ?? defaultAuthor();
    this.now = opts.now ?? (() => new Date());
    this.revisionInterval = opts.revisionInterval ?? DEFAULT_REVISION_INTERVAL;
    this.stmts = this.prepare();
    this.seenSeq = this.editSeq;
    try {
      const st = statSync(path);
      this.identity = { dev: st.dev, ino: st.ino };
    } catch {
      this.identity = null;
    }
  }

  protected prepare() {
    const d = this.db;
    return {
      getMeta: d.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
      setMeta: d.prepare(
        'INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ),
      bumpSeq: d
        .prepare(
          "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'edit_seq' RETURNING CAST(value AS INTEGER) AS seq",
        )
        .pluck(),
      article: d.prepare('SELECT * FROM articles WHERE id = ?'),
      updateBlocks: d.prepare(
        'UPDATE articles SET blocks = ?, slug = ?, updated_at = ?, updated_by = ? WHERE id = ?',
      ),
      lastRevision: d.prepare(
        'SELECT id, at, author, blocks FROM revisions WHERE article_id = ? ORDER BY id DESC LIMIT 1',
      ),
      insertRevision: d.prepare(
        'INSERT INTO revisions(article_id, at, author, note, slug, status, blocks) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
    };
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** The number of the last committed edit; the app shows "saved" once its last ack reaches it. */
  get editSeq(): number {
    return Number(this.stmts.getMeta.get('edit_seq') ?? 0);
  }

  /** For tests and diagnostics: the SQLite connection. */
  get connection(): Database.Database {
    return this.db;
  }

  protected statements = new Map<string, Database.Statement>();

  /** A prepared statement, compiled once per connection. */
  protected q(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  protected live(): void {
    if (this.closed) throw new Error(`edition ${this.path} is closed`);
  }

  protected writable(): void {
    this.live();
    if (this.readOnly) throw readOnlyFile(this.path);
  }

  /**
   * Runs `fn` as one IMMEDIATE transaction that counts as one edit, after making sure the file is still
   * the one this store opened and that nobody else has written to it since: a replaced, moved or
   * otherwise-written file is a conflict (EditionFileError 'changed'), never a silent overwrite.
   */
  protected commit<T>(fn: () => T): T {
    this.writable();
    let seq = 0;
    const value = this.db
      .transaction(() => {
        this.checkSameFile();
        if (this.editSeq !== this.seenSeq) throw changedUnderneath(this.path, 'written');
        const v = fn();
        seq = this.stmts.bumpSeq.get() as number;
        return v;
      })
      .immediate();
    this.seenSeq = seq;
    return value;
  }

  protected checkSameFile(): void {
    let st;
    try {
      st = statSync(this.path);
    } catch {
      throw changedUnderneath(this.path, 'gone');
    }
    if (this.identity && (st.ino !== this.identity.ino || st.dev !== this.identity.dev))
      throw changedUnderneath(this.path, 'replaced');
  }
}
