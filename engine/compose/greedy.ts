// First-fit line breaking: each line as full as squeezing allows (push-in before push-out), then
// the orphan check on the last line. Kept for text set unjustified and on request (`breaking:
// 'greedy'`); the optimum-fit breaker also takes a greedy line from any start where no line of its
// own is acceptable (a word wider than the measure), so it can always finish a paragraph.
import { CharClass } from '../text/classes';
import { Break } from '../text/breaks';
import {
  EPS,
  countsAsCharacter,
  fitOf,
  isVisibleMark,
  measureAt,
  type Fit,
  type LinePlan,
  type Para,
} from './paragraph';
import type { BreakKind, ComposeOptions } from './types';

/** Chooses the break of the line starting at cluster s. */
export function planLine(
  p: Para,
  s: number,
  m: number,
  indent: number,
  trimStart: boolean,
  hanging: boolean,
  f: Fit,
): LinePlan {
  const n = p.n;
  let best = -1; // largest legal break whose line fits with shrink
  let natural = s; // largest cluster boundary that fits without shrink
  let fitAny = s; // largest cluster boundary that fits with shrink, legal or not
  let required = false;
  const slack = 2 * p.maxSize + indent;
  for (let k = s + 1; k <= n; k++) {
    fitOf(p, s, k, indent, trimStart, f);
    const fits = f.width - f.shrink <= m + EPS;
    if (f.width <= m + EPS) natural = k;
    if (fits) fitAny = k;
    const b = p.breakable[k];
    if (b !== Break.Never && fits) best = k;
    if (b === Break.Required) {
      if (fits) {
        required = true;
      }
      break;
    }
    if (p.PW[k] - p.PW[s] - (p.PS[k] - p.PS[s]) - slack > m) break;
  }
  if (required) {
    const kind: BreakKind = best === n ? 'end' : 'fit';
    return { s, e: best, kind, hang: false, last: true };
  }
  if (best < 0) {
    // Nothing legal fits. A word or unit longer than the measure is broken where the measure
    // ends; when not even one character fits, the smallest legal unit is set whole and overset,
    // so a mark still never starts a line.
    if (fitAny > s) return { s, e: fitAny, kind: 'emergency', hang: false, last: false };
    let e = s + 1;
    while (e < n && p.breakable[e] === Break.Never) e++;
    return { s, e, kind: 'emergency', hang: false, last: false };
  }
  if (best > natural) return { s, e: best, kind: 'push-in', hang: false, last: false };
  if (best < natural && hanging) {
    // Instead of pushing a character down, let a single 、，。 hang past the measure.
    let e2 = best + 1;
    while (e2 <= n && p.breakable[e2] === Break.Never) e2++;
    const h = e2 - 1;
    const c = p.cc[h];
    const cp = p.cp[h];
    if (
      e2 <= n &&
      h > s &&
      (cp === 0x3001 || cp === 0xff0c || cp === 0x3002) &&
      c === CharClass.Dot &&
      !isVisibleMark(p.cc[h - 1])
    ) {
      fitOf(p, s, h, indent, trimStart, f);
      if (f.width - f.shrink <= m + EPS) return { s, e: e2, kind: 'hang', hang: true, last: e2 === n };
    }
  }
  return { s, e: best, kind: best < natural ? 'push-out' : 'fit', hang: false, last: false };
}
/** Greedy lines for the whole paragraph, with the orphan check applied. */
export function greedyPlans(
  p: Para,
  options: ComposeOptions,
  indentPt: number,
  trimStart: boolean,
  hanging: boolean,
): LinePlan[] {
  const f: Fit = { width: 0, shrink: 0 };
  const plans: LinePlan[] = [];
  let s = 0;
  while (s < p.n) {
    const li = plans.length;
    const indent = li === 0 ? indentPt : 0;
    const m = measureAt(options, li);
    const plan = planLine(p, s, m, indent, trimStart, hanging, f);
    if (plan.e >= p.n) plan.last = true;
    plans.push(plan);
    s = plan.e;
  }

  // Orphan control: the last line must hold at least two characters besides its marks.
  if ((options.orphanControl ?? true) && plans.length >= 2) {
    const last = plans[plans.length - 1];
    let chars = 0;
    for (let k = last.s; k < last.e && chars < 2; k++) if (countsAsCharacter(p.cc[k] as CharClass)) chars++;
    const prev = plans[plans.length - 2];
    if (chars < 2 && !prev.last && prev.kind !== 'emergency') {
      let e2 = prev.e - 1;
      while (e2 > prev.s && p.breakable[e2] === Break.Never) e2--;
      const li = plans.length - 1;
      const m = measureAt(options, li);
      if (e2 > prev.s) {
        fitOf(p, e2, p.n, li === 0 ? indentPt : 0, trimStart, f);
        // Only if the remainder still sets as one line, and the shortened line keeps a character.
        if (f.width - f.shrink <= m + EPS) {
          let kept = 0;
          for (let k = prev.s; k < e2 && kept < 2; k++) if (countsAsCharacter(p.cc[k] as CharClass)) kept++;
          if (kept >= 2) {
            prev.e = e2;
            prev.kind = 'orphan';
            prev.hang = false;
            last.s = e2;
          }
        }
      }
    }
  }
  return plans;
}
