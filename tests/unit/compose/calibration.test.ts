// The newspaper house style against the printed page: the lead story a1 of the sample, composed by
// `banmian compose` at the paper's measure, breaks every line where the paper did — the paragraph
// the paper set 3 % tighter too, when it is given that tracking (compose --tracking -3).
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../../electron/services/paths';
import { loadFontSet } from '../../../electron/services/fonts';
import { HOUSE_STYLES } from '../../../engine/compose/house';
import type { FontSet } from '../../../engine/fonts/metrics';
import {
  a1Paragraphs,
  calibrateA1,
  printedA1,
  TIGHTENED,
  TIGHTENED_TRACKING,
} from '../../support/calibration';

const root = projectRoot();
let fonts: FontSet;

function cli(args: string[], input: string): string[][] {
  const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.cjs'), 'compose', ...args], {
    input: Buffer.from(input, 'utf8'),
    cwd: root,
  });
  if (r.status !== 0) throw new Error(r.stderr.toString());
  return r.stdout
    .toString('utf8')
    .trim()
    .split('\n\n')
    .map((p) => p.split('\n').map((l) => l.replace(/[\s\u3000]/g, '')));
}

beforeAll(() => {
  fonts = loadFontSet();
  const b = spawnSync(process.execPath, [join(root, 'scripts', 'build-node.mjs')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
});

describe('the newspaper house style, calibrated to print (a1 of the sample page)', () => {
  it('compose (default style, 17 em, 2-em indent) sets every paragraph but the tightened one line for line as printed', () => {
    const printed = printedA1();
    const paras = a1Paragraphs();
    const out = cli([], paras.join('\n') + '\n');
    expect(out.length).toBe(printed.length);
    paras.forEach((p, i) => {
      if (p.startsWith(TIGHTENED))
        expect(out[i]).not.toEqual(printed[i]); // the paper's 挤行
      else expect(out[i], p.slice(0, 12)).toEqual(printed[i]);
    });
  });

  it('compose --tracking -3 sets the tightened paragraph as printed', () => {
    const printed = printedA1();
    const paras = a1Paragraphs();
    const i = paras.findIndex((p) => p.startsWith(TIGHTENED));
    expect(cli(['--tracking', '-3'], paras[i] + '\n')[0]).toEqual(printed[i]);
    expect(cli(['--tracking', '-3%'], paras[i] + '\n')[0]).toEqual(printed[i]);
  });

  it('agrees on every break decision, each line set from where the printed line starts', () => {
    const all = calibrateA1(fonts, { tightened: TIGHTENED_TRACKING });
    expect(all.differing).toEqual([]);
    expect(all.decisions).toBe(48);
    expect(all.linesSame).toBe(all.lines);
    // Without the tracking only the tightened paragraph's decisions differ.
    const plain = calibrateA1(fonts);
    expect(plain.differing.length).toBeGreaterThan(0);
    const tight = printedA1()[a1Paragraphs().findIndex((p) => p.startsWith(TIGHTENED))];
    for (const d of plain.differing) expect(tight).toContain(d.printed);
  });

  it('the CLREQ reference style (even: optimum fit, ——— one em a dash) does not', () => {
    const even = calibrateA1(fonts, { house: HOUSE_STYLES.even, tightened: TIGHTENED_TRACKING });
    expect(even.decisionsSame).toBeLessThan(even.decisions);
    expect(even.differing.map((d) => d.printed)).toContain('大，同谱新篇章———‘学习强国’徐汇滨');
  });
});
