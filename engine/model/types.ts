// The edition model: plain, versioned, JSON-serialisable data. Articles are Slate-compatible trees,
// so the editor edits the model itself, not a copy of it.
import type { EditionOutput } from './output';

export const EDITION_SCHEMA_VERSION = 1;

/** Character formatting on a text leaf (Slate "marks"). */
export interface TextLeaf {
  text: string;
  bold?: true;
  emphasis?: true;
  /** Type of selected text over its paragraph's style: 字号 in points, 字体 by role, 字距 in ems. */
  size?: number;
  role?: string;
  tracking?: number;
}

/** Article block types, named as the newsroom names them. */
export type BlockType =
  | 'kicker' // 引题
  | 'headline' // 主题
  | 'subhead' // 副题
  | 'dateline' // 电头: 本报讯, 新华社北京5月1日电 … run in at the start of the first body paragraph
  | 'paragraph' // 正文
  | 'crosshead' // 小标题
  | 'byline' // 记者 …
  | 'source' // （来源：…）
  | 'photo'; // a photo with its caption as children text

export interface TextBlock {
  type: Exclude<BlockType, 'photo'>;
  children: TextLeaf[];
}

/** A photo: the caption (图片说明) is the block's text; the image is an asset of the edition. */
export interface PhotoBlock {
  type: 'photo';
  /** Asset id (content hash) or null for an empty frame. */
  asset: string | null;
  credit?: string;
  children: TextLeaf[];
}

export type Block = TextBlock | PhotoBlock;

export type ArticleStatus = 'draft' | 'to-edit' | 'edited' | 'to-proof' | 'proofed' | 'final' | 'signed';

export interface Article {
  id: string;
  /** A short working name (稿名) for lists; the headline when there is one. */
  slug: string;
  status: ArticleStatus;
  blocks: Block[];
}

/** A rectangle on the page's grid: columns from `col` (0-based) spanning `cols`, body lines from `line` spanning `lines`. */
export interface GridRect {
  col: number;
  cols: number;
  line: number;
  lines: number;
  /** Narrows the span on the left or right, in 字 (text beside a photo, a 破栏 measure). */
  indentLeft?: number;
  indentRight?: number;
  /** Text columns the span is divided into (破栏: 3 over 2 grid columns); the grid's columns by default. */
  columns?: number;
  /** Moves the whole rectangle sideways off its columns, in whole 字 (positive right): a frame nudged
   *  by the arrow keys. Absent is 0. */
  shift?: number;
}

export interface HeadlinePlacement {
  /** Grid area the headline block (kicker, headline, subhead) occupies; its height is whole body lines. */
  area: GridRect;
  orientation: 'horizontal' | 'vertical';
  align: 'left' | 'center';
  /** Paragraph style of the 主题 when it is not the template's usual one (大主题 for a lead story). */
  style?: string;
  /** Stand-off of body text from the area, in 字 (1 by default): a headline area is a wrap object. */
  standoff?: number;
}

export interface PhotoFrame {
  /** Index of the photo block in the article. */
  block: number;
  area: GridRect;
  /** How the image meets the frame. */
  fit: 'fit' | 'fill';
  /** Crop offset of the image inside the frame when filling, as fractions −1…1 from centre. */
  cropX?: number;
  cropY?: number;
  /** The image's scale in per cent of its pixels at 72 ppi (1 pixel = 1 pt at 100 %), when the editor
   *  set one (a percentage, a drag with Alt, a frame edge moved to crop): then `fit` is not used. */
  scale?: number;
  /** Lines at the bottom of the area reserved for the caption. */
  captionLines: number;
  /** Stand-off of body text from the frame, in 字 (1 by default): a photo frame is a wrap object. */
  standoff?: number;
}

export interface Placement {
  article: string;
  /** Body text regions in reading order; text runs down each column of a region, then on to the next region. */
  regions: GridRect[];
  headline?: HeadlinePlacement;
  photos: PhotoFrame[];
  /** A rule around the article (boxed story, 框), with an inset in 字; its rule's weight (points, the
   *  template's box rule by default) and style, and round corners (radius in 字). */
  box?: { inset: number; weight?: number; style?: 'solid' | 'double' | 'dotted'; corner?: number };
  /** 底纹: a CMYK tint (percentages) behind the story's areas (inside its box when it has one). */
  tint?: { c: number; m: number; y: number; k: number };
  /** 分栏线: a rule down each gutter between the story's text columns, in a 隔线 style. */
  columnRules?: RuleStyle;
  /** Type of this story over the template's styles (engine/layout/story.ts). */
  type?: StoryType;
  /** A wrap object (图文互斥): the story's areas push the text of other stories that overlap them,
   *  with a stand-off in 字 (1 by default). */
  wrap?: { standoff?: number };
  /** Balance the last region's columns. */
  balance?: boolean;
  /** 竖排: the body set vertically, in columns from right to left across each region, each read top
   *  to bottom (features, 副刊). Not for a story continued across pages. */
  vertical?: boolean;
  /**
   * 转版: the article goes on in a placement of the same article on that page. The text that does
   * not fit here flows into it; layout sets （下转第N版） at the end of this part and （上接第M版） at
   * the head of the next, so editors never type them.
   */
  continuesOn?: { page: number };
  /** 接转标题: on a continued part, the story's 主题 (shortened to the column) set above its text,
   *  below （上接第M版） (engine/layout/jump-headline.ts). */
  jumpHeadline?: boolean;
}

/**
 * An editor's type settings for a story, over the template's styles: 字体 by role, 字号 and 行距 in
 * points, 字距 (tracking, ems added to each character: −0.05 is 5 % tighter), alignment and
 * first-line indent (字), 长/扁 (horizontal scale). Absent fields keep the style's own.
 */
export interface TypeOverride {
  role?: string;
  size?: number;
  leading?: number;
  tracking?: number;
  align?: 'justify' | 'start' | 'center' | 'end';
  indent?: number;
  /** 长/扁字: horizontal scale of the glyphs (0.8 = 长字, narrower; 1.2 = 扁字, wider); advances
   *  scale with it, so lines break and the character grid follow. Horizontal text only. */
  scale?: number;
}

/** A story's type: its body text (正文 and the paragraphs set like it) and its 主题. */
export interface StoryType {
  body?: TypeOverride;
  headline?: TypeOverride;
}

/** How a rule between stories is drawn: 细线, 粗线, 双线, 点线. */
export type RuleStyle = 'thin' | 'thick' | 'double' | 'dotted';

/**
 * A rule an editor draws on the page grid (隔线, 栏线): across, through the middle of body line
 * `line` over columns `col`…`col + cols − 1`; or down, in the gutter left of column `gutter`, over
 * lines `line`…`line + lines − 1`. Through the middle of a line, because that line is the white
 * space the rule separates stories with.
 */
export type PageRule =
  | { line: number; col: number; cols: number; style: RuleStyle }
  | { gutter: number; line: number; lines: number; style: RuleStyle };

export interface Page {
  id: string;
  number: number;
  /** Section name (版名): 要闻, 综合新闻 … */
  section: string;
  /** Template id: a file name in templates/ without extension. */
  template: string;
  placements: Placement[];
  /** Rules the editor drew, over the ones layout draws between stories itself. */
  rules?: PageRule[];
  /** Rules between stories stacked in a column are drawn automatically unless this is false. */
  autoRules?: boolean;
  /** 广告位: boxes reserved for advertisements, which stories wrap around. */
  ads?: AdSlot[];
  /** Ruler guides (参考线) the editor pulled onto the page: never printed. */
  guides?: Guide[];
}

/** A guide line across the page (`h`, at `at` points from the trim's top) or down it (`v`, from its left). */
export interface Guide {
  axis: 'h' | 'v';
  at: number;
}

/**
 * An ad slot (广告位) on the page grid: a reserved box with the advertiser's label, `cols` columns by
 * `lines` body lines. Text of every story stays out of it (a wrap object). `asset`: the ad's artwork
 * once it has come (preflight reports an empty slot: 广告位未填).
 */
export interface AdSlot {
  id: string;
  label: string;
  col: number;
  cols: number;
  line: number;
  lines: number;
  /** Sideways off its columns in whole 字, as `GridRect.shift`. */
  shift?: number;
  asset?: string;
}

export interface Asset {
  id: string;
  mime: 'image/jpeg' | 'image/png';
  pixelWidth: number;
  pixelHeight: number;
  /** Colour space as found in the file. */
  colorSpace: 'rgb' | 'cmyk' | 'gray';
  /** Base64 data (JSON form) — the SQLite store keeps blobs. */
  data: string;
}

export interface Edition {
  schemaVersion: number;
  id: string;
  paper: {
    name: string;
    /** 国内统一连续出版物号 CN 31-0000 etc. */
    serial?: string;
  };
  /** ISO date, YYYY-MM-DD. */
  date: string;
  /** 期号 of this year, and the 总期数. */
  issue: number | null;
  totalIssue?: number | null;
  pages: Page[];
  articles: Article[];
  assets: Asset[];
  /** Edition-level paragraph and character style overrides, keyed by the style's name (正文, 主题 …). */
  styles?: Record<string, Record<string, unknown>>;
  /** This edition's role mapping (书宋 → a face name), over the template's and the machine's (engine/fonts/mapping.ts). */
  fonts?: Record<string, string>;
  /** Editors' comments on articles (批注); proof PDFs carry them as annotations. */
  comments?: ArticleComment[];
  /** The output condition this edition prints to, over its template's (engine/model/output.ts). */
  output?: EditionOutput;
}

/** An editor's note on an article, optionally anchored to a span of one block's text. */
export interface ArticleComment {
  id: string;
  article: string;
  /** User name as set on the machine that wrote it. */
  author: string;
  /** ISO 8601 time it was written. */
  at: string;
  text: string;
  anchor?: { block: number; offset: number; length: number };
  /**
   * Set instead of `anchor` once every word the comment was about has been cut: the words it quoted
   * and where they stood, so the comment is never lost and the editor can see what it was about.
   */
  detached?: { block: number; offset: number; quote: string };
  resolved?: boolean;
}
