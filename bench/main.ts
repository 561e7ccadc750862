// npm run bench: medians over several warm runs, written to stdout and to docs/BENCHMARKS.md.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../electron/services/paths';
import type { Bench, BenchResult } from './harness';
import { runBench } from './harness';
import { composeBenches } from './compose.bench';
import { liveBenches } from './live.bench';
import { proofBenches } from './proof.bench';
import { layoutBenches } from './layout.bench';
import { pdfBenches } from './pdf.bench';
import { storeBenches } from './store.bench';
import { autosaveBenches } from './autosave.bench';
import { boundsBenches, boundsChild } from './bounds.bench';
import { startupBenches } from './startup.bench';

const benches: Bench[] = [
  // Each area registers its benchmarks here.
  ...composeBenches,
  ...layoutBenches,
  ...pdfBenches,
  ...storeBenches,
  ...autosaveBenches,
  ...liveBenches,
  ...proofBenches,
  ...boundsBenches,
  ...startupBenches,
];

async function main() {
  if (process.argv[2] === '--child') return boundsChild(process.argv[3], process.argv[4]);
  const only = process.argv.slice(2);
  const results: BenchResult[] = [];
  for (const b of benches) {
    if (only.length && !only.some((o) => b.name.includes(o))) continue;
    const r = await runBench(b);
    results.push(r);
    console.log(`${b.name.padEnd(48)} median ${r.median.toFixed(2)} ${r.unit}  (p90 ${r.p90.toFixed(2)}, n=${r.runs}, target ${b.target ?? '—'})`);
  }
  if (!only.length) {
    const rows = results.map((r) => `| ${r.name} | ${r.median.toFixed(2)} ${r.unit} | ${r.p90.toFixed(2)} ${r.unit} | ${r.runs} | ${r.target ?? '—'} |`);
    const md = `# Benchmarks\n\nMeasured by \`npm run bench\` (medians of warm runs; no timed assertions in tests).\nMachine: ${process.platform} ${process.arch}, Node ${process.version}, ${require('node:os').cpus().length} cores. Recorded ${new Date().toISOString().slice(0, 10)}.\n\n| benchmark | median | p90 | runs | target |\n|---|---|---|---|---|\n${rows.join('\n')}\n`;
    writeFileSync(join(projectRoot(), 'docs', 'BENCHMARKS.md'), md);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
