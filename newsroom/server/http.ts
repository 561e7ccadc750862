// The HTTP routes beside the WebSocket (ROUTES in newsroom/shared/protocol.ts): sign-in, sign-out,
// who am I, and photos stored once by their SHA-256. Every route but login takes a bearer token.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import { ROUTES, type Person } from '../../newsroom/shared/protocol';
import { verifyPassword, type Sessions, type SignInThrottle } from './accounts';
import type { Log } from './log';
import { assembleEdition, EditionRouteError, listEditions, publishEdition } from './editions';
import { audit, getPhoto, hasPhoto, putPhoto } from './store';

export interface HttpDeps {
  db: pg.Pool;
  sessions: Sessions;
  log: Log;
  maxPhotoBytes: number;
  /** Largest edition published (JSON, photos included). */
  maxEditionBytes?: number;
  signIns: SignInThrottle;
}

class HttpError extends Error {
  constructor(
    public status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new HttpError(413, `内容太大（上限 ${limit} 字节）`));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new HttpError(413, `内容太大（上限 ${limit} 字节）`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return readJsonUpTo(req, 64 * 1024);
}

async function readJsonUpTo(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const body = await readBody(req, limit);
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new HttpError(400, '请求内容不是有效的 JSON 对象');
}

export function bearer(req: { headers: Record<string, string | string[] | undefined> }): string {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m ? m[1] : '';
}

async function signedIn(deps: HttpDeps, req: IncomingMessage): Promise<{ person: Person; token: string }> {
  const token = bearer(req);
  const person = token ? await deps.sessions.person(token) : null;
  if (!person) throw new HttpError(401, '未登录或登录已过期，请重新登录');
  return { person, token };
}

/** Answers a request for one of the routes; false when the path is none of them. */
export async function handleHttp(
  deps: HttpDeps,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const path = (req.url ?? '/').split('?')[0];
  const method = req.method ?? 'GET';
  if (!path.startsWith('/api/')) return false;
  try {
    if (path === ROUTES.login && method === 'POST') {
      const body = await readJson(req);
      const login = typeof body.login === 'string' ? body.login : '';
      const password = typeof body.password === 'string' ? body.password : '';
      const key = login.slice(0, 64).normalize('NFC').toLowerCase();
      if (deps.signIns.blocked(key)) {
        deps.log('sign-in-throttled', { login: login.slice(0, 64) });
        throw new HttpError(429, '密码错误次数过多，请稍后再试');
      }
      const person = login && password ? await verifyPassword(deps.db, login, password) : null;
      if (person) deps.signIns.succeeded(key);
      else deps.signIns.failed(key);
      await audit(deps.db, {
        login: login.slice(0, 64) || null,
        action: person ? 'sign-in' : 'sign-in-failed',
      });
      deps.log(person ? 'sign-in' : 'sign-in-failed', { login: login.slice(0, 64) });
      if (!person) throw new HttpError(401, '登录名或密码不对');
      send(res, 200, { token: await deps.sessions.open(person.login), person });
    } else if (path === ROUTES.logout && method === 'POST') {
      const { person, token } = await signedIn(deps, req);
      await deps.sessions.revoke(token);
      await audit(deps.db, { login: person.login, action: 'sign-out' });
      deps.log('sign-out', { login: person.login });
      send(res, 200, {});
    } else if (path === ROUTES.me && method === 'GET') {
      send(res, 200, { person: (await signedIn(deps, req)).person });
    } else if (path.startsWith(ROUTES.photos)) {
      const { person } = await signedIn(deps, req);
      const sha = path.slice(ROUTES.photos.length);
      if (!/^[0-9a-f]{64}$/.test(sha)) throw new HttpError(400, '照片地址应为 64 位小写十六进制的 SHA-256');
      if (method === 'PUT') {
        const bytes = await readBody(req, deps.maxPhotoBytes);
        if (createHash('sha256').update(bytes).digest('hex') !== sha)
          throw new HttpError(400, '照片内容与地址中的 SHA-256 不符');
        const added = await putPhoto(deps.db, sha, bytes, person.login);
        if (added) deps.log('photo', { login: person.login, sha256: sha, size: bytes.length });
        send(res, added ? 201 : 200, { sha256: sha, size: bytes.length });
      } else if (method === 'GET') {
        const bytes = await getPhoto(deps.db, sha);
        if (!bytes) throw new HttpError(404, '服务器上没有这张照片');
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': bytes.length });
        res.end(bytes);
      } else if (method === 'HEAD') {
        res.writeHead((await hasPhoto(deps.db, sha)) ? 200 : 404, { 'Cache-Control': 'no-store' });
        res.end();
      } else throw new HttpError(405, '照片只支持 GET、HEAD 和 PUT');
    } else if (path === ROUTES.editions || path.startsWith(ROUTES.edition)) {
      const { person } = await signedIn(deps, req);
      if (path === ROUTES.editions && method === 'GET')
        send(res, 200, { editions: await listEditions(deps.db) });
      else if (path === ROUTES.editions && method === 'POST') {
        const body = await readJsonUpTo(req, deps.maxEditionBytes ?? 256 * 1024 * 1024);
        const id = await publishEdition(deps.db, person, body.edition);
        deps.log('publish', { login: person.login, edition: id });
        send(res, 201, { id });
      } else if (method === 'GET')
        send(res, 200, { edition: await assembleEdition(deps.db, path.slice(ROUTES.edition.length)) });
      else throw new HttpError(405, '期次只支持 GET 和 POST');
    } else throw new HttpError(404, '没有这个地址');
  } catch (e) {
    if (e instanceof HttpError || e instanceof EditionRouteError) send(res, e.status, { error: e.message });
    else {
      deps.log('http-error', { method, path, error: String(e) });
      send(res, 503, { error: '服务器暂时无法处理（数据库不可用？），请稍后再试' });
    }
  }
  return true;
}
