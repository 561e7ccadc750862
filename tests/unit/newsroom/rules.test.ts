import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Edition } from '../../../engine/model/types';
import { validateEdition } from '../../../engine/model/validate';
import { loadTemplate } from '../../../electron/services/templates';
import { applyEditionToLayout, editionToDocs, layoutMap } from '../../../newsroom/shared/edition-docs';
import { applyBlocksToCopy } from '../../../newsroom/shared/copy-doc';
import { checkChange } from '../../../newsroom/shared/rules';
import type { Person, Role } from '../../../newsroom/shared/protocol';

const ed: Edition = validateEdition(
  JSON.parse(
    readFileSync(join(__dirname, '../../../electron/services/sample/district-news.edition.json'), 'utf8'),
  ),
);
const template = (id: string) => (id === 'sikai' ? loadTemplate('sikai') : undefined);
const NAMES: Record<Role, string> = {
  reporter: '王记',
  editor: '李编',
  layout: '赵版',
  proofreader: '钱校',
  chief: '孙总',
};
const person = (role: Role, login: string = role): Person => ({ login, name: NAMES[role], role });

const clone = (d: Y.Doc): Y.Doc => {
  const c = new Y.Doc();
  Y.applyUpdate(c, Y.encodeStateAsUpdate(d));
  return c;
};

/** The server's layout and copies, with a 责任编辑 on the lead story (a1, 定稿). */
function server() {
  const start = structuredClone(ed);
  start.articles[0].status = 'final';
  const { layout, copies } = editionToDocs(start);
  layoutMap(layout, 'articles').set('a1.editor', { by: 'chief', v: 'lihua' });
  return { start, layout, copies, ctx: { layout, template, copy: (id: string) => copies.get(id) } };
}

/** The layout check of `who` writing `edit(edition)` into the layout. */
function layoutEdit(who: Person, edit: (e: Edition) => void) {
  const s = server();
  const next = structuredClone(s.start);
  edit(next);
  const after = clone(s.layout);
  applyEditionToLayout(after, next, who.login);
  return checkChange({ kind: 'layout', edition: ed.id }, s.layout, after, who, s.ctx);
}

function copyEdit(who: Person, article: string, edit: (e: Edition) => void) {
  const s = server();
  const next = structuredClone(s.start);
  edit(next);
  const before = s.copies.get(article)!;
  const after = clone(before);
  applyBlocksToCopy(after, next.articles.find((a) => a.id === article)!.blocks);
  return checkChange({ kind: 'copy', edition: ed.id, article }, before, after, who, s.ctx);
}

const move = (e: Edition): void => void (e.pages[0].placements[3].regions[1].lines = 15);
const status = (id: string, to: Edition['articles'][number]['status']) => (e: Edition) =>
  void (e.articles.find((a) => a.id === id)!.status = to);
const type = (id: string) => (e: Edition) => {
  const a = e.articles.find((x) => x.id === id)!;
  a.blocks[a.blocks.length - 1].children[0].text += '（完）';
};
const slug = (id: string) => ed.articles.find((a) => a.id === id)!.slug;

describe('checkChange: layout', () => {
  it('a reporter may change a status, but not in the same update as moving a story', () => {
    expect(layoutEdit(person('reporter'), status('a3', 'to-edit'))).toBeNull();
    const r = layoutEdit(person('reporter'), (e) => (status('a3', 'to-edit')(e), move(e)));
    expect(r).toMatchObject({ type: 'refused', code: 'forbidden', doc: `edition/${ed.id}/layout` });
    expect(r!.message).toContain(
      `记者 王记 不能改动第1版《${slug('a3')}》的版面位置：只有版面编辑和值班总编可以改版面`,
    );
  });

  it('layout editors and the editor on duty move stories; editors and proofreaders may not', () => {
    expect(layoutEdit(person('layout'), move)).toBeNull();
    expect(layoutEdit(person('chief'), move)).toBeNull();
    expect(layoutEdit(person('editor'), move)?.code).toBe('forbidden');
    expect(layoutEdit(person('proofreader'), (e) => void (e.pages[0].section = '头版'))!.message).toContain(
      '校对 钱校 不能改动第1版：只有版面编辑和值班总编可以改版面',
    );
    expect(layoutEdit(person('editor'), (e) => void (e.date = '2026-05-02'))?.code).toBe('forbidden');
  });

  it('only the editor on duty signs an article off; proofreaders only mark it proofed', () => {
    expect(layoutEdit(person('editor'), status('a3', 'signed'))!.message).toContain('只有值班总编可以签发');
    expect(layoutEdit(person('chief'), status('a3', 'signed'))).toBeNull();
    expect(layoutEdit(person('proofreader'), status('a3', 'proofed'))).toBeNull();
    expect(layoutEdit(person('proofreader'), status('a3', 'final'))?.code).toBe('forbidden');
  });

  it('a 定稿 story is reopened only by its editor or the editor on duty', () => {
    expect(layoutEdit(person('editor', 'zhou'), status('a1', 'edited'))!.message).toContain(
      `编辑 李编 不能把已定稿的稿件《${slug('a1')}》退回“已编”`,
    );
    expect(layoutEdit(person('editor', 'lihua'), status('a1', 'edited'))).toBeNull();
    expect(layoutEdit(person('chief'), status('a1', 'edited'))).toBeNull();
  });

  it('the 责任编辑 survives the app’s writes; an editor claims a story for himself, the editor on duty assigns it', () => {
    const s = server();
    const next = structuredClone(s.start);
    next.articles[0].slug = '新稿名';
    const after = clone(s.layout);
    applyEditionToLayout(after, next, 'chief');
    expect(layoutMap(after, 'articles').get('a1.editor')?.v).toBe('lihua');
    const claim = (who: Person, login: string) => {
      const d = clone(s.layout);
      layoutMap(d, 'articles').set('a3.editor', { by: who.login, v: login });
      return checkChange({ kind: 'layout', edition: ed.id }, s.layout, d, who, s.ctx);
    };
    expect(claim(person('editor', 'zhou'), 'zhou')).toBeNull();
    expect(claim(person('editor', 'zhou'), 'lihua')!.message).toContain('编辑只能认领给自己');
    expect(claim(person('chief'), 'lihua')).toBeNull();
    expect(claim(person('reporter'), 'reporter')?.code).toBe('forbidden');
  });

  it('only the editor on duty signs a page off', () => {
    const s = server();
    for (const [who, ok] of [
      [person('editor'), false],
      [person('layout'), false],
      [person('chief'), true],
    ] as const) {
      const after = clone(s.layout);
      layoutMap(after, 'signoff').set('p1', { by: who.login, v: { at: '2026-05-01T22:00:00Z' } });
      const r = checkChange({ kind: 'layout', edition: ed.id }, s.layout, after, who, s.ctx);
      if (ok) expect(r).toBeNull();
      else expect(r!.message).toContain('不能签发或撤销第1版的签发：只有值班总编签发版面');
    }
  });

  it('a signed page is closed to everyone but the editor on duty: its stories stay where they were signed', () => {
    const s = server();
    layoutMap(s.layout, 'signoff').set('p1', { by: 'chief', v: { at: '2026-05-01T22:00:00Z' } });
    const move = (who: Person) => {
      const next = structuredClone(s.start);
      next.pages[0].placements[0].regions[0].line += 1;
      const after = clone(s.layout);
      applyEditionToLayout(after, next, who.login);
      return checkChange({ kind: 'layout', edition: ed.id }, s.layout, after, who, s.ctx);
    };
    const refused = move(person('layout'));
    expect(refused?.code).toBe('forbidden');
    expect(refused!.message).toContain('第1版已签发');
    expect(move(person('chief'))).toBeNull();
    // The page's 责任编辑 is the plan's, not the page's: still open.
    const after = clone(s.layout);
    layoutMap(after, 'pages').set('p1.editor', { by: 'layout', v: { login: 'lihua', name: '李华' } });
    expect(
      checkChange({ kind: 'layout', edition: ed.id }, s.layout, after, person('layout'), s.ctx),
    ).toBeNull();
  });

  it('a page’s 责任编辑 (版面计划): set by 版面编辑 and 值班总编 as {login, name}, kept by later layout writes', () => {
    const s = server();
    const setEditor = (who: Person, v: unknown) => {
      const after = clone(s.layout);
      layoutMap(after, 'pages').set('p1.editor', { by: who.login, v });
      return { after, r: checkChange({ kind: 'layout', edition: ed.id }, s.layout, after, who, s.ctx) };
    };
    expect(setEditor(person('layout'), { login: 'lihua', name: '李华' }).r).toBeNull();
    expect(setEditor(person('chief'), { login: 'lihua', name: '李华' }).r).toBeNull();
    expect(setEditor(person('editor'), { login: 'editor', name: '李编' }).r?.code).toBe('forbidden');
    expect(setEditor(person('layout'), 'lihua').r?.code).toBe('invalid');
    // The app's next layout write keeps it.
    const { after } = setEditor(person('layout'), { login: 'lihua', name: '李华' });
    const next = structuredClone(s.start);
    next.pages[0].section = '要闻二';
    applyEditionToLayout(after, next, 'layout');
    expect(layoutMap(after, 'pages').get('p1.editor')?.v).toEqual({ login: 'lihua', name: '李华' });
  });

  it('anyone comments, proofreaders included', () => {
    const add = (e: Edition) =>
      void (e.comments = [
        { id: 'c1', article: 'a2', author: '钱校', at: '2026-05-01T20:00:00Z', text: '“线下”应为“线上”？' },
      ]);
    expect(ed.comments).toBeUndefined();
    expect(layoutEdit(person('proofreader'), add)).toBeNull();
    expect(layoutEdit(person('reporter'), add)).toBeNull();
  });

  it('a write signed with someone else’s name is refused', () => {
    const s = server();
    const next = structuredClone(s.start);
    move(next);
    const after = clone(s.layout);
    applyEditionToLayout(after, next, 'chief');
    const r = checkChange({ kind: 'layout', edition: ed.id }, s.layout, after, person('layout'), s.ctx);
    expect(r!.message).toContain('署名为“chief”，不是 layout');
  });

  it('a layout the loader would not open is refused as invalid, in Chinese', () => {
    const off = layoutEdit(person('layout'), (e) => void (e.pages[0].placements[3].regions[1].col = 9));
    expect(off).toMatchObject({ code: 'invalid' });
    expect(off!.message).toMatch(/^改动未被接受，版面会出错：.*[\u4e00-\u9fff]/);
    const noStory = layoutEdit(person('layout'), (e) => void (e.pages[0].placements[3].article = 'zz'));
    expect(noStory).toMatchObject({ code: 'invalid' });
    const notPhoto = layoutEdit(person('layout'), (e) => void (e.pages[0].placements[2].photos[0].block = 1));
    expect(notPhoto!.message).toContain('那一段不是图片');
  });

  it('a story moved onto a page deleted meanwhile is refused, not lost', () => {
    const s = server();
    const twoPages = clone(s.layout);
    const ed2 = structuredClone(s.start);
    ed2.pages.push({ id: 'p2', number: 2, section: '综合', template: 'sikai', placements: [] });
    applyEditionToLayout(twoPages, ed2, 'layout');
    // 赵版 moves a story onto page 2 while 孙总 deletes page 2; the server applies the deletion first.
    const moved = structuredClone(ed2);
    moved.pages[1].placements.push(moved.pages[0].placements.pop()!);
    const mine = clone(twoPages);
    applyEditionToLayout(mine, moved, 'layout');
    const deleted = clone(twoPages);
    applyEditionToLayout(deleted, s.start, 'chief');
    const after = clone(deleted);
    Y.applyUpdate(after, Y.encodeStateAsUpdate(mine, Y.encodeStateVector(twoPages)));
    const r = checkChange({ kind: 'layout', edition: ed.id }, deleted, after, person('layout'), s.ctx);
    expect(r).toMatchObject({ code: 'invalid' });
    expect(r!.message).toBe(`改动未被接受：《${slug('a3')}》被放在了不存在的版面上（可能刚被删除）`);
  });

  it('a malformed entry or an unknown root is refused without judging the rest', () => {
    const s = server();
    const after = clone(s.layout);
    layoutMap(after, 'pages').set('p9', 42 as never);
    expect(
      checkChange({ kind: 'layout', edition: ed.id }, s.layout, after, person('chief'), s.ctx)?.code,
    ).toBe('invalid');
    const text = new Y.Doc();
    text.getText('signoff').insert(0, 'x');
    const wrongType = clone(s.layout);
    Y.applyUpdate(wrongType, Y.encodeStateAsUpdate(text));
    expect(
      checkChange({ kind: 'layout', edition: ed.id }, s.layout, wrongType, person('chief'), s.ctx)?.code,
    ).toBe('invalid');
    const junk = clone(s.layout);
    layoutMap(junk, 'pages').set('p1.colour', { by: 'chief', v: 'red' });
    expect(
      checkChange({ kind: 'layout', edition: ed.id }, s.layout, junk, person('chief'), s.ctx)?.message,
    ).toBe('版面文档里没有“pages/p1.colour”这一项：改动已撤回');
    const other = clone(s.layout);
    other.getMap('evil').set('x', 1);
    expect(
      checkChange({ kind: 'layout', edition: ed.id }, s.layout, other, person('chief'), s.ctx)?.code,
    ).toBe('invalid');
  });
});

describe('checkChange: copy', () => {
  it('proofreaders never edit copy', () => {
    const r = copyEdit(person('proofreader'), 'a3', type('a3'));
    expect(r).toMatchObject({ code: 'forbidden', doc: `edition/${ed.id}/copy/a3` });
    expect(r!.message).toBe(`校对 钱校 不能修改稿件《${slug('a3')}》的正文：校对只标改（用批注），不改稿`);
    expect(copyEdit(person('reporter'), 'a3', type('a3'))).toBeNull();
  });

  it('定稿 copy is locked for everyone but its editor and the editor on duty', () => {
    expect(copyEdit(person('editor', 'zhou'), 'a1', type('a1'))!.message).toBe(
      `编辑 李编 不能修改稿件《${slug('a1')}》的正文：稿件已定稿，只有它的责任编辑和值班总编可以改`,
    );
    expect(copyEdit(person('layout'), 'a1', type('a1'))?.code).toBe('forbidden');
    expect(copyEdit(person('editor', 'lihua'), 'a1', type('a1'))).toBeNull();
    expect(copyEdit(person('chief'), 'a1', type('a1'))).toBeNull();
  });

  it('copy that breaks the layout (a photo frame’s block no longer a photo) is refused as invalid', () => {
    const r = copyEdit(person('editor'), 'a2', (e) => {
      const a = e.articles.find((x) => x.id === 'a2')!;
      a.blocks[0] = { type: 'paragraph', children: [{ text: '图片换成了文字' }] };
    });
    expect(r).toMatchObject({ code: 'invalid' });
    expect(r!.message).toContain('那一段不是图片');
  });
});
