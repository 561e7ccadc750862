// The line composer on the sample page: every paragraph of its four articles (~3,000 characters)
// set at 17 em of 小五 in the newspaper style, datelines in 黑体. Target ≤ 3 ms warm with the
// default optimum-fit breaker; first-fit and a measure that changes after three lines alongside.
import { composeParagraph } from '../engine/compose';
import type { ComposeOptions, StyledRun } from '../engine/compose/types';
import { loadFontSet } from '../electron/services/fonts';
import { samplePageArticles } from '../tests/support/sample-page';
import type { Bench } from './harness';

function sampleParagraphs(): StyledRun[][] {
  const articles = samplePageArticles();
  const out: StyledRun[][] = [];
  for (const a of articles) {
    a.paragraphs.forEach((text, i) => {
      const runs: StyledRun[] = [];
      if (i === 0 && a.dateline) runs.push({ text: a.dateline + '　', face: 'noto-sans-sc-500', size: 9, role: 'dateline', src: { article: a.id, block: 0, offset: 0 } });
      runs.push({ text, face: 'noto-serif-sc-400', size: 9, src: { article: a.id, block: i + 1, offset: 0 } });
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
export const composeBench: Bench = sampleBench('compose: sample articles (~3,000 chars) at 17 em', { em: 9, measure: 17 * 9 }, '≤ 3 ms');

export const composeBenches: Bench[] = [
  composeBench,
  // First-fit, for comparison: what the paragraph-wide choice costs.
  sampleBench('compose: sample articles at 17 em, first-fit', { em: 9, measure: 17 * 9, breaking: 'greedy' }),
  // Three lines at 11 em beside a photo, then 17 em: the line index is part of the breaker's state.
  sampleBench('compose: sample articles, 11 em for 3 lines then 17', { em: 9, measure: (i: number) => (i < 3 ? 11 * 9 : 17 * 9) }, '≤ 3 ms'),
];
