// Importing a reporter's story file (.txt or .docx) as an article with its photos. The file is read
// whole into memory only after its size is checked, parsed with limits (zip.ts), and turned into blocks
// by the same rules as pasted copy. Nothing is written anywhere here: the caller adds the result to an
// edition in one transaction (EditionStore.addArticleWithAssets), so a refused file changes nothing.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { blocksFromCopy } from '../../../engine/model/copy';
import type { Article, Block } from '../../../engine/model/types';
import { ImportError, LIMITS, mb } from './errors';
import { decodeText, markdownParagraphs, textParagraphs, type TextEncoding } from './txt';
import { readDocx } from './docx';
import type { ImageInfo } from './image-info';

export { ImportError, LIMITS } from './errors';
export { decodeText } from './txt';

export interface ImportedPhoto extends ImageInfo {
  bytes: Buffer;
}

export interface ImportedStory {
  article: Article;
  /** Photos the article's photo blocks refer to, keyed by content hash (the asset id). */
  assets: ImportedPhoto[];
  /** Things the editor should know: pictures that could not be brought in, the encoding detected. */
  warnings: string[];
  encoding?: TextEncoding;
}

function readBounded(path: string, limit: number, label: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ImportError(
      code === 'ENOENT'
        ? `${label} does not exist.`
        : code === 'EISDIR'
          ? `${label} is a folder.`
          : `${label} cannot be read (${(e as Error).message}).`,
    );
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new ImportError(`${label} is a folder.`);
    if (st.size > limit)
      throw new ImportError(
        `${label} is ${mb(st.size)}, over the ${mb(limit)} a story file may be; it was not read.`,
      );
    if (st.size === 0) throw new ImportError(`${label} is empty.`);
    const buf = Buffer.alloc(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, buf, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

export function newArticleId(): string {
  return `a-${randomBytes(5).toString('hex')}`;
}

function finish(blocks: Block[], label: string, id: string): Article {
  if (!blocks.some((b) => b.type === 'photo' || b.children.some((c) => c.text.trim())))
    throw new ImportError(`${label} has no text to import.`);
  const head = blocks.find((b) => b.type === 'headline') ?? blocks.find((b) => b.type === 'paragraph');
  const text = head ? head.children.map((c) => c.text).join('') : basename(label);
  const chars = Array.from(text);
  return { id, slug: chars.length > 24 ? chars.slice(0, 24).join('') + '…' : text, status: 'draft', blocks };
}

/** The encoding a story was read in, said when it was not UTF-8. */
const encodingWarnings = (encoding: TextEncoding): string[] =>
  encoding === 'utf-8' ? [] : [`按 ${encoding.toUpperCase()} 编码读入 (read as ${encoding.toUpperCase()})`];

/** A Markdown heading line (`# 主题`, `## 小标题`): reporters type them in plain-text files too. */
const MARKDOWN_HEADING = /^\s{0,3}#{1,6}\s+\S/m;

export function importText(bytes: Buffer, label: string, id = newArticleId()): ImportedStory {
  const { text, encoding } = decodeText(bytes, label);
  // A .txt written with Markdown headings is Markdown: its `#` marks the 主题 rather than standing in it.
  if (MARKDOWN_HEADING.test(text)) {
    const story = fromMarkdown(text, encoding, label, id);
    return { ...story, warnings: [...story.warnings, '含 # 标题，按 Markdown 读入 (read as Markdown)'] };
  }
  const blocks = blocksFromCopy(textParagraphs(text), { guessHeads: true });
  return { article: finish(blocks, label, id), assets: [], warnings: encodingWarnings(encoding), encoding };
}

export function importDocx(bytes: Buffer, label: string, id = newArticleId()): ImportedStory {
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0xd0cf11e0)
    throw new ImportError(`${label} is an old Word .doc file, not .docx; save it as .docx and import again.`);
  if (bytes.length < 4 || bytes.readUInt32BE(0) !== 0x504b0304) {
    const hint =
      bytes.subarray(0, 5).toString('latin1') === '%PDF-'
        ? 'a PDF'
        : bytes.subarray(0, 5).toString('latin1').startsWith('{\\rtf')
          ? 'an RTF file'
          : 'not a zip archive';
    throw new ImportError(`${label} is not a Word .docx document: it is ${hint}.`);
  }
  const doc = readDocx(bytes, label);
  // Photos are addressed by content hash in the edition; the docx's part names are only keys here.
  const ids = new Map<string, string>();
  const assets: ImportedPhoto[] = [];
  for (const [part, photo] of doc.photos) {
    const hash = createHash('sha256').update(photo.bytes).digest('hex');
    ids.set(part, hash);
    if (!assets.some((a) => createHash('sha256').update(a.bytes).digest('hex') === hash)) assets.push(photo);
  }
  const paragraphs = doc.paragraphs.map((p) =>
    p.photo?.asset ? { ...p, photo: { ...p.photo, asset: ids.get(p.photo.asset) ?? null } } : p,
  );
  return { article: finish(blocksFromCopy(paragraphs), label, id), assets, warnings: doc.warnings };
}

export function importMarkdown(bytes: Buffer, label: string, id = newArticleId()): ImportedStory {
  const { text, encoding } = decodeText(bytes, label);
  return fromMarkdown(text, encoding, label, id);
}

function fromMarkdown(text: string, encoding: TextEncoding, label: string, id: string): ImportedStory {
  const blocks = blocksFromCopy(markdownParagraphs(text), { guessHeads: !/^\s{0,3}#\s/m.test(text) });
  return {
    article: finish(blocks, label, id),
    assets: [],
    warnings: encodingWarnings(encoding),
    encoding,
  };
}

type StoryKind = 'docx' | 'txt' | 'md';

function storyKind(label: string): StoryKind {
  const ext = extname(label).toLowerCase();
  if (ext === '.docx') return 'docx';
  if (ext === '.txt' || ext === '.text' || ext === '') return 'txt';
  if (ext === '.md' || ext === '.markdown') return 'md';
  if (ext === '.doc')
    throw new ImportError(`${label} is an old Word .doc file; save it as .docx and import again.`);
  throw new ImportError(`${label}: Banmian imports .docx, .txt and .md stories, not ${ext} files.`);
}

/** The size a story file of this name may be (checked before it is read or sent). */
export function storyLimit(label: string): number {
  return storyKind(label) === 'docx' ? LIMITS.docxBytes : LIMITS.txtBytes;
}

/** Imports a story from its bytes, by its file name's extension (the app sends the bytes it read). */
export function importStoryBytes(bytes: Buffer, label: string, opts: { id?: string } = {}): ImportedStory {
  const kind = storyKind(label);
  const limit = storyLimit(label);
  if (bytes.length > limit)
    throw new ImportError(
      `${label} is ${mb(bytes.length)}, over the ${mb(limit)} a story file may be; it was not read.`,
    );
  if (bytes.length === 0) throw new ImportError(`${label} is empty.`);
  return kind === 'docx'
    ? importDocx(bytes, label, opts.id)
    : kind === 'md'
      ? importMarkdown(bytes, label, opts.id)
      : importText(bytes, label, opts.id);
}

/** Imports a .txt, .md or .docx story file by its extension (and refuses one whose content is something else). */
export function importStoryFile(path: string, opts: { id?: string } = {}): ImportedStory {
  const label = basename(path);
  return importStoryBytes(readBounded(path, storyLimit(label), label), label, opts);
}
