// Telling the loser: after a merge, which of my writes to the layout document were replaced by
// someone's concurrent write (Yjs keeps one of two concurrent writes to a key, the same on every
// replica), said in Chinese, with the way to put mine back.
import type * as Y from 'yjs';
import type { Entry, Written } from './edition-docs';
import { layoutMap, pageLabel, placementArticle, slugOf, splitKey } from './edition-docs';

export interface Overwritten {
  written: Written;
  /** Login of the writer whose value stands now; '' when the value was deleted. */
  by: string;
  message: string;
}

const FIELD_NAMES: Record<string, string> = {
  schemaVersion: '版本',
  id: '编号',
  paper: '报名',
  date: '出版日期',
  issue: '期号',
  totalIssue: '总期号',
  styles: '样式',
  fonts: '字体',
};

const sameEntry = (a: Entry | undefined, b: Entry | undefined): boolean =>
  a === b || (!!a && !!b && JSON.stringify([a.v, a.o]) === JSON.stringify([b.v, b.o]));

const PAGE_FIELDS: Record<string, string> = {
  number: '版次',
  section: '版名',
  template: '版式',
  rules: '隔线',
  autoRules: '自动隔线',
  ads: '广告位',
  guides: '参考线',
  editor: '责任编辑',
};
const ARTICLE_FIELDS: Record<string, string> = { slug: '稿名', status: '状态', editor: '责任编辑' };

function what(layout: Y.Doc, w: Written): string {
  const { id, field } = splitKey(w.key);
  switch (w.map) {
    case 'placements':
      return `你对${slugOf(layout, placementArticle(w.key))}的${w.entry ? '移动' : '撤下'}`;
    case 'pages':
      return `你对${pageLabel(layout, id)}${field ? (PAGE_FIELDS[field] ?? field) : '次序'}的改动`;
    case 'articles':
      return `你对${slugOf(layout, id)}${field ? (ARTICLE_FIELDS[field] ?? field) : '次序'}的改动`;
    case 'comments':
      return '你的批注';
    case 'assets':
      return '你对图片的改动';
    case 'signoff':
      return `你对${pageLabel(layout, w.key)}的签发`;
    case 'edition':
      return `你对本期${FIELD_NAMES[w.key] ?? w.key}的改动`;
  }
}

/**
 * My writes (from `applyEditionToLayout`) that the layout document, after merging others' updates,
 * no longer holds because someone else wrote or deleted the same thing concurrently. `me` is my
 * login (a later write of my own is not a loss); `name` turns a login into the name shown.
 */
export function overwrittenBy(
  written: Written[],
  layout: Y.Doc,
  me: string,
  name: (login: string) => string = (login) => login,
): Overwritten[] {
  const out: Overwritten[] = [];
  for (const w of written) {
    const now = layoutMap(layout, w.map).get(w.key);
    if (sameEntry(now, w.entry)) continue;
    if (now && now.by === me) continue;
    const by = now?.by ?? '';
    const who = by ? `${name(by)} 的改动` : '他人的删除';
    out.push({ written: w, by, message: `${what(layout, w)}被 ${who}取代` });
  }
  return out;
}

/** Puts my overwritten values back (the loser's undo of the merge), as a new write by `me`. */
export function restoreWrites(layout: Y.Doc, lost: Overwritten[], me: string): void {
  layout.transact(() => {
    for (const { written: w } of lost) {
      const map = layoutMap(layout, w.map);
      if (w.entry) map.set(w.key, { ...w.entry, by: me });
      else map.delete(w.key);
    }
  }, me);
}
