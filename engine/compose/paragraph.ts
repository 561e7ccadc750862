// One idea: the prepared paragraph's flat tables, kept whole because both breakers read them together.
// The prepared paragraph: one slot per cluster in flat typed arrays (class, width, trimmable
// blanks, squeezable amounts, CJK–Latin spacing) with prefix sums, so any candidate line's width
// and shrink is an O(1) question for either line breaker.
import type { FontSet } from '../fonts/metrics';
import { CharClass, charClass, isAdjustablePunct } from '../text/classes';
import { Break, breakOpportunities } from '../text/breaks';
import { wordBoundaries } from '../text/words';
import { faceGlyphs, type CachedGlyph } from './glyphs';
import { HOUSE_STYLES, type HouseStyle } from './house';
import { Priority, punctPriority, STYLES } from './punctuation';
import type { BreakKind, ComposeOptions, StyledRun } from './types';

/** Width tolerance, points: justified lines end at the measure to well within this. */
export const EPS = 1e-6;

export interface Para {
  text: string;
  n: number; // clusters
  cs: Int32Array; // UTF-16 start of cluster k; cs[n] = text.length
  cc: Uint8Array; // CharClass
  cp: Int32Array; // first code point
  run: Int32Array;
  runStart: Int32Array; // UTF-16 offset of each run in the paragraph
  size: Float64Array;
  hs: Float64Array; // horizontal size: size × the run's 长/扁 scale (widths, blanks, tracking)
  glyph: CachedGlyph[];
  adv: Float64Array; // font advance, pt
  tL: Float64Array; // blank removed up front (style, adjacency), left / right
  tR: Float64Array;
  adjCut: Float64Array; // of tL/tR, what adjacent-mark collapsing removed (reported as 'adjacent')
  bL: Float64Array; // blank still there, left / right: trimmed at line edges
  bR: Float64Array;
  cL: Float64Array; // of which justification may squeeze
  cR: Float64Array;
  pri: Uint8Array; // Priority of cL/cR
  stretch: Float64Array; // word spaces: how far they may open
  sp: Float64Array; // CJK–Latin spacing after k
  spShrink: Float64Array;
  spStretch: Float64Array;
  PW: Float64Array; // prefix sums of (adv - tL - tR + sp)
  PS: Float64Array; // prefix sums of (cL + cR + spShrink)
  breakable: Uint8Array; // Break before cluster k
  maxSize: number;
  /** The most justification may squeeze out of one line, points (the house style's limit). */
  maxShrink: number;
}

/** The house style the options ask for (`even`, the CLREQ reference, when none). */
export function houseOf(options: ComposeOptions): HouseStyle {
  return options.house ?? HOUSE_STYLES.even;
}

export function measureAt(options: ComposeOptions, line: number): number {
  const m = typeof options.measure === 'number' ? options.measure : options.measure(line);
  if (!(m > 0) || !Number.isFinite(m))
    throw new RangeError(`compose: measure for line ${line} must be a positive number of points, got ${m}`);
  return m;
}

export function isVisibleMark(c: CharClass): boolean {
  return (
    isAdjustablePunct(c) ||
    c === CharClass.Dash ||
    c === CharClass.Ellipsis ||
    c === CharClass.TwoEmDash ||
    c === CharClass.Connector ||
    c === CharClass.Solidus
  );
}

// One paragraph is prepared at a time and read only while it is composed, so its arrays are kept
// between calls and grown when a longer paragraph comes: layout composes every paragraph of a page
// on each keystroke, and allocating seventeen typed arrays per paragraph cost more than filling them.
let capacity = 0;
let breakScratch = new Uint8Array(0);
const para: Para = {
  text: '',
  n: 0,
  cs: new Int32Array(1),
  cc: new Uint8Array(0),
  cp: new Int32Array(0),
  run: new Int32Array(0),
  runStart: new Int32Array(1),
  size: new Float64Array(0),
  hs: new Float64Array(0),
  glyph: [],
  adv: new Float64Array(0),
  tL: new Float64Array(0),
  tR: new Float64Array(0),
  adjCut: new Float64Array(0),
  bL: new Float64Array(0),
  bR: new Float64Array(0),
  cL: new Float64Array(0),
  cR: new Float64Array(0),
  pri: new Uint8Array(0),
  stretch: new Float64Array(0),
  sp: new Float64Array(0),
  spShrink: new Float64Array(0),
  spStretch: new Float64Array(0),
  PW: new Float64Array(1),
  PS: new Float64Array(1),
  breakable: new Uint8Array(1),
  maxSize: 0,
  maxShrink: Infinity,
};

function reserve(len: number): void {
  if (len <= capacity) return;
  const c = Math.max(len, 2 * capacity, 64);
  const p = para;
  p.cs = new Int32Array(c + 1);
  p.cc = new Uint8Array(c);
  p.cp = new Int32Array(c);
  p.run = new Int32Array(c);
  p.size = new Float64Array(c);
  p.hs = new Float64Array(c);
  p.adv = new Float64Array(c);
  p.tL = new Float64Array(c);
  p.tR = new Float64Array(c);
  p.adjCut = new Float64Array(c);
  p.bL = new Float64Array(c);
  p.bR = new Float64Array(c);
  p.cL = new Float64Array(c);
  p.cR = new Float64Array(c);
  p.pri = new Uint8Array(c);
  p.stretch = new Float64Array(c);
  p.sp = new Float64Array(c);
  p.spShrink = new Float64Array(c);
  p.spStretch = new Float64Array(c);
  p.PW = new Float64Array(c + 1);
  p.PS = new Float64Array(c + 1);
  p.breakable = new Uint8Array(c + 1);
  breakScratch = new Uint8Array(c + 1);
  capacity = c;
}

/** Prepares a paragraph for breaking and setting. The result is valid until the next call. */
export function prepare(runs: StyledRun[], options: ComposeOptions, fonts: FontSet): Para {
  const style = STYLES[options.style ?? 'newspaper'];
  const house = houseOf(options);
  const strictness = options.strictness ?? 'basic';
  let text = '';
  for (const r of runs) text += r.text;
  const len = text.length;
  reserve(len);
  const breaks = breakOpportunities(text, strictness, breakScratch);

  const p = para;
  const { cs, cp: cpA, run, size, hs, glyph } = p;
  const cc = p.cc;
  if (p.runStart.length < runs.length + 1) p.runStart = new Int32Array(runs.length + 1);
  const runStart = p.runStart;
  runStart[0] = 0;
  for (let r = 0; r < runs.length; r++) runStart[r + 1] = runStart[r] + runs[r].text.length;
  let n = 0;
  let maxSize = 0;
  for (let r = 0; r < runs.length; r++) {
    const { text: t, face, size: sz } = runs[r];
    if (!(sz > 0) || !Number.isFinite(sz))
      throw new RangeError(`compose: run ${r} has size ${sz}; sizes are positive points`);
    const sc = runs[r].scale ?? 1;
    if (!(sc >= 0.25 && sc <= 4))
      throw new RangeError(`compose: run ${r} has scale ${sc}; a horizontal scale is between 0.25 and 4`);
    const hsz = sz * sc;
    if (sz > maxSize) maxSize = sz;
    const glyphs = faceGlyphs(fonts, face);
    const at = runStart[r];
    let i = 0;
    while (i < t.length) {
      let cp = t.charCodeAt(i);
      let w = 1;
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < t.length) {
        const lo = t.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
          w = 2;
        }
      }
      const c = charClass(cp);
      if (c === CharClass.Extend && n > 0 && i > 0) {
        i += w;
        continue;
      } // joins the cluster before it
      cs[n] = at + i;
      cc[n] = c;
      cpA[n] = cp;
      run[n] = r;
      size[n] = sz;
      hs[n] = hsz;
      glyph[n] =
        c === CharClass.Newline ? { face, gid: 0, advanceEm: 0, missing: false, char: '' } : glyphs.get(cp);
      n++;
      i += w;
    }
  }
  cs[n] = len;
  glyph.length = n;

  const { adv, tL, tR, bL, bR, cL, cR, pri, stretch, adjCut, sp, spShrink, spStretch, breakable } = p;
  tL.fill(0, 0, n);
  tR.fill(0, 0, n);
  bL.fill(0, 0, n);
  bR.fill(0, 0, n);
  cL.fill(0, 0, n);
  cR.fill(0, 0, n);
  pri.fill(0, 0, n);
  stretch.fill(0, 0, n);
  adjCut.fill(0, 0, n);
  sp.fill(0, 0, n);
  spShrink.fill(0, 0, n);
  spStretch.fill(0, 0, n);

  for (let k = 0; k < n; k++) {
    const sz = hs[k];
    const a = glyph[k].advanceEm * sz;
    adv[k] = a;
    breakable[k] = breaks[cs[k]];
    let c = cc[k] as CharClass;
    // A quote or dot set as a proportional (Latin) glyph has no blank half to trim.
    if (isAdjustablePunct(c) && a < 0.75 * sz) {
      c = CharClass.Other;
      cc[k] = c;
    }
    switch (c) {
      case CharClass.Open:
        bL[k] = a / 2;
        break;
      case CharClass.Close:
      case CharClass.Dot:
      case CharClass.ColonSemi:
      case CharClass.Exclam:
        bR[k] = a / 2;
        break;
      case CharClass.Middle:
        bL[k] = a / 4;
        bR[k] = a / 4;
        break;
      case CharClass.Space:
        stretch[k] = Math.max(0, 0.5 * sz - a);
        break;
      default:
        break;
    }
    if ((bL[k] > 0 || bR[k] > 0) && style.preTrim(c, cpA[k])) {
      tL[k] = bL[k];
      tR[k] = bR[k];
      bL[k] = 0;
      bR[k] = 0;
    }
  }
  breakable[0] = Break.Never;
  breakable[n] = Break.Required;
  if (options.words) {
    const words = wordBoundaries(text);
    for (let k = 1; k < n; k++)
      if (breakable[k] === Break.Allowed && !words[cs[k]]) breakable[k] = Break.Never;
  }

  // GB sets 破折号 as two full frames (5.1.4) and 一字线 as one (5.1.6); some faces draw — narrower
  // (Noto Serif SC: 0.89 em). A run of dashes is widened to whole ems at its two ends only, so its
  // ink stays one unbroken rule. A house that sets ——— as a 破折号 draws its three dashes
  // overlapping in two ems, the first at the frame's start and the last ending at its end.
  for (let k = 0; k < n;) {
    if (cc[k] !== CharClass.Dash) {
      k++;
      continue;
    }
    let j = k;
    let short = 0;
    while (j < n && cc[j] === CharClass.Dash && hs[j] === hs[k]) {
      short += Math.max(0, hs[j] - adv[j]);
      j++;
    }
    const count = j - k;
    if (count >= 3 && house.longDash === 'two-em') {
      const step = (2 * hs[k] - adv[j - 1]) / (count - 1);
      for (let q = k; q < j - 1; q++) tR[q] += adv[q] - step;
    } else {
      tL[k] -= short / 2;
      tR[j - 1] -= short / 2;
    }
    k = j;
  }

  // GB/T 15834 5.1.2: ？！ ？？ ！！ take one em together, three of them two.
  for (let k = 0; k < n;) {
    if (cc[k] !== CharClass.Exclam || bR[k] === 0) {
      k++;
      continue;
    }
    let j = k;
    while (j < n && cc[j] === CharClass.Exclam && bR[j] > 0) j++;
    const count = j - k;
    if (count === 2 || count === 3) {
      for (let q = k; q < j; q++) {
        const cut = count === 2 ? bR[q] : (2 * bR[q]) / 3; // blank is ½ em: take ⅓ em each of three
        tR[q] += cut;
        bR[q] -= cut;
        adjCut[q] += cut;
      }
    }
    k = j;
  }

  // Adjacent marks: collapse the blank between their inks (CLREQ §2.2), never opener+closer.
  if (style.adjacent !== 'none') {
    for (let k = 0; k + 1 < n; k++) {
      const a = cc[k] as CharClass,
        b = cc[k + 1] as CharClass;
      if (!isAdjustablePunct(a) || !isAdjustablePunct(b)) continue;
      if (a === CharClass.Open && b === CharClass.Close) continue;
      if (a === CharClass.Exclam && b === CharClass.Exclam) continue;
      const inner = bR[k] + bL[k + 1];
      if (style.adjacent === 'all') {
        adjCut[k] += bR[k];
        adjCut[k + 1] += bL[k + 1];
        tR[k] += bR[k];
        bR[k] = 0;
        tL[k + 1] += bL[k + 1];
        bL[k + 1] = 0;
      } else {
        // Two marks that still take a full em each (2 em) become 1.5 em; a style that already
        // halved one of them (开明式) has nothing more to give.
        const half = Math.min(hs[k], hs[k + 1]) / 2;
        if (inner < half - EPS) continue;
        if (adv[k] - tL[k] - tR[k] < 2 * half - EPS || adv[k + 1] - tL[k + 1] - tR[k + 1] < 2 * half - EPS)
          continue;
        const fromA = Math.min(bR[k], half);
        tR[k] += fromA;
        bR[k] -= fromA;
        const fromB = half - fromA;
        tL[k + 1] += fromB;
        bL[k + 1] -= fromB;
        adjCut[k] += fromA;
        adjCut[k + 1] += fromB;
      }
    }
  }

  // What justification may squeeze, by CLREQ priority.
  for (let k = 0; k < n; k++) {
    const c = cc[k] as CharClass;
    if (c === CharClass.Space) {
      const cap = Math.max(0, adv[k] - 0.25 * hs[k]);
      if (cap > 0) {
        cR[k] = cap;
        pri[k] = Priority.WordSpace;
      }
      continue;
    }
    const p = punctPriority(c, cpA[k]);
    if (p !== Priority.None && style.shrinkable(p)) {
      cL[k] = bL[k];
      cR[k] = bR[k];
      pri[k] = p;
    }
  }

  // CJK–Latin spacing as the house sets it (CLREQ: ¼ em, down to ⅛, up to ½; the newspaper: at
  // most a thin space, ⅛ em, down to none); never beside punctuation.
  const amount = (options.cjkLatinSpacing ?? house.cjkLatin.ideal) * options.em;
  if (amount > 0) {
    const floor = Math.min(amount, house.cjkLatin.min * options.em);
    for (let k = 0; k + 1 < n; k++) {
      const a = cc[k],
        b = cc[k + 1];
      if ((a === CharClass.Han && b === CharClass.Latin) || (a === CharClass.Latin && b === CharClass.Han)) {
        sp[k] = amount;
        spShrink[k] = amount - floor;
        spStretch[k] = Math.max(0, house.cjkLatin.max * options.em - amount);
      }
    }
  }

  // Tracking: every character's advance changes by the same part of its size (a 挤行 tightens); a
  // run may carry its own (字距 of selected text).
  const tracking = options.tracking ?? 0;
  let runTracking = false;
  for (const r of runs) if (r.tracking !== undefined) runTracking = true;
  if (tracking !== 0 || runTracking)
    for (let k = 0; k < n; k++)
      if (cc[k] !== CharClass.Newline) tR[k] -= (runs[run[k]].tracking ?? tracking) * hs[k];

  const { PW, PS } = p;
  PW[0] = 0;
  PS[0] = 0;
  for (let k = 0; k < n; k++) {
    PW[k + 1] = PW[k] + adv[k] - tL[k] - tR[k] + sp[k];
    PS[k + 1] = PS[k] + cL[k] + cR[k] + spShrink[k];
  }
  p.text = text;
  p.n = n;
  p.maxSize = maxSize;
  p.maxShrink = house.maxSqueeze * options.em;
  return p;
}

/** Last cluster of [s, e) that takes width at a line end (trailing spaces and newlines hang). */
export function lastVisible(p: Para, s: number, e: number): number {
  let l = e - 1;
  while (l >= s && (p.cc[l] === CharClass.Space || p.cc[l] === CharClass.Newline)) l--;
  return l;
}

export interface Fit {
  width: number;
  shrink: number;
}

/** Width (including `indent`) and available shrink of clusters [s, e) set as one line. */
export function fitOf(p: Para, s: number, e: number, indent: number, trimStart: boolean, out: Fit): Fit {
  const l = lastVisible(p, s, e);
  if (l < s) {
    out.width = indent;
    out.shrink = 0;
    return out;
  }
  let width = p.PW[l + 1] - p.PW[s] - p.sp[l] - p.bR[l] + indent;
  let shrink = p.PS[l + 1] - p.PS[s] - p.spShrink[l] - p.cR[l];
  if (trimStart && p.cc[s] === CharClass.Open) {
    width -= p.bL[s];
    shrink -= p.cL[s];
  }
  out.width = width;
  out.shrink = shrink < p.maxShrink ? shrink : p.maxShrink;
  return out;
}

export function countsAsCharacter(c: CharClass): boolean {
  return !isVisibleMark(c) && c !== CharClass.Space && c !== CharClass.Newline && c !== CharClass.IdeoSpace;
}

export interface LinePlan {
  s: number;
  e: number;
  kind: BreakKind;
  hang: boolean;
  last: boolean;
}

export function noStretchGap(a: CharClass, b: CharClass): boolean {
  // Inside a Latin word, a number, —— or ……; and around connectors and solidi (CLREQ §4.3).
  if ((a === CharClass.Latin || a === CharClass.Other) && (b === CharClass.Latin || b === CharClass.Other))
    return true;
  if (a === CharClass.Dash && b === CharClass.Dash) return true;
  if (a === CharClass.Ellipsis && b === CharClass.Ellipsis) return true;
  if (
    a === CharClass.Connector ||
    b === CharClass.Connector ||
    a === CharClass.Solidus ||
    b === CharClass.Solidus
  )
    return true;
  if (a === CharClass.Space || b === CharClass.Space || a === CharClass.Newline || b === CharClass.Newline)
    return true;
  if (b === CharClass.Suffix || a === CharClass.Prefix) return true;
  return false;
}
