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
import { existsSync } from 'node:fs';
import { writeAside } from '../atomic-write';
import type Database from 'better-sqlite3';
import { openDatabase } from './native';
import type { Article, Block, Edition } from '../../../engine/model/types';
import { canWrite, checkEditionFile, openForReading, sqliteProblem } from './check';
import { EditError, EditionFileError, readOnlyFile } from './errors';
import { EditionError, problemsInChinese } from '../../../engine/model/validate';
import { applyPragmas, commitEditionFile, createDatabase, migrate } from './database';
import { checkedEdition, installedTemplate, invalidFile, validEdition } from './edition-check';
import { sha256 } from './rows';
import { StoreWriter } from './writing';
import type { AssetInput, EditAck, EditionEdit, RevisionInfo, StoreOptions, StoredRevision } from './types';

import type { ProofRoundRecord } from '../../api';
import { parseProofRounds, PROOF_ROUNDS_KEY } from './proof-rounds';
export * from './types';
export { nextRound } from './proof-rounds';
export { EditError, EditionFileError } from './errors';
export type { EditionFileProblem } from './errors';
export { canWrite, checkEditionFile } from './check';
export { SCHEMA_VERSION } from './schema';

const abandoned: Database.Database[] = [];

export class EditionStore extends StoreWriter {
  private constructor(path: string, db: Database.Database, readOnly: boolean, opts: StoreOptions) {
    super(path, db, readOnly, opts);
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

  /** The proof rounds (校次) exported from this edition, oldest first (proof-rounds.ts). */
  proofRounds(): ProofRoundRecord[] {
    this.live();
    return parseProofRounds(this.stmts.getMeta.get(PROOF_ROUNDS_KEY));
  }

  /** Records a proof round as exported: the next proof export is the round after it. */
  recordProofRound(r: ProofRoundRecord): void {
    const rounds = this.proofRounds();
    this.commit(() => this.stmts.setMeta.run(PROOF_ROUNDS_KEY, JSON.stringify([...rounds, r])));
  }

  /** Who signs the edits, revisions and status changes from now on (the name set in the app's settings). */
  setAuthor(name: string): void {
    if (name.trim()) this.author = name.trim();
  }

  /** Records the article's current state as a named revision (e.g. "sent to proof"). */
  commitRevision(articleId: string, note = ''): RevisionInfo {
    return this.commit(() => {
      this.getArticle(articleId);
      return this.revisionInfo(this.snapshot(articleId, note));
    });
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

export { setSqliteBinding } from './native';
export { RecentEditions } from './recent';
export type { RecentEdition, EditorPlace, Recovery } from './recent';
export { migrate, createDatabase, assertNotInUse } from './database';
export { sha256, slugOf } from './rows';
export { installedTemplate, validEdition } from './edition-check';
