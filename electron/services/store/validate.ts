// Structural guard for single edits, so a malformed block is refused before it reaches the database.
// Whole editions go through the model's own validateEdition (engine/model/validate.ts).
import type { Block } from '../../../engine/model/types';
import { EditError } from './errors';
import { ARTICLE_STATUSES } from '../../../engine/model/status';
import { BLOCK_TYPES as BLOCK_TYPE_LIST } from '../../../engine/model/validate';

const BLOCK_TYPES = new Set<string>(BLOCK_TYPE_LIST);
const STATUSES = new Set<string>(ARTICLE_STATUSES);

function fail(where: string, what: string): never {
  throw new EditError(`${where}: ${what}`);
}

export function checkBlocks(blocks: unknown, where: string): asserts blocks is Block[] {
  if (!Array.isArray(blocks)) fail(where, 'blocks must be a list');
  blocks.forEach((b, i) => {
    const at = `${where}, block ${i + 1}`;
    if (!b || typeof b !== 'object') fail(at, 'not a block');
    const blk = b as Record<string, unknown>;
    if (typeof blk.type !== 'string' || !BLOCK_TYPES.has(blk.type))
      fail(at, `unknown block type ${JSON.stringify(blk.type)}`);
    if (!Array.isArray(blk.children)) fail(at, 'children must be a list of text leaves');
    for (const leaf of blk.children as unknown[]) {
      if (!leaf || typeof (leaf as { text?: unknown }).text !== 'string') fail(at, 'a text leaf has no text');
    }
    if (blk.type === 'photo' && blk.asset !== null && typeof blk.asset !== 'string')
      fail(at, 'photo asset must be an id or null');
  });
}

export function checkStatus(status: unknown, where: string): void {
  if (typeof status !== 'string' || !STATUSES.has(status))
    fail(where, `unknown status ${JSON.stringify(status)}`);
}
