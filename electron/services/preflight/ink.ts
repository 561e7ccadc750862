// Ink on the plate: total ink over the page's limit, white set to overprint, small type in rich black,
// and objects overprinting a photo so that the two together pass the limit.
import type { Box, Cmyk, DisplayPage, GlyphRun, ImageItem, Rule } from '../../../engine/display/types';
import type { Edition } from '../../../engine/model/types';
import { DEFAULT_INK_LIMIT } from '../../../engine/templates/validate';
import { inkUnder, type PrintPhoto } from '../pdf/photo';
import type { Finding, PreflightOptions } from './types';

export const tac = (c: Cmyk): number => c.c + c.m + c.y + c.k;
export const fmtPct = (v: number): string => `${Math.round(v)}%`;

/** The total ink limit on a page: the caller's when given, else its template's, else newsprint's 240 %. */
export function inkLimitOf(
  page: { number: number },
  edition: Edition,
  o: Pick<PreflightOptions, 'inkLimit' | 'templates'>,
): number {
  if (o.inkLimit !== undefined) return o.inkLimit;
  const tpl = edition.pages.find((p) => p.number === page.number)?.template;
  return (tpl ? o.templates?.[tpl]?.inkLimit : undefined) ?? DEFAULT_INK_LIMIT;
}

export function checkInk(page: DisplayPage, limit: number, out: Finding[]) {
  const seen = new Set<string>();
  const flag = (c: Cmyk, what: string, x: number, y: number, article: string | null) => {
    const t = tac(c);
    if (t <= limit + 1e-9) return;
    const key = `${c.c}/${c.m}/${c.y}/${c.k}/${what}/${article}`;
    if (seen.has(key)) return; // one finding per colour and kind is enough to act on
    seen.add(key);
    out.push({
      severity: 'error',
      code: 'ink-limit',
      page: page.number,
      article,
      position: { x, y },
      message: `${what}颜色 C${c.c} M${c.m} Y${c.y} K${c.k} 总墨量 ${fmtPct(t)}，超过上限 ${fmtPct(limit)}`,
    });
  };
  for (const item of page.items) {
    if (item.kind === 'glyphs') flag(item.color, '文字', item.x, item.y, item.glyphs[0]?.src.article || null);
    else if (item.kind === 'rule') flag(item.color, '线条', item.x1, item.y1, null);
    else if (item.kind === 'box') {
      if (item.fill) flag(item.fill, '底色', item.x, item.y, null);
      if (item.stroke) flag(item.stroke.color, '边框', item.x, item.y, null);
    }
  }
}

/**
 * Overprint mistakes a plate-maker would catch: white set to overprint vanishes on press; small
 * text in rich black (K plus C/M/Y) shows coloured fringes at the slightest misregistration.
 */
export function checkOverprint(page: DisplayPage, out: Finding[]) {
  const isWhite = (c: Cmyk) => c.c + c.m + c.y + c.k === 0;
  for (const item of page.items) {
    if (item.kind === 'glyphs' && item.glyphs.length) {
      const g = item.glyphs[0];
      const at = g.src.article ? { block: g.src.block, offset: g.src.offset } : { x: item.x, y: item.y };
      if (item.overprint && isWhite(item.color)) {
        out.push({
          severity: 'error',
          code: 'white-overprint',
          page: page.number,
          article: g.src.article || null,
          position: at,
          message: '白色文字设为叠印：印刷时会消失',
        });
      } else if (item.color.k >= 100 && item.color.c + item.color.m + item.color.y > 0 && item.size < 12) {
        out.push({
          severity: 'warning',
          code: 'rich-black-text',
          page: page.number,
          article: g.src.article || null,
          position: at,
          message: `${item.size}pt 小字用了四色黑 (C${item.color.c} M${item.color.m} Y${item.color.y} K${item.color.k})：套印稍有偏差就会出彩边，应只用 K100`,
        });
      }
    } else if (
      (item.kind === 'rule' && item.overprint && isWhite(item.color)) ||
      (item.kind === 'box' &&
        item.overprint &&
        ((item.fill && isWhite(item.fill)) || (item.stroke && isWhite(item.stroke.color))))
    ) {
      const x = item.kind === 'rule' ? item.x1 : item.x,
        y = item.kind === 'rule' ? item.y1 : item.y;
      out.push({
        severity: 'error',
        code: 'white-overprint',
        page: page.number,
        article: null,
        position: { x, y },
        message: '白色线条或底色设为叠印：印刷时会消失',
      });
    }
  }
}

/**
 * An ink limit is about areas (drying, set-off, show-through), so only areas count: fills, rules
 * and frames of 2 pt or more, and type of 12 pt or more. A K hairline round a photo or a K credit
 * in small type overprinting a photo is press practice (GWG: black type up to 12 pt overprints).
 */
const AREA_RULE = 2;
const AREA_TYPE = 12;

/** Where an overprinting object puts ink that counts: solid extents (rules, boxes) or the em boxes of its glyphs. */
function extents(item: GlyphRun | Rule | Box): {
  rects: { x: number; y: number; w: number; h: number; color: Cmyk }[];
  solid: boolean;
} {
  if (item.kind === 'rule') {
    if (item.width < AREA_RULE) return { solid: true, rects: [] };
    const half = item.width / 2;
    return {
      solid: true,
      rects: [
        {
          x: Math.min(item.x1, item.x2) - half,
          y: Math.min(item.y1, item.y2) - half,
          w: Math.abs(item.x2 - item.x1) + item.width,
          h: Math.abs(item.y2 - item.y1) + item.width,
          color: item.color,
        },
      ],
    };
  }
  if (item.kind === 'box') {
    const rects: { x: number; y: number; w: number; h: number; color: Cmyk }[] = [];
    if (item.fill) rects.push({ x: item.x, y: item.y, w: item.w, h: item.h, color: item.fill });
    if (item.stroke && item.stroke.width >= AREA_RULE) {
      const { width: sw, color } = item.stroke,
        h = sw / 2;
      rects.push(
        { x: item.x - h, y: item.y - h, w: item.w + sw, h: sw, color },
        { x: item.x - h, y: item.y + item.h - h, w: item.w + sw, h: sw, color },
        { x: item.x - h, y: item.y - h, w: sw, h: item.h + sw, color },
        { x: item.x + item.w - h, y: item.y - h, w: sw, h: item.h + sw, color },
      );
    }
    return { solid: true, rects };
  }
  if (item.size < AREA_TYPE) return { solid: false, rects: [] };
  // Glyphs cover part of their em box only: what the box finds is what the ink can reach.
  return {
    solid: false,
    rects: item.glyphs.map((g) => ({
      x: item.x + g.x,
      y: item.y + g.y - item.size * 0.88,
      w: item.vertical ? item.size : g.advance,
      h: item.size,
      color: item.color,
    })),
  };
}

export function checkOverprintOnPhotos(
  page: DisplayPage,
  item: GlyphRun | Rule | Box,
  under: { item: ImageItem; photo: PrintPhoto }[],
  limit: number,
  out: Finding[],
) {
  const { rects, solid } = extents(item);
  let worst: { max: number; at: { x: number; y: number }; color: Cmyk } | null = null;
  for (const { item: img, photo } of under) {
    for (const r of rects) {
      if (tac(r.color) === 0) continue;
      const found = inkUnder(photo, img, r, r.color);
      if (found && (!worst || found.max > worst.max)) worst = { ...found, color: r.color };
    }
  }
  if (!worst || worst.max <= limit + 0.2) return;
  const what = item.kind === 'glyphs' ? '文字' : item.kind === 'rule' ? '线条' : '底色或边框';
  const article = item.kind === 'glyphs' ? item.glyphs[0]?.src.article || null : null;
  const c = worst.color;
  out.push({
    severity: solid ? 'error' : 'warning',
    code: 'ink-limit-overprint',
    page: page.number,
    article,
    position: worst.at,
    message: `${what}（C${c.c} M${c.m} Y${c.y} K${c.k}）叠印在照片上，叠加后总墨量${solid ? '' : '最高可达'} ${fmtPct(worst.max)}，超过上限 ${fmtPct(limit)}：改为挖空（不叠印）或移开`,
  });
}
