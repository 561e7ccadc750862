// The flow: composed lines poured down each text column of a placement's regions in reading order,
// one body row per line (more for a larger style), so every body line lands on the page's baseline
// grid. What does not fit is not dropped: it is composed on at the last measure and returned as overset.
import type { ComposedLine, ComposedParagraph } from '../compose/types';
import type { FontSet } from '../fonts/metrics';
import { composeCached, type MeasurePlan } from './cache';
import { lineSize } from './emit';
import type { PageGrid, TextColumn } from './grid';
import type { ParagraphSpec } from './runs';
import { fitAt, openChars, openRows } from './wrap';

export interface PlacedLine {
  spec: ParagraphSpec;
  line: ComposedLine;
  column: number;
  row: number;
  rows: number;
  /** Left edge of the line: the column's, or the slot's beside a wrap object. */
  x: number;
}

export interface OversetPart {
  spec: ParagraphSpec;
  lines: ComposedLine[];
}

export interface FlowResult {
  placed: PlacedLine[];
  overset: OversetPart[];
  oversetLines: number;
  /** Rows taken (lines, and the rows of space and of skipped column ends). */
  rowsUsed: number;
  rowsAvailable: number;
  /** Characters the empty rows could still take (at each column's measure, in body 字). */
  emptyChars: number;
  composed: { spec: ParagraphSpec; para: ComposedParagraph }[];
}

/** Rows one line takes: its style's, or more when a run on it is set larger than the style's line holds. */
function lineRows(line: ComposedLine, k: number, grid: PageGrid): number {
  const size = lineSize(line, 0);
  return size * 1.1 <= k * grid.pitch ? k : Math.max(k, Math.ceil((size * 1.2) / grid.pitch - 0.08));
}

/** Rows a line of this style takes on the grid: one for body text, more for larger styles. */
export function rowsPerLine(spec: ParagraphSpec, grid: PageGrid): number {
  return Math.max(1, Math.ceil(spec.style.lineHeight / grid.pitch - 0.08));
}

export function flow(
  specs: ParagraphSpec[],
  columns: TextColumn[],
  grid: PageGrid,
  fonts: FontSet,
): FlowResult {
  const placed: PlacedLine[] = [];
  const overset: OversetPart[] = [];
  const composed: FlowResult['composed'] = [];
  let oversetLines = 0;
  let ci = 0;
  let r = 0;
  let lastRowUsed = -1;
  let lastColUsed = -1;
  const fallbackWidth = columns.length ? columns[columns.length - 1].width : grid.t.grid.columnWidth;

  for (const spec of specs) {
    const k = rowsPerLine(spec, grid);
    const kStyle = k;
    if (ci < columns.length) {
      if (r > 0 && spec.style.spaceBefore) r += spec.style.spaceBefore;
      // Skip column ends too short for one line of this style (and rows wrap objects take).
      for (; ci < columns.length; ci++, r = 0) {
        const at = fitAt(columns[ci], r, k);
        if (at) {
          r = at.r;
          break;
        }
      }
      // A crosshead at the foot of a column, its text over the page (背题), is moved to the next column.
      if (spec.type === 'crosshead' && ci < columns.length - 1 && r > 0 && !fitAt(columns[ci], r + k, 1)) {
        ci++;
        r = 0;
      }
    }
    const plan = measurePlan(columns, ci, r, k, fallbackWidth, spec.chars + 4);
    const para = composeCached(spec, plan, fonts);
    composed.push({ spec, para });
    let i = 0;
    for (; i < para.lines.length && ci < columns.length; i++) {
      // A line holding larger type (a selected word's 字号) takes the rows its largest size needs.
      const k = lineRows(para.lines[i], kStyle, grid);
      let at = null;
      for (; ci < columns.length; ci++, r = 0) if ((at = fitAt(columns[ci], r, k))) break;
      if (!at) break;
      const col = columns[ci];
      placed.push({ spec, line: para.lines[i], column: ci, row: col.row + at.r, rows: k, x: at.x });
      lastColUsed = ci;
      lastRowUsed = at.r + k;
      r = at.r + k;
    }
    if (i < para.lines.length) {
      overset.push({ spec, lines: para.lines.slice(i) });
      oversetLines += (para.lines.length - i) * k;
    }
  }
  // Rows wrap objects take are no room for the story: copyfit counts open rows only.
  let rowsAvailable = 0;
  for (const c of columns) rowsAvailable += openRows(c);
  // Rows used: every column before the last one written to counts whole (text ran on from it).
  let rowsUsed = 0;
  for (let c = 0; c < lastColUsed; c++) rowsUsed += openRows(columns[c]);
  if (lastColUsed >= 0) rowsUsed += openRows(columns[lastColUsed], lastRowUsed);
  let emptyChars = 0;
  columns.forEach((c, i) => {
    if (i > lastColUsed) emptyChars += openChars(c, 0, grid.em);
    else if (i === lastColUsed) emptyChars += openChars(c, lastRowUsed, grid.em);
  });
  return { placed, overset, oversetLines, rowsUsed, rowsAvailable, emptyChars, composed };
}

/**
 * The measures a paragraph starting at column `ci`, row `r` meets, line by line, as the flow will
 * place its lines (the same fitAt), up to `most` lines (a paragraph has at most one per character).
 */
function measurePlan(
  columns: TextColumn[],
  ci: number,
  r: number,
  k: number,
  fallback: number,
  most: number,
): MeasurePlan {
  const widths: number[] = [];
  const counts: number[] = [];
  const push = (w: number, n: number) => {
    if (widths.length && widths[widths.length - 1] === w) counts[counts.length - 1] += n;
    else {
      widths.push(w);
      counts.push(n);
    }
  };
  let lines = 0;
  let row = r;
  for (let c = ci; c < columns.length && lines < most; c++, row = 0) {
    const col = columns[c];
    if (!col.slots) {
      const n = Math.floor((col.rows - row) / k);
      if (n > 0) {
        push(col.width, n);
        lines += n;
      }
      continue;
    }
    for (let at = fitAt(col, row, k); at && lines < most; at = fitAt(col, at.r + k, k)) {
      push(at.width, 1);
      lines++;
    }
  }
  const last = widths.length ? widths[widths.length - 1] : fallback;
  widths.push(last);
  counts.push(Infinity);
  return { widths, counts };
}

/**
 * Flows with the last region's columns shortened to equal depth (balanced columns, CLREQ §4.7): the
 * shortest depth that still takes all the text. Columns of earlier regions are left as they are.
 */
export function flowBalanced(
  specs: ParagraphSpec[],
  columns: TextColumn[],
  grid: PageGrid,
  fonts: FontSet,
): FlowResult {
  const first = flow(specs, columns, grid, fonts);
  if (first.overset.length || !columns.length) return first;
  const lastRegion = columns[columns.length - 1].region;
  const tail = columns.map((c, i) => (c.region === lastRegion ? i : -1)).filter((i) => i >= 0);
  if (tail.length < 2) return first;
  let used = 0;
  for (const p of first.placed) if (columns[p.column].region === lastRegion) used += p.rows;
  const full = Math.max(...tail.map((i) => columns[i].rows));
  for (let depth = Math.ceil(used / tail.length); depth < full; depth++) {
    const cols = columns.map((c) => (c.region === lastRegion ? { ...c, rows: Math.min(c.rows, depth) } : c));
    const res = flow(specs, cols, grid, fonts);
    if (!res.overset.length) {
      // Underset is still measured against the full region: balancing does not create space.
      res.rowsAvailable = first.rowsAvailable;
      res.rowsUsed = first.rowsUsed;
      res.emptyChars = first.emptyChars;
      return res;
    }
  }
  return first;
}
