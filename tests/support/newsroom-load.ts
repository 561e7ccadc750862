// The newsroom under load, for the load test (tests/unit/newsroom/load.test.ts) and the benchmarks
// (bench/newsroom.bench.ts): real server processes (newsroom-load-child.ts) on a private PostgreSQL,
// one or several joined by a private Redis; an edition published to them through Hocuspocus; clients
// (@hocuspocus/provider in this process, each its own account) that open documents and type.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import type { Edition } from '../../engine/model/types';
import { editionToDocs } from '../../newsroom/shared/edition-docs';
import { copyDocName, layoutDocName, type Refused, type Role } from '../../newsroom/shared/protocol';
import {
  addPeople,
  buildChild,
  freePort,
  spawnServer,
  tokenFor,
  waitFor,
  type ChildServer,
} from './newsroom';
import { startPostgres, type TestPostgres } from './postgres';
import { startRedis, type TestRedis } from './redis';

export interface LoadServers {
  pg: TestPostgres;
  redis?: TestRedis;
  servers: ChildServer[];
  ports: number[];
  /** Resident memory of each server process, bytes. */
  rss(): number[];
  stop(): Promise<void>;
}

/** `instances` server processes on one new PostgreSQL; several are joined by a new Redis. */
export async function startLoadServers(instances: number, people: [string, string, Role][]) {
  const [pg, redis] = await Promise.all([startPostgres(), instances > 1 ? startRedis() : undefined]);
  await addPeople(pg.url, people);
  const bundle = await buildChild('tests/support/newsroom-load-child.ts', 'newsroom-load-server.cjs');
  const servers: ChildServer[] = [];
  const ports: number[] = [];
  for (let i = 0; i < instances; i++) {
    const port = await freePort();
    servers.push(
      await spawnServer(bundle, pg.url, port, redis ? { BANMIAN_NEWSROOM_REDIS_URL: redis.url } : {}),
    );
    ports.push(port);
  }
  const result: LoadServers = {
    pg,
    redis,
    servers,
    ports,
    rss: () =>
      servers.map(
        (s) =>
          Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${s.process.pid}/status`, 'utf8'))![1]) * 1024,
      ),
    async stop() {
      for (const s of servers) {
        if (s.process.exitCode !== null) continue;
        const exited = new Promise((r) => s.process.once('exit', r));
        s.process.kill('SIGTERM');
        await exited;
      }
      await redis?.stop();
      await pg.stop();
    },
  };
  return result;
}

/** One person's connection: one WebSocket carrying a provider per open document. */
export class Session {
  socket: HocuspocusProviderWebsocket;
  providers = new Map<string, HocuspocusProvider>();
  refused: Refused[] = [];
  disconnects = 0;

  constructor(
    port: number,
    private token: string,
  ) {
    this.socket = new HocuspocusProviderWebsocket({
      url: `ws://127.0.0.1:${port}/sync`,
      delay: 100,
      minDelay: 100,
      maxDelay: 1000,
      jitter: false,
    });
    this.socket.on('disconnect', () => this.disconnects++);
  }

  open(name: string, doc = new Y.Doc()): Y.Doc {
    const provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name,
      document: doc,
      token: this.token,
      onStateless: ({ payload }) => this.refused.push(JSON.parse(payload) as Refused),
    });
    provider.attach();
    this.providers.set(name, provider);
    return doc;
  }

  /** True when every document is synced and every local change acknowledged. */
  synced(): boolean {
    for (const p of this.providers.values()) if (!p.isSynced || p.unsyncedChanges > 0) return false;
    return true;
  }

  close(): void {
    for (const p of this.providers.values()) p.destroy();
    this.socket.destroy();
  }
}

export const sessionFor = async (port: number, login: string) =>
  new Session(port, await tokenFor(port, login));

/** The names of an edition's documents. */
export const docNames = (edition: Edition): string[] => [
  layoutDocName(edition.id),
  ...edition.articles.map((a) => copyDocName(edition.id, a.id)),
];

/** Publishes `edition` as `login` (版面编辑 or 值班总编): its layout, then every article's copy. */
export async function publishThroughSync(port: number, login: string, edition: Edition): Promise<void> {
  const { layout, copies } = editionToDocs(edition, login);
  const s = await sessionFor(port, login);
  try {
    s.open(layoutDocName(edition.id), layout);
    await waitFor('the layout to be published', () => s.synced(), 60_000);
    for (const [id, doc] of copies) s.open(copyDocName(edition.id, id), doc);
    await waitFor('the copy to be published', () => s.synced(), 120_000);
    if (s.refused.length) throw new Error(`publishing was refused: ${JSON.stringify(s.refused[0])}`);
  } finally {
    s.close();
  }
}

/** The text of one block of a copy document (its embedded Y.XmlText). */
export const blockText = (block: Y.XmlText): string =>
  (block.toDelta() as { insert: unknown }[])
    .map((d) => (typeof d.insert === 'string' ? d.insert : ''))
    .join('');

export const blocksOf = (doc: Y.Doc): Y.XmlText[] =>
  (doc.get('content', Y.XmlText).toDelta() as { insert: unknown }[])
    .map((d) => d.insert)
    .filter((x): x is Y.XmlText => x instanceof Y.XmlText);

export function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
}
