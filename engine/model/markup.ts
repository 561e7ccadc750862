// A small tolerant tokenizer for HTML (as Word and browsers put it on the clipboard) and for the XML
// inside .docx files. The engine has no DOM, and the input is hostile or sloppy more often than not:
// unclosed tags, unquoted attributes, stray '<', Word's conditional comments. It never throws; what it
// cannot read as markup it returns as text. Linear in the input's length.

import { decodeHTML, decodeHTMLAttribute, decodeXML } from 'entities/decode';

export type MarkupToken =
  | { kind: 'open'; name: string; attrs: Record<string, string>; selfClosing: boolean }
  | { kind: 'close'; name: string }
  | { kind: 'text'; text: string }
  /** Word's "downlevel-revealed" conditionals, <![if …]> and <![endif]>: list bullets and the like. */
  | { kind: 'conditional'; end: boolean };

/**
 * Decodes HTML character references: every named reference of the HTML standard (the `entities`
 * package's table), decimal and hex, with the browsers' tolerance for a missing ';'. Unknown names
 * stay as written; invalid code points become U+FFFD.
 */
export function decodeEntities(s: string): string {
  return s.includes('&') ? decodeHTML(s) : s;
}

/** XML (.docx parts) knows only the five predefined references and numeric ones. */
function decodeXmlEntities(s: string): string {
  return s.includes('&') ? decodeXML(s) : s;
}

/** Where the raw-text element `lname` (lower case) closes at or after `from`, case-insensitively; -1 if never. */
function findRawClose(src: string, lname: string, from: number): number {
  for (let k = src.indexOf('</', from); k >= 0; k = src.indexOf('</', k + 2)) {
    if (src.slice(k + 2, k + 2 + lname.length).toLowerCase() === lname) return k;
  }
  return -1;
}

/** The white space `\s` matches, by code unit, without a regular expression per character. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
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

const RAW_TEXT = new Set(['script', 'style', 'xml', 'title', 'textarea']);
const NAME_RE = /[A-Za-z][\w:.-]*/y;
const ATTR_RE = /\s*([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/y;

/**
 * Tokenizes `src`. `lowerCase` folds tag and attribute names (HTML); XML keeps them.
 * Elements whose content is raw text (script, style …) come back as open, one text token, close.
 */
export function tokenize(src: string, opts: { lowerCase?: boolean } = {}): MarkupToken[] {
  const fold = opts.lowerCase ? (s: string) => s.toLowerCase() : (s: string) => s;
  const decode = opts.lowerCase ? decodeEntities : decodeXmlEntities;
  const decodeAttr = opts.lowerCase
    ? (v: string) => (v.includes('&') ? decodeHTMLAttribute(v) : v)
    : decodeXmlEntities;
  const out: MarkupToken[] = [];
  let i = 0;
  let textStart = 0;
  const n = src.length;
  const flushText = (end: number) => {
    if (end > textStart) out.push({ kind: 'text', text: decode(src.slice(textStart, end)) });
  };
  while (i < n) {
    const lt = src.indexOf('<', i);
    if (lt < 0) break;
    i = lt;
    const next = src[i + 1];
    if (next === '!' && src.startsWith('<!--', i)) {
      flushText(i);
      const end = src.indexOf('-->', i + 4);
      i = end < 0 ? n : end + 3;
      textStart = i;
      continue;
    }
    if (next === '!' && src.startsWith('<![CDATA[', i)) {
      flushText(i);
      const end = src.indexOf(']]>', i + 9);
      const stop = end < 0 ? n : end;
      out.push({ kind: 'text', text: src.slice(i + 9, stop) });
      i = end < 0 ? n : end + 3;
      textStart = i;
      continue;
    }
    if (next === '!' && src[i + 2] === '[') {
      flushText(i);
      const end = src.indexOf(']>', i + 3);
      const body = src
        .slice(i + 3, end < 0 ? n : end)
        .trim()
        .toLowerCase();
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
      if (!m) {
        i += 1;
        continue;
      } // '</' then junk: text
      flushText(i);
      const end = src.indexOf('>', NAME_RE.lastIndex);
      out.push({ kind: 'close', name: fold(m[0]) });
      i = end < 0 ? n : end + 1;
      textStart = i;
      continue;
    }
    NAME_RE.lastIndex = i + 1;
    const m = NAME_RE.exec(src);
    if (!m) {
      i += 1;
      continue;
    } // a lone '<' (as in "a < b"): text
    flushText(i);
    const name = fold(m[0]);
    let j = NAME_RE.lastIndex;
    const attrs: Record<string, string> = {};
    let selfClosing = false;
    for (;;) {
      while (j < n && isSpace(src.charCodeAt(j))) j++;
      if (j >= n) break;
      if (src[j] === '>') {
        j++;
        break;
      }
      if (src[j] === '/') {
        if (src[j + 1] === '>') {
          selfClosing = true;
          j += 2;
          break;
        }
        j++;
        continue;
      }
      ATTR_RE.lastIndex = j;
      const a = ATTR_RE.exec(src);
      if (!a || ATTR_RE.lastIndex === j) {
        j++;
        continue;
      }
      attrs[fold(a[1])] = decodeAttr(a[2] ?? a[3] ?? a[4] ?? '');
      j = ATTR_RE.lastIndex;
    }
    out.push({ kind: 'open', name, attrs, selfClosing });
    i = j;
    textStart = i;
    if (!selfClosing && RAW_TEXT.has(name.toLowerCase())) {
      const close = findRawClose(src, name.toLowerCase(), i);
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
    out[decl.slice(0, c).trim().toLowerCase()] = decl
      .slice(c + 1)
      .trim()
      .toLowerCase();
  }
  return out;
}
