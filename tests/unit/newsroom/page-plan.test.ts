// The shared 版面计划 through the in-memory relay: only 值班总编 signs a page off (others see the
// control disabled with the reason), everyone sees 已签发 on the thumbnail; a page's 责任编辑 set by
// the 版面编辑 reaches everyone; both survive later layout edits, and reach a screen back from offline.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PagePlanControls, PlanTag } from '../../../renderer/newsroom/PagePlan';
import {
  pageEditorOf,
  plannable,
  setPageEditor,
  setSignOff,
  signOffOf,
} from '../../../renderer/newsroom/page-plan';
import type { EditionSession } from '../../../renderer/state/session';
import { moveStory as move, twoDesks, desks } from '../../support/newsroom-desks';

const tag = (session: EditionSession, page: string): string =>
  renderToStaticMarkup(createElement(PlanTag, { session, page }));
const controls = (session: EditionSession, page: string): string =>
  renderToStaticMarkup(createElement(PagePlanControls, { session, page }));

describe('the shared 版面计划', () => {
  it('only 值班总编 signs a page off; everyone sees 已签发; a layout edit keeps it', async () => {
    const {
      relay,
      desks: [chief, layout, editor],
    } = await desks([
      ['zhangming', '张明', 'chief'],
      ['lihua', '李华', 'layout'],
      ['wangfang', '王芳', 'editor'],
    ]);
    const page = chief.session.edition.pages[0].id;
    for (const d of [layout, editor]) {
      const html = controls(d.session, page);
      expect(html).toMatch(/<button disabled="" title="只有值班总编可以签发版面（你是[^"]+）"[^>]*>签发本版/);
      expect(setSignOff(d.link, page, true)).toContain('只有值班总编可以签发版面');
    }
    relay.flush();
    expect(signOffOf(chief.link, page)).toBeUndefined();
    expect(controls(chief.session, page)).toMatch(/<button title="签发本版[^"]*"[^>]*>签发本版/);
    expect(setSignOff(chief.link, page, true, new Date('2026-05-01T22:00:00Z'))).toBeNull();
    relay.flush();
    for (const d of [chief, layout, editor]) {
      expect(signOffOf(d.link, page)).toEqual({ by: 'zhangming', at: '2026-05-01T22:00:00.000Z' });
      expect(tag(d.session, page)).toContain('已签发');
    }
    expect(controls(chief.session, page)).toContain('撤销签发');
    // The 版面编辑 moves a story on the signed page: the 签发 stays (the server decides what is allowed).
    expect(move(layout.session, 10)).toBe(true);
    relay.flush();
    expect(signOffOf(editor.link, page)?.by).toBe('zhangming');
    expect(setSignOff(chief.link, page, false)).toBeNull();
    relay.flush();
    for (const d of [chief, layout, editor]) expect(tag(d.session, page)).toBe('');
  });

  it('a page’s 责任编辑 set by the 版面编辑 reaches everyone, offline screens on return', async () => {
    const {
      relay,
      desks: [layout, editor, chief],
    } = await desks([
      ['lihua', '李华', 'layout'],
      ['wangfang', '王芳', 'editor'],
      ['zhangming', '张明', 'chief'],
    ]);
    const page = layout.session.edition.pages[0].id;
    expect(plannable(layout.link).map((p) => p.name)).toEqual(['李华', '王芳', '张明']);
    expect(controls(editor.session, page)).toMatch(/<select aria-label="责任编辑" disabled=""/);
    expect(setPageEditor(editor.link, page, { login: 'wangfang', name: '王芳' })).toContain(
      '只有版面编辑和值班总编可以安排版面计划',
    );
    chief.transport.pause();
    expect(setPageEditor(layout.link, page, { login: 'wangfang', name: '王芳' })).toBeNull();
    // Offline, the 值班总编 adjusts the page; both changes meet on his return.
    expect(move(chief.session, 12)).toBe(true);
    relay.flush();
    expect(pageEditorOf(editor.link, page)?.name).toBe('王芳');
    expect(pageEditorOf(chief.link, page)).toBeUndefined();
    chief.transport.resume();
    relay.flush();
    for (const d of [layout, editor, chief]) {
      expect(pageEditorOf(d.link, page)).toEqual({ login: 'wangfang', name: '王芳' });
      expect(tag(d.session, page)).toContain('责编 王芳');
      expect(d.session.edition.pages[0].placements.find((p) => p.article === 'a3')!.regions[1].lines).toBe(
        12,
      );
    }
    expect(controls(layout.session, page)).toMatch(/<option value="wangfang" selected="">王芳/);
    expect(setPageEditor(layout.link, page, null)).toBeNull();
    relay.flush();
    for (const d of [layout, editor, chief]) expect(tag(d.session, page)).toBe('');
  });

  it('two 版面编辑 set one page’s 责任编辑 while apart: one stands everywhere, the other is told and may restore', async () => {
    const {
      relay,
      desks: [a, b],
    } = await twoDesks();
    const page = a.session.edition.pages[0].id;
    b.transport.pause();
    expect(setPageEditor(a.link, page, { login: 'lihua', name: '李华' })).toBeNull();
    expect(setPageEditor(b.link, page, { login: 'zhangming', name: '张明' })).toBeNull();
    relay.flush();
    b.transport.resume();
    relay.flush();
    const standing = pageEditorOf(a.link, page)!;
    expect(pageEditorOf(b.link, page)).toEqual(standing);
    const [loser, winner] = standing.login === 'lihua' ? [b, a] : [a, b];
    expect(loser.session.refusal).toContain('第1版责任编辑的改动被');
    expect(winner.link.lostWrites.pending.length).toBe(0);
    expect(loser.link.lostWrites.restore()).toBe(true);
    relay.flush();
    for (const d of [a, b]) expect(pageEditorOf(d.link, page)).not.toEqual(standing);
  });
});
