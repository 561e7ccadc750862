// The built-in sample edition: a real district paper's front page (content, layout, and a photo drawn
// by scripts/make-sample-edition.mjs). It is what the app opens by default and the fixture of the
// end-to-end tests, so it ships as project data, not as a path into anyone's samples folder.
import { readFileSync } from 'node:fs';
import type { Edition } from '../../engine/model/types';
import { validateEdition } from '../../engine/model/validate';
import { RESOURCE_PATHS, resourcePath } from './resources';

export const SAMPLE_EDITION_FILE = RESOURCE_PATHS['sample-edition'].source;

let cached: string | null = null;

/** A fresh copy on every call: callers (the editor) may change it. */
export function loadSampleEdition(): Edition {
  cached ??= readFileSync(resourcePath('sample-edition'), 'utf8');
  return validateEdition(JSON.parse(cached), SAMPLE_EDITION_FILE);
}
