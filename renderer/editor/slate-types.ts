// Slate edits the edition model itself: its elements are our article blocks, its texts our leaves.
import type { BaseEditor } from 'slate';
import type { ReactEditor } from 'slate-react';
import type { Block, TextLeaf } from '../../engine/model/types';

declare module 'slate' {
  interface CustomTypes {
    Editor: BaseEditor & ReactEditor;
    Element: Block;
    Text: TextLeaf;
  }
}

export {};
