// The loopback host: serves the built renderer and the API handlers over HTTP on 127.0.0.1, so the
// real UI runs in a plain browser (end-to-end tests, development without the Electron binary).
// It listens on loopback only and refuses requests whose Host or Origin is not its own, so a web
// page elsewhere cannot drive it through the browser (DNS rebinding, cross-site POSTs); and every API
// call must carry the run's secret token (`Authorization: Bearer …`), so another program or user on
// the machine cannot either. The token reaches the page once, in the address the host prints.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { dispatch, type Handlers } from '../api';
import { generatedAsset, IMMUTABLE } from './assets';

/** The same policy the desktop window enforces: our own scripts and styles only, nothing remote. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self' blob: data:",
  "img-src 'self' blob: data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
};

/** Sent with every answer: no referrer (the address carries the token), no cross-origin window or embedding. */
const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** The token of a run: BANMIAN_TOKEN when set (scripts and tests), otherwise random. */
export function hostToken(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.BANMIAN_TOKEN;
  if (!given) return randomBytes(24).toString('base64url');
  if (!/^[A-Za-z0-9._~-]{16,200}$/.test(given))
    throw new Error('BANMIAN_TOKEN must be 16 to 200 characters of A-Z a-z 0-9 . _ ~ -');
  return given;
}

/** HTTP status of an API failure: refusals are the caller's fault (4xx), only real failures are 500. */
const STATUS: Record<string, number> = {
  'bad-request': 400,
  'unknown-method': 404,
  refused: 403,
  exists: 409,
  'not-open': 409,
  conflict: 409,
  unauthorized: 401,
  'bad-response': 500,
  failed: 500,
};

/** An edition with its photos inline can be large; anything beyond this is refused, not buffered. */
const MAX_BODY = 256 * 1024 * 1024;

export interface HostOptions {
  port: number;
  rendererDir: string;
  handlers: Handlers;
  /** The secret every API call must carry (hostToken()). */
  token: string;
  log?: (line: string) => void;
}

export interface RunningHost {
  /** The address to open: the host's page with `?token=…`. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY)
      throw Object.assign(new Error(`request larger than ${MAX_BODY / 1024 / 1024} MB`), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Uint8Array,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': String(Buffer.byteLength(body)),
    ...SECURITY_HEADERS,
    ...extra,
  });
  res.end(body);
}

/** Text the renderer is made of (its script is 1.5 MB, a third of that gzipped). */
const gzipAsync = promisify(gzip);
const COMPRESSIBLE = /\.(js|css|html|json|svg|map)$/;
const gzipCache = new Map<string, { mtimeMs: number; body: Promise<Buffer> }>();

/** A renderer file gzipped, once per process and file version. */
function gzipped(file: string, mtimeMs: number): Promise<Buffer> {
  const hit = gzipCache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.body;
  const body = readFile(file).then((raw) => gzipAsync(raw, { level: 6 }));
  gzipCache.set(file, { mtimeMs, body });
  body.catch(() => gzipCache.delete(file));
  return body;
}

const sendJson = (res: ServerResponse, status: number, value: unknown) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

/** Whether the request carries the run's token (compared in constant time). */
function authorised(req: IncomingMessage, token: Buffer): boolean {
  const m = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(req.headers.authorization ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1]);
  return given.length === token.length && timingSafeEqual(given, token);
}

export function startHost(opts: HostOptions): Promise<RunningHost> {
  if (!opts.token) throw new Error('the host needs a token (hostToken())');
  const token = Buffer.from(opts.token);
  const root = normalize(opts.rendererDir + sep);
  let port = opts.port;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const server = createServer(async (req, res) => {
    try {
      if (!allowedHosts().has(req.headers.host ?? ''))
        return sendJson(res, 403, { ok: false, error: { code: 'failed', message: 'foreign host refused' } });
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST')
          return sendJson(res, 405, {
            ok: false,
            error: { code: 'bad-request', message: 'API calls are POST' },
          });
        const origin = req.headers.origin;
        if (origin && !allowedHosts().has(origin.replace(/^http:\/\//, '')))
          return sendJson(res, 403, {
            ok: false,
            error: { code: 'failed', message: 'foreign origin refused' },
          });
        if (!authorised(req, token)) {
          req.resume();
          return send(
            res,
            401,
            'application/json; charset=utf-8',
            JSON.stringify({
              ok: false,
              error: {
                code: 'unauthorized',
                message:
                  'missing or wrong token: open the address the host printed (with ?token=…); scripts send Authorization: Bearer <token>',
              },
            }),
            { 'WWW-Authenticate': 'Bearer' },
          );
        }
        const method = decodeURIComponent(url.pathname.slice(5));
        let body: unknown;
        try {
          const raw = await readBody(req);
          body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
        } catch (e) {
          const status = (e as { status?: number }).status ?? 400;
          return sendJson(res, status, {
            ok: false,
            error: { code: 'bad-request', message: `unreadable request: ${(e as Error).message}` },
          });
        }
        const t0 = performance.now();
        const reply = await dispatch(opts.handlers, method, body);
        opts.log?.(
          `${method} ${reply.ok ? 'ok' : reply.error.code} ${(performance.now() - t0).toFixed(0)} ms`,
        );
        if (!reply.ok) return sendJson(res, STATUS[reply.error.code] ?? 500, reply);
        if (reply.result instanceof Uint8Array)
          return send(res, 200, 'application/octet-stream', reply.result);
        return sendJson(res, 200, reply);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return send(res, 405, 'text/plain', 'method not allowed');
      if (url.pathname === '/favicon.ico') {
        res.writeHead(204, SECURITY_HEADERS);
        res.end();
        return;
      }
      const generated = generatedAsset(url.pathname);
      if (generated) return send(res, 200, generated.type, generated.body, IMMUTABLE);
      const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
      const file = normalize(join(root, rel));
      if (!file.startsWith(root)) return send(res, 403, 'text/plain', 'outside the renderer');
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) return send(res, 404, 'text/plain', `not found: ${url.pathname}`);
      const type = MIME[extname(file)] ?? 'application/octet-stream';
      // Vite names what it builds under assets/ by content hash: a browser may keep those for good.
      const cache = rel.startsWith('assets/') ? IMMUTABLE : {};
      if (COMPRESSIBLE.test(file) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
        return send(res, 200, type, await gzipped(file, info.mtimeMs), {
          ...cache,
          'Content-Encoding': 'gzip',
          Vary: 'Accept-Encoding',
        });
      }
      return send(res, 200, type, await readFile(file), cache);
    } catch (e) {
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: { code: 'failed', message: (e as Error).message } });
      else res.destroy();
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      const origin = `http://127.0.0.1:${port}`;
      resolve({
        url: `${origin}/?token=${encodeURIComponent(opts.token)}`,
        origin,
        port,
        token: opts.token,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}
