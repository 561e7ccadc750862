// People and their sessions: scrypt password hashes (salt and parameters stored with each hash,
// compared in constant time) and session tokens kept only as a keyed hash, with expiry and revocation.
import {
  createHmac,
  randomBytes,
  scrypt as scryptCb,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';
import type pg from 'pg';
import { ROLES, type Person, type Role } from '../../newsroom/shared/protocol';
import { whileUnavailable } from './db';

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 64 };
const SESSION_DAYS = 7;
const LOGIN = /^[\p{L}\p{N}_.-]{1,32}$/u;

function scrypt(password: string, salt: Buffer, params: typeof SCRYPT): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFC'), salt, params.keylen, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export class AccountError extends Error {}

export function checkNewAccount(login: string, name: string, role: string, password: string): Role {
  if (!LOGIN.test(login)) throw new AccountError(`登录名无效：${login}（1–32 个字母、数字或 _ . -）`);
  if (!name.trim()) throw new AccountError('姓名不能为空');
  if (!(ROLES as readonly string[]).includes(role))
    throw new AccountError(`角色无效：${role}（可选：${ROLES.join('、')}）`);
  if (password.length < 8) throw new AccountError('密码至少 8 个字符');
  return role as Role;
}

export async function addAccount(
  db: pg.Pool,
  a: { login: string; name: string; role: string; password: string },
): Promise<Person> {
  const role = checkNewAccount(a.login, a.name, a.role, a.password);
  const salt = randomBytes(16);
  const hash = await scrypt(a.password, salt, SCRYPT);
  await db.query(
    `INSERT INTO accounts (login, name, role, password_hash, password_salt, password_params)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (login) DO UPDATE SET name = $2, role = $3, password_hash = $4, password_salt = $5,
       password_params = $6`,
    [a.login, a.name.trim(), role, hash, salt, JSON.stringify(SCRYPT)],
  );
  return { login: a.login, name: a.name.trim(), role };
}

// Compared against when the login is unknown, so a wrong login costs as long as a wrong password.
const DUMMY = { salt: randomBytes(16), hash: randomBytes(SCRYPT.keylen) };

/** The person when the password is right, else null. */
export async function verifyPassword(db: pg.Pool, login: string, password: string): Promise<Person | null> {
  const { rows } = await db.query(
    'SELECT login, name, role, password_hash, password_salt, password_params FROM accounts WHERE login = $1',
    [login],
  );
  const row = rows[0];
  const params = row ? (row.password_params as typeof SCRYPT) : SCRYPT;
  const stored: Buffer = row ? row.password_hash : DUMMY.hash;
  const key = await scrypt(password, row ? row.password_salt : DUMMY.salt, params);
  const same = key.length === stored.length && timingSafeEqual(key, stored);
  return row && same ? { login: row.login, name: row.name, role: row.role } : null;
}

export class Sessions {
  constructor(
    private db: pg.Pool,
    private secret: string,
  ) {}

  private hash(token: string): Buffer {
    return createHmac('sha256', this.secret).update(token).digest();
  }

  async open(login: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db.query(
      `INSERT INTO sessions (token_hash, login, expires) VALUES ($1, $2, now() + interval '${SESSION_DAYS} days')`,
      [this.hash(token), login],
    );
    return token;
  }

  /** The person a live token belongs to, or null (unknown, expired or revoked). */
  async person(token: string): Promise<Person | null> {
    if (!token || token.length > 200) return null;
    const { rows } = await whileUnavailable(() =>
      this.db.query(
        `SELECT a.login, a.name, a.role FROM sessions s JOIN accounts a ON a.login = s.login
       WHERE s.token_hash = $1 AND s.revoked IS NULL AND s.expires > now()`,
        [this.hash(token)],
      ),
    );
    return rows[0] ? { login: rows[0].login, name: rows[0].name, role: rows[0].role } : null;
  }

  async revoke(token: string): Promise<void> {
    await this.db.query('UPDATE sessions SET revoked = now() WHERE token_hash = $1 AND revoked IS NULL', [
      this.hash(token),
    ]);
  }
}

/**
 * Wrong passwords per login: after `limit` within `windowMs`, sign-in for that login is refused
 * until the window has passed (a guesser's pace, bounded; a wrong login counts like a right one).
 */
export class SignInThrottle {
  private failures = new Map<string, { count: number; since: number }>();
  constructor(
    private limit = 10,
    private windowMs = 15 * 60_000,
    private maxLogins = 10_000,
  ) {}

  private live(login: string, now: number) {
    const f = this.failures.get(login);
    if (f && now - f.since >= this.windowMs) this.failures.delete(login);
    return this.failures.get(login);
  }

  /** True while `login` may not try again. */
  blocked(login: string, now = Date.now()): boolean {
    return (this.live(login, now)?.count ?? 0) >= this.limit;
  }

  failed(login: string, now = Date.now()): void {
    const f = this.live(login, now);
    if (f) f.count++;
    else {
      if (this.failures.size >= this.maxLogins)
        for (const [key, old] of this.failures)
          if (now - old.since >= this.windowMs) this.failures.delete(key);
      // Still full of live entries: the oldest goes (the map stays bounded).
      if (this.failures.size >= this.maxLogins) this.failures.delete(this.failures.keys().next().value!);
      this.failures.set(login, { count: 1, since: now });
    }
  }

  succeeded(login: string): void {
    this.failures.delete(login);
  }
}
