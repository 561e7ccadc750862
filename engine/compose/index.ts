// The line composer: styled runs in, justified lines out (../shared/docs/cjk-typesetting.md §8).
// Pure and deterministic. The paragraph is turned once into flat typed arrays (one slot per
// cluster: class, width, trimmable blanks, squeezable amounts, CJK–Latin spacing), prefix sums
// make any candidate line's width and shrink an O(1) question, and lines are filled first-fit
// with shrink, so push-in (挤进) is always tried before push-out (推出).
import type { FontSet } from '../fonts/metrics';
import type { SourceRef } from '../display/types';
import { CharClass, charClass, isAdjustablePunct } from '../text/classes';
import { Break, breakOpportunities } from '../text/breaks';
import { faceVertical, glyphResolver, type CachedGlyph } from './glyphs';
import { Priority, punctPriority, STYLES, PUNCTUATION_STYLES } from './punctuation';
import type { BreakKind, ComposedLine, ComposedParagraph, ComposeOptions, LineGlyph, MissingChar, StyledRun, Strictness } from './types';

export type * from './types';
export { PUNCTUATION_STYLES } from './punctuation';
export const STRICTNESS_LEVELS: readonly Strictness[] = ['none', 'basic', 'gb', 'strict'];

/** Width tolerance, points: justified lines end at the measure to well within this. */
const EPS = 1e-6;

interface Para {
  text: string;
  n: number; // clusters
  cs: Int32Array; // UTF-16 start of cluster k; cs[n] = text.length
  cc: Uint8Array; // CharClass
  cp: Int32Array; // first code point
  run: Int32Array;
  runStart: Int32Array; // UTF-16 offset of each run in the paragraph
  size: Float64Array;
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
}

function validate(options: ComposeOptions): void {
  if (!(options.em > 0) || !Number.isFinite(options.em)) throw new RangeError(`compose: em must be a positive number of points, got ${options.em}`);
  if (typeof options.measure === 'number' && (!(options.measure > 0) || !Number.isFinite(options.measure))) throw new RangeError(`compose: measure must be a positive number of points, got ${options.measure}`);
  if (options.indent !== undefined && (!(options.indent >= 0) || !Number.isFinite(options.indent))) throw new RangeError(`compose: indent must be zero or a positive number of ems, got ${options.indent}`);
  if (options.style !== undefined && !(options.style in STYLES)) throw new RangeError(`compose: unknown punctuation style "${options.style}" (use ${PUNCTUATION_STYLES.join(', ')})`);
  if (options.strictness !== undefined && !STRICTNESS_LEVELS.includes(options.strictness)) throw new RangeError(`compose: unknown strictness "${options.strictness}" (use ${STRICTNESS_LEVELS.join(', ')})`);
  if (options.cjkLatinSpacing !== undefined && (!(options.cjkLatinSpacing >= 0) || options.cjkLatinSpacing > 1)) throw new RangeError(`compose: cjkLatinSpacing must be between 0 and 1 em, got ${options.cjkLatinSpacing}`);
}

function measureAt(options: ComposeOptions, line: number): number {
  const m = typeof options.measure === 'number' ? options.measure : options.measure(line);
  if (!(m > 0) || !Number.isFinite(m)) throw new RangeError(`compose: measure for line ${line} must be a positive number of points, got ${m}`);
  return m;
}

function isVisibleMark(c: CharClass): boolean {
  return isAdjustablePunct(c) || c === CharClass.Dash || c === CharClass.Ellipsis || c === CharClass.TwoEmDash || c === CharClass.Connector || c === CharClass.Solidus;
}

function prepare(runs: StyledRun[], options: ComposeOptions, fonts: FontSet): Para {
  const style = STYLES[options.style ?? 'newspaper'];
  const strictness = options.strictness ?? 'basic';
  let text = '';
  for (const r of runs) text += r.text;
  const len = text.length;
  const breaks = breakOpportunities(text, strictness);

  const cs = new Int32Array(len + 1);
  const cc = new Uint8Array(len);
  const cpA = new Int32Array(len);
  const run = new Int32Array(len);
  const size = new Float64Array(len);
  const glyph: CachedGlyph[] = [];
  const runStart = new Int32Array(runs.length + 1);
  for (let r = 0; r < runs.length; r++) runStart[r + 1] = runStart[r] + runs[r].text.length;
  let n = 0;
  let maxSize = 0;
  for (let r = 0; r < runs.length; r++) {
    const { text: t, face, size: sz } = runs[r];
    if (!(sz > 0) || !Number.isFinite(sz)) throw new RangeError(`compose: run ${r} has size ${sz}; sizes are positive points`);
    if (sz > maxSize) maxSize = sz;
    const resolve = glyphResolver(fonts, face, (cp) => (charClass(cp) === CharClass.Han ? 1 : 0.5));
    const at = runStart[r];
    let i = 0;
    while (i < t.length) {
      let cp = t.charCodeAt(i);
      let w = 1;
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < t.length) {
        const lo = t.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) { cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000; w = 2; }
      }
      const c = charClass(cp);
      if (c === CharClass.Extend && n > 0 && i > 0) { i += w; continue; } // joins the cluster before it
      cs[n] = at + i;
      cc[n] = c;
      cpA[n] = cp;
      run[n] = r;
      size[n] = sz;
      glyph.push(c === CharClass.Newline ? { face, gid: 0, advanceEm: 0, missing: false } : resolve(cp));
      n++;
      i += w;
    }
  }
  cs[n] = len;

  const adv = new Float64Array(n), tL = new Float64Array(n), tR = new Float64Array(n);
  const bL = new Float64Array(n), bR = new Float64Array(n), cL = new Float64Array(n), cR = new Float64Array(n);
  const pri = new Uint8Array(n), stretch = new Float64Array(n), adjCut = new Float64Array(n);
  const sp = new Float64Array(n), spShrink = new Float64Array(n), spStretch = new Float64Array(n);
  const breakable = new Uint8Array(n + 1);

  for (let k = 0; k < n; k++) {
    const sz = size[k];
    const a = glyph[k].advanceEm * sz;
    adv[k] = a;
    breakable[k] = breaks[cs[k]];
    let c = cc[k] as CharClass;
    // A quote or dot set as a proportional (Latin) glyph has no blank half to trim.
    if (isAdjustablePunct(c) && a < 0.75 * sz) { c = CharClass.Other; cc[k] = c; }
    switch (c) {
      case CharClass.Open: bL[k] = a / 2; break;
      case CharClass.Close: case CharClass.Dot: case CharClass.ColonSemi: case CharClass.Exclam: bR[k] = a / 2; break;
      case CharClass.Middle: bL[k] = a / 4; bR[k] = a / 4; break;
      case CharClass.Space: stretch[k] = Math.max(0, 0.5 * sz - a); break;
      default: break;
    }
    if ((bL[k] > 0 || bR[k] > 0) && style.preTrim(c, cpA[k])) { tL[k] = bL[k]; tR[k] = bR[k]; bL[k] = 0; bR[k] = 0; }
  }
  breakable[0] = Break.Never;
  breakable[n] = Break.Required;

  // GB sets 破折号 as two full frames (5.1.4) and 一字线 as one (5.1.6); some faces draw — narrower
  // (Noto Serif SC: 0.89 em). A run of dashes is widened to whole ems at its two ends only, so its
  // ink stays one unbroken rule.
  for (let k = 0; k < n; ) {
    if (cc[k] !== CharClass.Dash) { k++; continue; }
    let j = k;
    let short = 0;
    while (j < n && cc[j] === CharClass.Dash && size[j] === size[k]) { short += Math.max(0, size[j] - adv[j]); j++; }
    tL[k] -= short / 2;
    tR[j - 1] -= short / 2;
    k = j;
  }

  // GB/T 15834 5.1.2: ？！ ？？ ！！ take one em together, three of them two.
  for (let k = 0; k < n; ) {
    if (cc[k] !== CharClass.Exclam || bR[k] === 0) { k++; continue; }
    let j = k;
    while (j < n && cc[j] === CharClass.Exclam && bR[j] > 0) j++;
    const count = j - k;
    if (count === 2 || count === 3) {
      for (let q = k; q < j; q++) {
        const cut = count === 2 ? bR[q] : (2 * bR[q]) / 3; // blank is ½ em: take ⅓ em each of three
        tR[q] += cut; bR[q] -= cut; adjCut[q] += cut;
      }
    }
    k = j;
  }

  // Adjacent marks: collapse the blank between their inks (CLREQ §2.2), never opener+closer.
  if (style.adjacent !== 'none') {
    for (let k = 0; k + 1 < n; k++) {
      const a = cc[k] as CharClass, b = cc[k + 1] as CharClass;
      if (!isAdjustablePunct(a) || !isAdjustablePunct(b)) continue;
      if (a === CharClass.Open && b === CharClass.Close) continue;
      if (a === CharClass.Exclam && b === CharClass.Exclam) continue;
      const inner = bR[k] + bL[k + 1];
      if (style.adjacent === 'all') {
        adjCut[k] += bR[k]; adjCut[k + 1] += bL[k + 1];
        tR[k] += bR[k]; bR[k] = 0;
        tL[k + 1] += bL[k + 1]; bL[k + 1] = 0;
      } else {
        // Two marks that still take a full em each (2 em) become 1.5 em; a style that already
        // halved one of them (开明式) has nothing more to give.
        const half = Math.min(size[k], size[k + 1]) / 2;
        if (inner < half - EPS) continue;
        if (adv[k] - tL[k] - tR[k] < 2 * half - EPS || adv[k + 1] - tL[k + 1] - tR[k + 1] < 2 * half - EPS) continue;
        const fromA = Math.min(bR[k], half);
        tR[k] += fromA; bR[k] -= fromA;
        const fromB = half - fromA;
        tL[k + 1] += fromB; bL[k + 1] -= fromB;
        adjCut[k] += fromA; adjCut[k + 1] += fromB;
      }
    }
  }

  // What justification may squeeze, by CLREQ priority.
  for (let k = 0; k < n; k++) {
    const c = cc[k] as CharClass;
    if (c === CharClass.Space) {
      const cap = Math.max(0, adv[k] - 0.25 * size[k]);
      if (cap > 0) { cR[k] = cap; pri[k] = Priority.WordSpace; }
      continue;
    }
    const p = punctPriority(c, cpA[k]);
    if (p !== Priority.None && style.shrinkable(p)) { cL[k] = bL[k]; cR[k] = bR[k]; pri[k] = p; }
  }

  // CJK–Latin spacing: ¼ em by default, down to ⅛ em, up to ½ em; never beside punctuation.
  const amount = (options.cjkLatinSpacing ?? 0.25) * options.em;
  if (amount > 0) {
    const floor = Math.min(amount, options.em / 8);
    for (let k = 0; k + 1 < n; k++) {
      const a = cc[k], b = cc[k + 1];
      if ((a === CharClass.Han && b === CharClass.Latin) || (a === CharClass.Latin && b === CharClass.Han)) {
        sp[k] = amount;
        spShrink[k] = amount - floor;
        spStretch[k] = Math.max(0, options.em / 2 - amount);
      }
    }
  }

  const PW = new Float64Array(n + 1), PS = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) {
    PW[k + 1] = PW[k] + adv[k] - tL[k] - tR[k] + sp[k];
    PS[k + 1] = PS[k] + cL[k] + cR[k] + spShrink[k];
  }
  return { text, n, cs, cc, cp: cpA, run, runStart, size, glyph, adv, tL, tR, adjCut, bL, bR, cL, cR, pri, stretch, sp, spShrink, spStretch, PW, PS, breakable, maxSize };
}

/** Last cluster of [s, e) that takes width at a line end (trailing spaces and newlines hang). */
function lastVisible(p: Para, s: number, e: number): number {
  let l = e - 1;
  while (l >= s && (p.cc[l] === CharClass.Space || p.cc[l] === CharClass.Newline)) l--;
  return l;
}

interface Fit { width: number; shrink: number }

/** Width (including `indent`) and available shrink of clusters [s, e) set as one line. */
function fitOf(p: Para, s: number, e: number, indent: number, trimStart: boolean, out: Fit): Fit {
  const l = lastVisible(p, s, e);
  if (l < s) { out.width = indent; out.shrink = 0; return out; }
  let width = p.PW[l + 1] - p.PW[s] - p.sp[l] - p.bR[l] + indent;
  let shrink = p.PS[l + 1] - p.PS[s] - p.spShrink[l] - p.cR[l];
  if (trimStart && p.cc[s] === CharClass.Open) {
    width -= p.bL[s];
    shrink -= p.cL[s];
  }
  out.width = width;
  out.shrink = shrink;
  return out;
}

function countsAsCharacter(c: CharClass): boolean {
  return !isVisibleMark(c) && c !== CharClass.Space && c !== CharClass.Newline && c !== CharClass.IdeoSpace;
}

interface LinePlan { s: number; e: number; kind: BreakKind; hang: boolean; last: boolean }

/** Chooses the break of the line starting at cluster s. */
function planLine(p: Para, s: number, m: number, indent: number, trimStart: boolean, hanging: boolean, f: Fit): LinePlan {
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
      if (fits) { required = true; }
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
    if (e2 <= n && h > s && (cp === 0x3001 || cp === 0xff0c || cp === 0x3002) && c === CharClass.Dot && !isVisibleMark(p.cc[h - 1])) {
      fitOf(p, s, h, indent, trimStart, f);
      if (f.width - f.shrink <= m + EPS) return { s, e: e2, kind: 'hang', hang: true, last: e2 === n };
    }
  }
  return { s, e: best, kind: best < natural ? 'push-out' : 'fit', hang: false, last: false };
}

// Scratch for water-filling: reused between lines so a paragraph allocates nothing per character.
let wIdx = new Int32Array(256);
let wCap = new Float64Array(256);
let wTake = new Float64Array(256);
let wSide = new Uint8Array(256);
function ensureScratch(n: number): void {
  if (wIdx.length >= n) return;
  const size = Math.max(n, wIdx.length * 2);
  wIdx = new Int32Array(size); wCap = new Float64Array(size); wTake = new Float64Array(size); wSide = new Uint8Array(size);
}

/** Shares `need` among `count` items "all equally" (CLREQ), each up to its cap. Returns what was used. */
function waterFill(count: number, need: number): number {
  let remaining = need;
  let active = count;
  for (let i = 0; i < count; i++) wTake[i] = -1; // -1: not saturated yet
  while (active > 0 && remaining > EPS) {
    const share = remaining / active;
    let saturated = false;
    for (let i = 0; i < count; i++) {
      if (wTake[i] >= 0) continue;
      if (wCap[i] <= share) { wTake[i] = wCap[i]; remaining -= wCap[i]; active--; saturated = true; }
    }
    if (!saturated) {
      for (let i = 0; i < count; i++) if (wTake[i] < 0) wTake[i] = share;
      remaining = 0;
      active = 0;
    }
  }
  for (let i = 0; i < count; i++) if (wTake[i] < 0) wTake[i] = 0;
  return need - remaining;
}

const SHRINK_ORDER: [Priority, string][] = [
  [Priority.WordSpace, 'word-space'],
  [Priority.Interpunct, 'interpunct'],
  [Priority.Bracket, 'bracket'],
  [Priority.Comma, 'comma'],
  [Priority.CjkLatin, 'cjk-latin'],
  [Priority.Period, 'period'],
];

function noStretchGap(a: CharClass, b: CharClass): boolean {
  // Inside a Latin word, a number, —— or ……; and around connectors and solidi (CLREQ §4.3).
  if ((a === CharClass.Latin || a === CharClass.Other) && (b === CharClass.Latin || b === CharClass.Other)) return true;
  if (a === CharClass.Dash && b === CharClass.Dash) return true;
  if (a === CharClass.Ellipsis && b === CharClass.Ellipsis) return true;
  if (a === CharClass.Connector || b === CharClass.Connector || a === CharClass.Solidus || b === CharClass.Solidus) return true;
  if (a === CharClass.Space || b === CharClass.Space || a === CharClass.Newline || b === CharClass.Newline) return true;
  if (b === CharClass.Suffix || a === CharClass.Prefix) return true;
  return false;
}

function setLine(p: Para, plan: LinePlan, lineIndex: number, measure: number, indent: number, options: ComposeOptions, runs: StyledRun[], fonts: FontSet, missing: MissingChar[]): ComposedLine {
  const style = STYLES[options.style ?? 'newspaper'];
  const align = options.align ?? 'justify';
  const { s, e } = plan;
  const hangAt = plan.hang ? e - 1 : -1;
  const l = plan.hang ? e - 2 : lastVisible(p, s, e);
  const count = e - s;
  // Per-cluster changes on this line, relative to the prepared widths.
  const dL = new Float64Array(count); // removed from the left blank (moves the glyph origin left)
  const dR = new Float64Array(count); // removed from the right blank
  const extra = new Float64Array(count); // space added after the glyph (spacing, stretch)
  const adjustments: Record<string, number> = {};
  const add = (key: string, v: number) => { if (Math.abs(v) > EPS) adjustments[key] = (adjustments[key] ?? 0) + v; };

  const startTrimmed = style.trimStart && l >= s && p.cc[s] === CharClass.Open && p.bL[s] > 0;
  if (startTrimmed) { dL[0] = p.bL[s]; add('line-start', -p.bL[s]); }
  if (l >= s && p.bR[l] > 0) { dR[l - s] += p.bR[l]; add('line-end', -p.bR[l]); }
  if (hangAt >= 0 && p.bR[hangAt] > 0) dR[hangAt - s] += p.bR[hangAt];
  let adj = 0;
  for (let k = s; k <= l; k++) adj += p.adjCut[k];
  if (adj > EPS) adjustments.adjacent = -adj;
  for (let k = s; k < l; k++) extra[k - s] = p.sp[k];

  const natural = l >= s ? p.PW[l + 1] - p.PW[s] - p.sp[l] - p.bR[l] - (startTrimmed ? p.bL[s] : 0) + indent : indent;
  let width = natural;
  const justify = align === 'justify' && !plan.last && plan.kind !== 'end';
  ensureScratch(2 * count + 2);

  if (width > measure + EPS || justify) {
    let need = width - measure;
    if (need > EPS) {
      // Reduce by CLREQ priority; each priority is shared equally before the next is touched.
      for (const [prio, key] of SHRINK_ORDER) {
        if (need <= EPS) break;
        let c = 0;
        if (prio === Priority.CjkLatin) {
          for (let k = s; k < l; k++) if (p.spShrink[k] > 0) { wIdx[c] = k; wCap[c] = p.spShrink[k]; wSide[c] = 2; c++; }
        } else {
          for (let k = s; k <= l; k++) {
            if (p.pri[k] !== prio) continue;
            if (p.cL[k] > 0 && !(startTrimmed && k === s)) { wIdx[c] = k; wCap[c] = p.cL[k]; wSide[c] = 0; c++; }
            if (p.cR[k] > 0 && k !== l) { wIdx[c] = k; wCap[c] = p.cR[k]; wSide[c] = 1; c++; }
          }
        }
        if (c === 0) continue;
        const used = waterFill(c, need);
        for (let i = 0; i < c; i++) {
          const k = wIdx[i] - s;
          if (wSide[i] === 0) dL[k] += wTake[i]; else if (wSide[i] === 1) dR[k] += wTake[i]; else extra[k] -= wTake[i];
        }
        add(key, -used);
        need -= used;
        width -= used;
      }
    } else if (justify && -need > EPS) {
      let gap = -need;
      // Expand: word spaces, then CJK–Latin spaces, to ½ em; then every inter-character gap equally.
      let c = 0;
      for (let k = s; k < l; k++) if (p.cc[k] === CharClass.Space && p.stretch[k] > 0) { wIdx[c] = k; wCap[c] = p.stretch[k]; c++; }
      if (c > 0) {
        const used = waterFill(c, gap);
        for (let i = 0; i < c; i++) extra[wIdx[i] - s] += wTake[i];
        add('word-space', used); gap -= used;
      }
      if (gap > EPS) {
        c = 0;
        for (let k = s; k < l; k++) if (p.spStretch[k] > 0) { wIdx[c] = k; wCap[c] = p.spStretch[k]; c++; }
        if (c > 0) {
          const used = waterFill(c, gap);
          for (let i = 0; i < c; i++) extra[wIdx[i] - s] += wTake[i];
          add('cjk-latin', used); gap -= used;
        }
      }
      if (gap > EPS) {
        c = 0;
        for (let k = s; k < l; k++) if (!noStretchGap(p.cc[k], p.cc[k + 1])) wIdx[c++] = k;
        // A line of Western words only: open the word spaces further before letterspacing.
        if (c === 0) for (let k = s; k < l; k++) if (p.cc[k] === CharClass.Space) wIdx[c++] = k;
        if (c === 0) for (let k = s; k < l; k++) if (p.cc[k] !== CharClass.Newline && p.cc[k + 1] !== CharClass.Newline && !(p.cc[k] === CharClass.Dash && p.cc[k + 1] === CharClass.Dash) && !(p.cc[k] === CharClass.Ellipsis && p.cc[k + 1] === CharClass.Ellipsis)) wIdx[c++] = k;
        if (c > 0) {
          const share = gap / c;
          for (let i = 0; i < c; i++) extra[wIdx[i] - s] += share;
          add('inter-character', gap); gap = 0;
        }
      }
      width = measure - gap;
    }
  }

  let offset = indent;
  if (!justify || plan.last) {
    if (align === 'center') offset += (measure - width) / 2;
    else if (align === 'end') offset += measure - width;
  }

  const glyphs: LineGlyph[] = [];
  let pen = offset;
  let ascent = 0, descent = 0;
  for (let k = s; k < e; k++) {
    const c = p.cc[k] as CharClass;
    if (c === CharClass.Newline) continue;
    const i = k - s;
    const g = p.glyph[k];
    const r = runs[p.run[k]];
    const trailing = k > l && k !== hangAt;
    const left = p.tL[k] + dL[i];
    const advance = trailing ? 0 : p.adv[k] - left - p.tR[k] - dR[i] + extra[i];
    const at = p.cs[k];
    const src: SourceRef = { article: r.src.article, block: r.src.block, offset: r.src.offset + (at - p.runStart[p.run[k]]) };
    const lg: LineGlyph = { face: g.face, size: p.size[k], gid: g.gid, text: p.text.slice(at, p.cs[k + 1]), x: pen - left, advance, src };
    if (r.color) lg.color = r.color;
    if (r.role) lg.role = r.role;
    if (g.missing) {
      lg.missing = true;
      missing.push({ char: lg.text, index: at, src, face: r.face });
    }
    glyphs.push(lg);
    pen += advance;
    const v = faceVertical(fonts, g.face);
    if (v.ascentEm * p.size[k] > ascent) ascent = v.ascentEm * p.size[k];
    if (v.descentEm * p.size[k] > descent) descent = v.descentEm * p.size[k];
  }
  void lineIndex;
  const end = p.cs[e];
  const finalWidth = plan.hang ? (hangAt > s ? glyphs[hangAt - s].x + p.tL[hangAt] : pen) : pen;
  return {
    start: p.cs[s],
    end,
    text: p.text.slice(p.cs[s], end),
    glyphs,
    naturalWidth: natural,
    width: finalWidth,
    measure,
    indent,
    ascent,
    descent,
    breakKind: plan.kind,
    adjustments,
  };
}

/**
 * Composes one paragraph. Lines are filled greedily with shrink (push-in before push-out),
 * justified by the CLREQ priorities, and every line but the last ends exactly at its measure.
 */
export function composeParagraph(runs: StyledRun[], options: ComposeOptions, fonts: FontSet): ComposedParagraph {
  validate(options);
  const p = prepare(runs, options, fonts);
  const missing: MissingChar[] = [];
  if (p.n === 0) return { lines: [], missing };
  const style = STYLES[options.style ?? 'newspaper'];
  const indentPt = (options.indent ?? 2) * options.em;
  const hanging = options.hanging ?? false;
  const f: Fit = { width: 0, shrink: 0 };

  const plans: LinePlan[] = [];
  let s = 0;
  while (s < p.n) {
    const li = plans.length;
    const indent = li === 0 ? indentPt : 0;
    const m = measureAt(options, li);
    const plan = planLine(p, s, m, indent, style.trimStart, hanging, f);
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
        fitOf(p, e2, p.n, li === 0 ? indentPt : 0, style.trimStart, f);
        // Only if the remainder still sets as one line, and the shortened line keeps a character.
        if (f.width - f.shrink <= m + EPS) {
          let kept = 0;
          for (let k = prev.s; k < e2 && kept < 2; k++) if (countsAsCharacter(p.cc[k] as CharClass)) kept++;
          if (kept >= 2) {
            prev.e = e2; prev.kind = 'orphan'; prev.hang = false;
            last.s = e2;
          }
        }
      }
    }
  }

  const lines: ComposedLine[] = [];
  for (let li = 0; li < plans.length; li++) {
    const indent = li === 0 ? indentPt : 0;
    const m = measureAt(options, li);
    lines.push(setLine(p, plans[li], li, m, indent, options, runs, fonts, missing));
  }
  return { lines, missing };
}
