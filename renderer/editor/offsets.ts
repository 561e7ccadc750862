// Where a place in an article's copy is: a block offset (UTF-16 units of the block's text) or a Slate point.
import type { Block } from '../../engine/model/types';

/** Block offset (UTF-16 units of the block's text) of a Slate point, and back. */
export function blockOffset(block: Block, leaf: number, offset: number): number {
  let n = 0;
  for (let i = 0; i < leaf && i < block.children.length; i++) n += block.children[i].text.length;
  return n + offset;
}

export function leafPoint(block: Block, offset: number): { leaf: number; offset: number } {
  let left = offset;
  for (let i = 0; i < block.children.length; i++) {
    const len = block.children[i].text.length;
    if (left <= len) return { leaf: i, offset: left };
    left -= len;
  }
  const last = Math.max(0, block.children.length - 1);
  return { leaf: last, offset: block.children[last]?.text.length ?? 0 };
}
