// Paste from Word and the web into the article editor. The clipboard's HTML is read by the engine's
// paste cleaner (engine/model/paste.ts) and plain text line by line; both go through the copy rules
// of engine/model/copy.ts, so a paste, a .docx and a .txt become the same article structure.
import { blocksFromCopy } from '../../engine/model/copy';
import { cleanPastedHtml } from '../../engine/model/paste';
import type { Block } from '../../engine/model/types';

/**
 * Clipboard contents as article blocks. `intoEmpty`: the article has no text yet, so short typed
 * lines at the top may be its heads; pasted into a story, every line is the story's own text.
 */
export function blocksFromClipboard(data: { html?: string; text?: string }, intoEmpty: boolean): Block[] {
  const opts = intoEmpty ? {} : { guessHeads: false };
  if (data.html) return cleanPastedHtml(data.html, opts);
  return blocksFromCopy(
    (data.text ?? '').split(/\r\n|\r|\n/).map((line) => ({ runs: [{ text: line }] })),
    opts,
  );
}
