// The shared 版面计划 of a newsroom edition, beside the edition model: each page's 签发 (the layout
// document's `signoff` map, page id → {at}, written only by 值班总编 — the server refuses others) and
// its 责任编辑 (the page field `<pageId>.editor`, {login, name}, set by 版面编辑 and 值班总编). The
// app's own layout writes keep both (applyEditionToLayout); the offline replica in the file holds them.
// A plan write someone's concurrent one replaced is told like any lost layout write (conflicts-ui.ts).
import { fieldKey, layoutMap } from '../../newsroom/shared/edition-docs';
import { can, ROLE_LABELS } from '../../newsroom/shared/protocol';
import type { NewsroomLink } from './link';

export interface SignOff {
  /** Login of the 值班总编 who signed. */
  by: string;
  /** ISO time of the signing. */
  at: string;
}
export interface PageEditor {
  login: string;
  name: string;
}

/** A page's 签发, if it is signed. */
export function signOffOf(link: NewsroomLink, page: string): SignOff | undefined {
  const e = layoutMap(link.layout, 'signoff').get(page);
  const at = (e?.v as { at?: unknown } | undefined)?.at;
  return e && typeof at === 'string' ? { by: e.by, at } : undefined;
}

/** Why this editor may not sign pages off, or null when he may. */
export function whyNotSign(link: NewsroomLink): string | null {
  const role = link.user.role;
  return can.signPage(role) ? null : `只有值班总编可以签发版面（你是${ROLE_LABELS[role] ?? role}）`;
}

/** Signs a page off (签发本版), or takes the 签发 back; the refusal when this editor may not. */
export function setSignOff(
  link: NewsroomLink,
  page: string,
  signed: boolean,
  at = new Date(),
): string | null {
  const why = whyNotSign(link);
  if (why) return why;
  const me = link.user.login;
  const map = layoutMap(link.layout, 'signoff');
  const entry = signed ? { by: me, v: { at: at.toISOString() } } : undefined;
  link.layout.transact(() => {
    if (entry) map.set(page, entry);
    else map.delete(page);
  }, me);
  link.lostWrites.wrote([{ map: 'signoff', key: page, entry }]);
  return null;
}

/** A page's 责任编辑, if one is set. */
export function pageEditorOf(link: NewsroomLink, page: string): PageEditor | undefined {
  const v = layoutMap(link.layout, 'pages').get(fieldKey(page, 'editor'))?.v as
    Partial<PageEditor> | undefined;
  return v && typeof v.login === 'string' && typeof v.name === 'string'
    ? { login: v.login, name: v.name }
    : undefined;
}

/** Why this editor may not set pages' 责任编辑, or null. */
export function whyNotPlan(link: NewsroomLink): string | null {
  const role = link.user.role;
  return can.editLayout(role)
    ? null
    : `只有版面编辑和值班总编可以安排版面计划（你是${ROLE_LABELS[role] ?? role}）`;
}

/** Sets (or, with null, clears) a page's 责任编辑 for everyone; the refusal when this editor may not. */
export function setPageEditor(link: NewsroomLink, page: string, editor: PageEditor | null): string | null {
  const why = whyNotPlan(link);
  if (why) return why;
  const me = link.user.login;
  const map = layoutMap(link.layout, 'pages');
  if (!map.has(page)) return '这个版面已不在本期';
  const key = fieldKey(page, 'editor');
  const entry = editor ? { by: me, v: { login: editor.login, name: editor.name } } : undefined;
  link.layout.transact(() => {
    if (entry) map.set(key, entry);
    else map.delete(key);
  }, me);
  link.lostWrites.wrote([{ map: 'pages', key, entry }]);
  return null;
}

/** Who may be made a page's 责任编辑: this editor and everyone present, each once. */
export function plannable(link: NewsroomLink): PageEditor[] {
  const out = new Map<string, PageEditor>();
  for (const u of [link.user, ...link.people.map((p) => p.user)])
    if (!out.has(u.login)) out.set(u.login, { login: u.login, name: u.name });
  return [...out.values()];
}

/** Told whenever the layout document changes (signoff and 责任编辑 are not in the edition model). */
export function onPlanChange(link: NewsroomLink, l: () => void): () => void {
  link.layout.on('update', l);
  return () => link.layout.off('update', l);
}
