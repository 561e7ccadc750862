// The edition as a document: reading its articles and pages, and what the loader would say of it.
// Pure functions over the model; the session holds the one current edition and calls these.
import type { Operation } from 'slate';
import { pageProblems, styleProblems } from '../../engine/layout';
import { blockText as leavesText } from '../../engine/text/count';
import type { Article, Asset, Edition } from '../../engine/model/types';
import { EditionError, problemsInChinese, validateEdition } from '../../engine/model/validate';
import type { Template } from '../../engine/templates';

/** A block's text as the layout's SourceRef offsets count it (UTF-16 code units). */
export function blockTextOf(b: Article['blocks'][number] | undefined): string {
  return b ? leavesText(b.children) : '';
}

export function articleIn(ed: Edition, id: string | null): Article | undefined {
  return ed.articles.find((a) => a.id === id);
}

/** Pages on which an article is placed. */
export function pagesOf(ed: Edition, article: string): number[] {
  return ed.pages.filter((p) => p.placements.some((pl) => pl.article === article)).map((p) => p.number);
}

/** Whether operations can move or remove whole blocks (typing within a block cannot). */
export function structural(ops: Operation[]): boolean {
  return ops.some(
    (op) => op.type !== 'insert_text' && op.type !== 'remove_text' && op.type !== 'set_selection',
  );
}

/** What the loader would say about an edition, in Chinese, or null when it would open it. */
export function problemWith(ed: Edition, templates: Record<string, Template>): string | null {
  try {
    validateEdition(ed);
  } catch (e) {
    if (e instanceof EditionError) return problemsInChinese(e.problems, 2);
    throw e;
  }
  // As the store checks it: every placement inside its page's grid, below the masthead.
  const ids = new Set(ed.articles.map((a) => a.id));
  const problems = [
    ...ed.pages.flatMap((p) => (templates[p.template] ? pageProblems(p, templates[p.template], ids) : [])),
    ...styleProblems(ed, (id) => templates[id]),
  ];
  return problems.length
    ? problemsInChinese(
        problems.map((p) => ({ path: '', ...p })),
        2,
      )
    : null;
}

/** Photos joining the edition (content-addressed: a photo already there is not added twice); null when none is new. */
export function withAssets(ed: Edition, assets: Asset[]): Edition | null {
  const have = new Set(ed.assets.map((a) => a.id));
  const fresh = assets.filter((a) => !have.has(a.id));
  return fresh.length ? { ...ed, assets: [...ed.assets, ...fresh] } : null;
}

/** The edition with a role set in a face, or back to the template's and the machine's (null). */
export function withFontRole(ed: Edition, role: string, face: string | null): Edition {
  const fonts = { ...(ed.fonts ?? {}) };
  if (face === null) delete fonts[role];
  else fonts[role] = face;
  const next = { ...ed };
  if (Object.keys(fonts).length) next.fonts = fonts;
  else delete next.fonts;
  return next;
}
