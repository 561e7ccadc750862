// Ad slots (广告位): boxes reserved on the page grid for advertisements. An empty slot shows as a
// tinted, outlined box with its label and size (广告位 · label · N栏×M行), so a proof never passes it
// for white space; preflight reports it (广告位未填). A slot with its artwork shows the image.
import type { DisplayItem, ImageItem } from '../display/types';
import { BLACK } from '../display/types';
import type { FontSet } from '../fonts/metrics';
import type { AdSlot, Asset, GridRect } from '../model/types';
import type { PageGrid } from './grid';
import { placeholderRun } from './placeholder';

/** The grid rectangle an ad slot takes (its shift in 字 kept). */
export function adArea(ad: AdSlot): GridRect {
  const r: GridRect = { col: ad.col, cols: ad.cols, line: ad.line, lines: ad.lines };
  if (ad.shift) r.shift = ad.shift;
  return r;
}

/** The label an empty slot carries. */
export function adLabel(ad: AdSlot): string {
  return `广告位${ad.label ? ` ${ad.label}` : ''} ${ad.cols}栏×${ad.lines}行`;
}

export function adItems(
  ads: AdSlot[] | undefined,
  grid: PageGrid,
  fonts: FontSet,
  assets: ReadonlyMap<string, Asset>,
): DisplayItem[] {
  const items: DisplayItem[] = [];
  for (const ad of ads ?? []) {
    const { x, y, w, h } = grid.rect(adArea(ad));
    const asset = ad.asset ? assets.get(ad.asset) : undefined;
    if (asset) {
      // The artwork fills the slot as the advertiser delivered it, scaled to fit.
      const scale = Math.min(w / asset.pixelWidth, h / asset.pixelHeight);
      const iw = asset.pixelWidth * scale,
        ih = asset.pixelHeight * scale;
      const img: ImageItem = {
        kind: 'image',
        asset: asset.id,
        x,
        y,
        w,
        h,
        imageX: x + (w - iw) / 2,
        imageY: y + (h - ih) / 2,
        imageW: iw,
        imageH: ih,
        pixelWidth: asset.pixelWidth,
        pixelHeight: asset.pixelHeight,
        article: '',
      };
      items.push(img);
      continue;
    }
    items.push({
      kind: 'box',
      x,
      y,
      w,
      h,
      stroke: { width: 0.5, color: BLACK },
      fill: { c: 0, m: 0, y: 0, k: 6 },
      overprint: false,
      role: 'ad-slot',
    });
    // Latin and digits in a CJK label take a full cell too: the label is a sign, not set text.
    items.push(
      placeholderRun(fonts, grid, { x, y, w, h }, adLabel(ad), { article: '', block: -1, offset: 0 }),
    );
  }
  return items;
}
