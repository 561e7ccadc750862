// What the server keeps in PostgreSQL: each document's updates (all of them: its history) and a
// snapshot for fast loading, the audit trail, and photos by content hash.
import type pg from 'pg';
import * as Y from 'yjs';
import { whileUnavailable } from './db';

export class DocumentStore {
  /** The id of the last update written for each loaded document (what a snapshot then covers). */
  private last = new Map<string, bigint>();
  private sinceSnapshot = new Map<string, number>();

  constructor(
    private db: pg.Pool,
    private snapshotEvery = 500,
  ) {}

  /** Applies the document's snapshot and every update after it to `doc` (`track`: the server's own copy). */
  async load(name: string, doc: Y.Doc, track = true): Promise<void> {
    const { snap, updates } = await whileUnavailable(() => this.read(name));
    const covers = BigInt(snap.rows[0]?.covers ?? 0);
    const all: Uint8Array[] = [];
    if (snap.rows[0]?.snapshot) all.push(snap.rows[0].snapshot);
    for (const u of updates.rows) all.push(u.update);
    if (all.length) Y.applyUpdate(doc, Y.mergeUpdates(all));
    if (!track) return;
    const lastRow = updates.rows.at(-1);
    this.last.set(name, lastRow ? BigInt(lastRow.id) : covers);
    this.sinceSnapshot.set(name, updates.rows.length);
  }

  private async read(name: string) {
    const snap = await this.db.query<{ snapshot: Buffer | null; covers: string }>(
      'SELECT snapshot, covers FROM documents WHERE name = $1',
      [name],
    );
    const covers = BigInt(snap.rows[0]?.covers ?? 0);
    const updates = await this.db.query<{ id: string; update: Buffer }>(
      'SELECT id, update FROM updates WHERE doc = $1 AND id > $2 ORDER BY id',
      [name, covers.toString()],
    );
    return { snap, updates };
  }

  /** Writes one accepted update; resolves once PostgreSQL has committed it. */
  async append(name: string, update: Uint8Array, login: string | null): Promise<void> {
    const { rows } = await whileUnavailable(() =>
      this.db.query<{ id: string }>(
        'INSERT INTO updates (doc, update, login) VALUES ($1, $2, $3) RETURNING id',
        [name, Buffer.from(update), login],
      ),
    );
    this.last.set(name, BigInt(rows[0].id));
    this.sinceSnapshot.set(name, (this.sinceSnapshot.get(name) ?? 0) + 1);
  }

  /** True when enough updates have been written since the last snapshot. */
  snapshotDue(name: string): boolean {
    return (this.sinceSnapshot.get(name) ?? 0) >= this.snapshotEvery;
  }

  /**
   * Writes `doc`'s whole state, with every update PostgreSQL holds for the document since the last
   * snapshot, as its snapshot covering the last of those updates. With several instances (Redis)
   * another instance's update may be written but not yet relayed here: reading them back keeps the
   * snapshot from covering an update it lacks (one the document already has changes nothing).
   */
  async snapshot(name: string, doc: Y.Doc): Promise<void> {
    if (!this.last.has(name)) return;
    this.sinceSnapshot.set(name, 0);
    const { updates } = await whileUnavailable(() => this.read(name));
    const lastRow = updates.rows.at(-1);
    if (!lastRow) return;
    const state = Y.mergeUpdates([Y.encodeStateAsUpdate(doc), ...updates.rows.map((u) => u.update)]);
    await this.db.query(
      `INSERT INTO documents (name, snapshot, covers, updated) VALUES ($1, $2, $3, now())
       ON CONFLICT (name) DO UPDATE SET snapshot = $2, covers = $3, updated = now()
       WHERE documents.covers <= $3`,
      [name, Buffer.from(state), lastRow.id],
    );
  }

  forget(name: string): void {
    this.last.delete(name);
    this.sinceSnapshot.delete(name);
  }
}

export async function audit(
  db: pg.Pool,
  entry: { login: string | null; action: string; doc?: string | null; detail?: Record<string, unknown> },
): Promise<void> {
  await db.query('INSERT INTO audit (login, action, doc, detail) VALUES ($1, $2, $3, $4)', [
    entry.login,
    entry.action,
    entry.doc ?? null,
    JSON.stringify(entry.detail ?? {}),
  ]);
}

export async function putPhoto(db: pg.Pool, sha256: string, bytes: Buffer, login: string): Promise<boolean> {
  const r = await db.query(
    'INSERT INTO photos (sha256, bytes, size, login) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING',
    [sha256, bytes, bytes.length, login],
  );
  return (r.rowCount ?? 0) > 0;
}

/** Whether the server holds a photo (HEAD: asked before an upload, so a photo is sent once). */
export async function hasPhoto(db: pg.Pool, sha256: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM photos WHERE sha256 = $1', [sha256]);
  return (rowCount ?? 0) > 0;
}

export async function getPhoto(db: pg.Pool, sha256: string): Promise<Buffer | null> {
  const { rows } = await db.query<{ bytes: Buffer }>('SELECT bytes FROM photos WHERE sha256 = $1', [sha256]);
  return rows[0]?.bytes ?? null;
}
