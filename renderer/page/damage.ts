// What a relayout changed on a page, as rectangles to repaint: where each display item may leave
// ink, and a fingerprint of what it draws, so typing in one story repaints only its own lines.
import type { Cmyk, DisplayItem, DisplayPage, GlyphRun } from '../../engine/display/types';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface Bounds {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function runBounds(run: GlyphRun): Bounds {
  if (!run.glyphs.length) return { x0: run.x, y0: run.y, x1: run.x, y1: run.y };
  const last = run.glyphs[run.glyphs.length - 1];
  if (run.vertical)
    return {
      x0: run.x - run.size,
      y0: run.y + run.glyphs[0].y - run.size,
      x1: run.x + run.size,
      y1: run.y + last.y + last.advance + run.size,
    };
  return {
    x0: run.x + run.glyphs[0].x,
    y0: run.y - run.size * 1.2,
    x1: run.x + last.x + last.advance,
    y1: run.y + run.size * 0.4,
  };
}

/** Where an item may leave ink, points: generous, so a repaint of these bounds leaves no trace of it. */
export function itemBounds(it: DisplayItem): Rect {
  let b: Bounds;
  switch (it.kind) {
    case 'glyphs':
      b = runBounds(it);
      break;
    case 'rule':
      b = {
        x0: Math.min(it.x1, it.x2) - it.width,
        y0: Math.min(it.y1, it.y2) - it.width,
        x1: Math.max(it.x1, it.x2) + it.width,
        y1: Math.max(it.y1, it.y2) + it.width,
      };
      break;
    case 'box': {
      const w = it.stroke?.width ?? 0;
      b = { x0: it.x - w, y0: it.y - w, x1: it.x + it.w + w, y1: it.y + it.h + w };
      break;
    }
    case 'image':
      b = { x0: it.x, y0: it.y, x1: it.x + it.w, y1: it.y + it.h };
      break;
    case 'overset':
      b = { x0: it.x - 8, y0: it.y - 8, x1: it.x + 1, y1: it.y + 1 };
      break;
  }
  return { x: b.x0 - 1, y: b.y0 - 1, w: b.x1 - b.x0 + 2, h: b.y1 - b.y0 + 2 };
}

const faceCodes = new Map<string, number>();
function faceCode(face: string): number {
  let c = faceCodes.get(face);
  if (c === undefined) {
    c = faceCodes.size + 1;
    faceCodes.set(face, c);
  }
  return c;
}

/** A fingerprint of what an item draws, to find what a relayout changed without comparing deeply. */
export function itemHash(it: DisplayItem): number {
  let h = hashes.get(it);
  if (h === undefined) hashes.set(it, (h = hashOf(it)));
  return h;
}

/**
 * Display items are never changed once laid out: each is hashed once, so a keystroke hashes the new
 * layout's items, not the previous layout's again.
 */
const hashes = new WeakMap<DisplayItem, number>();

function hashOf(it: DisplayItem): number {
  let h = 0x811c9dc5;
  const mix = (v: number) => {
    h = Math.imul(h ^ Math.round(v * 64), 16777619);
  };
  const colour = (c: Cmyk) => {
    mix(c.c);
    mix(c.m);
    mix(c.y);
    mix(c.k);
  };
  switch (it.kind) {
    case 'glyphs':
      mix(1);
      mix(faceCode(it.face));
      mix(it.size);
      mix(it.x);
      mix(it.y);
      colour(it.color);
      mix(it.vertical ? 1 : 0);
      if (it.scale) mix(it.scale);
      for (const g of it.glyphs) {
        mix(g.gid);
        mix(g.x);
        mix(g.y);
        if (g.rotate) mix(7);
      }
      break;
    case 'rule':
      mix(2);
      mix(it.x1);
      mix(it.y1);
      mix(it.x2);
      mix(it.y2);
      mix(it.width);
      colour(it.color);
      for (const d of it.dash ?? []) mix(d);
      break;
    case 'box':
      mix(3);
      mix(it.x);
      mix(it.y);
      mix(it.w);
      mix(it.h);
      if (it.fill) colour(it.fill);
      if (it.stroke) {
        mix(it.stroke.width);
        colour(it.stroke.color);
        for (const d of it.stroke.dash ?? []) mix(d);
      }
      if (it.radius) mix(it.radius);
      break;
    case 'image':
      mix(4);
      mix(it.x);
      mix(it.y);
      mix(it.w);
      mix(it.h);
      mix(it.imageX);
      mix(it.imageY);
      mix(it.imageW);
      mix(it.imageH);
      mix(it.asset.length);
      for (let i = 0; i < it.asset.length; i++) mix(it.asset.charCodeAt(i));
      break;
    case 'overset':
      mix(5);
      mix(it.x);
      mix(it.y);
      break;
  }
  return h >>> 0;
}

/**
 * What changed between two layouts of a page, as rectangles to repaint: the bounds of every item
 * that is new, moved or gone. Typing in one story touches only its own lines.
 */
export function changedAreas(before: DisplayPage, after: DisplayPage): Rect[] {
  const old = new Map<number, Rect[]>();
  for (const it of before.items) {
    const k = itemHash(it);
    const list = old.get(k);
    if (list) list.push(itemBounds(it));
    else old.set(k, [itemBounds(it)]);
  }
  const out: Rect[] = [];
  for (const it of after.items) {
    const list = old.get(itemHash(it));
    if (list?.length) list.pop();
    else out.push(itemBounds(it));
  }
  for (const list of old.values()) out.push(...list);
  return out;
}
