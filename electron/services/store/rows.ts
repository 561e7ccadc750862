// Rows of an edition file and the model's values they hold: articles, revisions, comments' places,
// photos' content hashes, working names.
import { createHash } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Article, ArticleComment, ArticleStatus, Block } from '../../../engine/model/types';
import { blocksChars } from '../../../engine/text/count';
import type { RevisionInfo } from './types';

export const DEFAULT_REVISION_INTERVAL = 10 * 60_000;

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function defaultAuthor(): string {
  try {
    return userInfo().username || 'editor';
  } catch {
    return 'editor';
  }
}

/** The working name of an article: its headline, else the start of its first text. */
export function slugOf(blocks: Block[], fallback = ''): string {
  const head =
    blocks.find((b) => b.type === 'headline') ??
    blocks.find((b) => b.type !== 'photo' && b.children.some((c) => c.text.trim()));
  const text = head
    ? head.children
        .map((c) => c.text)
        .join('')
        .trim()
    : '';
  if (!text) return fallback;
  const chars = Array.from(text);
  return chars.length > 24 ? chars.slice(0, 24).join('') + '…' : text;
}

export interface ArticleRow {
  id: string;
  position: number;
  slug: string;
  status: string;
  blocks: string;
  updated_at: string | null;
  updated_by?: string | null;
}

export interface RevRow {
  id: number;
  article_id: string;
  at: string;
  author: string;
  note: string;
  slug: string;
  blocks: string;
}

export function revInfo(r: RevRow): RevisionInfo {
  const blocks = JSON.parse(r.blocks) as Block[];
  return {
    id: r.id,
    article: r.article_id,
    at: r.at,
    author: r.author,
    note: r.note,
    slug: r.slug,
    chars: blocksChars(blocks),
  };
}

export function rowToArticle(r: ArticleRow): Article {
  return { id: r.id, slug: r.slug, status: r.status as ArticleStatus, blocks: JSON.parse(r.blocks) };
}

// A comment's place in its article, in the `anchor` column as JSON: the anchored words, or — once every
// word was cut — `{ detached: { block, offset, quote } }`, so a detached comment keeps its quote.
export function commentPlaceColumn(c: Pick<ArticleComment, 'anchor' | 'detached'>): string | null {
  if (c.anchor) return JSON.stringify(c.anchor);
  if (c.detached) return JSON.stringify({ detached: c.detached });
  return null;
}

export function placeOfComment(column: string | null): Pick<ArticleComment, 'anchor' | 'detached'> {
  if (!column) return {};
  const place = JSON.parse(column) as
    ArticleComment['anchor'] | { detached: NonNullable<ArticleComment['detached']> };
  return place && 'detached' in place ? { detached: place.detached } : { anchor: place };
}
