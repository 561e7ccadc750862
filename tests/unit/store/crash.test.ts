// Crash safety (issue 6): an editor process is killed with SIGKILL at random moments, 200 times; after
// each kill the edition opens, passes PRAGMA integrity_check, and holds every edit acknowledged before it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { build } from 'esbuild';
import Database from 'better-sqlite3';
import { EditionStore } from '../../../electron/services/store';
import { makeEdition } from '../../support/generated-edition';

const KILLS = 200;
const SEED = Number(process.env.BANMIAN_CRASH_SEED ?? 20230217);

let dir: string;
let child: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'banmian-crash-'));
  const out = join(__dirname, '..', '..', '.output');
  mkdirSync(out, { recursive: true });
  child = join(out, 'crash-child.cjs');
  await build({
    entryPoints: [join(__dirname, 'crash-child.ts')],
    outfile: child,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    packages: 'external',
    logLevel: 'warning',
  });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Ack {
  seq: number;
  kind: string;
  target: string;
  value: string;
}

/** Edit values are "r<run>e<index>"; a later run or a later index is a later edit. */
function order(value: string): [number, number] {
  const m = /r(\d+)e(\d+)/.exec(value);
  if (!m) throw new Error(`not an edit value: ${value}`);
  return [Number(m[1]), Number(m[2])];
}
const notBefore = (have: string, acked: string) => {
  const [hr, hi] = order(have);
  const [ar, ai] = order(acked);
  return hr > ar || (hr === ar && hi >= ai);
};

/**
 * Runs the editor and kills it: either once it has acknowledged `afterAcks` edits (then after `delayMs`,
 * while it goes on editing), or `delayMs` after spawning, which may fall in start-up or WAL recovery.
 * Counting acks rather than milliseconds keeps the kills inside streams of edits however busy the machine.
 */
function runUntilKilled(
  path: string,
  run: number,
  afterAcks: number | null,
  delayMs: number,
): Promise<{ acks: Ack[]; ready: boolean }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, path, String(run), String(SEED + run)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    let scheduled = false;
    const kill = () => {
      scheduled = true;
      timer = setTimeout(() => p.kill('SIGKILL'), delayMs);
    };
    if (afterAcks === null) kill();
    p.stdout.setEncoding('utf8');
    p.stdout.on('data', (d: string) => {
      out += d;
      if (
        !scheduled &&
        afterAcks !== null &&
        out.includes('ready\n') &&
        (out.match(/^ack /gm)?.length ?? 0) >= afterAcks
      )
        kill();
    });
    p.stderr.on('data', (d) => {
      err += d;
    });
    p.on('error', reject);
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`editor exited by itself (code ${code}): ${err}`));
      // A line cut off by the kill was never completely acknowledged.
      const lines = out.split('\n').slice(0, -1);
      const acks = lines
        .filter((l) => l.startsWith('ack '))
        .map((l) => {
          const [, seq, kind, target, value] = l.split(' ');
          return { seq: Number(seq), kind, target, value };
        });
      resolve({ acks, ready: lines.includes('ready') });
    });
  });
}

describe('crash safety', () => {
  it(`keeps every acknowledged edit through ${KILLS} SIGKILLs`, async () => {
    const path = join(dir, 'crash.banmian');
    EditionStore.create(path, makeEdition({ pages: 2, articles: 5, photos: 1 })).close();
    let x = SEED;
    const rand = () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) / 4294967296;
    };

    const lastArticleEdit = new Map<string, string>();
    const comments = new Set<string>();
    const assets = new Set<string>();
    const revisions = new Set<number>();
    let maxSeq = 0;
    let totalAcks = 0;
    let killedBeforeReady = 0;

    for (let run = 1; run <= KILLS; run++) {
      // Most kills land while edits stream; some land during start-up, recovery or the first commit.
      const streaming = rand() < 0.8;
      const { acks, ready } = streaming
        ? await runUntilKilled(path, run, Math.floor(rand() * 12), rand() * 3)
        : await runUntilKilled(path, run, null, 20 + rand() * 60);
      if (!ready) killedBeforeReady++;
      totalAcks += acks.length;
      for (const a of acks) {
        maxSeq = Math.max(maxSeq, a.seq);
        if (a.kind === 'article') lastArticleEdit.set(a.target, a.value);
        if (a.kind === 'comment') comments.add(a.target);
        if (a.kind === 'asset') assets.add(a.target);
        if (a.kind === 'revision') revisions.add(Number(a.target));
      }

      const where = `after kill ${run} (seed ${SEED}, ${acks.length} acks)`;
      const raw = new Database(path);
      expect(raw.pragma('integrity_check', { simple: true }), where).toBe('ok');
      raw.close();

      const store = EditionStore.open(path);
      expect(store.editSeq, where).toBeGreaterThanOrEqual(maxSeq);
      for (const [article, value] of lastArticleEdit) {
        const text = store.getArticle(article).blocks[0].children[0].text;
        expect(
          notBefore(text.replace('标题 ', ''), value),
          `${where}: ${article} holds ${text}, acknowledged ${value}`,
        ).toBe(true);
      }
      const haveComments = new Set(store.comments('a1').map((c) => c.id));
      for (const c of comments) expect(haveComments.has(c), `${where}: comment ${c}`).toBe(true);
      for (const id of assets)
        expect(createHash('sha256').update(store.assetBytes(id)).digest('hex'), `${where}: asset ${id}`).toBe(
          id,
        );
      const haveRevs = new Set(store.revisions('a2').map((r) => r.id));
      for (const r of revisions) expect(haveRevs.has(r), `${where}: revision ${r}`).toBe(true);
      store.close();
    }
    // The test means something only if kills really interrupted streams of edits.
    expect(totalAcks).toBeGreaterThan(KILLS * 3);
    expect(killedBeforeReady).toBeLessThan(KILLS);
    // A guard against a hang, not a speed check: 200 editor processes take about a minute on a quiet
    // 2-core machine and over two when other suites run beside them.
  }, 400_000);
});
