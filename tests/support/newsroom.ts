// The newsroom server for tests: in this process or as a child process from a bundle, accounts,
// sign-in, and clients (@hocuspocus/provider over Node's WebSocket) on a Y.Doc each.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { spawn, type ChildProcess } from 'node:child_process';
import { build } from 'esbuild';
import * as Y from 'yjs';
import { addAccount } from '../../newsroom/server/accounts';
import { createPool, migrate } from '../../newsroom/server/db';
import { quietLog } from '../../newsroom/server/log';
import { createNewsroomServer, type Limits, type NewsroomServer } from '../../newsroom/server/server';
import type { Person, Refused, Role } from '../../newsroom/shared/protocol';
import { projectRoot } from '../../electron/services/paths';
import { testRules } from './newsroom-rules';
import { freePort } from './postgres';

export { freePort };

export const SECRET = 'test-secret-0123456789-abcdefghijklmnop';
export const PASSWORD = '正确的密码-correct';

export async function startServer(databaseUrl: string, limits?: Partial<Limits>, redisUrl?: string) {
  const server = createNewsroomServer({
    config: { databaseUrl, port: 0, host: '127.0.0.1', secret: SECRET, ...(redisUrl ? { redisUrl } : {}) },
    checkChange: testRules,
    log: quietLog,
    limits,
    snapshotEvery: 5,
  });
  const port = await server.start();
  return { server, port };
}

export async function addPeople(databaseUrl: string, people: [string, string, Role][]): Promise<void> {
  const pool = createPool(databaseUrl);
  await migrate(pool);
  for (const [login, name, role] of people) await addAccount(pool, { login, name, role, password: PASSWORD });
  await pool.end();
}

export async function signIn(port: number, login: string, password = PASSWORD) {
  const res = await fetch(`http://127.0.0.1:${port}/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { token?: string; person?: Person; error?: string },
  };
}

export async function tokenFor(port: number, login: string): Promise<string> {
  const { body } = await signIn(port, login);
  if (!body.token) throw new Error(`sign-in failed for ${login}: ${body.error}`);
  return body.token;
}

export interface Client {
  doc: Y.Doc;
  text: Y.Text;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  refused: Refused[];
  /** The text at the last moment every local change had been acknowledged by the server. */
  acknowledged: string;
  authFailed: boolean;
}

export function connect(port: number, token: string, name: string, doc = new Y.Doc()): Client {
  const client = {
    doc,
    text: doc.getText('body'),
    refused: [],
    acknowledged: '',
    authFailed: false,
  } as unknown as Client;
  const pending: string[] = [];
  let outstanding = 0;
  doc.on('update', (_u: Uint8Array, origin: unknown) => {
    if (origin !== client.provider) pending.push(client.text.toString());
  });
  client.socket = new HocuspocusProviderWebsocket({
    url: `ws://127.0.0.1:${port}/sync`,
    delay: 100,
    minDelay: 100,
    factor: 1.5,
    maxDelay: 1000,
    jitter: false,
  });
  client.provider = new HocuspocusProvider({
    websocketProvider: client.socket,
    name,
    document: doc,
    token,
    onStateless: ({ payload }) => client.refused.push(JSON.parse(payload) as Refused),
    onAuthenticationFailed: () => (client.authFailed = true),
    // The server acknowledges a connection's updates in order, one sync status each: the text after
    // each local change waits here until its acknowledgement arrives.
    onUnsyncedChanges: ({ number }) => {
      for (let i = number; i < outstanding; i++) client.acknowledged = pending.shift() ?? client.acknowledged;
      if (number === 0 && client.provider?.isSynced) {
        client.acknowledged = client.text.toString();
        pending.length = 0;
      }
      outstanding = number;
    },
  });
  client.provider.attach();
  return client;
}

export function closeClient(c: Client): void {
  c.provider.destroy();
  c.socket.destroy();
}

export async function waitFor(what: string, ok: () => boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const synced = (c: Client) =>
  waitFor('the client to be synced', () => c.provider.isSynced && c.provider.unsyncedChanges === 0);

/**
 * Bundles the child server (tests/support/newsroom-child.ts), or another entry, into dist/ beside the
 * product's bundles (so its dependencies resolve from node_modules).
 */
export async function buildChild(
  entry = 'tests/support/newsroom-child.ts',
  out = 'newsroom-test-server.cjs',
): Promise<string> {
  const outfile = `${projectRoot()}/dist/${out}`;
  await build({
    entryPoints: [`${projectRoot()}/${entry}`],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

export interface ChildServer {
  process: ChildProcess;
  output: string[];
}

export async function spawnServer(
  bundle: string,
  databaseUrl: string,
  port: number,
  env: NodeJS.ProcessEnv = {},
): Promise<ChildServer> {
  const child = spawn(process.execPath, [bundle], {
    env: {
      ...process.env,
      ...env,
      BANMIAN_NEWSROOM_DATABASE_URL: databaseUrl,
      BANMIAN_NEWSROOM_PORT: String(port),
      BANMIAN_NEWSROOM_SECRET: SECRET,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout.on('data', (d: Buffer) => output.push(...d.toString().split('\n').filter(Boolean)));
  child.stderr.on('data', (d: Buffer) => output.push(d.toString()));
  await waitFor(
    'the server to listen',
    () => output.some((l) => l.includes(' listening ')) || child.exitCode !== null,
  );
  if (child.exitCode !== null) throw new Error(`server exited: ${output.join('\n')}`);
  return { process: child, output };
}

export type { NewsroomServer };
