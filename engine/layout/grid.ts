// Page geometry: grid rectangles (columns × body lines) to points. The baseline grid is what makes a
// newspaper page look set rather than pasted: every body line of every column sits on a row of it.
import type { GridRect } from '../model/types';
import type { Template } from '../templates/types';

/** Where the em box's top sits below its baseline, as a fraction of the size: the ideographic em box of
 *  CJK faces (880/−120 in Noto) puts the baseline 0.88 em below the em top. */
export const EM_ASCENT = 0.88;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One text column of a region: its measure and the body rows it offers. */
export interface TextColumn {
  x: number;
  width: number;
  /** First row and the number of rows (body lines). */
  row: number;
  rows: number;
  region: number;
  /** Where wrap objects (./wrap.ts) touch the column: each row's slot (from `row` on), null for a row
   *  text skips. Absent when nothing does: every row has the whole measure. */
  slots?: ({ x: number; width: number } | null)[];
}

export class PageGrid {
  readonly em: number;
  readonly pitch: number;
  constructor(readonly t: Template) {
    this.em = t.body.size;
    this.pitch = t.body.pitch;
  }

  colX(col: number): number {
    return this.t.typeArea.x + col * (this.t.grid.columnWidth + this.t.grid.gutter);
  }

  spanWidth(cols: number): number {
    return cols * this.t.grid.columnWidth + (cols - 1) * this.t.grid.gutter;
  }

  rowTop(row: number): number {
    return this.t.typeArea.y + row * this.pitch;
  }

  /** Baseline of a line of `size` points centred in `rows` body rows starting at `row`. */
  baseline(row: number, size: number, rows = 1): number {
    return this.rowTop(row) + (rows * this.pitch - size) / 2 + size * EM_ASCENT;
  }

  /** The rectangle a grid rect covers, from the left edge of its first column to the right edge of
   *  its last, from the top of its first row to the bottom of its last; indents narrow it, a shift
   *  moves it sideways by whole 字. */
  rect(g: GridRect): Rect {
    const x = this.colX(g.col) + ((g.indentLeft ?? 0) + (g.shift ?? 0)) * this.em;
    const w = this.spanWidth(g.cols) - ((g.indentLeft ?? 0) + (g.indentRight ?? 0)) * this.em;
    return { x, y: this.rowTop(g.line), w, h: g.lines * this.pitch };
  }

  /** A problem with a grid rect on this template, or null. */
  check(g: GridRect): string | null {
    const { columns, lines } = this.t.grid;
    for (const k of ['col', 'cols', 'line', 'lines'] as const) {
      if (!Number.isInteger(g[k]) || g[k] < (k === 'cols' || k === 'lines' ? 1 : 0))
        return `${k} must be a whole number${k === 'cols' || k === 'lines' ? ' of at least 1' : ' from 0'}, got ${g[k]}`;
    }
    if (g.col + g.cols > columns)
      return `columns ${g.col + 1}–${g.col + g.cols} run past the grid's ${columns} columns`;
    if (g.line + g.lines > lines)
      return `lines ${g.line + 1}–${g.line + g.lines} run past the grid's ${lines} lines`;
    if (g.shift !== undefined && !Number.isInteger(g.shift))
      return `shift must be a whole number of 字, got ${g.shift}`;
    const r = this.rect(g);
    if (r.w < this.em * 2) return 'its indents leave less than 2 字 of measure';
    if (g.shift) {
      const { x, w } = this.t.typeArea;
      if (r.x < x - 0.01 || r.x + r.w > x + w + 0.01)
        return `shifted ${g.shift} 字, it runs past the type area's ${g.shift < 0 ? 'left' : 'right'} edge`;
    }
    return null;
  }

  /**
   * Splits a region into its text columns. Measures are whole 字 (a typesetter's column is counted in
   * characters); what is left of a 破栏 goes into the gutters, as 五破三 is set 22/22/22 with wider gutters.
   * `clip` narrows the region (a box's inner edge); `rows` are the rows it may use.
   */
  textColumns(
    g: GridRect,
    regionIndex: number,
    clip: { x0: number; x1: number } | null,
    rows: { row: number; rows: number },
  ): TextColumn[] {
    const r = this.rect(g);
    let x0 = r.x;
    let x1 = r.x + r.w;
    if (clip) {
      x0 = Math.max(x0, clip.x0);
      x1 = Math.min(x1, clip.x1);
    }
    const n = g.columns ?? g.cols;
    const gutter = this.t.grid.gutter;
    const avail = x1 - x0 - (n - 1) * gutter;
    const width = Math.max(this.em, Math.floor(avail / n / this.em + 1e-6) * this.em);
    const extraGutter = n > 1 ? (avail - n * width) / (n - 1) : 0;
    const out: TextColumn[] = [];
    for (let i = 0; i < n; i++)
      out.push({
        x: x0 + i * (width + gutter + extraGutter),
        width,
        row: rows.row,
        rows: rows.rows,
        region: regionIndex,
      });
    return out;
  }
}
