// The page view's viewport: the page drawn at `zoom` inside a scrolling element with a pasteboard of
// grey around it. Converts between the pointer (client pixels), the canvas (device pixels) and the
// page (points from the top-left of the trim), and keeps a point still when the zoom changes.
import { scrollerMoved, type ScrollerBox } from './scroller-geometry';
import type { DisplayPage } from '../../engine/display/types';
import type { Guide } from '../../engine/model/types';
import { RULER } from './overlay';
import type { PtRect } from '../state/placing';

export const PASTEBOARD = 36; // points of grey around the page

/** How the page is drawn on the canvas now: device pixels per point, the page's origin, what is visible. */
export interface ViewTransform {
  dpr: number;
  /** Device pixels per point. */
  scale: number;
  /** Where the page's top-left falls on the canvas, device pixels. */
  originX: number;
  originY: number;
  /** The part of the page in view, points. */
  view: PtRect;
  /** The viewport in CSS pixels. */
  w: number;
  h: number;
}

export function viewTransform(s: ScrollerBox, zoom: number): ViewTransform {
  const dpr = window.devicePixelRatio || 1;
  const w = s.clientWidth;
  const h = s.clientHeight;
  return {
    dpr,
    scale: zoom * dpr,
    originX: (PASTEBOARD * zoom - s.scrollLeft) * dpr,
    originY: (PASTEBOARD * zoom - s.scrollTop) * dpr,
    view: {
      x: s.scrollLeft / zoom - PASTEBOARD,
      y: s.scrollTop / zoom - PASTEBOARD,
      w: w / zoom,
      h: h / zoom,
    },
    w,
    h,
  };
}

/** The page point under a pointer position. */
export function clientToPage(s: HTMLElement, zoom: number, cx: number, cy: number): { x: number; y: number } {
  const r = s.getBoundingClientRect();
  return {
    x: (cx - r.left + s.scrollLeft) / zoom - PASTEBOARD,
    y: (cy - r.top + s.scrollTop) / zoom - PASTEBOARD,
  };
}

/** Scrolls so that page point `at` is under the pointer again at zoom `next` (Ctrl + wheel, pinch). */
export function scrollToKeep(
  s: HTMLElement,
  at: { x: number; y: number },
  next: number,
  clientX: number,
  clientY: number,
): void {
  const r = s.getBoundingClientRect();
  s.scrollLeft = (at.x + PASTEBOARD) * next - (clientX - r.left);
  s.scrollTop = (at.y + PASTEBOARD) * next - (clientY - r.top);
  scrollerMoved(s);
}

/** A zoom from the toolbar keeps the point at the centre of the view where it was. */
export function keepCentre(s: HTMLElement, from: number, to: number): void {
  const cx = (s.scrollLeft + s.clientWidth / 2) / from;
  const cy = (s.scrollTop + s.clientHeight / 2) / from;
  s.scrollLeft = cx * to - s.clientWidth / 2;
  s.scrollTop = cy * to - s.clientHeight / 2;
  scrollerMoved(s);
}

/** The zoom after a Ctrl + wheel step, within 10% and 800%. */
export function wheelZoom(zoom: number, deltaY: number): number {
  return Math.min(8, Math.max(0.1, zoom * Math.exp(-deltaY * 0.002)));
}

/** Which ruler a pointer position is in (the top one holds horizontal guides), or null. */
export function rulerAt(s: HTMLElement, clientX: number, clientY: number): Guide['axis'] | null {
  const r = s.getBoundingClientRect();
  if (clientY - r.top < RULER) return 'h';
  if (clientX - r.left < RULER) return 'v';
  return null;
}

/** The scrollable size: the page and its pasteboard at this zoom, CSS pixels. */
export function spacerSize(page: DisplayPage | undefined, zoom: number): { width: number; height: number } {
  return page
    ? { width: (page.width + 2 * PASTEBOARD) * zoom, height: (page.height + 2 * PASTEBOARD) * zoom }
    : { width: 0, height: 0 };
}
