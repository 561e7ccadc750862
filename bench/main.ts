import { availableParallelism } from 'node:os';
// npm run bench: medians over several warm runs, written to stdout and to docs/BENCHMARKS.md.
// `npm run bench -- NAME…` runs the benchmarks whose names contain one of the words.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../electron/services/paths';
import type { Bench, BenchResult } from './harness';
import { runBench } from './harness';
import { composeBenches } from './compose.bench';
import { liveBenches } from './live.bench';
import { proofBenches } from './proof.bench';
import { layoutBenches } from './layout.bench';
import { pdfBenches } from './pdf.bench';
import { exportJobBenches } from './export-job.bench';
import { storeBenches } from './store.bench';
import { autosaveBenches } from './autosave.bench';
import { boundsBenches, boundsChild } from './bounds.bench';
import { startupBenches } from './startup.bench';
import { copyCheckBenches } from './copy-check.bench';
import { newsroomBenches } from './newsroom.bench';

const benches: Bench[] = [
  // Each area registers its benchmarks here.
  ...composeBenches,
  ...layoutBenches,
  ...pdfBenches,
  ...exportJobBenches,
  ...storeBenches,
  ...autosaveBenches,
  ...liveBenches,
  ...proofBenches,
  ...boundsBenches,
  ...startupBenches,
  ...copyCheckBenches,
  ...newsroomBenches,
];

async function main() {
  if (process.argv[2] === '--child') return boundsChild(process.argv[3], process.argv[4]);
  const only = process.argv.slice(2);
  const results: BenchResult[] = [];
  for (const b of benches) {
    if (only.length && !only.some((o) => b.name.includes(o))) continue;
    const r = await runBench(b);
    results.push(r);
    console.log(
      `${b.name.padEnd(48)} median ${r.median.toFixed(2)} ${r.unit}  (p90 ${r.p90.toFixed(2)}, n=${r.runs}, target ${b.target ?? '—'})`,
    );
  }
  record(results);
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/**
 * Writes the results into docs/BENCHMARKS.md's table (between its markers), each row replacing the row
 * of the same benchmark and dated; rows not run this time keep their figures and date, and the prose
 * around the table is left as it is.
 */
function record(results: BenchResult[]): void {
  const file = join(projectRoot(), 'docs', 'BENCHMARKS.md');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const [head, rest] = text.includes(START)
    ? [text.slice(0, text.indexOf(START)), text.slice(text.indexOf(START))]
    : [text.trimEnd() + '\n\n', `${START}\n${END}\n`];
  const table = rest.slice(START.length, rest.indexOf(END));
  const tail = rest.slice(rest.indexOf(END) + END.length);
  const rows = new Map<string, string>();
  for (const line of table.split('\n')) {
    const name = /^\| (.+?) \| /.exec(line)?.[1];
    if (name && name !== 'benchmark' && !line.startsWith('|---')) rows.set(name, line);
  }
  const day = new Date().toISOString().slice(0, 10);
  const machine = `${process.platform} ${process.arch}, Node ${process.version}, ${availableParallelism()} cores`;
  for (const r of results)
    rows.set(
      r.name,
      `| ${r.name} | ${r.median.toFixed(2)} ${r.unit} | ${r.p90.toFixed(2)} ${r.unit} | ${r.runs} | ${r.target ?? '—'} | ${day}, ${machine} |`,
    );
  const body = [
    '| benchmark | median | p90 | runs | target | recorded |',
    '|---|---|---|---|---|---|',
    ...rows.values(),
  ].join('\n');
  writeFileSync(file, `${head}${START}\n${body}\n${END}${tail}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
