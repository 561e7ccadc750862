// Placing on the 四开 grid: snapping, resizing from a handle, moving a story whole, changing slots.
import { describe, expect, it } from 'vitest';
import {
  adjustRect,
  cellAt,
  dropArticle,
  movePlacement,
  rectToPoints,
  snapDelta,
  swapSlots,
  type GridMetrics,
} from '../../../renderer/state/placing';
import type { Placement } from '../../../engine/model/types';

const grid: GridMetrics = { x: 30, y: 50, columns: 4, columnWidth: 161.5, gutter: 9.5, lines: 78, pitch: 13 };
// A front page in the shape of the sample: a lead across three columns, a boxed photo story, two stories below.
const placements: Placement[] = [
  {
    article: 'a1',
    headline: { area: { col: 0, cols: 3, line: 10, lines: 6 }, orientation: 'horizontal', align: 'center' },
    regions: [{ col: 0, cols: 3, line: 16, lines: 19 }],
    photos: [],
  },
  {
    article: 'a2',
    box: { inset: 1.5 },
    photos: [
      {
        block: 0,
        area: { col: 0, cols: 2, line: 35, lines: 15, indentRight: 14.5 },
        fit: 'fill',
        captionLines: 0,
      },
    ],
    regions: [
      { col: 0, cols: 2, line: 35, lines: 15, indentLeft: 21.5, columns: 1 },
      { col: 0, cols: 2, line: 50, lines: 19 },
    ],
  },
  {
    article: 'a3',
    headline: { area: { col: 2, cols: 2, line: 35, lines: 3 }, orientation: 'horizontal', align: 'center' },
    regions: [{ col: 2, cols: 2, line: 38, lines: 21 }],
    photos: [],
  },
  {
    article: 'a4',
    headline: { area: { col: 2, cols: 2, line: 59, lines: 3 }, orientation: 'horizontal', align: 'center' },
    regions: [
      { col: 2, cols: 2, line: 62, lines: 16 },
      { col: 0, cols: 2, line: 69, lines: 9 },
    ],
    photos: [],
  },
];
const get = (id: string) => placements.find((p) => p.article === id)!;

describe('grid geometry', () => {
  it('maps cells to points and back, gutters belonging to the column on their left', () => {
    const r = rectToPoints(grid, { col: 1, cols: 2, line: 10, lines: 5 });
    expect(r).toEqual({ x: 30 + 171, y: 50 + 130, w: 2 * 161.5 + 9.5, h: 65 });
    expect(cellAt(grid, r.x + 1, r.y + 1)).toEqual({ col: 1, line: 10 });
    expect(cellAt(grid, 30 + 161.5 + 2, 60)).toEqual({ col: 0, line: 0 });
    expect(cellAt(grid, 9999, -50)).toEqual({ col: 3, line: 0 });
  });

  it('snaps a drag to whole columns and lines', () => {
    expect(snapDelta(grid, 100, 20)).toEqual({ dCol: 1, dLine: 2 });
    expect(snapDelta(grid, -80, -6)).toEqual({ dCol: 0, dLine: 0 });
  });

  it('resizes from a handle keeping the opposite edge, never past the grid or below one cell', () => {
    const r = { col: 1, cols: 2, line: 10, lines: 20 };
    expect(adjustRect(grid, r, 'se', 5, 100)).toEqual({ col: 1, cols: 3, line: 10, lines: 68 });
    expect(adjustRect(grid, r, 'nw', -1, 5)).toEqual({ col: 0, cols: 3, line: 15, lines: 15 });
    expect(adjustRect(grid, r, 'n', 0, 50)).toEqual({ col: 1, cols: 2, line: 29, lines: 1 });
    expect(adjustRect(grid, r, 'move', 9, 0)).toEqual({ col: 2, cols: 2, line: 10, lines: 20 });
  });
});

describe('moving stories', () => {
  it('moves a story whole and stops it at the edge of the grid', () => {
    const a4 = get('a4');
    const moved = movePlacement(grid, a4, 0, 30);
    // a4 already reaches the foot of the page: it cannot go lower.
    expect(moved).toBe(a4);
    const up = movePlacement(grid, a4, 0, -3);
    expect(up.headline!.area.line).toBe(a4.headline!.area.line - 3);
    expect(up.regions.map((r) => r.line)).toEqual(a4.regions.map((r) => r.line - 3));
  });

  it('dropping a story on another of the page swaps their slots', () => {
    const next = dropArticle(
      grid,
      placements,
      'a3',
      { col: 3, line: 70 },
      { cols: 2, lines: 30, headlineLines: 3 },
    );
    const a3 = next.find((p) => p.article === 'a3')!;
    const a4 = next.find((p) => p.article === 'a4')!;
    expect(a3.regions).toEqual(get('a4').regions);
    expect(a3.headline!.area).toEqual(get('a4').headline!.area);
    expect(a4.regions).toEqual(get('a3').regions);
    expect(next.filter((p) => p.article !== 'a3' && p.article !== 'a4')).toEqual(
      placements.filter((p) => p.article !== 'a3' && p.article !== 'a4'),
    );
  });

  it("a story without a headline takes the slot's headline area as its first region", () => {
    const [a2, a3] = swapSlots(grid, get('a2'), get('a3'));
    expect(a2.regions[0]).toEqual(get('a3').headline!.area);
    expect(a2.headline).toBeUndefined();
    // a3 brings its headline into a2's slot: the top lines of that slot's first region.
    expect(a3.headline!.area.line).toBe(get('a2').regions[0].line);
    expect(a3.regions[0].line).toBe(get('a2').regions[0].line + get('a3').headline!.area.lines);
  });

  it('a story new to the page gets a headline and a body region at the drop', () => {
    const next = dropArticle(grid, [], 'a9', { col: 3, line: 70 }, { cols: 2, lines: 30, headlineLines: 3 });
    expect(next).toEqual([
      {
        article: 'a9',
        headline: { area: { col: 2, cols: 2, line: 48, lines: 3 }, orientation: 'horizontal', align: 'left' },
        regions: [{ col: 2, cols: 2, line: 51, lines: 27 }],
        photos: [],
      },
    ]);
  });
});
