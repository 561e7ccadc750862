// 定稿 and 签发 lock the copy: typing, paste, cut, drop and an input method's composition in a locked
// article change nothing and ask to reopen it first (panels/Workflow.tsx ReopenDialog).
import { useCallback, useRef, useState } from 'react';
import type { Editor } from 'slate';
import { ReactEditor } from 'slate-react';
import { isLocked } from '../../engine/model/status';
import type { EditionSession } from '../state/session';

interface Cancellable {
  preventDefault(): void;
}

/**
 * The article editor's guards for a locked article. Each answers true when it refused the edit (the
 * event is then handled: Slate leaves it alone). A composition cannot be cancelled in the browser:
 * the editor gives up the focus and the caret when it starts, so the input method has nowhere to
 * write, and
 * whatever it still wrote is dropped when it ends — the editable is drawn again from the article
 * (`generation`, the Editable's key), which never received the text.
 */
export function useLockedGuards(session: EditionSession, article: string, editor: Editor) {
  const refused = useRef(false);
  const [generation, setGeneration] = useState(0);
  const locked = useCallback(() => isLocked(session.article(article)?.status), [session, article]);

  const onEdit = useCallback(
    (e: Cancellable): boolean => {
      if (!locked()) return false;
      e.preventDefault();
      session.askReopen(article);
      return true;
    },
    [session, article, locked],
  );

  const onCompositionStart = useCallback(
    (e: Cancellable): boolean => {
      refused.current = onEdit(e);
      if (refused.current) {
        ReactEditor.blur(editor);
        ReactEditor.deselect(editor);
        window.getSelection()?.removeAllRanges();
      }
      return refused.current;
    },
    [onEdit, editor],
  );

  const onCompositionEnd = useCallback((e: Cancellable): boolean => {
    if (!refused.current) return false;
    refused.current = false;
    e.preventDefault();
    setGeneration((g) => g + 1);
    return true;
  }, []);

  /** beforeinput: a typed character, or the text of a composition already refused. */
  const onBeforeInput = useCallback(
    (e: InputEvent): boolean => {
      if (refused.current && e.inputType === 'insertCompositionText') {
        e.preventDefault();
        return true;
      }
      return onEdit(e);
    },
    [onEdit],
  );

  return { generation, onEdit, onCompositionStart, onCompositionEnd, onBeforeInput };
}
