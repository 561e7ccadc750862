// One door for edition files: every committed state passes the loader's own validation in the same
// transaction. Each case here was once accepted by the store and left a file that no longer opened.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EditionStore, EditError, readEditionFile } from '../../../electron/services/store';
import { nodeServices } from '../../../electron/services/api-services';
import { makeEdition } from '../../support/generated-edition';
import { loadSampleEdition } from '../../../electron/services/sample';
import type { Edition, Placement } from '../../../engine/model/types';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'banmian-valid-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Three pages; a1 starts on page 1 and continues on page 3 (转版). */
function chained(): Edition {
  const ed = makeEdition({ pages: 3, articles: 6, photos: 1 });
  const p1 = ed.pages[0].placements.find((p) => p.article === 'a1')!;
  p1.continuesOn = { page: 3 };
  ed.pages[2].placements.push({
    article: 'a1',
    regions: [{ col: 6, cols: 2, line: 50, lines: 20 }],
    photos: [],
  });
  return ed;
}

function fileWith(ed: Edition): string {
  const path = join(dir, 'x.banmian');
  EditionStore.create(path, ed).close();
  return path;
}

const part2: Placement = { article: 'a1', regions: [{ col: 0, cols: 2, line: 60, lines: 20 }], photos: [] };

describe('the store refuses states the loader would refuse, and the file keeps its last valid state', () => {
  const cases: {
    name: string;
    edit(ed: Edition): { articles?: Edition['articles']; pages?: { id: string; placements: Placement[] }[] };
    says: RegExp;
  }[] = [
    {
      name: 'a continued story’s part dragged onto page 2 (placements not linked)',
      edit: (ed) => ({ pages: [{ id: 'p2', placements: [...ed.pages[1].placements, part2] }] }),
      says: /稿件“a1”在第 1、2、3 版上，但这几部分没有用转版连成一篇/,
    },
    {
      name: 'a photo block naming an asset the edition does not have',
      edit: (ed) => ({
        articles: [
          {
            ...ed.articles[1],
            blocks: [
              ...ed.articles[1].blocks,
              { type: 'photo', asset: 'no-such-photo', children: [{ text: '说明' }] },
            ],
          },
        ],
      }),
      says: /图片“no-such-photo”不在本期中/,
    },
    {
      name: 'an article placed twice without a chain',
      edit: (ed) => ({
        pages: [{ id: 'p2', placements: [...ed.pages[1].placements, { ...part2, article: 'a3' }] }],
      }),
      says: /稿件“a3”上了两次版，却没有用转版连起来/,
    },
    {
      name: 'a region whose column count is not a number',
      edit: (ed) => ({
        pages: [
          {
            id: 'p2',
            placements: ed.pages[1].placements.map((p, i) =>
              i ? p : { ...p, regions: [{ ...p.regions[0], cols: '3' as unknown as number }] },
            ),
          },
        ],
      }),
      says: /cols 应为整数，却是 "3"/,
    },
  ];

  for (const c of cases) {
    it(`autosave: ${c.name}`, () => {
      const path = fileWith(chained());
      const services = nodeServices({}, { stateDir: dir });
      const before = readEditionFile(path);
      const change = c.edit(structuredClone(before));
      let error: unknown;
      try {
        services.autosave(path, change.articles ?? [], change.pages ?? []);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(EditError);
      expect((error as Error).message).toMatch(/^改动未保存：这样改之后期次文件将无法打开/);
      expect((error as Error).message).toMatch(c.says);
      expect((error as Error).message).toMatch(/文件保持上次保存的状态/);
      // The file still opens, exactly as it was.
      expect(readEditionFile(path)).toEqual(before);
    });
  }

  it('every committing path goes through the same check: edits, import with photos, restore', () => {
    const path = fileWith(chained());
    const store = EditionStore.open(path);
    const before = store.load();
    expect(() => store.applyEdit({ op: 'setPlacements', page: 'p2', placements: [part2] })).toThrow(
      /没有用转版连成一篇/,
    );
    expect(() =>
      store.applyEdit({
        op: 'setPlacement',
        page: 'p1',
        index: 0,
        placement: { ...before.pages[0].placements[0], continuesOn: { page: 9 } },
      }),
    ).toThrow(/本期没有第 9 版/);
    expect(() =>
      store.addArticleWithAssets(
        {
          id: 'n1',
          slug: '',
          status: 'draft',
          blocks: [{ type: 'photo', asset: 'missing', children: [{ text: '' }] }],
        },
        [],
      ),
    ).toThrow(/图片“missing”不在本期中/);
    // A revision from before a photo frame was added: restoring its text would leave the frame on a paragraph.
    const photoArticle = before.articles.find((a) => a.blocks.some((b) => b.type === 'photo'))!;
    const photoAt = photoArticle.blocks.findIndex((b) => b.type === 'photo');
    const page = before.pages.find((p) => p.placements.some((pl) => pl.article === photoArticle.id))!;
    store.updateArticle(
      photoArticle.id,
      photoArticle.blocks.map((b, i) =>
        i === photoAt ? { type: 'paragraph' as const, children: [{ text: '暂无图片' }] } : b,
      ),
    );
    const rev = store.commitRevision(photoArticle.id, '无图稿');
    store.updateArticle(photoArticle.id, photoArticle.blocks);
    store.applyEdit({
      op: 'setPlacements',
      page: page.id,
      placements: page.placements.map((pl) =>
        pl.article === photoArticle.id
          ? {
              ...pl,
              photos: [
                {
                  block: photoAt,
                  area: { col: 0, cols: 2, line: 13, lines: 10 },
                  fit: 'fill',
                  captionLines: 2,
                },
              ],
            }
          : pl,
      ),
    });
    const good = store.load();
    expect(() => store.restoreRevision(rev.id)).toThrow(/不是图片/);
    expect(store.load()).toEqual(good);
    store.close();
    expect(readEditionFile(path)).toEqual(good);
  });

  it('and what it commits lays out: a region inside the masthead or off the grid of its template is refused', () => {
    const path = join(dir, 'sample.banmian');
    EditionStore.create(path, loadSampleEdition()).close();
    const store = EditionStore.open(path);
    const before = store.load();
    const p1 = before.pages[0];
    const moved = (line: number, col = p1.placements[0].regions[0].col) =>
      p1.placements.map((p, i) => (i ? p : { ...p, regions: [{ ...p.regions[0], line, col }] }));
    expect(() => store.applyEdit({ op: 'setPlacements', page: p1.id, placements: moved(2) })).toThrow(
      /稿件“a1”的文字区 1：从第 3 行开始，伸进了报头（第 1–10 行）/,
    );
    expect(() => store.applyEdit({ op: 'setPlacements', page: p1.id, placements: moved(20, 3) })).toThrow(
      /稿件“a1”的文字区 1：超出版心（4 栏 × 70 行）/,
    );
    expect(() =>
      EditionStore.create(join(dir, 'other.banmian'), {
        ...before,
        pages: [{ ...p1, placements: moved(2) }],
      }),
    ).toThrow(/inside the masthead/);
    store.applyEdit({ op: 'setPlacements', page: p1.id, placements: moved(12) });
    store.close();
    expect(readEditionFile(path).pages[0].placements[0].regions[0].line).toBe(12);
  });

  it('a valid continuation is accepted: the part moved with its link', () => {
    const path = fileWith(chained());
    const store = EditionStore.open(path);
    const ed = store.load();
    store.applyEdit([
      {
        op: 'setPlacements',
        page: 'p1',
        placements: ed.pages[0].placements.map((p) =>
          p.article === 'a1' ? { ...p, continuesOn: { page: 2 } } : p,
        ),
      },
      { op: 'setPlacements', page: 'p2', placements: [...ed.pages[1].placements, part2] },
      {
        op: 'setPlacements',
        page: 'p3',
        placements: ed.pages[2].placements.filter((p) => p.article !== 'a1'),
      },
    ]);
    store.close();
    expect(readEditionFile(path).pages[1].placements.at(-1)).toEqual(part2);
  });
});
