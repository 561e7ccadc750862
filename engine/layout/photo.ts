// Photo setting: a photo in its frame (scaled to fit or fill, cropped), an empty frame as a tinted,
// crossed and labelled box, and the caption in the template's caption style under the picture.
import type { Box, DisplayItem, GlyphRun, ImageItem, MissingGlyph } from '../display/types';
import { BLACK } from '../display/types';
import type { FontSet } from '../fonts/metrics';
import type { Article, Asset, PhotoBlock, PhotoFrame } from '../model/types';
import { composeCached } from './cache';
import { emitLine, missingOf } from './emit';
import { EM_ASCENT, type PageGrid } from './grid';
import { placeholderRun } from './placeholder';
import { blockText, captionParagraph } from './runs';
import { clipRect, type BoxGeometry } from './box';

export function setPhoto(
  a: Article,
  frame: PhotoFrame,
  block: PhotoBlock,
  grid: PageGrid,
  box: BoxGeometry | null,
  fonts: FontSet,
  assets: Map<string, Asset>,
  items: DisplayItem[],
  runs: GlyphRun[],
  missing: MissingGlyph[],
): { overset: { block: number; offset: number; text: string }[]; oversetLines: number } {
  const t = grid.t;
  const area = clipRect(frame.area, grid, box);
  // The picture lines up with the text beside it: from the em top of its first row to the em foot of
  // its last; the caption rows follow.
  const lead = (grid.pitch - grid.em) / 2;
  const pictureRows = Math.max(1, area.h / grid.pitch - frame.captionLines);
  const x = area.x;
  const y = area.y + lead;
  const w = area.w;
  const h = pictureRows * grid.pitch - 2 * lead;
  const asset = block.asset ? assets.get(block.asset) : undefined;
  if (asset) {
    const scale = frame.scale
      ? frame.scale / 100
      : frame.fit === 'fit'
        ? Math.min(w / asset.pixelWidth, h / asset.pixelHeight)
        : Math.max(w / asset.pixelWidth, h / asset.pixelHeight);
    const iw = asset.pixelWidth * scale;
    const ih = asset.pixelHeight * scale;
    const img: ImageItem = {
      kind: 'image',
      asset: asset.id,
      x,
      y,
      w,
      h,
      imageX: x + ((w - iw) / 2) * (1 + (frame.cropX ?? 0)),
      imageY: y + ((h - ih) / 2) * (1 + (frame.cropY ?? 0)),
      imageW: iw,
      imageH: ih,
      pixelWidth: asset.pixelWidth,
      pixelHeight: asset.pixelHeight,
      article: a.id,
    };
    items.push(img);
    if (t.rules.photo > 0)
      items.push({
        kind: 'box',
        x,
        y,
        w,
        h,
        stroke: { width: t.rules.photo, color: BLACK },
        overprint: true,
        role: 'photo-frame',
      });
  } else {
    // An empty frame must not pass for white space on a proof: a tinted box, crossed, labelled.
    const empty: Box = {
      kind: 'box',
      x,
      y,
      w,
      h,
      stroke: { width: 0.5, color: BLACK },
      fill: { c: 0, m: 0, y: 0, k: 10 },
      overprint: false,
      role: 'empty-photo',
    };
    items.push(empty);
    items.push({
      kind: 'rule',
      x1: x,
      y1: y,
      x2: x + w,
      y2: y + h,
      width: 0.25,
      color: BLACK,
      overprint: true,
    });
    items.push({
      kind: 'rule',
      x1: x + w,
      y1: y,
      x2: x,
      y2: y + h,
      width: 0.25,
      color: BLACK,
      overprint: true,
    });
    items.push(
      placeholderRun(fonts, grid, { x, y, w, h }, block.asset ? '图片缺失' : '待放图片', {
        article: a.id,
        block: frame.block,
        offset: 0,
      }),
    );
  }

  const out = { overset: [] as { block: number; offset: number; text: string }[], oversetLines: 0 };
  const text = blockText(block.children);
  if (!text) return out;
  const spec = captionParagraph(t, a.id, frame.block, block.children);
  const para = composeCached(spec, { widths: [w], counts: [Infinity] }, fonts);
  missingOf(para.missing, missing);
  const lh = spec.style.lineHeight;
  const limit = area.y + area.h - lead;
  let top = y + h + lead;
  para.lines.forEach((line) => {
    if (top + lh > limit + 0.01 || frame.captionLines === 0) {
      const first = line.glyphs[0];
      out.overset.push({ block: frame.block, offset: first ? first.src.offset : 0, text: line.text });
      out.oversetLines++;
      return;
    }
    emitLine(line, x, top + (lh - spec.style.size) / 2 + spec.style.size * EM_ASCENT, 'caption', runs);
    top += lh;
  });
  return out;
}
