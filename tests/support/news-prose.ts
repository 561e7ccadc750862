// Real Chinese text for property tests and the benchmark: the sample page's articles (a district
// paper's front page, as printed) and a body of news prose with quotes, numbers, dates, Latin,
// 《书名》, —— and …… (tests/fixtures/news-prose.txt, one paragraph per line).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../electron/services/paths';
export { samplePageArticles as sampleArticles, type SamplePageArticle as SampleArticle } from './sample-page';

export function newsProse(): string[] {
  return readFileSync(join(projectRoot(), 'tests', 'fixtures', 'news-prose.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim());
}
