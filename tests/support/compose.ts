// Shared set-up for the table-driven composer tests: synthetic 10-pt faces, so one em is 10 pt
// and every expected width can be worked out by hand.
import { composeParagraph } from '../../engine/compose';
import type { ComposeOptions, ComposedParagraph, StyledRun } from '../../engine/compose/types';
import { syntheticFontSet } from './synthetic-fonts';

export const fonts = syntheticFontSet();
export const EM = 10;

export function run(text: string, extra: Partial<StyledRun> = {}): StyledRun {
  return { text, face: 'noto-serif-sc-400', size: EM, src: { article: 'a1', block: 0, offset: 0 }, ...extra };
}

/** Composes with a measure in ems and no indent unless asked. */
export function set(
  text: string | StyledRun[],
  ems: number,
  opts: Partial<ComposeOptions> = {},
): ComposedParagraph {
  const runs = typeof text === 'string' ? [run(text)] : text;
  return composeParagraph(runs, { em: EM, measure: ems * EM, indent: 0, ...opts }, fonts);
}

export function texts(p: ComposedParagraph): string[] {
  return p.lines.map((l) => l.text);
}

/** Width of a one-line paragraph (set as a last line: nothing stretched), in ems. */
export function naturalEms(text: string, opts: Partial<ComposeOptions> = {}): number {
  const p = set(text, 100, opts);
  return Math.round((p.lines[0].width / EM) * 1000) / 1000;
}
