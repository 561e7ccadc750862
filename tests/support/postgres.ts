// A private PostgreSQL cluster for one test file: initdb into a temporary folder, listening on
// 127.0.0.1 only on a free port with its socket in that folder. As root the binaries run as the
// `postgres` user. No PostgreSQL installed fails the test with what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPostgres {
  url: string;
  port: number;
  /** Stops (fast) and starts the server again on the same port and data. */
  restart(): Promise<void>;
  /** SIGKILLs the postmaster (and so every backend). */
  kill(): void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length)
    throw new Error(
      "PostgreSQL is not installed: the newsroom tests need a real server. Install Debian's `postgresql` " +
        'package (apt-get install postgresql; bash .ci/run does it).',
    );
  return join(root, versions[0], 'bin');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBin();
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'banmian-pg-'));
  const data = join(dir, 'data');
  const uid = root ? Number(execFileSync('id', ['-u', 'postgres']).toString()) : 0;
  const gid = root ? Number(execFileSync('id', ['-g', 'postgres']).toString()) : 0;
  if (root) chownSync(dir, uid, gid);
  const run = (tool: string, args: string[]) => {
    const [cmd, all] = root
      ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
      : [join(bin, tool), args];
    const r = spawnSync(cmd, all, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${tool} failed (${r.status}): ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  run('initdb', ['-D', data, '-U', 'banmian', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
  const port = await freePort();
  writeFileSync(
    join(data, 'postgresql.auto.conf'),
    `listen_addresses = '127.0.0.1'\nport = ${port}\nunix_socket_directories = '${dir}'\n` +
      `fsync = on\nsynchronous_commit = on\nmax_connections = 50\nshared_buffers = 16MB\n`,
  );
  if (root) chownSync(join(data, 'postgresql.auto.conf'), uid, gid);
  const logFile = join(dir, 'log');
  const start = async () => {
    run('pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', 'start']);
  };
  const stop = async () => {
    if (existsSync(join(data, 'postmaster.pid'))) run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  };
  await start();
  run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'banmian', 'banmian']);
  return {
    url: `postgres://banmian@127.0.0.1:${port}/banmian`,
    port,
    start,
    restart: async () => {
      await stop();
      await start();
    },
    kill() {
      const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGKILL');
    },
    async stop() {
      await stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
