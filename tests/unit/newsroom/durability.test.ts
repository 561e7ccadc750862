// The newsroom server's promise: an update a client saw acknowledged is in PostgreSQL. The server
// (the real one, a child process) is SIGKILLed mid-typing, and PostgreSQL restarted under load.
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDocName } from '../../../newsroom/shared/protocol';
import { startPostgres, type TestPostgres } from '../../support/postgres';
import {
  addPeople,
  buildChild,
  closeClient,
  connect,
  freePort,
  signIn,
  spawnServer,
  synced,
  tokenFor,
  waitFor,
  type ChildServer,
  type Client,
} from '../../support/newsroom';

let postgres: TestPostgres;
let bundle: string;
let port: number;
let child: ChildServer | undefined;
const clients: Client[] = [];
const open = (token: string, name: string) => {
  const c = connect(port, token, name);
  clients.push(c);
  return c;
};
const HAN = '中华人民共和国新闻出版总署报纸编辑排版校对签发印刷发行';

/** Types into `c` one character at a time, in bursts, until `stop()`. */
function typist(c: Client) {
  let running = true;
  let typed = 0;
  const done = (async () => {
    while (running) {
      for (let i = 0; i < 5 && running; i++) c.text.insert(c.text.length, HAN[typed++ % HAN.length]);
      await new Promise((r) => setTimeout(r, 15));
    }
  })();
  return {
    get typed() {
      return typed;
    },
    stop: async () => {
      running = false;
      await done;
    },
  };
}

async function killServer(): Promise<void> {
  const p = child!.process;
  const exited = new Promise((r) => p.once('exit', r));
  p.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  postgres = await startPostgres();
  await addPeople(postgres.url, [
    ['zhang', '张编辑', 'editor'],
    ['li', '李记者', 'reporter'],
  ]);
  bundle = await buildChild();
  port = await freePort();
  child = await spawnServer(bundle, postgres.url, port);
});

afterAll(async () => {
  for (const c of clients) closeClient(c);
  if (child?.process.exitCode === null) await killServer();
  await postgres?.stop();
});

describe('durability', () => {
  it('keeps every acknowledged edit when the server is SIGKILLed mid-typing', async () => {
    const name = copyDocName('d1', 'a1');
    const token = await tokenFor(port, 'zhang');
    const a = open(token, name);
    await synced(a);
    const t = typist(a);
    await waitFor('some acknowledged typing', () => a.acknowledged.length >= 60);
    // Hold the server's writes (a slow disk, a busy database) while the typing goes on, then kill it:
    // an update acknowledged before its write committed would be lost here.
    const db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    await db.query('BEGIN');
    await db.query('LOCK TABLE updates IN EXCLUSIVE MODE');
    const typedBefore = t.typed;
    await waitFor('typing while writes wait', () => t.typed >= typedBefore + 30);
    await killServer();
    const acknowledged = a.acknowledged;
    await t.stop();
    // The typist is gone for good: only what the server stored can come back. The killed server's
    // waiting writes go with it.
    closeClient(a);
    await db.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = current_database()',
    );
    await db.query('ROLLBACK');
    await db.end();
    expect(a.text.length).toBeGreaterThanOrEqual(acknowledged.length);

    child = await spawnServer(bundle, postgres.url, port);
    const b = open(token, name);
    await synced(b);
    expect(b.text.length).toBeGreaterThanOrEqual(acknowledged.length);
    expect(b.text.toString().startsWith(acknowledged)).toBe(true);
  });

  it('recovers from a PostgreSQL restart under load, losing nothing acknowledged', async () => {
    const name = copyDocName('d1', 'a2');
    const a = open(await tokenFor(port, 'zhang'), name);
    const b = open(await tokenFor(port, 'li'), name);
    await Promise.all([synced(a), synced(b)]);
    const ta = typist(a);
    const tb = typist(b);
    await waitFor('typing under way', () => a.text.length >= 60);
    await postgres.restart();
    const typedAtRestart = ta.typed + tb.typed;
    await waitFor('more typing after the restart', () => ta.typed + tb.typed >= typedAtRestart + 40);
    await Promise.all([ta.stop(), tb.stop()]);
    await Promise.all([synced(a), synced(b)]);
    await waitFor('both to agree', () => a.text.toString() === b.text.toString());
    expect(a.text.length).toBe(ta.typed + tb.typed);

    // Everything both saw acknowledged is in the database: a server started afresh serves it all.
    await killServer();
    closeClient(a);
    closeClient(b);
    child = await spawnServer(bundle, postgres.url, port);
    const c = open(await tokenFor(port, 'zhang'), name);
    await synced(c);
    expect(c.text.toString()).toBe(a.text.toString());
  });

  it('adds an account from the command line, the password from the environment', async () => {
    const cli = await buildChild('newsroom/server/main.ts', 'newsroom-cli-test.cjs');
    const env = {
      ...process.env,
      BANMIAN_NEWSROOM_DATABASE_URL: postgres.url,
      BANMIAN_NEWSROOM_SECRET: 's'.repeat(32),
      BANMIAN_NEWSROOM_PASSWORD: '值班密码-night-desk',
    };
    const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { env, encoding: 'utf8' });
    const bad = run('add-user', '--login', 'chen', '--name', '陈总', '--role', 'boss');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('角色无效：boss');
    const added = run('add-user', '--login', 'chen', '--name', '陈总', '--role', 'chief');
    expect(added.stderr).toBe('');
    expect(added.stdout).toContain('account {"login":"chen","name":"陈总","role":"chief"}');
    const signed = await fetch(`http://127.0.0.1:${port}/api/login`, {
      method: 'POST',
      body: JSON.stringify({ login: 'chen', password: '值班密码-night-desk' }),
    });
    expect(((await signed.json()) as { person: unknown }).person).toEqual({
      login: 'chen',
      name: '陈总',
      role: 'chief',
    });
    // The same bundle serves, with the edition's rules (newsroom/shared/rules.ts): the account signs in there.
    const servePort = await freePort();
    const served = await spawnServer(cli, postgres.url, servePort);
    try {
      expect((await signIn(servePort, 'chen', '值班密码-night-desk')).body.person?.role).toBe('chief');
    } finally {
      served.process.kill('SIGKILL');
    }
  });
});
