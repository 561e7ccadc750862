// The newsroom server with a real PostgreSQL: sign-in and tokens, several clients on one document,
// offline edits, refused and malformed changes, size and rate limits, the audit trail.
import { createHash } from 'node:crypto';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createPool } from '../../../newsroom/server/db';
import { copyDocName, layoutDocName } from '../../../newsroom/shared/protocol';
import { startPostgres, type TestPostgres } from '../../support/postgres';
import {
  addPeople,
  closeClient,
  connect,
  signIn,
  startServer,
  synced,
  tokenFor,
  waitFor,
  type Client,
  type NewsroomServer,
} from '../../support/newsroom';

let pg: TestPostgres;
let server: NewsroomServer;
let port: number;
const clients: Client[] = [];
const open = (token: string, name: string) => {
  const c = connect(port, token, name);
  clients.push(c);
  return c;
};
const rows = async (sql: string, args: unknown[] = []) => {
  const pool = createPool(pg.url);
  try {
    return (await pool.query(sql, args)).rows;
  } finally {
    await pool.end();
  }
};

beforeAll(async () => {
  pg = await startPostgres();
  await addPeople(pg.url, [
    ['zhang', '张编辑', 'editor'],
    ['li', '李记者', 'reporter'],
    ['wang', '王版面', 'layout'],
    ['zhao', '赵校对', 'proofreader'],
  ]);
  ({ server, port } = await startServer(pg.url, { messageBytes: 64 * 1024, photoBytes: 1024, burst: 300 }));
});

afterAll(async () => {
  for (const c of clients) closeClient(c);
  await server?.stop();
  await pg?.stop();
});

describe('sign-in and tokens', () => {
  it('gives a token for the right password only, and records both in the audit trail', async () => {
    const wrong = await signIn(port, 'zhang', 'wrong-password');
    expect(wrong.status).toBe(401);
    expect(wrong.body.token).toBeUndefined();
    expect(wrong.body.error).toBe('登录名或密码不对');
    expect((await signIn(port, 'nobody', 'whatever-password')).status).toBe(401);
    const right = await signIn(port, 'zhang');
    expect(right.status).toBe(200);
    expect(right.body.person).toEqual({ login: 'zhang', name: '张编辑', role: 'editor' });
    const audit = await rows("SELECT login, action FROM audit WHERE action LIKE 'sign-in%' ORDER BY id");
    expect(audit).toEqual([
      { login: 'zhang', action: 'sign-in-failed' },
      { login: 'nobody', action: 'sign-in-failed' },
      { login: 'zhang', action: 'sign-in' },
    ]);
    // Tokens are stored only as a hash.
    const stored = await rows('SELECT token_hash FROM sessions');
    expect(stored.some((r) => (r.token_hash as Buffer).toString('utf8').includes(right.body.token!))).toBe(
      false,
    );
  });

  it('requires the token on every route, and a token stops working after logout', async () => {
    const token = await tokenFor(port, 'li');
    const get = (path: string, t?: string) =>
      fetch(`http://127.0.0.1:${port}${path}`, { headers: t ? { Authorization: `Bearer ${t}` } : {} });
    for (const path of ['/api/me', '/api/editions', `/api/photos/${'0'.repeat(64)}`]) {
      expect((await get(path)).status).toBe(401);
      expect((await get(path, 'not-a-token')).status).toBe(401);
    }
    const me = await get('/api/me', token);
    expect(await me.json()).toEqual({ person: { login: 'li', name: '李记者', role: 'reporter' } });
    expect((await get('/api/editions', token)).status).toBe(200);
    const out = await fetch(`http://127.0.0.1:${port}/api/logout`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(out.status).toBe(200);
    expect((await get('/api/me', token)).status).toBe(401);
  });

  it('refuses the WebSocket without a valid token, and serves nothing else on it', async () => {
    const c = open('forged-token', copyDocName('e1', 'a0'));
    await waitFor('authentication to fail', () => c.authFailed);
    expect(c.provider.isSynced).toBe(false);
    const bad = await fetch(`http://127.0.0.1:${port}/nothing`);
    expect(bad.status).toBe(404);
  });

  it('limits the connections one account holds at once', async () => {
    const second = await startServer(pg.url, { socketsPerAccount: 2 });
    try {
      const token = await tokenFor(second.port, 'wang');
      const held = [0, 1].map(() => connect(second.port, token, copyDocName('e9', 'a1')));
      clients.push(...held);
      await Promise.all(held.map(synced));
      const third = connect(second.port, token, copyDocName('e9', 'a1'));
      clients.push(third);
      await waitFor('the third connection to be refused', () => third.authFailed);
      closeClient(held[0]);
      const fourth = connect(second.port, token, copyDocName('e9', 'a1'));
      clients.push(fourth);
      await synced(fourth);
    } finally {
      for (const c of clients.splice(-4)) closeClient(c);
      await second.server.stop();
    }
  });

  it('stores photos by their SHA-256, checks the hash and the size', async () => {
    const token = await tokenFor(port, 'li');
    const bytes = Buffer.from('照片的字节 photo bytes');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const put = (path: string, body: Buffer) =>
      fetch(`http://127.0.0.1:${port}/api/photos/${path}`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${token}` },
        body: new Uint8Array(body),
      });
    expect((await put('a'.repeat(64), bytes)).status).toBe(400);
    expect((await put(sha, bytes)).status).toBe(201);
    expect((await put(sha, bytes)).status).toBe(200);
    const big = Buffer.alloc(2048, 1);
    expect((await put(createHash('sha256').update(big).digest('hex'), big)).status).toBe(413);
    const got = await fetch(`http://127.0.0.1:${port}/api/photos/${sha}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
  });
});

describe('editing together', () => {
  it('three clients typing Chinese into one text at once converge, nothing lost or doubled', async () => {
    const name = copyDocName('e1', 'a1');
    const people = ['zhang', 'li', 'wang'];
    const cs = await Promise.all(people.map(async (p) => open(await tokenFor(port, p), name)));
    await Promise.all(cs.map(synced));
    const marks = ['甲', '乙', '丙'];
    for (let round = 0; round < 40; round++) {
      cs.forEach((c, i) => {
        // Between two insertions (never inside one), somewhere along the text.
        const text = c.text.toString();
        const ends = [0, ...[...text.matchAll(/】/g)].map((m) => m.index + 1)];
        const at = ends[(round * 7 + i * 13) % ends.length];
        c.text.insert(at, `【${marks[i]}${round}号】`);
      });
      if (round % 5 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all(cs.map(synced));
    await waitFor('the three texts to agree', () =>
      cs.every((c) => c.text.toString() === cs[0].text.toString()),
    );
    const text = cs[0].text.toString();
    for (const m of marks)
      for (let round = 0; round < 40; round++) expect(text.split(`【${m}${round}号】`).length - 1).toBe(1);
    let expected = 0;
    for (const m of marks) for (let round = 0; round < 40; round++) expected += `【${m}${round}号】`.length;
    expect(text.length).toBe(expected);
    const stored = await rows('SELECT count(*)::int AS n FROM updates WHERE doc = $1', [name]);
    expect(stored[0].n).toBeGreaterThan(0);
  });

  it('a client that went offline and edited merges when it is back', async () => {
    const name = copyDocName('e1', 'a2');
    const a = open(await tokenFor(port, 'zhang'), name);
    const b = open(await tokenFor(port, 'li'), name);
    await Promise.all([synced(a), synced(b)]);
    a.text.insert(0, '本报讯');
    await waitFor('b to see a', () => b.text.toString() === '本报讯');
    a.socket.disconnect();
    a.text.insert(0, '【要闻】');
    b.text.insert(b.text.length, '昨日召开会议。');
    await synced(b);
    expect(b.text.toString()).toBe('本报讯昨日召开会议。');
    await a.socket.connect();
    await synced(a);
    await waitFor('both to agree', () => a.text.toString() === b.text.toString());
    expect(a.text.toString()).toBe('【要闻】本报讯昨日召开会议。');
  });
});

describe('refusing changes', () => {
  it("undoes a proofreader's edit of copy for everyone, the sender told why", async () => {
    const name = copyDocName('e1', 'a3');
    const editor = open(await tokenFor(port, 'zhang'), name);
    const proof = open(await tokenFor(port, 'zhao'), name);
    await Promise.all([synced(editor), synced(proof)]);
    editor.text.insert(0, '原稿正文。');
    await waitFor('the proofreader to see the copy', () => proof.text.toString() === '原稿正文。');
    proof.text.insert(2, '被改');
    proof.text.delete(0, 1);
    await waitFor('the refusal', () => proof.refused.length >= 1);
    expect(proof.refused[0]).toEqual({
      type: 'refused',
      doc: name,
      code: 'forbidden',
      message: '校对不能修改稿件正文',
    });
    await waitFor('the sender to be back', () => proof.text.toString() === '原稿正文。');
    await synced(proof);
    editor.text.insert(editor.text.length, '补充。');
    await waitFor('both to agree', () => proof.text.toString() === '原稿正文。补充。');
    expect(editor.text.toString()).toBe('原稿正文。补充。');
    expect(editor.refused).toEqual([]);
    const audit = await rows("SELECT login, doc, detail FROM audit WHERE action = 'refused' AND doc = $1", [
      name,
    ]);
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect(audit[0]).toMatchObject({ login: 'zhao', detail: { code: 'forbidden' } });
  });

  it("refuses a layout change by an editor and keeps the layout editor's", async () => {
    const name = layoutDocName('e1');
    const layout = open(await tokenFor(port, 'wang'), name);
    const editor = open(await tokenFor(port, 'zhang'), name);
    await Promise.all([synced(layout), synced(editor)]);
    layout.doc.getMap('pages').set('A1', '要闻');
    await waitFor('the editor to see the page', () => editor.doc.getMap('pages').get('A1') === '要闻');
    editor.doc.getMap('pages').set('A1', '广告');
    await waitFor('the refusal', () => editor.refused.length === 1);
    await waitFor('the page back', () => editor.doc.getMap('pages').get('A1') === '要闻');
    expect(layout.doc.getMap('pages').get('A1')).toBe('要闻');
  });

  it('refuses a malformed update, closes that connection and leaves the document as it was', async () => {
    const name = copyDocName('e1', 'a4');
    const a = open(await tokenFor(port, 'zhang'), name);
    const bad = open(await tokenFor(port, 'li'), name);
    await Promise.all([synced(a), synced(bad)]);
    a.text.insert(0, '完好的稿子');
    await waitFor('bad to see it', () => bad.text.toString() === '完好的稿子');
    const e = encoding.createEncoder();
    encoding.writeVarString(e, name);
    encoding.writeVarUint(e, 0); // sync
    encoding.writeVarUint(e, 2); // update
    encoding.writeVarUint8Array(e, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    bad.socket.send(encoding.toUint8Array(e));
    await waitFor('the refusal', () => bad.refused.some((r) => r.code === 'invalid'));
    a.text.insert(a.text.length, '。');
    await waitFor('bad to reconnect and see the edit', () => bad.text.toString() === '完好的稿子。');
    const fresh = open(await tokenFor(port, 'wang'), name);
    await synced(fresh);
    expect(fresh.text.toString()).toBe('完好的稿子。');
    const audit = await rows("SELECT detail FROM audit WHERE action = 'refused' AND doc = $1", [name]);
    expect(audit.map((r) => r.detail.code)).toContain('invalid');
  });

  it('refuses an oversized update and a flood of messages, the document unharmed', async () => {
    const name = copyDocName('e1', 'a5');
    const a = open(await tokenFor(port, 'zhang'), name);
    const big = open(await tokenFor(port, 'li'), name);
    await Promise.all([synced(a), synced(big)]);
    a.text.insert(0, '短稿');
    await waitFor('big to see it', () => big.text.toString() === '短稿');
    big.text.insert(2, '长'.repeat(40_000)); // 120 KB, over the 64 KB limit
    await waitFor('the size refusal', () => big.refused.some((r) => r.code === 'too-large'));
    const fresh = open(await tokenFor(port, 'wang'), name);
    await synced(fresh);
    expect(fresh.text.toString()).toBe('短稿');
    closeClient(big);

    const flood = open(await tokenFor(port, 'zhang'), name);
    await synced(flood);
    for (let i = 0; i < 2000; i++) flood.provider.sendStateless('{}');
    await waitFor('the rate refusal', () => flood.refused.some((r) => r.code === 'rate'));
    expect(fresh.text.toString()).toBe('短稿');
    const audit = await rows("SELECT detail FROM audit WHERE action = 'refused' AND doc = $1", [name]);
    expect(audit.map((r) => r.detail.code)).toEqual(expect.arrayContaining(['too-large', 'rate']));
  });
});

describe('a document kept in PostgreSQL', () => {
  it('keeps every update as history, and loads from a snapshot and the updates after it', async () => {
    const name = copyDocName('e2', 'a1');
    const a = open(await tokenFor(port, 'zhang'), name);
    await synced(a);
    for (const ch of '新闻稿逐字输入') a.text.insert(a.text.length, ch);
    await synced(a);
    const history = await rows('SELECT login FROM updates WHERE doc = $1', [name]);
    expect(history.length).toBeGreaterThanOrEqual(7);
    expect(new Set(history.map((r) => r.login))).toEqual(new Set(['zhang']));
    const replay = new Y.Doc();
    for (const r of await rows('SELECT update FROM updates WHERE doc = $1 ORDER BY id', [name]))
      Y.applyUpdate(replay, r.update as Buffer);
    expect(replay.getText('body').toString()).toBe('新闻稿逐字输入');

    // Closed, the document is unloaded with a snapshot covering every update; opened again it is
    // that snapshot plus the updates after it.
    closeClient(a);
    const [{ id: lastId }] = await rows('SELECT max(id)::text AS id FROM updates WHERE doc = $1', [name]);
    let covers = '';
    const until = Date.now() + 10_000;
    while (covers !== lastId && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      covers = (await rows('SELECT covers::text AS c FROM documents WHERE name = $1', [name]))[0]?.c ?? '';
    }
    expect(covers).toBe(lastId);
    const b = open(await tokenFor(port, 'li'), name);
    await synced(b);
    b.text.insert(0, '【头】');
    await synced(b);
    closeClient(b);
    const c = open(await tokenFor(port, 'wang'), name);
    await synced(c);
    expect(c.text.toString()).toBe('【头】新闻稿逐字输入');
  });
});
