// Layout runs on every keystroke; almost every paragraph on the page is the same as a moment ago.
// Composed paragraphs are kept by content and by the measures their lines will meet, so an edit
// recomposes only the paragraph typed in (and the ones whose lines moved to a different measure).
// The cache never changes a result: a hit is the very value a fresh composition would return.
import { composeParagraph } from '../compose/index';
import { HOUSE_STYLES, houseKey } from '../compose/house';
import type { ComposedParagraph, ComposeOptions } from '../compose/types';
import type { FontSet } from '../fonts/metrics';
import type { ParagraphSpec } from './runs';

/** Line widths from a paragraph's first line on: `count` lines at `width`, the last entry for ever. */
export interface MeasurePlan {
  widths: number[];
  counts: number[];
}

const LIMIT = 20000;
const caches = new WeakMap<FontSet, Map<string, ComposedParagraph>>();

export function measureAt(plan: MeasurePlan, line: number): number {
  let at = line;
  for (let i = 0; i < plan.widths.length - 1; i++) {
    if (at < plan.counts[i]) return plan.widths[i];
    at -= plan.counts[i];
  }
  return plan.widths[plan.widths.length - 1];
}

function planKey(plan: MeasurePlan, chars: number): string {
  // Only the widths the paragraph can reach matter: it has at most one line per character.
  let k = '';
  let lines = 0;
  for (let i = 0; i < plan.widths.length; i++) {
    k += `${plan.widths[i].toFixed(3)}x${i === plan.widths.length - 1 ? '*' : plan.counts[i]};`;
    lines += plan.counts[i];
    if (lines > chars + 2) break;
  }
  return k;
}

export function composeCached(spec: ParagraphSpec, plan: MeasurePlan, fonts: FontSet): ComposedParagraph {
  let cache = caches.get(fonts);
  if (!cache) {
    cache = new Map();
    caches.set(fonts, cache);
  }
  // The style's size is the composer's em (indent, CJK–Latin spacing): part of the key, since a run
  // set wholly in a character style does not carry it.
  const house = spec.house ?? HOUSE_STYLES.newspaper;
  const key = `${spec.key}#${spec.style.size}#${planKey(plan, spec.chars + 4)}#${house === HOUSE_STYLES.newspaper ? '' : houseKey(house)}${spec.style.tracking ? `#t${spec.style.tracking}` : ''}${spec.style.scale ? `#x${spec.style.scale}` : ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const single = plan.widths.length === 1;
  const options: ComposeOptions = {
    // 长/扁字: the em of indents and spacing is the scaled character's width.
    em: spec.style.size * (spec.style.scale ?? 1),
    measure: single ? plan.widths[0] : (i: number) => measureAt(plan, i),
    indent: spec.style.indent,
    align: spec.style.align,
    style: 'newspaper',
    house,
    words: spec.words,
    orphanControl: spec.style.align === 'justify',
  };
  if (spec.style.tracking) options.tracking = spec.style.tracking;
  const out = composeParagraph(spec.runs, options, fonts);
  if (cache.size >= LIMIT) cache.clear();
  cache.set(key, out);
  return out;
}

/**
 * A font set that extends `from` with metrics for characters it lacked (`added`: the renderer's
 * fonts by need) composes every paragraph without those characters exactly as `from` did: their
 * compositions are carried over, so laying the pages out again composes only the paragraphs that
 * hold a new character, not the whole edition. (Keys hold the paragraph's text; a key holding a new
 * character anywhere is left behind.)
 */
export function carryComposed(from: FontSet, to: FontSet, added: Iterable<number>): void {
  const old = caches.get(from);
  if (!old) return;
  const fresh = new Set(added);
  let cache = caches.get(to);
  if (!cache) caches.set(to, (cache = new Map()));
  next: for (const [key, composed] of old) {
    for (const ch of key) if (fresh.has(ch.codePointAt(0)!)) continue next;
    if (!cache.has(key)) cache.set(key, composed);
  }
}
