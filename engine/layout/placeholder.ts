// The label a placeholder box carries (an empty photo frame, an empty ad slot): one line centred in
// the box, every character in a full cell of the face the template's 黑体 role stands for (its caption
// style's face when it names no 黑体) — a sign, not set text.
import type { GlyphRun, SourceRef } from '../display/types';
import { BLACK } from '../display/types';
import type { FontSet } from '../fonts/metrics';
import { EM_ASCENT, type PageGrid } from './grid';

/** The role whose face placeholder labels are drawn in. */
export const PLACEHOLDER_ROLE = '黑体';

export function placeholderRun(
  fonts: FontSet,
  grid: PageGrid,
  box: { x: number; y: number; w: number; h: number },
  label: string,
  src: SourceRef,
): GlyphRun {
  const chars = [...label];
  const size = Math.min(grid.em * 1.5, box.w / (chars.length + 2));
  const t = grid.t;
  const g0 = fonts.face(t.roles[PLACEHOLDER_ROLE] ?? t.paragraphStyles[t.blockStyles.photo].face);
  const run: GlyphRun = {
    kind: 'glyphs',
    face: g0.id,
    size,
    color: BLACK,
    overprint: true,
    x: box.x + (box.w - size * chars.length) / 2,
    y: box.y + box.h / 2 + size * (EM_ASCENT - 0.5),
    vertical: false,
    glyphs: [],
    role: 'placeholder',
  };
  let pen = 0;
  for (const ch of chars) {
    const cp = ch.codePointAt(0)!;
    if (g0.has(cp)) run.glyphs.push({ gid: g0.glyphId(cp), text: ch, x: pen, y: 0, advance: size, src });
    pen += size;
  }
  return run;
}
