// 文字检查's term lists: UTF-8 text files in the terms folder shipped with the app (terms/*.txt),
// which a newsroom may edit. The renderer parses and checks them (engine/text/terms.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcePath } from './resources';

/** The term folder: BANMIAN_TERMS (a newsroom's own lists) or the lists shipped with the app. */
export const termsDir = (): string => process.env.BANMIAN_TERMS || resourcePath('terms');

export function readTermLists(dir = termsDir()): { name: string; text: string }[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.txt'));
  } catch {
    return [];
  }
  return names.sort().map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}
