// Two headless Slate editors (slate 0.146) bound by @slate-yjs/core to two Yjs replicas of one
// article's copy document, their updates exchanged as a server would pass them on.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEditor, Editor, Transforms } from 'slate';
import { withYjs, YjsEditor } from '@slate-yjs/core';
import type { Block } from '../../../engine/model/types';
import {
  applyBlocksToCopy,
  blocksToCopy,
  copyContent,
  copyToBlocks,
} from '../../../newsroom/shared/copy-doc';
import { docsToEdition, editionToDocs } from '../../../newsroom/shared/edition-docs';

const para = (text: string): Block => ({ type: 'paragraph', children: [{ text }] });
const START: Block[] = [
  { type: 'headline', children: [{ text: '徐汇区打造线下课堂' }] },
  para('2月15日，徐汇区委宣传部举行活动。'),
  para('课堂面向社区居民开放。'),
];

/** A replica of the copy document with an editor bound to it; updates queue until `flush`. */
function replica(seed: Y.Doc) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(seed));
  const editor = withYjs(createEditor(), copyContent(doc));
  YjsEditor.connect(editor);
  const outbox: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') outbox.push(u);
  });
  return { doc, editor, outbox };
}
type Replica = ReturnType<typeof replica>;

/**
 * Both ways, as the server relays: each side gets what the other sent, concurrently made. Slate
 * calls `onChange` (where withYjs writes the editor's operations into the document) in a microtask
 * after the operations, as it does in the app: the exchange waits for it.
 */
async function exchange(a: Replica, b: Replica): Promise<void> {
  await Promise.resolve();
  const fromA = a.outbox.splice(0);
  const fromB = b.outbox.splice(0);
  for (const u of fromA) Y.applyUpdate(b.doc, u, 'remote');
  for (const u of fromB) Y.applyUpdate(a.doc, u, 'remote');
}

const at = (editor: Editor, block: number, offset: number) => ({ path: [block, 0], offset });
const texts = (editor: Editor): string[] =>
  editor.children.map((n) => Editor.string(editor, [editor.children.indexOf(n)]));

describe('@slate-yjs/core 1.0.2 with slate 0.146', () => {
  it('loads the copy document into the editor as the article’s blocks', () => {
    const a = replica(blocksToCopy(START));
    expect(a.editor.children).toEqual(START);
  });

  it('concurrent Chinese typing, in the same block and in different ones, converges', async () => {
    const seed = blocksToCopy(START);
    const a = replica(seed);
    const b = replica(seed);
    Transforms.insertText(a.editor, '上午', { at: at(a.editor, 1, 5) });
    Transforms.insertText(b.editor, '在图书馆', { at: at(b.editor, 1, 13) });
    Transforms.insertText(b.editor, '全区', { at: at(b.editor, 2, 4) });
    await exchange(a, b);
    expect(a.editor.children).toEqual(b.editor.children);
    expect(texts(a.editor)).toEqual([
      '徐汇区打造线下课堂',
      '2月15日上午，徐汇区委宣传部在图书馆举行活动。',
      '课堂面向全区社区居民开放。',
    ]);
    expect(copyToBlocks(a.doc)).toEqual(a.editor.children);
  });

  it('splitting and merging blocks while the other types converges, and nothing typed is lost', async () => {
    const seed = blocksToCopy(START);
    const a = replica(seed);
    const b = replica(seed);
    Transforms.splitNodes(a.editor, { at: at(a.editor, 1, 6) }); // after 2月15日，
    Transforms.mergeNodes(b.editor, { at: [2] }); // paragraph 3 into 2
    Transforms.insertText(b.editor, '本报讯 ', { at: at(b.editor, 1, 0) });
    await exchange(a, b);
    expect(a.editor.children).toEqual(b.editor.children);
    // Yjs has no move: a split moves the block's tail to a new block and a merge moves the next
    // block's text to this one's end, each as a delete and an insert. Done at once, the merged text
    // lands after the part that stayed, before the part split off: the order of the two sentences
    // differs from what either editor saw, but every character is there once, each phrase whole.
    const all = texts(a.editor);
    expect(all[0]).toBe('徐汇区打造线下课堂');
    expect(all[1].startsWith('本报讯 2月15日，')).toBe(true);
    for (const phrase of ['徐汇区委宣传部举行活动。', '课堂面向社区居民开放。'])
      expect(all.join('').split(phrase)).toHaveLength(2);
    expect([...all.join('')].sort()).toEqual(
      [...'徐汇区打造线下课堂本报讯 2月15日，徐汇区委宣传部举行活动。课堂面向社区居民开放。'].sort(),
    );
    expect(copyToBlocks(b.doc)).toEqual(b.editor.children);
  });

  it('marks applied on one side and text typed inside them on the other converge', async () => {
    const seed = blocksToCopy(START);
    const a = replica(seed);
    const b = replica(seed);
    Transforms.setNodes(
      a.editor,
      { bold: true },
      {
        at: { anchor: at(a.editor, 1, 6), focus: at(a.editor, 1, 13) },
        match: (n) => 'text' in n,
        split: true,
      },
    );
    Transforms.insertText(b.editor, '（记者 张明）', { at: at(b.editor, 2, 11) });
    await exchange(a, b);
    expect(a.editor.children).toEqual(b.editor.children);
    expect(a.editor.children[1]).toEqual({
      type: 'paragraph',
      children: [{ text: '2月15日，' }, { text: '徐汇区委宣传部', bold: true }, { text: '举行活动。' }],
    });
  });

  it('an edition assembled from the edited documents carries the merged copy', async () => {
    const edition = {
      schemaVersion: 1,
      id: 'e1',
      paper: { name: '徐汇报' },
      date: '2026-05-01',
      issue: 1,
      pages: [],
      articles: [{ id: 'a1', slug: '线下课堂', status: 'draft' as const, blocks: START }],
      assets: [],
    };
    const { layout, copies } = editionToDocs(edition);
    const a = replica(copies.get('a1')!);
    const b = replica(copies.get('a1')!);
    Transforms.insertText(a.editor, '今天', { at: at(a.editor, 2, 0) });
    Transforms.insertText(b.editor, '免费', { at: at(b.editor, 2, 4) });
    await exchange(a, b);
    const out = docsToEdition(layout, new Map([['a1', a.doc]]));
    expect(out.articles[0].blocks[2]).toEqual(para('今天课堂面向免费社区居民开放。'));
  });

  it('an editor bound to one replica and the app’s blocks written into another converge', async () => {
    const seed = blocksToCopy(START);
    const a = replica(seed);
    const b = replica(seed);
    Transforms.insertText(a.editor, '今天', { at: at(a.editor, 2, 0) });
    applyBlocksToCopy(b.doc, [
      START[0],
      para('2月15日，徐汇区委宣传部举行读书活动。'),
      START[2],
      para('（记者 张明）'),
    ]);
    await exchange(a, b);
    expect(a.editor.children).toEqual(b.editor.children);
    expect(texts(a.editor)).toEqual([
      '徐汇区打造线下课堂',
      '2月15日，徐汇区委宣传部举行读书活动。',
      '今天课堂面向社区居民开放。',
      '（记者 张明）',
    ]);
  });
});
