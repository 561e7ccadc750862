// The Node side's newsroom link (electron/services/newsroom) against the real server and PostgreSQL:
// the server address checked, sign-in, publishing the sample edition and reading it back, the
// editions list, two people's updates relayed to each other through the event queue, a refusal.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NewsroomClient, serverAddress } from '../../../electron/services/newsroom/client';
import type { NewsroomEvent } from '../../../electron/services/newsroom/events';
import { replicaOrigin } from '../../../electron/services/newsroom/replica';
import { createDatabase } from '../../../electron/services/store/database';
import { loadSampleEdition } from '../../../electron/services/sample';
import { blocksToCopy, copyToBlocks } from '../../../newsroom/shared/copy-doc';
import { copyDocName, layoutDocName } from '../../../newsroom/shared/protocol';
import { startPostgres, type TestPostgres } from '../../support/postgres';
import { addPeople, PASSWORD, startServer, waitFor, type NewsroomServer } from '../../support/newsroom';

let pg: TestPostgres;
let server: NewsroomServer;
let address: string;
const clients: NewsroomClient[] = [];

beforeAll(async () => {
  pg = await startPostgres();
  await addPeople(pg.url, [
    ['chief', '王总编', 'chief'],
    ['ed', '李编辑', 'editor'],
    ['proof', '赵校对', 'proofreader'],
  ]);
  const s = await startServer(pg.url);
  server = s.server;
  address = `http://127.0.0.1:${s.port}`;
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.disconnect();
  await server?.stop();
  await pg?.stop();
});

async function signedIn(login: string): Promise<NewsroomClient> {
  const c = new NewsroomClient();
  clients.push(c);
  await c.connect(address, login, PASSWORD);
  return c;
}

/** Follows the events of a client into one document per name, as the renderer would. */
function mirror(c: NewsroomClient) {
  const docs = new Map<string, Y.Doc>();
  const synced = new Set<string>();
  const refused: string[] = [];
  let after = 0;
  let stopped = false;
  const doc = (name: string) => docs.get(name) ?? docs.set(name, new Y.Doc()).get(name)!;
  void (async () => {
    while (!stopped) {
      const events = await c.events.take(after, 500);
      for (const e of events as (NewsroomEvent & { seq: number })[]) {
        after = e.seq;
        if (e.type === 'update') Y.applyUpdate(doc(e.doc), e.update, 'server');
        if (e.type === 'synced') synced.add(e.doc);
        if (e.type === 'refused') refused.push(e.refused.message);
      }
    }
  })();
  return { doc, synced, refused, stop: () => (stopped = true) };
}

describe('the Node side of a newsroom edition', () => {
  it('takes only an http or https address with a host and port', () => {
    expect(serverAddress('127.0.0.1:7420').origin).toBe('http://127.0.0.1:7420');
    expect(serverAddress('https://news.example:8443/').origin).toBe('https://news.example:8443');
    for (const bad of [
      'file:///etc/passwd',
      'http://u:p@host',
      'http://host/api/x',
      'ws://host',
      'http://host?x=1',
    ])
      expect(() => serverAddress(bad), bad).toThrow(/服务器地址/);
  });

  it('refuses a wrong password and an unreachable server with a message', async () => {
    await expect(new NewsroomClient().connect(address, 'chief', 'wrong')).rejects.toThrow('登录名或密码不对');
    await expect(new NewsroomClient().connect('http://127.0.0.1:1', 'chief', PASSWORD)).rejects.toThrow(
      '无法连接编辑部服务器',
    );
  });

  it('publishes an edition, lists it, and relays two people’s typing to each other', async () => {
    const chief = await signedIn('chief');
    const sample = loadSampleEdition();
    expect(await chief.publish(sample)).toBe(sample.id);
    await expect(chief.publish(sample)).rejects.toThrow('服务器上已有这一期');
    const ed = await signedIn('ed');
    await expect(ed.publish(sample)).rejects.toThrow('只有值班总编和版面编辑');
    expect(await ed.editions()).toEqual([
      {
        id: sample.id,
        paper: sample.paper.name,
        date: sample.date,
        pages: 1,
        articles: sample.articles.length,
      },
    ]);

    // Read back whole: the articles' words are what was published.
    const back = { edition: await ed.fetchEdition(sample.id) };
    expect(back.edition.articles.map((a) => copyToBlocks(blocksToCopy(a.blocks)))).toEqual(
      sample.articles.map((a) => copyToBlocks(blocksToCopy(a.blocks))),
    );
    expect(back.edition.pages[0].placements).toEqual(sample.pages[0].placements);

    const copy = copyDocName(sample.id, 'a1');
    const people = [chief, ed].map((c) => {
      c.open(sample.id);
      c.follow(layoutDocName(sample.id), true);
      c.follow(copy, true);
      return mirror(c);
    });
    await waitFor('both synced', () => people.every((p) => p.synced.has(copy)));
    await waitFor('the state synced', () => chief.state === 'synced' && ed.state === 'synced');
    const text = (i: number) => JSON.stringify(copyToBlocks(people[i].doc(copy)));
    expect(text(0)).toBe(text(1));
    // Each types into its own mirror; the update goes out through its client.
    const type = (i: number, c: NewsroomClient, words: string) => {
      const d = people[i].doc(copy);
      const once = (u: Uint8Array, origin: unknown) => {
        if (origin !== 'server') c.send(copy, u);
      };
      d.on('update', once);
      const block = (d.get('content', Y.XmlText) as Y.XmlText).toDelta()[0].insert as Y.XmlText;
      block.insert(0, words);
      d.off('update', once);
    };
    type(0, chief, '子丑');
    type(1, ed, '寅卯');
    await waitFor('both words on both sides', () =>
      [0, 1].every((i) => /子丑/.test(text(i)) && /寅卯/.test(text(i))),
    );
    expect(text(0)).toBe(text(1));
    for (const p of people) p.stop();
  });

  it('passes on the server’s refusal', async () => {
    const proof = await signedIn('proof');
    const id = loadSampleEdition().id;
    const copy = copyDocName(id, 'a2');
    proof.open(id);
    proof.follow(copy, true);
    const m = mirror(proof);
    await waitFor('synced', () => m.synced.has(copy));
    const d = m.doc(copy);
    d.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== 'server') proof.send(copy, u);
    });
    const block = (d.get('content', Y.XmlText) as Y.XmlText).toDelta()[0].insert as Y.XmlText;
    const before = block.toString();
    block.insert(0, '校对改字');
    await waitFor('refused', () => m.refused.length > 0);
    expect(m.refused[0]).toMatch('校对');
    await waitFor('set back', () => block.toString() === before);
    m.stop();
  });

  it('keeps the documents in the edition file, opens them from it with no server, and sends what was made offline', async () => {
    const id = loadSampleEdition().id;
    const copy = copyDocName(id, 'a3');
    const file = join(mkdtempSync(join(tmpdir(), 'banmian-replica-')), 'edition.banmian');
    createDatabase(file).close();
    const words = (d: Y.Doc) => JSON.stringify(copyToBlocks(d));
    const typeInto = (c: NewsroomClient, d: Y.Doc, text: string) => {
      const send = (u: Uint8Array, origin: unknown) => {
        if (origin !== 'server') c.send(copy, u);
      };
      d.on('update', send);
      ((d.get('content', Y.XmlText) as Y.XmlText).toDelta()[0].insert as Y.XmlText).insert(0, text);
      d.off('update', send);
    };

    // Online, the replica is written as the documents come in.
    const ed = await signedIn('ed');
    ed.open(id, file);
    ed.follow(copy, true);
    let m = mirror(ed);
    await waitFor('synced', () => ed.state === 'synced');
    ed.disconnect();
    m.stop();
    expect(replicaOrigin(file)).toMatchObject({ edition: id, server: address, person: { login: 'ed' } });

    // No sign-in (the token is gone with the process): the file alone opens the edition, offline.
    const offline = new NewsroomClient();
    expect(() => offline.open('other-edition', file)).toThrow('请先登录');
    expect(offline.open(id, file)).toMatchObject({
      state: 'offline',
      person: { login: 'ed', name: '李编辑' },
    });
    offline.follow(copy, true);
    m = mirror(offline);
    await waitFor('the replica delivered', () => m.synced.has(copy) && /徐汇/.test(words(m.doc(copy))));
    typeInto(offline, m.doc(copy), '离线所写');
    offline.disconnect();
    m.stop();

    // Signed in again, the edition opened from the same file: the offline words reach the others.
    const back = await signedIn('ed');
    back.open(id, file);
    back.follow(copy, true);
    const other = await signedIn('chief');
    other.open(id);
    other.follow(copy, true);
    const seen = mirror(other);
    await waitFor('the offline words on the server', () => /离线所写/.test(words(seen.doc(copy))));
    expect(words(seen.doc(copy)).split('离线所写').length - 1).toBe(1);
    seen.stop();
  });
});
