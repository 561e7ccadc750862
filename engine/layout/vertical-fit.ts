// Whether a story's headline or body can be set vertically (竖排) in its area: a vertical column is as
// long as the area is high, so a wide, low area gives columns of a character or two. Such a change
// is not made; the editor is told why and how high the area must be.
import type { Article, GridRect, Placement } from '../model/types';
import type { Template } from '../templates/types';
import { blockText, styleFor } from './runs';
import { storyTemplate } from './story';

/** Fewest characters a vertical column must hold for the setting to read as columns. */
export const MIN_VERTICAL_CHARS = 4;

/** Body lines (whole) an area needs to be `chars` characters of `size` high. */
function linesFor(chars: number, size: number, t: Template): number {
  return Math.ceil((chars * size) / t.body.pitch - 1e-6);
}

function capacity(g: GridRect, size: number, t: Template): number {
  return Math.floor((g.lines * t.body.pitch) / size + 1e-6);
}

/**
 * Why the 主题 cannot be set vertically in the placement's headline area, in Chinese, or null when
 * each column takes the longest headline line whole (or at least MIN_VERTICAL_CHARS characters).
 */
export function verticalHeadlineProblem(t: Template, pl: Placement, a: Article): string | null {
  if (!pl.headline) return null;
  const size = styleFor(storyTemplate(t, pl.type, pl.headline.style), 'headline', pl.headline.style).size;
  let longest = 0;
  for (const b of a.blocks)
    if (b.type === 'headline')
      for (const line of blockText(b.children).split(/[\n\u2028]/))
        longest = Math.max(longest, [...line.trim()].length);
  const want = Math.min(longest, MIN_VERTICAL_CHARS);
  const fits = capacity(pl.headline.area, size, t);
  if (!longest || fits >= want) return null;
  const need = Math.min(t.grid.lines, linesFor(Math.min(longest, 12), size, t));
  return `标题区高 ${pl.headline.area.lines} 行，主题（${size} pt）竖排每列只能放 ${fits} 个字；请把标题占行加大到 ${need} 行左右再改竖排`;
}

/** Why the body cannot be set vertically in the placement's regions, or null. */
export function verticalBodyProblem(t: Template, pl: Placement): string | null {
  const size = storyTemplate(t, pl.type).paragraphStyles[t.blockStyles.paragraph].size;
  const low = pl.regions.find((g) => capacity(g, size, t) < MIN_VERTICAL_CHARS);
  if (!low) return null;
  return `文字区高 ${low.lines} 行，竖排每列只能放 ${capacity(low, size, t)} 个字；请把文字区的行数加大到至少 ${linesFor(MIN_VERTICAL_CHARS, size, t)} 行再改竖排`;
}
