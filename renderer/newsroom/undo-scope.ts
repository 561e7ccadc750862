// Undo in a shared edition: the session's history holds operations and before/after values, which
// are only right while nobody else changed the same thing. When others' changes touch an article's
// copy, its comments or metadata, a page's placements, the page list or the styles, every undo and
// redo step of this editor over that same thing is forgotten (the editor is told), so undo can never
// corrupt text or take back someone else's work; steps over other things stay.
import type { Edition } from '../../engine/model/types';
import type { Change } from '../state/history';

/** What a step or a merged change touches: `a:` an article's copy, `m:` its metadata, `c:` its comments, `p:` a page's placements, `P` the page list, `S` the styles, `E` the edition's other fields. */
export type Touched = Set<string>;

export function touchedBy(c: Change, out: Touched = new Set()): Touched {
  switch (c.kind) {
    case 'text':
      out.add(`a:${c.article}`);
      if (c.comments) out.add(`c:${c.article}`);
      for (const f of c.frames ?? []) out.add(`p:${f.page}`);
      break;
    case 'placements':
      for (const x of [c, ...(c.others ?? [])]) out.add(`p:${x.page}`);
      break;
    case 'article':
      out.add(`m:${c.article}`);
      break;
    case 'comments':
      out.add(`c:${c.article}`);
      break;
    case 'articles':
      for (const a of c.articles) out.add(`a:${a.id}`).add(`m:${a.id}`);
      break;
    case 'pages':
      out.add('P');
      for (const p of [...c.before, ...c.after]) out.add(`p:${p.id}`);
      break;
    case 'styles':
      out.add('S');
      break;
    case 'group':
      for (const x of c.changes) touchedBy(x, out);
      break;
    case 'proof':
      break;
  }
  return out;
}

export const overlaps = (c: Change, touched: Touched): boolean =>
  [...touchedBy(c)].some((k) => touched.has(k));

const json = (x: unknown): string => JSON.stringify(x ?? null);

/** What differs between two states of the edition, outside the articles' copy. */
export function editionDiff(was: Edition, now: Edition): Touched {
  const out: Touched = new Set();
  const meta = (ed: Edition) => ed.pages.map(({ placements: _p, ...rest }) => rest);
  if (json(meta(was)) !== json(meta(now))) out.add('P');
  const placed = new Map(was.pages.map((p) => [p.id, json(p.placements)]));
  for (const p of now.pages) if (placed.get(p.id) !== json(p.placements)) out.add(`p:${p.id}`);
  for (const p of was.pages) if (!now.pages.some((q) => q.id === p.id)) out.add(`p:${p.id}`);
  const articles = new Map(was.articles.map(({ blocks: _b, ...rest }) => [rest.id, json(rest)]));
  for (const { blocks: _b, ...rest } of now.articles)
    if (articles.get(rest.id) !== json(rest)) out.add(`m:${rest.id}`);
  for (const a of was.articles) if (!now.articles.some((b) => b.id === a.id)) out.add(`m:${a.id}`);
  const comments = (ed: Edition, article: string) =>
    json((ed.comments ?? []).filter((c) => c.article === article));
  for (const c of [...(was.comments ?? []), ...(now.comments ?? [])])
    if (comments(was, c.article) !== comments(now, c.article)) out.add(`c:${c.article}`);
  if (json(was.styles) !== json(now.styles)) out.add('S');
  if (
    json(was.fonts) !== json(now.fonts) ||
    json([was.paper, was.date, was.issue]) !== json([now.paper, now.date, now.issue])
  )
    out.add('E');
  return out;
}
