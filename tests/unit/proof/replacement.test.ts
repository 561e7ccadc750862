// A strike-out whose note or reply carries the new text is a replacement; accepting it gives the new
// text (八十二岁的张阿婆 → 七十九岁的张阿婆), and undo/redo take the decision with the edit.
import { beforeAll, describe, expect, it } from 'vitest';
import { replacementOf } from '../../../engine/proof/replacement';
import type { ProofMark } from '../../../engine/proof/types';
import { loadFontSet } from '../../../electron/services/fonts';
import { loadSampleEdition } from '../../../electron/services/sample';
import { loadTemplates } from '../../../electron/services/templates';
import type { FontSet } from '../../../engine/fonts/metrics';
import type { Template } from '../../../engine/templates';
import { blockTextOf, EditionSession } from '../../../renderer/state/session';

describe('replacement text in a note', () => {
  it("reads a strike-out's plain note, a said replacement on a highlight, and a reply", () => {
    expect(replacementOf('StrikeOut', '七十九', [])).toBe('七十九');
    expect(replacementOf('StrikeOut', '改为：「七十九」', [])).toBe('七十九');
    expect(replacementOf('Highlight', '应为七十九', [])).toBe('七十九');
    expect(replacementOf('Highlight', '年龄请核实', [])).toBeNull();
    expect(replacementOf('StrikeOut', '', [{ text: '→七十九' }])).toBe('七十九');
    expect(replacementOf('StrikeOut', '', [])).toBeNull();
    expect(replacementOf('StrikeOut', '删去重复', [])).toBeNull();
    expect(replacementOf('StrikeOut', '是八十二吗？', [])).toBeNull();
  });
});

let fonts: FontSet;
let templates: Record<string, Template>;
beforeAll(() => {
  fonts = loadFontSet();
  templates = loadTemplates();
});

describe('accepting a replacement follows undo and redo', () => {
  it('gives the replacement, and undo returns the text and the mark to open', () => {
    const s = new EditionSession(loadSampleEdition(), fonts, templates);
    const a = s.edition.articles[0];
    const block = a.blocks.findIndex((b) => blockTextOf(b).length > 10);
    const text = blockTextOf(a.blocks[block]);
    const mark: ProofMark = {
      id: '1:31R',
      kind: 'replace',
      page: 1,
      article: a.id,
      block,
      start: 2,
      end: 5,
      text: text.slice(2, 5),
      replacement: '七十九',
      note: '七十九',
      author: '校对',
      date: null,
      color: '#ff0000',
      round: 1,
      state: 'open',
      context: { before: text.slice(0, 2), after: text.slice(5, 15) },
      replies: [],
    };
    expect(s.acceptProofMark(mark)).toBeNull();
    const after = text.slice(0, 2) + '七十九' + text.slice(5);
    expect(blockTextOf(s.article(a.id)!.blocks[block])).toBe(after);
    expect(s.proofDecisions.get(mark.id)).toBe('accepted');
    s.undo();
    expect(blockTextOf(s.article(a.id)!.blocks[block])).toBe(text);
    expect(s.proofDecisions.has(mark.id)).toBe(false);
    s.redo();
    expect(blockTextOf(s.article(a.id)!.blocks[block])).toBe(after);
    expect(s.proofDecisions.get(mark.id)).toBe('accepted');
    s.decideProofMark('1:32R', 'rejected');
    s.undo();
    expect(s.proofDecisions.has('1:32R')).toBe(false);
  });
});
