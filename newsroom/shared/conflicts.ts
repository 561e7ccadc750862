// Telling the loser: after a merge, which of my writes to the layout document were replaced by
// someone's concurrent write (Yjs keeps one of two concurrent writes to a key, the same on every
// replica), said in Chinese, with the way to put mine back.
import type * as Y from 'yjs';
import type { ArticleMeta, Entry, PageMeta, Written } from './edition-docs';
import { layoutMap, placementArticle } from './edition-docs';

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

function what(layout: Y.Doc, w: Written, now: Entry | undefined): string {
  const slug = (id: string): string => {
    const e = layoutMap(layout, 'articles').get(id);
    return `《${(e?.v as ArticleMeta | undefined)?.slug ?? id}》`;
  };
  switch (w.map) {
    case 'placements':
      return `你对${slug(placementArticle(w.key))}的${w.entry ? '移动' : '撤下'}`;
    case 'pages': {
      const meta = ((now ?? w.entry)?.v ?? {}) as Partial<PageMeta>;
      return `你对第${meta.number ?? '?'}版${meta.section ? `（${meta.section}）` : ''}的改动`;
    }
    case 'articles': {
      const mine = w.entry?.v as ArticleMeta | undefined;
      const theirs = now?.v as ArticleMeta | undefined;
      const part = mine && theirs && mine.status !== theirs.status ? '状态的改动' : '改动';
      return `你对${slug(w.key)}${part}`;
    }
    case 'comments':
      return '你的批注';
    case 'assets':
      return '你对图片的改动';
    case 'signoff':
      return '你的签发';
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
    out.push({ written: w, by, message: `${what(layout, w, now)}被 ${who}取代` });
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
