// The screen painter: draws a display page on a 2D canvas. It draws the display list the PDF
// painter draws, with glyphs from the same font files (loaded as FontFace, or as outlines from the
// file when a glyph is not reachable through the cmap), so screen and print cannot drift apart.
import type { Box, Cmyk, DisplayPage, GlyphRun, ImageItem } from '../../engine/display/types';
import { itemBounds, runBounds, type Bounds, type Rect } from './damage';

export { changedAreas, itemBounds, itemHash, type Rect } from './damage';

/** What `cmapGlyph` answers while the glyph's font is on its way: the glyph is skipped, the page repaints when it comes. */
export const GLYPH_PENDING = -2;

export interface GlyphSource {
  /** CSS family of a face's fonts, or null when its glyphs are drawn from outlines. */
  family(face: string): string | null;
  /** Whether the glyph is what the face's cmap gives for its text; if not, it is drawn from its outline. GLYPH_PENDING: not loaded yet. */
  cmapGlyph(face: string, text: string): number;
  /** Draw glyphs still pending as grey bars (thumbnails: text at that size is a grey line anyway). */
  greek?: boolean;
  /** The glyph's outline in font units (y up), or undefined while it is being fetched. */
  outline(face: string, gid: number): { path: Path2D; unitsPerEm: number } | undefined;
}

export interface PaintOptions {
  /** Device pixels per point. */
  scale: number;
  /** Device-pixel position of the trim box's top-left corner. */
  originX: number;
  originY: number;
  /** The parts of the page to draw, points (trim-relative); items wholly outside all of them are skipped. */
  visible?: Rect | Rect[];
  glyphs: GlyphSource;
  images?: ReadonlyMap<string, CanvasImageSource>;
  /** Screen-only marks (overset); off for the print preview and the screen-versus-PDF check. */
  marks?: boolean;
  /**
   * Device pixels: text set smaller than this is drawn as grey lines (greeked), as in thumbnails,
   * where a page's 3,000 glyphs one or two pixels high cost a few milliseconds each time it is painted.
   */
  greekBelow?: number;
}

/**
 * CMYK to screen RGB the way poppler renders DeviceCMYK (pdftoppm), so the page view and a
 * rendered proof match pixel for pixel; a colour-managed preview would need the output intent's ICC.
 */
export function cmykToCss(c: Cmyk): string {
  const k = c.k / 100;
  const r = Math.round(255 * (1 - Math.min(1, c.c / 100 + k)));
  const g = Math.round(255 * (1 - Math.min(1, c.m / 100 + k)));
  const b = Math.round(255 * (1 - Math.min(1, c.y / 100 + k)));
  return `rgb(${r},${g},${b})`;
}

const colourCache = new Map<string, string>();
function css(c: Cmyk): string {
  const key = `${c.c},${c.m},${c.y},${c.k}`;
  let v = colourCache.get(key);
  if (!v) {
    v = cmykToCss(c);
    colourCache.set(key, v);
  }
  return v;
}

function drawRun(ctx: CanvasRenderingContext2D, run: GlyphRun, src: GlyphSource): void {
  const family = src.family(run.face);
  ctx.fillStyle = css(run.color);
  if (family) ctx.font = `${run.size}px ${family}`;
  // 长/扁字: each glyph drawn scaled horizontally about its origin, as the PDF's Tz does.
  const sx = run.vertical ? 1 : (run.scale ?? 1);
  for (const g of run.glyphs) {
    const x = run.x + g.x;
    const y = run.y + g.y;
    const cmap = src.cmapGlyph(run.face, g.text);
    if (cmap === GLYPH_PENDING) {
      if (src.greek && !run.vertical) {
        ctx.globalAlpha = 0.3;
        ctx.fillRect(x, y - run.size * 0.8, g.advance, run.size * 0.8);
        ctx.globalAlpha = 1;
      }
      continue;
    }
    const viaCmap = family !== null && cmap === g.gid;
    if (viaCmap && !g.rotate && sx === 1) {
      ctx.fillText(g.text, x, y);
      continue;
    }
    if (viaCmap && !g.rotate) {
      ctx.save();
      ctx.translate(x, y);
      ctx.scale(sx, 1);
      ctx.fillText(g.text, 0, 0);
      ctx.restore();
      continue;
    }
    if (viaCmap) {
      ctx.save();
      ctx.translate(x, y);
      ctx.rotate(Math.PI / 2);
      ctx.fillText(g.text, 0, 0);
      ctx.restore();
      continue;
    }
    const o = src.outline(run.face, g.gid);
    if (!o) continue; // fetched in the background; the page repaints when it arrives
    const k = run.size / o.unitsPerEm;
    ctx.save();
    ctx.translate(x, y);
    if (g.rotate) ctx.rotate(Math.PI / 2);
    ctx.scale(k * sx, -k);
    ctx.fill(o.path);
    ctx.restore();
  }
}

/** A run as a line of grey: where its glyphs stand, about as dark as the text reads from afar. */
function greekRun(ctx: CanvasRenderingContext2D, run: GlyphRun): void {
  if (!run.glyphs.length) return;
  const first = run.glyphs[0],
    last = run.glyphs[run.glyphs.length - 1];
  ctx.fillStyle = css(run.color);
  ctx.globalAlpha = 0.5;
  if (run.vertical) {
    // Upright glyphs stand left of the column's centre line by their own placement.
    let x0 = Infinity;
    for (const g of run.glyphs) x0 = Math.min(x0, g.x);
    ctx.fillRect(
      run.x + x0 + run.size * 0.1,
      run.y + first.y - run.size * 0.9,
      run.size * 0.8,
      last.y - first.y + run.size,
    );
  } else
    ctx.fillRect(run.x + first.x, run.y - run.size * 0.75, last.x + last.advance - first.x, run.size * 0.8);
  ctx.globalAlpha = 1;
}

/** The label of a photo frame without its photo. */
export const MISSING_PHOTO = '图片未载入';

function drawImage(
  ctx: CanvasRenderingContext2D,
  it: ImageItem,
  images?: ReadonlyMap<string, CanvasImageSource>,
): void {
  const img = images?.get(it.asset);
  ctx.save();
  ctx.beginPath();
  ctx.rect(it.x, it.y, it.w, it.h);
  ctx.clip();
  if (img) ctx.drawImage(img, it.imageX, it.imageY, it.imageW, it.imageH);
  else {
    // A grey frame, saying so: the photo's bytes are not here (yet) — still decoding, or a newsroom
    // photo not fetched (offline) — or cannot be decoded (preflight reports it).
    ctx.fillStyle = '#d9d6cf';
    ctx.fillRect(it.x, it.y, it.w, it.h);
    const size = Math.min(10, it.h / 3, it.w / 6);
    if (size >= 3) {
      ctx.fillStyle = '#77736b';
      ctx.font = `${size}px sans-serif`;
      ctx.textAlign = 'center';
      ctx.fillText(MISSING_PHOTO, it.x + it.w / 2, it.y + it.h / 2 + size / 3);
    }
  }
  ctx.restore();
}

const toBounds = (r: Rect): Bounds => ({ x0: r.x, y0: r.y, x1: r.x + r.w, y1: r.y + r.h });
const meets = (b: Bounds, v: Rect) => b.x1 >= v.x && b.x0 <= v.x + v.w && b.y1 >= v.y && b.y0 <= v.y + v.h;
const intersects = (b: Bounds, v?: PaintOptions['visible']) =>
  !v || (Array.isArray(v) ? v.some((r) => meets(b, r)) : meets(b, v));

/** Paints the page's paper (trim plus bleed) and every display item. */
export function paintPage(ctx: CanvasRenderingContext2D, page: DisplayPage, o: PaintOptions): void {
  ctx.setTransform(o.scale, 0, 0, o.scale, o.originX, o.originY);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, page.width, page.height);
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  for (const it of page.items) {
    switch (it.kind) {
      case 'glyphs':
        if (!intersects(runBounds(it), o.visible)) break;
        if (o.greekBelow && it.size * o.scale < o.greekBelow) greekRun(ctx, it);
        else drawRun(ctx, it, o.glyphs);
        break;
      case 'rule': {
        if (o.visible && !intersects(toBounds(itemBounds(it)), o.visible)) break;
        ctx.strokeStyle = css(it.color);
        ctx.lineWidth = it.width;
        ctx.setLineDash(it.dash ?? []);
        ctx.beginPath();
        ctx.moveTo(it.x1, it.y1);
        ctx.lineTo(it.x2, it.y2);
        ctx.stroke();
        ctx.setLineDash([]);
        break;
      }
      case 'box':
        if (o.visible && !intersects(toBounds(itemBounds(it)), o.visible)) break;
        if (it.radius || it.stroke?.dash) {
          drawStyledBox(ctx, it);
          break;
        }
        if (it.fill) {
          ctx.fillStyle = css(it.fill);
          ctx.fillRect(it.x, it.y, it.w, it.h);
        }
        if (it.stroke) {
          ctx.strokeStyle = css(it.stroke.color);
          ctx.lineWidth = it.stroke.width;
          ctx.strokeRect(it.x, it.y, it.w, it.h);
        }
        break;
      case 'image':
        if (o.visible && !intersects(toBounds(itemBounds(it)), o.visible)) break;
        drawImage(ctx, it, o.images);
        break;
      case 'overset':
        if (o.marks === false) break;
        drawOversetMark(ctx, it.x, it.y);
        break;
    }
  }
}

/** The typesetter's overset sign: a red boxed plus at the end of the last region. */
function drawOversetMark(ctx: CanvasRenderingContext2D, x: number, y: number): void {
  const s = 7;
  ctx.save();
  ctx.fillStyle = '#ffffff';
  ctx.strokeStyle = '#c8102e';
  ctx.lineWidth = 0.8;
  ctx.fillRect(x - s, y - s, s, s);
  ctx.strokeRect(x - s, y - s, s, s);
  ctx.beginPath();
  ctx.moveTo(x - s / 2, y - s + 1.5);
  ctx.lineTo(x - s / 2, y - 1.5);
  ctx.moveTo(x - s + 1.5, y - s / 2);
  ctx.lineTo(x - 1.5, y - s / 2);
  ctx.stroke();
  ctx.restore();
}

/** A box with round corners or a dotted rule (a story's box style, a tint inside it). */
function drawStyledBox(ctx: CanvasRenderingContext2D, it: Box): void {
  ctx.beginPath();
  ctx.roundRect(it.x, it.y, it.w, it.h, it.radius ?? 0);
  if (it.fill) {
    ctx.fillStyle = css(it.fill);
    ctx.fill();
  }
  if (it.stroke) {
    ctx.strokeStyle = css(it.stroke.color);
    ctx.lineWidth = it.stroke.width;
    ctx.setLineDash(it.stroke.dash ?? []);
    ctx.stroke();
    ctx.setLineDash([]);
  }
}
