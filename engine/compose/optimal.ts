// One idea: optimum-fit line breaking (demerits, candidate lines, the break graph), kept whole because
// its parts are one algorithm tuned together.
// Optimum-fit line breaking for justified text (cjk-typesetting.md §1.4, §4; Knuth–Plass over the
// CJK break opportunities). First-fit squeezes every line as full as it can, so when an unbreakable
// number or Latin word follows, the next line is left short and letterspaced by up to two ems while
// its neighbours are squeezed hard. Choosing all of a paragraph's breaks together lets a line give
// up a character early so that a later one needs no letterspacing.
//
// Candidates are the legal breaks whose line fits with the shrink the style allows (a line may end
// with a mark squeezed in), plus a hanging 、，。 when hanging is on. Each line costs demerits:
// badness from the ratio of the adjustment to what is available, weighted by what a reader sees
// (marks squeezed by CLREQ priority barely, Han letterspacing clearly), squared as in TeX, plus
// demerits for giving away text a line could have held by squeezing (push-out), for a hard squeeze
// after a hard squeeze or next to a loose line, for a hanging mark, and for an orphan last line.
// Ties go to the fuller earlier lines, so where nothing is gained the result is the first-fit one.
//
// A line's measure and indent depend on its index, so the state is (break position, line index,
// fitness class), with line indexes told apart only while the measure still changes: with one
// measure only the first line differs (the indent), and beside a photo only the lines alongside it.
// Only lines whose natural width comes within MAX_LOOSE ems of the measure are tried, so each
// position has a handful of successors and the work grows linearly with the paragraph.
import { CharClass } from '../text/classes';
import { Break } from '../text/breaks';
import { Priority } from './punctuation';
import {
  EPS,
  countsAsCharacter,
  fitOf,
  houseOf,
  isVisibleMark,
  lastVisible,
  measureAt,
  noStretchGap,
  type Fit,
  type LinePlan,
  type Para,
} from './paragraph';
import { planLine } from './greedy';
import type { BreakKind, ComposeOptions } from './types';

// Demerits. A line's are (LINE_PENALTY + badness)², plus the penalties below. Badness 100 is a line
// a typesetter would reset: an em of Han letterspacing across a 17-character line. Squeezing every
// mark of one CLREQ priority to half width is badness 10 (20 for CJK–Latin spaces and periods): the
// newspaper style does it all the time, as the printed sample shows.
const LINE_PENALTY = 10; // of two equally good settings, the one with fewer lines
/** Badness past this is "as bad as can be" (TeX's 10000): beyond it lines differ only by penalties. */
const MAX_BADNESS = 10000;
const PUSH_OUT = 3000; // a line ends before text it could have held by squeezing (先挤进，后推出)
/** A house that keeps characters (HouseStyle.squeeze): a push-out costs more than any line's
 *  badness, per cluster given away, so it happens only to avoid an orphan or an over-open line. */
const PUSH_OUT_KEEP = 2e8;
/** A line letterspaced past the house's limit: worse than pushing characters down. */
const OVER_OPEN = 1e10;
const HANG = 500; // hanging is a fallback, not a way to gain room
const TIGHT_AFTER_TIGHT = 1000;
const UNEVEN = 1000; // a hard squeeze next to a letterspaced line
const ORPHAN = 1e9; // a last line of one character (plus marks): worse than any line the breaker tries
const FITNESS_SPAN = Math.max(TIGHT_AFTER_TIGHT, UNEVEN);
const EMERGENCY = 1e11; // a word or unit wider than the measure, broken where the measure ends

/** Lines whose natural width falls more than this many ems short of the measure are not tried. */
const MAX_LOOSE = 2.5;
/** Squeezed by this many ems or more, a line is tight (an em is ordinary: two marks set at half width); its
 *  Han gaps opened by more than LOOSE_EM ems in all, loose. */
const TIGHT_EM = 1.25;
const LOOSE_EM = 0.5;

const TIGHT = 0,
  DECENT = 1,
  LOOSE = 2;

/** Line counts followed at one break position while the measure still changes. */
const MAX_LINE_STATES = 6;

/** Reduction order (CLREQ §4.2) and how visible each squeeze is at its fullest (× badness 100). */
const SHRINK_PRIORITIES = [
  Priority.WordSpace,
  Priority.Interpunct,
  Priority.Bracket,
  Priority.Comma,
  Priority.CjkLatin,
  Priority.Period,
];
const SHRINK_WEIGHT = [0.1, 0.1, 0.1, 0.1, 0.2, 0.2];
/** Opening word and CJK–Latin spaces up to ½ em is hardly seen. */
const SPACE_STRETCH_WEIGHT = 0.2;
/** Letterspacing per gap at which badness reaches 100: Han gaps, Western word spaces past ½ em,
 *  and (last resort) gaps inside Latin words, in ems. */
const HAN_GAP_REF = 1 / 16,
  SPACE_GAP_REF = 1 / 8,
  WORD_GAP_REF = 1 / 32;

interface Tables {
  /** Prefix sums of what each reduction priority may squeeze, interleaved: [k * SHRINK_SLOTS + i]
   *  for SHRINK_PRIORITIES[i] over clusters [0, k). */
  shrink: Float64Array;
  /** Prefix sums of what word spaces and CJK–Latin spaces may open. */
  spaceStretch: Float64Array;
  /** Prefix counts of the gaps after cluster k that justification may open, by fallback level. */
  hanGaps: Int32Array;
  spaceGaps: Int32Array;
  anyGaps: Int32Array;
  /** First cluster boundary ≥ k with a required break (n at the latest). */
  nextRequired: Int32Array;
}

const SHRINK_SLOTS = SHRINK_PRIORITIES.length;
const SLOT = new Int8Array(8).fill(-1);
SHRINK_PRIORITIES.forEach((pr, i) => {
  SLOT[pr] = i;
});
const CJK_LATIN_SLOT = SLOT[Priority.CjkLatin];

/** Badness and fitness class of clusters [s, e) set as one line, or NaN badness if it can't be. */
interface Cost {
  badness: number;
  fitness: number;
  width: number;
  /** letterspacing, points */ open: number;
}

/** `f` holds fitOf(s, e). */
function lineCost(
  p: Para,
  t: Tables,
  s: number,
  e: number,
  m: number,
  trimStart: boolean,
  last: boolean,
  em: number,
  f: Fit,
  out: Cost,
): Cost {
  const width = f.width;
  out.width = width;
  out.badness = 0;
  out.fitness = DECENT;
  out.open = 0;
  const l = lastVisible(p, s, e);
  if (width > m + EPS) {
    let need = width - m;
    if (need > f.shrink + EPS) {
      out.badness = NaN;
      return out;
    }
    out.fitness = need >= TIGHT_EM * em - EPS ? TIGHT : DECENT;
    const pre = t.shrink;
    for (let i = 0; i < SHRINK_SLOTS && need > EPS; i++) {
      const pr = SHRINK_PRIORITIES[i];
      let avail: number;
      if (pr === Priority.CjkLatin)
        avail = pre[l * SHRINK_SLOTS + i] - pre[s * SHRINK_SLOTS + i]; // the gaps inside the line
      else {
        avail = pre[(l + 1) * SHRINK_SLOTS + i] - pre[s * SHRINK_SLOTS + i];
        if (p.pri[l] === pr) avail -= p.cR[l]; // trimmed at the line end already
        if (trimStart && p.cc[s] === CharClass.Open && p.pri[s] === pr) avail -= p.cL[s];
      }
      if (avail <= EPS) continue;
      const used = need < avail ? need : avail;
      const r = used / avail;
      out.badness += 100 * SHRINK_WEIGHT[i] * r * r * r;
      need -= used;
    }
    return out;
  }
  let gap = m - width;
  if (last || gap <= EPS || l < s) return out;
  const cap = t.spaceStretch[l] - t.spaceStretch[s];
  if (cap > EPS) {
    const used = gap < cap ? gap : cap;
    const r = used / cap;
    out.badness += 100 * SPACE_STRETCH_WEIGHT * r * r * r;
    gap -= used;
  }
  if (gap > EPS) {
    // The rest letterspaces, with the fallbacks justification uses (./index.ts setLine).
    let gaps = t.hanGaps[l] - t.hanGaps[s];
    let ref = HAN_GAP_REF;
    if (gaps === 0) {
      gaps = t.spaceGaps[l] - t.spaceGaps[s];
      ref = SPACE_GAP_REF;
    }
    if (gaps === 0) {
      gaps = t.anyGaps[l] - t.anyGaps[s];
      ref = WORD_GAP_REF;
    }
    if (gaps === 0) {
      out.badness = NaN;
      return out;
    } // could not be justified
    const r = gap / (gaps * ref * em);
    out.badness += 100 * r * r * r;
    out.open = gap;
    if (gap > LOOSE_EM * em + EPS) out.fitness = LOOSE;
  }
  return out;
}

function isHangable(p: Para, s: number, h: number): boolean {
  const cp = p.cp[h];
  return (
    h > s &&
    (cp === 0x3001 || cp === 0xff0c || cp === 0x3002) &&
    p.cc[h] === CharClass.Dot &&
    !isVisibleMark(p.cc[h - 1] as CharClass)
  );
}

function orphanEnd(p: Para, s: number): boolean {
  let chars = 0;
  for (let k = s; k < p.n && chars < 2; k++) if (countsAsCharacter(p.cc[k] as CharClass)) chars++;
  return chars < 2;
}

interface Context {
  p: Para;
  t: Tables;
  options: ComposeOptions;
  indentPt: number;
  trimStart: boolean;
  hanging: boolean;
  orphans: boolean;
  em: number;
  f: Fit;
  cost: Cost;
  /** Demerits of a push-out per cluster given away, on the first line and after it (the house style). */
  pushOutFirst: number;
  pushOut: number;
  perCluster: boolean;
  /** Letterspacing past which a line costs OVER_OPEN, points. */
  maxOpen: number;
}

/**
 * The first line index from which the measure no longer changes. With one measure that is line 1
 * (only the first line has the indent). A measure function is read ahead for about twice the lines
 * the paragraph could fill at its narrowest width; if it changed again beyond that, the breaks would
 * still be set at each line's own measure, only chosen with less foresight.
 */
function steadyLine(p: Para, options: ComposeOptions): number {
  if (typeof options.measure === 'number') return 1;
  const total = p.PW[p.n];
  let least = measureAt(options, 0);
  const reach = (m: number) => Math.min(p.n + 1, 2 * Math.ceil(total / m) + 8);
  let horizon = reach(least);
  const widths = [least];
  for (let i = 1; i <= horizon; i++) {
    const m = measureAt(options, i);
    widths.push(m);
    if (m < least) {
      least = m;
      horizon = Math.max(horizon, reach(least));
    }
  }
  let from = widths.length - 1;
  while (from > 1 && widths[from - 1] === widths[widths.length - 1]) from--;
  return Math.max(1, from);
}

/**
 * The breaker: its working arrays (prefix tables, candidate lines, the break graph) are kept between
 * paragraphs, since layout composes on every keystroke and nothing here should be per-call garbage.
 * Not re-entrant: one paragraph at a time per breaker (a `measure` function must not compose).
 */
export class Breaker {
  // Prefix tables of the paragraph.
  private readonly scratch: Tables = {
    shrink: new Float64Array(0),
    spaceStretch: new Float64Array(0),
    hanGaps: new Int32Array(0),
    spaceGaps: new Int32Array(0),
    anyGaps: new Int32Array(0),
    nextRequired: new Int32Array(0),
  };

  /** Running sums of the shrink by slot while the prefix table is filled. */
  private readonly shrinkSums = new Float64Array(SHRINK_SLOTS);

  // Candidate lines from one start, reused between starts.
  private cE = new Int32Array(32);
  private readonly cKind: BreakKind[] = [];
  private cHang = new Uint8Array(32);
  private cLast = new Uint8Array(32);
  private cDemerits = new Float64Array(32);
  private cFit = new Uint8Array(32);

  // The previous call's reach target and first boundary meeting it (reset for each paragraph).
  private lastTarget = Infinity;
  private lastLo = 0;

  // The break graph's nodes, reused between paragraphs.
  private nPos = new Int32Array(256);
  private nLine = new Int32Array(256);
  private nFit = new Uint8Array(256);
  private nCost = new Float64Array(256);
  private nPrev = new Int32Array(256);
  private nNext = new Int32Array(256); // next node at the same position
  private nHang = new Uint8Array(256);
  private nLast = new Uint8Array(256);
  private readonly nKind: BreakKind[] = [];
  private head = new Int32Array(256); // first node at each position
  private nodes = 0;
  /** Lines from this index on all have one measure: their line counts need not be told apart. */
  private steadyFrom = 1;

  /** The paragraph's lines, chosen together for the least total demerits. */
  plans(
    p: Para,
    options: ComposeOptions,
    indentPt: number,
    trimStart: boolean,
    hanging: boolean,
  ): LinePlan[] {
    const n = p.n;
    const cx: Context = {
      p,
      t: this.tables(p),
      options,
      indentPt,
      trimStart,
      hanging,
      orphans: options.orphanControl ?? true,
      em: options.em,
      f: { width: 0, shrink: 0 },
      cost: { badness: 0, fitness: DECENT, width: 0, open: 0 },
      pushOutFirst: PUSH_OUT,
      pushOut: PUSH_OUT,
      perCluster: false,
      maxOpen: Infinity,
    };
    const house = houseOf(options);
    if (house.squeeze === 'keep-characters') {
      cx.perCluster = true;
      cx.pushOut = PUSH_OUT_KEEP;
      cx.pushOutFirst = house.firstLine === 'even' ? PUSH_OUT : PUSH_OUT_KEEP;
    }
    cx.maxOpen = house.maxOpen * options.em;
    this.steadyFrom = steadyLine(p, options);
    this.lastTarget = Infinity;
    if (this.head.length < n + 1) this.head = new Int32Array(Math.max(n + 1, 2 * this.head.length));
    this.head.fill(-1, 0, n + 1);
    this.nodes = 0;
    this.add(0, 0, DECENT, 0, -1, 'fit', 0, 0);

    const classOf: number[] = [];
    const classMin: number[] = [];
    for (let s = 0; s < n; s++) {
      // A measure that keeps changing (every other line, say) would let the line counts that reach a
      // position multiply; only the MAX_LINE_STATES cheapest of them go on.
      let cutoff = Infinity;
      if (this.steadyFrom > 1) {
        let classes = 0;
        for (let q = this.head[s]; q >= 0; q = this.nNext[q]) {
          const cls = this.lineClass(this.nLine[q]);
          let j = 0;
          while (j < classes && classOf[j] !== cls) j++;
          if (j === classes) {
            classOf[classes] = cls;
            classMin[classes] = this.nCost[q];
            classes++;
          } else if (this.nCost[q] < classMin[j]) classMin[j] = this.nCost[q];
        }
        if (classes > MAX_LINE_STATES) {
          classMin.length = classes;
          cutoff = classMin.sort((a, b) => a - b)[MAX_LINE_STATES - 1];
        }
      }
      for (let q = this.head[s]; q >= 0; q = this.nNext[q]) {
        // Candidates depend on the start and the line index only: compute them once for all the
        // fitness classes (and, with one measure, all line counts) that reach this start.
        let seen = false;
        const cls = this.lineClass(this.nLine[q]);
        for (let r = this.head[s]; r !== q; r = this.nNext[r])
          if (this.lineClass(this.nLine[r]) === cls) {
            seen = true;
            break;
          }
        if (seen) continue;
        const li = this.nLine[q];
        // Fitness changes only the next line's demerits, by at most FITNESS_SPAN: a node dearer than
        // that over the cheapest at its start can never be on the best path.
        let least = Infinity;
        for (let r = q; r >= 0; r = this.nNext[r])
          if (this.lineClass(this.nLine[r]) === cls && this.nCost[r] < least) least = this.nCost[r];
        if (least > cutoff) continue;
        const count = this.candidates(cx, s, li);
        for (let r = q; r >= 0; r = this.nNext[r]) {
          if (this.lineClass(this.nLine[r]) !== cls) continue;
          const base = this.nCost[r];
          if (base > least + FITNESS_SPAN) continue;
          const pf = this.nFit[r];
          for (let i = 0; i < count; i++) {
            const fit = this.cFit[i];
            let d = this.cDemerits[i];
            if (!this.cLast[i]) {
              if (pf === TIGHT && fit === TIGHT) d += TIGHT_AFTER_TIGHT;
              else if ((pf === TIGHT && fit === LOOSE) || (pf === LOOSE && fit === TIGHT)) d += UNEVEN;
            }
            this.add(
              this.cE[i],
              this.nLine[r] + 1,
              this.cLast[i] ? DECENT : fit,
              base + d,
              r,
              this.cKind[i],
              this.cHang[i],
              this.cLast[i],
            );
          }
        }
      }
    }

    let best = -1;
    for (let q = this.head[n]; q >= 0; q = this.nNext[q])
      if (best < 0 || this.nCost[q] < this.nCost[best]) best = q;
    const plans: LinePlan[] = [];
    for (let q = best; q > 0; q = this.nPrev[q]) {
      // node 0 is the paragraph start
      const prev = this.nPrev[q];
      plans.push({
        s: this.nPos[prev],
        e: this.nPos[q],
        kind: this.nKind[q],
        hang: this.nHang[q] === 1,
        last: this.nLast[q] === 1 || this.nPos[q] >= n,
      });
    }
    plans.reverse();

    // Name a line shortened to keep a lone character off the last line as first-fit would.
    if (cx.orphans && plans.length >= 2) {
      const li = plans.length - 2;
      const prev = plans[li];
      if (prev.kind === 'push-out') {
        const g = planLine(
          p,
          prev.s,
          measureAt(options, li),
          li === 0 ? indentPt : 0,
          trimStart,
          hanging,
          cx.f,
        );
        if (g.e > prev.e && g.e < n && orphanEnd(p, g.e)) prev.kind = 'orphan';
      }
    }
    return plans;
  }

  private tables(p: Para): Tables {
    const n = p.n;
    const t = this.scratch;
    if (t.spaceStretch.length < n + 2) {
      const size = Math.max(n + 2, 2 * t.spaceStretch.length);
      t.shrink = new Float64Array(size * SHRINK_SLOTS);
      t.spaceStretch = new Float64Array(size);
      t.hanGaps = new Int32Array(size);
      t.spaceGaps = new Int32Array(size);
      t.anyGaps = new Int32Array(size);
      t.nextRequired = new Int32Array(size);
    }
    const { shrink, spaceStretch, hanGaps, spaceGaps, anyGaps, nextRequired } = t;
    const acc = this.shrinkSums;
    acc.fill(0);
    for (let i = 0; i < SHRINK_SLOTS; i++) shrink[i] = 0;
    spaceStretch[0] = 0;
    hanGaps[0] = 0;
    spaceGaps[0] = 0;
    anyGaps[0] = 0;
    for (let k = 0; k < n; k++) {
      const to = (k + 1) * SHRINK_SLOTS;
      const si = SLOT[p.pri[k]];
      if (si >= 0) acc[si] += p.cL[k] + p.cR[k];
      acc[CJK_LATIN_SLOT] += p.spShrink[k];
      for (let i = 0; i < SHRINK_SLOTS; i++) shrink[to + i] = acc[i];
      spaceStretch[k + 1] = spaceStretch[k] + p.stretch[k] + p.spStretch[k];
      const a = p.cc[k] as CharClass;
      const inside = k + 1 < n;
      const b = (inside ? p.cc[k + 1] : CharClass.Newline) as CharClass;
      hanGaps[k + 1] = hanGaps[k] + (inside && !noStretchGap(a, b) ? 1 : 0);
      spaceGaps[k + 1] = spaceGaps[k] + (a === CharClass.Space ? 1 : 0);
      const any =
        inside &&
        a !== CharClass.Newline &&
        b !== CharClass.Newline &&
        !(a === CharClass.Dash && b === CharClass.Dash) &&
        !(a === CharClass.Ellipsis && b === CharClass.Ellipsis);
      anyGaps[k + 1] = anyGaps[k] + (any ? 1 : 0);
    }
    nextRequired[n] = n;
    nextRequired[n + 1] = n;
    for (let k = n - 1; k >= 0; k--)
      nextRequired[k] = p.breakable[k] === Break.Required ? k : nextRequired[k + 1];
    return t;
  }

  private room(k: number): void {
    if (k < this.cE.length) return;
    const size = this.cE.length * 2;
    const grow = <T extends Int32Array | Uint8Array | Float64Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.cE = grow(this.cE, new Int32Array(size));
    this.cHang = grow(this.cHang, new Uint8Array(size));
    this.cLast = grow(this.cLast, new Uint8Array(size));
    this.cDemerits = grow(this.cDemerits, new Float64Array(size));
    this.cFit = grow(this.cFit, new Uint8Array(size));
  }

  /** Fills the candidate arrays for a line starting at s with index li; returns their count. */
  private candidates(cx: Context, s: number, li: number): number {
    const { p, t, trimStart, em, f, cost } = cx;
    const n = p.n;
    const m = measureAt(cx.options, li);
    const indent = li === 0 ? cx.indentPt : 0;
    // Skip the starts of lines that could only be set far too loose.
    // PW never decreases, and starts come in order: when the target has not moved back, the first
    // boundary that reaches it lies at or after the previous start's, a step or two on.
    const target = p.PW[s] + m - MAX_LOOSE * em - indent;
    let lo: number;
    if (target >= this.lastTarget) {
      lo = this.lastLo > s + 1 ? this.lastLo : s + 1;
      while (lo < n && p.PW[lo] < target) lo++;
    } else {
      lo = s + 1;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (p.PW[mid] >= target) hi = mid;
        else lo = mid + 1;
      }
    }
    this.lastTarget = target;
    this.lastLo = lo;
    const req = t.nextRequired[s + 1];
    if (req < lo) lo = req;

    let count = 0;
    let bestFit = -1;
    let natural = s;
    let hangTried = !cx.hanging;
    for (let k = lo; k <= n; k++) {
      fitOf(p, s, k, indent, trimStart, f);
      const fits = f.width - f.shrink <= m + EPS;
      if (f.width <= m + EPS) natural = k;
      const b = p.breakable[k];
      const required = b === Break.Required;
      if (b !== Break.Never) {
        if (fits) {
          lineCost(p, t, s, k, m, trimStart, required, em, f, cost);
          bestFit = k;
          if (cost.badness === cost.badness) {
            this.room(count);
            this.cE[count] = k;
            this.cHang[count] = 0;
            this.cLast[count] = required ? 1 : 0;
            this.cFit[count] = required ? DECENT : cost.fitness;
            const lb = LINE_PENALTY + Math.min(cost.badness, MAX_BADNESS);
            this.cDemerits[count] = lb * lb + (!required && cost.open > cx.maxOpen + EPS ? OVER_OPEN : 0);
            this.cKind[count] = required
              ? k === n
                ? 'end'
                : 'fit'
              : cost.width > m + EPS
                ? 'push-in'
                : 'fit';
            count++;
          }
        } else if (!hangTried) {
          // The first break that no longer fits: hang its 、，。 rather than push a character down.
          hangTried = true;
          const h = k - 1;
          if (isHangable(p, s, h)) {
            fitOf(p, s, h, indent, trimStart, f);
            lineCost(p, t, s, h, m, trimStart, k === n, em, f, cost);
            if (cost.badness === cost.badness) {
              this.room(count);
              this.cE[count] = k;
              this.cHang[count] = 1;
              this.cLast[count] = k === n ? 1 : 0;
              this.cFit[count] = cost.fitness;
              const lb = LINE_PENALTY + Math.min(cost.badness, MAX_BADNESS);
              this.cDemerits[count] = lb * lb + HANG;
              this.cKind[count] = 'hang';
              count++;
            }
          }
        }
      }
      if (required) break;
      // Fully squeezed width only grows with k (each cluster adds its ink; the trims it undoes at the
      // old line end were at most the blank they removed), so past the first misfit only a hanging
      // mark at the next legal break is left to try.
      if (!fits && hangTried) break;
    }
    const pushOut = li === 0 ? cx.pushOutFirst : cx.pushOut;
    for (let i = 0; i < count; i++) {
      if (this.cLast[i] || this.cHang[i]) continue;
      if (this.cE[i] < bestFit) {
        this.cDemerits[i] += cx.perCluster ? pushOut * (bestFit - this.cE[i]) : pushOut;
        this.cKind[i] = 'push-out';
      } else if (this.cKind[i] === 'fit' && natural > this.cE[i]) this.cKind[i] = 'push-out';
    }
    if (count === 0) {
      // Nothing acceptable: the first-fit line (an overset word, or a very loose line) keeps the
      // paragraph going.
      const plan = planLine(p, s, m, indent, trimStart, cx.hanging, f);
      const last = plan.last || plan.e >= n;
      let d = EMERGENCY;
      if (plan.kind !== 'emergency') {
        const e = plan.hang ? plan.e - 1 : plan.e;
        fitOf(p, s, e, indent, trimStart, f);
        lineCost(p, t, s, e, m, trimStart, last, em, f, cost);
        if (cost.badness === cost.badness) {
          const lb = LINE_PENALTY + Math.min(cost.badness, MAX_BADNESS);
          d = lb * lb;
        }
      }
      this.cE[0] = plan.e;
      this.cHang[0] = plan.hang ? 1 : 0;
      this.cLast[0] = last ? 1 : 0;
      this.cFit[0] = last || plan.kind === 'emergency' ? DECENT : cost.fitness;
      this.cDemerits[0] = d;
      this.cKind[0] = last && plan.kind !== 'emergency' ? (plan.e >= n ? 'end' : 'fit') : plan.kind;
      count = 1;
    }
    if (cx.orphans && s > 0)
      for (let i = 0; i < count; i++) if (this.cE[i] === n && orphanEnd(p, s)) this.cDemerits[i] += ORPHAN;
    return count;
  }

  private nodeRoom(k: number): void {
    if (k < this.nPos.length) return;
    const size = this.nPos.length * 2;
    const grow = <T extends Int32Array | Uint8Array | Float64Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.nPos = grow(this.nPos, new Int32Array(size));
    this.nLine = grow(this.nLine, new Int32Array(size));
    this.nFit = grow(this.nFit, new Uint8Array(size));
    this.nCost = grow(this.nCost, new Float64Array(size));
    this.nPrev = grow(this.nPrev, new Int32Array(size));
    this.nNext = grow(this.nNext, new Int32Array(size));
    this.nHang = grow(this.nHang, new Uint8Array(size));
    this.nLast = grow(this.nLast, new Uint8Array(size));
  }

  private lineClass(li: number): number {
    return li < this.steadyFrom ? li : this.steadyFrom;
  }

  private add(
    pos: number,
    line: number,
    fit: number,
    cost: number,
    prev: number,
    kind: BreakKind,
    hang: number,
    last: number,
  ): void {
    let tail = -1;
    for (let q = this.head[pos]; q >= 0; q = this.nNext[q]) {
      tail = q;
      if (this.nFit[q] !== fit || this.lineClass(this.nLine[q]) !== this.lineClass(line)) continue;
      // Equal costs go to the later start: earlier lines as full as first-fit would set them.
      if (cost <= this.nCost[q] + 1e-9 * (1 + this.nCost[q])) {
        this.nCost[q] = cost;
        this.nPrev[q] = prev;
        this.nLine[q] = line;
        this.nKind[q] = kind;
        this.nHang[q] = hang;
        this.nLast[q] = last;
      }
      return;
    }
    this.nodeRoom(this.nodes);
    this.nPos[this.nodes] = pos;
    this.nLine[this.nodes] = line;
    this.nFit[this.nodes] = fit;
    this.nCost[this.nodes] = cost;
    this.nPrev[this.nodes] = prev;
    this.nKind[this.nodes] = kind;
    this.nHang[this.nodes] = hang;
    this.nLast[this.nodes] = last;
    // Kept in insertion order at a position, so ties resolve the same way every time.
    this.nNext[this.nodes] = -1;
    if (tail < 0) this.head[pos] = this.nodes;
    else this.nNext[tail] = this.nodes;
    this.nodes++;
  }
}

/** The breaker compose uses: one per thread, reused for speed. */
const shared = new Breaker();

/** The paragraph's lines, chosen together for the least total demerits. */
export function optimalPlans(
  p: Para,
  options: ComposeOptions,
  indentPt: number,
  trimStart: boolean,
  hanging: boolean,
  breaker: Breaker = shared,
): LinePlan[] {
  return breaker.plans(p, options, indentPt, trimStart, hanging);
}
