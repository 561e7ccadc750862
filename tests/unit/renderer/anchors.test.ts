// Comments follow their words through every kind of edit the article editor makes.
import { createEditor, Editor, Transforms, type Descendant, type Operation } from 'slate';
import { describe, expect, it } from 'vitest';
import type { ArticleComment, Block } from '../../../engine/model/types';
import { transformComments } from '../../../renderer/state/anchors';
import { applyTextOps } from '../../../renderer/state/history';

const PHRASE = '同谱新篇章';

function article(): Block[] {
  return [
    { type: 'headline', children: [{ text: '社区青年共学二十大' }] },
    {
      type: 'paragraph',
      children: [
        { text: '本报讯 昨天，共学二十大，' },
        { text: PHRASE, bold: true },
        { text: '活动在街道举行。' },
      ],
    },
    { type: 'paragraph', children: [{ text: '居民代表发言。' }] },
  ] as Block[];
}

const comment = (block: number, offset: number, length: number, id = 'c1'): ArticleComment => ({
  id,
  article: 'a1',
  author: '编辑',
  at: '2024-05-01T10:00:00Z',
  text: '核对',
  anchor: { block, offset, length },
});

const onPhrase = () => comment(1, '本报讯 昨天，共学二十大，'.length, PHRASE.length);

/** Runs editor transforms on the article, returning the operations Slate applied and the new blocks. */
function edit(blocks: Block[], f: (e: Editor) => void): { ops: Operation[]; after: Block[] } {
  const e = createEditor();
  e.children = blocks as unknown as Descendant[];
  f(e);
  return { ops: [...e.operations], after: e.children as unknown as Block[] };
}

const text = (b: Block | undefined) => (b ? b.children.map((c) => c.text).join('') : '');
const quoted = (blocks: Block[], c: ArticleComment) =>
  text(blocks[c.anchor!.block]).slice(c.anchor!.offset, c.anchor!.offset + c.anchor!.length);

function follow(f: (e: Editor) => void, c = onPhrase()) {
  const before = article();
  const { ops, after } = edit(before, f);
  const [out] = transformComments([c], before, ops);
  return { out, after, ops };
}

describe('comment anchors through edits', () => {
  it('shifts with text typed before the phrase in its paragraph, and not for text typed after it', () => {
    const { out, after } = follow((e) =>
      Transforms.insertText(e, '记者王芳报道：', { at: { path: [1, 0], offset: 4 } }),
    );
    expect(out.anchor!.offset).toBe(onPhrase().anchor!.offset + 7);
    expect(quoted(after, out)).toBe(PHRASE);
    const later = follow((e) => Transforms.insertText(e, '隆重', { at: { path: [1, 2], offset: 2 } }));
    expect(later.out.anchor).toEqual(onPhrase().anchor);
  });

  it('keeps text typed at either edge outside, as a selection does, and grows with text typed inside', () => {
    const atStart = follow((e) => Transforms.insertText(e, '“', { at: { path: [1, 1], offset: 0 } }));
    expect(quoted(atStart.after, atStart.out)).toBe(PHRASE);
    const atEnd = follow((e) =>
      Transforms.insertText(e, '”', { at: { path: [1, 1], offset: PHRASE.length } }),
    );
    expect(quoted(atEnd.after, atEnd.out)).toBe(PHRASE);
    const inside = follow((e) => Transforms.insertText(e, '的', { at: { path: [1, 1], offset: 2 } }));
    expect(quoted(inside.after, inside.out)).toBe('同谱的新篇章');
  });

  it('shrinks when part of the phrase is cut, and shifts when text before it is cut', () => {
    const part = follow((e) =>
      Transforms.delete(e, {
        at: { anchor: { path: [1, 0], offset: 9 }, focus: { path: [1, 1], offset: 2 } },
      }),
    );
    expect(quoted(part.after, part.out)).toBe('新篇章');
    const before = follow((e) =>
      Transforms.delete(e, {
        at: { anchor: { path: [1, 0], offset: 0 }, focus: { path: [1, 0], offset: 4 } },
      }),
    );
    expect(before.out.anchor!.offset).toBe(onPhrase().anchor!.offset - 4);
    expect(quoted(before.after, before.out)).toBe(PHRASE);
  });

  it('does not move for a bold or emphasis split inside the paragraph', () => {
    const { out, ops } = follow((e) => {
      Transforms.setNodes(e, { emphasis: true } as never, {
        at: { anchor: { path: [1, 0], offset: 2 }, focus: { path: [1, 1], offset: 2 } },
        match: (n) => 'text' in n,
        split: true,
      });
    });
    expect(ops.some((o) => o.type === 'split_node')).toBe(true);
    expect(out.anchor).toEqual(onPhrase().anchor);
  });

  it('moves to the new paragraph when the paragraph is split before it', () => {
    const { out, after } = follow((e) => Transforms.splitNodes(e, { at: { path: [1, 0], offset: 4 } }));
    expect(out.anchor!.block).toBe(2);
    expect(quoted(after, out)).toBe(PHRASE);
  });

  it('stays put when the paragraph is split after it, and keeps its first part when split inside it', () => {
    const afterIt = follow((e) => Transforms.splitNodes(e, { at: { path: [1, 2], offset: 2 } }));
    expect(afterIt.out.anchor).toEqual(onPhrase().anchor);
    const inside = follow((e) => Transforms.splitNodes(e, { at: { path: [1, 1], offset: 2 } }));
    expect(quoted(inside.after, inside.out)).toBe('同谱');
  });

  it('follows its paragraph when the paragraph is merged into the one before, and shifts when a later merge happens', () => {
    const merged = follow((e) => Transforms.mergeNodes(e, { at: [1] }));
    expect(merged.out.anchor!.block).toBe(0);
    expect(quoted(merged.after, merged.out)).toBe(PHRASE);
    const onLast = comment(2, 0, 4);
    const later = follow((e) => Transforms.mergeNodes(e, { at: [2] }), onLast);
    expect(later.out.anchor!.block).toBe(1);
    expect(quoted(later.after, later.out)).toBe('居民代表');
  });

  it('follows blocks inserted, removed and moved before it', () => {
    const ins = follow((e) =>
      Transforms.insertNodes(e, { type: 'kicker', children: [{ text: '引题' }] } as never, { at: [0] }),
    );
    expect(ins.out.anchor!.block).toBe(2);
    expect(quoted(ins.after, ins.out)).toBe(PHRASE);
    const rem = follow((e) => Transforms.removeNodes(e, { at: [0] }));
    expect(quoted(rem.after, rem.out)).toBe(PHRASE);
    const mov = follow((e) => Transforms.moveNodes(e, { at: [2], to: [0] }));
    expect(mov.out.anchor!.block).toBe(2);
    expect(quoted(mov.after, mov.out)).toBe(PHRASE);
  });

  it('follows text inserted as a leaf before it', () => {
    const { out, after } = follow((e) =>
      Transforms.insertNodes(e, { text: '新', bold: true } as never, { at: [1, 0] }),
    );
    expect(quoted(after, out)).toBe(PHRASE);
  });

  it('is kept, detached with its words, when every word is cut or its paragraph removed', () => {
    const cut = follow((e) =>
      Transforms.delete(e, {
        at: { anchor: { path: [1, 0], offset: 9 }, focus: { path: [1, 2], offset: 1 } },
      }),
    );
    expect(cut.out.anchor).toBeUndefined();
    expect(cut.out.detached).toEqual({ block: 1, offset: 9, quote: PHRASE });
    expect(cut.out.text).toBe('核对');
    const gone = follow((e) => Transforms.removeNodes(e, { at: [1] }));
    expect(gone.out.anchor).toBeUndefined();
    expect(gone.out.detached?.quote).toBe(PHRASE);
  });

  it('follows a paragraph replaced whole (a proof mark) by the text that changed', () => {
    const before = article();
    const replaced = {
      type: 'paragraph',
      children: [{ text: '本报讯 今天，共学二十大，同谱新篇章活动在街道举行。' }],
    } as Block;
    const ops = [
      { type: 'remove_node', path: [1], node: before[1] },
      { type: 'insert_node', path: [1], node: replaced },
    ] as unknown as Operation[];
    const [out] = transformComments([onPhrase()], before, ops);
    expect(quoted(applyTextOps(before, ops), out)).toBe(PHRASE);
  });

  it('returns comments that did not move as the same objects', () => {
    const other = comment(2, 0, 2, 'c2');
    const before = article();
    const { ops } = edit(before, (e) => Transforms.insertText(e, '好', { at: { path: [1, 0], offset: 0 } }));
    const out = transformComments([onPhrase(), other], before, ops);
    expect(out[1]).toBe(other);
    expect(out[0]).not.toBe(onPhrase());
  });
});
