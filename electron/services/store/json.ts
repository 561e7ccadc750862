// The plain JSON form of an edition, for interchange and tests: the same Edition the model defines,
// photos as base64, validated (and brought up to the current schema) on the way in and on the way out.
import type { Edition } from '../../../engine/model/types';
import { validateEdition } from '../../../engine/model/validate';
import { loadStored, validEdition, type EditionStore } from './index';

/** The edition in a store as pretty-printed, validated JSON text. */
export function editionJson(store: EditionStore): string {
  return JSON.stringify(validEdition(loadStored(store), store.path), null, 2) + '\n';
}

/**
 * Reads an edition's JSON form from bytes. Throws EditionError (from the model's validation) or a plain
 * Error naming `source` when the bytes are not UTF-8 JSON.
 */
export function editionFromJson(bytes: Uint8Array, source: string): Edition {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${source} is not UTF-8 text`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`${source} is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  return validateEdition(raw, source);
}
