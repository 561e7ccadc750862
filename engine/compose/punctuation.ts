// Punctuation widths by house style (CLREQ #h-adjustment_of_adjacent_punctuation_marks, #punctuation_width_adjustment; docs/cjk-typesetting.md §2): which blanks a style
// removes up front, how adjacent marks collapse, which line edges are trimmed, and which blanks
// justification may still squeeze (CLREQ reduction priorities, §4.2).
import { CharClass } from '../text/classes';
import type { PunctuationStyle } from './types';

/** CLREQ reduction priorities (§4.2). Line-end trimming (step 1) is always applied, so it has none. */
export enum Priority {
  None = 0,
  WordSpace = 2,
  Interpunct = 3,
  Bracket = 4,
  Comma = 5,
  CjkLatin = 6,
  Period = 7,
}

export interface StyleRules {
  /** Remove every blank of these marks up front (半角式: all; 开明式: all but 。．？！). */
  preTrim(cls: CharClass, cp: number): boolean;
  /** How much of the blank between two adjacent marks' inks is removed: 0, 0.5 em, or all of it. */
  adjacent: 'none' | 'half' | 'all';
  /** Trim an opener's blank at the start of every line. */
  trimStart: boolean;
  /** May justification squeeze a mark of this priority? */
  shrinkable(p: Priority): boolean;
}

const FULL_STOPS = new Set([0x3002, 0xff0e, 0xff1f, 0xff01, 0x203c, 0x2047, 0x2048, 0x2049]);

export function punctPriority(cls: CharClass, cp: number): Priority {
  switch (cls) {
    case CharClass.Open:
    case CharClass.Close:
      return Priority.Bracket;
    case CharClass.Middle:
      return Priority.Interpunct;
    case CharClass.Dot:
      return cp === 0x3002 || cp === 0xff0e ? Priority.Period : Priority.Comma;
    case CharClass.ColonSemi:
      return Priority.Comma;
    case CharClass.Exclam:
      return Priority.Period;
    default:
      return Priority.None;
  }
}

export const STYLES: Readonly<Record<PunctuationStyle, StyleRules>> = {
  // What the printed sample shows: marks are full width in running text, but a closing mark
  // meeting an opening one (”“, ，“) takes one em for the pair, line edges are flush, and any
  // blank, periods included, gives way before a character is pushed to the next line.
  newspaper: {
    preTrim: () => false,
    adjacent: 'all',
    trimStart: true,
    shrinkable: () => true,
  },
  // 全角式: every mark one em; adjacent pairs 1.5 em; 。？！ are never squeezed mid-line.
  quanjiao: {
    preTrim: () => false,
    adjacent: 'half',
    trimStart: false,
    shrinkable: (p) => p !== Priority.Period,
  },
  // 开明式: sentence ends full, every other mark half.
  kaiming: {
    preTrim: (cls, cp) => !FULL_STOPS.has(cp) || cls === CharClass.Middle,
    adjacent: 'half',
    trimStart: true,
    shrinkable: (p) => p !== Priority.Period,
  },
  // 半角式: every mark half an em.
  banjiao: {
    preTrim: () => true,
    adjacent: 'none',
    trimStart: true,
    shrinkable: () => true,
  },
  // 行末半角式: every mark one em, no pair kerning, both line edges flush.
  hangmobanjiao: {
    preTrim: () => false,
    adjacent: 'none',
    trimStart: true,
    shrinkable: (p) => p !== Priority.Period,
  },
};

export const PUNCTUATION_STYLES = Object.keys(STYLES) as PunctuationStyle[];
