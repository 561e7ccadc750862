// The newsroom's PostgreSQL schema: a version table and the migrations that bring a database to the
// current version, each in its own transaction.
import pg from 'pg';

const MIGRATIONS: string[] = [
  // 1: people, sessions, documents with their full history, the audit trail and photos.
  `CREATE TABLE accounts (
     login text PRIMARY KEY,
     name text NOT NULL,
     role text NOT NULL,
     password_hash bytea NOT NULL,
     password_salt bytea NOT NULL,
     password_params jsonb NOT NULL,
     created timestamptz NOT NULL DEFAULT now()
   );
   CREATE TABLE sessions (
     token_hash bytea PRIMARY KEY,
     login text NOT NULL REFERENCES accounts(login),
     created timestamptz NOT NULL DEFAULT now(),
     expires timestamptz NOT NULL,
     revoked timestamptz
   );
   CREATE TABLE documents (
     name text PRIMARY KEY,
     snapshot bytea,
     covers bigint NOT NULL DEFAULT 0,
     updated timestamptz NOT NULL DEFAULT now()
   );
   CREATE TABLE updates (
     id bigserial PRIMARY KEY,
     doc text NOT NULL,
     update bytea NOT NULL,
     login text,
     time timestamptz NOT NULL DEFAULT now()
   );
   CREATE INDEX updates_doc_id ON updates (doc, id);
   CREATE TABLE audit (
     id bigserial PRIMARY KEY,
     time timestamptz NOT NULL DEFAULT now(),
     login text,
     action text NOT NULL,
     doc text,
     detail jsonb NOT NULL DEFAULT '{}'
   );
   CREATE INDEX audit_time ON audit (time);
   CREATE TABLE photos (
     sha256 text PRIMARY KEY,
     bytes bytea NOT NULL,
     size integer NOT NULL,
     login text NOT NULL,
     time timestamptz NOT NULL DEFAULT now()
   );`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function createPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  // A pooled client whose server went away reports here; the next query opens a new connection.
  pool.on('error', () => {});
  return pool;
}

/** Brings the database to SCHEMA_VERSION; returns the version it was at. */
export async function migrate(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)');
    const { rows } = await client.query<{ version: number }>(
      'SELECT max(version) AS version FROM schema_version',
    );
    const from = rows[0]?.version ?? 0;
    if (from > SCHEMA_VERSION)
      throw new Error(
        `数据库版本 ${from} 比本服务器（${SCHEMA_VERSION}）新，请升级服务器\n` +
          `database schema ${from} is newer than this server's (${SCHEMA_VERSION})`,
      );
    for (let v = from; v < SCHEMA_VERSION; v++) {
      await client.query('BEGIN');
      try {
        await client.query(MIGRATIONS[v]);
        await client.query('INSERT INTO schema_version (version) VALUES ($1)', [v + 1]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    }
    return from;
  } finally {
    client.release();
  }
}

/** True for an error that says the database cannot be reached now (restarting, down, connection lost). */
export function isUnavailable(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  if (typeof code === 'string')
    return /^(08|57P|53)/.test(code) || /^E(CONN|PIPE|TIMEDOUT|AI_AGAIN|HOSTUNREACH)/.test(code);
  return (
    e instanceof Error &&
    /Connection terminated|connection timeout|not queryable|Client has encountered/i.test(e.message)
  );
}

/**
 * Runs `job`, trying again while the database is unavailable, up to `forMs`: a PostgreSQL restart
 * delays a client's acknowledgement instead of failing its update.
 */
export async function whileUnavailable<T>(job: () => Promise<T>, forMs = 30_000): Promise<T> {
  const until = Date.now() + forMs;
  for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
    try {
      return await job();
    } catch (e) {
      if (!isUnavailable(e) || Date.now() + wait > until) throw e;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
