// Paste from Word and the web. This file reads the clipboard's HTML into copy paragraphs (runs with
// bold and emphasis, and the style hint each paragraph carried); engine/model/copy.ts turns copy
// into article blocks the same way for a paste, a .docx and a .txt. The HTML is read with a small
// tokenizer, so it runs and is tested without a DOM, and nothing in it is ever rendered.
import { blocksFromCopy, type CopyParagraph } from '../../engine/model/copy';
import type { Block, TextLeaf } from '../../engine/model/types';

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', mdash: '—', hellip: '…', middot: '·', ensp: ' ', emsp: ' ', ideographicspace: '　' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp < 0x110000 ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}


const BLOCK_TAGS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'tr', 'td', 'th', 'section', 'article', 'header', 'footer', 'pre', 'figcaption', 'dt', 'dd', 'table', 'ul', 'ol']);
const SKIP_TAGS = new Set(['style', 'script', 'head', 'title', 'xml', 'template', 'noscript', 'svg', 'math', 'object']);

/** The style hint a block element gives its paragraph: Word's class (MsoTitle …) or the tag (h1 …). */
function styleOf(tag: string, attrs: string): string {
  const cls = /class\s*=\s*["']?([^"'>\s]+)/i.exec(attrs)?.[1];
  return cls && !/^msonormal$/i.test(cls) ? cls : tag;
}

interface Marks { bold: number; emphasis: number }

function styleMarks(attrs: string): { bold?: boolean; emphasis?: boolean } {
  const style = /style\s*=\s*"([^"]*)"|style\s*=\s*'([^']*)'/i.exec(attrs);
  const s = (style?.[1] ?? style?.[2] ?? '').toLowerCase();
  const out: { bold?: boolean; emphasis?: boolean } = {};
  const w = /font-weight\s*:\s*(bold|bolder|[6-9]00)/.exec(s);
  if (w) out.bold = true;
  if (/font-weight\s*:\s*(normal|[1-4]00)/.test(s)) out.bold = false;
  if (/font-style\s*:\s*italic/.test(s)) out.emphasis = true;
  return out;
}

/** Pasted HTML as copy paragraphs. */
export function copyFromHtml(html: string): CopyParagraph[] {
  // Word wraps its content in conditional comments and Office namespaces; none of it is text.
  html = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[if[\s\S]*?<!\[endif\]>/gi, '');
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html);
  if (body) html = body[1];

  const paras: CopyParagraph[] = [];
  let current: CopyParagraph | null = null;
  const marks: Marks = { bold: 0, emphasis: 0 };
  const stack: { tag: string; bold?: boolean; emphasis?: boolean; style?: string }[] = [];
  let skip = 0;

  const flush = () => { if (current?.runs.length) paras.push(current); current = null; };
  const pushText = (text: string) => {
    if (!text) return;
    // Whitespace between block elements is the source's indentation, not a paragraph.
    if (!current && !/\S/.test(text) && !stack.some((s) => s.style)) return;
    if (!current) current = { style: [...stack].reverse().find((s) => s.style)?.style, runs: [] };
    const leaf: TextLeaf = { text };
    if (marks.bold > 0) leaf.bold = true;
    if (marks.emphasis > 0) leaf.emphasis = true;
    current.runs.push(leaf);
  };

  const re = /<\/?([a-zA-Z][\w:-]*)([^>]*)>|([^<]+)/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m[3] !== undefined) { if (!skip) pushText(decodeEntities(m[3])); continue; }
    const closing = m[0][1] === '/';
    const tag = m[1].toLowerCase();
    const attrs = m[2] ?? '';
    if (SKIP_TAGS.has(tag)) { if (!attrs.trim().endsWith('/')) skip = Math.max(0, skip + (closing ? -1 : 1)); continue; }
    if (skip) continue;
    if (tag === 'br') { if (!closing) flush(); continue; }
    if (tag.includes(':')) continue; // o:p and friends
    if (closing) {
      const i = stack.map((s) => s.tag).lastIndexOf(tag);
      if (i < 0) continue;
      for (const s of stack.splice(i)) {
        if (s.bold) marks.bold--;
        if (s.emphasis) marks.emphasis--;
      }
      if (BLOCK_TAGS.has(tag)) flush();
      continue;
    }
    const entry: (typeof stack)[number] = { tag };
    const sm = styleMarks(attrs);
    if (tag === 'b' || tag === 'strong' || sm.bold === true) entry.bold = true;
    if (tag === 'i' || tag === 'em' || sm.emphasis === true) entry.emphasis = true;
    if (BLOCK_TAGS.has(tag)) { flush(); entry.style = styleOf(tag, attrs); current = { style: entry.style, runs: [] }; }
    if (entry.bold) marks.bold++;
    if (entry.emphasis) marks.emphasis++;
    if (!/\/\s*$/.test(attrs)) stack.push(entry);
  }
  flush();
  return paras;
}

/** Pasted plain text as copy paragraphs: one a line. */
export function copyFromText(text: string): CopyParagraph[] {
  return text.split(/\r\n|\r|\n/).map((line) => ({ runs: [{ text: line }] }));
}

/**
 * Clipboard contents as article blocks. `intoEmpty`: the article has no text yet, so short typed
 * lines at the top may be its heads; pasted into a story, every line is the story's own text.
 */
export function blocksFromClipboard(data: { html?: string; text?: string }, intoEmpty: boolean): Block[] {
  const copy = data.html ? copyFromHtml(data.html) : copyFromText(data.text ?? '');
  return blocksFromCopy(copy, intoEmpty ? {} : { guessHeads: false });
}
