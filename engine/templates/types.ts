// A page template as layout sees it: every length already converted to points (design invariant 5).
// The data files in templates/ speak mm, 号 names and grid units (字 行 栏); validate.ts converts
// them once, so layout never meets a unit again.
import type { Cmyk } from '../display/types';
import type { BlockType } from '../model/types';
import type { HouseStyle } from '../compose/house';

export type TextAlign = 'justify' | 'start' | 'center' | 'end';

/** A paragraph style, named as editors name it (正文, 主题, 引题 …). */
export interface ParagraphStyle {
  name: string;
  /** Registry face id, e.g. noto-serif-sc-400. */
  face: string;
  /** Points. */
  size: number;
  /** Line height in points (for headlines the pitch of their own lines; body text uses the grid). */
  lineHeight: number;
  align: TextAlign;
  /** First-line indent in ems of the style's own size. */
  indent: number;
  color: Cmyk;
  /** Whole body lines left empty before a paragraph of this style (never at the top of a column). */
  spaceBefore: number;
  /** 字距: ems added to every character's advance (a story's type, engine/layout/story.ts). */
  tracking?: number;
  /** 长/扁字: horizontal scale of the glyphs and their advances (a story's type); 1 when absent. */
  scale?: number;
}

/** A character style: what a run-in (电头) or a mark (bold) changes over its paragraph style. */
export interface CharacterStyle {
  name: string;
  face?: string;
  size?: number;
  color?: Cmyk;
}

/** Text of a master item. Placeholders: {paper} {date} {weekday} {page} {pageHan} {section} {issue} {totalIssue} {serial}. */
export interface MasterText {
  kind: 'text';
  text: string;
  face: string;
  size: number;
  color: Cmyk;
  /** Anchor on the type area's width and an offset from it, points. */
  anchor: 'left' | 'center' | 'right';
  dx: number;
  /** Baseline, points from the type area's top (negative: in the head margin). */
  baseline: number;
  /** Letter-spacing in ems, for mastheads set wide. */
  tracking: number;
}

export interface MasterRule {
  kind: 'rule';
  /** Points from the type area's top-left; x2 may be the type area's width. */
  x1: number; y1: number; x2: number; y2: number;
  width: number;
  color: Cmyk;
}

export type MasterItem = MasterText | MasterRule;

export interface Template {
  id: string;
  /** Role names and the face ids they stood for when the template was read (edition styles name roles too). */
  roles: Readonly<Record<string, string>>;
  /** The template's role mapping (书宋 → a face name), applied before the machine's and the edition's. */
  fonts?: Readonly<Record<string, string>>;
  name: string;
  /** 四开, 对开 … */
  format: string;
  trim: { width: number; height: number };
  bleed: number;
  /** Total ink limit of the press, percent of total area coverage (240 for newsprint by default). */
  inkLimit: number;
  /** The printing plant's CMYK profile (ICC file; a name is found in the templates folder): the
   *  PDF/X output intent embeds it and photos are separated with it. The built-in newsprint profile when absent. */
  outputProfile?: string;
  /** Output resolution of photos for print, ppi (default 300): larger photos are reduced to it. */
  resolution?: number;
  /** A registered characterization (ICC registry, e.g. FOGRA39, IFRA26) named as the PDF/X output
   *  condition instead of an embedded profile; photos are still separated with `outputProfile`. */
  outputCondition?: string;
  /** The rendering intent photos are separated to the output profile with (perceptual when absent). */
  renderingIntent?: RenderingIntent;
  /** The type area (版心), relative to the trim. Its height is exactly `grid.lines` body lines. */
  typeArea: { x: number; y: number; w: number; h: number };
  body: {
    /** The body size: one 字. */
    size: number;
    /** Line pitch of the baseline grid: one 行. */
    pitch: number;
  };
  grid: {
    columns: number;
    columnWidth: number;
    gutter: number;
    lines: number;
  };
  paragraphStyles: Record<string, ParagraphStyle>;
  characterStyles: Record<string, CharacterStyle>;
  /** Which paragraph style each article block takes (photo → the caption style). */
  blockStyles: Record<BlockType, string>;
  /** Character styles for Slate marks. */
  marks: { bold?: string; emphasis?: string };
  /** The run-in dateline: its character style and the gap after it, points. */
  dateline: { style: string; gap: number };
  rules: {
    /** Rule around boxed articles (框), points. */
    box: number;
    /** Hairline around photo frames, points (0: none). */
    photo: number;
    /** 隔线 between stories (a thin rule; thick ones are three times it), points. */
    separator: number;
  };
  /**
   * 转版 lines: the paragraph style they are set in and their wording, with {page} (2) or {pageHan}
   * (二) for the other page's number, as the paper writes it: （下转第二版） / （上接第一版）.
   */
  jump: { style: string; continuedOn: string; continuedFrom: string };
  /** 报头: page 1 only; it takes `lines` body lines at the top of the type area. */
  masthead?: { lines: number; items: MasterItem[] };
  /** 报眉: every page but the first, above the type area. */
  runningHead?: { items: MasterItem[] };
  /** 页脚 / folio: every page, in the foot margin. */
  folio?: { items: MasterItem[] };
  /** How the paper sets its justified text: how breaks are weighed (keep a character by squeezing
   *  marks, or evenness), the most a line may be squeezed or opened, CJK–Latin spacing, the first
   *  line, ——— (engine/compose/house.ts). `newspaper` when the file names none. */
  house?: HouseStyle;
  /** 自动适合 limits: 主题 sizes (points) 适合 may choose, and the 字距 (ems) 挤一行 / 放一行 may use.
   *  engine/layout/autofit.ts has the defaults. */
  fit?: { headline?: [number, number]; tracking?: [number, number] };
}

/** ICC rendering intents, as templates and `banmian export --intent` name them. */
export const RENDERING_INTENTS = ['perceptual', 'relative', 'saturation', 'absolute'] as const;
export type RenderingIntent = (typeof RENDERING_INTENTS)[number];

/** A characterization name as the ICC registry spells them: FOGRA39, IFRA26, CGATS21_CRPC5 … */
export const CONDITION_NAME = /^[A-Za-z][A-Za-z0-9_.-]{1,63}$/;
