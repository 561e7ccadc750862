// Who is told of a change, and when: typed text tells the narrow readers at once and the workspace
// once (after the frame showing it), however many keystrokes came; any other change tells both at
// once, and brings the workspace up to date with the text typed before it.
import { createEditor, Transforms, type Descendant } from 'slate';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFontSet } from '../../../electron/services/fonts';
import { loadSampleEdition } from '../../../electron/services/sample';
import { loadTemplates } from '../../../electron/services/templates';
import type { FontSet } from '../../../engine/fonts/metrics';
import type { Block } from '../../../engine/model/types';
import type { Template } from '../../../engine/templates';
import { EditionSession } from '../../../renderer/state/session';

let fonts: FontSet;
let templates: Record<string, Template>;
beforeAll(() => {
  fonts = loadFontSet();
  templates = loadTemplates();
});

function type(s: EditionSession, text: string): void {
  const e = createEditor();
  e.children = s.article('a1')!.blocks as unknown as Descendant[];
  Transforms.insertText(e, text, { at: { path: [3, 0], offset: 0 } });
  s.textChanged(
    'a1',
    e.children as unknown as Block[],
    { kind: 'text', article: 'a1', ops: [...e.operations], at: 1000 },
    false,
  );
}

const settledOnce = () => new Promise((r) => setTimeout(r, 0));

function counted(s: EditionSession) {
  const n = { now: 0, settled: 0 };
  s.subscribe(() => n.now++);
  s.subscribeSettled(() => n.settled++);
  return n;
}

describe('session notifications', () => {
  it('tells the workspace of a burst of typing once, after it, with the edition as typed', async () => {
    const s = new EditionSession(loadSampleEdition(), fonts, templates);
    const n = counted(s);
    type(s, '甲');
    type(s, '乙');
    type(s, '丙');
    expect(n).toEqual({ now: 3, settled: 0 });
    expect(s.getSettledVersion()).not.toBe(s.getVersion());
    await settledOnce();
    expect(n).toEqual({ now: 3, settled: 1 });
    expect(s.getSettledVersion()).toBe(s.getVersion());
  });

  it('tells both at once of any other change, the text typed before it included', async () => {
    const s = new EditionSession(loadSampleEdition(), fonts, templates);
    const n = counted(s);
    type(s, '甲');
    s.goToPage(s.edition.pages[1]?.number ?? 2);
    s.openArticle('a2');
    expect(n).toEqual({ now: 3, settled: 2 });
    expect(s.getSettledVersion()).toBe(s.getVersion());
    await settledOnce();
    expect(n.settled).toBe(2);
  });
});
