// The display list: the only output of layout and the only input of the painters (screen and PDF).
// Plain JSON data; identical input gives an identical list (design invariants 1–3).
// Geometry is in points, origin at the top-left of the page's trim box, y growing downwards.

/** Colour as CMYK percentages 0–100. Registration colour is {c:100,m:100,y:100,k:100}. */
export interface Cmyk {
  c: number;
  m: number;
  y: number;
  k: number;
}

export const BLACK: Cmyk = Object.freeze({ c: 0, m: 0, y: 0, k: 100 });

/** Where a glyph came from: design invariant 3. `offset` is in UTF-16 code units of the block's text. */
export interface SourceRef {
  article: string;
  /** Index of the block within the article's top-level children; −1 for what layout adds to a story
   *  (its jump lines, in runs of role 'mark'), which is no text of it. */
  block: number;
  offset: number;
}

export interface PlacedGlyph {
  gid: number;
  /** The source text this glyph stands for (one code point, or a cluster); used for ToUnicode and search. */
  text: string;
  /** Pen position of the glyph origin, relative to the run origin, points. */
  x: number;
  y: number;
  /** Advance used by layout, points (after compression and justification). */
  advance: number;
  src: SourceRef;
  /**
   * Vertical setting: draw this glyph rotated 90° clockwise about its origin (Latin in a vertical
   * headline): its baseline then runs down the page from (x, y) and its advance is measured down.
   * Upright glyphs of a vertical run are placed like horizontal ones (x, y is the origin on the
   * baseline), already in their `vert` forms, one under the other.
   */
  rotate?: boolean;
}

export interface GlyphRun {
  kind: 'glyphs';
  /** Registry face id, e.g. "noto-serif-sc-400". */
  face: string;
  size: number;
  color: Cmyk;
  /** Overprint (body text in 100% K does). */
  overprint: boolean;
  /** Run origin: the baseline start of the line (horizontal) or the top of the column (vertical). */
  x: number;
  y: number;
  vertical: boolean;
  /** 长/扁字: glyphs drawn scaled horizontally by this about their origins (their x and advances
   *  already are); absent for 1. Horizontal runs only. */
  scale?: number;
  glyphs: PlacedGlyph[];
  /** What the run belongs to, for hit-testing and the PDF's reading order. */
  role:
    | 'body'
    | 'headline'
    | 'kicker'
    | 'subhead'
    | 'crosshead'
    | 'dateline'
    | 'byline'
    | 'source'
    | 'caption'
    | 'master'
    | 'placeholder'
    | 'mark';
}

export interface Rule {
  kind: 'rule';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  color: Cmyk;
  overprint: boolean;
  dash?: number[];
}

export interface Box {
  kind: 'box';
  x: number;
  y: number;
  w: number;
  h: number;
  /** The rule round it; `dash` as a rule's (a dotted box). */
  stroke?: { width: number; color: Cmyk; dash?: number[] };
  fill?: Cmyk;
  /** Round corners, radius in points (a box with a corner style); square when absent. */
  radius?: number;
  overprint: boolean;
  role: 'article-box' | 'photo-frame' | 'empty-photo' | 'tint' | 'ad-slot';
}

export interface ImageItem {
  kind: 'image';
  /** Asset id (content hash) of the edition's photo. */
  asset: string;
  /** Frame on the page (clip rectangle). */
  x: number;
  y: number;
  w: number;
  h: number;
  /** Where the whole image is drawn, possibly larger than the frame when cropped. */
  imageX: number;
  imageY: number;
  imageW: number;
  imageH: number;
  /** Pixel size, for effective-resolution checks. */
  pixelWidth: number;
  pixelHeight: number;
  article?: string;
}

/** Marks the end of an article's last region when text did not fit. */
export interface OversetMark {
  kind: 'overset';
  article: string;
  x: number;
  y: number;
  lines: number;
  chars: number;
}

export type DisplayItem = GlyphRun | Rule | Box | ImageItem | OversetMark;

/** Copyfit figures of one article on a page: what the UI shows as 余 N 行 / 超 N 字. */
export interface ArticleFit {
  article: string;
  linesUsed: number;
  linesAvailable: number;
  oversetLines: number;
  oversetChars: number;
  undersetLines: number;
  /** Characters the empty lines could still take (余 N 字), at their measure in body 字. */
  undersetChars?: number;
  /** The overset text itself, kept so nothing is lost (invariant 4). */
  oversetText: string;
  /** Where each stretch of the overset text comes from, in block order. */
  overset?: { block: number; offset: number; text: string }[];
  /** Characters of the article (not counting spaces) and how many of them are set on the page. */
  chars?: number;
  /** 转版: the page this part of the story comes from, and the page it goes on to. Only the last part
   *  of a story counts overset; earlier parts hand what they cannot take on to the next. */
  continuedFrom?: number;
  continuesOn?: number;
}

export interface MissingGlyph {
  article: string | null;
  block: number;
  offset: number;
  char: string;
  face: string;
}

/**
 * Something on the page a layout editor must look at, though layout could set it: stories whose areas
 * overlap (one prints over the other), a continuation left empty. For the UI's list and preflight.
 */
export interface LayoutWarning {
  code: 'overlap' | 'continuation-empty';
  /** The article concerned; for an overlap, the one placed first on the page. */
  article: string;
  /** For an overlap: the other article (the same one when two areas of one story overlap). */
  other?: string;
  /** Where, in grid units of the page: columns and lines from 0. */
  area?: { col: number; cols: number; line: number; lines: number };
  /** The same place in points, for a painter to outline it. */
  box?: { x: number; y: number; w: number; h: number };
  message: string;
}

export interface DisplayPage {
  /** Page number in the edition (1-based), and its section name. */
  number: number;
  section: string;
  /** Trim size, points. */
  width: number;
  height: number;
  /** Bleed on each side, points. */
  bleed: number;
  /** The type area (版心), points, relative to the trim. */
  typeArea: { x: number; y: number; w: number; h: number };
  items: DisplayItem[];
  fits: ArticleFit[];
  missing: MissingGlyph[];
  /** Layout warnings; absent when there are none. */
  warnings?: LayoutWarning[];
  /** Wrap objects (图文互斥): areas no body text of any story enters; absent when there are none. */
  wraps?: WrapArea[];
}

/**
 * A wrap object: a photo frame, a headline area or a story marked as one, in points, with its
 * stand-off (in 字) already added left and right. Body text goes around it or above and below it.
 */
export interface WrapArea {
  kind: 'photo' | 'headline' | 'story' | 'ad';
  /** The story it belongs to; '' for an ad slot, which belongs to none. */
  article: string;
  x: number;
  y: number;
  w: number;
  h: number;
  standoff: number;
  /** A story marked as a wrap object pushes other stories' text, not its own. */
  except?: string;
}

export interface DisplayList {
  version: 1;
  edition: { paper: string; date: string; issue: number | null };
  pages: DisplayPage[];
}
