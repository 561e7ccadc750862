// Ad slots (广告位): boxes reserved on the page grid for advertisements. An empty slot shows as a
// tinted, outlined box with its label and size (广告位 · label · N栏×M行), so a proof never passes it
// for white space; preflight reports it (广告位未填). A slot with its artwork shows the image.
import type { DisplayItem, GlyphRun, ImageItem } from '../display/types';
import { BLACK } from '../display/types';
import type { FontSet } from '../fonts/metrics';
import type { AdSlot, Asset } from '../model/types';
import { EM_ASCENT, type PageGrid } from './grid';

/** The label an empty slot carries. */
export function adLabel(ad: AdSlot): string {
  return `广告位${ad.label ? ` ${ad.label}` : ''} ${ad.cols}栏×${ad.lines}行`;
}

export function adItems(ads: AdSlot[] | undefined, grid: PageGrid, fonts: FontSet, assets: ReadonlyMap<string, Asset>): DisplayItem[] {
  const items: DisplayItem[] = [];
  for (const ad of ads ?? []) {
    const { x, y, w, h } = grid.rect({ col: ad.col, cols: ad.cols, line: ad.line, lines: ad.lines });
    const asset = ad.asset ? assets.get(ad.asset) : undefined;
    if (asset) {
      // The artwork fills the slot as the advertiser delivered it, scaled to fit.
      const scale = Math.min(w / asset.pixelWidth, h / asset.pixelHeight);
      const iw = asset.pixelWidth * scale, ih = asset.pixelHeight * scale;
      const img: ImageItem = { kind: 'image', asset: asset.id, x, y, w, h, imageX: x + (w - iw) / 2, imageY: y + (h - ih) / 2, imageW: iw, imageH: ih, pixelWidth: asset.pixelWidth, pixelHeight: asset.pixelHeight, article: '' };
      items.push(img);
      continue;
    }
    items.push({ kind: 'box', x, y, w, h, stroke: { width: 0.5, color: BLACK }, fill: { c: 0, m: 0, y: 0, k: 6 }, overprint: false, role: 'ad-slot' });
    const label = adLabel(ad);
    const chars = [...label];
    const size = Math.min(grid.em * 1.5, w / (chars.length + 2));
    const g0 = fonts.face('noto-sans-sc-500');
    const run: GlyphRun = { kind: 'glyphs', face: g0.id, size, color: BLACK, overprint: true, x: x + (w - size * chars.length) / 2, y: y + h / 2 + size * (EM_ASCENT - 0.5), vertical: false, glyphs: [], role: 'placeholder' };
    let pen = 0;
    for (const ch of chars) {
      const cp = ch.codePointAt(0)!;
      // Latin and digits in a CJK label take a full cell too: the label is a sign, not set text.
      if (g0.has(cp)) run.glyphs.push({ gid: g0.glyphId(cp), text: ch, x: pen, y: 0, advance: size, src: { article: '', block: -1, offset: 0 } });
      pen += size;
    }
    items.push(run);
  }
  return items;
}
