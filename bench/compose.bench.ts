// The line composer on the sample page: every paragraph of its four articles (~3,000 characters)
// set at 17 em of 小五 in the newspaper style, datelines in 黑体. Target ≤ 3 ms warm.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeParagraph } from '../engine/compose';
import type { StyledRun } from '../engine/compose/types';
import { loadFontSet } from '../electron/services/fonts';
import { projectRoot } from '../electron/services/paths';
import type { Bench } from './harness';

interface SampleArticle { id: string; dateline: string | null; paragraphs: string[] }

function sampleParagraphs(): StyledRun[][] {
  const file = join(projectRoot(), '..', 'shared', 'samples', 'district-news-page.json');
  const { articles } = JSON.parse(readFileSync(file, 'utf8')) as { articles: SampleArticle[] };
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

export const composeBench: Bench = {
  name: 'compose: sample articles (~3,000 chars) at 17 em',
  target: '≤ 3 ms',
  unit: 'ms',
  warmup: 20,
  runs: 200,
  setup() {
    const fonts = loadFontSet();
    const paragraphs = sampleParagraphs();
    const options = { em: 9, measure: 17 * 9 };
    return () => {
      let lines = 0;
      for (const runs of paragraphs) lines += composeParagraph(runs, options, fonts).lines.length;
      return lines;
    };
  },
};
