// The sample page's copy as a fixture of the project's own: a district paper's front page as it was
// printed (tests/fixtures/district-news-page.json), the source of the built-in sample edition
// (scripts/make-sample-edition.mjs) and the real text the composer, font and PDF tests set.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../electron/services/paths';

export interface SamplePageArticle {
  id: string;
  kicker: string | null;
  headline: string | null;
  subhead: string | null;
  dateline: string | null;
  paragraphs: string[];
  source: string | null;
}

export const samplePagePath = (): string =>
  join(projectRoot(), 'tests', 'fixtures', 'district-news-page.json');

/** The fixture's raw text (every code point the page prints). */
export const samplePageText = (): string => readFileSync(samplePagePath(), 'utf8');

/** The page's articles; a missing or unreadable fixture is an error, never an empty list. */
export function samplePageArticles(): SamplePageArticle[] {
  const articles = (JSON.parse(samplePageText()) as { articles: SamplePageArticle[] }).articles;
  if (!articles?.length) throw new Error(`${samplePagePath()}: no articles`);
  return articles;
}
