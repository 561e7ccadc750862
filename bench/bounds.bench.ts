// Bounded work on pathological input: the markup tokenizer on 40,000 empty <style> elements, proof
// import of a ~60 MB proof, layout of a page with a 5 MB paragraph of Latin letters. Time and peak
// memory of the last two are measured in a fresh child process each run (peak RSS of that process).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tokenize } from '../engine/model/markup';
import { layoutEdition } from '../engine/layout';
import { loadFontSet } from '../electron/services/fonts';
import { importProof } from '../electron/services/proof';
import { loadSampleEdition } from '../electron/services/sample';
import { loadTemplates } from '../electron/services/templates';
import { bigProof } from './big-inputs';
import type { Bench } from './harness';

const ctx = () => ({ fonts: loadFontSet(), templates: loadTemplates() });

/** Run in the child (`node dist/bench.cjs --child KIND DIR`): does the work once, prints time and peak RSS. */
export async function boundsChild(kind: string, dir: string): Promise<void> {
  const t0 = performance.now();
  if (kind === 'proof') {
    const edition = JSON.parse(readFileSync(join(dir, 'edition.json'), 'utf8'));
    const before = process.resourceUsage().maxRSS;
    const t1 = performance.now();
    const r = await importProof(edition, readFileSync(join(dir, 'proof.pdf')), ctx());
    if (r.pages[0]?.status !== 'ok') throw new Error('the big proof was not recognised');
    process.stdout.write(
      JSON.stringify({
        ms: performance.now() - t1,
        rssMB: process.resourceUsage().maxRSS / 1024,
        baseMB: before / 1024,
      }),
    );
    return;
  }
  const e = loadSampleEdition();
  const text = 'lorem ipsum dolor sit amet consectetur '
    .repeat(Math.ceil(5_242_880 / 39))
    .slice(0, 5_242_880);
  e.articles[0].blocks.push({ type: 'paragraph', children: [{ text }] });
  const list = layoutEdition(e, ctx());
  if (!list.pages[0].fits.some((f) => f.oversetChars > 4_000_000))
    throw new Error('the 5 MB paragraph was not laid out');
  process.stdout.write(
    JSON.stringify({ ms: performance.now() - t0, rssMB: process.resourceUsage().maxRSS / 1024 }),
  );
}

function childRuns(kind: string, dir: string, runs: number): { ms: number; rssMB: number }[] {
  return Array.from({ length: runs }, () => {
    const r = spawnSync(process.execPath, [process.argv[1], '--child', kind, dir], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout);
  });
}

let proofDir: string | null = null;
async function proofFiles(): Promise<string> {
  if (proofDir) return proofDir;
  const dir = mkdtempSync(join(tmpdir(), 'banmian-bench-proof-'));
  const { edition, pdf } = await bigProof(60);
  writeFileSync(join(dir, 'proof.pdf'), pdf);
  writeFileSync(join(dir, 'edition.json'), JSON.stringify(edition));
  return (proofDir = dir);
}

const cached = new Map<string, { ms: number; rssMB: number }[]>();
async function results(kind: string): Promise<{ ms: number; rssMB: number }[]> {
  if (!cached.has(kind)) cached.set(kind, childRuns(kind, kind === 'proof' ? await proofFiles() : '', 3));
  return cached.get(kind)!;
}
const each = (kind: string, key: 'ms' | 'rssMB') => {
  let i = 0;
  return async () => (await results(kind))[i++ % 3][key];
};

export const boundsBenches: Bench[] = [
  {
    name: 'tokenizer: 40,000 empty <style> elements (600 KB)',
    target: '≤ 200 ms',
    runs: 15,
    setup() {
      const src = '<p>前文</p>' + '<style></style>'.repeat(40_000);
      return () => tokenize(src, { lowerCase: true });
    },
  },
  {
    name: 'proof import: 60 MB proof (one page, a 60 MB photo), child process',
    unit: 's',
    measure: 'value',
    runs: 3,
    target: '—',
    setup: () => {
      const f = each('proof', 'ms');
      return async () => (await f()) / 1000;
    },
  },
  {
    name: 'proof import: 60 MB proof, peak RSS of the process',
    unit: 'MB',
    measure: 'value',
    runs: 3,
    target: '≤ 600 MB (10× the file)',
    setup: () => each('proof', 'rssMB'),
  },
  {
    name: 'layout: page with a 5 MB paragraph of Latin words, child process',
    unit: 's',
    measure: 'value',
    runs: 3,
    target: '—',
    setup: () => {
      const f = each('paragraph', 'ms');
      return async () => (await f()) / 1000;
    },
  },
  {
    name: 'layout: 5 MB paragraph, peak RSS of the process',
    unit: 'MB',
    measure: 'value',
    runs: 3,
    target: '≤ 1.5 GB',
    setup: () => each('paragraph', 'rssMB'),
  },
];
