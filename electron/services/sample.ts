// The built-in sample editions. `news`: a real district paper's front page (content, layout, and a
// photo drawn by scripts/make-sample-edition.mjs); it is what the app opens by default and the
// fixture of the end-to-end tests. `fukan`: a 副刊 page with a story set vertically (竖排) round a
// photo (its picture is the news sample's). They ship as project data, not as a path into anyone's samples folder.
import { readFileSync } from 'node:fs';
import type { Edition } from '../../engine/model/types';
import { validateEdition } from '../../engine/model/validate';
import { RESOURCE_PATHS, resourcePath, type Resource } from './resources';

/** The sample editions by name, with the name a menu shows. */
export const SAMPLES = {
  news: { resource: 'sample-edition', label: '要闻版' },
  fukan: { resource: 'sample-fukan', label: '副刊（竖排）' },
} as const satisfies Record<string, { resource: Resource; label: string }>;
export type SampleName = keyof typeof SAMPLES;
export const SAMPLE_NAMES = Object.keys(SAMPLES) as SampleName[];
export const isSampleName = (s: unknown): s is SampleName =>
  typeof s === 'string' && Object.prototype.hasOwnProperty.call(SAMPLES, s);

export const SAMPLE_EDITION_FILE = RESOURCE_PATHS['sample-edition'].source;

const cached = new Map<SampleName, string>();

/** A fresh copy on every call: callers (the editor) may change it. */
export function loadSampleEdition(name: SampleName = 'news'): Edition {
  const { resource } = SAMPLES[name];
  let text = cached.get(name);
  if (text === undefined) {
    text = readFileSync(resourcePath(resource), 'utf8');
    cached.set(name, text);
  }
  return validateEdition(JSON.parse(text), RESOURCE_PATHS[resource].source);
}
