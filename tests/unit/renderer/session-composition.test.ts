// An IME composition in the editing session: the words it commits are one undo step of their own,
// apart from the typing just before and just after them, and the page waits for the commit.
import { createEditor, Transforms, type Descendant } from 'slate';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFontSet } from '../../../electron/services/fonts';
import { loadSampleEdition } from '../../../electron/services/sample';
import { loadTemplates } from '../../../electron/services/templates';
import type { FontSet } from '../../../engine/fonts/metrics';
import type { Block } from '../../../engine/model/types';
import type { Template } from '../../../engine/templates';
import { EditionSession } from '../../../renderer/state/session';
import { blockText } from '../../../engine/text/count';

let fonts: FontSet;
let templates: Record<string, Template>;
beforeAll(() => {
  fonts = loadFontSet();
  templates = loadTemplates();
});

/** Text inserted at the head of a1's first body paragraph, reported as the article editor reports it. */
function insert(s: EditionSession, text: string, at: number, composing: boolean): void {
  const e = createEditor();
  e.children = s.article('a1')!.blocks as unknown as Descendant[];
  Transforms.insertText(e, text, { at: { path: [3, 0], offset: 0 } });
  s.textChanged(
    'a1',
    e.children as unknown as Block[],
    { kind: 'text', article: 'a1', ops: [...e.operations], at },
    composing,
  );
}

const head = (s: EditionSession) => blockText(s.article('a1')!.blocks[3].children).slice(0, 8);

describe('IME composition in the session', () => {
  it('keeps committed words one undo step, even inside the typing merge window', () => {
    const s = new EditionSession(loadSampleEdition(), fonts, templates);
    const original = head(s);
    insert(s, '甲', 1000, false);
    s.compositionStarted();
    const layouts = s.layoutCount;
    insert(s, '北京', 1100, true);
    // The commit arrives while the IME still counts as composing: the page waits for its end.
    expect(s.layoutCount).toBe(layouts);
    s.compositionEnded();
    expect(s.layoutCount).toBe(layouts + 1);
    insert(s, '乙', 1200, false);
    expect(head(s).slice(0, 4)).toBe('乙北京甲');

    s.undo();
    expect(head(s).slice(0, 3)).toBe('北京甲');
    s.undo();
    expect(head(s).slice(0, 1)).toBe('甲');
    s.undo();
    expect(head(s)).toBe(original);
  });

  it('still merges plain typing within a second into one step', () => {
    const s = new EditionSession(loadSampleEdition(), fonts, templates);
    const original = head(s);
    insert(s, '甲', 1000, false);
    insert(s, '乙', 1100, false);
    s.undo();
    expect(head(s)).toBe(original);
  });
});
