// Repair's second half: placements brought inside their page's grid and below the masthead, so that a
// repaired edition lays out. Rectangles are moved and shrunk, never dropped (an indent that leaves too
// narrow a measure is removed); rules off the grid are dropped.
import type { RepairChange } from '../model/repair';
import type { Edition, GridRect } from '../model/types';
import type { Template } from '../templates/types';
import { PageGrid } from './grid';
import { checkRule } from './rules';

export function repairGeometry(
  edition: Edition,
  template: (id: string) => Template | undefined,
): { edition: Edition; changes: RepairChange[] } {
  const changes: RepairChange[] = [];
  const pages = edition.pages.map((page, pi) => {
    const t = template(page.template);
    if (!t) return page;
    const grid = new PageGrid(t);
    const { columns, lines } = t.grid;
    const first = page.number === 1 && t.masthead ? t.masthead.lines : 0;
    const fit = (r: GridRect, where: string, what: string): GridRect => {
      const cols = Math.min(Math.max(1, r.cols), columns);
      const rows = Math.min(Math.max(1, r.lines), lines - first);
      let out: GridRect = {
        ...r,
        cols,
        lines: rows,
        col: Math.min(Math.max(0, r.col), columns - cols),
        line: Math.min(Math.max(first, r.line), lines - rows),
      };
      if (grid.check(out) && out.shift !== undefined) {
        // Nudged past the type area: back onto its columns.
        const { shift: _s, ...onColumns } = out;
        out = onColumns;
      }
      if (grid.check(out)) {
        const { indentLeft: _l, indentRight: _r, ...plain } = out;
        out = plain;
      }
      if (JSON.stringify(out) !== JSON.stringify(r)) {
        changes.push({
          kind: 'clamped',
          where,
          message: `第 ${page.number} 版${what}：移入版心${first ? '、报头之下' : ''}`,
        });
      }
      return out;
    };
    const placements = page.placements.map((pl, i) => {
      const where = `pages[${pi}].placements[${i}]`;
      const story = `稿件“${pl.article}”的`;
      const out = {
        ...pl,
        regions: pl.regions.map((r, k) => fit(r, `${where}.regions[${k}]`, `${story}文字区 ${k + 1}`)),
        photos: pl.photos.map((f, k) => {
          const area = fit(f.area, `${where}.photos[${k}].area`, `${story}图框 ${k + 1}`);
          return { ...f, area, captionLines: Math.min(f.captionLines, area.lines - 1) };
        }),
      };
      if (pl.headline)
        out.headline = { ...pl.headline, area: fit(pl.headline.area, `${where}.headline`, `${story}标题区`) };
      return out;
    });
    const rules = page.rules?.filter((r, k) => {
      if (!checkRule(r, grid)) return true;
      changes.push({
        kind: 'dropped',
        where: `pages[${pi}].rules[${k}]`,
        message: `删去第 ${page.number} 版超出版心的第 ${k + 1} 条隔线`,
      });
      return false;
    });
    return { ...page, placements, ...(rules ? { rules } : {}) };
  });
  return { edition: { ...edition, pages }, changes };
}
