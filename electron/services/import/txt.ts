// Plain-text stories. Reporters' files come as UTF-8 (with or without a BOM), as GB18030/GBK from older
// Windows machines, now and then as UTF-16 from Notepad. The encoding is decided by strict decoding, not
// guessed from statistics: a file that is valid UTF-8 is UTF-8; otherwise strict GB18030; otherwise refused.
import type { CopyParagraph } from '../../../engine/model/copy';
import { ImportError } from './errors';

export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

function wrongKind(b: Buffer): string | null {
  if (b.length >= 4 && b.readUInt32BE(0) === 0x504b0304)
    return 'a zip archive (a .docx? import it with the .docx extension)';
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return 'a PDF';
  if (b.length >= 4 && b.readUInt32BE(0) === 0xd0cf11e0)
    return 'an old Word .doc file (save it as .docx or .txt)';
  if (b.subarray(0, 16).toString('latin1') === 'SQLite format 3\0')
    return 'an edition or other database file';
  if ((b[0] === 0xff && b[1] === 0xd8) || b.subarray(1, 4).toString('latin1') === 'PNG') return 'an image';
  return null;
}

export function decodeText(bytes: Buffer, label: string): { text: string; encoding: TextEncoding } {
  const kind = wrongKind(bytes);
  if (kind) throw new ImportError(`${label} is not plain text: it is ${kind}.`);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: strict('utf-8', bytes.subarray(3), label), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: strict('utf-16le', bytes.subarray(2), label), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: strict('utf-16be', bytes.subarray(2), label), encoding: 'utf-16be' };
  // NUL bytes do not occur in text in either encoding we accept without a BOM.
  if (bytes.subarray(0, 64 * 1024).includes(0))
    throw new ImportError(`${label} is not plain text: it contains binary data.`);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    /* not UTF-8; try the Chinese national encoding */
  }
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
  } catch {
    throw new ImportError(
      `${label} is neither UTF-8 nor GB18030 (GBK) text; save it in one of these encodings and import again.`,
    );
  }
}

function strict(enc: string, b: Buffer, label: string): string {
  try {
    return new TextDecoder(enc, { fatal: true }).decode(b);
  } catch {
    throw new ImportError(
      `${label} says it is ${enc.toUpperCase()} (by its byte-order mark) but is not valid ${enc.toUpperCase()}.`,
    );
  }
}

/** One paragraph per line; blank lines only separate. */
export function textParagraphs(text: string): CopyParagraph[] {
  return text
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .filter((l) => l.trim())
    .map((l) => ({ runs: [{ text: l }] }));
}

/**
 * Markdown as reporters write it in plain-text editors: `#` the 主题, `##` and below 小标题, `>` the
 * 引题 when it stands above the first heading; **bold** and *emphasis* kept; images and links as text.
 */
export function markdownParagraphs(text: string): CopyParagraph[] {
  const out: CopyParagraph[] = [];
  for (const line of text.split(/\r\n|\r|\n|\u2028|\u2029/)) {
    if (!line.trim() || /^\s*(?:[-*_]\s*){3,}$/.test(line)) continue;
    let body: string;
    let style: string | undefined;
    const h = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      style = h[1].length === 1 ? 'h1' : 'h3';
      body = h[2];
    } else if (/^\s{0,3}>\s?/.test(line) && !out.some((p) => p.style === 'h1')) {
      style = 'kicker';
      body = line.replace(/^\s{0,3}>\s?/, '');
    } else body = line.replace(/^\s{0,3}(?:[-*+]|\d+[.)])\s+/, '');
    body = body.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const runs: CopyParagraph['runs'] = [];
    const re = /(\*\*|__)(.+?)\1|(\*|_)(.+?)\3/g;
    let at = 0;
    for (let m = re.exec(body); m; m = re.exec(body)) {
      if (m.index > at) runs.push({ text: body.slice(at, m.index) });
      runs.push(m[2] !== undefined ? { text: m[2], bold: true } : { text: m[4], emphasis: true });
      at = m.index + m[0].length;
    }
    if (at < body.length) runs.push({ text: body.slice(at) });
    out.push({ ...(style ? { style } : {}), runs });
  }
  return out;
}
