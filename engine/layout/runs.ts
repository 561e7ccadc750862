// From article blocks to styled runs: each block takes its paragraph style, marks take character
// styles, and the dateline (电头) is run in at the head of the first body paragraph in 黑体 with a
// gap after it, as papers set 本报讯 — the gap is layout's, not the reporter's text.
import type { Cmyk, GlyphRun } from '../display/types';
import type { HouseStyle, StyledRun } from '../compose/types';
import type { Article, BlockType, TextLeaf } from '../model/types';
import type { ParagraphStyle, Template } from '../templates/types';
import { blockText } from '../text/count';

export type Role = GlyphRun['role'];

/** Marks the synthetic gap after a run-in dateline: it takes space but is not text of the article. */
export const GAP_ROLE = 'dateline-gap';

export interface ParagraphSpec {
  block: number;
  type: BlockType;
  style: ParagraphStyle;
  runs: StyledRun[];
  /** Article text in this paragraph (gap excluded). */
  chars: number;
  /** Key of the runs' content, for the composition cache. */
  key: string;
  /** The template's house style (how justified lines are broken); newspaper when not given. */
  house?: HouseStyle;
  /** Break only between words (headlines). */
  words?: boolean;
}

const ROLES: Record<BlockType, Role> = {
  kicker: 'kicker',
  headline: 'headline',
  subhead: 'subhead',
  dateline: 'dateline',
  paragraph: 'body',
  crosshead: 'crosshead',
  byline: 'byline',
  source: 'source',
  photo: 'caption',
};

export const HEADLINE_TYPES: ReadonlySet<BlockType> = new Set(['kicker', 'headline', 'subhead']);

export { blockText } from '../text/count';

function leafRuns(
  t: Template,
  article: string,
  block: number,
  children: TextLeaf[],
  style: ParagraphStyle,
  role: Role,
  out: StyledRun[],
): void {
  let offset = 0;
  for (const leaf of children) {
    if (!leaf.text) continue;
    let face = style.face;
    let size = style.size;
    let color: Cmyk = style.color;
    const mark = leaf.bold ? t.marks.bold : leaf.emphasis ? t.marks.emphasis : undefined;
    if (mark) {
      const cs = t.characterStyles[mark];
      face = cs.face ?? face;
      size = cs.size ?? size;
      color = cs.color ?? color;
    }
    // Type of selected text: its own 字体 (a role of the template), 字号 and 字距.
    if (leaf.role && Object.hasOwn(t.roles, leaf.role)) face = t.roles[leaf.role];
    if (leaf.size !== undefined) size = leaf.size;
    const run: StyledRun = { text: leaf.text, face, size, color, role, src: { article, block, offset } };
    if (style.scale !== undefined && style.scale !== 1) run.scale = style.scale;
    if (leaf.tracking !== undefined) run.tracking = leaf.tracking;
    out.push(run);
    offset += leaf.text.length;
  }
}

function runsKey(style: ParagraphStyle, runs: StyledRun[]): string {
  // The source (article, block, offset) is part of the key: composed glyphs carry it.
  let k = `${style.name}|${style.indent}|${style.align}|${runs.length ? runs[0].src.article : ''}`;
  for (const r of runs)
    k += `\u0001${r.face}/${r.size}/${r.role}/${r.src.block}:${r.src.offset}/${r.color ? `${r.color.c},${r.color.m},${r.color.y},${r.color.k}` : ''}${r.scale ? `/x${r.scale}` : ''}${r.tracking !== undefined ? `/t${r.tracking}` : ''}/${r.text}`;
  return k;
}

/** The paragraph style a block takes; `headlineStyle` overrides the 主题's (a lead story's 大主题). */
export function styleFor(t: Template, type: BlockType, headlineStyle?: string): ParagraphStyle {
  if (type === 'headline' && headlineStyle) {
    const s = t.paragraphStyles[headlineStyle];
    if (s) return s;
  }
  if (type === 'dateline') {
    // A dateline standing alone (nothing to run into) is set as a body line in the dateline face.
    const body = t.paragraphStyles[t.blockStyles.paragraph];
    const cs = t.characterStyles[t.dateline.style];
    return {
      ...body,
      name: t.dateline.style,
      face: cs.face ?? body.face,
      size: cs.size ?? body.size,
      color: cs.color ?? body.color,
    };
  }
  return t.paragraphStyles[t.blockStyles[type]];
}

/**
 * Splits an article into its paragraphs, ready to compose. Headline blocks come back separately when
 * the placement has a headline area; photo blocks never flow (their captions go under their frames).
 */
export function articleParagraphs(
  t: Template,
  a: Article,
  opts: { headlineArea: boolean; headlineStyle?: string },
): { headline: ParagraphSpec[]; body: ParagraphSpec[] } {
  const headline: ParagraphSpec[] = [];
  const body: ParagraphSpec[] = [];
  let pendingDateline: { block: number; children: TextLeaf[] } | null = null;
  a.blocks.forEach((b, i) => {
    if (b.type === 'photo') return;
    if (b.type === 'dateline') {
      if (pendingDateline)
        body.push(single(t, a.id, pendingDateline.block, 'dateline', pendingDateline.children));
      pendingDateline = blockText(b.children) ? { block: i, children: b.children } : null;
      return;
    }
    let spec: ParagraphSpec;
    if (b.type === 'paragraph' && pendingDateline) {
      // The dateline's runs lead the paragraph's own, and the paragraph is keyed once, with them.
      const style = styleFor(t, b.type, opts.headlineStyle);
      const runs: StyledRun[] = [];
      const cs = t.characterStyles[t.dateline.style];
      const dStyle = {
        ...style,
        face: cs.face ?? style.face,
        size: cs.size ?? style.size,
        color: cs.color ?? style.color,
      };
      leafRuns(t, a.id, pendingDateline.block, pendingDateline.children, dStyle, 'dateline', runs);
      const datelineChars = blockText(pendingDateline.children).length;
      const last = runs[runs.length - 1];
      if (t.dateline.gap > 0) {
        // An ideographic space sized to the gap: one glyph of exactly the gap's width.
        runs.push({
          text: '\u3000',
          face: last.face,
          size: t.dateline.gap,
          color: last.color,
          role: GAP_ROLE,
          src: { article: a.id, block: pendingDateline.block, offset: datelineChars },
        });
      }
      spec = single(t, a.id, i, b.type, b.children, opts.headlineStyle, runs, datelineChars);
      pendingDateline = null;
    } else {
      spec = single(t, a.id, i, b.type, b.children, opts.headlineStyle);
    }
    if (pendingDateline) {
      body.push(single(t, a.id, pendingDateline.block, 'dateline', pendingDateline.children));
      pendingDateline = null;
    }
    if (!spec.runs.length) return;
    if (opts.headlineArea && HEADLINE_TYPES.has(b.type)) headline.push(spec);
    else body.push(spec);
  });
  if (pendingDateline)
    body.push(
      single(
        t,
        a.id,
        (pendingDateline as { block: number }).block,
        'dateline',
        (pendingDateline as { children: TextLeaf[] }).children,
      ),
    );
  return { headline, body };
}

/** One block as a paragraph; `lead` runs (a run-in dateline) and their characters come first. */
function single(
  t: Template,
  article: string,
  block: number,
  type: BlockType,
  children: TextLeaf[],
  headlineStyle?: string,
  lead: StyledRun[] = [],
  leadChars = 0,
): ParagraphSpec {
  const style = styleFor(t, type, headlineStyle);
  const runs: StyledRun[] = lead;
  leafRuns(t, article, block, children, style, ROLES[type], runs);
  return {
    block,
    type,
    style,
    runs,
    chars: leadChars + blockText(children).length,
    key: runsKey(style, runs),
    house: t.house,
  };
}

/** The caption of a photo block as one paragraph in the caption style. */
export function captionParagraph(
  t: Template,
  article: string,
  block: number,
  children: TextLeaf[],
): ParagraphSpec {
  return single(t, article, block, 'photo', children);
}

export function roleOf(type: BlockType): Role {
  return ROLES[type];
}
