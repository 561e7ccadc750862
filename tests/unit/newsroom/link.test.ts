// Several editors on one newsroom edition, each an EditionSession linked to the edition's Yjs
// documents through the in-memory transport and relay (tests/support/newsroom-relay.ts): concurrent
// Chinese typing converges, placements travel, an editor offline merges on return with nothing lost
// or doubled, undo never takes back others' work, presence and remote carets follow the text, and a
// change the server refuses is set back and shown.
import { createEditor, Editor, Transforms, type Descendant, type NodeEntry, type Operation } from 'slate';
import { describe, expect, it } from 'vitest';
import type { Block, Edition } from '../../../engine/model/types';
import { layoutDocName, type Role } from '../../../newsroom/shared/protocol';
import { applyTextOps } from '../../../renderer/state/history';
import { EditingTag, PeopleList, remoteDecorations } from '../../../renderer/newsroom/use-presence';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { blockTextOf, EditionSession } from '../../../renderer/state/session';
import { Relay } from '../../support/newsroom-relay';
import { desks, relayEdition, type Desk } from '../../support/newsroom-desks';

const PEOPLE: [string, string, Role][] = [
  ['zhangming', '张明', 'editor'],
  ['lihua', '李华', 'layout'],
  ['wangfang', '王芳', 'reporter'],
];

const newsroom = (n: number): ReturnType<typeof desks> => desks(PEOPLE.slice(0, n));

/** What the article editor does: Slate operations on the session's blocks, reported as one change. */
function edit(s: EditionSession, article: string, f: (e: Editor) => void, at = Date.now()): Operation[] {
  const e = createEditor();
  e.children = s.article(article)!.blocks as unknown as Descendant[];
  f(e);
  const ops = [...e.operations];
  s.textChanged(article, e.children as unknown as Block[], { kind: 'text', article, ops, at }, false);
  return ops;
}

const type = (s: EditionSession, article: string, block: number, offset: number, text: string) =>
  edit(s, article, (e) => Transforms.insertText(e, text, { at: { path: [block, 0], offset } }));

const text = (s: EditionSession, article: string, block: number) =>
  blockTextOf(s.article(article)!.blocks[block]);

const serverEdition = relayEdition;

function expectConverged(relay: Relay, desks: Desk[], sample: Edition): void {
  const server = serverEdition(relay, sample);
  for (const d of desks) expect(d.session.edition).toEqual(server);
}

describe('a newsroom edition shared by several screens', () => {
  it('concurrent Chinese typing in one article converges on every screen and equals the documents', async () => {
    const { relay, desks, sample } = await newsroom(3);
    const [a, b, c] = desks.map((d) => d.session);
    const before = text(a, 'a2', 1);
    type(a, 'a2', 1, 0, '据新华社电');
    type(b, 'a2', 1, 2, '（记者 李华）');
    type(c, 'a2', 2, 0, '又讯：');
    type(a, 'a2', 1, 5, '，');
    relay.flush();
    for (const s of [a, b, c]) {
      const t = text(s, 'a2', 1);
      expect(t.length).toBe(before.length + '据新华社电，（记者 李华）'.length);
      expect(t).toContain('据新华社电，');
      expect(t).toContain('（记者 李华）');
      expect(text(s, 'a2', 2).startsWith('又讯：')).toBe(true);
      // Every screen laid the page out again with the merged text.
      expect(s.layoutError).toBeNull();
    }
    expect(text(b, 'a2', 1)).toBe(text(a, 'a2', 1));
    expectConverged(relay, desks, sample);
  });

  it('a placement moved on one screen appears on the others, not in their undo', async () => {
    const { relay, desks, sample } = await newsroom(3);
    const [a, b, c] = desks.map((d) => d.session);
    const next = a.edition.pages[0].placements.map((p) =>
      p.article === 'a3' ? { ...p, regions: [p.regions[0], { ...p.regions[1], lines: 10 }] } : p,
    );
    a.setPlacements(1, '调整区域', next);
    expect(a.refusal).toBeNull();
    relay.flush();
    for (const s of [b, c]) {
      expect(s.edition.pages[0].placements.find((p) => p.article === 'a3')!.regions[1].lines).toBe(10);
      expect(s.history.canUndo).toBe(false);
    }
    expectConverged(relay, desks, sample);
    // Undone where it was made, undone everywhere.
    expect(a.undo()).toBe(true);
    relay.flush();
    expect(c.edition.pages[0].placements.find((p) => p.article === 'a3')!.regions[1].lines).toBe(16);
    expectConverged(relay, desks, sample);
  });

  it('an editor offline keeps editing; on return everything merges, nothing lost or doubled', async () => {
    const { relay, desks, sample } = await newsroom(3);
    const [a, b, c] = desks.map((d) => d.session);
    desks[1].transport.pause();
    expect(desks[1].link.state).toBe('offline');
    type(b, 'a1', 1, 0, '离线写的');
    type(b, 'a1', 3, 0, '第二段');
    const next = b.edition.pages[0].placements.map((p) =>
      p.article === 'a3' ? { ...p, regions: [p.regions[0], { ...p.regions[1], lines: 12 }] } : p,
    );
    expect(b.setPlacements(1, '调整区域', next)).toBe(true);
    type(a, 'a1', 1, 0, '在线写的');
    type(c, 'a4', 1, 0, '本报记者');
    relay.flush();
    expect(text(a, 'a1', 1).includes('离线写的')).toBe(false);
    desks[1].transport.resume();
    relay.flush();
    expect(desks[1].link.state).toBe('synced');
    for (const s of [a, b, c]) {
      const t = text(s, 'a1', 1);
      expect(t.split('离线写的').length).toBe(2);
      expect(t.split('在线写的').length).toBe(2);
      expect(text(s, 'a1', 3).startsWith('第二段')).toBe(true);
      expect(text(s, 'a4', 1).split('本报记者').length).toBe(text(b, 'a4', 1).split('本报记者').length);
      expect(s.edition.pages[0].placements.find((p) => p.article === 'a3')!.regions[1].lines).toBe(12);
    }
    expectConverged(relay, desks, sample);
  });

  it('undo after others typed in the same article forgets that article’s steps and never corrupts', async () => {
    const { relay, desks, sample } = await newsroom(2);
    const [a, b] = desks.map((d) => d.session);
    const next = a.edition.pages[0].placements.map((p) =>
      p.article === 'a3' ? { ...p, regions: [p.regions[0], { ...p.regions[1], lines: 10 }] } : p,
    );
    expect(a.setPlacements(1, '调整区域', next)).toBe(true);
    type(a, 'a2', 1, 0, '张明补');
    relay.flush();
    type(b, 'a2', 1, 0, '李华改');
    relay.flush();
    expect(a.refusal).toBe('李华的改动已合并，撤销记录已清除');
    // The typing step in a2 is gone; the placing step on a story nobody else touched still undoes.
    expect(a.undo()).toBe(true);
    relay.flush();
    expect(b.edition.pages[0].placements.find((p) => p.article === 'a3')!.regions[1].lines).toBe(16);
    expect(a.undo()).toBe(false);
    expect(text(a, 'a2', 1).startsWith('李华改张明补')).toBe(true);
    expectConverged(relay, desks, sample);
    // Own typing with nobody else in the article undoes as always, everywhere.
    const was = text(b, 'a4', 2);
    type(a, 'a4', 2, 1, '增补');
    relay.flush();
    expect(a.undo()).toBe(true);
    relay.flush();
    expect(text(b, 'a4', 2)).toBe(was);
    expectConverged(relay, desks, sample);
  });

  it('others typing into the open article: the editor follows with its caret on the same words', async () => {
    const { relay, desks } = await newsroom(2);
    const [a, b] = desks.map((d) => d.session);
    // What ArticleEditor gives the session: a Slate editor that applies the session's operations.
    const live = createEditor();
    live.children = structuredClone(a.article('a2')!.blocks) as unknown as Descendant[];
    live.selection = { anchor: { path: [1, 0], offset: 4 }, focus: { path: [1, 0], offset: 4 } };
    a.openArticle('a2');
    a.attachEditor({
      article: 'a2',
      applyOps(c) {
        Editor.withoutNormalizing(live, () => c.ops.forEach((op) => live.apply(op)));
        return live.children as unknown as Block[];
      },
      selectAt: () => {},
      isComposing: () => false,
      commitComposition: () => {},
    });
    const at = text(a, 'a2', 1).slice(4, 6);
    type(b, 'a2', 1, 0, '今日');
    relay.flush();
    expect(live.selection!.anchor).toEqual({ path: [1, 0], offset: 6 });
    expect(a.article('a2')!.blocks).toBe(live.children);
    expect(text(a, 'a2', 1).slice(6, 8)).toBe(at);
    expect(a.history.canUndo).toBe(false);
  });

  it('others’ words wait while an input method composes in the article, then merge', async () => {
    const { relay, desks, sample } = await newsroom(2);
    const [a, b] = desks.map((d) => d.session);
    let composing = true;
    a.openArticle('a2');
    a.attachEditor({
      article: 'a2',
      applyOps: (c) => (a.article('a2')!.blocks.length ? applyTextOps(a.article('a2')!.blocks, c.ops) : []),
      selectAt: () => {},
      isComposing: () => composing,
      commitComposition: () => {},
    });
    a.compositionStarted();
    type(b, 'a2', 1, 0, '今日');
    type(a, 'a2', 2, 0, '记者');
    relay.flush();
    expect(text(a, 'a2', 1).startsWith('今日')).toBe(false);
    expect(text(b, 'a2', 2).startsWith('记者')).toBe(true);
    composing = false;
    a.compositionEnded();
    relay.flush();
    expect(text(a, 'a2', 1).startsWith('今日')).toBe(true);
    expectConverged(relay, desks, sample);
  });

  it('presence lists the others, where they are, and their carets follow the text', async () => {
    const { relay, desks } = await newsroom(3);
    const [a, b] = desks.map((d) => d.session);
    expect(desks[0].link.people.map((p) => p.user.name).sort()).toEqual(['李华', '王芳'].sort());
    b.openArticle('a2');
    b.setSelection({ article: 'a2', anchor: { block: 1, offset: 3 }, focus: { block: 1, offset: 3 } });
    relay.flush();
    expect(desks[0].link.editorsOf('a2')).toEqual(['李华']);
    // What the navigator shows: the tag on the story, and who is where.
    expect(renderToStaticMarkup(createElement(EditingTag, { session: a, article: 'a2' }))).toContain(
      '正在编辑：李华',
    );
    // 王芳 is on the story the edition opened at; nobody has a3 open.
    expect(renderToStaticMarkup(createElement(EditingTag, { session: a, article: 'a1' }))).toContain('王芳');
    expect(renderToStaticMarkup(createElement(EditingTag, { session: a, article: 'a3' }))).toBe('');
    const people = renderToStaticMarkup(createElement(PeopleList, { session: a }));
    expect(people).toContain('李华<small>版面编辑 · 第1版 · ');
    expect(people).toContain('王芳');
    expect(desks[2].link.people.find((p) => p.user.login === 'lihua')!.article).toBe('a2');
    const [caret] = desks[0].link.caretsIn('a2');
    expect(caret.name).toBe('李华');
    expect(caret.range.anchor).toEqual({ path: [1, 0], offset: 3 });
    // A types three characters before it: the caret stays on the same words.
    type(a, 'a2', 1, 0, '新华社');
    relay.flush();
    expect(desks[0].link.caretsIn('a2')[0].range.focus).toEqual({ path: [1, 0], offset: 6 });
    expect(desks[2].link.caretsIn('a2')[0].range.focus).toEqual({ path: [1, 0], offset: 6 });
    // The article editor draws it beside the sixth character, with the name; a selection is tinted.
    const leaf = (s: EditionSession) => [s.article('a2')!.blocks[1].children[0], [1, 0]] as NodeEntry;
    expect(remoteDecorations(a, 'a2', leaf(a))).toEqual([
      {
        anchor: { path: [1, 0], offset: 5 },
        focus: { path: [1, 0], offset: 6 },
        remoteColor: '#c00',
        remoteName: '李华',
        remoteCaret: 'after',
      },
    ]);
    b.setSelection({ article: 'a2', anchor: { block: 1, offset: 0 }, focus: { block: 1, offset: 4 } });
    relay.flush();
    expect(remoteDecorations(a, 'a2', leaf(a))).toEqual([
      {
        anchor: { path: [1, 0], offset: 0 },
        focus: { path: [1, 0], offset: 4 },
        remoteColor: '#c00',
        remoteName: '李华',
      },
    ]);
    expect(remoteDecorations(a, 'a1', leaf(a))).toEqual([]);
    // Gone offline: no longer listed.
    desks[1].transport.pause();
    relay.flush();
    expect(desks[0].link.people.map((p) => p.user.name)).toEqual(['王芳']);
  });

  it('an article added on one screen arrives on the others with its copy, and others can type in it', async () => {
    const { relay, desks, sample } = await newsroom(2);
    const [a, b] = desks.map((d) => d.session);
    const blocks: Block[] = [
      { type: 'headline', children: [{ text: '区领导调研旧区改造' }] },
      { type: 'paragraph', children: [{ text: '本报讯 昨日，区领导赴天平街道调研。' }] },
    ];
    expect(
      a.addArticles([{ id: 'a9', slug: '旧改调研', status: 'draft', blocks }], [], '新建稿件'),
    ).toBeNull();
    relay.flush();
    expect(b.article('a9')).toEqual({ id: 'a9', slug: '旧改调研', status: 'draft', blocks });
    type(b, 'a9', 1, 3, '（记者 王芳）');
    relay.flush();
    expect(text(a, 'a9', 1)).toBe('本报讯（记者 王芳） 昨日，区领导赴天平街道调研。');
    const server = serverEdition(relay, { ...sample, articles: [...sample.articles, a.article('a9')!] });
    for (const s of [a, b]) expect(s.edition).toEqual(server);
  });

  it('a change the server refuses is shown and set back on every screen', async () => {
    const { relay, desks, sample } = await newsroom(2);
    const [a, b] = desks.map((d) => d.session);
    relay.check = (doc) =>
      doc === layoutDocName(sample.id) ? { code: 'forbidden', message: '记者不能调整版面' } : null;
    const next = a.edition.pages[0].placements.map((p) =>
      p.article === 'a3' ? { ...p, regions: [p.regions[0], { ...p.regions[1], lines: 10 }] } : p,
    );
    expect(a.setPlacements(1, '调整区域', next)).toBe(true);
    relay.flush();
    expect(a.refusal).toBe('编辑部未接受这次改动：记者不能调整版面');
    for (const s of [a, b])
      expect(s.edition.pages[0].placements.find((p) => p.article === 'a3')!.regions[1].lines).toBe(16);
    expect(a.history.canUndo).toBe(false);
    relay.check = null;
    expectConverged(relay, desks, sample);
  });
});
