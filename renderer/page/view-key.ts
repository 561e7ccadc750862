// The page's objects as part of the page view's key (what a paint drew, so the next can repaint only
// what changed). Asked several times a keystroke; the placements, ads and guides are replaced, never
// changed in place, by every step that moves them, so each array is written out once.
import type { Page } from '../../engine/model/types';

const written = new WeakMap<object, string>();

function once(value: object | undefined, write: (v: object) => string): string {
  if (!value) return 'null';
  let k = written.get(value);
  if (k === undefined) written.set(value, (k = write(value)));
  return k;
}

export function pageObjectsKey(p: Page | undefined): string[] {
  return [
    once(p?.placements, (v) => (v as Page['placements']).map((pl) => JSON.stringify(pl)).join('|')),
    once(p?.ads, (v) => JSON.stringify(v)),
    once(p?.guides, (v) => JSON.stringify(v)),
  ];
}
