// Areas that overlap: two stories (or two areas of one story) claiming the same piece of the page.
// Layout still sets both — the editor is mid-way through moving one — but the page must not go to
// press like that, so each overlap is a warning with the stories, the place and a message to show.
// A wrap object over text is no overlap: the text goes round it (./wrap.ts). So a photo frame or a
// headline area over a body region, or a region of a story marked as a wrap object over another
// story's region, is not reported; two frames, two headline areas or two plain regions are.
import type { LayoutWarning } from '../display/types';
import type { GridRect, Page } from '../model/types';
import type { PageGrid, Rect } from './grid';

const AREA_NAMES = { region: '正文区', headline: '标题区', photo: '图片框' } as const;

interface Area {
  article: string;
  placement: number;
  name: string;
  rect: Rect;
  region: boolean;
  wraps: boolean;
}

function areas(page: Page, grid: PageGrid): Area[] {
  const out: Area[] = [];
  page.placements.forEach((pl, i) => {
    const add = (g: GridRect, name: string, region: boolean) =>
      out.push({
        article: pl.article,
        placement: i,
        name,
        rect: grid.rect(g),
        region,
        wraps: !region || !!pl.wrap,
      });
    pl.regions.forEach((g, k) =>
      add(g, pl.regions.length > 1 ? `${AREA_NAMES.region} ${k + 1}` : AREA_NAMES.region, true),
    );
    if (pl.headline) add(pl.headline.area, AREA_NAMES.headline, false);
    pl.photos.forEach((p, k) =>
      add(p.area, pl.photos.length > 1 ? `${AREA_NAMES.photo} ${k + 1}` : AREA_NAMES.photo, false),
    );
  });
  return out;
}

/** The grid cells a rectangle in points touches. */
function cells(r: Rect, grid: PageGrid): { col: number; cols: number; line: number; lines: number } {
  const { columns, columnWidth, gutter } = grid.t.grid;
  let c0 = columns;
  let c1 = -1;
  for (let c = 0; c < columns; c++) {
    const x = grid.colX(c);
    if (x < r.x + r.w && x + columnWidth + gutter > r.x) {
      c0 = Math.min(c0, c);
      c1 = c;
    }
  }
  const l0 = Math.floor((r.y - grid.t.typeArea.y) / grid.pitch + 1e-6);
  const l1 = Math.ceil((r.y + r.h - grid.t.typeArea.y) / grid.pitch - 1e-6);
  return { col: c0, cols: c1 - c0 + 1, line: l0, lines: l1 - l0 };
}

/** Whether `o` is a wrap object the text of area `t` goes round (竖排 text too). */
function wrapsRound(o: Area, t: Area): boolean {
  return t.region && o.wraps && !(o.region && o.placement === t.placement);
}

/** `story`: how a story is named to the editor (its 主题/slug, never its internal id). */
export function overlapWarnings(
  page: Page,
  grid: PageGrid,
  story: (id: string) => string = (id) => id,
): LayoutWarning[] {
  const list = areas(page, grid);
  const out: LayoutWarning[] = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i];
      const b = list[j];
      if (wrapsRound(a, b) || wrapsRound(b, a)) continue;
      // Indents that split one grid rect between a photo and the text beside it leave the two
      // touching, not overlapping: only a real common area counts.
      const x0 = Math.max(a.rect.x, b.rect.x);
      const x1 = Math.min(a.rect.x + a.rect.w, b.rect.x + b.rect.w);
      const y0 = Math.max(a.rect.y, b.rect.y);
      const y1 = Math.min(a.rect.y + a.rect.h, b.rect.y + b.rect.h);
      if (x1 - x0 < 0.01 || y1 - y0 < 0.01) continue;
      const area = cells({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, grid);
      const where = `第 ${area.col + 1}${area.cols > 1 ? `–${area.col + area.cols}` : ''} 栏、第 ${area.line + 1}${area.lines > 1 ? `–${area.line + area.lines}` : ''} 行`;
      const message =
        a.placement === b.placement
          ? `稿件“${story(a.article)}”的${a.name}与它自己的${b.name}重叠（${where}）：文字会叠印在一起`
          : `稿件“${story(a.article)}”的${a.name}与稿件“${story(b.article)}”的${b.name}重叠（${where}）：两篇稿件会叠印在一起`;
      out.push({
        code: 'overlap',
        article: a.article,
        other: b.article,
        area,
        box: { x: x0, y: y0, w: x1 - x0, h: y1 - y0 },
        message,
      });
    }
  }
  return out;
}
