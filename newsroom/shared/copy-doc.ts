// An article's copy as a Yjs document: one root Y.XmlText named `content` holding one embedded
// Y.XmlText per block, exactly as @slate-yjs/core builds it (block properties as attributes, text
// leaves' marks as formatting), so `withYjs(editor, doc.get('content', Y.XmlText))` edits it.
// `applyBlocksToCopy` writes the app's blocks into it with the smallest change, so what others type
// concurrently elsewhere in the article, or elsewhere in the same paragraph, survives the merge.
import * as Y from 'yjs';
import { slateNodesToInsertDelta, yTextToSlateElement } from '@slate-yjs/core';
import type { Block, TextLeaf } from '../../engine/model/types';

export const COPY_ROOT = 'content';

export const copyContent = (doc: Y.Doc): Y.XmlText => doc.get(COPY_ROOT, Y.XmlText) as Y.XmlText;

type Attrs = Record<string, unknown>;

export function blocksToCopy(blocks: Block[]): Y.Doc {
  const doc = new Y.Doc();
  copyContent(doc).applyDelta(slateNodesToInsertDelta(blocks), { sanitize: false });
  return doc;
}

export function copyToBlocks(doc: Y.Doc): Block[] {
  const nodes: object[] = yTextToSlateElement(copyContent(doc)).children;
  return nodes.filter((n) => 'children' in n) as Block[];
}

function blockTexts(content: Y.XmlText): Y.XmlText[] {
  return (content.toDelta() as { insert: unknown }[])
    .map((d) => d.insert)
    .filter((x): x is Y.XmlText => x instanceof Y.XmlText);
}

/** The block's properties (everything but its children). */
function props(block: Block): Attrs {
  const { children: _c, ...rest } = block;
  return rest;
}

function marks(leaf: TextLeaf): Attrs {
  const { text: _t, ...rest } = leaf;
  return rest;
}

const json = (x: unknown): string => JSON.stringify(x);

/** Per UTF-16 unit of the block's text, the JSON of its marks. */
function unitMarks(leaves: { text: string; attrs: Attrs }[]): {
  text: string;
  marks: string[];
  attrs: Attrs[];
} {
  let text = '';
  const m: string[] = [];
  const a: Attrs[] = [];
  for (const l of leaves) {
    text += l.text;
    const key = json(sortKeys(l.attrs));
    for (let i = 0; i < l.text.length; i++) {
      m.push(key);
      a.push(l.attrs);
    }
  }
  return { text, marks: m, attrs: a };
}

function sortKeys(o: Attrs): Attrs {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function currentLeaves(y: Y.XmlText): { text: string; attrs: Attrs }[] {
  return (y.toDelta() as { insert: unknown; attributes?: Attrs }[])
    .filter((d) => typeof d.insert === 'string')
    .map((d) => ({ text: d.insert as string, attrs: d.attributes ?? {} }));
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** Makes one block's Y.XmlText hold `block`: common prefix and suffix kept, the middle replaced, marks and properties set. */
function updateBlock(y: Y.XmlText, block: Block): void {
  const before = unitMarks(currentLeaves(y));
  const after = unitMarks(block.children.map((l) => ({ text: l.text, attrs: marks(l) })));
  const a = before.text;
  const b = after.text;
  let p = 0;
  const max = Math.min(a.length, b.length);
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  if (p > 0 && p < max && isHigh(a.charCodeAt(p - 1))) p--;
  let s = 0;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  if (s > 0 && s < max - p && isLow(a.charCodeAt(a.length - s))) s--;
  if (a.length - p - s > 0) y.delete(p, a.length - p - s);
  if (b.length - p - s > 0) {
    // Inserted with the marks of its first unit; `format` below sets the rest.
    y.insert(p, b.slice(p, b.length - s), { ...after.attrs[p] });
  }
  // Marks: every run whose marks differ from the wanted ones is formatted, removed marks as null.
  const now = unitMarks(currentLeaves(y));
  let i = 0;
  while (i < b.length) {
    if (now.marks[i] === after.marks[i]) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < b.length && now.marks[j] !== after.marks[j] && after.marks[j] === after.marks[i]) j++;
    const set: Attrs = { ...after.attrs[i] };
    for (const k of Object.keys(now.attrs[i] ?? {})) if (!(k in set)) set[k] = null;
    y.format(i, j - i, set);
    i = j;
  }
  const want = props(block);
  const have = y.getAttributes() as Attrs;
  for (const [k, v] of Object.entries(want)) if (json(have[k]) !== json(v)) y.setAttribute(k, v as never);
  for (const k of Object.keys(have)) if (!(k in want)) y.removeAttribute(k);
}

function insertBlocks(content: Y.XmlText, at: number, blocks: Block[]): void {
  if (!blocks.length) return;
  content.applyDelta([...(at ? [{ retain: at }] : []), ...slateNodesToInsertDelta(blocks)], {
    sanitize: false,
  });
}

/**
 * Writes `blocks` into the copy document with the smallest change: blocks equal at the start and end
 * are left alone; of the rest, blocks are paired from the start (a split keeps its first part in the
 * old block, a merge keeps the first block) and each pair changed by its text's common prefix and
 * suffix, marks and properties; the unpaired ones inserted or deleted. One transaction.
 */
export function applyBlocksToCopy(copy: Y.Doc, blocks: Block[], origin: unknown = null): void {
  const content = copyContent(copy);
  copy.transact(() => {
    const ys = blockTexts(content);
    const old = ys.map((y) => json(yTextToSlateElement(y)));
    const neu = blocks.map((b) => json(b));
    let p = 0;
    while (p < old.length && p < neu.length && old[p] === neu[p]) p++;
    let s = 0;
    while (s < old.length - p && s < neu.length - p && old[old.length - 1 - s] === neu[neu.length - 1 - s])
      s++;
    const oldMid = old.length - p - s;
    const newMid = neu.length - p - s;
    const paired = Math.min(oldMid, newMid);
    for (let i = 0; i < paired; i++) updateBlock(ys[p + i], blocks[p + i]);
    if (oldMid > paired) content.delete(p + paired, oldMid - paired);
    else insertBlocks(content, p + paired, blocks.slice(p + paired, p + newMid));
  }, origin);
}
