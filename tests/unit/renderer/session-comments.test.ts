// The session carries comments through typing as edition state: anchors follow each keystroke, a
// comment whose words are cut is kept detached, undo and redo put anchors back exactly, and autosave
// sends the comments that moved.
import { createEditor, Transforms, type Descendant, type Editor } from 'slate';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFontSet } from '../../../electron/services/fonts';
import { loadSampleEdition } from '../../../electron/services/sample';
import { loadTemplates } from '../../../electron/services/templates';
import type { FontSet } from '../../../engine/fonts/metrics';
import type { ArticleComment, Block } from '../../../engine/model/types';
import { blockTextOf, EditionSession } from '../../../renderer/state/session';
import type { Template } from '../../../engine/templates';

const PHRASE = '共学二十大，同谱新篇章';
let fonts: FontSet;
let templates: Record<string, Template>;
beforeAll(() => {
  fonts = loadFontSet();
  templates = loadTemplates();
});

/** What the article editor does on a change: Slate operations on the session's blocks, reported as one batch. */
function typeIn(s: EditionSession, f: (e: Editor) => void, at: number): void {
  const e = createEditor();
  e.children = s.article('a1')!.blocks as unknown as Descendant[];
  f(e);
  s.textChanged(
    'a1',
    e.children as unknown as Block[],
    { kind: 'text', article: 'a1', ops: [...e.operations], at },
    false,
  );
}

const quote = (s: EditionSession, c: ArticleComment) =>
  blockTextOf(s.article('a1')!.blocks[c.anchor!.block]).slice(
    c.anchor!.offset,
    c.anchor!.offset + c.anchor!.length,
  );

function commented(): { s: EditionSession; c: ArticleComment } {
  const s = new EditionSession(loadSampleEdition(), fonts, templates);
  s.openArticle('a1');
  const offset = blockTextOf(s.article('a1')!.blocks[3]).indexOf(PHRASE);
  expect(offset).toBeGreaterThan(0);
  const c = s.addComment('活动名称请核对', '编辑', {
    article: 'a1',
    anchor: { block: 3, offset },
    focus: { block: 3, offset: offset + PHRASE.length },
  });
  if (typeof c === 'string') throw new Error(c);
  return { s, c };
}

describe('comments in the editing session', () => {
  it('follow text typed before them and a paragraph split before them, and undo puts them back', () => {
    const { s, c } = commented();
    s.changesSaved(s.pendingChanges(), new Date());
    typeIn(s, (e) => Transforms.insertText(e, '记者', { at: { path: [3, 0], offset: 0 } }), 1000);
    typeIn(s, (e) => Transforms.insertText(e, '报道', { at: { path: [3, 0], offset: 2 } }), 1100);
    let now = s.commentsOf('a1')[0];
    expect(quote(s, now)).toBe(PHRASE);
    expect(s.pendingChanges().comments.upsert.map((x) => x.id)).toEqual([c.id]);

    typeIn(s, (e) => Transforms.splitNodes(e, { at: { path: [3, 0], offset: 4 } }), 5000);
    now = s.commentsOf('a1')[0];
    expect(now.anchor!.block).toBe(4);
    expect(quote(s, now)).toBe(PHRASE);

    s.undo();
    expect(s.commentsOf('a1')[0].anchor!.block).toBe(3);
    expect(quote(s, s.commentsOf('a1')[0])).toBe(PHRASE);
    s.undo();
    expect(s.commentsOf('a1')[0]).toEqual(c);
    s.redo();
    s.redo();
    expect(s.commentsOf('a1')[0]).toEqual(now);
  });

  it('is kept detached when its words are cut, shown with them, and undo anchors it again exactly', () => {
    const { s, c } = commented();
    const at = c.anchor!;
    typeIn(
      s,
      (e) =>
        Transforms.delete(e, {
          at: {
            anchor: { path: [3, 0], offset: at.offset },
            focus: { path: [3, 0], offset: at.offset + at.length },
          },
        }),
      1000,
    );
    const cut = s.commentsOf('a1')[0];
    expect(cut.anchor).toBeUndefined();
    expect(cut.detached).toEqual({ block: 3, offset: at.offset, quote: PHRASE });
    // Typing the words again does not bring a detached comment back onto whatever is typed.
    typeIn(s, (e) => Transforms.insertText(e, PHRASE, { at: { path: [3, 0], offset: at.offset } }), 5000);
    expect(s.commentsOf('a1')[0].anchor).toBeUndefined();
    s.undo();
    s.undo();
    expect(s.commentsOf('a1')[0]).toEqual(c);
    expect(quote(s, s.commentsOf('a1')[0])).toBe(PHRASE);
  });
});
