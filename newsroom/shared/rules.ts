// The server's change rules: what changed between a document before and after a client's update,
// whether the person may change it (protocol.ts `can`), and whether the edition it leaves is one the
// loader would open (the model's validation and the page checks). Refusals name, in Chinese, what
// was refused and why.
import * as Y from 'yjs';
import { yTextToSlateElement } from '@slate-yjs/core';
import type { ArticleStatus, Edition } from '../../engine/model/types';
import { STATUS_LABELS } from '../../engine/model/status';
import {
  EditionError,
  problemsInChinese,
  validateEdition,
  type EditionProblem,
} from '../../engine/model/validate';
import { pageProblems, styleProblems } from '../../engine/layout';
import type { Template } from '../../engine/templates';
import { can, ROLE_LABELS, type CheckChange, type DocName, type Person, type Refused } from './protocol';
import {
  docsToEdition,
  layoutMap,
  LAYOUT_MAPS,
  placementArticle,
  EDITION_FIELDS,
  RECORD_FIELDS,
  RECORD_MAPS,
  COMMENTS_MARK,
  articleMeta,
  pageLabel,
  slugOf,
  splitKey,
  type Entry,
  type LayoutMap,
  type PlacementValue,
} from './edition-docs';
import { copyContent } from './copy-doc';

interface Change {
  map: LayoutMap;
  key: string;
  before: Entry | undefined;
  after: Entry | undefined;
}

/** Every entry of the layout document that the update added, changed or deleted. */
export function layoutChanges(before: Y.Doc, after: Y.Doc): Change[] {
  const out: Change[] = [];
  for (const map of LAYOUT_MAPS) {
    const b = layoutMap(before, map);
    const a = layoutMap(after, map);
    for (const key of new Set([...b.keys(), ...a.keys()])) {
      const eb = b.get(key);
      const ea = a.get(key);
      if (JSON.stringify(eb) !== JSON.stringify(ea)) out.push({ map, key, before: eb, after: ea });
    }
  }
  return out;
}

/** Top-level types a layout document may hold. */
const LAYOUT_NAMES = new Set<string>(LAYOUT_MAPS);

const isEntry = (e: unknown): e is Entry =>
  typeof e === 'object' &&
  e !== null &&
  !Array.isArray(e) &&
  typeof (e as Entry).by === 'string' &&
  'v' in e &&
  ((e as Entry).o === undefined || Number.isFinite((e as Entry).o));

const who = (p: Person): string => `${ROLE_LABELS[p.role]} ${p.name}`;

function refuse(doc: DocName, code: Refused['code'], message: string): Refused {
  const name =
    doc.kind === 'layout' ? `edition/${doc.edition}/layout` : `edition/${doc.edition}/copy/${doc.article}`;
  return { type: 'refused', doc: name, code, message };
}

/** What a layout change is, in words: 第1版《稿名》的版面位置. */
function describe(c: Change, layout: Y.Doc): string {
  const e = (c.after ?? c.before) as Entry | undefined;
  const { id, field } = splitKey(c.key);
  switch (c.map) {
    case 'edition':
      return `本期的${c.key}`;
    case 'pages':
      return `${pageLabel(layout, id)}${field ? '' : c.after && c.before ? '的次序' : c.after ? '（新增）' : '（删除）'}`;
    case 'placements': {
      const page = (e?.v as PlacementValue | undefined)?.page;
      return `${page ? pageLabel(layout, page) : ''}${slugOf(layout, placementArticle(c.key))}的版面位置`;
    }
    case 'assets':
      return '本期的图片';
    case 'signoff':
      return `${pageLabel(layout, c.key)}的签发`;
    case 'comments':
      return '批注';
    case 'articles':
      return `稿件${slugOf(layout, id)}`;
  }
}

/** A page's 责任编辑 as the layout document holds it: {login, name}. */
const isPageEditor = (v: unknown): boolean =>
  !!v &&
  typeof v === 'object' &&
  typeof (v as { login?: unknown }).login === 'string' &&
  typeof (v as { name?: unknown }).name === 'string';

const locked = (s: ArticleStatus | undefined): boolean => s === 'final' || s === 'signed';

/** Why `person` may not make the article change (its record, status, slug or 责任编辑), or null. */
function articleRefusal(c: Change, person: Person, before: Y.Doc, after: Y.Doc): string | null {
  const { id, field } = splitKey(c.key);
  const name = slugOf(c.after ? after : before, id);
  const was = articleMeta(before, id);
  const isEditor = !!was?.editor && was.editor === person.login;
  if (!field) {
    if (!c.before)
      return person.role === 'proofreader' ? `${who(person)} 不能新建稿件${name}：校对只标改，不写稿` : null;
    if (!c.after)
      return can.editLayout(person.role)
        ? null
        : `${who(person)} 不能删除稿件${name}：只有版面编辑和值班总编可以删稿`;
    return person.role === 'proofreader' ? `${who(person)} 不能调整稿件的次序` : null;
  }
  if (!c.after) {
    if (!layoutMap(after, 'articles').has(id)) return null; // deleted with its article
    return can.editLayout(person.role) ? null : `${who(person)} 不能删去稿件${name}的${field}`;
  }
  if (field === 'status') {
    const from = c.before?.v as ArticleStatus | undefined;
    const to = c.after.v as ArticleStatus;
    const toName = STATUS_LABELS[to] ?? to;
    if (!can.setStatus(person.role, to))
      return `${who(person)} 不能把稿件${name}改为“${toName}”：${to === 'signed' ? '只有值班总编可以签发' : '校对只能把稿件标为已校'}`;
    if (from && locked(from) && !can.editCopy(person.role, from, isEditor))
      return `${who(person)} 不能把已${STATUS_LABELS[from]}的稿件${name}退回“${toName}”：只有它的责任编辑和值班总编可以`;
    return null;
  }
  if (field === 'slug') {
    const status = was?.status ?? 'draft';
    if (can.editCopy(person.role, status, isEditor)) return null;
    return `${who(person)} 不能改稿件${name}的稿名：${person.role === 'proofreader' ? '校对不改稿' : `稿件已${STATUS_LABELS[status]}，只有它的责任编辑和值班总编可以改`}`;
  }
  if (field === 'editor') {
    if (person.role === 'chief' || (person.role === 'editor' && c.after.v === person.login)) return null;
    return `${who(person)} 不能指定稿件${name}的责任编辑：只有值班总编可以，编辑只能认领给自己`;
  }
  return `稿件${name}没有“${field}”这一项`;
}

/** Why `person` may not make the layout change, or null. */
function changeRefusal(c: Change, person: Person, before: Y.Doc, layout: Y.Doc): string | null {
  if (c.after && c.after.by !== person.login)
    return `${describe(c, layout)}的改动署名为“${c.after.by}”，不是 ${person.login}`;
  switch (c.map) {
    case 'comments':
      return can.comment(person.role) ? null : `${who(person)} 不能改动批注`;
    case 'edition':
      if (c.key === COMMENTS_MARK) return can.comment(person.role) ? null : `${who(person)} 不能改动批注`;
      return can.editLayout(person.role)
        ? null
        : `${who(person)} 不能改动${describe(c, layout)}：只有版面编辑和值班总编可以改版面`;
    case 'signoff':
      return can.signPage(person.role)
        ? null
        : `${who(person)} 不能签发或撤销${describe(c, layout)}：只有值班总编签发版面`;
    case 'articles':
      return articleRefusal(c, person, before, layout);
    default:
      return can.editLayout(person.role)
        ? null
        : `${who(person)} 不能改动${describe(c, layout)}：只有版面编辑和值班总编可以改版面`;
  }
}

type Ctx = Parameters<CheckChange>[4];

/** The loader's problems with the edition the documents hold (validation, page grids, styles). */
export function editionProblems(
  layout: Y.Doc,
  copies: ReadonlyMap<string, Y.Doc>,
  template: (id: string) => Template | undefined,
  haveCopies: boolean,
): EditionProblem[] {
  let ed: Edition;
  try {
    ed = validateEdition(docsToEdition(layout, copies, () => ''));
  } catch (e) {
    if (!(e instanceof EditionError))
      return [{ path: '(document)', message: String(e), zh: '文档无法读成期次：结构不对' }];
    // Without the copy documents, a photo frame's block cannot be checked: not this change's fault.
    return haveCopies ? e.problems : e.problems.filter((p) => !/\.photos\[\d+\]\.block$/.test(p.path));
  }
  const ids = new Set(ed.articles.map((a) => a.id));
  const problems: EditionProblem[] = ed.pages.flatMap((page) => {
    if (!page.placements.length && !page.rules?.length && !page.ads?.length) return [];
    const t = template(page.template);
    return t ? pageProblems(page, t, ids).map((p) => ({ path: `pages(${page.number})`, ...p })) : [];
  });
  problems.push(...styleProblems(ed, template));
  return problems;
}

function copiesFor(layout: Y.Doc, ctx: Ctx): Map<string, Y.Doc> {
  const out = new Map<string, Y.Doc>();
  if (ctx.copy)
    for (const id of layoutMap(layout, 'articles').keys()) {
      const d = ctx.copy(id);
      if (d) out.set(id, d);
    }
  return out;
}

/** The problems `after` has that `before` had not (an edition already wrong is not this change's fault). */
function newProblems(before: () => EditionProblem[], after: EditionProblem[]): EditionProblem[] {
  if (!after.length) return after;
  const seen = new Set(before().map((p) => `${p.path}\u0000${p.message}`));
  return after.filter((p) => !seen.has(`${p.path}\u0000${p.message}`));
}

/**
 * A page the editor on duty has signed off (签发) is closed: its placements, rules, ads, guides and
 * section change only by 值班总编 (who may also withdraw the sign-off first). Its page record's order and
 * 责任编辑 are the plan's, not the page's, and stay open.
 */
function signedPageRefusal(c: Change, person: Person, before: Y.Doc): string | null {
  if (person.role === 'chief') return null;
  const signed = layoutMap(before, 'signoff');
  if (!signed.size) return null;
  let pages: (string | undefined)[] = [];
  if (c.map === 'placements')
    pages = [c.before, c.after].map((e) => (e?.v as Partial<PlacementValue> | null | undefined)?.page);
  else if (c.map === 'pages') {
    const { id, field } = splitKey(c.key);
    if (field && field !== 'editor') pages = [id];
  }
  const page = pages.find((p) => p !== undefined && signed.has(p));
  return page
    ? `${pageLabel(before, page)}已签发，${who(person)} 不能再改动它的版面：请值班总编先撤销签发`
    : null;
}

function checkLayout(name: DocName, before: Y.Doc, after: Y.Doc, person: Person, ctx: Ctx): Refused | null {
  for (const key of after.share.keys())
    if (!LAYOUT_NAMES.has(key)) return refuse(name, 'invalid', `版面文档里不能有“${key}”：改动已撤回`);
  // Every root is a map: list content under one (text written as a root named like a map) is refused.
  for (const [key, type] of after.share)
    if (type._start !== null) return refuse(name, 'invalid', `版面文档的“${key}”不是表：改动已撤回`);
  for (const map of LAYOUT_MAPS)
    for (const [key, e] of layoutMap(after, map))
      if (!isEntry(e)) return refuse(name, 'invalid', `版面文档的 ${map}/${key} 格式不对：改动已撤回`);
  const changes = layoutChanges(before, after);
  if (!changes.length) return null;
  for (const c of changes) {
    const field = splitKey(c.key).field;
    const known =
      c.map === 'edition'
        ? c.key === COMMENTS_MARK || (EDITION_FIELDS as readonly string[]).includes(c.key)
        : RECORD_MAPS.includes(c.map)
          ? !field || !!RECORD_FIELDS[c.map]?.has(field)
          : true;
    if (!known) return refuse(name, 'invalid', `版面文档里没有“${c.map}/${c.key}”这一项：改动已撤回`);
    if (c.map === 'pages' && field === 'editor' && c.after && !isPageEditor(c.after.v))
      return refuse(name, 'invalid', `版面文档的 pages/${c.key} 不是“登录名和姓名”：改动已撤回`);
  }
  const refusals = [
    ...new Set(
      changes
        .map((c) => changeRefusal(c, person, before, after) ?? signedPageRefusal(c, person, before))
        .filter((r) => r !== null),
    ),
  ];
  if (refusals.length) return refuse(name, 'forbidden', `改动未被接受：${refusals.slice(0, 3).join('；')}`);
  // A placement on a page the layout does not have would vanish from the edition unseen.
  const pages = layoutMap(after, 'pages');
  for (const c of changes)
    if (c.map === 'placements' && c.after) {
      const page = (c.after.v as Partial<PlacementValue> | null)?.page;
      if (typeof page !== 'string' || !pages.has(page))
        return refuse(
          name,
          'invalid',
          `改动未被接受：${slugOf(after, placementArticle(c.key))}被放在了不存在的版面上（可能刚被删除）`,
        );
    }
  const haveCopies = !!ctx.copy;
  const problems = newProblems(
    () => editionProblems(before, copiesFor(before, ctx), ctx.template, haveCopies),
    editionProblems(after, copiesFor(after, ctx), ctx.template, haveCopies),
  );
  return problems.length
    ? refuse(name, 'invalid', `改动未被接受，版面会出错：${problemsInChinese(problems)}`)
    : null;
}

function checkCopy(
  name: DocName & { kind: 'copy' },
  before: Y.Doc,
  after: Y.Doc,
  person: Person,
  ctx: Ctx,
): Refused | null {
  for (const key of after.share.keys())
    if (key !== 'content') return refuse(name, 'invalid', `稿件文档里不能有“${key}”：改动已撤回`);
  const content = copyContent(after);
  if ((content.toDelta() as { insert: unknown }[]).some((d) => !(d.insert instanceof Y.XmlText)))
    return refuse(name, 'invalid', '稿件文档的正文只能由段落组成：改动已撤回');
  const json = (d: Y.Doc): string => JSON.stringify(yTextToSlateElement(copyContent(d)));
  if (json(before) === json(after)) return null;
  const meta = ctx.layout ? articleMeta(ctx.layout, name.article) : undefined;
  const slug = slugOf(ctx.layout, name.article);
  const status: ArticleStatus = meta?.status ?? 'draft';
  if (!can.editCopy(person.role, status, !!meta?.editor && meta.editor === person.login))
    return refuse(
      name,
      'forbidden',
      person.role === 'proofreader'
        ? `${who(person)} 不能修改稿件${slug}的正文：校对只标改（用批注），不改稿`
        : `${who(person)} 不能修改稿件${slug}的正文：稿件已${STATUS_LABELS[status]}，只有它的责任编辑和值班总编可以改`,
    );
  if (!ctx.layout) return null;
  const layout = ctx.layout;
  const problems = newProblems(
    () => articleProblems(layout, name.article, before),
    articleProblems(layout, name.article, after),
  );
  return problems.length
    ? refuse(name, 'invalid', `稿件${slug}的改动未被接受：${problemsInChinese(problems)}`)
    : null;
}

/**
 * The loader's problems that one article's copy can cause: its blocks, and the photo frames of its
 * placements pointing into them. The edition is validated with this article and its placements
 * only, so a keystroke costs one article's check, not the edition's.
 */
function articleProblems(layout: Y.Doc, article: string, copy: Y.Doc): EditionProblem[] {
  let ed: Edition;
  try {
    ed = docsToEdition(layout, new Map([[article, copy]]), () => '');
  } catch (e) {
    return [{ path: '(document)', message: String(e), zh: '文档无法读成期次：结构不对' }];
  }
  ed.articles = ed.articles.filter((a) => a.id === article);
  ed.pages = ed.pages.map((p) => ({ ...p, placements: p.placements.filter((pl) => pl.article === article) }));
  try {
    validateEdition(ed);
    return [];
  } catch (e) {
    if (e instanceof EditionError) return e.problems;
    return [{ path: '(document)', message: String(e), zh: '文档无法读成期次：结构不对' }];
  }
}

/** The server's check of one client's update (protocol.ts `CheckChange`). A document that cannot
 *  even be read as ours (a root of another type, say) is refused, never thrown. */
export const checkChange: CheckChange = (name, before, after, person, ctx) => {
  try {
    return name.kind === 'layout'
      ? checkLayout(name, before, after, person, ctx)
      : checkCopy(name, before, after, person, ctx);
  } catch {
    // The client is told what was refused, not the checker's internals.
    return refuse(name, 'invalid', '改动未被接受：文档的结构不对');
  }
};
