// The composer's contract: styled runs in, lines out. Pure and deterministic.
// Layout and the compose command build on it.
import type { Cmyk, SourceRef } from '../display/types';
import type { HouseStyle } from './house';

export type { HouseStyle } from './house';

/** A stretch of paragraph text in one face and size. */
export interface StyledRun {
  text: string;
  /** Registry face id. */
  face: string;
  /** Size in points. */
  size: number;
  /** Source of text[0]; later characters count on from `src.offset`. */
  src: SourceRef;
  color?: Cmyk;
  role?: string;
  /** 长/扁字: horizontal scale of the glyphs and their advances (1 when absent). */
  scale?: number;
  /** 字距 of this run, ems added to each character's advance (the paragraph's `tracking` when absent). */
  tracking?: number;
}

export type PunctuationStyle = 'newspaper' | 'quanjiao' | 'kaiming' | 'banjiao' | 'hangmobanjiao';
export type Strictness = 'none' | 'basic' | 'gb' | 'strict';
/** How justified lines are chosen: over the whole paragraph (optimum fit), or one at a time. */
export type BreakingMode = 'optimal' | 'greedy';

export interface ComposeOptions {
  /** The em used for indents and CJK–Latin spacing, points (the body size). */
  em: number;
  /** Line width in points for line `index` (0-based) of the paragraph; lets layout flow text
   *  through regions of different widths (beside a photo, then below it). */
  measure: number | ((lineIndex: number) => number);
  /** First-line indent in ems (2 by default). */
  indent?: number;
  style?: PunctuationStyle;
  strictness?: Strictness;
  /** Allow a single 、，。 to hang past the measure. */
  hanging?: boolean;
  /** CJK–Latin/digit spacing in ems (¼ by default, shrinkable to ⅛). */
  cjkLatinSpacing?: number;
  /** 'justify' for body text; headlines use 'start' or 'center'. */
  align?: 'justify' | 'start' | 'center' | 'end';
  /** Avoid a last line of one character (plus punctuation). */
  orphanControl?: boolean;
  /** 'optimal' (default): justified lines are chosen together, so no line is letterspaced where a
   *  better set of breaks exists. 'greedy': each line as full as squeezing allows, one at a time.
   *  Unjustified text is always set first-fit. When `measure` is a function, it may be asked for
   *  any line index the paragraph could reach, not only the lines finally set. */
  breaking?: BreakingMode;
  /** The house style: how breaks are weighed, CJK–Latin spacing, ——— (./house.ts). Unset: `even`,
   *  the CLREQ reference the rule tests state; templates and the compose command default to
   *  `newspaper`, calibrated to the printed page. */
  house?: HouseStyle;
  /** Tracking, ems added to every character's advance: −0.03 sets a paragraph 3 % tighter (an
   *  editor's 挤行 to save a line). 0 by default. */
  tracking?: number;
  /** Break only between words (headlines): Intl.Segmenter's Chinese words, corrected by a newsroom
   *  dictionary (engine/text/words.ts). A required break (an editor's soft break) still breaks. */
  words?: boolean;
}

export interface LineGlyph {
  face: string;
  size: number;
  gid: number;
  text: string;
  /** x of the glyph origin from the line start (the measure's left edge, so the first line's
   *  indent is included), points. A trimmed opener's origin lies left of its box. */
  x: number;
  /** Advance after compression and justification, points. */
  advance: number;
  src: SourceRef;
  color?: Cmyk;
  role?: string;
  /** 长/扁字: the glyph is drawn scaled horizontally by this (its advance already is). */
  scale?: number;
  /** No face in the fallback chain has this character: gid is 0, and it is listed in `missing`.
   *  Layout reports it; the PDF preflight refuses it. */
  missing?: boolean;
}

export type BreakKind = 'fit' | 'push-in' | 'push-out' | 'hang' | 'orphan' | 'emergency' | 'end';

export interface ComposedLine {
  /** Range of the paragraph's text (UTF-16 units over the concatenated runs) on this line. */
  start: number;
  end: number;
  text: string;
  glyphs: LineGlyph[];
  /** Extent from the line start to the end of the last glyph, points, including the indent;
   *  before (natural: style and line-edge trims applied, no justification) and after justification.
   *  A justified line's width equals `measure`. A hanging mark lies past `width`. */
  naturalWidth: number;
  width: number;
  /** The line's full measure, points (the indent is part of it). */
  measure: number;
  indent: number;
  /** Largest ascent and descent of the line's runs, points (for leading of mixed sizes). */
  ascent: number;
  descent: number;
  breakKind: BreakKind;
  /** What justification did: total shrink (negative) or stretch (positive) by kind, points. */
  adjustments: Record<string, number>;
}

export interface MissingChar {
  char: string;
  /** Paragraph offset, and the source reference. */
  index: number;
  src: SourceRef;
  face: string;
}

export interface ComposedParagraph {
  lines: ComposedLine[];
  missing: MissingChar[];
}
