// Accepting a proofreader's mark in the session: the edit is applied by the engine's proof rules
// (found again by its context if the text moved) and becomes one text change of the blocks it touched.
import type { Operation } from 'slate';
import type { Edition } from '../../engine/model/types';
import { applyProofMarks } from '../../engine/proof/apply';
import type { ProofMark } from '../../engine/proof/types';
import { articleIn } from './document';
import type { Change } from './history';

/** The change accepting `mark` makes, or why it cannot be applied (Chinese). */
export function proofChange(
  ed: Edition,
  mark: ProofMark,
  at: number,
): Extract<Change, { kind: 'text' }> | string {
  const r = applyProofMarks(ed, [{ ...mark, state: 'open' }]);
  if (r.conflicts.length) return r.conflicts[0].reason;
  if (!r.applied.length) return '这是批注，不是修改';
  const before = articleIn(ed, mark.article);
  const after = r.edition.articles.find((a) => a.id === mark.article);
  if (!before || !after) return `本期没有稿件 ${mark.article}`;
  const ops: Operation[] = [];
  after.blocks.forEach((b, i) => {
    if (JSON.stringify(b) === JSON.stringify(before.blocks[i])) return;
    ops.push({ type: 'remove_node', path: [i], node: before.blocks[i] } as unknown as Operation);
    ops.push({ type: 'insert_node', path: [i], node: b } as unknown as Operation);
  });
  return { kind: 'text', article: mark.article, ops, at };
}
