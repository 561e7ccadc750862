// Applying accepted proof marks to articles. Each edit is checked against the text it was made on:
// a mark whose characters are no longer there is a conflict for the editor, never applied blindly.
import { blockText } from '../layout/runs';
import type { Article, Block, Edition, TextLeaf } from '../model/types';
import type { ProofMark } from './types';

export interface ProofConflict {
  mark: ProofMark;
  reason: string;
}

export interface ApplyResult {
  edition: Edition;
  /** Edits made, each with the offsets it was actually applied at (moved when the text had shifted). */
  applied: ProofMark[];
  conflicts: ProofConflict[];
  /** Queries, notes and rejected marks: for the editor to read, not edits. */
  notApplied: ProofMark[];
}

const isEdit = (m: ProofMark) => m.kind === 'delete' || m.kind === 'insert' || m.kind === 'replace';

/**
 * Where the mark's text stands now: at its own offsets if unchanged, else at the single place where
 * the text and its context occur together (the block was edited before the span); otherwise null.
 */
function locate(text: string, m: ProofMark): number | null {
  const here = text.slice(m.start, m.end) === m.text;
  const ctxHere =
    text.slice(Math.max(0, m.start - m.context.before.length), m.start) === m.context.before &&
    text.slice(m.end, m.end + m.context.after.length) === m.context.after;
  // An insertion has no text of its own: only its context can say it is still in the right place.
  if (here && (m.start !== m.end || ctxHere)) return m.start;
  const needle = m.context.before + m.text + m.context.after;
  if (!needle) return null;
  const at = text.indexOf(needle);
  if (at < 0 || text.indexOf(needle, at + 1) >= 0) return null;
  return at + m.context.before.length;
}

/** Replace [start, end) of a block's leaves with `insert`, which takes the formatting of the text it replaces or follows. */
export function spliceLeaves(children: TextLeaf[], start: number, end: number, insert: string): TextLeaf[] {
  const out: TextLeaf[] = [];
  let pos = 0;
  let placed = !insert;
  const clamp = (v: number, n: number) => Math.max(0, Math.min(v, n));
  for (const leaf of children) {
    const a = pos,
      n = leaf.text.length;
    pos += n;
    // The new text joins the leaf the edit begins in: the replaced text's, or for an insertion
    // the leaf before the point, as when typing there (the first leaf at the very start).
    const owns =
      start === end ? (start > a && start <= a + n) || (start === 0 && a === 0) : start >= a && start < a + n;
    let text = leaf.text.slice(0, clamp(start - a, n));
    if (!placed && owns) {
      text += insert;
      placed = true;
    }
    text += leaf.text.slice(clamp(end - a, n));
    out.push({ ...leaf, text });
  }
  if (!placed) out.push({ text: insert });
  // Empty leaves and neighbours with the same formatting merge, as the editor's normaliser does.
  const merged: TextLeaf[] = [];
  for (const l of out) {
    if (!l.text) continue;
    const prev = merged[merged.length - 1];
    if (prev && !!prev.bold === !!l.bold && !!prev.emphasis === !!l.emphasis) prev.text += l.text;
    else merged.push({ ...l });
  }
  return merged.length ? merged : [{ text: '' }];
}

type Range = { start: number; end: number };

/** Two edits that cannot both be applied as marked: shared characters, an insertion inside a
 * deletion, or two insertions at one point (which goes first?). Abutting edits are fine. */
function overlaps(p: Range, q: Range): boolean {
  const pi = p.start === p.end,
    qi = q.start === q.end;
  if (pi && qi) return p.start === q.start;
  if (pi) return q.start < p.start && p.start < q.end;
  if (qi) return p.start < q.start && q.start < p.end;
  return p.start < q.end && q.start < p.end;
}

/**
 * Applies the edit marks (delete, insert, replace) that are not rejected to a copy of the edition.
 * Within a block edits go from the end backwards so earlier offsets stay valid; two edits that
 * overlap are both conflicts, since no order of applying them is obviously what the reader meant.
 */
export function applyProofMarks(edition: Edition, marks: ProofMark[]): ApplyResult {
  const applied: ProofMark[] = [];
  const conflicts: ProofConflict[] = [];
  const notApplied = marks.filter((m) => !isEdit(m) || m.state === 'rejected');
  const edits = marks.filter((m) => isEdit(m) && m.state !== 'rejected');

  const byBlock = new Map<string, ProofMark[]>();
  for (const m of edits) {
    const k = `${m.article}\u0000${m.block}`;
    let list = byBlock.get(k);
    if (!list) byBlock.set(k, (list = []));
    list.push(m);
  }

  const articles = new Map<string, Article>();
  for (const [, list] of byBlock) {
    const { article: id, block: index } = list[0];
    const article = articles.get(id) ?? edition.articles.find((a) => a.id === id);
    if (!article) {
      for (const m of list) conflicts.push({ mark: m, reason: `the edition has no article ${id}` });
      continue;
    }
    const block = article.blocks[index];
    if (!block) {
      for (const m of list) conflicts.push({ mark: m, reason: `article ${id} has no block ${index + 1}` });
      continue;
    }
    const text = blockText(block.children);

    const placed: { m: ProofMark; start: number; end: number }[] = [];
    for (const m of list) {
      const at = locate(text, m);
      if (at === null) {
        const now = text.slice(m.start, m.end);
        conflicts.push({
          mark: m,
          reason:
            m.start === m.end
              ? `the text around the insertion point has changed (expected …${m.context.before}|${m.context.after}…)`
              : `the marked text「${m.text}」now reads「${now}」`,
        });
      } else placed.push({ m, start: at, end: at + (m.end - m.start) });
    }
    const clash = new Set<ProofMark>();
    for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) {
        const p = placed[i],
          q = placed[j];
        const overlap = overlaps(p, q);
        if (overlap) {
          clash.add(p.m);
          clash.add(q.m);
        }
      }
    }
    for (const m of clash)
      conflicts.push({ mark: m, reason: 'overlaps another mark on the same characters' });
    const ok = placed.filter((p) => !clash.has(p.m));
    // From the end backwards; at one offset the deletion goes before the insertion it abuts.
    ok.sort((p, q) => q.start - p.start || (p.start === p.end ? 1 : 0) - (q.start === q.end ? 1 : 0));
    let children = block.children;
    for (const p of ok) {
      children = spliceLeaves(children, p.start, p.end, p.m.kind === 'delete' ? '' : (p.m.replacement ?? ''));
      applied.push(p.start === p.m.start ? p.m : { ...p.m, start: p.start, end: p.end });
    }
    const blocks = article.blocks.slice();
    blocks[index] = { ...block, children } as Block;
    articles.set(id, { ...article, blocks });
  }
  const out: Edition = { ...edition, articles: edition.articles.map((a) => articles.get(a.id) ?? a) };
  return { edition: out, applied, conflicts, notApplied };
}
