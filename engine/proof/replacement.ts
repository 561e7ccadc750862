// A strike-out (or a highlight) whose note or reply carries the new text is a replacement (改正), not
// a deletion: a proofreader striking 八十二 in 八十二岁的张阿婆 and writing 七十九 beside it means
// 七十九岁的张阿婆. A note saying so (改为…, 应为…, →…) is one on any mark; on a strike-out a short
// plain note is the new text itself, unless it asks a question or says to delete.

const SAYS_REPLACE = /^\s*(?:改为|改成|应为|应是|换成|替换为|更正为|→|->|=>)\s*[:：]?\s*(.+?)\s*$/s;
const QUOTES = /^[「“"'‘『](.*)[」”"'’』]$/s;
const NOT_TEXT = /[?？]|^\s*(?:删|去掉|不要|多余|重复|疑|请|核|查)/;

const unquote = (s: string) => {
  const t = s.trim();
  const m = QUOTES.exec(t);
  return m ? m[1] : t;
};

/** The replacement text a note carries for a mark of this PDF subtype, or null. */
export function replacementInNote(subtype: string, note: string): string | null {
  const said = SAYS_REPLACE.exec(note);
  if (said && said[1].trim()) return unquote(said[1]);
  if (subtype !== 'StrikeOut') return null;
  const t = note.trim();
  if (!t || NOT_TEXT.test(t) || /\n/.test(t) || [...t].length > 40) return null;
  return unquote(t);
}

/** The replacement carried by the mark's note, else by the last reply that carries one. */
export function replacementOf(subtype: string, note: string, replies: { text: string }[]): string | null {
  const own = replacementInNote(subtype, note);
  if (own != null) return own;
  for (let i = replies.length - 1; i >= 0; i--) {
    const r = replacementInNote(subtype, replies[i].text);
    if (r != null) return r;
  }
  return null;
}
