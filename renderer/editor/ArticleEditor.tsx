// One idea: the Slate article editor and its input-method handling, kept whole because the key, composition and change handlers share state.
// The article editor (Slate). It edits the article's blocks in place and reports each change to the
// session, which lays the page out again. Chinese input methods come first: while a composition is
// active nothing normalises, lays out or saves, and no shortcut or arrow key is acted on; all of it
// happens once the composition ends (see docs: Slate issues #5398, #4269, #4981).
import { useCallback, useEffect, useMemo, useRef, type CompositionEvent, type KeyboardEvent } from 'react';
import {
  createEditor,
  Editor,
  Element,
  Node,
  Path,
  Range,
  Text,
  Transforms,
  type BaseOperation,
  type Descendant,
  type NodeEntry,
} from 'slate';
import {
  Editable,
  ReactEditor,
  Slate,
  withReact,
  type RenderElementProps,
  type RenderLeafProps,
} from 'slate-react';
import type { Article, Block, BlockType, TextLeaf } from '../../engine/model/types';
import type { EditionSession } from '../state/session';
import { useLockedGuards } from './locked';
import { blockOffset, leafPoint } from './offsets';
import { presence } from '../newsroom/link';
import { remoteDecorations, RemoteLeaf, usePresence, type RemoteMarks } from '../newsroom/use-presence';
import { blocksFromClipboard } from './paste';
import './slate-types';

export const BLOCK_LABELS: Record<BlockType, string> = {
  kicker: '引题',
  headline: '主题',
  subhead: '副题',
  dateline: '电头',
  paragraph: '正文',
  crosshead: '小标题',
  byline: '作者',
  source: '来源',
  photo: '图片',
};
const TEXT_TYPES = Object.keys(BLOCK_LABELS).filter((t) => t !== 'photo') as Exclude<BlockType, 'photo'>[];

export { blockOffset, leafPoint };

function withNewsroom(editor: Editor): Editor {
  const { normalizeNode, insertBreak, insertData } = editor;

  editor.normalizeNode = (entry, options) => {
    // Never while the IME composes: a normalisation would replace the text node it is writing into.
    if (ReactEditor.isComposing(editor)) return;
    const [node, path] = entry;
    if (path.length === 1 && Element.isElement(node) && !(node.type in BLOCK_LABELS)) {
      Transforms.setNodes(editor, { type: 'paragraph' } as never, { at: path });
      return;
    }
    // Blocks hold text leaves only: anything nested (pasted from elsewhere) is unwrapped.
    if (path.length === 2 && Element.isElement(node)) {
      Transforms.unwrapNodes(editor, { at: path });
      return;
    }
    normalizeNode(entry, options);
  };

  editor.insertBreak = () => {
    insertBreak();
    // After a headline, a dateline or a photo, the next block is body text.
    const [entry] = Editor.nodes(editor, { match: (n, p) => p.length === 1 && Element.isElement(n) });
    if (entry) {
      const [node, path] = entry as [Block, Path];
      if (node.type !== 'paragraph' && node.type !== 'crosshead' && Node.string(node) === '') {
        Transforms.setNodes(editor, { type: 'paragraph' } as never, { at: path });
        if (node.type === 'photo') Transforms.unsetNodes(editor, ['asset', 'credit'], { at: path });
      }
    }
  };

  editor.insertData = (data) => {
    if (data.types.includes('application/x-slate-fragment')) return insertData(data);
    const empty = editor.children.every((b) => Node.string(b) === '');
    const blocks = blocksFromClipboard(
      { html: data.getData('text/html') || undefined, text: data.getData('text/plain') },
      empty,
    );
    if (!blocks.length) return;
    if (blocks.length === 1 && blocks[0].type !== 'photo') {
      // One paragraph pasted inside a block keeps that block's kind.
      Transforms.insertNodes(editor, blocks[0].children.map((l) => ({ ...l })) as Descendant[]);
      return;
    }
    Transforms.insertFragment(editor, blocks as unknown as Descendant[]);
  };

  return editor;
}

function renderElement({ attributes, children, element }: RenderElementProps) {
  const type = (element as Block).type;
  if (type === 'photo') {
    return (
      <div {...attributes} className="blk blk-photo" data-label={BLOCK_LABELS.photo}>
        <span contentEditable={false} className="photo-chip">
          {(element as Extract<Block, { type: 'photo' }>).asset ? '图' : '空图框'}
        </span>
        {children}
      </div>
    );
  }
  return (
    <div {...attributes} className={`blk blk-${type}`} data-label={BLOCK_LABELS[type]}>
      {children}
    </div>
  );
}

function renderLeaf({ attributes, children, leaf }: RenderLeafProps) {
  let c = children;
  if ((leaf as TextLeaf).bold) c = <strong>{c}</strong>;
  if ((leaf as TextLeaf).emphasis) c = <em>{c}</em>;
  const marks = leaf as { overset?: boolean; commented?: boolean };
  const cls = [marks.overset ? 'overset' : '', marks.commented ? 'commented' : ''].join(' ').trim();
  return (
    <span {...attributes} className={cls || undefined} data-commented={marks.commented ? '' : undefined}>
      <RemoteLeaf marks={leaf as RemoteMarks}>{c}</RemoteLeaf>
    </span>
  );
}

function isMarkActive(editor: Editor, mark: 'bold' | 'emphasis'): boolean {
  const marks = Editor.marks(editor) as Partial<TextLeaf> | null;
  return !!marks?.[mark];
}

export function toggleMark(editor: Editor, mark: 'bold' | 'emphasis') {
  if (isMarkActive(editor, mark)) Editor.removeMark(editor, mark);
  else Editor.addMark(editor, mark, true);
}

export function setBlockType(editor: Editor, type: Exclude<BlockType, 'photo'> | 'photo') {
  if (!editor.selection) return;
  Transforms.setNodes(editor, (type === 'photo' ? { type, asset: null } : { type }) as never, {
    match: (n, p) => p.length === 1 && Element.isElement(n),
  });
  if (type !== 'photo')
    Transforms.unsetNodes(editor, ['asset', 'credit'], {
      match: (n, p) => p.length === 1 && Element.isElement(n),
    });
}

export function currentBlockType(editor: Editor): BlockType | null {
  if (!editor.selection) return null;
  const [entry] = Editor.nodes(editor, { match: (n, p) => p.length === 1 && Element.isElement(n) });
  return entry ? (entry[0] as Block).type : null;
}

const NAV_KEYS = new Set([
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Tab',
]);

export interface ArticleEditorProps {
  session: EditionSession;
  article: Article;
  onEditor?: (e: Editor | null) => void;
  /** Text that did not fit on the page, marked so the editor sees what to cut. */
  overset?: { block: number; offset: number; length: number }[];
}

export function ArticleEditor({ session, article, onEditor, overset = [] }: ArticleEditorProps) {
  // One Slate editor per article: a new article gets a fresh editor (and its own undo history).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const editor = useMemo(() => withNewsroom(withReact(createEditor())), [article.id]);
  const replaying = useRef(false);

  useEffect(() => {
    // Chromium commits an active composition when its editable loses focus (what a click on another
    // panel does too); the words arrive through compositionend as typed ones.
    const commitComposition = () => {
      if (ReactEditor.isComposing(editor)) ReactEditor.blur(editor);
    };
    session.attachEditor({
      article: article.id,
      applyOps(change) {
        replaying.current = true;
        Editor.withoutNormalizing(editor, () => {
          for (const op of change.ops) editor.apply(op);
        });
        return editor.children as Block[];
      },
      selectAt(block, offset, length = 0) {
        const b = editor.children[block] as Block | undefined;
        if (!b) return;
        const p = leafPoint(b, offset);
        const q = leafPoint(b, offset + length);
        // Held as a ref: words an IME commits before the caret moves shift the place they were typed in.
        const target = Editor.pointRef(editor, { path: [block, p.leaf], offset: p.offset });
        const end = Editor.pointRef(editor, { path: [block, q.leaf], offset: q.offset });
        const go = () => {
          const point = target.unref();
          const focus = end.unref();
          if (!point) return;
          ReactEditor.focus(editor);
          Transforms.select(editor, length && focus ? { anchor: point, focus } : point);
          // Bring the caret's block into view: the click came from the page, the editor may be scrolled elsewhere.
          try {
            ReactEditor.toDOMNode(editor, Node.get(editor, [point.path[0]])).scrollIntoView({
              block: 'nearest',
            });
          } catch {
            /* not rendered yet */
          }
        };
        if (!ReactEditor.isComposing(editor)) {
          go();
          return;
        }
        // A click on the page mid-composition: moving the caret under the IME would cancel its words
        // and leave it composing into a node Slate no longer tracks. Commit them where they were typed
        // first, then move once the composition has ended.
        commitComposition();
        let tries = 0;
        const wait = () => {
          if (ReactEditor.isComposing(editor) && tries++ < 50) setTimeout(wait, 10);
          else go();
        };
        setTimeout(wait, 0);
      },
      isComposing: () => ReactEditor.isComposing(editor),
      commitComposition,
    });
    onEditor?.(editor);
    return () => {
      session.attachEditor(null);
      onEditor?.(null);
    };
  }, [editor, session, article.id, onEditor]);

  const onChange = useCallback(() => {
    const ops = editor.operations as BaseOperation[];
    if (replaying.current) {
      replaying.current = false;
    } else {
      const textOps = ops.filter((op) => op.type !== 'set_selection');
      if (textOps.length) {
        session.textChanged(
          article.id,
          editor.children as Block[],
          { kind: 'text', article: article.id, ops: textOps, at: Date.now() },
          ReactEditor.isComposing(editor),
        );
      }
    }
    const sel = editor.selection;
    if (sel) {
      const at = (p: { path: Path; offset: number }) => ({
        block: p.path[0],
        offset: blockOffset(editor.children[p.path[0]] as Block, p.path[1] ?? 0, p.offset),
      });
      const [start, end] = Range.edges(sel);
      session.setSelection({ article: article.id, anchor: at(start), focus: at(end) });
    } else session.setSelection(null);
  }, [editor, session, article.id]);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      if (ReactEditor.isComposing(editor) || e.nativeEvent.isComposing) {
        if (NAV_KEYS.has(e.key)) e.preventDefault();
        return;
      }
      const mod = e.ctrlKey || e.metaKey;
      if (!mod) return;
      const k = e.key.toLowerCase();
      if (k === 'b') {
        e.preventDefault();
        toggleMark(editor, 'bold');
      } else if (k === 'i') {
        e.preventDefault();
        toggleMark(editor, 'emphasis');
      } else if (k === 'z' && !e.shiftKey) {
        e.preventDefault();
        session.undo();
      } else if (k === 'y' || (k === 'z' && e.shiftKey)) {
        e.preventDefault();
        session.redo();
      }
    },
    [editor, session],
  );

  const lock = useLockedGuards(session, article.id, editor);
  const onCompositionStart = useCallback(
    (e: CompositionEvent<HTMLDivElement>) => {
      if (lock.onCompositionStart(e)) return true;
      session.compositionStarted();
    },
    [session, lock],
  );

  const onCompositionEnd = useCallback(
    (e: CompositionEvent<HTMLDivElement>) => {
      if (lock.onCompositionEnd(e)) return true;
      // Slate inserts the committed text after this event; lay out and normalise once it has.
      queueMicrotask(() =>
        setTimeout(() => {
          if (ReactEditor.isComposing(editor)) return;
          Editor.normalize(editor, { force: true });
          session.compositionEnded();
        }, 0),
      );
    },
    [editor, session, lock],
  );

  // Open comments' words, tinted. Read from the session when a leaf is decorated, so a block that
  // re-renders after a keystroke is tinted where its anchors now are. The callback (and with it every
  // block's decorations) changes only when a comment's span does, and never during an IME
  // composition: the block being composed in re-renders by itself, the rest waits for the commit.
  const spanKey = session
    .commentsOf(article.id)
    .filter((c) => !c.resolved && c.anchor)
    .map((c) => `${c.anchor!.block}:${c.anchor!.offset}:${c.anchor!.length}`)
    .join(' ');
  const commentKeyRef = useRef(spanKey);
  if (!ReactEditor.isComposing(editor)) commentKeyRef.current = spanKey;
  const commentKey = commentKeyRef.current;
  const decorateComments = useCallback(
    (node: Text, path: Path): Range[] => {
      const spans: { block: number; offset: number; length: number; mark: 'overset' | 'commented' }[] = [];
      for (const o of overset) spans.push({ ...o, mark: 'overset' });
      for (const c of session.commentsOf(article.id))
        if (!c.resolved && c.anchor) spans.push({ ...c.anchor, mark: 'commented' });
      if (!spans.length) return [];
      const block = editor.children[path[0]] as Block | undefined;
      if (!block) return [];
      const start = blockOffset(block, path[1], 0);
      const end = start + node.text.length;
      const out: Range[] = [];
      for (const o of spans) {
        if (o.block !== path[0]) continue;
        const a = Math.max(start, o.offset);
        const b = Math.min(end, o.offset + o.length);
        if (a < b)
          out.push({
            anchor: { path, offset: a - start },
            focus: { path, offset: b - start },
            [o.mark]: true,
          } as Range);
      }
      return out;
    },
    // commentKey changes when comments change; the decorations must be recomputed then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [editor, overset, session, article.id, commentKey],
  );

  // Others' carets and selections in a shared edition (renderer/newsroom): redrawn as they move.
  const presenceVersion = usePresence(session) ? presence.version() : 0;
  const decorate = useCallback(
    ([node, path]: NodeEntry): Range[] => {
      if (path.length !== 2 || !Text.isText(node)) return [];
      const remote = remoteDecorations(session, article.id, [node, path]);
      if (remote.length) return [...remote, ...decorateComments(node, path)];
      return decorateComments(node, path);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [session, article.id, presenceVersion, decorateComments],
  );

  // 定稿 and 签发 lock the copy: an edit asks to reopen the article first (locked.ts).
  const { onBeforeInput: lockedInput, onEdit: onLockedEdit } = lock;
  const onDOMBeforeInput = useCallback(
    (e: InputEvent) => {
      performance.mark('bm-input');
      return lockedInput(e);
    },
    [lockedInput],
  );

  return (
    <Slate editor={editor} initialValue={article.blocks as Descendant[]} onChange={onChange}>
      <Editable
        key={lock.generation}
        className="article-editable"
        data-article={article.id}
        renderElement={renderElement}
        renderLeaf={renderLeaf}
        decorate={decorate}
        onKeyDown={onKeyDown}
        onCompositionStart={onCompositionStart}
        onCompositionEnd={onCompositionEnd}
        onDOMBeforeInput={onDOMBeforeInput}
        onPaste={onLockedEdit}
        onCut={onLockedEdit}
        onDrop={onLockedEdit}
        disableDefaultStyles
        spellCheck={false}
        autoCorrect="off"
        lang="zh-CN"
      />
    </Slate>
  );
}

export { TEXT_TYPES, Text };
