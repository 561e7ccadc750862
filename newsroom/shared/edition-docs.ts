// An edition as the newsroom's shared Yjs documents and back (the shape is in docs/ARCHITECTURE.md,
// "Newsroom documents"): one layout document for pages, placements, the article list, comments and
// photo metadata; one copy document per article holding its Slate blocks as @slate-yjs/core does.
// Every value in the layout document is an entry {by, v, o?}: who wrote it, the JSON value, and for
// listed items a fractional order. Writing an entry replaces it whole, so concurrent edits of one
// thing resolve by Yjs's map rule (the same winner on every replica) and edits of different things
// never meet. Pages and articles are records: an entry `<id>` (its place) and one entry per field
// `<id>.<field>`, so a page's section and its guides, or an article's status and its slug, are
// different things.
import * as Y from 'yjs';
import type {
  Article,
  ArticleComment,
  Asset,
  Block,
  Edition,
  Page,
  Placement,
} from '../../engine/model/types';
import { assignOrders, byOrder } from './order';
import { blocksToCopy, copyToBlocks } from './copy-doc';

/** One value in the layout document: `by` is the login that wrote it, `o` its place in its list. */
export interface Entry<T = unknown> {
  by: string;
  v: T;
  o?: number;
}

export type PageMeta = Omit<Page, 'placements'>;
export interface PlacementValue {
  /** The page's id. */
  page: string;
  placement: Placement;
}
export interface ArticleMeta {
  slug: string;
  status: Article['status'];
  /** Login of the article's editor (责任编辑): may change its copy after 定稿. Kept by the server. */
  editor?: string;
}
export type AssetMeta = Omit<Asset, 'data'>;

/** The layout document's top-level maps. */
export const LAYOUT_MAPS = [
  'edition',
  'pages',
  'placements',
  'articles',
  'comments',
  'assets',
  'signoff',
] as const;
export type LayoutMap = (typeof LAYOUT_MAPS)[number];

/** Edition fields kept in the `edition` map, each one entry. */
export const EDITION_FIELDS = [
  'schemaVersion',
  'id',
  'paper',
  'date',
  'issue',
  'totalIssue',
  'styles',
  'fonts',
] as const;

/** The `edition` map's key saying the edition has a comment list. */
export const COMMENTS_MARK = 'comments';

/** Who writes when an edition is first turned into documents (publishing). */
export const SYSTEM = 'system';

export const layoutMap = (doc: Y.Doc, name: LayoutMap): Y.Map<Entry> => doc.getMap<Entry>(name);

/** The key of a placement: its article, and which part of the article it is (0, then 1 … for 转版 parts in page order). */
export const placementKey = (article: string, part: number): string => `${article}#${part}`;
export const placementArticle = (key: string): string => key.slice(0, key.lastIndexOf('#'));

/** A write to the layout document: which map, which key, the entry written (undefined: deleted). */
export interface Written {
  map: LayoutMap;
  key: string;
  entry: Entry | undefined;
}

/** The maps that hold records (`<id>` and `<id>.<field>` entries) rather than whole values. */
export const RECORD_MAPS: readonly LayoutMap[] = ['pages', 'articles'];
export const fieldKey = (id: string, field: string): string => `${id}.${field}`;
/** A record map's key as record id and field (no field: the record's own entry, holding its place). */
export function splitKey(key: string): { id: string; field?: string } {
  const dot = key.indexOf('.');
  return dot < 0 ? { id: key } : { id: key.slice(0, dot), field: key.slice(dot + 1) };
}
/** The fields a record may have. */
export const RECORD_FIELDS: Partial<Record<LayoutMap, ReadonlySet<string>>> = {
  pages: new Set(['number', 'section', 'template', 'rules', 'autoRules', 'ads', 'guides', 'editor']),
  articles: new Set(['slug', 'status', 'editor']),
};
/** Fields the app's edition does not hold, kept while their record lives: an article's or a page's 责任编辑. */
const KEPT_FIELDS = new Set(['editor']);

interface Wanted {
  map: LayoutMap;
  items: { key: string; v: unknown; ordered?: boolean }[];
}

function record(id: string, fields: Record<string, unknown>): Wanted['items'] {
  return [
    { key: id, v: id, ordered: true },
    ...Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([f, v]) => ({ key: fieldKey(id, f), v })),
  ];
}

function wantedLayout(edition: Edition): Wanted[] {
  const ed = edition as unknown as Record<string, unknown>;
  const fields: Wanted['items'] = EDITION_FIELDS.filter((f) => ed[f] !== undefined).map((f) => ({
    key: f,
    v: ed[f],
  }));
  // An edition's comment list, even empty, is kept as it was: `comments` in the edition map says it has one.
  if (edition.comments) fields.push({ key: COMMENTS_MARK, v: true });
  const pages = edition.pages.flatMap(({ placements: _p, id, ...meta }) => record(id, meta));
  const parts = new Map<string, number>();
  const placements: Wanted['items'] = [];
  for (const page of edition.pages)
    for (const placement of page.placements) {
      const part = parts.get(placement.article) ?? 0;
      parts.set(placement.article, part + 1);
      const v: PlacementValue = { page: page.id, placement };
      placements.push({ key: placementKey(placement.article, part), v, ordered: true });
    }
  const articles = edition.articles.flatMap((a) => record(a.id, { slug: a.slug, status: a.status }));
  const assets = edition.assets.map(({ data: _d, ...meta }) => ({ key: meta.id, v: meta, ordered: true }));
  const comments = (edition.comments ?? []).map((c) => ({ key: c.id, v: c, ordered: true }));
  return [
    { map: 'edition', items: fields },
    { map: 'pages', items: pages },
    { map: 'placements', items: placements },
    { map: 'articles', items: articles },
    { map: 'assets', items: assets },
    { map: 'comments', items: comments },
  ];
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Writes the app's edition into the layout document: only the entries whose value or place changed,
 * and deletes the ones the edition no longer has, in one transaction (origin `by`). Page 签发 (the
 * `signoff` map) and an article's `editor` are kept. Returns what was written, for `overwrittenBy`.
 */
export function applyEditionToLayout(layout: Y.Doc, edition: Edition, by: string): Written[] {
  const written: Written[] = [];
  layout.transact(() => {
    for (const want of wantedLayout(edition)) {
      const map = layoutMap(layout, want.map);
      const existing = new Map<string, number>();
      for (const [k, e] of map) if (typeof e.o === 'number') existing.set(k, e.o);
      const orders = assignOrders(
        want.items.filter((i) => i.ordered).map((i) => i.key),
        existing,
      );
      const keys = new Set<string>();
      for (const { key, v } of want.items) {
        keys.add(key);
        const old = map.get(key);
        const o = orders.get(key);
        if (old && same(old.v, v) && old.o === o) continue;
        const entry: Entry = o === undefined ? { by, v } : { by, v, o };
        map.set(key, entry);
        written.push({ map: want.map, key, entry });
      }
      const records = RECORD_MAPS.includes(want.map);
      for (const key of [...map.keys()]) {
        if (keys.has(key)) continue;
        const { id, field } = splitKey(key);
        if (records && field && KEPT_FIELDS.has(field) && keys.has(id)) continue;
        map.delete(key);
        written.push({ map: want.map, key, entry: undefined });
      }
    }
  }, by);
  return written;
}

/** The edition's documents: the layout and one copy document per article. */
export function editionToDocs(edition: Edition, by = SYSTEM): { layout: Y.Doc; copies: Map<string, Y.Doc> } {
  const layout = new Y.Doc();
  applyEditionToLayout(layout, edition, by);
  const copies = new Map(edition.articles.map((a) => [a.id, blocksToCopy(a.blocks)]));
  return { layout, copies };
}

/** A map's entries in their order (for a record map: its records' own entries). */
export function orderedEntries<T>(
  layout: Y.Doc,
  name: LayoutMap,
): { key: string; v: T; by: string; o: number }[] {
  const items = [...layoutMap(layout, name)]
    .filter(([key]) => !RECORD_MAPS.includes(name) || !splitKey(key).field)
    .map(([key, e]) => ({ key, v: e.v as T, by: e.by, o: e.o ?? 0 }));
  return byOrder(items);
}

/** A record map's records in their order, each with its fields' values (fields of a deleted record are not read). */
export function records(layout: Y.Doc, name: LayoutMap): { id: string; fields: Record<string, unknown> }[] {
  const fields = new Map<string, Record<string, unknown>>();
  for (const [key, e] of layoutMap(layout, name)) {
    const { id, field } = splitKey(key);
    if (!field) continue;
    const f = fields.get(id) ?? {};
    f[field] = e.v;
    fields.set(id, f);
  }
  return orderedEntries(layout, name).map(({ key }) => ({ id: key, fields: fields.get(key) ?? {} }));
}

/** An article's slug, status and 责任编辑 as the layout document holds them. */
export function articleMeta(layout: Y.Doc, id: string): Partial<ArticleMeta> | undefined {
  const map = layoutMap(layout, 'articles');
  if (!map.has(id)) return undefined;
  const field = (f: string): unknown => map.get(fieldKey(id, f))?.v;
  return {
    slug: field('slug') as string | undefined,
    status: field('status') as ArticleMeta['status'] | undefined,
    editor: field('editor') as string | undefined,
  };
}

/** An article as editors name it: 《稿名》. */
export const slugOf = (layout: Y.Doc | null, id: string): string =>
  `《${(layout && articleMeta(layout, id)?.slug) || id}》`;

/** A page as editors name it: 第3版, or 第?版 when it is gone. */
export const pageLabel = (layout: Y.Doc, id: string): string =>
  `第${(layoutMap(layout, 'pages').get(fieldKey(id, 'number'))?.v as number | undefined) ?? '?'}版`;

/**
 * The edition the documents hold. Photo bytes are not in the documents: `photoData` gives an asset's
 * base64 data by id (the server's store by content hash; '' when unknown). A copy document missing
 * for an article gives it no blocks.
 */
export function docsToEdition(
  layout: Y.Doc,
  copies: ReadonlyMap<string, Y.Doc>,
  photoData: (id: string) => string | undefined = () => undefined,
): Edition {
  const fields = layoutMap(layout, 'edition');
  const edition: Record<string, unknown> = {};
  for (const f of EDITION_FIELDS) {
    const e = fields.get(f);
    if (e) edition[f] = e.v;
  }
  const placements = orderedEntries<PlacementValue>(layout, 'placements');
  const pages: Page[] = records(layout, 'pages').map(({ id, fields }) => {
    const { number, section, template, rules, autoRules, ads, guides } = fields as Partial<PageMeta>;
    // The model's key order, as the loader writes it.
    const page = { id, number, section, template } as Page;
    page.placements = placements.filter((p) => p.v.page === id).map((p) => p.v.placement);
    if (rules !== undefined) page.rules = rules;
    if (autoRules !== undefined) page.autoRules = autoRules;
    if (ads !== undefined) page.ads = ads;
    if (guides !== undefined) page.guides = guides;
    return page;
  });
  const articles: Article[] = records(layout, 'articles').map(({ id, fields }) => {
    const copy = copies.get(id);
    const blocks: Block[] = copy ? copyToBlocks(copy) : [];
    return { id, slug: fields.slug, status: fields.status, blocks } as Article;
  });
  const assets: Asset[] = orderedEntries<AssetMeta>(layout, 'assets').map(({ v }) => ({
    ...v,
    data: photoData(v.id) ?? '',
  }));
  const comments = orderedEntries<ArticleComment>(layout, 'comments').map(({ v }) => v);
  const out = { ...edition, pages, articles, assets } as unknown as Edition;
  if (comments.length || fields.get(COMMENTS_MARK) !== undefined) out.comments = comments;
  return out;
}
