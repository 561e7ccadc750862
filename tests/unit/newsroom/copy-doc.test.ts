import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Block } from '../../../engine/model/types';
import { applyBlocksToCopy, blocksToCopy, copyToBlocks } from '../../../newsroom/shared/copy-doc';

const para = (text: string): Block => ({ type: 'paragraph', children: [{ text }] });
const BLOCKS: Block[] = [
  { type: 'headline', children: [{ text: '徐汇区打造线下课堂' }] },
  para('2月15日，徐汇区委宣传部举行活动。'),
  para('课堂面向社区居民开放。'),
  { type: 'photo', asset: null, children: [{ text: '图为课堂现场' }] },
];

function replicas(blocks: Block[]): [Y.Doc, Y.Doc] {
  const a = blocksToCopy(blocks);
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return [a, b];
}

function sync(a: Y.Doc, b: Y.Doc): void {
  const ua = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const ub = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, ua);
  Y.applyUpdate(a, ub);
}

const edit = (blocks: Block[], i: number, b: Block): Block[] => blocks.map((x, j) => (j === i ? b : x));

describe('applyBlocksToCopy', () => {
  it('writes any blocks exactly, and nothing when nothing changed', () => {
    const doc = blocksToCopy(BLOCKS);
    const cases: Block[][] = [
      edit(BLOCKS, 1, para('2月15日，徐汇区委宣传部在图书馆举行活动。')),
      edit(BLOCKS, 1, {
        type: 'paragraph',
        children: [{ text: '2月15日，' }, { text: '徐汇区委', bold: true }, { text: '宣传部举行活动。' }],
      }),
      edit(BLOCKS, 1, { type: 'crosshead', children: [{ text: '2月15日' }] }),
      edit(BLOCKS, 3, {
        type: 'photo',
        asset: 'abc',
        credit: '张明 摄',
        children: [{ text: '图为课堂现场' }],
      }),
      [BLOCKS[0], para('2月15日，'), para('徐汇区委宣传部举行活动。'), ...BLOCKS.slice(2)],
      [BLOCKS[0], para('2月15日，徐汇区委宣传部举行活动。课堂面向社区居民开放。'), BLOCKS[3]],
      [para('新的一段𠀋'), ...BLOCKS],
      [BLOCKS[0], BLOCKS[3]],
      [],
      BLOCKS,
    ];
    for (const want of cases) {
      applyBlocksToCopy(doc, want);
      expect(copyToBlocks(doc)).toEqual(want);
    }
    const sv = Y.encodeStateVector(doc);
    applyBlocksToCopy(doc, BLOCKS);
    expect(Y.encodeStateVector(doc)).toEqual(sv);
  });

  it('keeps concurrent typing in different blocks', () => {
    const [a, b] = replicas(BLOCKS);
    applyBlocksToCopy(a, edit(BLOCKS, 1, para('2月15日上午，徐汇区委宣传部举行活动。')));
    applyBlocksToCopy(b, edit(BLOCKS, 2, para('课堂面向全区社区居民开放。')));
    sync(a, b);
    expect(copyToBlocks(a)).toEqual(copyToBlocks(b));
    expect(copyToBlocks(a).slice(1, 3)).toEqual([
      para('2月15日上午，徐汇区委宣传部举行活动。'),
      para('课堂面向全区社区居民开放。'),
    ]);
  });

  it('keeps concurrent typing at two places of the same block, and a mark beside it', () => {
    const [a, b] = replicas(BLOCKS);
    applyBlocksToCopy(a, edit(BLOCKS, 1, para('2月15日上午，徐汇区委宣传部举行活动。')));
    applyBlocksToCopy(
      b,
      edit(BLOCKS, 1, {
        type: 'paragraph',
        children: [{ text: '2月15日，' }, { text: '徐汇区委宣传部', bold: true }, { text: '举行读书活动。' }],
      }),
    );
    sync(a, b);
    expect(copyToBlocks(a)).toEqual(copyToBlocks(b));
    expect(copyToBlocks(a)[1]).toEqual({
      type: 'paragraph',
      children: [
        { text: '2月15日上午，' },
        { text: '徐汇区委宣传部', bold: true },
        { text: '举行读书活动。' },
      ],
    });
  });

  it('keeps typing at the start of a block another replica splits, and in a block another deletes beside', () => {
    const [a, b] = replicas(BLOCKS);
    applyBlocksToCopy(a, [
      BLOCKS[0],
      para('2月15日，'),
      para('徐汇区委宣传部举行活动。'),
      BLOCKS[2],
      BLOCKS[3],
    ]);
    applyBlocksToCopy(b, [BLOCKS[0], para('本报讯 2月15日，徐汇区委宣传部举行活动。'), BLOCKS[2]]);
    sync(a, b);
    expect(copyToBlocks(a)).toEqual(copyToBlocks(b));
    expect(copyToBlocks(a)).toEqual([
      BLOCKS[0],
      para('本报讯 2月15日，'),
      para('徐汇区委宣传部举行活动。'),
      BLOCKS[2],
    ]);
  });
});
