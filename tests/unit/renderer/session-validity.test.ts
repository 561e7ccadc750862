// The session never applies a state the loader would refuse: the drag that once autosaved a broken
// chain is refused or does the right thing, and photo frames follow their blocks through typing.
import { createEditor, Transforms, type Descendant, type Editor } from 'slate';
import { describe, expect, it } from 'vitest';
import { chainedSample, sikaiGrid, templates } from '../../support/continued-story';
import type { FontSet } from '../../../engine/fonts/metrics';
import type { Block } from '../../../engine/model/types';
import { validateEdition } from '../../../engine/model/validate';
import { dropOnPage, removePart, unlinkPart } from '../../../renderer/state/continued';
import { dropArticle } from '../../../renderer/state/placing';
import { EditionSession } from '../../../renderer/state/session';

class HeadlessSession extends EditionSession {
  override relayout(): void {
    /* placing and typing only */
  }
}

const grid = sikaiGrid;

/** The sample plus pages 2 and 3; a5 starts on page 1 and continues on page 3. */
function session(): HeadlessSession {
  return new HeadlessSession(chainedSample(), {} as FontSet, templates);
}

describe('placing a continued story', () => {
  it('refuses the old drop that placed the second part on page 2 without its link, and says why', () => {
    const s = session();
    const before = s.edition;
    const p2 = s.edition.pages[1];
    // What the page view did before: a new, unlinked placement of a story that is on pages 1 and 3.
    const applied = s.setPlacements(
      2,
      '上版',
      dropArticle(grid, p2.placements, 'a5', { col: 0, line: 10 }, { cols: 2, lines: 20, headlineLines: 0 }),
    );
    expect(applied).toBe(false);
    expect(s.refusal).toMatch(/^上版未执行：稿件“a5”/);
    expect(s.edition).toBe(before);
    expect(s.pendingChanges().pages).toEqual([]);
  });

  it('moves the last part to the page it is dropped on, with its link, as one undoable step', () => {
    const s = session();
    expect(
      s.changePlacements(
        '转版',
        dropOnPage(
          s.edition.pages,
          2,
          grid,
          'a5',
          { col: 1, line: 30 },
          { cols: 2, lines: 20, headlineLines: 0 },
        ),
      ),
    ).toBe(true);
    const on = (n: number) =>
      s.edition.pages.find((p) => p.number === n)!.placements.filter((p) => p.article === 'a5');
    expect(on(1)[0].continuesOn).toEqual({ page: 2 });
    expect(on(2)).toEqual([
      { article: 'a5', regions: [{ col: 1, cols: 2, line: 30, lines: 20 }], photos: [] },
    ]);
    expect(on(3)).toEqual([]);
    expect(() => validateEdition(s.edition)).not.toThrow();
    expect(
      s
        .pendingChanges()
        .pages.map((p) => p.id)
        .sort(),
    ).toEqual(['p1', 'p2', 'p3']);
    s.undo();
    expect(on(1)[0].continuesOn).toEqual({ page: 3 });
    expect(on(3)).toHaveLength(1);
    expect(on(2)).toEqual([]);
  });

  it('continues a story placed on one page onto the page it is dropped on; removing and unlinking keep the chain whole', () => {
    const s = session();
    expect(
      s.changePlacements(
        '转版',
        dropOnPage(
          s.edition.pages,
          2,
          grid,
          'a3',
          { col: 0, line: 0 },
          { cols: 2, lines: 20, headlineLines: 4 },
        ),
      ),
    ).toBe(true);
    expect(s.edition.pages[0].placements.find((p) => p.article === 'a3')!.continuesOn).toEqual({ page: 2 });
    expect(s.edition.pages[1].placements[0]).toEqual({
      article: 'a3',
      regions: [{ col: 0, cols: 2, line: 0, lines: 20 }],
      photos: [],
    });
    // The middle part of a5 (1 → 3) does not exist; take page 1's part off: page 3's part stands alone.
    expect(s.changePlacements('撤下', removePart(s.edition.pages, 1, 'a5'))).toBe(true);
    expect(s.pagesOf('a5')).toEqual([3]);
    expect(s.changePlacements('断开转版', unlinkPart(s.edition.pages, 1, 'a3'))).toBe(true);
    expect(s.pagesOf('a3')).toEqual([1]);
    expect(s.edition.pages[0].placements.find((p) => p.article === 'a3')!.continuesOn).toBeUndefined();
    expect(() => validateEdition(s.edition)).not.toThrow();
  });
});

describe('photo frames follow their blocks', () => {
  const framed = (s: EditionSession) =>
    s.edition.pages[0].placements.find((p) => p.article === 'a2')!.photos.map((f) => f.block);
  const edit = (s: EditionSession, f: (e: Editor) => void) => {
    const e = createEditor();
    e.children = s.article('a2')!.blocks as unknown as Descendant[];
    f(e);
    s.textChanged(
      'a2',
      e.children as unknown as Block[],
      { kind: 'text', article: 'a2', ops: [...e.operations], at: 0 },
      false,
    );
  };

  it('a paragraph inserted above the photo moves its frame down; deleting the photo takes the frame; undo brings both back', () => {
    const s = session();
    const photo = s.article('a2')!.blocks.findIndex((b) => b.type === 'photo');
    expect(framed(s)).toEqual([photo]);
    edit(s, (e) =>
      Transforms.insertNodes(
        e,
        { type: 'paragraph', children: [{ text: '新段' }] } as unknown as Descendant,
        { at: [0] },
      ),
    );
    expect(framed(s)).toEqual([photo + 1]);
    expect(() => validateEdition(s.edition)).not.toThrow();
    expect(s.pendingChanges().pages.map((p) => p.id)).toEqual(['p1']);
    edit(s, (e) => Transforms.removeNodes(e, { at: [photo + 1] }));
    expect(framed(s)).toEqual([]);
    expect(() => validateEdition(s.edition)).not.toThrow();
    s.undo();
    expect(framed(s)).toEqual([photo + 1]);
    s.undo();
    expect(framed(s)).toEqual([photo]);
    s.redo();
    expect(framed(s)).toEqual([photo + 1]);
  });
});
