// Edition-level history: one undo stack for everything an editor does, text and placements alike.
// Entries are operations that can be inverted (Slate operations for text, before/after placements
// for a page), not snapshots of the edition.
import { createEditor, Editor, Operation, Path, type Descendant } from 'slate';
import type { Article, ArticleComment, Block, Edition, Page, Placement } from '../../engine/model/types';

/**
 * A page's placements before and after photo frames followed their photo blocks (a paragraph inserted
 * above a photo moves it down one block; a deleted photo takes its frame with it).
 */
export interface PageFrames {
  page: string;
  before: Placement[];
  after: Placement[];
}

export type Change =
  /**
   * `comments`: the article's comments before and after, when the text moved their anchors. Undo puts
   * back the anchors exactly as they were (a cut that detached a comment is not re-derived from ops).
   */
  | {
      kind: 'text';
      article: string;
      ops: Operation[];
      at: number;
      comments?: { before: ArticleComment[]; after: ArticleComment[] };
      frames?: PageFrames[];
    }
  /** `others`: more pages changed in the same step (a continued story's part moved with its link). */
  | {
      kind: 'placements';
      page: string;
      label: string;
      before: Placement[];
      after: Placement[];
      others?: { page: string; before: Placement[]; after: Placement[] }[];
    }
  | {
      kind: 'article';
      article: string;
      label: string;
      before: Omit<Article, 'blocks'>;
      after: Omit<Article, 'blocks'>;
    }
  /** Articles brought into the edition (导入稿件, 新建稿件), or taken out again (`removed`, by undo). */
  | { kind: 'articles'; label: string; articles: Article[]; removed: boolean }
  /** Editors' comments (批注) of one article: added, resolved or deleted. */
  | { kind: 'comments'; article: string; label: string; before: ArticleComment[]; after: ArticleComment[] }
  /** The page list itself: pages added, deleted, duplicated, reordered, renamed, ad slots (广告位). */
  | { kind: 'pages'; label: string; before: Page[]; after: Page[] }
  /** Several changes undone and redone as one step (替换全部 over many articles, a revision restored). */
  | { kind: 'group'; label: string; changes: Change[] }
  /** A proofreader's mark accepted or rejected (校对): the decision undoes and redoes with its edit. */
  | { kind: 'proof'; label: string; mark: string; before: ProofDecision | null; after: ProofDecision | null }
  /** The edition's styles (样式): the template's paragraph styles changed for this edition. */
  | { kind: 'styles'; label: string; before: EditionStyles; after: EditionStyles };

/** The edition's style changes by style name (Edition.styles); empty when it has none. */
export type EditionStyles = Record<string, Record<string, unknown>>;

export type ProofDecision = 'accepted' | 'rejected';

/** Keystrokes typed in one run (this close together, same article) undo as one step, as in any editor. */
const MERGE_WINDOW_MS = 1000;

const isTyping = (op: Operation) => op.type === 'insert_text' || op.type === 'remove_text';

export function invertChange(c: Change): Change {
  switch (c.kind) {
    case 'text':
      return {
        ...c,
        ops: c.ops.map(Operation.inverse).reverse(),
        ...(c.comments ? { comments: { before: c.comments.after, after: c.comments.before } } : {}),
        ...(c.frames ? { frames: c.frames.map((f) => ({ ...f, before: f.after, after: f.before })) } : {}),
      };
    case 'placements':
      return {
        ...c,
        before: c.after,
        after: c.before,
        ...(c.others ? { others: c.others.map((o) => ({ ...o, before: o.after, after: o.before })) } : {}),
      };
    case 'article':
      return { ...c, before: c.after, after: c.before };
    case 'comments':
      return { ...c, before: c.after, after: c.before };
    case 'articles':
      return { ...c, removed: !c.removed };
    case 'pages':
      return { ...c, before: c.after, after: c.before };
    case 'group':
      return { ...c, changes: c.changes.map(invertChange).reverse() };
    case 'proof':
      return { ...c, before: c.after, after: c.before };
    case 'styles':
      return { ...c, before: c.after, after: c.before };
  }
}

/** Applies Slate operations to an article's blocks outside any editor (the article is not open). */
export function applyTextOps(blocks: Block[], ops: Operation[]): Block[] {
  const e = createEditor();
  e.children = blocks as unknown as Descendant[];
  Editor.withoutNormalizing(e, () => {
    for (const op of ops) if (op.type !== 'set_selection') e.apply(op);
  });
  return e.children as unknown as Block[];
}

export function applyChange(ed: Edition, c: Change): Edition {
  switch (c.kind) {
    case 'styles': {
      const { styles: _s, ...rest } = ed;
      return Object.keys(c.after).length ? { ...rest, styles: c.after } : rest;
    }
    case 'text': {
      const out = withFrames(
        {
          ...ed,
          articles: ed.articles.map((a) =>
            a.id === c.article ? { ...a, blocks: applyTextOps(a.blocks, c.ops) } : a,
          ),
        },
        c.frames,
      );
      return c.comments ? withComments(out, c.article, c.comments.after) : out;
    }
    case 'placements': {
      const after = new Map([[c.page, c.after], ...(c.others ?? []).map((o) => [o.page, o.after] as const)]);
      return {
        ...ed,
        pages: ed.pages.map((p) => (after.has(p.id) ? { ...p, placements: after.get(p.id)! } : p)),
      };
    }
    case 'article':
      return {
        ...ed,
        articles: ed.articles.map((a) => (a.id === c.article ? { ...a, ...c.after, blocks: a.blocks } : a)),
      };
    case 'comments':
      return withComments(ed, c.article, c.after);
    case 'articles': {
      const ids = new Set(c.articles.map((a) => a.id));
      const rest = ed.articles.filter((a) => !ids.has(a.id));
      return { ...ed, articles: c.removed ? rest : [...rest, ...c.articles] };
    }
    case 'pages':
      return { ...ed, pages: c.after };
    case 'group':
      return c.changes.reduce(applyChange, ed);
    case 'proof':
      return ed;
  }
}

/** Pages' placements as a text change left them (photo frames following their blocks). */
export function withFrames(ed: Edition, frames: PageFrames[] | undefined): Edition {
  if (!frames?.length) return ed;
  const after = new Map(frames.map((f) => [f.page, f.after]));
  return {
    ...ed,
    pages: ed.pages.map((p) => (after.has(p.id) ? { ...p, placements: after.get(p.id)! } : p)),
  };
}

/**
 * Photo frames of an article carried through text operations: a frame follows its photo block when
 * blocks are inserted, split, merged or removed before it, and goes when its block is gone or is no
 * longer a photo. `blocks`: the article's blocks after the operations. Null when no frame changed.
 */
export function followFrames(
  ed: Edition,
  article: string,
  ops: Operation[],
  blocks: Block[],
): PageFrames[] | null {
  // Blocks replaced in place (a proof mark's edit) keep their frames.
  const was = ed.articles.find((a) => a.id === article)?.blocks ?? [];
  if (was.length === blocks.length && was.every((b, i) => b.type === blocks[i].type)) return null;
  const out: PageFrames[] = [];
  for (const page of ed.pages) {
    let changed = false;
    const after = page.placements.map((pl) => {
      if (pl.article !== article || !pl.photos.length) return pl;
      const photos = pl.photos.flatMap((f) => {
        let path: Path | null = [f.block];
        for (const op of ops) {
          if (!path) break;
          path = Path.transform(path, op);
        }
        if (!path || path.length !== 1 || blocks[path[0]]?.type !== 'photo') return [];
        return path[0] === f.block ? [f] : [{ ...f, block: path[0] }];
      });
      if (photos.length === pl.photos.length && photos.every((f, i) => f === pl.photos[i])) return pl;
      changed = true;
      return { ...pl, photos };
    });
    if (changed) out.push({ page: page.id, before: page.placements, after });
  }
  return out.length ? out : null;
}

/** The article's comments replaced as a set. */
export function withComments(ed: Edition, article: string, comments: ArticleComment[]): Edition {
  // In the order the file keeps them (time written, then id), and no comments is no list, as the file holds it.
  const all = [...(ed.comments ?? []).filter((x) => x.article !== article), ...comments].sort((x, y) =>
    x.at < y.at ? -1 : x.at > y.at ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0,
  );
  if (all.length) return { ...ed, comments: all };
  const { comments: _none, ...rest } = ed;
  return rest;
}

export class History {
  private undoStack: Change[] = [];
  private redoStack: Change[] = [];

  constructor(private readonly limit = 500) {}

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }
  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }
  get size(): number {
    return this.undoStack.length;
  }

  record(c: Change): void {
    if (c.kind === 'text') {
      c = { ...c, ops: c.ops.filter((op) => op.type !== 'set_selection') };
      if (!c.ops.length) return;
      const last = this.undoStack[this.undoStack.length - 1];
      if (
        last?.kind === 'text' &&
        last.article === c.article &&
        c.at - last.at < MERGE_WINDOW_MS &&
        c.ops.every(isTyping) &&
        last.ops.every(isTyping)
      ) {
        // The run's anchors: as before its first keystroke, as after its last.
        const before = last.comments?.before ?? c.comments?.before;
        const after = c.comments?.after ?? last.comments?.after;
        this.undoStack[this.undoStack.length - 1] = {
          ...last,
          ops: [...last.ops, ...c.ops],
          at: c.at,
          ...(before && after ? { comments: { before, after } } : {}),
        };
        this.redoStack = [];
        return;
      }
    }
    this.undoStack.push(c);
    if (this.undoStack.length > this.limit) this.undoStack.shift();
    this.redoStack = [];
  }

  /** The change that undoes the last step (already inverted), or null. */
  undo(): Change | null {
    const c = this.undoStack.pop();
    if (!c) return null;
    this.redoStack.push(c);
    return invertChange(c);
  }

  redo(): Change | null {
    const c = this.redoStack.pop();
    if (!c) return null;
    this.undoStack.push(c);
    return c;
  }

  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
  }

  /** The last `n` steps become one (each was recorded as it was applied). */
  groupLast(n: number, label: string): void {
    if (n < 2) return;
    const changes = this.undoStack.splice(this.undoStack.length - n, n);
    this.undoStack.push({ kind: 'group', label, changes });
  }

  /** Takes out every step, to undo or redo, that `drop` picks (others changed what it would undo). Returns how many. */
  forget(drop: (c: Change) => boolean): number {
    const n = this.undoStack.length + this.redoStack.length;
    this.undoStack = this.undoStack.filter((c) => !drop(c));
    this.redoStack = this.redoStack.filter((c) => !drop(c));
    return n - this.undoStack.length - this.redoStack.length;
  }

  /** Ends a typing run so the next keystroke starts a new undo step. */
  seal(): void {
    const last = this.undoStack[this.undoStack.length - 1];
    if (last?.kind === 'text') this.undoStack[this.undoStack.length - 1] = { ...last, at: -Infinity };
  }
}
