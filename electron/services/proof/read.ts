// Reading an annotated proof back: pdf.js parses the file (it follows incremental updates, xref
// streams and the damage real readers leave), and hands back only plain data: the proof's
// identification and each page's annotations, converted to display-list space. The
// identification is looked for in the information dictionary first, then in the XMP packet;
// when a tool has rewritten the file and dropped both, each page's text and where it stands are
// read instead, so the caller can recognise the pages by their copy.
import type { PageRect, PageText, ProofAnnotation } from '../../../engine/proof/types';
import { PROOF_INFO_KEY, parseProofIdentity, xmpProofIdentity, type ProofIdentity } from './identity';

/** A proof that cannot be used; the message says which file and why. Nothing was changed. */
export class ProofReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProofReadError';
  }
}

export interface ProofPdfPage {
  /** 1-based index in the PDF. */
  index: number;
  /** The visible page (crop box) size, points. */
  width: number;
  height: number;
  annotations: ProofAnnotation[];
  /** The page's text pieces, read only when the file carries no identification. */
  text: PageText[] | null;
}

/** Where the proof's identification was found: info dictionary, XMP packet, or nowhere. */
export type IdentifiedBy = 'info' | 'xmp';

export interface ProofPdf {
  /** Null when no identification survived; `missing` says what was looked at. */
  identity: ProofIdentity | null;
  identifiedBy: IdentifiedBy | null;
  missing: string | null;
  /** The program that wrote the file last, as its information dictionary says. */
  producer: string;
  pages: ProofPdfPage[];
}

/**
 * Proofs are a few pages; a file far larger than any proof is refused before parsing (callers that
 * read from disk check the size before reading). Reading keeps at most one copy of the file and one
 * page's annotations in memory besides its own results: peak memory stays within ten times the
 * file's size (docs/BENCHMARKS.md).
 */
export const MAX_PROOF_BYTES = 100 * 1024 * 1024;
const MAX_PAGES = 64;
/**
 * A heavily marked page carries a few hundred marks; pdf.js keeps several kilobytes per annotation
 * (50 times its bytes in the file), so a proof with more than this is refused before it is parsed.
 */
export const MAX_PROOF_ANNOTATIONS = 10_000;

/** The size refusal, for callers that check a file's size before reading it. */
export function proofTooLarge(label: string, size: number): string | null {
  return size > MAX_PROOF_BYTES
    ? `${label} is ${Math.round(size / 1048576)} MB, larger than any proof (limit ${MAX_PROOF_BYTES / 1048576} MB)`
    : null;
}

/**
 * Annotation dictionaries in the file's bytes (`/Type /Annot`, as readers write them). Objects inside
 * compressed object streams are not seen here; the count per page read checks those afterwards.
 */
function annotationsInBytes(bytes: Uint8Array): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let count = 0;
  for (let i = buf.indexOf('/Annot'); i >= 0; i = buf.indexOf('/Annot', i + 6)) {
    const next = buf[i + 6];
    // '/Annots' is a page's list; '/Annot' followed by a delimiter or white space is one annotation.
    if (next !== 0x73 && !(next >= 0x41 && next <= 0x5a) && !(next >= 0x61 && next <= 0x7a)) count++;
  }
  return count;
}

const tooManyAnnotations = (label: string, n: number) =>
  `${label} carries ${n} annotations, more than any proofreader's marks (limit ${MAX_PROOF_ANNOTATIONS}); it is not read`;

interface PdfjsAnnotation {
  id: string;
  subtype: string;
  rect: number[];
  quadPoints?: Float32Array | number[] | null;
  contentsObj?: { str: string };
  titleObj?: { str: string };
  modificationDate?: string | null;
  creationDate?: string | null;
  color?: Uint8ClampedArray | number[] | null;
  inReplyTo?: string | null;
  replyType?: string;
  state?: string | null;
  stateModel?: string | null;
}

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<Pdfjs> | null = null;
const loadPdfjs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/** A PDF string pdf.js handed over undecoded (dates, names of states): UTF-16BE when it has the mark. */
function decoded(s: string): string {
  if (!s.startsWith('\xfe\xff')) return s;
  let out = '';
  for (let i = 2; i + 1 < s.length; i += 2)
    out += String.fromCharCode((s.charCodeAt(i) << 8) | s.charCodeAt(i + 1));
  return out;
}

/** PDF date (D:YYYYMMDDHHmmSSOHH'mm) to ISO 8601; null when absent or unreadable. */
export function pdfDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = decoded(raw);
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?'?/.exec(
    s.trim(),
  );
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', se = '00', tz, th = '00', tm = '00'] = m;
  const zone = !tz || tz === 'Z' || tz === 'z' ? 'Z' : `${tz}${th}:${tm}`;
  const t = new Date(`${y}-${mo}-${d}T${h}:${mi}:${se}${zone}`);
  return Number.isNaN(t.getTime()) ? null : t.toISOString();
}

/** PDF user space (y up, origin at the crop box's lower left) to display space (y down, trim origin). */
function toPage(view: number[], x1: number, y1: number, x2: number, y2: number): PageRect {
  const left = Math.min(x1, x2),
    right = Math.max(x1, x2),
    low = Math.min(y1, y2),
    high = Math.max(y1, y2);
  return { x: left - view[0], y: view[3] - high, w: right - left, h: high - low };
}

function quads(view: number[], q: ArrayLike<number> | null | undefined): PageRect[] {
  const out: PageRect[] = [];
  if (!q) return out;
  for (let i = 0; i + 8 <= q.length; i += 8) {
    const xs = [q[i], q[i + 2], q[i + 4], q[i + 6]],
      ys = [q[i + 1], q[i + 3], q[i + 5], q[i + 7]];
    out.push(toPage(view, Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)));
  }
  return out;
}

function annotation(view: number[], a: PdfjsAnnotation): ProofAnnotation {
  const r = a.rect ?? [0, 0, 0, 0];
  const c =
    a.color && a.color.length >= 3
      ? ([a.color[0], a.color[1], a.color[2]] as [number, number, number])
      : null;
  return {
    id: a.id,
    subtype: a.subtype,
    rect: toPage(view, r[0], r[1], r[2], r[3]),
    quads: quads(view, a.quadPoints),
    contents: (a.contentsObj?.str ?? '').replace(/\r\n?/g, '\n'),
    author: a.titleObj?.str ?? '',
    date: pdfDate(a.modificationDate) ?? pdfDate(a.creationDate),
    color: c,
    inReplyTo: a.inReplyTo ?? null,
    replyType: a.inReplyTo ? (a.replyType === 'Group' ? 'Group' : 'R') : null,
    state: typeof a.state === 'string' ? decoded(a.state) : null,
  };
}

interface PdfjsTextItem {
  str?: string;
  transform?: number[];
  width?: number;
}

/** Text pieces in display-list space: the origin of each piece's first glyph, on its baseline. */
function pageText(view: number[], items: PdfjsTextItem[]): PageText[] {
  const out: PageText[] = [];
  for (const it of items) {
    const text = (it.str ?? '').replace(/\s+/g, '');
    if (!text || !it.transform) continue;
    out.push({ text, x: it.transform[4] - view[0], y: view[3] - it.transform[5], w: it.width ?? 0 });
  }
  return out;
}

/** Reads the identification and the annotations of a proof PDF. `label` names the file in messages. */
export async function readProofPdf(bytes: Uint8Array, label = 'the PDF'): Promise<ProofPdf> {
  if (bytes.length === 0) throw new ProofReadError(`${label} is empty`);
  const large = proofTooLarge(label, bytes.length);
  if (large) throw new ProofReadError(large);
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(1024, bytes.byteLength)).toString(
    'latin1',
  );
  if (!head.includes('%PDF-')) throw new ProofReadError(`${label} is not a PDF (no %PDF- header)`);
  const annotationCount = annotationsInBytes(bytes);
  if (annotationCount > MAX_PROOF_ANNOTATIONS)
    throw new ProofReadError(tooManyAnnotations(label, annotationCount));

  const { getDocument } = await loadPdfjs();
  // pdf.js takes ownership of (detaches) the buffer it is given: it gets the one copy, so the
  // caller's stays whole. Nothing is rendered: no fonts loaded, no images decoded, no eval.
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    const why =
      (e as Error).name === 'PasswordException'
        ? 'it is password-protected'
        : `it cannot be read as a PDF (${(e as Error).message})`;
    throw new ProofReadError(`${label}: ${why}`);
  }
  try {
    const meta = await doc.getMetadata().catch(() => null);
    const info = meta?.info as { Custom?: Record<string, unknown>; Producer?: string } | undefined;
    const fromInfo = parseProofIdentity(info?.Custom?.[PROOF_INFO_KEY]);
    let identity: ProofIdentity | null = null;
    let identifiedBy: IdentifiedBy | null = null;
    let missing: string | null = null;
    if (typeof fromInfo !== 'string') {
      identity = fromInfo;
      identifiedBy = 'info';
    } else {
      const raw = (meta?.metadata as { getRaw?(): string } | null | undefined)?.getRaw?.() ?? '';
      const fromXmp = xmpProofIdentity(raw);
      if (typeof fromXmp !== 'string') {
        identity = fromXmp;
        identifiedBy = 'xmp';
      }
      // A damaged identification is an error; an absent one leaves the pages' copy to go by.
      else if (!/no Banmian proof identification/.test(fromInfo))
        throw new ProofReadError(`${label} is not a usable Banmian proof: ${fromInfo}`);
      else if (!/no Banmian proof identification/.test(fromXmp))
        throw new ProofReadError(`${label} is not a usable Banmian proof: ${fromXmp}`);
      else
        missing =
          'neither its document information nor its XMP metadata carries the proof identification (a reader or tool rewrote the file)';
    }
    if (identity && doc.numPages !== identity.pages.length)
      throw new ProofReadError(
        `${label} has ${doc.numPages} page(s) but its proof identification lists ${identity.pages.length}: pages were added or removed after export`,
      );
    if (doc.numPages > MAX_PAGES)
      throw new ProofReadError(`${label} has ${doc.numPages} pages; a proof has at most ${MAX_PAGES}`);
    const pages: ProofPdfPage[] = [];
    let annotations = 0;
    for (let i = 1; i <= doc.numPages; i++) {
      let page;
      let list: PdfjsAnnotation[];
      let text: PageText[] | null = null;
      try {
        page = await doc.getPage(i);
        list = (await page.getAnnotations({ intent: 'display' })) as PdfjsAnnotation[];
        if (!identity) text = pageText(page.view, (await page.getTextContent()).items as PdfjsTextItem[]);
      } catch (e) {
        throw new ProofReadError(`${label}: page ${i} cannot be read (${(e as Error).message})`);
      }
      const view = page.view;
      annotations += list.length;
      if (annotations > MAX_PROOF_ANNOTATIONS)
        throw new ProofReadError(tooManyAnnotations(label, annotations));
      pages.push({
        index: i,
        width: view[2] - view[0],
        height: view[3] - view[1],
        annotations: list.map((a) => annotation(view, a)),
        text,
      });
      // One page at a time: what pdf.js parsed for this page is released before the next.
      page.cleanup();
    }
    return {
      identity,
      identifiedBy,
      missing,
      producer: typeof info?.Producer === 'string' ? info.Producer : '',
      pages,
    };
  } finally {
    await doc.destroy();
  }
}
