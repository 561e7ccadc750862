// A story's own type and decoration over its page's template: the editor's 字体 (by role), 字号,
// 行距, 字距, alignment, indent and 长/扁 for its body and its 主题 (Placement.type), its 底纹 tint, 分栏线
// down the gutters between its text columns, and the style of its box. The template itself is never
// changed: the story is laid out with a copy whose styles carry the overrides (cached by their content).
import type { Box, Cmyk, DisplayItem, Rule } from '../display/types';
import { BLACK } from '../display/types';
import type { GridRect, Placement, StoryType, TypeOverride } from '../model/types';
import type { ParagraphStyle, Template } from '../templates/types';
import type { PageGrid, Rect, TextColumn } from './grid';
import { styledRule } from './rules';

const cache = new WeakMap<Template, Map<string, Template>>();

/** The face id a role stands for on this template, or null when the template has no such role. */
export function roleFace(t: Template, role: string): string | null {
  return Object.hasOwn(t.roles, role) ? t.roles[role] : null;
}

/**
 * A paragraph style with an override applied. Body text sits on the baseline grid, so a larger 字号
 * keeps the style's line pitch until the size needs more (then 1.2 × size; layout gives such lines
 * whole rows); a headline keeps its proportion of leading. An explicit 行距 wins.
 */
export function overrideStyle(
  t: Template,
  s: ParagraphStyle,
  o: TypeOverride,
  body: boolean,
): ParagraphStyle {
  const out: ParagraphStyle = { ...s };
  if (o.role) out.face = roleFace(t, o.role) ?? s.face;
  if (o.size !== undefined && o.size !== s.size) {
    out.size = o.size;
    out.lineHeight = body
      ? o.size * 1.1 <= s.lineHeight
        ? s.lineHeight
        : o.size * 1.2
      : (s.lineHeight / s.size) * o.size;
  }
  if (o.leading !== undefined) out.lineHeight = o.leading;
  if (o.tracking) out.tracking = o.tracking;
  if (o.align) out.align = o.align;
  if (o.indent !== undefined) out.indent = o.indent;
  if (o.scale !== undefined && o.scale !== 1) out.scale = o.scale;
  return out;
}

/**
 * The template a story is set with: its body style (正文) and 主题 (the placement's headline style,
 * or the template's) with the story's overrides; the 电头 and bold marks follow a body size change.
 */
export function storyTemplate(t: Template, type: StoryType | undefined, headlineStyle?: string): Template {
  if (!type || (!type.body && !type.headline)) return t;
  const key = `${headlineStyle ?? ''}|${JSON.stringify(type)}`;
  let m = cache.get(t);
  if (!m) cache.set(t, (m = new Map()));
  const hit = m.get(key);
  if (hit) return hit;
  const paragraphStyles = { ...t.paragraphStyles };
  const characterStyles = { ...t.characterStyles };
  if (type.body) {
    const name = t.blockStyles.paragraph;
    const before = paragraphStyles[name];
    const after = overrideStyle(t, before, type.body, true);
    paragraphStyles[name] = after;
    // Run-in and marked text set at the body's size keeps being so.
    for (const cs of [t.dateline.style, t.marks.bold, t.marks.emphasis]) {
      const c = cs ? characterStyles[cs] : undefined;
      if (c && c.size !== undefined && c.size === before.size)
        characterStyles[cs!] = { ...c, size: after.size };
    }
  }
  if (type.headline) {
    const name = headlineStyle && t.paragraphStyles[headlineStyle] ? headlineStyle : t.blockStyles.headline;
    paragraphStyles[name] = overrideStyle(t, paragraphStyles[name], type.headline, false);
  }
  const out: Template = { ...t, paragraphStyles, characterStyles };
  if (m.size > 200) m.clear();
  m.set(key, out);
  return out;
}

/**
 * The story's type as layout applies it: 长/扁 (a horizontal scale) is for horizontal text only, so
 * a 竖排 body or a 竖题 is set without it.
 */
export function placementType(pl: Placement): StoryType | undefined {
  const type = pl.type;
  if (!type) return type;
  const drop = (o: TypeOverride | undefined, vertical: boolean): TypeOverride | undefined => {
    if (!o || !vertical || o.scale === undefined) return o;
    const { scale: _s, ...rest } = o;
    return Object.keys(rest).length ? rest : undefined;
  };
  const body = drop(type.body, !!pl.vertical);
  const headline = drop(type.headline, pl.headline?.orientation === 'vertical');
  if (body === type.body && headline === type.headline) return type;
  return { ...(body ? { body } : {}), ...(headline ? { headline } : {}) };
}

function areasOf(pl: Placement): GridRect[] {
  return [...pl.regions, ...pl.photos.map((p) => p.area), ...(pl.headline ? [pl.headline.area] : [])];
}

/**
 * 底纹: a tint behind the story, inside its box when it has one, else over the bounding rectangle of
 * its areas. Knocked out (no overprint): the text over it, 100 % K, overprints as always.
 */
export function tintItem(pl: Placement, grid: PageGrid, box: Rect | null): Box | null {
  const tint = pl.tint;
  if (!tint || !(tint.c || tint.m || tint.y || tint.k)) return null;
  let r = box;
  if (!r) {
    const rects = areasOf(pl).map((g) => grid.rect(g));
    if (!rects.length) return null;
    const x0 = Math.min(...rects.map((q) => q.x));
    const y0 = Math.min(...rects.map((q) => q.y));
    const x1 = Math.max(...rects.map((q) => q.x + q.w));
    const y1 = Math.max(...rects.map((q) => q.y + q.h));
    r = { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
  }
  const fill: Cmyk = { c: tint.c, m: tint.m, y: tint.y, k: tint.k };
  const out: Box = { kind: 'box', ...r, fill, overprint: false, role: 'tint' };
  if (pl.box?.corner) out.radius = pl.box.corner * grid.em;
  return out;
}

/** The story's box: the template's rule weight unless the story gives its own, its style and corners. */
export function boxItems(pl: Placement, grid: PageGrid, rect: Rect): Box[] {
  if (!pl.box) return [];
  const width = pl.box.weight ?? grid.t.rules.box;
  const radius = pl.box.corner ? pl.box.corner * grid.em : 0;
  const box = (r: Rect, dash?: number[]): Box => {
    const b: Box = {
      kind: 'box',
      ...r,
      stroke: { width, color: BLACK },
      overprint: true,
      role: 'article-box',
    };
    if (dash) b.stroke!.dash = dash;
    if (radius) b.radius = radius;
    return b;
  };
  if (pl.box.style === 'double') {
    // Two rules with one and a half times their width of white between, centred on the box's line.
    const d = width * 1.25;
    return [
      box({ x: rect.x - d, y: rect.y - d, w: rect.w + 2 * d, h: rect.h + 2 * d }),
      box({ x: rect.x + d, y: rect.y + d, w: rect.w - 2 * d, h: rect.h - 2 * d }),
    ];
  }
  return [box(rect, pl.box.style === 'dotted' ? [width * 2, width * 2] : undefined)];
}

/** 分栏线: down the middle of each gutter between two text columns of one region of the story. */
export function columnRuleItems(
  pl: Placement,
  columns: readonly TextColumn[],
  grid: PageGrid,
): DisplayItem[] {
  if (!pl.columnRules || pl.vertical) return [];
  const out: Rule[] = [];
  for (let i = 1; i < columns.length; i++) {
    const a = columns[i - 1];
    const b = columns[i];
    if (a.region !== b.region) continue;
    const x = (a.x + a.width + b.x) / 2;
    const top = grid.rowTop(Math.max(a.row, b.row));
    const bottom = grid.rowTop(Math.min(a.row + a.rows, b.row + b.rows));
    if (bottom > top) styledRule(x, top, x, bottom, pl.columnRules, grid.t.rules.separator, out);
  }
  return out;
}
