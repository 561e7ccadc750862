// Word stories (.docx). The parts read are the main document, its styles (to name paragraph styles as the
// writer saw them) and its relationships (to find embedded photos); nothing else in the archive is
// touched. Paragraph styles become roles through the same rules as pasted copy (engine/model/copy.ts).
import { posix } from 'node:path';
import type { CopyParagraph } from '../../../engine/model/copy';
import type { TextLeaf } from '../../../engine/model/types';
import { tokenize, type MarkupToken } from '../../../engine/model/markup';
import { ImportError, LIMITS } from './errors';
import { ZipReader } from './zip';
import { imageInfo, otherImageKind, type ImageInfo } from './image-info';

export interface DocxPhoto extends ImageInfo {
  bytes: Buffer;
}

export interface DocxContent {
  paragraphs: CopyParagraph[];
  /** Photos by their key in `paragraphs[].photo.asset` (the part name inside the archive). */
  photos: Map<string, DocxPhoto>;
  warnings: string[];
}

const xmlText = (b: Buffer) => b.toString('utf8');
const isOff = (v: string | undefined) => v === '0' || v === 'false' || v === 'off' || v === 'none';

function attr(t: MarkupToken, name: string): string | undefined {
  return t.kind === 'open' ? t.attrs[name] : undefined;
}

/** Relationship id → target part name, for one part's .rels file. */
function readRels(zip: ZipReader, part: string): Map<string, { target: string; external: boolean }> {
  const dir = posix.dirname(part);
  const relsName = posix.join(dir, '_rels', posix.basename(part) + '.rels');
  const out = new Map<string, { target: string; external: boolean }>();
  if (!zip.has(relsName)) return out;
  for (const t of tokenize(xmlText(zip.read(relsName, LIMITS.xmlPartBytes)))) {
    if (t.kind !== 'open' || t.name !== 'Relationship') continue;
    const id = t.attrs.Id;
    const target = t.attrs.Target ?? '';
    const external = t.attrs.TargetMode === 'External';
    if (id)
      out.set(id, {
        target: external
          ? target
          : target.startsWith('/')
            ? target.slice(1)
            : posix.normalize(posix.join(dir, target)),
        external,
      });
  }
  return out;
}

/**
 * Style id → the style's name, so 引题 or "heading 1" is seen whatever id Word gave it; and the
 * character styles that hide their text (w:vanish).
 */
function readStyles(
  zip: ZipReader,
  name: string | undefined,
): { names: Map<string, string>; hidden: Set<string> } {
  const out = new Map<string, string>();
  const hidden = new Set<string>();
  if (!name || !zip.has(name)) return { names: out, hidden };
  let id: string | undefined;
  let character = false;
  for (const t of tokenize(xmlText(zip.read(name, LIMITS.xmlPartBytes)))) {
    if (t.kind === 'open' && t.name === 'w:style') {
      id = t.attrs['w:styleId'];
      character = t.attrs['w:type'] === 'character';
    } else if (t.kind === 'open' && t.name === 'w:name' && id) out.set(id, t.attrs['w:val'] ?? id);
    else if (t.kind === 'open' && t.name === 'w:vanish' && id && character && !isOff(t.attrs['w:val']))
      hidden.add(id);
    else if (t.kind === 'close' && t.name === 'w:style') id = undefined;
  }
  return { names: out, hidden };
}

export function readDocx(bytes: Buffer, label: string): DocxContent {
  const zip = new ZipReader(bytes, label);
  const root = readRels(zip, '');
  const mainRel = [...root.values()].find((r) => /document(2)?\.xml$/.test(r.target) && !r.external);
  const main = mainRel?.target ?? 'word/document.xml';
  if (!zip.has(main)) {
    throw new ImportError(`${label} is a zip archive but not a Word document (it has no ${main}).`);
  }
  const rels = readRels(zip, main);
  const stylesPart =
    [...rels.values()].find((r) => /styles\.xml$/.test(r.target))?.target ?? 'word/styles.xml';
  const { names: styles, hidden: hiddenStyles } = readStyles(zip, stylesPart);
  const doc = xmlText(zip.read(main, LIMITS.xmlPartBytes));

  const paragraphs: CopyParagraph[] = [];
  const photos = new Map<string, DocxPhoto>();
  const warnings: string[] = [];
  let para: CopyParagraph | null = null;
  const outer: CopyParagraph[] = [];
  let inRun = false,
    inRunProps = false,
    inParaProps = false,
    inText = false;
  let bold = false,
    emphasis = false;
  // Hidden text (w:vanish on the run, or in its character style) is not printed: it is not copy.
  let vanish = false;
  // Text inside these is not the story's: deleted revisions and the old place of moved text (tracked
  // changes as the reader sees them: insertions and moved-to text stay), field codes, the fallback copy of a drawing.
  let hidden = 0;
  const HIDDEN = new Set([
    'w:del',
    'w:moveFrom',
    'w:instrText',
    'mc:Fallback',
    'w:delText',
    'w:footnoteReference',
    'w:endnoteReference',
    'w:commentReference',
  ]);

  const push = (text: string) => {
    if (inRun && para && !vanish) para.runs.push(leaf(text));
  };
  const leaf = (text: string): TextLeaf => ({
    text,
    ...(bold ? { bold: true as const } : {}),
    ...(emphasis ? { emphasis: true as const } : {}),
  });
  const pushPhoto = (rid: string | undefined) => {
    if (!rid) return;
    const rel = rels.get(rid);
    const at = para;
    // A photo stands as its own block, between the text before and after it.
    if (at && at.runs.length) paragraphs.push({ ...at, runs: at.runs.splice(0) });
    if (!rel) {
      warnings.push(
        `a picture refers to a missing relationship ${rid}; an empty photo frame stands in its place`,
      );
      paragraphs.push({ runs: [], photo: { asset: null } });
      return;
    }
    if (rel.external) {
      warnings.push(
        `a picture is linked, not embedded (${rel.target}); an empty photo frame stands in its place`,
      );
      paragraphs.push({ runs: [], photo: { asset: null } });
      return;
    }
    if (!photos.has(rel.target)) {
      if (!zip.has(rel.target)) {
        warnings.push(
          `the picture ${rel.target} is missing from the file; an empty photo frame stands in its place`,
        );
        paragraphs.push({ runs: [], photo: { asset: null } });
        return;
      }
      const b = zip.read(rel.target, LIMITS.imageBytes);
      const info = imageInfo(b);
      if (!info) {
        warnings.push(
          `the picture ${posix.basename(rel.target)} is ${otherImageKind(b) ?? 'in an unknown format'}, not JPEG or PNG; an empty photo frame stands in its place`,
        );
        paragraphs.push({ runs: [], photo: { asset: null } });
        return;
      }
      photos.set(rel.target, { ...info, bytes: b });
    }
    paragraphs.push({ runs: [], photo: { asset: rel.target } });
  };

  for (const t of tokenize(doc)) {
    if (t.kind === 'open') {
      const n = t.name;
      if (HIDDEN.has(n) && !t.selfClosing) {
        hidden++;
        continue;
      }
      if (hidden) continue;
      switch (n) {
        case 'w:p':
          // A text box's paragraphs sit inside a paragraph of the body: finish them, then go back out.
          if (t.selfClosing) break;
          if (para) outer.push(para);
          para = { runs: [] };
          inParaProps = false;
          break;
        case 'w:pPr':
          inParaProps = !t.selfClosing;
          break;
        case 'w:pStyle':
          if (para && inParaProps) {
            const id = attr(t, 'w:val');
            para.style = id ? (styles.get(id) ?? id) : undefined;
          }
          break;
        case 'w:r':
          inRun = !t.selfClosing;
          bold = false;
          emphasis = false;
          vanish = false;
          break;
        case 'w:rPr':
          inRunProps = inRun && !t.selfClosing;
          break;
        case 'w:b':
          if (inRunProps) bold = !isOff(attr(t, 'w:val'));
          break;
        case 'w:i':
          if (inRunProps) emphasis = !isOff(attr(t, 'w:val'));
          break;
        case 'w:rStyle':
          if (inRunProps) {
            const id = attr(t, 'w:val') ?? '';
            const s = styles.get(id) ?? id;
            if (/strong|bold|加粗|要点/i.test(s)) bold = true;
            if (/emphasis|强调|斜体/i.test(s)) emphasis = true;
            if (hiddenStyles.has(id)) vanish = true;
          }
          break;
        case 'w:vanish':
          if (inRunProps) vanish = !isOff(attr(t, 'w:val'));
          break;
        // A symbol from a symbol font (Wingdings, Symbol): its character code; F0xx is the font's own range.
        case 'w:sym': {
          const c = parseInt(attr(t, 'w:char') ?? '', 16);
          if (c > 0 && c <= 0x10ffff)
            push(
              String.fromCodePoint(
                c >= 0xf020 && c <= 0xf0ff && /^symbol$/i.test(attr(t, 'w:font') ?? '') ? c - 0xf000 : c,
              ),
            );
          break;
        }
        case 'w:noBreakHyphen':
          push('\u2011');
          break;
        case 'w:t':
          inText = !t.selfClosing;
          break;
        case 'w:tab':
          push(' ');
          break;
        case 'w:br':
        case 'w:cr':
          // A manual line break inside a paragraph: in copy it separates paragraphs.
          if (inRun && para) {
            const style: string | undefined = para.style;
            paragraphs.push(para);
            para = { runs: [], style };
          }
          break;
        case 'a:blip':
          pushPhoto(attr(t, 'r:embed'));
          break;
        case 'v:imagedata':
          pushPhoto(attr(t, 'r:id'));
          break;
      }
      continue;
    }
    if (t.kind === 'close') {
      if (HIDDEN.has(t.name)) {
        hidden = Math.max(0, hidden - 1);
        continue;
      }
      if (hidden) continue;
      switch (t.name) {
        case 'w:p':
          if (para) paragraphs.push(para);
          para = outer.pop() ?? null;
          break;
        case 'w:pPr':
          inParaProps = false;
          break;
        case 'w:r':
          inRun = false;
          inRunProps = false;
          break;
        case 'w:rPr':
          inRunProps = false;
          break;
        case 'w:t':
          inText = false;
          break;
      }
      continue;
    }
    // Text counts only inside w:t (text between other tags is the XML's own indentation).
    if (t.kind === 'text' && !hidden && inText && para && !vanish) para.runs.push(leaf(t.text));
  }
  return { paragraphs, photos, warnings };
}
