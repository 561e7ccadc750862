// The newsroom server trusts nothing a client sends: a signed-out token stops working on an open
// connection, presence (awareness) cannot name someone else, take over another client's presence or
// grow without bound, and one connection cannot hold documents without bound.
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { copyDocName } from '../../../newsroom/shared/protocol';
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
const open = (token: string, name: string, at = port) => {
  const c = connect(at, token, name);
  clients.push(c);
  return c;
};

/** A raw awareness message (Hocuspocus type 1) setting `state` for Yjs client `clientID`. */
function awarenessMessage(doc: string, clientID: number, clock: number, state: unknown): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientID);
  encoding.writeVarUint(update, clock);
  encoding.writeVarString(update, JSON.stringify(state));
  const e = encoding.createEncoder();
  encoding.writeVarString(e, doc);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, encoding.toUint8Array(update));
  return encoding.toUint8Array(e);
}

beforeAll(async () => {
  pg = await startPostgres();
  await addPeople(pg.url, [
    ['zhang', '张编辑', 'editor'],
    ['li', '李记者', 'reporter'],
    ['wang', '王版面', 'layout'],
    ['zhao', '赵校对', 'proofreader'],
    ['sun', '孙编辑', 'editor'],
  ]);
  ({ server, port } = await startServer(pg.url, { sessionCheckMs: 0, documentsPerSocket: 3 }));
});

afterAll(async () => {
  for (const c of clients) closeClient(c);
  await server?.stop();
  await pg?.stop();
});

describe('a signed-out token', () => {
  it('stops writing on a connection opened before the sign-out', async () => {
    const name = copyDocName('t1', 'a1');
    const token = await tokenFor(port, 'li');
    const writer = open(token, name);
    const reader = open(await tokenFor(port, 'zhang'), name);
    await Promise.all([synced(writer), synced(reader)]);
    writer.text.insert(0, '签出前');
    await waitFor('the reader to see it', () => reader.text.toString() === '签出前');
    const out = await fetch(`http://127.0.0.1:${port}/api/logout`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(out.status).toBe(200);
    writer.text.insert(writer.text.length, '签出后');
    await waitFor('the refusal', () => writer.refused.some((r) => r.code === 'forbidden'));
    await waitFor('the reconnect to be refused', () => writer.authFailed);
    reader.text.insert(reader.text.length, '。');
    await synced(reader);
    const fresh = open(await tokenFor(port, 'wang'), name);
    await synced(fresh);
    expect(fresh.text.toString()).toBe('签出前。');
  });
});

describe('a signed-out token, on a connection that only listens', () => {
  it('is disconnected and sees no further edits', async () => {
    const name = copyDocName('t1', 'a5');
    const token = await tokenFor(port, 'li');
    const listener = open(token, name);
    const writer = open(await tokenFor(port, 'zhang'), name);
    await Promise.all([synced(listener), synced(writer)]);
    writer.text.insert(0, '签出前');
    await waitFor('the listener to see it', () => listener.text.toString() === '签出前');
    // Sends nothing from now on (no presence to renew).
    listener.provider.awareness!.setLocalState(null);
    await new Promise((r) => setTimeout(r, 100));
    await fetch(`http://127.0.0.1:${port}/api/logout`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    await waitFor('the listener to be refused', () => listener.authFailed);
    writer.text.insert(writer.text.length, '签出后');
    await synced(writer);
    const fresh = open(await tokenFor(port, 'wang'), name);
    await synced(fresh);
    expect(fresh.text.toString()).toBe('签出前签出后');
    expect(listener.text.toString()).toBe('签出前');
  });
});

describe('an update waiting for content the server has not got', () => {
  it("is refused from a proofreader: it cannot slip in with someone else's later edit", async () => {
    const name = copyDocName('t3', 'a1');
    const editor = open(await tokenFor(port, 'zhang'), name);
    const proof = open(await tokenFor(port, 'zhao'), name);
    await Promise.all([synced(editor), synced(proof)]);
    editor.text.insert(0, '原稿');
    await synced(editor);
    await waitFor('the proofreader to see it', () => proof.text.toString() === '原稿');
    // The editor's next keystroke, guessed: same client id, next clock.
    const guess = new Y.Doc();
    guess.clientID = editor.doc.clientID;
    Y.applyUpdate(guess, Y.encodeStateAsUpdate(editor.doc));
    guess.getText('body').insert(2, '。');
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(guess));
    forged.getText('body').insert(3, '恶意');
    const e = encoding.createEncoder();
    encoding.writeVarString(e, name);
    encoding.writeVarUint(e, 0); // sync
    encoding.writeVarUint(e, 2); // update
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(forged, Y.encodeStateVector(guess)));
    proof.socket.send(encoding.toUint8Array(e));
    await waitFor('the refusal', () => proof.refused.length > 0);
    expect(proof.refused[0].code).toBe('invalid');
    editor.text.insert(2, '。');
    await synced(editor);
    const fresh = open(await tokenFor(port, 'wang'), name);
    await synced(fresh);
    expect(fresh.text.toString()).toBe('原稿。');
    expect(editor.text.toString()).toBe('原稿。');
  });
});

describe('presence', () => {
  it('shows the signed-in person, whatever name and role the client claims', async () => {
    const name = copyDocName('t1', 'a2');
    const liar = open(await tokenFor(port, 'li'), name);
    const watcher = open(await tokenFor(port, 'zhang'), name);
    await Promise.all([synced(liar), synced(watcher)]);
    liar.provider.awareness!.setLocalState({
      user: { login: 'chief', name: '值班总编', role: 'chief', color: '#c00' },
      page: 1,
    });
    const id = liar.doc.clientID;
    await waitFor('the watcher to see the presence', () => watcher.provider.awareness!.getStates().has(id));
    const seen = watcher.provider.awareness!.getStates().get(id) as { user: unknown; page: number };
    expect(seen.user).toEqual({ login: 'li', name: '李记者', role: 'reporter', color: '#c00' });
    expect(seen.page).toBe(1);
  });

  it("drops presence written for another client's id, and refuses presence too big", async () => {
    const name = copyDocName('t1', 'a3');
    const victim = open(await tokenFor(port, 'zhang'), name);
    const liar = open(await tokenFor(port, 'li'), name);
    const watcher = open(await tokenFor(port, 'wang'), name);
    await Promise.all([synced(victim), synced(liar), synced(watcher)]);
    victim.provider.awareness!.setLocalState({ page: 2 });
    const id = victim.doc.clientID;
    await waitFor('the watcher to see the victim', () => watcher.provider.awareness!.getStates().has(id));
    let spoofed = false;
    watcher.provider.awareness!.on('change', () => {
      if (watcher.provider.awareness!.getStates().get(id)?.page === 99) spoofed = true;
    });
    liar.socket.send(awarenessMessage(name, id, 1000, { page: 99 }));
    // The liar's messages are handled in order: once its own presence is seen, the forged one was handled.
    liar.provider.awareness!.setLocalState({ page: 7 });
    await waitFor(
      'the liar’s own presence',
      () => watcher.provider.awareness!.getStates().get(liar.doc.clientID)?.page === 7,
    );
    expect(spoofed).toBe(false);
    expect(watcher.provider.awareness!.getStates().get(id)?.page).toBe(2);
    const big = open(await tokenFor(port, 'li'), name);
    await synced(big);
    big.socket.send(awarenessMessage(name, 424242, 1, { page: 3, junk: '长'.repeat(10_000) }));
    await waitFor('the size refusal', () => big.refused.some((r) => r.code === 'too-large'));
    expect(spoofed).toBe(false);
    victim.provider.awareness!.setLocalStateField('page', 4);
    await waitFor(
      'the victim’s own change',
      () => watcher.provider.awareness!.getStates().get(id)?.page === 4,
    );
    expect(watcher.provider.awareness!.getStates().has(424242)).toBe(false);
  });
});

describe('documents on one connection', () => {
  it('are limited', async () => {
    const token = await tokenFor(port, 'zhang');
    const first = open(token, copyDocName('t2', 'a1'));
    await synced(first);
    // More documents on the same socket: one connection, several documents.
    const opened = [2, 3, 4].map((i) => {
      let failed = false;
      let ok = false;
      const provider = new HocuspocusProvider({
        websocketProvider: first.socket,
        name: copyDocName('t2', `a${i}`),
        token,
        onAuthenticationFailed: () => (failed = true),
        onSynced: () => (ok = true),
      });
      provider.attach();
      return { provider, failed: () => failed, ok: () => ok };
    });
    await waitFor('two more to open', () => opened[0].ok() && opened[1].ok());
    await waitFor('the fourth to be refused', () => opened[2].failed());
    expect(opened[2].ok()).toBe(false);
    for (const o of opened) o.provider.destroy();
  });
});

describe('guessing passwords', () => {
  it('is stopped for that login after repeated wrong passwords, the right one included', async () => {
    for (let i = 0; i < 10; i++) expect((await signIn(port, 'sun', `wrong-${i}`)).status).toBe(401);
    const locked = await signIn(port, 'sun');
    expect(locked.status).toBe(429);
    expect(locked.body.token).toBeUndefined();
    expect(locked.body.error).toMatch(/稍后再试/);
    // Other logins are not affected.
    expect((await signIn(port, 'wang')).status).toBe(200);
  });
});

describe('bytes a connection sends', () => {
  it('are limited per second, not only messages', async () => {
    const second = await startServer(pg.url, { messageBytes: 16 * 1024, bytesPerSecond: 1024 });
    try {
      const name = copyDocName('t4', 'a1');
      const c = open(await tokenFor(second.port, 'zhang'), name, second.port);
      await synced(c);
      // Each under the message limit; together far over the bytes a second.
      for (let i = 0; i < 12; i++) c.text.insert(c.text.length, '长'.repeat(3000));
      await waitFor('the rate refusal', () => c.refused.some((r) => r.code === 'rate'));
    } finally {
      closeClient(clients.pop()!);
      await second.server.stop();
    }
  });
});
