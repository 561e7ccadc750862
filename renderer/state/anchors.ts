// Comments (批注) follow the words they are about. An anchor counts UTF-16 units of one block's text,
// as the layout's SourceRefs do, so every Slate operation that touches the article is replayed on the
// anchors as it is applied: text typed or cut before a phrase shifts it, a cut inside shrinks it,
// paragraphs split or merged carry it to their new index and offset. Anchors behave like Slate's own
// selection (inward: text typed at either edge stays outside). Splitting a leaf for bold or emphasis
// changes no block offset and so moves nothing. When every word of a phrase is cut, the comment is
// kept, detached, with the words it had and the place they were.
import { createEditor, Path, Transforms, type Descendant, type Operation } from 'slate';
import type { ArticleComment, Block } from '../../engine/model/types';

type Node = { text?: string; children?: Node[] };

function textLength(n: Node | undefined): number {
  if (!n) return 0;
  if (typeof n.text === 'string') return n.text.length;
  let s = 0;
  for (const c of n.children ?? []) s += textLength(c);
  return s;
}

function nodeText(n: Node | undefined): string {
  if (!n) return '';
  if (typeof n.text === 'string') return n.text;
  return (n.children ?? []).map(nodeText).join('');
}

/** Block offset of a position inside a block: the text of every node before `path` (below the block) plus `offset`. */
function offsetIn(blocks: readonly Node[], path: Path, offset = 0): number {
  let node = blocks[path[0]];
  let n = 0;
  for (let d = 1; d < path.length && node; d++) {
    const kids = node.children ?? [];
    for (let i = 0; i < path[d] && i < kids.length; i++) n += textLength(kids[i]);
    node = kids[path[d]];
  }
  return n + offset;
}

/** A live anchor while operations run: the block, and start/end in that block's text. */
interface Span {
  block: number;
  start: number;
  end: number;
}

/** Start moves with text typed exactly at it (forward), end does not (backward): inward, as Slate ranges. */
function insertAt(s: Span, block: number, pos: number, len: number): void {
  if (block !== s.block || !len) return;
  const collapsed = s.start === s.end;
  if (pos <= s.start) s.start += len;
  if (pos < s.end || (collapsed && pos <= s.end)) s.end += len;
}

function removeAt(s: Span, block: number, pos: number, len: number): void {
  if (block !== s.block || !len) return;
  const cut = (p: number) => (p <= pos ? p : p >= pos + len ? p - len : pos);
  s.start = cut(s.start);
  s.end = cut(s.end);
}

/**
 * One operation on one anchor, with the article's blocks as they were before the operation. Returns
 * the new span, or null when the anchor's block is gone.
 */
function transformSpan(s: Span, op: Operation, before: readonly Node[]): Span | null {
  switch (op.type) {
    case 'insert_text':
      insertAt(s, op.path[0], offsetIn(before, op.path, op.offset), op.text.length);
      return s;
    case 'remove_text':
      removeAt(s, op.path[0], offsetIn(before, op.path, op.offset), op.text.length);
      return s;
    case 'insert_node':
      if (op.path.length === 1) {
        s.block = Path.transform([s.block], op)![0];
        return s;
      }
      insertAt(s, op.path[0], offsetIn(before, op.path), textLength(op.node as Node));
      return s;
    case 'remove_node':
      if (op.path.length === 1) {
        if (op.path[0] === s.block) return null;
        s.block = Path.transform([s.block], op)![0];
        return s;
      }
      removeAt(s, op.path[0], offsetIn(before, op.path), textLength(op.node as Node));
      return s;
    case 'split_node': {
      // Below the block (a leaf split for bold or emphasis): the block's text is unchanged.
      if (op.path.length !== 1) return s;
      const b = op.path[0];
      if (s.block > b) {
        s.block++;
        return s;
      }
      if (s.block < b) return s;
      const at = offsetIn(before, [b, op.position]);
      const collapsed = s.start === s.end;
      // The start goes with the new paragraph when the split is exactly at it; a phrase cut in two keeps its first part.
      if (s.start >= at && (s.start > at || !collapsed || s.end > at)) {
        return { block: b + 1, start: s.start - at, end: s.end - at };
      }
      s.end = Math.min(s.end, at);
      return s;
    }
    case 'merge_node': {
      if (op.path.length !== 1) return s;
      const b = op.path[0];
      if (s.block === b)
        return {
          block: b - 1,
          start: s.start + textLength(before[b - 1]),
          end: s.end + textLength(before[b - 1]),
        };
      if (s.block > b) s.block--;
      return s;
    }
    case 'move_node': {
      if (op.path.length === 1) {
        s.block = Path.transform([s.block], op)![0];
        return s;
      }
      // A leaf moved: its text leaves one place and arrives at another.
      const moved = textLength(nodeAt(before, op.path));
      removeAt(s, op.path[0], offsetIn(before, op.path), moved);
      const to = Path.transform(op.path, op)!;
      if (to.length > 1) insertAt(s, to[0], offsetIn(applied(before, op), to), moved);
      return s;
    }
    default:
      // set_node (block kind, bold, emphasis) and set_selection leave the text where it is.
      return s;
  }
}

function nodeAt(blocks: readonly Node[], path: Path): Node | undefined {
  let node: Node | undefined = { children: blocks as Node[] };
  for (const i of path) node = node?.children?.[i];
  return node;
}

function applied(blocks: readonly Node[], op: Operation): Node[] {
  const e = createEditor();
  e.children = blocks as unknown as Descendant[];
  Transforms.transform(e, op);
  return e.children as unknown as Node[];
}

/**
 * The comments of one article carried through operations applied to its blocks (`before` is the tree
 * the first operation applies to). Comments the operations leave where they were come back as the
 * same objects, so callers can tell which changed by identity. Pure: nothing is normalised or laid out.
 */
export function transformComments(
  comments: readonly ArticleComment[],
  before: readonly Block[],
  ops: readonly Operation[],
): ArticleComment[] {
  const live = comments.filter((c) => c.anchor);
  if (!live.length || !ops.some((op) => op.type !== 'set_selection' && op.type !== 'set_node'))
    return [...comments];
  const spans = new Map<string, Span | null>();
  const quotes = new Map<string, { block: number; offset: number; quote: string }>();
  const step = (tree: readonly Node[], f: (s: Span) => Span | null) => {
    for (const [id, s] of spans) {
      if (!s) continue;
      const next = f({ ...s });
      if (!next || (next.start === next.end && s.end > s.start)) {
        // Every word it was about is gone: kept, detached, with those words and where they stood.
        const a = comments.find((c) => c.id === id)!.anchor!;
        const quote = nodeText((before as readonly Node[])[a.block]).slice(a.offset, a.offset + a.length);
        quotes.set(id, {
          block: next?.block ?? Math.max(0, Math.min(s.block, tree.length - 2)),
          offset: next?.start ?? 0,
          quote,
        });
        spans.set(id, null);
      } else spans.set(id, next);
    }
  };
  for (const c of live)
    spans.set(c.id, {
      block: c.anchor!.block,
      start: c.anchor!.offset,
      end: c.anchor!.offset + c.anchor!.length,
    });
  let tree = before as readonly Node[];
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    if (op.type === 'set_selection') continue;
    const next = ops[i + 1];
    if (
      op.type === 'remove_node' &&
      op.path.length === 1 &&
      next?.type === 'insert_node' &&
      Path.equals(next.path, op.path)
    ) {
      // A block replaced whole (a proof mark accepted): only the text between the common head and tail changed.
      const was = nodeText(op.node as Node);
      const now = nodeText(next.node as Node);
      let head = 0;
      while (head < was.length && head < now.length && was[head] === now[head]) head++;
      let tail = 0;
      while (
        tail < was.length - head &&
        tail < now.length - head &&
        was[was.length - 1 - tail] === now[now.length - 1 - tail]
      )
        tail++;
      step(tree, (s) => {
        removeAt(s, op.path[0], head, was.length - head - tail);
        insertAt(s, op.path[0], head, now.length - head - tail);
        return s;
      });
      tree = applied(applied(tree, op), next);
      i++;
      continue;
    }
    if (op.type !== 'set_node') step(tree, (s) => transformSpan(s, op, tree));
    if (i < ops.length - 1) tree = applied(tree, op);
  }
  return comments.map((c) => {
    if (!c.anchor) return c;
    const s = spans.get(c.id);
    if (s === null) {
      const { anchor: _a, ...rest } = c;
      return { ...rest, detached: quotes.get(c.id)! };
    }
    if (!s) return c;
    const a = c.anchor;
    if (a.block === s.block && a.offset === s.start && a.length === s.end - s.start) return c;
    return { ...c, anchor: { block: s.block, offset: s.start, length: s.end - s.start } };
  });
}
