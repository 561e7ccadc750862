// Several newsroom server instances on one PostgreSQL, joined by Redis (Hocuspocus's Redis
// extension): a client on each instance edits the same document and each sees the other's edits,
// and what both typed is in PostgreSQL; a snapshot taken on one instance never hides the other's update.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createPool } from '../../../newsroom/server/db';
import { DocumentStore } from '../../../newsroom/server/store';
import { copyDocName } from '../../../newsroom/shared/protocol';
import { startPostgres, type TestPostgres } from '../../support/postgres';
import { startRedis, type TestRedis } from '../../support/redis';
import {
  addPeople,
  closeClient,
  connect,
  startServer,
  synced,
  tokenFor,
  waitFor,
  type Client,
  type NewsroomServer,
} from '../../support/newsroom';

let pg: TestPostgres;
let redis: TestRedis;
const servers: { server: NewsroomServer; port: number }[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
  await addPeople(pg.url, [
    ['zhang', '张编辑', 'editor'],
    ['li', '李记者', 'reporter'],
  ]);
  for (let i = 0; i < 2; i++) servers.push(await startServer(pg.url, undefined, redis.url));
});

afterAll(async () => {
  for (const c of clients) closeClient(c);
  for (const s of servers) await s.server.stop();
  await redis?.stop();
  await pg?.stop();
});

const open = async (server: number, login: string, doc: string) => {
  const c = connect(servers[server].port, await tokenFor(servers[server].port, login), doc);
  clients.push(c);
  await synced(c);
  return c;
};

describe('two server instances through Redis', () => {
  it('a client on each instance sees the other’s edits, and PostgreSQL holds both', async () => {
    const name = copyDocName('e-redis', 'a1');
    const a = await open(0, 'zhang', name);
    const b = await open(1, 'li', name);
    expect(servers[0].port).not.toBe(servers[1].port);

    a.text.insert(0, '甲方写的。');
    await waitFor('B to see A’s text', () => b.text.toString() === '甲方写的。');
    b.text.insert(b.text.length, '乙方接着写。');
    await waitFor('A to see B’s text', () => a.text.toString() === '甲方写的。乙方接着写。');

    // Both typing at once, character by character, at the two ends of the text.
    const left = '左边一个字一个字地打';
    const right = '右边也在同时打字';
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      if (i < left.length) a.text.insert(i, left[i]);
      if (i < right.length) b.text.insert(b.text.length, right[i]);
      await new Promise((r) => setTimeout(r, 15));
    }
    const want = left + '甲方写的。乙方接着写。' + right;
    await waitFor('both to agree', () => a.text.toString() === want && b.text.toString() === want);
    await Promise.all([synced(a), synced(b)]);

    // A third client on the second instance, and a fresh load from PostgreSQL, have it all.
    const c = await open(1, 'zhang', name);
    expect(c.text.toString()).toBe(want);
    const pool = createPool(pg.url);
    try {
      const fresh = new Y.Doc();
      await new DocumentStore(pool).load(name, fresh, false);
      expect(fresh.getText('body').toString()).toBe(want);
    } finally {
      await pool.end();
    }
  });

  it('a snapshot never covers an update another instance wrote but had not yet relayed', async () => {
    const name = copyDocName('e-redis', 'a2');
    const pool = createPool(pg.url);
    try {
      // Two instances' stores on one database; A has the document open.
      const [a, b] = [new DocumentStore(pool), new DocumentStore(pool)];
      const docA = new Y.Doc();
      await a.load(name, docA);
      const writer = new Y.Doc();
      const updates: Uint8Array[] = [];
      writer.on('update', (u: Uint8Array) => updates.push(u));
      writer.getText('body').insert(0, '乙实例写的，');
      await b.load(name, new Y.Doc());
      await b.append(name, updates[0], 'li');
      // A's own update, written after B's and applied to its document; B's is still on its way.
      writer.getText('body').insert(writer.getText('body').length, '甲实例写的。');
      await a.append(name, updates[1], 'zhang');
      Y.applyUpdate(docA, updates[1]);
      await a.snapshot(name, docA);
      const fresh = new Y.Doc();
      await new DocumentStore(pool).load(name, fresh, false);
      expect(fresh.getText('body').toString()).toBe('乙实例写的，甲实例写的。');
    } finally {
      await pool.end();
    }
  });
});
