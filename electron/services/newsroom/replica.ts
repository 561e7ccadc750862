// The offline replica of a newsroom edition in the app's edition file (.banmian): each shared
// document's Yjs state (table newsroom_docs, schema version 5) and which server and edition they
// belong to (meta newsroom_server, newsroom_edition), and the photos fetched from the server (the
// file's blobs and assets, by content hash). Its own connection beside the store's (WAL).
import type Database from 'better-sqlite3';
import type { AssetMeta } from '../../../newsroom/shared/edition-docs';
import type { Person } from '../../../newsroom/shared/protocol';
import { openDatabase } from '../store/native';

export interface ReplicaOrigin {
  server: string;
  edition: string;
  /** Who worked on it here: the presence shown while offline. */
  person: Person;
}

export class Replica {
  private readonly db: Database.Database;

  constructor(readonly path: string) {
    this.db = openDatabase(path, { fileMustExist: true, timeout: 5000 });
    const has = this.db
      .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'newsroom_docs'")
      .get();
    if (!has) {
      this.db.close();
      throw new Error('这个期次文件太旧，不能保存编辑部期次的离线副本；请先用本版本打开并保存');
    }
  }

  origin(): ReplicaOrigin | null {
    const get = (k: string) =>
      (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(k) as { value: string } | undefined)
        ?.value;
    const server = get('newsroom_server');
    const edition = get('newsroom_edition');
    const person = get('newsroom_person');
    return server && edition && person ? { server, edition, person: JSON.parse(person) as Person } : null;
  }

  /** Makes the file the replica of `origin`: documents of another edition are forgotten. */
  belongTo(origin: ReplicaOrigin): void {
    const was = this.origin();
    this.db.transaction(() => {
      if (was?.edition !== origin.edition || was.server !== origin.server)
        this.db.prepare('DELETE FROM newsroom_docs').run();
      const set = this.db.prepare('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)');
      set.run('newsroom_server', origin.server);
      set.run('newsroom_edition', origin.edition);
      set.run('newsroom_person', JSON.stringify(origin.person));
    })();
  }

  load(name: string): Uint8Array | null {
    const row = this.db.prepare('SELECT state FROM newsroom_docs WHERE name = ?').get(name) as
      { state: Buffer } | undefined;
    return row ? new Uint8Array(row.state) : null;
  }

  save(states: Map<string, Uint8Array>): void {
    const put = this.db.prepare(
      'INSERT OR REPLACE INTO newsroom_docs (name, state, updated_at) VALUES (?, ?, ?)',
    );
    const at = new Date().toISOString();
    this.db.transaction(() => {
      for (const [name, state] of states) put.run(name, Buffer.from(state), at);
    })();
  }

  /** A photo the file keeps (its content-addressed blobs), or null. */
  photo(sha256: string): Buffer | null {
    const row = this.db.prepare('SELECT data FROM blobs WHERE sha256 = ?').get(sha256) as
      { data: Buffer } | undefined;
    return row ? Buffer.from(row.data) : null;
  }

  /** Keeps a photo in the file by its hash (offline, it shows from here), with its asset record when known. */
  keepPhoto(sha256: string, bytes: Buffer, meta?: AssetMeta): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT OR IGNORE INTO blobs (sha256, data) VALUES (?, ?)').run(sha256, bytes);
      if (meta?.id === sha256)
        this.db
          .prepare(
            `INSERT OR IGNORE INTO assets (id, sha256, mime, pixel_width, pixel_height, color_space)
             VALUES (?, ?, ?, ?, ?, ?)`,
          )
          .run(sha256, sha256, meta.mime, meta.pixelWidth, meta.pixelHeight, meta.colorSpace);
    })();
  }

  close(): void {
    this.db.close();
  }
}

/** The replica a file holds, or null (not a newsroom replica, or a file that cannot have one). */
export function replicaOrigin(path: string): ReplicaOrigin | null {
  let r: Replica | null = null;
  try {
    r = new Replica(path);
    return r.origin();
  } catch {
    return null;
  } finally {
    r?.close();
  }
}
