// Structural guard for what enters an edition file, so a malformed edit or JSON edition is refused before
// it reaches the database. It checks shape only; layout rules belong to the model's own validation.
import type { Block, Edition } from '../../../engine/model/types';
import { EditError } from './errors';

const BLOCK_TYPES = new Set(['kicker', 'headline', 'subhead', 'dateline', 'paragraph', 'crosshead', 'byline', 'source', 'photo']);
const STATUSES = new Set(['draft', 'edited', 'proofed', 'final']);

function fail(where: string, what: string): never {
  throw new EditError(`${where}: ${what}`);
}

export function checkBlocks(blocks: unknown, where: string): asserts blocks is Block[] {
  if (!Array.isArray(blocks)) fail(where, 'blocks must be a list');
  blocks.forEach((b, i) => {
    const at = `${where}, block ${i + 1}`;
    if (!b || typeof b !== 'object') fail(at, 'not a block');
    const blk = b as Record<string, unknown>;
    if (typeof blk.type !== 'string' || !BLOCK_TYPES.has(blk.type)) fail(at, `unknown block type ${JSON.stringify(blk.type)}`);
    if (!Array.isArray(blk.children)) fail(at, 'children must be a list of text leaves');
    for (const leaf of blk.children as unknown[]) {
      if (!leaf || typeof (leaf as { text?: unknown }).text !== 'string') fail(at, 'a text leaf has no text');
    }
    if (blk.type === 'photo' && blk.asset !== null && typeof blk.asset !== 'string') fail(at, 'photo asset must be an id or null');
  });
}

export function checkStatus(status: unknown, where: string): void {
  if (typeof status !== 'string' || !STATUSES.has(status)) fail(where, `unknown status ${JSON.stringify(status)}`);
}

function isObj(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Checks a whole edition (as read from JSON) and returns it typed; throws EditError naming the first problem. */
export function checkEdition(e: unknown): Edition {
  if (!isObj(e)) fail('edition', 'not a JSON object');
  if (typeof e.id !== 'string' || !e.id) fail('edition', 'missing id');
  if (!isObj(e.paper) || typeof e.paper.name !== 'string') fail('edition', 'missing paper name');
  if (typeof e.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(e.date)) fail('edition', `date must be YYYY-MM-DD, got ${JSON.stringify(e.date)}`);
  if (!Array.isArray(e.pages) || !Array.isArray(e.articles) || !Array.isArray(e.assets)) fail('edition', 'pages, articles and assets must be lists');
  const articleIds = new Set<string>();
  for (const a of e.articles as unknown[]) {
    if (!isObj(a) || typeof a.id !== 'string' || !a.id) fail('edition', 'an article has no id');
    if (articleIds.has(a.id)) fail(`article ${a.id}`, 'duplicate id');
    articleIds.add(a.id);
    checkStatus(a.status, `article ${a.id}`);
    checkBlocks(a.blocks, `article ${a.id}`);
  }
  const assetIds = new Set<string>();
  for (const s of e.assets as unknown[]) {
    if (!isObj(s) || typeof s.id !== 'string') fail('edition', 'an asset has no id');
    if (s.mime !== 'image/jpeg' && s.mime !== 'image/png') fail(`asset ${s.id}`, `unsupported type ${JSON.stringify(s.mime)}`);
    if (typeof s.data !== 'string') fail(`asset ${s.id}`, 'no data');
    assetIds.add(s.id);
  }
  const pageIds = new Set<string>();
  for (const p of e.pages as unknown[]) {
    if (!isObj(p) || typeof p.id !== 'string') fail('edition', 'a page has no id');
    if (pageIds.has(p.id)) fail(`page ${p.id}`, 'duplicate id');
    pageIds.add(p.id);
    if (typeof p.number !== 'number' || typeof p.template !== 'string') fail(`page ${p.id}`, 'needs a number and a template');
    if (!Array.isArray(p.placements)) fail(`page ${p.id}`, 'placements must be a list');
    for (const pl of p.placements as unknown[]) {
      if (!isObj(pl) || typeof pl.article !== 'string') fail(`page ${p.id}`, 'a placement names no article');
      if (!articleIds.has(pl.article)) fail(`page ${p.id}`, `placement of unknown article ${pl.article}`);
    }
  }
  for (const a of e.articles as { id: string; blocks: Block[] }[]) {
    for (const b of a.blocks) {
      if (b.type === 'photo' && b.asset !== null && !assetIds.has(b.asset)) fail(`article ${a.id}`, `photo of unknown asset ${b.asset}`);
    }
  }
  return e as unknown as Edition;
}
