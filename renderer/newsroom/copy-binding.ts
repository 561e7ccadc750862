// One article's copy document bound to a headless Slate editor (@slate-yjs/core). The editor's tree
// is kept equal to the session's blocks of the article: the session's text operations are applied to
// it and slate-yjs writes them into the document; others' updates come out of it as Slate operations
// (with the normalisation they cause), which the link hands to the session.
import { withYjs, YjsEditor } from '@slate-yjs/core';
import { createEditor, Editor, type Descendant, type Operation } from 'slate';
import * as Y from 'yjs';
import type { Block } from '../../engine/model/types';
import { copyContent } from '../../newsroom/shared/copy-doc';

export class CopyBinding {
  readonly root: Y.XmlText;
  readonly editor: Editor & YjsEditor;
  constructor(
    readonly doc: Y.Doc,
    /** The origin of the transactions this binding writes (the link's own). */
    origin: unknown,
    onRemote: (ops: Operation[]) => void,
  ) {
    this.root = copyContent(doc);
    const e = withYjs(createEditor(), this.root, { localOrigin: origin });
    // Every operation applied while others' changes come in — theirs, and the normalisation that
    // follows them (written to the document as this editor's own) — goes to the session, so its
    // blocks stay equal to this tree; the session normalises its own edits as this editor does.
    let incoming: Operation[] | null = null;
    const { apply, applyRemoteEvents } = e;
    e.apply = (op) => {
      apply(op);
      if (incoming && op.type !== 'set_selection') incoming.push(op);
    };
    e.applyRemoteEvents = (events, from) => {
      const ops: Operation[] = (incoming = []);
      try {
        applyRemoteEvents(events, from);
      } finally {
        incoming = null;
      }
      // The normalisation is written now, while the tree it was computed on is the document's (a
      // later flush, after more updates came in, would write it at stale offsets).
      YjsEditor.flushLocalChanges(e);
      if (ops.length) onRemote(ops);
    };
    this.editor = e;
    YjsEditor.connect(e);
    // slate-yjs gives an empty document one empty text node; an article's copy has blocks or nothing.
    if (this.root.length === 0) e.children = [];
  }

  get blocks(): Block[] {
    return this.editor.children as unknown as Block[];
  }

  /** The session's operations on this article, written into the document at once. */
  applyLocal(ops: Operation[]): void {
    const e = this.editor;
    Editor.withoutNormalizing(e, () => {
      for (const op of ops) if (op.type !== 'set_selection') e.apply(op);
    });
    YjsEditor.flushLocalChanges(e);
  }

  /** Fills an empty copy with an article's blocks (an article added here). */
  fill(blocks: Block[]): void {
    this.applyLocal(
      (blocks as unknown as Descendant[]).map((node, i) => ({ type: 'insert_node', path: [i], node })),
    );
  }

  destroy(): void {
    YjsEditor.disconnect(this.editor);
  }
}
