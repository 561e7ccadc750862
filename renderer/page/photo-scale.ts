// A photo's scale in its frame: the scale shown (from the display list, so it is what layout set),
// a percentage typed or dragged (Alt-drag inside the frame: right or down enlarges), and cropping by
// the frame's edges, which keeps the image's scale and its place on the page.
import type { DisplayPage, ImageItem } from '../../engine/display/types';
import type { PhotoFrame, Placement } from '../../engine/model/types';
import { rectToPoints, type GridMetrics, type PtRect } from '../state/placing';

const MIN = 1;
const MAX = 10000;
const round1 = (v: number) => Math.round(v * 10) / 10;

/** The image layout set in a frame of `article` whose grid rectangle (points) is `at`: the image
 *  whose frame's centre lies in it (layout insets the picture for stand-offs and clips). */
export function shownImage(page: DisplayPage | undefined, article: string, at: PtRect): ImageItem | null {
  if (!page) return null;
  for (const it of page.items) {
    if (it.kind !== 'image' || it.article !== article) continue;
    const cx = it.x + it.w / 2;
    const cy = it.y + it.h / 2;
    if (cx >= at.x && cx <= at.x + at.w && cy >= at.y && cy <= at.y + at.h) return it;
  }
  return null;
}

/** The scale shown, in per cent of the image's pixels at 72 ppi. */
export const shownScale = (img: ImageItem): number => round1((img.imageW / img.pixelWidth) * 100);

/** A frame set to `percent` (clamped to 1–10000 %), the crop offset kept. */
export function withScale(frame: PhotoFrame, percent: number): PhotoFrame {
  return { ...frame, scale: round1(Math.max(MIN, Math.min(MAX, percent))) };
}

/** Fit or fill: the frame's own scale is dropped, layout scales the image to the frame again. */
export function withFit(frame: PhotoFrame, fit: 'fit' | 'fill'): PhotoFrame {
  const { scale: _s, ...rest } = frame;
  return { ...rest, fit };
}

/** Alt-drag by (dx, dy) points from a start scale: a frame's width of drag doubles it. */
export function scaleByDrag(
  pl: Placement,
  index: number,
  start: number,
  dx: number,
  dy: number,
  frameWidth: number,
): Placement {
  const d = Math.abs(dx) >= Math.abs(dy) ? dx : dy;
  const percent = start * Math.max(0.05, 1 + d / Math.max(1, frameWidth));
  return { ...pl, photos: pl.photos.map((f, i) => (i === index ? withScale(f, percent) : f)) };
}

/**
 * A frame's edge moved (crop): the image keeps its scale and stays where it was on the page, the
 * crop offset recomputed for the new frame (within −1…1, so it still covers the frame where it can).
 */
export function cropKeepingScale(
  g: GridMetrics,
  before: PhotoFrame,
  after: PhotoFrame,
  img: ImageItem,
): PhotoFrame {
  // The picture's box moves with the frame's edges (layout's insets and caption rows stay as they were).
  const a = rectToPoints(g, before.area);
  const b = rectToPoints(g, after.area);
  const x = img.x + (b.x - a.x);
  const y = img.y + (b.y - a.y);
  const w = img.w - (b.x - a.x) + (b.x + b.w - (a.x + a.w));
  const h = img.h - (b.y - a.y) + (b.y + b.h - (a.y + a.h));
  const offset = (pos: number, origin: number, room: number) =>
    Math.abs(room) < 0.01
      ? 0
      : Math.max(-1, Math.min(1, Math.round(((2 * (pos - origin)) / room - 1) * 100) / 100));
  return {
    ...after,
    scale: before.scale ?? shownScale(img),
    cropX: offset(img.imageX, x, w - img.imageW),
    cropY: offset(img.imageY, y, h - img.imageH),
  };
}

/** The scale (%) a frame's image is shown at, 100 when it has none yet. */
export function scaleAt(page: DisplayPage | undefined, article: string, at: PtRect): number {
  const img = shownImage(page, article, at);
  return img ? shownScale(img) : 100;
}

/** A photo frame's edge moved: it crops, the image keeps its scale and place. */
export function keepScale(
  page: DisplayPage | undefined,
  before: Placement,
  after: Placement,
  i: number,
  g: GridMetrics,
): Placement {
  const img = shownImage(page, before.article, rectToPoints(g, before.photos[i].area));
  if (!img || !after.photos[i]) return after;
  const f = cropKeepingScale(g, before.photos[i], after.photos[i], img);
  return { ...after, photos: after.photos.map((x, j) => (j === i ? f : x)) };
}
