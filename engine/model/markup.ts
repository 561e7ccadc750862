// A small tolerant tokenizer for HTML (as Word and browsers put it on the clipboard) and for the XML
// inside .docx files. The engine has no DOM, and the input is hostile or sloppy more often than not:
// unclosed tags, unquoted attributes, stray '<', Word's conditional comments. It never throws; what it
// cannot read as markup it returns as text. Linear in the input's length.

export type MarkupToken =
  | { kind: 'open'; name: string; attrs: Record<string, string>; selfClosing: boolean }
  | { kind: 'close'; name: string }
  | { kind: 'text'; text: string }
  /** Word's "downlevel-revealed" conditionals, <![if …]> and <![endif]>: list bullets and the like. */
  | { kind: 'conditional'; end: boolean };

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009',
  ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', mdash: '—', ndash: '–', hellip: '…', middot: '·', bull: '•',
  times: '×', divide: '÷', copy: '©', reg: '®', trade: '™', yen: '¥', deg: '°', plusmn: '±', sect: '§', laquo: '«', raquo: '»',
  zwj: '\u200d', zwnj: '\u200c', shy: '\u00ad',
};

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]{1,31});?/gi, (m, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
    }
    const v = NAMED[body.toLowerCase()];
    return v ?? m;
  });
}

const RAW_TEXT = new Set(['script', 'style', 'xml', 'title', 'textarea']);
const NAME_RE = /[A-Za-z][\w:.-]*/y;
const ATTR_RE = /\s*([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/y;

/**
 * Tokenizes `src`. `lowerCase` folds tag and attribute names (HTML); XML keeps them.
 * Elements whose content is raw text (script, style …) come back as open, one text token, close.
 */
export function tokenize(src: string, opts: { lowerCase?: boolean } = {}): MarkupToken[] {
  const fold = opts.lowerCase ? (s: string) => s.toLowerCase() : (s: string) => s;
  const out: MarkupToken[] = [];
  let i = 0;
  let textStart = 0;
  const n = src.length;
  const flushText = (end: number) => {
    if (end > textStart) out.push({ kind: 'text', text: decodeEntities(src.slice(textStart, end)) });
  };
  while (i < n) {
    const lt = src.indexOf('<', i);
    if (lt < 0) break;
    i = lt;
    const next = src[i + 1];
    if (src.startsWith('<!--', i)) {
      flushText(i);
      const end = src.indexOf('-->', i + 4);
      i = end < 0 ? n : end + 3;
      textStart = i;
      continue;
    }
    if (src.startsWith('<![CDATA[', i)) {
      flushText(i);
      const end = src.indexOf(']]>', i + 9);
      const stop = end < 0 ? n : end;
      out.push({ kind: 'text', text: src.slice(i + 9, stop) });
      i = end < 0 ? n : end + 3;
      textStart = i;
      continue;
    }
    if (src.startsWith('<![', i)) {
      flushText(i);
      const end = src.indexOf(']>', i + 3);
      const body = src.slice(i + 3, end < 0 ? n : end).trim().toLowerCase();
      out.push({ kind: 'conditional', end: body.startsWith('endif') });
      i = end < 0 ? n : end + 2;
      textStart = i;
      continue;
    }
    if (next === '!' || next === '?') {
      // Doctype, processing instruction: no content for us.
      flushText(i);
      const end = src.indexOf('>', i + 2);
      i = end < 0 ? n : end + 1;
      textStart = i;
      continue;
    }
    if (next === '/') {
      NAME_RE.lastIndex = i + 2;
      const m = NAME_RE.exec(src);
      if (!m) { i += 1; continue; } // '</' then junk: text
      flushText(i);
      const end = src.indexOf('>', NAME_RE.lastIndex);
      out.push({ kind: 'close', name: fold(m[0]) });
      i = end < 0 ? n : end + 1;
      textStart = i;
      continue;
    }
    NAME_RE.lastIndex = i + 1;
    const m = NAME_RE.exec(src);
    if (!m) { i += 1; continue; } // a lone '<' (as in "a < b"): text
    flushText(i);
    const name = fold(m[0]);
    let j = NAME_RE.lastIndex;
    const attrs: Record<string, string> = {};
    let selfClosing = false;
    for (;;) {
      while (j < n && /\s/.test(src[j])) j++;
      if (j >= n) break;
      if (src[j] === '>') { j++; break; }
      if (src[j] === '/' ) {
        if (src[j + 1] === '>') { selfClosing = true; j += 2; break; }
        j++;
        continue;
      }
      ATTR_RE.lastIndex = j;
      const a = ATTR_RE.exec(src);
      if (!a || ATTR_RE.lastIndex === j) { j++; continue; }
      attrs[fold(a[1])] = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '');
      j = ATTR_RE.lastIndex;
    }
    out.push({ kind: 'open', name, attrs, selfClosing });
    i = j;
    textStart = i;
    if (!selfClosing && RAW_TEXT.has(name.toLowerCase())) {
      const close = src.toLowerCase().indexOf(`</${name.toLowerCase()}`, i);
      const stop = close < 0 ? n : close;
      out.push({ kind: 'text', text: src.slice(i, stop) });
      out.push({ kind: 'close', name });
      const gt = close < 0 ? -1 : src.indexOf('>', close);
      i = gt < 0 ? n : gt + 1;
      textStart = i;
    }
  }
  flushText(n);
  return out;
}

/** Parses an inline CSS declaration list into lower-cased property → value. */
export function parseStyle(style: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!style) return out;
  for (const decl of style.split(';')) {
    const c = decl.indexOf(':');
    if (c <= 0) continue;
    out[decl.slice(0, c).trim().toLowerCase()] = decl.slice(c + 1).trim().toLowerCase();
  }
  return out;
}
