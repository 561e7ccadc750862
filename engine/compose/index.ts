// One idea: the composer's entry point and the justification of each line, kept whole because both
// follow one set of CLREQ priorities.
// The line composer: styled runs in, justified lines out (docs/cjk-typesetting.md §8; CLREQ #procedures_for_inter-character_spacing_reduction).
// Pure and deterministic. The paragraph is prepared once (./paragraph.ts); its lines are chosen
// over the whole paragraph (./optimal.ts) or first-fit (./greedy.ts), both over the same legal
// break opportunities and the same width and shrink model, and each line is then justified here
// by the CLREQ reduction and expansion priorities.
import type { FontSet } from '../fonts/metrics';
import type { SourceRef } from '../display/types';
import { CharClass } from '../text/classes';
import { faceVertical, type FaceVertical } from './glyphs';
import { Priority, STYLES, PUNCTUATION_STYLES } from './punctuation';
import { houseProblem } from './house';
import { EPS, lastVisible, measureAt, noStretchGap, prepare, type LinePlan, type Para } from './paragraph';
import { greedyPlans } from './greedy';
import { optimalPlans } from './optimal';
import type {
  BreakingMode,
  ComposedLine,
  ComposedParagraph,
  ComposeOptions,
  LineGlyph,
  MissingChar,
  StyledRun,
  Strictness,
} from './types';

export type * from './types';
export { PUNCTUATION_STYLES } from './punctuation';
export { HOUSE_STYLES, HOUSE_STYLE_NAMES, houseKey, houseProblem } from './house';
export const STRICTNESS_LEVELS: readonly Strictness[] = ['none', 'basic', 'gb', 'strict'];
export const BREAKING_MODES: readonly BreakingMode[] = ['optimal', 'greedy'];

function validate(options: ComposeOptions): void {
  if (!(options.em > 0) || !Number.isFinite(options.em))
    throw new RangeError(`compose: em must be a positive number of points, got ${options.em}`);
  if (typeof options.measure === 'number' && (!(options.measure > 0) || !Number.isFinite(options.measure)))
    throw new RangeError(`compose: measure must be a positive number of points, got ${options.measure}`);
  if (options.indent !== undefined && (!(options.indent >= 0) || !Number.isFinite(options.indent)))
    throw new RangeError(`compose: indent must be zero or a positive number of ems, got ${options.indent}`);
  if (options.style !== undefined && !(options.style in STYLES))
    throw new RangeError(
      `compose: unknown punctuation style "${options.style}" (use ${PUNCTUATION_STYLES.join(', ')})`,
    );
  if (options.strictness !== undefined && !STRICTNESS_LEVELS.includes(options.strictness))
    throw new RangeError(
      `compose: unknown strictness "${options.strictness}" (use ${STRICTNESS_LEVELS.join(', ')})`,
    );
  if (options.breaking !== undefined && !BREAKING_MODES.includes(options.breaking))
    throw new RangeError(
      `compose: unknown breaking "${options.breaking}" (use ${BREAKING_MODES.join(', ')})`,
    );
  if (options.house !== undefined) {
    const problem = houseProblem(options.house);
    if (problem) throw new RangeError(`compose: house style "${options.house.name}": ${problem}`);
  }
  if (options.tracking !== undefined && !(Math.abs(options.tracking) <= 0.5))
    throw new RangeError(`compose: tracking must be between −0.5 and 0.5 em, got ${options.tracking}`);
  if (
    options.cjkLatinSpacing !== undefined &&
    (!(options.cjkLatinSpacing >= 0) || options.cjkLatinSpacing > 1)
  )
    throw new RangeError(
      `compose: cjkLatinSpacing must be between 0 and 1 em, got ${options.cjkLatinSpacing}`,
    );
}

// Scratch for water-filling: reused between lines so a paragraph allocates nothing per character.
let wIdx = new Int32Array(256);
let wCap = new Float64Array(256);
let wTake = new Float64Array(256);
let wSide = new Uint8Array(256);
let lineDL = new Float64Array(256);
let lineDR = new Float64Array(256);
let lineExtra = new Float64Array(256);
function ensureScratch(n: number): void {
  if (wIdx.length >= n) return;
  const size = Math.max(n, wIdx.length * 2);
  wIdx = new Int32Array(size);
  wCap = new Float64Array(size);
  wTake = new Float64Array(size);
  wSide = new Uint8Array(size);
  lineDL = new Float64Array(size);
  lineDR = new Float64Array(size);
  lineExtra = new Float64Array(size);
}

// A set line's glyphs and their source references are made by constructors rather than object
// literals. They are plain data with the same fields in the same order; but V8 moves literal sites
// whose objects once survived a minor collection straight to the old generation, and a page's
// thousands of glyphs, dropped a keystroke later, then cost full collections. Seen in the compose
// benchmark as a third of its time.
class SetGlyph implements LineGlyph {
  declare color?: LineGlyph['color'];
  declare role?: string;
  declare missing?: boolean;
  declare scale?: number;
  constructor(
    public face: string,
    public size: number,
    public gid: number,
    public text: string,
    public x: number,
    public advance: number,
    public src: SourceRef,
  ) {}
}

class GlyphSource implements SourceRef {
  constructor(
    public article: string,
    public block: number,
    public offset: number,
  ) {}
}

function addAdjustment(adjustments: Record<string, number>, key: string, v: number): void {
  if (Math.abs(v) > EPS) adjustments[key] = (adjustments[key] ?? 0) + v;
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
      if (wCap[i] <= share) {
        wTake[i] = wCap[i];
        remaining -= wCap[i];
        active--;
        saturated = true;
      }
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

function setLine(
  p: Para,
  plan: LinePlan,
  lineIndex: number,
  measure: number,
  indent: number,
  options: ComposeOptions,
  runs: StyledRun[],
  fonts: FontSet,
  missing: MissingChar[],
): ComposedLine {
  const style = STYLES[options.style ?? 'newspaper'];
  const align = options.align ?? 'justify';
  const { s, e } = plan;
  const hangAt = plan.hang ? e - 1 : -1;
  const l = plan.hang ? e - 2 : lastVisible(p, s, e);
  const count = e - s;
  ensureScratch(2 * count + 2);
  // Per-cluster changes on this line, relative to the prepared widths (scratch, cleared here).
  const dL = lineDL; // removed from the left blank (moves the glyph origin left)
  const dR = lineDR; // removed from the right blank
  const extra = lineExtra; // space added after the glyph (spacing, stretch)
  dL.fill(0, 0, count);
  dR.fill(0, 0, count);
  extra.fill(0, 0, count);
  const adjustments: Record<string, number> = {};

  const startTrimmed = style.trimStart && l >= s && p.cc[s] === CharClass.Open && p.bL[s] > 0;
  if (startTrimmed) {
    dL[0] = p.bL[s];
    addAdjustment(adjustments, 'line-start', -p.bL[s]);
  }
  if (l >= s && p.bR[l] > 0) {
    dR[l - s] += p.bR[l];
    addAdjustment(adjustments, 'line-end', -p.bR[l]);
  }
  if (hangAt >= 0 && p.bR[hangAt] > 0) dR[hangAt - s] += p.bR[hangAt];
  let adj = 0;
  for (let k = s; k <= l; k++) adj += p.adjCut[k];
  if (adj > EPS) adjustments.adjacent = -adj;
  for (let k = s; k < l; k++) extra[k - s] = p.sp[k];

  const natural =
    l >= s ? p.PW[l + 1] - p.PW[s] - p.sp[l] - p.bR[l] - (startTrimmed ? p.bL[s] : 0) + indent : indent;
  let width = natural;
  const justify = align === 'justify' && !plan.last && plan.kind !== 'end';

  if (width > measure + EPS || justify) {
    let need = width - measure;
    if (need > EPS) {
      // Reduce by CLREQ priority; each priority is shared equally before the next is touched.
      for (const [prio, key] of SHRINK_ORDER) {
        if (need <= EPS) break;
        let c = 0;
        if (prio === Priority.CjkLatin) {
          for (let k = s; k < l; k++)
            if (p.spShrink[k] > 0) {
              wIdx[c] = k;
              wCap[c] = p.spShrink[k];
              wSide[c] = 2;
              c++;
            }
        } else {
          for (let k = s; k <= l; k++) {
            if (p.pri[k] !== prio) continue;
            if (p.cL[k] > 0 && !(startTrimmed && k === s)) {
              wIdx[c] = k;
              wCap[c] = p.cL[k];
              wSide[c] = 0;
              c++;
            }
            if (p.cR[k] > 0 && k !== l) {
              wIdx[c] = k;
              wCap[c] = p.cR[k];
              wSide[c] = 1;
              c++;
            }
          }
        }
        if (c === 0) continue;
        const used = waterFill(c, need);
        for (let i = 0; i < c; i++) {
          const k = wIdx[i] - s;
          if (wSide[i] === 0) dL[k] += wTake[i];
          else if (wSide[i] === 1) dR[k] += wTake[i];
          else extra[k] -= wTake[i];
        }
        addAdjustment(adjustments, key, -used);
        need -= used;
        width -= used;
      }
    } else if (justify && -need > EPS) {
      let gap = -need;
      // Expand: word spaces, then CJK–Latin spaces, to ½ em; then every inter-character gap equally.
      let c = 0;
      for (let k = s; k < l; k++)
        if (p.cc[k] === CharClass.Space && p.stretch[k] > 0) {
          wIdx[c] = k;
          wCap[c] = p.stretch[k];
          c++;
        }
      if (c > 0) {
        const used = waterFill(c, gap);
        for (let i = 0; i < c; i++) extra[wIdx[i] - s] += wTake[i];
        addAdjustment(adjustments, 'word-space', used);
        gap -= used;
      }
      if (gap > EPS) {
        c = 0;
        for (let k = s; k < l; k++)
          if (p.spStretch[k] > 0) {
            wIdx[c] = k;
            wCap[c] = p.spStretch[k];
            c++;
          }
        if (c > 0) {
          const used = waterFill(c, gap);
          for (let i = 0; i < c; i++) extra[wIdx[i] - s] += wTake[i];
          addAdjustment(adjustments, 'cjk-latin', used);
          gap -= used;
        }
      }
      if (gap > EPS) {
        c = 0;
        for (let k = s; k < l; k++) if (!noStretchGap(p.cc[k], p.cc[k + 1])) wIdx[c++] = k;
        // A line of Western words only: open the word spaces further before letterspacing.
        if (c === 0) for (let k = s; k < l; k++) if (p.cc[k] === CharClass.Space) wIdx[c++] = k;
        if (c === 0)
          for (let k = s; k < l; k++)
            if (
              p.cc[k] !== CharClass.Newline &&
              p.cc[k + 1] !== CharClass.Newline &&
              !(p.cc[k] === CharClass.Dash && p.cc[k + 1] === CharClass.Dash) &&
              !(p.cc[k] === CharClass.Ellipsis && p.cc[k + 1] === CharClass.Ellipsis)
            )
              wIdx[c++] = k;
        if (c > 0) {
          const share = gap / c;
          for (let i = 0; i < c; i++) extra[wIdx[i] - s] += share;
          addAdjustment(adjustments, 'inter-character', gap);
          gap = 0;
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

  const glyphs: LineGlyph[] = new Array<LineGlyph>(e - s);
  let gi = 0;
  let pen = offset;
  let ascent = 0,
    descent = 0;
  let vFace = '';
  let v: FaceVertical = { ascentEm: 0, descentEm: 0 };
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
    const src: SourceRef = new GlyphSource(
      r.src.article,
      r.src.block,
      r.src.offset + (at - p.runStart[p.run[k]]),
    );
    // A lone code point (nearly every glyph) takes the cached string; a cluster with marks is sliced.
    const to = p.cs[k + 1];
    const text = to - at === g.char.length ? g.char : p.text.slice(at, to);
    const lg: LineGlyph = new SetGlyph(g.face, p.size[k], g.gid, text, pen - left, advance, src);
    if (r.color) lg.color = r.color;
    if (r.role) lg.role = r.role;
    if (r.scale !== undefined && r.scale !== 1) lg.scale = r.scale;
    if (g.missing) {
      lg.missing = true;
      missing.push({ char: lg.text, index: at, src, face: r.face });
    }
    glyphs[gi++] = lg;
    pen += advance;
    if (g.face !== vFace) {
      vFace = g.face;
      v = faceVertical(fonts, vFace);
    }
    if (v.ascentEm * p.size[k] > ascent) ascent = v.ascentEm * p.size[k];
    if (v.descentEm * p.size[k] > descent) descent = v.descentEm * p.size[k];
  }
  glyphs.length = gi; // newlines take no glyph
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
 * Composes one paragraph. Justified text is broken over the whole paragraph (optimum fit: no line
 * letterspaced where a better set of breaks exists, push-in before push-out); other alignments and
 * `breaking: 'greedy'` fill lines first-fit. Every line but the last ends exactly at its measure.
 */
export function composeParagraph(
  runs: StyledRun[],
  options: ComposeOptions,
  fonts: FontSet,
): ComposedParagraph {
  validate(options);
  let total = 0;
  for (const r of runs) total += r.text.length;
  return total > CHUNK_CHARS
    ? composeInChunks(runs, total, options, fonts)
    : composeWhole(runs, options, fonts);
}

/**
 * Paragraphs longer than this (UTF-16 units) are composed a window at a time: the prepared arrays
 * and the breaker's working set (~150 bytes a character) then stay within a few megabytes whatever
 * the input, and only the set lines grow with the paragraph (docs/ARCHITECTURE.md). Far beyond any
 * newspaper paragraph (a long one is 2,000 characters), so real copy is always composed whole.
 */
export const CHUNK_CHARS = 16_384;

/** The runs' text in [from, to) of the paragraph, with source offsets moved to match. */
function sliceRuns(runs: StyledRun[], from: number, to: number): StyledRun[] {
  const out: StyledRun[] = [];
  let at = 0;
  for (const r of runs) {
    const a = Math.max(from, at),
      b = Math.min(to, at + r.text.length);
    if (a < b)
      out.push({
        ...r,
        text: r.text.slice(a - at, b - at),
        src: { ...r.src, offset: r.src.offset + (a - at) },
      });
    at += r.text.length;
  }
  return out;
}

/**
 * Composes a window of CHUNK_CHARS, keeps all its lines but the last (which ended only because the
 * window did) and starts the next window where that line started; the paragraph's last window
 * keeps every line. Every line but the paragraph's last is justified, as when composed whole.
 */
function composeInChunks(
  runs: StyledRun[],
  total: number,
  options: ComposeOptions,
  fonts: FontSet,
): ComposedParagraph {
  const lines: ComposedLine[] = [];
  const missing: MissingChar[] = [];
  let from = 0;
  while (from < total) {
    const to = Math.min(total, from + CHUNK_CHARS);
    const first = lines.length;
    const measure = options.measure;
    const chunk = composeWhole(
      sliceRuns(runs, from, to),
      {
        ...options,
        indent: from === 0 ? options.indent : 0,
        measure: typeof measure === 'number' ? measure : (li: number) => measure(li + first),
      },
      fonts,
    );
    let keep = chunk.lines.length;
    if (to < total && keep > 1) keep--;
    const next = keep < chunk.lines.length ? from + chunk.lines[keep].start : to;
    for (let i = 0; i < keep; i++) {
      const l = chunk.lines[i];
      l.start += from;
      l.end += from;
      lines.push(l);
    }
    for (const m of chunk.missing) if (m.index + from < next) missing.push({ ...m, index: m.index + from });
    from = next;
  }
  return { lines, missing };
}

function composeWhole(runs: StyledRun[], options: ComposeOptions, fonts: FontSet): ComposedParagraph {
  const p = prepare(runs, options, fonts);
  const missing: MissingChar[] = [];
  if (p.n === 0) return { lines: [], missing };
  const style = STYLES[options.style ?? 'newspaper'];
  const indentPt = (options.indent ?? 2) * options.em;
  const hanging = options.hanging ?? false;
  const optimal = (options.breaking ?? 'optimal') === 'optimal' && (options.align ?? 'justify') === 'justify';
  const plans = optimal
    ? optimalPlans(p, options, indentPt, style.trimStart, hanging)
    : greedyPlans(p, options, indentPt, style.trimStart, hanging);

  const lines: ComposedLine[] = [];
  for (let li = 0; li < plans.length; li++) {
    const indent = li === 0 ? indentPt : 0;
    const m = measureAt(options, li);
    lines.push(setLine(p, plans[li], li, m, indent, options, runs, fonts, missing));
  }
  return { lines, missing };
}
