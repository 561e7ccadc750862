// The copyfit figures editors read while cutting copy: the character count (字数) and whether the
// story fits its space: 余 N 行 (lines to spare) or 超 N 字 (characters overset).
import type { ArticleFit } from '../../engine/display/types';
import type { Article } from '../../engine/model/types';
import { blockText, countChars } from '../../engine/text/count';

/** Characters as editors count them (every character but spaces and line breaks; a surrogate pair is
 *  one): the layout's own count, so the editor's 字数 and the page's 超 N 字 never disagree. */
export { countChars };

/** Words of the story proper (body, crossheads, dateline), without headlines and captions, as in a 稿费 count. */
export function articleCounts(a: Article): { body: number; all: number } {
  let body = 0;
  let all = 0;
  for (const b of a.blocks) {
    const n = countChars(blockText(b.children));
    all += n;
    if (b.type === 'paragraph' || b.type === 'crosshead' || b.type === 'dateline') body += n;
  }
  return { body, all };
}

export type FitState =
  | { kind: 'over'; chars: number; lines: number }
  | { kind: 'under'; lines: number; chars: number | null }
  | { kind: 'exact' }
  | { kind: 'unplaced' };

export function fitState(fits: ArticleFit[]): FitState {
  if (!fits.length) return { kind: 'unplaced' };
  const chars = fits.reduce((s, f) => s + f.oversetChars, 0);
  const lines = fits.reduce((s, f) => s + f.oversetLines, 0);
  if (chars > 0 || lines > 0) return { kind: 'over', chars, lines };
  const spare = fits.reduce((s, f) => s + f.undersetLines, 0);
  const room = fits.every((f) => f.undersetChars !== undefined)
    ? fits.reduce((s, f) => s + (f.undersetChars ?? 0), 0)
    : null;
  return spare > 0 ? { kind: 'under', lines: spare, chars: room } : { kind: 'exact' };
}

/** The overset stretches of an article, by block, for marking them in the editor. */
export function oversetSpans(fits: ArticleFit[]): { block: number; offset: number; length: number }[] {
  return fits.flatMap((f) =>
    (f.overset ?? []).map((o) => ({ block: o.block, offset: o.offset, length: o.text.length })),
  );
}

export function fitLabel(f: FitState): string {
  switch (f.kind) {
    case 'over':
      return `超 ${f.chars} 字`;
    case 'under':
      return `余 ${f.lines} 行`;
    case 'exact':
      return '正好';
    case 'unplaced':
      return '未上版';
  }
}
