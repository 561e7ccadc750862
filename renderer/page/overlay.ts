// What the selection tool draws over the page: the selected frames with their corner marks, the
// marquee being dragged, and the rulers along the top and left of the view (mm from the trim's
// top-left, with 字 and 行 of the type area's grid). Guides only: print preview and PDF never show them.
import type { Guide, Page } from '../../engine/model/types';
import type { Template } from '../../engine/templates';
import { rectToPoints, type GridMetrics, type PtRect } from '../state/placing';
import { frameRects, type FrameRef } from './selection';

export const RULER = 18; // CSS pixels

/** Selected frames and the marquee, in page points (the context is set to page space). */
export function drawSelection(
  ctx: CanvasRenderingContext2D,
  g: GridMetrics,
  page: Pick<Page, 'placements' | 'ads'>,
  frames: FrameRef[],
  marquee: PtRect | null,
  px: number,
): void {
  ctx.save();
  ctx.strokeStyle = 'rgba(230,120,0,0.95)';
  ctx.fillStyle = 'rgba(230,120,0,0.08)';
  ctx.lineWidth = 2 * px;
  for (const f of frames) {
    for (const r of frameRects(page, f)) {
      const p = rectToPoints(g, r);
      ctx.fillRect(p.x, p.y, p.w, p.h);
      ctx.strokeRect(p.x, p.y, p.w, p.h);
      ctx.fillStyle = 'rgba(230,120,0,0.95)';
      for (const [x, y] of [
        [p.x, p.y],
        [p.x + p.w, p.y],
        [p.x, p.y + p.h],
        [p.x + p.w, p.y + p.h],
      ])
        ctx.fillRect(x - 3 * px, y - 3 * px, 6 * px, 6 * px);
      ctx.fillStyle = 'rgba(230,120,0,0.08)';
    }
  }
  if (marquee) {
    ctx.setLineDash([4 * px, 3 * px]);
    ctx.lineWidth = px;
    ctx.strokeStyle = 'rgba(30,90,200,0.9)';
    ctx.fillStyle = 'rgba(30,90,200,0.06)';
    ctx.fillRect(marquee.x, marquee.y, marquee.w, marquee.h);
    ctx.strokeRect(marquee.x, marquee.y, marquee.w, marquee.h);
  }
  ctx.restore();
}

/**
 * Rulers in device pixels: `toDevice` maps a page point to the canvas. Millimetre ticks (labelled
 * every 10 or 50 mm as the zoom allows) and, in blue, the type area's 字 across and 行 down.
 */
export function drawRulers(
  ctx: CanvasRenderingContext2D,
  t: Template,
  dpr: number,
  scale: number,
  originX: number,
  originY: number,
  w: number,
  h: number,
): void {
  const R = RULER * dpr;
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = '#f7f6f2';
  ctx.fillRect(0, 0, w, R);
  ctx.fillRect(0, 0, R, h);
  ctx.strokeStyle = '#8a877f';
  ctx.fillStyle = '#55524c';
  ctx.lineWidth = 1;
  ctx.font = `${9 * dpr}px sans-serif`;
  const mmPx = (72 / 25.4) * scale;
  const labelEvery = mmPx * 10 > 40 * dpr ? 10 : mmPx * 50 > 40 * dpr ? 50 : 100;
  const minor = mmPx >= 4 * dpr ? 1 : mmPx * 5 >= 4 * dpr ? 5 : 10;
  ctx.beginPath();
  const mmFrom = (o: number, len: number) => [Math.floor(-o / mmPx), Math.ceil((len - o) / mmPx)];
  const [x0, x1] = mmFrom(originX, w);
  for (let m = Math.ceil(x0 / minor) * minor; m <= x1; m += minor) {
    const x = Math.round(originX + m * mmPx) + 0.5;
    if (x < R) continue;
    const len = m % labelEvery === 0 ? R * 0.6 : m % 5 === 0 ? R * 0.35 : R * 0.2;
    ctx.moveTo(x, 0);
    ctx.lineTo(x, len);
    if (m % labelEvery === 0) ctx.fillText(String(m), x + 2 * dpr, R * 0.55);
  }
  const [y0, y1] = mmFrom(originY, h);
  for (let m = Math.ceil(y0 / minor) * minor; m <= y1; m += minor) {
    const y = Math.round(originY + m * mmPx) + 0.5;
    if (y < R) continue;
    const len = m % labelEvery === 0 ? R * 0.6 : m % 5 === 0 ? R * 0.35 : R * 0.2;
    ctx.moveTo(0, y);
    ctx.lineTo(len, y);
    if (m % labelEvery === 0) {
      ctx.save();
      ctx.translate(R * 0.55, y + 2 * dpr);
      ctx.rotate(-Math.PI / 2);
      ctx.fillText(String(m), -ctx.measureText(String(m)).width - 2 * dpr, 0);
      ctx.restore();
    }
  }
  ctx.stroke();
  // The grid's own units along the type area: 字 across, 行 down (every 5th longer).
  ctx.strokeStyle = 'rgba(0,120,190,0.8)';
  ctx.beginPath();
  const em = t.body.size * scale;
  if (em >= 3 * dpr) {
    const n = Math.floor(t.typeArea.w / t.body.size);
    for (let i = 0; i <= n; i++) {
      const x = Math.round(originX + (t.typeArea.x + i * t.body.size) * scale) + 0.5;
      if (x < R || x > w) continue;
      ctx.moveTo(x, R);
      ctx.lineTo(x, R - (i % 5 === 0 ? R * 0.35 : R * 0.18));
    }
  }
  const pitch = t.body.pitch * scale;
  if (pitch >= 3 * dpr) {
    for (let i = 0; i <= t.grid.lines; i++) {
      const y = Math.round(originY + (t.typeArea.y + i * t.body.pitch) * scale) + 0.5;
      if (y < R || y > h) continue;
      ctx.moveTo(R, y);
      ctx.lineTo(R - (i % 5 === 0 ? R * 0.35 : R * 0.18), y);
    }
  }
  ctx.stroke();
  ctx.strokeStyle = '#b9b5ac';
  ctx.beginPath();
  ctx.moveTo(0, R + 0.5);
  ctx.lineTo(w, R + 0.5);
  ctx.moveTo(R + 0.5, 0);
  ctx.lineTo(R + 0.5, h);
  ctx.stroke();
  ctx.fillStyle = '#e9e7e1';
  ctx.fillRect(0, 0, R, R);
  ctx.fillStyle = '#55524c';
  ctx.fillText('mm', 2 * dpr, R * 0.65);
  ctx.restore();
}

/** Ruler guides across the page, in page points; the one being dragged drawn stronger. */
export function drawGuides(
  ctx: CanvasRenderingContext2D,
  guides: Guide[],
  page: { width: number; height: number },
  px: number,
  active?: Guide | null,
): void {
  ctx.save();
  ctx.lineWidth = px;
  for (const g of [...guides, ...(active ? [active] : [])]) {
    ctx.strokeStyle = g === active ? 'rgba(220,0,160,0.95)' : 'rgba(0,170,220,0.85)';
    ctx.beginPath();
    if (g.axis === 'h') {
      ctx.moveTo(-36, g.at);
      ctx.lineTo(page.width + 36, g.at);
    } else {
      ctx.moveTo(g.at, -36);
      ctx.lineTo(g.at, page.height + 36);
    }
    ctx.stroke();
  }
  ctx.restore();
}

/**
 * Where a guide lands: on the type area's 字 (vertical guides) or 行 (horizontal ones) inside it, on
 * whole millimetres outside; rounded to hundredths of a point so the file keeps short numbers.
 */
export function snapGuide(t: Template, axis: Guide['axis'], at: number): number {
  const [from, len, step] =
    axis === 'v' ? [t.typeArea.x, t.typeArea.w, t.body.size] : [t.typeArea.y, t.typeArea.h, t.body.pitch];
  const v =
    at >= from && at <= from + len
      ? from + Math.round((at - from) / step) * step
      : Math.round(at / (72 / 25.4)) * (72 / 25.4);
  return Math.round(v * 100) / 100;
}
