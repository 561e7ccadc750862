// 接转标题: a continued part of a story may carry its 主题 again above its text, below （上接第M版）,
// so a reader who turned to this page finds the story. Set in the template's 副题 style across the
// part's first text column, in two body rows; a 主题 longer than the column holds is shortened (……).
// Like the jump lines it is no copy of the story (block −1, role 'mark'): it never counts in copyfit
// and is never overset.
import type { Article } from '../model/types';
import type { Template } from '../templates/types';
import type { TextColumn } from './grid';
import { reserveRow } from './wrap';

export interface JumpHeadline {
  text: string;
  x: number;
  width: number;
  row: number;
  rows: number;
  column: number;
  style: string;
}

/** The 主题 of a story as one line, or null when it has none. */
export function headlineText(a: Article): string | null {
  const b = a.blocks.find((x) => x.type === 'headline');
  const text = b
    ? b.children
        .map((c) => c.text)
        .join('')
        .replace(/\s+/g, '')
    : '';
  return text || null;
}

/** The text shortened to `fit` characters (each a full em): the head kept, …… at the end. */
export function shortened(text: string, fit: number): string {
  const chars = Array.from(text);
  if (chars.length <= fit) return text;
  return fit < 3 ? chars.slice(0, Math.max(0, fit)).join('') : chars.slice(0, fit - 2).join('') + '……';
}

/**
 * Reserves the rows of the continuation headline at the head of `col` (after the jump line): the
 * headline to set and the column left for the text, or null when there is no 主题 or no room.
 */
export function reserveJumpHeadline(
  a: Article,
  t: Template,
  col: TextColumn,
): { headline: JumpHeadline; column: TextColumn } | null {
  const text = headlineText(a);
  const styleName = t.blockStyles.subhead ?? t.jump.style;
  const style = t.paragraphStyles[styleName];
  if (!text || !style) return null;
  const first = reserveRow(col, 'head');
  if (!first) return null;
  const second = reserveRow(first.column, 'head');
  const together = second && second.row === first.row + 1;
  const fit = Math.floor(first.width / style.size);
  if (fit < 1) return null;
  return {
    headline: {
      text: shortened(text, fit),
      x: first.x,
      width: first.width,
      row: first.row,
      rows: together ? 2 : 1,
      column: 0,
      style: styleName,
    },
    column: together ? second.column : first.column,
  };
}
