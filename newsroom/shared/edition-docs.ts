// An edition as the newsroom's shared Yjs documents and back (the shape is in docs/ARCHITECTURE.md,
// "Newsroom documents"): one layout document for pages, placements, the article list, comments and
// photo metadata; one copy document per article holding its Slate blocks as @slate-yjs/core does.
// Every value in the layout document is an entry {by, v, o?}: who wrote it, the JSON value, and for
// listed items a fractional order. Writing an entry replaces it whole, so concurrent edits of one
// thing resolve by Yjs's map rule (the same winner on every replica) and edits of different things
// never meet.
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
const EDITION_FIELDS = [
  'schemaVersion',
  'id',
  'paper',
  'date',
  'issue',
  'totalIssue',
  'styles',
  'fonts',
] as const;

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

interface Wanted {
  map: LayoutMap;
  items: { key: string; v: unknown }[];
  ordered: boolean;
}

function wantedLayout(edition: Edition, layout: Y.Doc): Wanted[] {
  const ed = edition as unknown as Record<string, unknown>;
  const fields = EDITION_FIELDS.filter((f) => ed[f] !== undefined).map((f) => ({ key: f, v: ed[f] }));
  const pages = edition.pages.map(({ placements: _p, ...meta }) => ({ key: meta.id, v: meta }));
  const parts = new Map<string, number>();
  const placements: { key: string; v: PlacementValue; page: string }[] = [];
  for (const page of edition.pages)
    for (const placement of page.placements) {
      const part = parts.get(placement.article) ?? 0;
      parts.set(placement.article, part + 1);
      placements.push({
        key: placementKey(placement.article, part),
        v: { page: page.id, placement },
        page: page.id,
      });
    }
  const held = layoutMap(layout, 'articles');
  const articles = edition.articles.map((a) => {
    const editor = (held.get(a.id)?.v as ArticleMeta | undefined)?.editor;
    const v: ArticleMeta = { slug: a.slug, status: a.status };
    if (editor !== undefined) v.editor = editor;
    return { key: a.id, v };
  });
  const assets = edition.assets.map(({ data: _d, ...meta }) => ({ key: meta.id, v: meta }));
  const comments = (edition.comments ?? []).map((c) => ({ key: c.id, v: c }));
  return [
    { map: 'edition', items: fields, ordered: false },
    { map: 'pages', items: pages, ordered: true },
    { map: 'placements', items: placements, ordered: true },
    { map: 'articles', items: articles, ordered: true },
    { map: 'assets', items: assets, ordered: true },
    { map: 'comments', items: comments, ordered: true },
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
    for (const want of wantedLayout(edition, layout)) {
      const map = layoutMap(layout, want.map);
      let orders: Map<string, number> | undefined;
      if (want.ordered) {
        const existing = new Map<string, number>();
        for (const [k, e] of map) if (typeof e.o === 'number') existing.set(k, e.o);
        orders = assignOrders(
          want.items.map((i) => i.key),
          existing,
        );
      }
      const keys = new Set<string>();
      for (const { key, v } of want.items) {
        keys.add(key);
        const old = map.get(key);
        const o = orders?.get(key);
        if (old && same(old.v, v) && old.o === o) continue;
        const entry: Entry = o === undefined ? { by, v } : { by, v, o };
        map.set(key, entry);
        written.push({ map: want.map, key, entry });
      }
      for (const key of [...map.keys()])
        if (!keys.has(key)) {
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

/** A map's entries in their order. */
export function orderedEntries<T>(
  layout: Y.Doc,
  name: LayoutMap,
): { key: string; v: T; by: string; o: number }[] {
  const items = [...layoutMap(layout, name)].map(([key, e]) => ({ key, v: e.v as T, by: e.by, o: e.o ?? 0 }));
  return byOrder(items);
}

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
  const pages: Page[] = orderedEntries<PageMeta>(layout, 'pages').map(({ v }) => {
    const { rules, autoRules, ads, guides, ...rest } = v;
    const page: Page = {
      ...rest,
      placements: placements.filter((p) => p.v.page === v.id).map((p) => p.v.placement),
    };
    // Keep the model's key order: optional page fields after placements, as the loader writes them.
    if (rules !== undefined) page.rules = rules;
    if (autoRules !== undefined) page.autoRules = autoRules;
    if (ads !== undefined) page.ads = ads;
    if (guides !== undefined) page.guides = guides;
    return page;
  });
  const articles: Article[] = orderedEntries<ArticleMeta>(layout, 'articles').map(({ key, v }) => {
    const copy = copies.get(key);
    const blocks: Block[] = copy ? copyToBlocks(copy) : [];
    return { id: key, slug: v.slug, status: v.status, blocks };
  });
  const assets: Asset[] = orderedEntries<AssetMeta>(layout, 'assets').map(({ v }) => ({
    ...v,
    data: photoData(v.id) ?? '',
  }));
  const comments = orderedEntries<ArticleComment>(layout, 'comments').map(({ v }) => v);
  const out = { ...edition, pages, articles, assets } as unknown as Edition;
  if (comments.length || fields.get('comments') !== undefined) out.comments = comments;
  return out;
}
