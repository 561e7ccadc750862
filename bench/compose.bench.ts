// The line composer on the sample page: every paragraph of its four articles (~3,000 characters)
// set at 17 em of 小五 in the newspaper style, datelines in 黑体. Target ≤ 3 ms warm with the
// default optimum-fit breaker; first-fit and a measure that changes after three lines alongside.
import { composeParagraph, HOUSE_STYLES } from '../engine/compose';
import type { ComposeOptions, StyledRun } from '../engine/compose/types';
import { loadFontSet } from '../electron/services/fonts';
import { samplePageArticles } from '../tests/support/sample-page';
import { calibrateA1, TIGHTENED_TRACKING, type CalibrationOptions } from '../tests/support/calibration';
import type { Bench } from './harness';

function sampleParagraphs(): StyledRun[][] {
  const articles = samplePageArticles();
  const out: StyledRun[][] = [];
  for (const a of articles) {
    a.paragraphs.forEach((text, i) => {
      const runs: StyledRun[] = [];
      if (i === 0 && a.dateline)
        runs.push({
          text: a.dateline + '　',
          face: 'noto-sans-sc-500',
          size: 9,
          role: 'dateline',
          src: { article: a.id, block: 0, offset: 0 },
        });
      runs.push({
        text,
        face: 'noto-serif-sc-400',
        size: 9,
        src: { article: a.id, block: i + 1, offset: 0 },
      });
      out.push(runs);
    });
  }
  return out;
}

function sampleBench(name: string, options: ComposeOptions, target?: string): Bench {
  return {
    name,
    target,
    unit: 'ms',
    warmup: 20,
    runs: 200,
    setup() {
      const fonts = loadFontSet();
      const paragraphs = sampleParagraphs();
      return () => {
        let lines = 0;
        for (const runs of paragraphs) lines += composeParagraph(runs, options, fonts).lines.length;
        return lines;
      };
    },
  };
}

/** The default: justified lines chosen over each whole paragraph (optimum fit). */
export const composeBench: Bench = sampleBench(
  'compose: sample articles (~3,000 chars) at 17 em',
  { em: 9, measure: 17 * 9 },
  '≤ 3 ms',
);

/** Agreement with the printed page (tests/fixtures/district-news-page.a1-printed.txt), percent. */
function agreementBench(
  name: string,
  what: 'lines' | 'decisions',
  o: CalibrationOptions,
  target?: string,
): Bench {
  return {
    name,
    target,
    unit: '%',
    measure: 'value',
    runs: 1,
    setup() {
      const fonts = loadFontSet();
      return () => {
        const a = calibrateA1(fonts, o);
        return what === 'lines' ? (100 * a.linesSame) / a.lines : (100 * a.decisionsSame) / a.decisions;
      };
    },
  };
}

export const composeBenches: Bench[] = [
  composeBench,
  // First-fit, for comparison: what the paragraph-wide choice costs.
  sampleBench('compose: sample articles at 17 em, first-fit', { em: 9, measure: 17 * 9, breaking: 'greedy' }),
  // Three lines at 11 em beside a photo, then 17 em: the line index is part of the breaker's state.
  sampleBench(
    'compose: sample articles, 11 em for 3 lines then 17',
    { em: 9, measure: (i: number) => (i < 3 ? 11 * 9 : 17 * 9) },
    '≤ 3 ms',
  ),
  // The templates' newspaper house style, and the agreement it is calibrated for.
  sampleBench(
    'compose: sample articles at 17 em, newspaper house style',
    { em: 9, measure: 17 * 9, house: HOUSE_STYLES.newspaper },
    '≤ 3 ms',
  ),
  agreementBench(
    'compose: a1 vs print, 54 lines the same (挤行 −3 %)',
    'lines',
    { tightened: TIGHTENED_TRACKING },
    '100 %',
  ),
  agreementBench(
    'compose: a1 vs print, 48 break decisions agree (挤行 −3 %)',
    'decisions',
    { tightened: TIGHTENED_TRACKING },
    '100 %',
  ),
  agreementBench('compose: a1 vs print, break decisions agree (no 挤行)', 'decisions', {}),
  agreementBench('compose: a1 vs print, break decisions agree, house style even', 'decisions', {
    house: HOUSE_STYLES.even,
    tightened: TIGHTENED_TRACKING,
  }),
];
