// The newsroom server (issue 18): opening a 16-page edition from it, and 30 people typing into an
// 8-page edition for 60 s — keystroke-to-other-client latency and server memory per client — on one
// instance and on two joined by Redis. Real server processes (the edition's rules) on a private
// PostgreSQL (and Redis), clients in this process; each configuration runs once and its figures fill
// its rows (a run that loses or doubles any character, or is refused, fails the benchmark).
import type { Bench } from './harness';
import type { Role } from '../newsroom/shared/protocol';
import { eightPageBroadsheet } from '../tests/support/broadsheet-edition';
import {
  docNames,
  publishThroughSync,
  sessionFor,
  startLoadServers,
  type LoadServers,
} from '../tests/support/newsroom-load';
import { typeTogether, type TypingResult } from '../tests/support/newsroom-typing';
import { waitFor } from '../tests/support/newsroom';

const CLIENTS = 30;
const SECONDS = 60;
const WRITERS = Array.from({ length: CLIENTS }, (_, i) => `w${String(i + 1).padStart(2, '0')}`);
const PEOPLE: [string, string, Role][] = [
  ['chief', '值班总编', 'chief'],
  ['reader', '读者', 'proofreader'],
  ...WRITERS.map((l, i): [string, string, Role] => [l, `记者${i + 1}`, 'reporter']),
];

async function withServers<T>(instances: number, run: (s: LoadServers) => Promise<T>): Promise<T> {
  const servers = await startLoadServers(instances, PEOPLE);
  try {
    return await run(servers);
  } finally {
    await servers.stop();
  }
}

/** Opens every document of a published 16-page edition in a new session, `runs` times (after 2 warm). */
async function openTimes(instances: number, runs: number): Promise<number[]> {
  return withServers(instances, async (servers) => {
    const edition = eightPageBroadsheet(16);
    await publishThroughSync(servers.ports[0], 'chief', edition);
    const names = docNames(edition);
    const times: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      // From the last instance: with two, not the one the edition was published to.
      const s = await sessionFor(servers.ports.at(-1)!, 'reader');
      const t0 = performance.now();
      for (const name of names) s.open(name);
      await waitFor('the edition to open', () => s.synced(), 60_000);
      if (i >= 2) times.push(performance.now() - t0);
      if (s.refused.length) throw new Error(`refused: ${JSON.stringify(s.refused[0])}`);
      s.close();
      await new Promise((r) => setTimeout(r, 200));
    }
    return times;
  });
}

async function typing(instances: number): Promise<TypingResult> {
  return withServers(instances, async (servers) => {
    const edition = eightPageBroadsheet();
    await publishThroughSync(servers.ports[0], 'chief', edition);
    const r = await typeTogether({ servers, edition, logins: WRITERS, seconds: SECONDS });
    if (r.problems.length || r.refused.length)
      throw new Error(
        `lost, doubled or refused:\n${[...r.problems, ...r.refused.map((x) => x.message)].join('\n')}`,
      );
    console.log(
      `newsroom load, ${instances} instance(s): ${r.clients} clients, ${r.typed} characters in ${r.seconds} s, ` +
        `${r.latencies.length} latencies, max ${r.latencies.at(-1)?.toFixed(1)} ms, ${r.disconnects} disconnects`,
    );
    return r;
  });
}

/** One benchmark row per figure of a run done once, when the first of its rows is reached. */
function rowsOf<T>(
  run: () => Promise<T>,
  rows: { name: string; target?: string; unit?: Bench['unit']; value: (r: T) => number }[],
): Bench[] {
  let once: Promise<T> | undefined;
  return rows.map((row) => ({
    name: row.name,
    target: row.target,
    unit: row.unit ?? 'ms',
    measure: 'value' as const,
    runs: 1,
    async setup() {
      const r = await (once ??= run());
      return () => row.value(r);
    },
  }));
}

function openRow(instances: number, label: string): Bench {
  const runs = 10;
  return {
    name: `newsroom: open a 16-page edition from the server (65 documents)${label}`,
    target: '≤ 500 ms',
    measure: 'value',
    runs,
    async setup() {
      const times = await openTimes(instances, runs);
      let i = 0;
      return () => times[i++];
    },
  };
}

function loadRows(instances: number, label: string): Bench[] {
  const what = `${CLIENTS} clients typing ${SECONDS} s into an 8-page edition${label}`;
  return rowsOf(
    () => typing(instances),
    [
      { name: `newsroom: sync latency p50, ${what}`, value: (r) => r.p50 },
      { name: `newsroom: sync latency p95, ${what}`, target: '≤ 100 ms', value: (r) => r.p95 },
      {
        name: `newsroom: server memory per client, ${what}`,
        unit: 'KB',
        value: (r) => r.memoryPerClient / 1024,
      },
    ],
  );
}

export const newsroomBenches: Bench[] = [
  openRow(1, ''),
  openRow(2, ', two instances (Redis)'),
  ...loadRows(1, ''),
  ...loadRows(2, ', two instances (Redis)'),
];
