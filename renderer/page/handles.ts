// The open story's handles on the page view: where they are (each editable rectangle's eight, its
// edges, the label tab that moves the whole story), drawn by overlay-paint.ts and grabbed by drag.ts.
import type { Placement } from '../../engine/model/types';
import {
  boundsOf,
  getRect,
  placementRects,
  rectToPoints,
  type Handle,
  type GridMetrics,
  type PtRect,
  type RectRef,
} from '../state/placing';

export const HANDLE = 4; // screen pixels, half the handle size

/** The rectangles of a placement that have handles: body regions, the headline area, photo frames. */
export function editableRects(
  pl: Placement,
): { ref: RectRef; rect: NonNullable<ReturnType<typeof getRect>> }[] {
  const out: { ref: RectRef; rect: NonNullable<ReturnType<typeof getRect>> }[] = [];
  // Photo frames first: they sit over the text, and their handles win where edges meet.
  pl.photos.forEach((f, i) => out.push({ ref: { kind: 'photo', index: i }, rect: f.area }));
  pl.regions.forEach((r, i) => out.push({ ref: { kind: 'region', index: i }, rect: r }));
  if (pl.headline) out.push({ ref: { kind: 'headline' }, rect: pl.headline.area });
  return out;
}

/** The eight handles of a rectangle, clockwise from the top-left: nw n ne e se s sw w. */
export function handlePoints(p: PtRect): [number, number][] {
  const { x, y, w, h } = p;
  return [
    [x, y],
    [x + w / 2, y],
    [x + w, y],
    [x + w, y + h / 2],
    [x + w, y + h],
    [x + w / 2, y + h],
    [x, y + h],
    [x, y + h / 2],
  ];
}

export const cursorFor = (h: Handle): string => (h === 'move' ? 'move' : `${h}-resize`);

/** What is under the pointer among a story's handles, edges and label tab, at `zoom`. */
export function grabAt(
  grid: GridMetrics,
  pl: Placement,
  x: number,
  y: number,
  zoom: number,
): { ref: RectRef | 'whole'; handle: Handle } | null {
  const tol = (HANDLE + 2) / zoom;
  const b = boundsOf(placementRects(pl));
  if (b) {
    const p = rectToPoints(grid, b);
    if (x >= p.x && x <= p.x + 120 / zoom && y >= p.y - 16 / zoom && y <= p.y)
      return { ref: 'whole', handle: 'move' };
  }
  for (const { ref, rect } of editableRects(pl)) {
    const p = rectToPoints(grid, rect);
    const names: Handle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];
    const pts = handlePoints(p);
    for (let i = 0; i < pts.length; i++)
      if (Math.abs(x - pts[i][0]) <= tol && Math.abs(y - pts[i][1]) <= tol) return { ref, handle: names[i] };
    const inside = x >= p.x && x <= p.x + p.w && y >= p.y && y <= p.y + p.h;
    const nearEdge = inside && (x - p.x < tol || p.x + p.w - x < tol || y - p.y < tol || p.y + p.h - y < tol);
    if (nearEdge) return { ref, handle: 'move' };
  }
  return null;
}
