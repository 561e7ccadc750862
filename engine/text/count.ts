// The one character count (字数): what an editor counts when a story is 超 42 字, what the 字数 in
// the editor shows, a revision's size in the history and `banmian edition info`.
import type { Block, TextLeaf } from '../model/types';

/** A block's text: its leaves joined, as the layout's SourceRef offsets count it (UTF-16 code units). */
export function blockText(children: readonly TextLeaf[]): string {
  let s = '';
  for (const l of children) s += l.text;
  return s;
}

/**
 * Non-space characters (code points, as /\s/u reads space): what an editor counts when a story is
 * 超 42 字. Every story on the page is counted on every keystroke, so this reads character codes
 * instead of testing a regular expression per character.
 */
export function countChars(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    } else if (isSpace(c)) continue;
    n++;
  }
  return n;
}

/** The code units /\s/u matches (ECMAScript WhiteSpace and LineTerminator). */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** The characters of a story's blocks (captions included), counted as countChars counts. */
export function blocksChars(blocks: readonly Block[]): number {
  let n = 0;
  for (const b of blocks) n += countChars(blockText(b.children));
  return n;
}
