// Edition files: one edition, one SQLite file (the application file format of design.md, "Storage").
//
// Invariants:
//  - a file is checked read-only before it is opened read-write (check.ts); a refused file is never written;
//  - every committed state passes the loader's own check (checkedEdition) in the same transaction, so a
//    saved edition always opens and lays out; a file that does not is `invalid`, and repair.ts mends it;
//  - every edit is one transaction, acknowledged (EditAck) only after COMMIT returns, with the WAL synced
//    (synchronous=FULL), so an acknowledged edit survives a crash or a power cut;
//  - photos live inside as blobs addressed by their SHA-256, stored once however often they are used;
//  - an article's earlier states are kept as revisions, written when a new editing burst begins;
//  - a file another program holds open is never replaced (assertNotInUse), and a store never writes to a
//    file replaced, moved or written by someone else since it opened it (commit: inode + edit_seq);
//  - at rest a file is in rollback mode, so it reads on read-only media with nothing written beside it.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, rmSync, statSync } from 'node:fs';
import { writeAside, type AsideFile } from '../atomic-write';
import { userInfo } from 'node:os';
import type Database from 'better-sqlite3';
import { openDatabase } from './native';
import type {
  Article,
  ArticleComment,
  ArticleStatus,
  Asset,
  Block,
  Edition,
  Page,
  Placement,
} from '../../../engine/model/types';
import { EDITION_SCHEMA_VERSION } from '../../../engine/model/types';
import { blockText } from '../../../engine/layout/runs';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './schema';
import { pageRulesOf, updatePageRules } from './page-rules';
import { canWrite, checkEditionFile, openForReading, sqliteProblem } from './check';
import { EditError, EditionFileError, changedUnderneath, inUse, readOnlyFile } from './errors';
import { checkBlocks, checkStatus } from './validate';
import { checkFontMapping } from '../../../engine/fonts/mapping';
import { EditionError, problemsInChinese, validateEdition } from '../../../engine/model/validate';
import { pageProblems } from '../../../engine/layout';
import type { Template } from '../../../engine/templates';
import { loadTemplate } from '../templates';
import { REPAIRABLE } from '../../api/repair';
import type {
  AssetInput,
  EditAck,
  EditionEdit,
  Revision,
  RevisionInfo,
  StoreOptions,
  StoredRevision,
} from './types';

export * from './types';
export { EditError, EditionFileError } from './errors';
export type { EditionFileProblem } from './errors';
export { canWrite, checkEditionFile } from './check';
export { SCHEMA_VERSION } from './schema';

const DEFAULT_REVISION_INTERVAL = 10 * 60_000;

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function defaultAuthor(): string {
  try {
    return userInfo().username || 'editor';
  } catch {
    return 'editor';
  }
}

/** The working name of an article: its headline, else the start of its first text. */
export function slugOf(blocks: Block[], fallback = ''): string {
  const head =
    blocks.find((b) => b.type === 'headline') ??
    blocks.find((b) => b.type !== 'photo' && b.children.some((c) => c.text.trim()));
  const text = head
    ? head.children
        .map((c) => c.text)
        .join('')
        .trim()
    : '';
  if (!text) return fallback;
  const chars = Array.from(text);
  return chars.length > 24 ? chars.slice(0, 24).join('') + '…' : text;
}

/** Characters (code points) of a story's text, captions included, as a version's size is shown. */
function storyChars(blocks: Block[]): number {
  let n = 0;
  for (const b of blocks) n += Array.from(blockText(b.children)).length;
  return n;
}

function applyPragmas(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // FULL syncs the WAL at each commit: an acknowledged keystroke survives a power cut, for ~0.2 ms.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 3000');
}

/** Brings a read-write connection from its schema version to `target`, all steps in one transaction. */
export function migrate(db: Database.Database, target = SCHEMA_VERSION): void {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from >= target) return;
  db.transaction(() => {
    for (const m of MIGRATIONS) {
      if (m.version <= from || m.version > target) continue;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
}

/**
 * Creates an empty edition database at `path` at schema `version` (tests create version-1 files this way)
 * and returns the open connection. The caller owns it.
 */
export function createDatabase(path: string, version = SCHEMA_VERSION): Database.Database {
  const db = openDatabase(path);
  // Set in rollback-journal mode so the marks sit in the main file's header from the start.
  db.pragma(`application_id = ${APPLICATION_ID}`);
  migrate(db, version);
  applyPragmas(db);
  return db;
}

/** Gives a built edition file its name: replacing only with `overwrite`, else only if the name is free. */
function commitEditionFile(file: AsideFile, overwrite: boolean): void {
  if (overwrite && existsSync(file.target)) {
    assertNotInUse(file.target);
    // Side files of the file being replaced would be taken for the new file's own: gone with it.
    for (const side of ['-wal', '-shm', '-journal']) rmSync(file.target + side, { force: true });
  }
  try {
    file.commit({ overwrite });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      throw new EditionFileError(
        'exists',
        file.target,
        `${file.target} already exists; choose another name.`,
      );
    throw e;
  }
}

/**
 * Throws 'in-use' when any connection, in this process or another, has the edition open: the test is
 * SQLite's own lock (an open WAL connection holds a shared lock on the file for its whole life). A file
 * nobody holds is left as it was; one that is not a database at all is nobody's.
 */
export function assertNotInUse(path: string): void {
  let db: Database.Database | undefined;
  try {
    db = openDatabase(path, { fileMustExist: true, timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.prepare('SELECT COUNT(*) FROM sqlite_schema').get();
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) throw inUse(path);
  } finally {
    db?.close();
  }
}

const abandoned: Database.Database[] = [];

interface ArticleRow {
  id: string;
  position: number;
  slug: string;
  status: string;
  blocks: string;
  updated_at: string | null;
  updated_by?: string | null;
}

export class EditionStore {
  readonly path: string;
  readonly readOnly: boolean;
  private db: Database.Database;
  private author: string;
  private now: () => Date;
  private revisionInterval: number;
  private closed = false;
  private stmts: ReturnType<EditionStore['prepare']>;
  /** The edit number this store last saw committed: any other means someone else wrote the file. */
  private seenSeq: number;
  /** The file this store opened; a different file under the same name is a conflict, not a target. */
  private identity: { dev: number; ino: number } | null;

  private templateOf: (id: string) => Template | undefined;

  private constructor(path: string, db: Database.Database, readOnly: boolean, opts: StoreOptions) {
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

  /**
   * Opens an existing edition, migrating it when it comes from an older version. `readOnly` reads it
   * without writing a byte (an older format is brought up to date in memory only); a file that cannot be
   * written (read-only media or folder, no permission) opens only so. `exclusive` holds SQLite's
   * exclusive lock for the store's life: no other program can open the file meanwhile, and if one has it
   * open the store is refused ('in-use') — for commands that change a file the app may be showing.
   */
  static open(
    path: string,
    opts: StoreOptions & { readOnly?: boolean; exclusive?: boolean } = {},
  ): EditionStore {
    const info = checkEditionFile(path);
    if (!opts.readOnly && !canWrite(path)) throw readOnlyFile(path);
    let db: Database.Database | undefined;
    try {
      if (opts.readOnly) {
        db = openForReading(path, undefined, { inMemory: info.needsMigration });
        if (info.needsMigration) migrate(db);
      } else {
        db = openDatabase(path, { fileMustExist: true, timeout: opts.exclusive ? 0 : 3000 });
        if (opts.exclusive) {
          db.pragma('locking_mode = EXCLUSIVE');
          db.prepare('SELECT COUNT(*) FROM sqlite_schema').get();
        }
        applyPragmas(db);
        migrate(db);
      }
    } catch (e) {
      db?.close();
      if (e instanceof EditionFileError) throw e;
      throw sqliteProblem(path, e);
    }
    return new EditionStore(path, db, !!opts.readOnly, opts);
  }

  /**
   * Writes `edition` as a new edition file. Built beside the target and renamed into place, so a failure
   * leaves no half-written file and an existing file is replaced only when `overwrite` is given.
   */
  static create(
    path: string,
    edition: Edition,
    opts: StoreOptions & { overwrite?: boolean; note?: string; history?: StoredRevision[] } = {},
  ): EditionStore {
    if (existsSync(path) && !opts.overwrite)
      throw new EditionFileError('exists', path, `${path} already exists; choose another name.`);
    const checked = checkedEdition(edition, path, opts.template ?? installedTemplate);
    for (const a of checked.assets) {
      if (!/^[A-Za-z0-9+/=\s]*$/.test(a.data)) throw new EditError(`asset ${a.id}: data is not base64`);
    }
    const file = writeAside(path, (tmp) => {
      const db = createDatabase(tmp);
      try {
        // Build in rollback mode: one file to rename, no WAL to carry along.
        db.pragma('journal_mode = DELETE');
        const store = new EditionStore(tmp, db, false, opts);
        store.db.transaction(() => store.writeWhole(checked, opts.note ?? 'created', opts.history))();
      } finally {
        db.close();
      }
    });
    try {
      commitEditionFile(file, !!opts.overwrite);
    } finally {
      file.discard();
    }
    return EditionStore.open(path, opts);
  }

  private prepare() {
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

  // ---- reading ---------------------------------------------------------------------------------------

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** The number of the last committed edit; the app shows "saved" once its last ack reaches it. */
  get editSeq(): number {
    return Number(this.stmts.getMeta.get('edit_seq') ?? 0);
  }

  /**
   * The whole edition as the model holds it, photos as base64. `photoData: false` leaves each asset's data
   * empty (its metadata stays): what an autosave comparing text and placements needs, at a fraction of the cost.
   */
  load(opts: { photoData?: boolean } = {}): Edition {
    return this.read(opts);
  }

  /** `load`, or with `only` the edition restricted to those articles (their placements and comments). */
  private read(opts: { photoData?: boolean; only?: string[] }): Edition {
    this.live();
    const m = (k: string) => this.stmts.getMeta.get(k) as string | undefined;
    const info = JSON.parse(m('edition') ?? '{}') as Partial<Edition>;
    const placements = new Map<string, Placement[]>();
    const only = opts.only ? new Set(opts.only) : null;
    const rows = (
      only
        ? [...only]
            .flatMap(
              (id) =>
                this.q('SELECT page_id, position, data FROM placements WHERE article_id = ?').all(id) as {
                  page_id: string;
                  position: number;
                  data: string;
                }[],
            )
            .sort((a, b) => a.position - b.position)
        : this.q('SELECT page_id, data FROM placements ORDER BY page_id, position').all()
    ) as { page_id: string; data: string }[];
    for (const r of rows) {
      let list = placements.get(r.page_id);
      if (!list) placements.set(r.page_id, (list = []));
      list.push(JSON.parse(r.data));
    }
    const pages: Page[] = (
      this.q('SELECT * FROM pages ORDER BY position').all() as {
        id: string;
        number: number;
        section: string;
        template: string;
        ads?: string | null;
        guides?: string | null;
        rules?: string | null;
        auto_rules?: number | null;
      }[]
    ).map((r) => ({
      id: r.id,
      number: r.number,
      section: r.section,
      template: r.template,
      placements: placements.get(r.id) ?? [],
      ...(r.ads ? { ads: JSON.parse(r.ads) } : {}),
      ...(r.guides ? { guides: JSON.parse(r.guides) } : {}),
      ...pageRulesOf(r),
    }));
    const articles = (
      only
        ? [...only]
            .map((id) => this.stmts.article.get(id) as ArticleRow | undefined)
            .filter((r): r is ArticleRow => !!r)
        : (this.q('SELECT * FROM articles ORDER BY position').all() as ArticleRow[])
    ).map(rowToArticle);
    const withData = opts.photoData !== false;
    const assets: Asset[] = (
      this.q(
        withData
          ? 'SELECT a.*, b.data FROM assets a JOIN blobs b ON b.sha256 = a.sha256 ORDER BY a.rowid'
          : 'SELECT a.* FROM assets a ORDER BY a.rowid',
      ).all() as {
        id: string;
        mime: Asset['mime'];
        pixel_width: number;
        pixel_height: number;
        color_space: Asset['colorSpace'];
        data?: Buffer;
      }[]
    ).map((r) => ({
      id: r.id,
      mime: r.mime,
      pixelWidth: r.pixel_width,
      pixelHeight: r.pixel_height,
      colorSpace: r.color_space,
      data: r.data ? r.data.toString('base64') : '',
    }));
    const styles: Record<string, Record<string, unknown>> = {};
    for (const r of this.q('SELECT name, data FROM styles ORDER BY name').all() as {
      name: string;
      data: string;
    }[])
      styles[r.name] = JSON.parse(r.data);
    const edition: Edition = {
      schemaVersion: info.schemaVersion ?? EDITION_SCHEMA_VERSION,
      id: info.id ?? '',
      paper: info.paper ?? { name: '' },
      date: info.date ?? '',
      issue: info.issue ?? null,
      ...(info.totalIssue !== undefined ? { totalIssue: info.totalIssue } : {}),
      pages,
      articles,
      assets,
    };
    if (Object.keys(styles).length) edition.styles = styles;
    const fonts = JSON.parse(m('fonts') ?? '{}') as Record<string, string>;
    if (Object.keys(fonts).length) edition.fonts = fonts;
    const comments = only ? [...only].flatMap((id) => this.comments(id)) : this.comments();
    if (comments.length) edition.comments = comments;
    return edition;
  }

  /** The edition's role mapping (its `fonts`). */
  fontMapping(): Record<string, string> {
    this.live();
    return JSON.parse((this.stmts.getMeta.get('fonts') as string | undefined) ?? '{}') as Record<
      string,
      string
    >;
  }

  getArticle(id: string): Article {
    this.live();
    const row = this.stmts.article.get(id) as ArticleRow | undefined;
    if (!row) throw new EditError(`no article ${id} in this edition`);
    return rowToArticle(row);
  }

  listArticles(): { id: string; slug: string; status: ArticleStatus }[] {
    this.live();
    return this.db.prepare('SELECT id, slug, status FROM articles ORDER BY position').all() as {
      id: string;
      slug: string;
      status: ArticleStatus;
    }[];
  }

  /** The bytes of a photo, by asset id. */
  assetBytes(id: string): Buffer {
    this.live();
    const r = this.db
      .prepare('SELECT b.data FROM assets a JOIN blobs b ON b.sha256 = a.sha256 WHERE a.id = ?')
      .pluck()
      .get(id) as Buffer | undefined;
    if (!r) throw new EditError(`no asset ${id} in this edition`);
    return r;
  }

  comments(article?: string): ArticleComment[] {
    this.live();
    const rows = (
      article
        ? this.q('SELECT * FROM comments WHERE article_id = ? ORDER BY at, id').all(article)
        : this.q('SELECT * FROM comments ORDER BY at, id').all()
    ) as {
      id: string;
      article_id: string;
      author: string;
      at: string;
      text: string;
      anchor: string | null;
      resolved: number;
    }[];
    return rows.map((r) => ({
      id: r.id,
      article: r.article_id,
      author: r.author,
      at: r.at,
      text: r.text,
      ...placeOfComment(r.anchor),
      ...(r.resolved ? { resolved: true as const } : {}),
    }));
  }

  // ---- editing ---------------------------------------------------------------------------------------

  /** The keystroke path: replaces one article's blocks in one small transaction. */
  updateArticle(id: string, blocks: Block[], slug?: string): EditAck {
    return this.applyEdit({ op: 'updateArticle', id, blocks, slug });
  }

  /** Applies one edit or several as one transaction; returns after commit. A refused edit changes nothing. */
  applyEdit(edits: EditionEdit | EditionEdit[]): EditAck {
    const list = Array.isArray(edits) ? edits : [edits];
    this.commit(() => {
      const scope = new Set<string>();
      let whole = false;
      for (const e of list) {
        const touched = this.touchedBy(e);
        if (touched === 'all') whole = true;
        else for (const a of touched) scope.add(a);
        this.applyOne(e);
      }
      this.verify(whole ? undefined : scope);
    });
    return { seq: this.seenSeq };
  }

  /** Stores a photo (once per content) and returns its asset id, the content hash. */
  putAsset(asset: AssetInput): string {
    const id = sha256(asset.bytes);
    this.commit(() => this.insertAsset(id, id, asset));
    return id;
  }

  /** Adds an imported article with its photos in one transaction, and records its first revision. */
  addArticleWithAssets(article: Article, assets: AssetInput[], note = 'imported'): EditAck {
    this.commit(() => {
      for (const a of assets) this.insertAsset(sha256(a.bytes), sha256(a.bytes), a);
      this.applyOne({ op: 'addArticle', article });
      this.verify(new Set([article.id]));
      this.snapshot(article.id, note);
    });
    return { seq: this.seenSeq };
  }

  /** Records the article's current state as a named revision (e.g. "sent to proof"). */
  commitRevision(articleId: string, note = ''): RevisionInfo {
    return this.commit(() => {
      this.getArticle(articleId);
      return this.revisionInfo(this.snapshot(articleId, note));
    });
  }

  revisions(articleId: string): RevisionInfo[] {
    this.live();
    return (
      this.db
        .prepare(
          'SELECT id, article_id, at, author, note, slug, blocks FROM revisions WHERE article_id = ? ORDER BY id',
        )
        .all(articleId) as RevRow[]
    ).map(revInfo);
  }

  revision(id: number): Revision {
    this.live();
    const r = this.db.prepare('SELECT * FROM revisions WHERE id = ?').get(id) as
      (RevRow & { status: ArticleStatus }) | undefined;
    if (!r) throw new EditError(`no revision ${id} in this edition`);
    return { ...revInfo(r), status: r.status, blocks: JSON.parse(r.blocks) };
  }

  /** Puts an article back to a revision. The state it replaces is kept as a revision first, so a restore can be undone. */
  restoreRevision(id: number): EditAck {
    this.commit(() => {
      const rev = this.revision(id);
      const cur = this.getArticle(rev.article);
      if (JSON.stringify(cur.blocks) !== JSON.stringify(rev.blocks))
        this.snapshot(rev.article, `before restoring revision ${id}`);
      this.stmts.updateBlocks.run(
        JSON.stringify(rev.blocks),
        rev.slug,
        this.now().toISOString(),
        this.author,
        rev.article,
      );
      this.snapshot(rev.article, `restored revision ${id}`);
      this.verify(new Set([rev.article]));
    });
    return { seq: this.seenSeq };
  }

  /** Writes a compacted copy of the edition to `path` (Save As); this store stays on its own file. */
  saveAs(path: string, opts: { overwrite?: boolean } = {}): void {
    this.live();
    if (existsSync(path) && !opts.overwrite)
      throw new EditionFileError('exists', path, `${path} already exists; choose another name.`);
    const file = writeAside(path, (tmp) => {
      this.db.prepare('VACUUM INTO ?').run(tmp);
    });
    try {
      commitEditionFile(file, !!opts.overwrite);
    } finally {
      file.discard();
    }
  }

  /** Folds the WAL back into the file and closes it: a closed edition is one self-contained file. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.readOnly) {
      try {
        this.checkSameFile();
      } catch {
        // Another file has this name now, and SQLite would delete "<name>-wal" — perhaps that file's —
        // on closing: the connection is kept, unused, until the process ends.
        abandoned.push(this.db);
        return;
      }
      try {
        this.db.pragma('busy_timeout = 0');
        this.db.pragma('wal_checkpoint(TRUNCATE)');
        // At rest an edition is in rollback mode: one file, readable on read-only media without -wal/-shm.
        this.db.pragma('journal_mode = DELETE');
      } catch {
        /* another program has it open; it stays in WAL mode, valid, until the last one closes */
      }
    }
    this.db.close();
  }

  /** For tests and diagnostics: the SQLite connection. */
  get connection(): Database.Database {
    return this.db;
  }

  // ---- internals -------------------------------------------------------------------------------------

  /**
   * The one door: the edition as this transaction would commit it must pass the loader's own checks
   * (model, references, chains, placements, assets), or the transaction rolls back and the file keeps
   * its last valid state. Photos are checked by id, without their bytes.
   *
   * `articles`: the edits touched only these articles (their text, status, placements, comments). Every
   * rule the loader applies to an article concerns that article alone (its blocks, its placements and
   * their chain, its photo frames, its comments), so the edition restricted to them is checked, which
   * keeps a keystroke's commit cheap on a day's edition; anything else checks the whole edition.
   */
  private verify(articles?: Set<string>): void {
    try {
      checkedEdition(
        articles ? this.loadScoped(articles) : this.load({ photoData: false }),
        this.path,
        this.templateOf,
      );
    } catch (e) {
      if (!(e instanceof EditionError)) throw e;
      throw new EditError(
        `改动未保存：这样改之后期次文件将无法打开（${problemsInChinese(e.problems)}）。文件保持上次保存的状态。`,
        e.problems,
      );
    }
  }

  /** Which articles an edit can affect, read before it is applied; 'all' for edits of the edition or its pages. */
  private touchedBy(e: EditionEdit): string[] | 'all' {
    const onPage = (page: string) =>
      this.q('SELECT article_id FROM placements WHERE page_id = ?').pluck().all(page) as string[];
    switch (e.op) {
      case 'updateArticle':
      case 'setArticleStatus':
        return [e.id];
      case 'addArticle':
        return [e.article?.id].filter((x): x is string => typeof x === 'string');
      case 'setPlacements':
        return Array.isArray(e.placements)
          ? [...onPage(e.page), ...e.placements.map((p) => p?.article)].filter(
              (x): x is string => typeof x === 'string',
            )
          : 'all';
      case 'setPlacement':
        return [...onPage(e.page), e.placement?.article].filter((x): x is string => typeof x === 'string');
      case 'addComment':
        return [e.comment?.article].filter((x): x is string => typeof x === 'string');
      case 'resolveComment':
      case 'removeComment':
        return [];
      default:
        return 'all';
    }
  }

  /** The edition restricted to some articles: all pages (placements of those articles only), all photos by id. */
  private loadScoped(ids: Set<string>): Edition {
    return this.read({ photoData: false, only: [...ids] });
  }

  private statements = new Map<string, Database.Statement>();

  /** A prepared statement, compiled once per connection. */
  private q(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  private live(): void {
    if (this.closed) throw new Error(`edition ${this.path} is closed`);
  }

  private writable(): void {
    this.live();
    if (this.readOnly) throw readOnlyFile(this.path);
  }

  /**
   * Runs `fn` as one IMMEDIATE transaction that counts as one edit, after making sure the file is still
   * the one this store opened and that nobody else has written to it since: a replaced, moved or
   * otherwise-written file is a conflict (EditionFileError 'changed'), never a silent overwrite.
   */
  private commit<T>(fn: () => T): T {
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

  private checkSameFile(): void {
    let st;
    try {
      st = statSync(this.path);
    } catch {
      throw changedUnderneath(this.path, 'gone');
    }
    if (this.identity && (st.ino !== this.identity.ino || st.dev !== this.identity.dev))
      throw changedUnderneath(this.path, 'replaced');
  }

  private insertAsset(id: string, hash: string, a: AssetInput): void {
    if (a.mime !== 'image/jpeg' && a.mime !== 'image/png')
      throw new EditError(`asset ${id}: unsupported type ${a.mime}`);
    this.db
      .prepare('INSERT OR IGNORE INTO blobs(sha256, data) VALUES (?, ?)')
      .run(hash, Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength));
    this.db
      .prepare(
        'INSERT OR IGNORE INTO assets(id, sha256, mime, pixel_width, pixel_height, color_space) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(id, hash, a.mime, a.pixelWidth, a.pixelHeight, a.colorSpace);
  }

  private requireArticle(id: string): ArticleRow {
    const row = this.stmts.article.get(id) as ArticleRow | undefined;
    if (!row) throw new EditError(`no article ${id} in this edition`);
    return row;
  }

  private requirePage(id: string): void {
    if (!this.db.prepare('SELECT 1 FROM pages WHERE id = ?').get(id))
      throw new EditError(`no page ${id} in this edition`);
  }

  private snapshot(articleId: string, note: string): number {
    const row = this.requireArticle(articleId);
    const r = this.stmts.insertRevision.run(
      articleId,
      row.updated_at ?? this.now().toISOString(),
      row.updated_by ?? this.author,
      note,
      row.slug,
      row.status,
      row.blocks,
    );
    return Number(r.lastInsertRowid);
  }

  private revisionInfo(id: number): RevisionInfo {
    return revInfo(
      this.db
        .prepare('SELECT id, article_id, at, author, note, slug, blocks FROM revisions WHERE id = ?')
        .get(id) as RevRow,
    );
  }

  private checkPlacement(p: Placement, where: string): void {
    if (!p || typeof p.article !== 'string' || !Array.isArray(p.regions) || !Array.isArray(p.photos))
      throw new EditError(`${where}: malformed placement`);
    this.requireArticle(p.article);
  }

  private applyOne(e: EditionEdit): void {
    const now = this.now();
    switch (e.op) {
      case 'updateArticle': {
        const row = this.requireArticle(e.id);
        checkBlocks(e.blocks, `article ${e.id}`);
        // A new editing burst (after a pause, or by someone else) first keeps what was there as a revision.
        const last = this.stmts.lastRevision.get(e.id) as
          { at: string; author: string; blocks: string } | undefined;
        const burstStart =
          !row.updated_at ||
          now.getTime() - Date.parse(row.updated_at) > this.revisionInterval ||
          (row.updated_by ?? this.author) !== this.author;
        if (burstStart && (!last || last.blocks !== row.blocks)) this.snapshot(e.id, '');
        this.stmts.updateBlocks.run(
          JSON.stringify(e.blocks),
          e.slug ?? slugOf(e.blocks, row.slug),
          now.toISOString(),
          this.author,
          e.id,
        );
        return;
      }
      case 'setArticleStatus':
        this.requireArticle(e.id);
        checkStatus(e.status, `article ${e.id}`);
        this.db.prepare('UPDATE articles SET status = ? WHERE id = ?').run(e.status, e.id);
        return;
      case 'addArticle': {
        const a = e.article;
        if (!a || typeof a.id !== 'string' || !a.id) throw new EditError('an article needs an id');
        if (this.stmts.article.get(a.id)) throw new EditError(`article ${a.id} already exists`);
        checkBlocks(a.blocks, `article ${a.id}`);
        checkStatus(a.status, `article ${a.id}`);
        const pos = this.db
          .prepare('SELECT COALESCE(MAX(position), -1) + 1 FROM articles')
          .pluck()
          .get() as number;
        this.db
          .prepare(
            'INSERT INTO articles(id, position, slug, status, blocks, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            a.id,
            pos,
            a.slug || slugOf(a.blocks, a.id),
            a.status,
            JSON.stringify(a.blocks),
            now.toISOString(),
            this.author,
          );
        return;
      }
      case 'removeArticle': {
        this.requireArticle(e.id);
        const placed = this.db
          .prepare(
            'SELECT p.number FROM placements pl JOIN pages p ON p.id = pl.page_id WHERE pl.article_id = ?',
          )
          .pluck()
          .all(e.id) as number[];
        if (placed.length)
          throw new EditError(
            `article ${e.id} is placed on page ${placed.join(', ')}; remove its placement first`,
          );
        // Its history stays: a removed article can be brought back from its revisions.
        this.snapshot(e.id, 'removed');
        this.db.prepare('DELETE FROM articles WHERE id = ?').run(e.id);
        return;
      }
      case 'addPage': {
        const p = e.page;
        if (!p || typeof p.id !== 'string') throw new EditError('a page needs an id');
        if (this.db.prepare('SELECT 1 FROM pages WHERE id = ?').get(p.id))
          throw new EditError(`page ${p.id} already exists`);
        const count = this.db.prepare('SELECT COUNT(*) FROM pages').pluck().get() as number;
        const pos = e.position ?? count;
        this.db.prepare('UPDATE pages SET position = position + 1 WHERE position >= ?').run(pos);
        this.db
          .prepare(
            'INSERT INTO pages(id, position, number, section, template, ads, guides, rules, auto_rules) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            p.id,
            pos,
            p.number,
            p.section ?? '',
            p.template,
            p.ads?.length ? JSON.stringify(p.ads) : null,
            p.guides?.length ? JSON.stringify(p.guides) : null,
            p.rules?.length ? JSON.stringify(p.rules) : null,
            p.autoRules === false ? 0 : null,
          );
        this.writePlacements(p.id, p.placements ?? []);
        return;
      }
      case 'updatePage': {
        this.requirePage(e.id);
        if (e.number !== undefined)
          this.db.prepare('UPDATE pages SET number = ? WHERE id = ?').run(e.number, e.id);
        if (e.section !== undefined)
          this.db.prepare('UPDATE pages SET section = ? WHERE id = ?').run(e.section, e.id);
        if (e.template !== undefined)
          this.db.prepare('UPDATE pages SET template = ? WHERE id = ?').run(e.template, e.id);
        if (e.ads !== undefined) {
          if (e.ads !== null && !Array.isArray(e.ads))
            throw new EditError(`page ${e.id}: ad slots must be a list`);
          this.db
            .prepare('UPDATE pages SET ads = ? WHERE id = ?')
            .run(e.ads?.length ? JSON.stringify(e.ads) : null, e.id);
        }
        if (e.guides !== undefined) {
          if (e.guides !== null && !Array.isArray(e.guides))
            throw new EditError(`page ${e.id}: guides must be a list`);
          this.db
            .prepare('UPDATE pages SET guides = ? WHERE id = ?')
            .run(e.guides?.length ? JSON.stringify(e.guides) : null, e.id);
        }
        updatePageRules(this.db, e);
        return;
      }
      case 'orderPages': {
        const ids = this.db.prepare('SELECT id FROM pages').pluck().all() as string[];
        if (
          !Array.isArray(e.ids) ||
          e.ids.length !== ids.length ||
          new Set(e.ids).size !== ids.length ||
          !e.ids.every((id) => ids.includes(id))
        )
          throw new EditError('the page order must name every page of the edition once');
        e.ids.forEach((id, i) => this.db.prepare('UPDATE pages SET position = ? WHERE id = ?').run(i, id));
        return;
      }
      case 'removePage': {
        this.requirePage(e.id);
        const pos = this.db.prepare('SELECT position FROM pages WHERE id = ?').pluck().get(e.id) as number;
        this.db.prepare('DELETE FROM pages WHERE id = ?').run(e.id);
        this.db.prepare('UPDATE pages SET position = position - 1 WHERE position > ?').run(pos);
        return;
      }
      case 'setPlacements':
        this.requirePage(e.page);
        this.writePlacements(e.page, e.placements);
        return;
      case 'setPlacement': {
        this.requirePage(e.page);
        this.checkPlacement(e.placement, `page ${e.page}`);
        const r = this.db
          .prepare('UPDATE placements SET article_id = ?, data = ? WHERE page_id = ? AND position = ?')
          .run(e.placement.article, JSON.stringify(e.placement), e.page, e.index);
        if (!r.changes) throw new EditError(`page ${e.page} has no placement ${e.index}`);
        return;
      }
      case 'setEditionInfo': {
        const info = JSON.parse((this.stmts.getMeta.get('edition') as string | undefined) ?? '{}');
        for (const k of ['paper', 'date', 'issue', 'totalIssue'] as const)
          if (e[k] !== undefined) info[k] = e[k];
        if (typeof info.date === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(info.date))
          throw new EditError(`date must be YYYY-MM-DD, got ${info.date}`);
        this.stmts.setMeta.run('edition', JSON.stringify(info));
        return;
      }
      case 'setStyle':
        if (e.style === null) this.db.prepare('DELETE FROM styles WHERE name = ?').run(e.name);
        else
          this.db
            .prepare(
              'INSERT INTO styles(name, data) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET data = excluded.data',
            )
            .run(e.name, JSON.stringify(e.style));
        return;
      case 'setFont': {
        const fonts = JSON.parse((this.stmts.getMeta.get('fonts') as string | undefined) ?? '{}') as Record<
          string,
          string
        >;
        if (e.face === null) delete fonts[e.role];
        else fonts[e.role] = e.face;
        const { problems } = checkFontMapping(fonts, 'fonts');
        if (problems.length) throw new EditError(`${problems[0].field}: ${problems[0].message}`);
        this.stmts.setMeta.run('fonts', JSON.stringify(fonts));
        return;
      }
      case 'addComment': {
        const c = e.comment;
        this.requireArticle(c.article);
        if (typeof c.text !== 'string' || !c.text.trim()) throw new EditError('a comment needs text');
        this.db
          .prepare(
            'INSERT INTO comments(id, article_id, author, at, text, anchor, resolved) VALUES (?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            c.id ?? `c-${randomBytes(6).toString('hex')}`,
            c.article,
            c.author ?? this.author,
            c.at ?? now.toISOString(),
            c.text,
            commentPlaceColumn(c),
            c.resolved ? 1 : 0,
          );
        return;
      }
      case 'resolveComment': {
        const r = this.db
          .prepare('UPDATE comments SET resolved = ? WHERE id = ?')
          .run(e.resolved ? 1 : 0, e.id);
        if (!r.changes) throw new EditError(`no comment ${e.id} in this edition`);
        return;
      }
      case 'removeComment': {
        const r = this.db.prepare('DELETE FROM comments WHERE id = ?').run(e.id);
        if (!r.changes) throw new EditError(`no comment ${e.id} in this edition`);
        return;
      }
      default:
        throw new EditError(`unknown edit ${JSON.stringify((e as { op?: unknown }).op)}`);
    }
  }

  private writePlacements(page: string, placements: Placement[]): void {
    if (!Array.isArray(placements)) throw new EditError(`page ${page}: placements must be a list`);
    placements.forEach((p, i) => this.checkPlacement(p, `page ${page}, placement ${i + 1}`));
    this.db.prepare('DELETE FROM placements WHERE page_id = ?').run(page);
    const ins = this.db.prepare(
      'INSERT INTO placements(page_id, position, article_id, data) VALUES (?, ?, ?, ?)',
    );
    placements.forEach((p, i) => ins.run(page, i, p.article, JSON.stringify(p)));
  }

  /** Writes a whole (checked) edition into an empty database. */
  private writeWhole(ed: Edition, note: string, history?: StoredRevision[]): void {
    const info: Record<string, unknown> = {
      schemaVersion: ed.schemaVersion,
      id: ed.id,
      paper: ed.paper,
      date: ed.date,
      issue: ed.issue,
    };
    if (ed.totalIssue !== undefined) info.totalIssue = ed.totalIssue;
    this.stmts.setMeta.run('edition', JSON.stringify(info));
    for (const a of ed.assets) {
      const bytes = Buffer.from(a.data, 'base64');
      this.insertAsset(a.id, sha256(bytes), {
        bytes,
        mime: a.mime,
        pixelWidth: a.pixelWidth,
        pixelHeight: a.pixelHeight,
        colorSpace: a.colorSpace,
      });
    }
    for (const a of ed.articles) {
      this.applyOne({ op: 'addArticle', article: a });
      if (a.blocks.length && !history) this.snapshot(a.id, note);
    }
    // Carried over whole (a repaired copy keeps every revision, ids included).
    const ins = this.db.prepare(
      'INSERT INTO revisions(id, article_id, at, author, note, slug, status, blocks) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const r of history ?? [])
      ins.run(r.id, r.article, r.at, r.author, r.note, r.slug, r.status, JSON.stringify(r.blocks));
    ed.pages.forEach((p, i) => this.applyOne({ op: 'addPage', page: p, position: i }));
    for (const [name, style] of Object.entries(ed.styles ?? {}))
      this.applyOne({ op: 'setStyle', name, style });
    for (const [role, face] of Object.entries(ed.fonts ?? {})) this.applyOne({ op: 'setFont', role, face });
    for (const c of ed.comments ?? []) this.applyOne({ op: 'addComment', comment: c });
  }
}

interface RevRow {
  id: number;
  article_id: string;
  at: string;
  author: string;
  note: string;
  slug: string;
  blocks: string;
}

function revInfo(r: RevRow): RevisionInfo {
  const blocks = JSON.parse(r.blocks) as Block[];
  return {
    id: r.id,
    article: r.article_id,
    at: r.at,
    author: r.author,
    note: r.note,
    slug: r.slug,
    chars: storyChars(blocks),
  };
}

/**
 * The loader's whole check of a stored edition, the same on opening and before every commit: the
 * model's validation, and every placement inside its page's grid and below the masthead (pages on an
 * installed template; an unknown one is layout's to report). Throws EditionError.
 */
function checkedEdition(
  stored: Edition,
  path: string,
  template: (id: string) => Template | undefined,
): Edition {
  const ed = validateEdition(stored, path);
  const ids = new Set(ed.articles.map((a) => a.id));
  const problems = ed.pages.flatMap((page) => {
    if (!page.placements.length && !page.rules?.length && !page.ads?.length) return [];
    const t = template(page.template);
    return t ? pageProblems(page, t, ids).map((p) => ({ path: `pages(${page.number})`, ...p })) : [];
  });
  if (problems.length) throw new EditionError(problems, path);
  return ed;
}

/** A page's template as installed, or undefined (unknown or unreadable: layout reports it, the store does not judge). */
export function installedTemplate(id: string): Template | undefined {
  try {
    return loadTemplate(id);
  } catch {
    return undefined;
  }
}

function rowToArticle(r: ArticleRow): Article {
  return { id: r.id, slug: r.slug, status: r.status as ArticleStatus, blocks: JSON.parse(r.blocks) };
}

/**
 * Reads an edition file whole and closes it: for the CLI, export and repair. Always read-only, so the
 * file (its header included) is left byte for byte as it was — a file that is refused stays exactly as
 * the editor had it; an older format is brought up to date in memory only.
 */
export function readEditionFile(path: string): Edition {
  const store = EditionStore.open(path, { readOnly: true });
  // Through the model's validation, which also brings an older edition JSON schema up to date.
  try {
    return validEdition(loadStored(store), path);
  } finally {
    store.close();
  }
}

/** `store.load()`, with data that does not even parse refused as repairable. */
export function loadStored(store: EditionStore): Edition {
  try {
    return store.load();
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    throw invalidFile(store.path, `有数据无法读取（${e.message}）`, e.message);
  }
}

function invalidFile(path: string, zh: string, detail: string): EditionFileError {
  return new EditionFileError(
    'invalid',
    path,
    `${path} 无法打开：其中的期次有错（${zh}）。文件没有改动；${REPAIRABLE}：banmian edition repair ${path} -o 修复后.banmian 保留所有完好的稿件、历史版本、批注和图片。\n${detail}`,
  );
}

/** The loader's check of a stored edition: a refusal names the problems in Chinese and the way out. */
export function validEdition(
  stored: Edition,
  path: string,
  template: (id: string) => Template | undefined = installedTemplate,
): Edition {
  try {
    return checkedEdition(stored, path, template);
  } catch (e) {
    if (!(e instanceof EditionError)) throw e;
    throw invalidFile(path, problemsInChinese(e.problems), e.message);
  }
}

export { setSqliteBinding } from './native';
export { RecentEditions } from './recent';
export { editionJson, editionFromJson } from './json';
export type { RecentEdition, EditorPlace, Recovery } from './recent';

// A comment's place in its article, in the `anchor` column as JSON: the anchored words, or — once every
// word was cut — `{ detached: { block, offset, quote } }`, so a detached comment keeps its quote.
function commentPlaceColumn(c: Pick<ArticleComment, 'anchor' | 'detached'>): string | null {
  if (c.anchor) return JSON.stringify(c.anchor);
  if (c.detached) return JSON.stringify({ detached: c.detached });
  return null;
}

function placeOfComment(column: string | null): Pick<ArticleComment, 'anchor' | 'detached'> {
  if (!column) return {};
  const place = JSON.parse(column) as
    ArticleComment['anchor'] | { detached: NonNullable<ArticleComment['detached']> };
  return place && 'detached' in place ? { detached: place.detached } : { anchor: place };
}
