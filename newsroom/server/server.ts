// The newsroom server: Hocuspocus (Yjs sync over WebSocket at ROUTES.sync) and the HTTP routes on
// one port, with every document kept in PostgreSQL update by update. The rules that accept or refuse
// a change are given by the caller (CheckChange); there is no permissive default.
import { Server, type beforeHandleMessagePayload } from '@hocuspocus/server';
import type pg from 'pg';
import * as Y from 'yjs';
import type { Template } from '../../engine/templates';
import { loadTemplate } from '../../electron/services/templates';
import {
  layoutDocName,
  parseDocName,
  ROUTES,
  type CheckChange,
  type Person,
  type Refused,
} from '../../newsroom/shared/protocol';
import { Sessions, SignInThrottle } from './accounts';
import type { NewsroomConfig } from './config';
import { createPool, migrate } from './db';
import {
  checkPresence,
  KeyedLock,
  mayWait,
  RefusedError,
  TokenBucket,
  tryUpdate,
  undoingUpdate,
  updateOf,
} from './guard';
import { handleHttp } from './http';
import { redisExtension } from './redis';
import { stdoutLog, type Log } from './log';
import { audit, DocumentStore } from './store';

export interface Limits {
  /** Largest WebSocket message (an update), bytes. */
  messageBytes: number;
  /** Largest photo, bytes. */
  photoBytes: number;
  /** Messages a second per connection, and the burst allowed over it. */
  messagesPerSecond: number;
  burst: number;
  /** Bytes a second per connection; bursts up to four of the largest messages. */
  bytesPerSecond: number;
  /** Open WebSocket connections per account. */
  socketsPerAccount: number;
  /** Documents open on one WebSocket connection. */
  documentsPerSocket: number;
  /** How often an open connection's token is checked again (sign-out, expiry, role), ms. */
  sessionCheckMs: number;
  /** Largest presence (awareness) state of one client, bytes of JSON. */
  awarenessBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  messageBytes: 1024 * 1024,
  photoBytes: 20 * 1024 * 1024,
  messagesPerSecond: 100,
  burst: 400,
  bytesPerSecond: 256 * 1024,
  socketsPerAccount: 8,
  documentsPerSocket: 500,
  sessionCheckMs: 30_000,
  awarenessBytes: 8 * 1024,
};

export interface NewsroomOptions {
  config: NewsroomConfig;
  /** The edition's rules (newsroom/shared/rules.ts): required. */
  checkChange: CheckChange;
  log?: Log;
  limits?: Partial<Limits>;
  /** Write a snapshot after this many updates to one document. */
  snapshotEvery?: number;
}

/** WebSocket close code for a connection whose sign-in has ended (policy). */
const CLOSE_FORBIDDEN = 1008;

interface Context {
  person: Person;
  token: string;
  /** When the token was last found live (Date.now()). */
  checkedAt: number;
}

export interface NewsroomServer {
  db: pg.Pool;
  /** Starts listening; resolves with the port. */
  start(): Promise<number>;
  stop(): Promise<void>;
}

function templateOrNone(id: string): Template | undefined {
  try {
    return loadTemplate(id);
  } catch {
    return undefined;
  }
}

export function createNewsroomServer(options: NewsroomOptions): NewsroomServer {
  if (typeof options.checkChange !== 'function')
    throw new Error('createNewsroomServer: checkChange is required');
  const { config, checkChange } = options;
  const log = options.log ?? stdoutLog;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const db = createPool(config.databaseUrl);
  const sessions = new Sessions(db, config.secret);
  const signIns = new SignInThrottle();
  const store = new DocumentStore(db, options.snapshotEvery);
  const lock = new KeyedLock();
  const buckets = new Map<string, { messages: TokenBucket; bytes: TokenBucket }>();
  const sockets = new Map<string, Map<string, number>>();
  /** Documents authenticated on a socket and not yet connected. */
  const authenticated = new Map<string, number>();
  const safeAudit = (entry: Parameters<typeof audit>[1]) =>
    audit(db, entry).catch((e: unknown) => log('audit-failed', { action: entry.action, error: String(e) }));

  const refuse = async (person: Person, refused: Refused, send: (json: string) => void): Promise<void> => {
    log('refused', { login: person.login, doc: refused.doc, code: refused.code });
    send(JSON.stringify(refused));
    await safeAudit({ login: person.login, action: 'refused', doc: refused.doc, detail: { ...refused } });
  };

  /** The edition's layout document: the server's own while it is open, else read from PostgreSQL. */
  async function layoutFor(edition: string, instance: Server['hocuspocus']): Promise<Y.Doc> {
    const name = layoutDocName(edition);
    const open = instance.documents.get(name);
    if (open) return open;
    const doc = new Y.Doc();
    await store.load(name, doc, false);
    return doc;
  }

  const server = new Server<Context>({
    name: 'banmian-newsroom',
    port: config.port,
    address: config.host,
    quiet: true,
    // Several instances share documents through Redis when it is configured (redis.ts).
    extensions: config.redisUrl ? [redisExtension(config.redisUrl)] : [],
    stopOnSignals: false,
    debounce: 10_000,
    maxDebounce: 60_000,
    unloadImmediately: true,
    // The socket refuses frames far over the limit; the limit itself is checked per message below.
    websocketOptions: { maxPayload: limits.messageBytes * 2 },

    async onRequest({ request, response }) {
      if (
        !(await handleHttp(
          { db, sessions, log, maxPhotoBytes: limits.photoBytes, signIns },
          request,
          response,
        ))
      ) {
        response.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify({ error: '没有这个地址' }));
      }
      // Rejecting with nothing stops Hocuspocus's own answer.
      return Promise.reject(null);
    },

    async onUpgrade({ request, socket }) {
      if ((request.url ?? '').split('?')[0] !== ROUTES.sync) {
        socket.destroy();
        return Promise.reject(null);
      }
    },

    async onAuthenticate({ token, documentName, socketId }) {
      if (!parseDocName(documentName)) throw new Error(`没有这个文档：${documentName}`);
      const person = await sessions.person(token);
      if (!person) {
        log('sync-unauthorised', { doc: documentName });
        throw new Error('未登录或登录已过期');
      }
      const open = sockets.get(person.login);
      if (open && !open.has(socketId) && open.size >= limits.socketsPerAccount) {
        log('too-many-connections', { login: person.login });
        throw new Error(`同一账号最多同时连接 ${limits.socketsPerAccount} 处`);
      }
      const opening = authenticated.get(socketId) ?? 0;
      if ((open?.get(socketId) ?? 0) + opening >= limits.documentsPerSocket) {
        log('too-many-documents', { login: person.login });
        throw new Error(`一个连接最多同时打开 ${limits.documentsPerSocket} 个文档`);
      }
      authenticated.set(socketId, opening + 1);
      return { person, token, checkedAt: Date.now() };
    },

    async connected({ context, socketId, documentName }) {
      const opening = (authenticated.get(socketId) ?? 1) - 1;
      if (opening > 0) authenticated.set(socketId, opening);
      else authenticated.delete(socketId);
      const open = sockets.get(context.person.login) ?? new Map<string, number>();
      open.set(socketId, (open.get(socketId) ?? 0) + 1);
      sockets.set(context.person.login, open);
      log('open', { login: context.person.login, doc: documentName });
    },

    async onDisconnect({ context, socketId }) {
      const open = context?.person ? sockets.get(context.person.login) : undefined;
      if (!open) return;
      const n = (open.get(socketId) ?? 1) - 1;
      if (n > 0) open.set(socketId, n);
      else {
        open.delete(socketId);
        buckets.delete(socketId);
        authenticated.delete(socketId);
      }
      if (open.size === 0) sockets.delete(context.person.login);
    },

    async onLoadDocument({ document, documentName }) {
      await lock.run(documentName, () => store.load(documentName, document));
      log('load', { doc: documentName });
    },

    async onStoreDocument({ document, documentName }) {
      await lock.run(documentName, () => store.snapshot(documentName, document));
    },

    async afterUnloadDocument({ documentName }) {
      store.forget(documentName);
    },

    // Presence names the signed-in person, only for this connection's own client ids, and is bounded.
    async beforeHandleAwareness({ states, document, connection, context, documentName }) {
      if (!connection || !context) return;
      const mine: ReadonlySet<number> = document.connections.get(connection)?.clients ?? new Set();
      const others = (id: number) =>
        [...document.connections].some(([c, held]) => c !== connection && held.clients.has(id));
      const problem = checkPresence(states, context.person, {
        mine,
        others,
        maxBytes: limits.awarenessBytes,
      });
      if (!problem) return;
      const refused: Refused = { type: 'refused', doc: documentName, ...problem };
      await refuse(context.person, refused, (json) => connection.sendStateless(json));
      throw new RefusedError(refused);
    },

    async beforeHandleMessage(payload) {
      try {
        await guardMessage(payload);
      } catch (e) {
        // The whole socket is closed: the client reconnects, and its sync sends again what was not
        // acknowledged (after a database failure) or is refused again.
        if (!(e instanceof RefusedError))
          log('update-failed', { doc: payload.documentName, error: String(e) });
        const [code, reason] = e instanceof RefusedError ? [e.code, e.reason] : [1011, 'not stored, retry'];
        payload.connection.webSocket.close(code, reason);
        throw e;
      }
    },
  });

  async function guardMessage({
    connection,
    document,
    documentName,
    update: raw,
    context,
    socketId,
    instance,
  }: beforeHandleMessagePayload<Context>): Promise<void> {
    let person = context.person;
    const send = (json: string) => connection.sendStateless(json);
    const fail = async (code: Refused['code'], message: string): Promise<never> => {
      const refused: Refused = { type: 'refused', doc: documentName, code, message };
      await refuse(person, refused, send);
      throw new RefusedError(refused);
    };
    if (raw.length > limits.messageBytes)
      await fail('too-large', `修改太大（${raw.length} 字节，上限 ${limits.messageBytes}），已拒绝`);
    let bucket = buckets.get(socketId);
    if (!bucket)
      buckets.set(
        socketId,
        (bucket = {
          messages: new TokenBucket(limits.messagesPerSecond, limits.burst),
          bytes: new TokenBucket(limits.bytesPerSecond, 4 * limits.messageBytes),
        }),
      );
    if (!bucket.messages.take() || !bucket.bytes.take(raw.length))
      await fail('rate', '发送过于频繁，连接已断开，稍后会自动重连');
    if (Date.now() - context.checkedAt >= limits.sessionCheckMs) {
      // A token signed out, expired or of an account changed since the connection opened.
      const now = await sessions.person(context.token);
      if (!now) await fail('forbidden', '登录已过期或已退出，请重新登录');
      else {
        context.person = person = now;
        context.checkedAt = Date.now();
      }
    }
    let update: Uint8Array | null;
    try {
      update = updateOf(raw);
    } catch {
      return fail('invalid', '消息无法识别，已拒绝');
    }
    if (!update) return;
    const incoming = update;
    const name = parseDocName(documentName)!;
    await lock.run(documentName, async () => {
      let tried;
      try {
        tried = tryUpdate(document, incoming, documentName);
      } catch (e) {
        if (e instanceof RefusedError) await refuse(person, e.refused, send);
        throw e;
      }
      try {
        if (!tried.changed) return;
        if (tried.waiting && !mayWait(name.kind, person)) {
          const waiting: Refused = {
            type: 'refused',
            doc: documentName,
            code: 'invalid',
            message: '修改依赖服务器尚未收到的内容，已拒绝',
          };
          await refuse(person, waiting, send);
          throw new RefusedError(waiting);
        }
        // A copy update is judged against the layout as it stands once the layout updates that came
        // before it are in (a placed photo's record is written just before the words that show it).
        if (name.kind === 'copy') await lock.run(layoutDocName(name.edition), async () => {});
        const layout = name.kind === 'copy' ? await layoutFor(name.edition, instance) : null;
        let refused: Refused | null;
        try {
          refused = checkChange(name, document, tried.after, person, { layout, template: templateOrNone });
        } catch (e) {
          log('check-failed', { doc: documentName, error: String(e) });
          refused = { type: 'refused', doc: documentName, code: 'invalid', message: '修改无法检查，已拒绝' };
        }
        const origin = { source: 'connection' as const, connection };
        if (refused) {
          const undoing = undoingUpdate(document, incoming, tried.after);
          await store.append(documentName, undoing, person.login);
          Y.applyUpdate(document, undoing, origin);
          await refuse(person, refused, send);
        } else {
          // Written before it is applied, so the acknowledgement Hocuspocus sends once this hook
          // returns is for an update PostgreSQL has committed.
          await store.append(documentName, incoming, person.login);
          Y.applyUpdate(document, incoming, origin);
        }
        if (store.snapshotDue(documentName))
          void store
            .snapshot(documentName, document)
            .catch((e: unknown) => log('snapshot-failed', { error: String(e) }));
      } finally {
        tried.after.destroy();
      }
    });
  }

  /** Connections that send nothing are checked too: a signed-out or expired token stops receiving. */
  async function recheckSessions(): Promise<void> {
    for (const document of server.hocuspocus.documents.values())
      for (const connection of document.getConnections()) {
        const context = connection.context as Context | undefined;
        if (!context?.token || Date.now() - context.checkedAt < limits.sessionCheckMs) continue;
        const now = await sessions.person(context.token).catch(() => undefined);
        if (now === null) {
          log('session-ended', { login: context.person.login, doc: document.name });
          // The whole socket, as for a refused message: its other documents share the token.
          connection.close({ code: CLOSE_FORBIDDEN, reason: 'refused: forbidden' });
          connection.webSocket.close(CLOSE_FORBIDDEN, 'refused: forbidden');
        } else if (now) {
          context.person = now;
          context.checkedAt = Date.now();
        }
      }
  }
  let recheck: ReturnType<typeof setInterval> | undefined;

  return {
    db,
    async start() {
      await migrate(db);
      let running = false;
      recheck = setInterval(
        () => {
          if (running) return;
          running = true;
          void recheckSessions().finally(() => (running = false));
        },
        Math.max(1000, limits.sessionCheckMs),
      );
      recheck.unref();
      await server.listen();
      log('listening', { host: config.host, port: server.address.port, redis: Boolean(config.redisUrl) });
      return server.address.port;
    },
    async stop() {
      clearInterval(recheck);
      await server.destroy();
      await db.end();
      log('stopped');
    },
  };
}
