// The selection tool's edits and the page list's edits, through the session (undoable, refused when
// the loader would refuse) and into an edition file (autosave's page list, ad slots), reopened.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chainedSample, sikaiGrid, templates } from '../../support/continued-story';
import { EditionStore, readEditionFile } from '../../../electron/services/store';
import { pageListEdits } from '../../../electron/services/api-services';
import { loadFontSet } from '../../../electron/services/fonts';
import { layoutEdition } from '../../../engine/layout';
import type { FontSet } from '../../../engine/fonts/metrics';
import { validateEdition } from '../../../engine/model/validate';
import {
  alignFrames,
  deleteFrames,
  frameAt,
  framesIn,
  moveFrames,
  setFrameBounds,
} from '../../../renderer/page/selection';
import {
  addAd,
  addPage,
  deletePage,
  duplicatePage,
  movePage,
  renamePage,
  setGuides,
} from '../../../renderer/state/pages';
import { EditionSession } from '../../../renderer/state/session';
import { preflight } from '../../../electron/services/preflight';
import { snapGuide } from '../../../renderer/page/overlay';

class HeadlessSession extends EditionSession {
  override relayout(): void {
    /* edits only */
  }
}

const t = templates.sikai;
const grid = sikaiGrid;
const chained = chainedSample;
const session = () => new HeadlessSession(chained(), {} as FontSet, templates);
const ok = <T extends object>(r: T | { refused: string }): T => {
  if ('refused' in r) throw new Error(r.refused);
  return r as T;
};

describe('selection tool', () => {
  it('finds the frame under a cell and the frames in a marquee', () => {
    const p1 = chained().pages[0];
    expect(frameAt(p1, { col: 2, line: 45 })).toEqual({ kind: 'story', article: 'a3' });
    expect(frameAt(p1, { col: 2, line: 37 })).toEqual({ kind: 'story', article: 'a3' });
    expect(frameAt(p1, { col: 0, line: 5 })).toBeNull();
    expect(
      framesIn(p1, { col: 2, cols: 2, line: 50, lines: 2 })
        .map((f) => (f as { article: string }).article)
        .sort(),
    ).toEqual(['a3', 'a4']);
  });

  it('moves a story by one line and one column; Shift steps stop at the type area', () => {
    const p1 = chained().pages[0];
    const up = moveFrames(grid, p1, [{ kind: 'story', article: 'a3' }], 0, -1)!;
    const a3 = up.placements.find((p) => p.article === 'a3')!;
    expect(a3.headline!.area.line).toBe(35);
    expect(a3.regions.map((r) => r.line)).toEqual([39, 53]);
    const left = moveFrames(grid, p1, [{ kind: 'story', article: 'a3' }], -1, 0)!.placements.find(
      (p) => p.article === 'a3',
    )!;
    expect(left.regions.map((r) => r.col)).toEqual([1, 2]);
    // a3 reaches the foot of the grid (line 69 + 1 = 70 lines): no further down.
    expect(moveFrames(grid, p1, [{ kind: 'story', article: 'a3' }], 0, 5)).toBeNull();
  });

  it('Delete takes a story off the page and joins a continued story; its copy stays', () => {
    const s = session();
    const copy = JSON.stringify(s.article('a5'));
    expect(
      s.changePages(
        '从版面撤下稿件',
        deleteFrames(s.edition.pages, 1, [
          { kind: 'story', article: 'a5' },
          { kind: 'story', article: 'a3' },
        ]),
      ),
    ).toBe(true);
    expect(s.pagesOf('a5')).toEqual([3]);
    expect(s.pagesOf('a3')).toEqual([]);
    expect(JSON.stringify(s.article('a5'))).toBe(copy);
    expect(s.edition.articles).toHaveLength(5);
    expect(() => validateEdition(s.edition)).not.toThrow();
    s.undo();
    expect(s.pagesOf('a5')).toEqual([1, 3]);
    expect(s.pagesOf('a3')).toEqual([1]);
  });

  it('X/Y/W/H: moves, resizes a one-region story with its headline, refuses what leaves the grid', () => {
    const p1 = chained().pages[0];
    const a1 = { kind: 'story' as const, article: 'a1' };
    const r = ok(setFrameBounds(grid, p1, a1, { col: 0, cols: 2, line: 10, lines: 25 }));
    const pl = r.page.placements.find((p) => p.article === 'a1')!;
    expect(pl.headline!.area).toEqual({ col: 0, cols: 2, line: 10, lines: 6 });
    expect(pl.regions[0]).toMatchObject({ col: 0, cols: 2, line: 16, lines: 19 });
    expect(setFrameBounds(grid, p1, a1, { col: 3, cols: 3, line: 10, lines: 25 })).toEqual({
      refused: `超出版心：本版为 ${grid.columns} 栏 × ${grid.lines} 行`,
    });
    expect(
      'refused' in
        setFrameBounds(grid, p1, { kind: 'story', article: 'a3' }, { col: 2, cols: 2, line: 36, lines: 30 }),
    ).toBe(true);
  });

  it('aligns to the first selected and refuses overlaps through the session', () => {
    const s = session();
    const p1 = s.edition.pages[0];
    const next = alignFrames(
      grid,
      p1,
      [
        { kind: 'story', article: 'a4' },
        { kind: 'story', article: 'a3' },
      ],
      'top',
    )!;
    expect(next.placements.find((p) => p.article === 'a3')!.headline!.area.line).toBe(10);
  });
});

describe('pages', () => {
  it('adds, duplicates, moves and deletes pages; numbers and 转版 links follow', () => {
    const s = session();
    const add = ok(addPage(s.edition.pages, 'sikai', 1));
    expect(add.pages.map((p) => p.number)).toEqual([1, 2, 3, 4]);
    expect(add.pages[0].placements.find((p) => p.article === 'a5')!.continuesOn).toEqual({ page: 4 });
    expect(s.changePages('添加版面', add.pages)).toBe(true);
    // Page 4 (社区, holding a5's second part) moved to the front: masthead lines are refused there.
    const moved = ok(movePage(s.edition.pages, 4, 1));
    expect(moved.pages.map((p) => p.section)).toEqual(['要闻', '社区', '', '综合']);
    expect(moved.pages[0].placements.find((p) => p.article === 'a5')!.continuesOn).toEqual({ page: 2 });
    expect(s.changePages('移动版面', moved.pages)).toBe(true);
    const dup = ok(duplicatePage(s.edition.pages, 4));
    expect(dup.pages[4]).toMatchObject({ number: 5, section: '综合', template: 'sikai', placements: [] });
    const del = ok(deletePage(s.edition.pages, 2));
    expect(del.pages.map((p) => p.section)).toEqual(['要闻', '', '综合']);
    expect(del.pages[0].placements.find((p) => p.article === 'a5')!.continuesOn).toBeUndefined();
    expect(s.changePages('删除版面', del.pages)).toBe(true);
    expect(() => validateEdition(s.edition)).not.toThrow();
    expect(deletePage([s.edition.pages[0]], 1)).toEqual({ refused: '一期至少要有一个版面' });
    s.undo();
    s.undo();
    s.undo();
    expect(s.edition.pages.map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
  });

  it('renames 版名 and 版次; a number in use is refused', () => {
    const pages = chained().pages;
    expect(renamePage(pages, 2, '体育', 3)).toEqual({ refused: '已经有第 3 版' });
    const r = ok(renamePage(pages, 3, '文化', 8));
    expect(r.pages.map((p) => [p.number, p.section])).toEqual([
      [1, '要闻'],
      [2, '综合'],
      [8, '文化'],
    ]);
    expect(r.pages[0].placements.find((p) => p.article === 'a5')!.continuesOn).toEqual({ page: 8 });
    expect(renamePage(pages, 2, 'x', Number('二'))).toEqual({ refused: '版次须是 1 到 999 的整数' });
  });

  it('the session refuses a page order that puts a story into the masthead, in Chinese', () => {
    const s = session();
    // Page 3's story starts on line 1: as page 1 it would sit in the masthead.
    expect(s.changePages('移动版面', ok(movePage(s.edition.pages, 3, 0)).pages)).toBe(false);
    expect(s.refusal).toMatch(/^移动版面未执行：.*报头/);
    expect(s.edition.pages.map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
  });
});

describe('ad slots and the page list in the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-pages-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('autosave writes added, moved, renamed and deleted pages and ad slots; the file reopens the same', () => {
    const path = join(dir, 'pages.banmian');
    EditionStore.create(path, chained()).close();
    const s = session();
    s.changePages('添加版面', ok(addPage(s.edition.pages, 'sikai', 2, '体育')).pages);
    s.changePages(
      '添加广告位',
      ok(addAd(s.edition.pages, 3, { label: '某银行', col: 2, cols: 2, line: 60, lines: 10 })).pages,
    );
    s.changePages('移动版面', ok(movePage(s.edition.pages, 4, 1)).pages);
    s.changePages('删除版面', ok(deletePage(s.edition.pages, 3)).pages);
    s.changePages(
      '添加参考线',
      setGuides(s.edition.pages, 2, [
        { axis: 'h', at: 123.45 },
        { axis: 'v', at: 60 },
      ]),
    );
    expect(s.edition.pages.map((p) => [p.number, p.section])).toEqual([
      [1, '要闻'],
      [2, '社区'],
      [3, '体育'],
    ]);
    const sent = s.pendingChanges();
    expect(sent.pageList).toBeDefined();
    const store = EditionStore.open(path);
    try {
      store.applyEdit([
        ...pageListEdits(store.load({ photoData: false }).pages, sent.pageList!),
        ...sent.pages.map((p) => ({ op: 'setPlacements' as const, page: p.id, placements: p.placements })),
      ]);
    } finally {
      store.close();
    }
    const back = readEditionFile(path);
    expect(back.pages).toEqual(s.edition.pages);
    expect(back.pages[1].guides).toEqual([
      { axis: 'h', at: 123.45 },
      { axis: 'v', at: 60 },
    ]);
    expect(back.pages.find((p) => p.section === '体育')!.ads).toEqual([
      expect.objectContaining({ label: '某银行', col: 2, cols: 2, line: 60, lines: 10 }),
    ]);
  });

  it('an ad slot off the grid is refused by the store; an empty one is painted and reported by preflight', () => {
    const path = join(dir, 'ads.banmian');
    const ed = chained();
    EditionStore.create(path, ed).close();
    const store = EditionStore.open(path);
    try {
      expect(() =>
        store.applyEdit({
          op: 'updatePage',
          id: 'p2',
          ads: [{ id: 'ad1', label: 'x', col: 3, cols: 2, line: 0, lines: 4 }],
        }),
      ).toThrow(/广告位“x”超出版心/);
      store.applyEdit({
        op: 'updatePage',
        id: 'p2',
        ads: [{ id: 'ad1', label: '家电', col: 2, cols: 2, line: 60, lines: 10 }],
      });
    } finally {
      store.close();
    }
    const back = readEditionFile(path);
    const fonts = loadFontSet();
    const page = layoutEdition(back, { fonts, templates }, { pages: [2] }).pages[0];
    const box = page.items.find((i) => i.kind === 'box' && i.role === 'ad-slot');
    expect(box).toBeDefined();
    const label = page.items
      .filter((i) => i.kind === 'glyphs' && i.role === 'placeholder')
      .map((i) => (i.kind === 'glyphs' ? i.glyphs.map((g) => g.text).join('') : ''))
      .join('');
    expect(label).toBe('广告位 家电 2栏×10行');
    const report = preflight(back, layoutEdition(back, { fonts, templates }), { preset: 'print-x1a' });
    expect(report.filter((f) => f.code === 'ad-empty').map((f) => [f.page, f.severity, f.message])).toEqual([
      [2, 'error', '广告位未填：版上留给广告的位置还没有放入广告'],
    ]);
  });
});

describe('guides', () => {
  it('snap to 字 and 行 inside the type area, to whole mm outside it', () => {
    expect(snapGuide(t, 'v', t.typeArea.x + t.body.size * 3.4)).toBeCloseTo(
      t.typeArea.x + t.body.size * 3,
      1,
    );
    expect(snapGuide(t, 'h', t.typeArea.y + t.body.pitch * 10.6)).toBeCloseTo(
      t.typeArea.y + t.body.pitch * 11,
      1,
    );
    expect(snapGuide(t, 'h', 5.2 * (72 / 25.4))).toBeCloseTo(5 * (72 / 25.4), 1);
  });
});
