// Presence in a shared edition: this editor's page, article and selection as the state others see,
// and others' states as the UI shows them — who is on which page and article, and their carets and
// selections in the open article as Slate ranges (slate-yjs relative ranges, so they stay on the
// words they were on while anyone types).
import { relativeRangeToSlateRange, slateRangeToRelativeRange } from '@slate-yjs/core';
import type { BaseRange } from 'slate';
import * as Y from 'yjs';
import type { Block } from '../../engine/model/types';
import { leafPoint } from '../editor/offsets';
import type { EditorSelection } from '../state/navigation';
import type { CopyBinding } from './copy-binding';
import type { PresenceState, RelativePositionJSON } from './transport';

/** Someone else's caret or selection in the open article. */
export interface RemoteCaret {
  login: string;
  name: string;
  color: string;
  range: BaseRange;
}

function point(blocks: Block[], at: { block: number; offset: number }) {
  const b = blocks[at.block];
  const p = b ? leafPoint(b, at.offset) : { leaf: 0, offset: 0 };
  return { path: [at.block, p.leaf], offset: p.offset };
}

/** The session's selection (block offsets) as relative positions in the article's copy. */
export function selectionToRelative(copy: CopyBinding, sel: EditorSelection): PresenceState['selection'] {
  const blocks = copy.blocks;
  if (!blocks[sel.anchor.block] || !blocks[sel.focus.block]) return null;
  const r = slateRangeToRelativeRange(copy.root, copy.editor, {
    anchor: point(blocks, sel.anchor),
    focus: point(blocks, sel.focus),
  });
  return {
    anchor: Y.relativePositionToJSON(r.anchor) as RelativePositionJSON,
    focus: Y.relativePositionToJSON(r.focus) as RelativePositionJSON,
  };
}

/** Others with a selection in this article, their ranges in its current tree (the open editor's). */
export function caretsIn(copy: CopyBinding, article: string, others: Iterable<PresenceState>): RemoteCaret[] {
  const out: RemoteCaret[] = [];
  for (const o of others) {
    if (o.article !== article || !o.selection) continue;
    const range = relativeRangeToSlateRange(copy.root, copy.editor, {
      anchor: Y.createRelativePositionFromJSON(o.selection.anchor),
      focus: Y.createRelativePositionFromJSON(o.selection.focus),
    });
    if (range) out.push({ login: o.user.login, name: o.user.name, color: o.user.color, range });
  }
  return out;
}

/** The names of those editing an article (present with it open), for 正在编辑：… tags. */
export function editorsOf(others: Iterable<PresenceState>, article: string): string[] {
  const names = new Set<string>();
  for (const o of others) if (o.article === article) names.add(o.user.name);
  return [...names];
}

/** A colour for a person, the same on every screen (from their login). */
export function colourFor(login: string): string {
  let h = 0;
  for (const ch of login) h = (h * 31 + ch.codePointAt(0)!) % 360;
  return `hsl(${h}, 70%, 42%)`;
}
