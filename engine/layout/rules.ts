// Rules between stories (隔线): the ones an editor draws on the grid, and the ones layout draws itself
// where one story ends and the next begins in the same column.
//
// Why automatic: on a news page a story stacked under another in a column is always parted from it
// by a thin rule in the white line between them (or on the seam when there is none); an editor who
// had to draw each of these would forget one on every page, and would have to move it by hand
// whenever a story is moved. So layout draws a 隔线 wherever two placements meet vertically with at
// most one empty line between them, over the columns where they meet. Two or more empty lines are
// white space the editor left on purpose; a boxed story is parted by its own box. Side-by-side stories
// are parted by their gutter; a 栏线 down a gutter, and any other rule, is the editor's (Page.rules),
// and a page can switch the automatic ones off (Page.autoRules: false).
import type { Rule } from '../display/types';
import { BLACK } from '../display/types';
import type { GridRect, Page, PageRule, Placement, RuleStyle } from '../model/types';
import type { PageGrid } from './grid';

/** A problem with an editor's rule on this grid, or null. */
export function checkRule(r: PageRule, grid: PageGrid): string | null {
  const { columns, lines } = grid.t.grid;
  const whole = (v: number, min: number): boolean => Number.isInteger(v) && v >= min;
  if ('gutter' in r) {
    if (!whole(r.gutter, 1) || r.gutter > columns - 1)
      return `gutter must be a whole number from 1 to ${columns - 1} (the gutter left of that column), got ${r.gutter}`;
    if (!whole(r.line, 0) || !whole(r.lines, 1))
      return `line and lines must be whole numbers (from 0, of at least 1), got ${r.line} and ${r.lines}`;
    if (r.line + r.lines > lines)
      return `lines ${r.line + 1}–${r.line + r.lines} run past the grid's ${lines} lines`;
    return null;
  }
  if (!whole(r.col, 0) || !whole(r.cols, 1))
    return `col and cols must be whole numbers (from 0, of at least 1), got ${r.col} and ${r.cols}`;
  if (!whole(r.line, 0) || r.line >= lines)
    return `line must be a whole number from 0 to ${lines - 1}, got ${r.line}`;
  if (r.col + r.cols > columns)
    return `columns ${r.col + 1}–${r.col + r.cols} run past the grid's ${columns} columns`;
  return null;
}

/** The display items of one rule from (x1, y1) to (x2, y2) in a style. */
export function styledRule(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  style: RuleStyle,
  thin: number,
  out: Rule[],
): void {
  const base = { color: BLACK, overprint: true } as const;
  if (style === 'double') {
    // Two thin lines with twice their width of white between: read as one 双线 at newspaper scale.
    const d = thin * 1.5;
    const [dx, dy] = x1 === x2 ? [d, 0] : [0, d];
    out.push({ kind: 'rule', x1: x1 - dx, y1: y1 - dy, x2: x2 - dx, y2: y2 - dy, width: thin, ...base });
    out.push({ kind: 'rule', x1: x1 + dx, y1: y1 + dy, x2: x2 + dx, y2: y2 + dy, width: thin, ...base });
    return;
  }
  const rule: Rule = { kind: 'rule', x1, y1, x2, y2, width: style === 'thick' ? thin * 3 : thin, ...base };
  if (style === 'dotted') rule.dash = [thin * 2, thin * 2];
  out.push(rule);
}

export function editorRules(page: Page, grid: PageGrid): Rule[] {
  const out: Rule[] = [];
  const thin = grid.t.rules.separator;
  for (const r of page.rules ?? []) {
    if ('gutter' in r) {
      const x = grid.colX(r.gutter) - grid.t.grid.gutter / 2;
      styledRule(x, grid.rowTop(r.line), x, grid.rowTop(r.line + r.lines), r.style, thin, out);
    } else {
      const y = grid.rowTop(r.line) + grid.pitch / 2;
      styledRule(grid.colX(r.col), y, grid.colX(r.col) + grid.spanWidth(r.cols), y, r.style, thin, out);
    }
  }
  return out;
}

function areasOf(pl: Placement): GridRect[] {
  return [...pl.regions, ...pl.photos.map((p) => p.area), ...(pl.headline ? [pl.headline.area] : [])];
}

/** Rows [top, bottom) a placement's areas take in a column, or null when it has none there. */
function extentIn(areas: GridRect[], col: number): { top: number; bottom: number } | null {
  let top = Infinity;
  let bottom = -Infinity;
  for (const a of areas) {
    if (col < a.col || col >= a.col + a.cols) continue;
    top = Math.min(top, a.line);
    bottom = Math.max(bottom, a.line + a.lines);
  }
  return top === Infinity ? null : { top, bottom };
}

/** The 隔线 between stories stacked in a column (see the head of this file). */
export function separatorRules(page: Page, grid: PageGrid): Rule[] {
  if (page.autoRules === false) return [];
  const { columns } = grid.t.grid;
  const placed = page.placements.map((pl) => ({ pl, areas: areasOf(pl) }));
  // Per column, where a rule goes (its y) and between which two placements.
  const marks: { y: number; above: number; below: number }[][] = Array.from({ length: columns }, () => []);
  for (let c = 0; c < columns; c++) {
    const ext = placed.map((p) => extentIn(p.areas, c));
    for (let a = 0; a < placed.length; a++) {
      for (let b = 0; b < placed.length; b++) {
        const ea = ext[a];
        const eb = ext[b];
        if (a === b || !ea || !eb || placed[a].pl.box || placed[b].pl.box) continue;
        const gap = eb.top - ea.bottom;
        if (gap < 0 || gap > 1) continue;
        // Another story in the white line means these two do not meet.
        if (
          gap === 1 &&
          ext.some((e, k) => k !== a && k !== b && e && e.top <= ea.bottom && e.bottom > ea.bottom)
        )
          continue;
        const y = gap === 1 ? grid.rowTop(ea.bottom) + grid.pitch / 2 : grid.rowTop(eb.top);
        // Where the editor drew a rule of their own (a 隔线 in a style), it is that one.
        if (gap === 1 && drawn(page, ea.bottom, c)) continue;
        marks[c].push({ y, above: a, below: b });
      }
    }
  }
  // Columns side by side with the same rule between the same stories make one rule across them.
  const out: Rule[] = [];
  const thin = grid.t.rules.separator;
  const done = new Set<string>();
  for (let c = 0; c < columns; c++) {
    for (const m of marks[c]) {
      const key = `${c}|${m.above}|${m.below}`;
      if (done.has(key)) continue;
      let end = c;
      while (
        end + 1 < columns &&
        marks[end + 1].some((n) => n.y === m.y && n.above === m.above && n.below === m.below)
      ) {
        end++;
        done.add(`${end}|${m.above}|${m.below}`);
      }
      styledRule(grid.colX(c), m.y, grid.colX(end) + grid.t.grid.columnWidth, m.y, 'thin', thin, out);
    }
  }
  return out;
}

/** Whether the editor's rules have one across line `line` over column `col`. */
function drawn(page: Page, line: number, col: number): boolean {
  return (page.rules ?? []).some(
    (r) => !('gutter' in r) && r.line === line && r.col <= col && col < r.col + r.cols,
  );
}
