// Edition databases: connection settings, schema migrations, creation, and the locks that keep a file
// in use from being replaced.
import { existsSync, rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { AsideFile } from '../atomic-write';
import { openDatabase } from './native';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './schema';
import { EditionFileError, inUse } from './errors';

export function applyPragmas(db: Database.Database): void {
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
export function commitEditionFile(file: AsideFile, overwrite: boolean): void {
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
