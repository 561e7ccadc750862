// Deciding whether a file is an edition we may open, without writing a byte to it. The file is looked
// at raw, then through a read-only connection; only a file that passes is ever opened read-write.
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { NativeModuleError, openDatabase } from './native';
import { APPLICATION_ID, CORE_TABLES, SCHEMA_VERSION } from './schema';
import { EditionFileError, inUse } from './errors';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export interface EditionFileInfo {
  path: string;
  schemaVersion: number;
  /** True when opening read-write will migrate the file to the current schema. */
  needsMigration: boolean;
  bytes: number;
}

function sniff(head: Buffer): string {
  if (head.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) return 'a zip archive (a .docx?)';
  if (head.subarray(0, 4).equals(Buffer.from('%PDF', 'latin1'))) return 'a PDF';
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) return 'an old Office (.doc) file';
  const text = head.toString('utf8').trimStart();
  if (text.startsWith('{') || text.startsWith('['))
    return 'JSON (import it with `banmian edition new --from file.json`)';
  return 'not a SQLite database';
}

function sqliteProblem(path: string, e: unknown): Error {
  // The install, not the file: said as it is, so nobody goes looking for damage in a sound file.
  if (e instanceof NativeModuleError) return e;
  const code = (e as { code?: string }).code ?? '';
  const msg = (e as Error).message;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return inUse(path);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new EditionFileError(
      'corrupt',
      path,
      `${path} is damaged and cannot be opened (${msg}). The file was not changed; use a backup or an exported copy.`,
    );
  }
  return new EditionFileError(
    'unreadable',
    path,
    `${path} cannot be read (${msg}). The file was not changed.`,
  );
}

/** Throws EditionFileError when `path` is not an edition this version can open. Never writes to the file. */
export function checkEditionFile(path: string): EditionFileInfo {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory())
      throw new EditionFileError('unreadable', path, `${path} is a folder, not an edition file.`);
    size = st.size;
  } catch (e) {
    if (e instanceof EditionFileError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new EditionFileError('missing', path, `${path} does not exist.`);
    throw new EditionFileError('unreadable', path, `${path} cannot be read (${(e as Error).message}).`);
  }
  if (size === 0)
    throw new EditionFileError(
      'empty',
      path,
      `${path} is an empty file, not an edition. It was left as it is.`,
    );

  const head = Buffer.alloc(Math.min(size, 100));
  try {
    const fd = openSync(path, 'r');
    try {
      readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    throw new EditionFileError('unreadable', path, `${path} cannot be read (${(e as Error).message}).`);
  }
  if (!head.subarray(0, 16).equals(SQLITE_MAGIC)) {
    throw new EditionFileError(
      'not-edition',
      path,
      `${path} is not a Banmian edition: it is ${sniff(head)}. It was left as it is.`,
    );
  }

  let db: Database.Database | undefined;
  try {
    db = openForReading(path, head);
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (appId !== APPLICATION_ID) {
      throw new EditionFileError(
        'not-edition',
        path,
        `${path} is a SQLite database but not a Banmian edition. It was left as it is.`,
      );
    }
    if (version > SCHEMA_VERSION) {
      throw new EditionFileError(
        'newer',
        path,
        `${path} was saved by a newer version of Banmian (edition format ${version}; this version reads up to ${SCHEMA_VERSION}). Open it with a newer Banmian; the file was not changed.`,
      );
    }
    if (version < 1) {
      throw new EditionFileError(
        'corrupt',
        path,
        `${path} is marked as a Banmian edition but has no schema; it is damaged. The file was not changed.`,
      );
    }
    const check = db.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') {
      throw new EditionFileError(
        'corrupt',
        path,
        `${path} is damaged (${check}). The file was not changed; use a backup or an exported copy.`,
      );
    }
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    );
    const missing = CORE_TABLES.filter((t) => !tables.has(t));
    if (missing.length) {
      throw new EditionFileError(
        'corrupt',
        path,
        `${path} is damaged: it lacks the ${missing.join(', ')} table${missing.length > 1 ? 's' : ''}. The file was not changed.`,
      );
    }
    return { path, schemaVersion: version, needsMigration: version < SCHEMA_VERSION, bytes: size };
  } catch (e) {
    if (e instanceof EditionFileError) throw e;
    throw sqliteProblem(path, e);
  } finally {
    db?.close();
  }
}

export { sqliteProblem };

/** True when this process may change the file: the file and its folder writable, the medium not read-only. */
export function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function readHead(path: string): Buffer {
  const head = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return head;
}

/**
 * A connection for reading that creates nothing beside the file and needs no write access anywhere.
 * An edition at rest is in rollback mode, which SQLite reads as it is. One still marked as WAL with no
 * -wal beside it (closed by an older Banmian, or while another reader held it) would make SQLite create
 * -wal and -shm, impossible on read-only media: it is read into memory instead, marked as rollback mode.
 * `inMemory` does that in any case and gives a writable copy (to bring an older format up to date in
 * memory; the file is never written).
 */
export function openForReading(
  path: string,
  head = readHead(path),
  opts: { inMemory?: boolean } = {},
): Database.Database {
  const walAtRest = head[18] === 2 && head[19] === 2 && !existsSync(`${path}-wal`);
  if (walAtRest || opts.inMemory) {
    const bytes = readFileSync(path);
    bytes[18] = 1;
    bytes[19] = 1;
    return openDatabase(bytes, { readonly: !opts.inMemory });
  }
  return openDatabase(path, { readonly: true, fileMustExist: true });
}
