// Paste from Word and the web, cleaned to the article's structure: block kinds the newsroom uses,
// bold and emphasis only, no styles, no spaces that the source's justification or line wrapping
// put between Chinese characters (spacing is the typesetter's job). Works on the HTML string with
// a small tokenizer, so it runs and is tested without a DOM.
import type { Block, TextBlock, TextLeaf } from '../../engine/model/types';

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

const CJK = '\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u3000-\\u303f\\u{20000}-\\u{2ffff}“”‘’';
const SPACE_NEAR_CJK = new RegExp(`(?<=[${CJK}])[ \\t]+|[ \\t]+(?=[${CJK}])`, 'gu');

/** Whitespace as the source laid it out is not content: collapse it, and drop it next to Chinese characters. */
export function cleanText(s: string): string {
  return s.replace(/[\u00a0\u2002\u2003\u2009]/g, ' ').replace(/[\r\n\t ]+/g, ' ').replace(SPACE_NEAR_CJK, '');
}

type Kind = TextBlock['type'];

const BLOCK_TAGS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'tr', 'td', 'th', 'section', 'article', 'header', 'footer', 'pre', 'figcaption', 'dt', 'dd', 'table', 'ul', 'ol']);
const SKIP_TAGS = new Set(['style', 'script', 'head', 'title', 'xml', 'template', 'noscript', 'svg', 'math', 'object']);

function kindOf(tag: string, attrs: string): Kind {
  const cls = /class\s*=\s*["']?([^"'>\s]+)/i.exec(attrs)?.[1]?.toLowerCase() ?? '';
  if (tag === 'h1' || cls === 'msotitle') return 'headline';
  if (tag === 'h2' || cls === 'msosubtitle') return 'subhead';
  if (/^h[3-6]$/.test(tag) || /^msoheading/.test(cls)) return 'crosshead';
  if (tag === 'figcaption') return 'paragraph';
  return 'paragraph';
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

/** Pasted HTML to article blocks. */
export function blocksFromHtml(html: string): TextBlock[] {
  // Word wraps its content in conditional comments and Office namespaces; none of it is text.
  html = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<!\[if[\s\S]*?<!\[endif\]>/gi, '');
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html);
  if (body) html = body[1];

  const blocks: { type: Kind; leaves: TextLeaf[] }[] = [];
  let current: { type: Kind; leaves: TextLeaf[] } | null = null;
  const marks: Marks = { bold: 0, emphasis: 0 };
  const stack: { tag: string; bold?: boolean; emphasis?: boolean; kind?: Kind }[] = [];
  let skip = 0;

  const flush = () => { if (current) blocks.push(current); current = null; };
  const start = (type: Kind) => { flush(); current = { type, leaves: [] }; };
  const pushText = (text: string) => {
    if (!text) return;
    if (!current) current = { type: [...stack].reverse().find((s) => s.kind)?.kind ?? 'paragraph', leaves: [] };
    const leaf: TextLeaf = { text };
    if (marks.bold > 0) leaf.bold = true;
    if (marks.emphasis > 0) leaf.emphasis = true;
    current.leaves.push(leaf);
  };

  const re = /<\/?([a-zA-Z][\w:-]*)([^>]*)>|([^<]+)/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m[3] !== undefined) { if (!skip) pushText(decodeEntities(m[3])); continue; }
    const closing = m[0][1] === '/';
    const tag = m[1].toLowerCase();
    const attrs = m[2] ?? '';
    if (SKIP_TAGS.has(tag)) { if (!attrs.trim().endsWith('/')) skip += closing ? -1 : 1; skip = Math.max(0, skip); continue; }
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
    if (BLOCK_TAGS.has(tag)) { entry.kind = kindOf(tag, attrs); start(entry.kind); }
    if (entry.bold) marks.bold++;
    if (entry.emphasis) marks.emphasis++;
    if (!/\/\s*$/.test(attrs)) stack.push(entry);
  }
  flush();
  return finish(blocks);
}

/** Pasted plain text: one paragraph per line. */
export function blocksFromText(text: string): TextBlock[] {
  return finish(text.split(/\r\n|\r|\n/).map((line) => ({ type: 'paragraph' as Kind, leaves: [{ text: line }] })));
}

const DATELINE = /^(本报讯(?:[（(][^）)]{0,40}[）)])?|新华社[^，。、\s]{0,24}电(?:[（(][^）)]{0,40}[）)])?|(?:本报|新华社)记者\s*\S{1,12}\s*报道)\s*/u;
const SOURCE = /^[（(]\s*(?:来源|稿件来源|供稿)\s*[:：][^）)]*[）)]$/u;
const BYLINE = /^(?:(?:本报)?(?:记者|通讯员|实习生|摄影)\s*\S{1,16}\s*){1,4}$/u;

function merge(leaves: TextLeaf[]): TextLeaf[] {
  const out: TextLeaf[] = [];
  for (const l of leaves) {
    const prev = out[out.length - 1];
    if (prev && !!prev.bold === !!l.bold && !!prev.emphasis === !!l.emphasis) prev.text += l.text;
    else out.push({ ...l });
  }
  return out;
}

/** Cleans text, drops empty blocks, and recognises the newsroom's own lines (dateline, source, byline). */
function finish(raw: { type: Kind; leaves: TextLeaf[] }[]): TextBlock[] {
  const out: TextBlock[] = [];
  for (const b of raw) {
    let leaves = merge(b.leaves.map((l) => ({ ...l, text: cleanText(l.text) })));
    // Leading indents (full-width spaces, blanks) are the source's layout, not the text.
    if (leaves.length) leaves[0] = { ...leaves[0], text: leaves[0].text.replace(/^[\s　]+/u, '') };
    if (leaves.length) { const k = leaves.length - 1; leaves[k] = { ...leaves[k], text: leaves[k].text.replace(/[\s　]+$/u, '') }; }
    leaves = leaves.filter((l) => l.text.length > 0);
    if (!leaves.length) continue;
    const text = leaves.map((l) => l.text).join('');
    if (b.type === 'paragraph' && SOURCE.test(text)) { out.push({ type: 'source', children: leaves }); continue; }
    if (b.type === 'paragraph' && BYLINE.test(text)) { out.push({ type: 'byline', children: leaves }); continue; }
    const d = b.type === 'paragraph' && !out.some((x) => x.type === 'paragraph') ? DATELINE.exec(text) : null;
    if (d && d[0].length < text.length) {
      out.push({ type: 'dateline', children: [{ text: d[1] }] });
      out.push({ type: 'paragraph', children: dropPrefix(leaves, d[0].length) });
      continue;
    }
    out.push({ type: b.type, children: leaves });
  }
  return out;
}

function dropPrefix(leaves: TextLeaf[], n: number): TextLeaf[] {
  const out: TextLeaf[] = [];
  for (const l of leaves) {
    if (n >= l.text.length) { n -= l.text.length; continue; }
    out.push({ ...l, text: l.text.slice(n) });
    n = 0;
  }
  return out;
}

export type PastedBlocks = Block[];
