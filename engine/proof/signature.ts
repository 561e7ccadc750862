// What a proof's marks depend on: where each character of copy stood on the page. A proof records a
// digest of this; marks are only mapped onto a layout with the same signature, so a page that was
// re-set since the proof was printed is caught instead of receiving marks on the wrong characters.
import type { DisplayPage } from '../display/types';
import { pageGlyphs } from './map';

/** Canonical text of a page's copy positions, to 1/100 pt: stable across runs, changed by any reflow. */
export function pageSignature(page: DisplayPage): string {
  const r = (v: number) => Math.round(v * 100);
  const lines = [`${r(page.width)}x${r(page.height)}`];
  for (const g of pageGlyphs(page))
    lines.push(
      `${g.article}\t${g.block}\t${g.offset}\t${g.length}\t${r(g.box.x)}\t${r(g.box.y)}\t${r(g.box.w)}\t${r(g.box.h)}`,
    );
  return lines.join('\n');
}
