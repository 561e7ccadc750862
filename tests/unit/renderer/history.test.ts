// Edition-level undo: typing undoes in runs, placements undo exactly, and undoing text of an
// article that is not open still restores it.
import { createEditor, Editor, type Descendant, type Operation } from 'slate';
import { describe, expect, it } from 'vitest';
import { applyChange, History } from '../../../renderer/state/history';
import { loadSampleEdition } from '../../../electron/services/sample';
import type { Block } from '../../../engine/model/types';

function typeInto(blocks: Block[], at: { block: number; offset: number }, text: string): Operation[] {
  const e = createEditor();
  e.children = structuredClone(blocks) as unknown as Descendant[];
  Editor.withoutNormalizing(e, () => {
    for (const [i, ch] of [...text].entries())
      e.apply({ type: 'insert_text', path: [at.block, 0], offset: at.offset + i, text: ch });
  });
  return e.operations;
}

describe('edition history', () => {
  it('undoes a run of keystrokes as one step and redoes it', () => {
    const ed = loadSampleEdition();
    const h = new History();
    const ops = typeInto(ed.articles[2].blocks, { block: 0, offset: 0 }, '快讯');
    let now = ed;
    ops.forEach((op, i) => {
      const c = { kind: 'text' as const, article: 'a3', ops: [op], at: 1000 + i * 100 };
      now = applyChange(now, c);
      h.record(c);
    });
    expect(now.articles[2].blocks[0].children[0].text.startsWith('快讯')).toBe(true);
    expect(h.size).toBe(1);
    const undo = h.undo()!;
    const back = applyChange(now, undo);
    expect(back.articles[2].blocks).toEqual(ed.articles[2].blocks);
    expect(applyChange(back, h.redo()!).articles[2].blocks).toEqual(now.articles[2].blocks);
  });

  it('a pause or a switch of article starts a new step', () => {
    const h = new History();
    const op: Operation = { type: 'insert_text', path: [0, 0], offset: 0, text: '一' };
    h.record({ kind: 'text', article: 'a1', ops: [op], at: 0 });
    h.record({ kind: 'text', article: 'a1', ops: [op], at: 5000 });
    h.record({ kind: 'text', article: 'a2', ops: [op], at: 5100 });
    expect(h.size).toBe(3);
  });

  it('undoes a placement change exactly, and a new change clears redo', () => {
    const ed = loadSampleEdition();
    const h = new History();
    const before = ed.pages[0].placements;
    const after = before.map((p) =>
      p.article === 'a3' ? { ...p, regions: [{ ...p.regions[0], lines: 10 }] } : p,
    );
    const c = { kind: 'placements' as const, page: 'p1', label: '调整区域', before, after };
    const moved = applyChange(ed, c);
    h.record(c);
    expect(applyChange(moved, h.undo()!).pages[0].placements).toEqual(before);
    h.record({
      kind: 'article',
      article: 'a1',
      label: '稿件状态',
      before: { id: 'a1', slug: 'x', status: 'draft' },
      after: { id: 'a1', slug: 'x', status: 'edited' },
    });
    expect(h.canRedo).toBe(false);
  });
});
