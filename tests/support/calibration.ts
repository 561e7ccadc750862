// The composer measured against print: the sample page's lead story a1 as the paper set it
// (tests/fixtures/district-news-page.a1-printed.txt: one printed line per line, characters only,
// a blank line between paragraphs) and as the composer sets it at the paper's measure (17 em of
// 小五, 2-em indent, the dateline run in with a 1-em space). Two figures: lines that come out the
// same, and break decisions that agree when each line is set from where the printed line starts
// (so one early difference is not counted again down the paragraph).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeParagraph } from '../../engine/compose';
import { HOUSE_STYLES } from '../../engine/compose/house';
import type { ComposeOptions, StyledRun } from '../../engine/compose/types';
import type { FontSet } from '../../engine/fonts/metrics';
import { projectRoot } from '../../electron/services/paths';
import { samplePageArticles } from './sample-page';

export const SIZE = 9; // 小五
export const MEASURE_EMS = 17;
/** The paragraph the paper set about 3 % tighter to save a line (an editor's 挤行). */
export const TIGHTENED = '为进一步推动广大“两新”组织党员';
export const TIGHTENED_TRACKING = -0.03;

export const printedPath = (): string =>
  join(projectRoot(), 'tests', 'fixtures', 'district-news-page.a1-printed.txt');

/** The printed paragraphs of a1, each a list of its printed lines. */
export function printedA1(): string[][] {
  const paras: string[][] = [[]];
  for (const line of readFileSync(printedPath(), 'utf8').split('\n')) {
    if (line.trim() === '') {
      if (paras[paras.length - 1].length) paras.push([]);
      continue;
    }
    paras[paras.length - 1].push(line.trim());
  }
  if (!paras[paras.length - 1].length) paras.pop();
  return paras;
}

/** a1's paragraphs as the compose command reads them: the dateline and a 1-em space lead the first. */
export function a1Paragraphs(): string[] {
  const a1 = samplePageArticles().find((a) => a.id === 'a1');
  if (!a1) throw new Error('the sample page has no article a1');
  return a1.paragraphs.map((p, i) => (i === 0 && a1.dateline ? `${a1.dateline}\u3000${p}` : p));
}

/** What the printed file keeps of a line: its characters, no spaces. */
const chars = (s: string): string => s.replace(/[\s\u3000]/g, '');

export interface Agreement {
  lines: number;
  linesSame: number;
  decisions: number;
  decisionsSame: number;
  /** The printed lines whose break the composer decides otherwise, with what it sets there. */
  differing: { printed: string; composed: string }[];
}

export interface CalibrationOptions {
  house?: ComposeOptions['house'];
  /** Tracking for the tightened paragraph (the others are set at 0). */
  tightened?: number;
  face?: string;
}

function setLines(
  text: string,
  first: boolean,
  tracking: number,
  o: CalibrationOptions,
  fonts: FontSet,
): string[] {
  const runs: StyledRun[] = [
    { text, face: o.face ?? 'noto-serif-sc-400', size: SIZE, src: { article: 'a1', block: 0, offset: 0 } },
  ];
  const options: ComposeOptions = {
    em: SIZE,
    measure: MEASURE_EMS * SIZE,
    indent: first ? 2 : 0,
    house: o.house ?? HOUSE_STYLES.newspaper,
    tracking,
  };
  return composeParagraph(runs, options, fonts).lines.map((l) => chars(l.text));
}

/** Composes a1 and compares it with the printed lines. */
export function calibrateA1(fonts: FontSet, o: CalibrationOptions = {}): Agreement {
  const printed = printedA1();
  const source = a1Paragraphs();
  if (printed.length !== source.length)
    throw new Error(`${printedPath()}: ${printed.length} paragraphs, the sample's a1 has ${source.length}`);
  const out: Agreement = { lines: 0, linesSame: 0, decisions: 0, decisionsSame: 0, differing: [] };
  source.forEach((text, pi) => {
    const lines = printed[pi];
    if (chars(lines.join('')) !== chars(text))
      throw new Error(`${printedPath()}: paragraph ${pi + 1} is not the sample's text`);
    const tracking = text.startsWith(TIGHTENED) ? (o.tightened ?? 0) : 0;
    const composed = setLines(text, true, tracking, o, fonts);
    out.lines += lines.length;
    lines.forEach((l, i) => {
      if (composed[i] === l) out.linesSame++;
    });
    // Each printed line but the last is a decision: set the rest of the paragraph from where the
    // printed line starts and see where the composer ends that line.
    let at = 0; // characters of the printed paragraph before line i
    for (let i = 0; i < lines.length - 1; i++) {
      // The printed position in the text (the text holds the dateline's space, the print does not).
      let k = 0,
        seen = 0;
      while (k < text.length && seen < at) {
        if (!/[\s\u3000]/.test(text[k])) seen++;
        k++;
      }
      const first = setLines(text.slice(k), i === 0, tracking, o, fonts)[0];
      out.decisions++;
      if (first === lines[i]) out.decisionsSame++;
      else out.differing.push({ printed: lines[i], composed: first });
      at += lines[i].length;
    }
  });
  return out;
}
