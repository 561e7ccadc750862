// What an autosave writes: the store edits that turn the stored edition (and its page list) into the
// one the editor holds, only what changed.
import type { Edition, Page } from '../../engine/model';
import type { EditionEdit } from './store';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The edits that turn the stored edition into the one the editor holds: only what changed is written. */
export function editsBetween(stored: Edition, next: Edition): EditionEdit[] {
  const edits: EditionEdit[] = [];
  if (
    !same(stored.paper, next.paper) ||
    stored.date !== next.date ||
    stored.issue !== next.issue ||
    (stored.totalIssue ?? null) !== (next.totalIssue ?? null)
  ) {
    edits.push({
      op: 'setEditionInfo',
      paper: next.paper,
      date: next.date,
      issue: next.issue,
      totalIssue: next.totalIssue ?? null,
    });
  }
  const old = new Map(stored.articles.map((a) => [a.id, a]));
  for (const a of next.articles) {
    const o = old.get(a.id);
    if (!o) {
      edits.push({ op: 'addArticle', article: a });
      continue;
    }
    if (!same(o.blocks, a.blocks) || o.slug !== a.slug)
      edits.push({ op: 'updateArticle', id: a.id, blocks: a.blocks, slug: a.slug });
    if (o.status !== a.status) edits.push({ op: 'setArticleStatus', id: a.id, status: a.status });
  }
  for (const role of new Set([...Object.keys(stored.fonts ?? {}), ...Object.keys(next.fonts ?? {})])) {
    const face = next.fonts?.[role] ?? null;
    if ((stored.fonts?.[role] ?? null) !== face) edits.push({ op: 'setFont', role, face });
  }
  if (!same(stored.output ?? {}, next.output ?? {}))
    edits.push({ op: 'setOutput', output: next.output ?? null });
  const oldPages = new Map(stored.pages.map((p) => [p.id, p]));
  for (const p of next.pages) {
    const o = oldPages.get(p.id);
    if (!o)
      throw new Error(
        `page ${p.number} is not in the edition file; adding pages is done with the edition command`,
      );
    if (!same(o.placements, p.placements))
      edits.push({ op: 'setPlacements', page: p.id, placements: p.placements });
  }
  return edits;
}

/**
 * The store edits that turn the file's page list into the editor's: pages gone are emptied and
 * removed, new pages added (their placements follow as setPlacements), numbers, names, templates and
 * ad slots updated, and the order set. One transaction with the rest of the autosave.
 */
export function pageListEdits(stored: Page[], list: Omit<Page, 'placements'>[]): EditionEdit[] {
  const edits: EditionEdit[] = [];
  const ids = new Set(list.map((p) => p.id));
  const was = new Map(stored.map((p) => [p.id, p]));
  for (const p of stored)
    if (!ids.has(p.id))
      edits.push({ op: 'setPlacements', page: p.id, placements: [] }, { op: 'removePage', id: p.id });
  for (const p of list) {
    const old = was.get(p.id);
    if (!old) {
      edits.push({ op: 'addPage', page: { ...p, placements: [] } });
      continue;
    }
    if (
      old.number !== p.number ||
      old.section !== p.section ||
      old.template !== p.template ||
      JSON.stringify(old.ads ?? null) !== JSON.stringify(p.ads ?? null) ||
      JSON.stringify(old.guides ?? null) !== JSON.stringify(p.guides ?? null) ||
      JSON.stringify(old.rules ?? null) !== JSON.stringify(p.rules ?? null) ||
      (old.autoRules ?? true) !== (p.autoRules ?? true)
    ) {
      edits.push({
        op: 'updatePage',
        id: p.id,
        number: p.number,
        section: p.section,
        template: p.template,
        ads: p.ads ?? null,
        guides: p.guides ?? null,
        rules: p.rules ?? null,
        autoRules: p.autoRules ?? null,
      });
    }
  }
  edits.push({ op: 'orderPages', ids: list.map((p) => p.id) });
  return edits;
}
