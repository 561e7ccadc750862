// The page-list and 转版 steps that a command and a panel button both take, each one undoable step
// of the session (refused, with the reason, like any step the loader would refuse).
import type { Page } from '../../engine/model/types';
import type { Result } from '../state/pages';
import { continueOnPage } from '../state/free-space';
import { gridOf } from '../state/placing';
import type { EditionSession } from '../state/session';

/** Applies a page-list edit; goes to the page `goTo` names. The reason when it was not done, else null. */
export function pageStep(
  session: EditionSession,
  label: string,
  r: Result,
  goTo?: (pages: Page[]) => number | undefined,
): string | null {
  if ('refused' in r) return `${label}未执行：${r.refused}`;
  if (!session.changePages(label, r.pages)) return session.refusal ?? `${label}未执行`;
  const n = goTo?.(r.pages);
  if (n !== undefined) session.goToPage(n);
  return null;
}

/** The number of the page an edit added (for going to it). */
export const addedPage =
  (before: Page[]) =>
  (after: Page[]): number | undefined =>
    after.find((p) => !before.some((q) => q.id === p.id))?.number;

/** Asks before a page goes: its stories come back to the story list, and undo brings it back. */
export const confirmDeletePage = (p: Page): boolean =>
  window.confirm(
    `删除第 ${p.number} 版${p.section ? `（${p.section}）` : ''}？版上的稿件会回到稿件列表，可以撤销。`,
  );

/**
 * 转版: continues `article` from page `from` on page `to`, in the largest free space there; the jump
 * lines are set by layout. A page that cannot take it is refused with the reason.
 */
export function continueStory(session: EditionSession, from: number, to: number, article: string): boolean {
  const target = session.edition.pages.find((p) => p.number === to);
  const t = target && session.templates[target.template];
  if (!target) return (session.refuse('转版', `没有第 ${to} 版`), false);
  if (!t) return (session.refuse('转版', `第 ${to} 版的版式未安装`), false);
  const r = continueOnPage(
    session.edition.pages,
    from,
    to,
    gridOf(t),
    article,
    Math.min(2, t.grid.columns),
    to === 1 && t.masthead ? t.masthead.lines : 0,
  );
  if (r.refusal) return (session.refuse('转版', r.refusal), false);
  return session.changePlacements('转版', r.next);
}
