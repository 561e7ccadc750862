// Print export: the sample page to PDF/X-1a in-process (warm), the whole CLI process, the file's
// size, and an 8-page 对开 edition (layout and export) — the figures a night desk waits on.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { layoutEdition } from '../engine/layout';
import { loadFontSet, useFontSet } from '../electron/services/fonts';
import { applyFontOptions } from '../electron/services/fonts/roles';
import { projectRoot } from '../electron/services/paths';
import { exportPdf } from '../electron/services/pdf';
import { loadSampleEdition } from '../electron/services/sample';
import { loadTemplates } from '../electron/services/templates';
import jpeg from 'jpeg-js';
import { photoFacts, separateForPrint } from '../electron/services/photos/decode';
import { resourcePath } from '../electron/services/resources';
import type { Bench } from './harness';
import { eightPageBroadsheet } from '../tests/support/broadsheet-edition';

const TIME = new Date('2023-02-16T13:30:00Z');
const ctx = () => ({ fonts: loadFontSet(), templates: loadTemplates() });

/** A 2400 × 1600 RGB JPEG (a news photo at 300 ppi over 8 × 5.3 in) of smooth gradients and noise. */
function newsPhoto(): Buffer {
  const w = 2400,
    h = 1600,
    d = Buffer.alloc(w * h * 4);
  let seed = 7;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const n = (seed >> 16) % 24;
      const i = (y * w + x) * 4;
      d[i] = Math.min(255, (x / w) * 230 + n);
      d[i + 1] = Math.min(255, (y / h) * 200 + n);
      d[i + 2] = Math.min(255, 255 - (x / w) * 200 + n);
      d[i + 3] = 255;
    }
  return jpeg.encode({ width: w, height: h, data: d }, 85).data;
}

export const pdfBenches: Bench[] = [
  {
    name: 'pdf: 3.8-MP RGB photo separated for print (libvips: decode, lcms to the output profile, ink limit, CMYK JPEG)',
    target: '≤ 0.15 s',
    unit: 's',
    measure: 'value',
    runs: 5,
    async setup() {
      const bytes = newsPhoto();
      const profile = resourcePath('colour-profile');
      const facts = await photoFacts(bytes);
      return async () => {
        const t0 = performance.now();
        await separateForPrint(bytes, await photoFacts(bytes), {
          outputProfile: profile,
          inkLimit: 240,
          target: null,
          transparency: 'flatten',
          quality: 90,
          grayAsK: true,
        });
        return facts.width ? (performance.now() - t0) / 1000 : NaN;
      };
    },
  },
  {
    name: 'pdf: sample page to PDF/X-1a, in-process, warm',
    target: '≤ 60 ms',
    runs: 20,
    setup() {
      const ed = loadSampleEdition();
      const list = layoutEdition(ed, ctx());
      return () => exportPdf(list, ed, { preset: 'print-x1a', exportTime: TIME });
    },
  },
  {
    name: 'pdf: sample page to PDF/X-1a with a CFF body face (书宋 = Noto Serif CJK SC, .ttc), in-process, warm',
    target: '≤ 60 ms',
    runs: 20,
    setup() {
      const ed = loadSampleEdition();
      const before = loadFontSet();
      // The display list names the CFF face itself, so only layout needs the mapped font set.
      applyFontOptions(['书宋=noto-serif-cjk-sc-400-system']);
      const list = layoutEdition(ed, ctx());
      useFontSet(before);
      return () => exportPdf(list, ed, { preset: 'print-x1a', exportTime: TIME, force: true });
    },
  },
  {
    name: 'pdf: sample PDF/X-1a file size',
    target: '≤ 250 KB',
    unit: 'KB',
    measure: 'value',
    runs: 1,
    setup() {
      const ed = loadSampleEdition();
      const list = layoutEdition(ed, ctx());
      return async () => (await exportPdf(list, ed, { preset: 'print-x1a', exportTime: TIME })).length / 1024;
    },
  },
  {
    name: 'pdf: 8-page 对开 edition, layout + PDF/X-1a',
    target: '≤ 1 s',
    unit: 's',
    measure: 'value',
    runs: 5,
    setup() {
      const ed = eightPageBroadsheet();
      return async () => {
        const t0 = performance.now();
        const list = layoutEdition(ed, ctx());
        await exportPdf(list, ed, { preset: 'print-x1a', exportTime: TIME, force: true });
        return (performance.now() - t0) / 1000;
      };
    },
  },
  ...(
    [
      ['s', 'time'],
      ['MB', 'peak memory'],
    ] as const
  ).map(([unit, what]): Bench => ({
    name: `pdf: 32-page 对开 edition exported as one job (\`banmian export\`, PDF/X-1a), whole process, ${what}`,
    target: unit === 's' ? '≤ 6 s' : '≤ 1024 MB',
    unit,
    measure: 'value',
    runs: 3,
    setup() {
      const dir = mkdtempSync(join(tmpdir(), 'banmian-bench-'));
      const file = join(dir, 'edition.json');
      writeFileSync(file, JSON.stringify(eightPageBroadsheet(32)));
      // The process reports its own peak resident set as it exits.
      const rss = join(dir, 'rss.cjs');
      writeFileSync(
        rss,
        `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'rss'))}, String(process.resourceUsage().maxRSS)));`,
      );
      const cli = join(projectRoot(), 'dist', 'cli.cjs');
      return () => {
        const t0 = performance.now();
        const r = spawnSync(
          process.execPath,
          [
            '-r',
            rss,
            cli,
            'export',
            file,
            '-o',
            join(dir, 'edition.pdf'),
            '--force',
            '--time',
            '2023-02-16T21:30:00+08:00',
          ],
          { encoding: 'utf8' },
        );
        if (r.status !== 0) throw new Error(r.stderr);
        return unit === 's'
          ? (performance.now() - t0) / 1000
          : Number(readFileSync(join(dir, 'rss'), 'utf8')) / 1024;
      };
    },
  })),
];
