// The proofreading round trip, Node side: an annotated proof PDF and the edition it was made from
// in, proofreaders' marks on articles and characters out. The edition is laid out again and each
// page checked against the digest the proof carries; a page re-set since the proof was exported
// gets no marks mapped onto it (they would land on the wrong characters), and says so. A proof
// that a tool rewrote without its identification is recognised page by page by its copy.
import type { DisplayPage } from '../../../engine/display/types';
import type { FontSet } from '../../../engine/fonts/metrics';
import { layoutEdition } from '../../../engine/layout';
import type { Edition } from '../../../engine/model/types';
import { colorHex, mapPageAnnotations } from '../../../engine/proof/map';
import { matchPageText, type PageMatch } from '../../../engine/proof/recognise';
import type { ProofMark, UnplacedMark } from '../../../engine/proof/types';
import type { Template } from '../../../engine/templates/types';
import { pageDigest, type ProofIdentity } from './identity';
import { ProofReadError, readProofPdf, type ProofPdf, type ProofPdfPage } from './read';

export { MAX_PROOF_ANNOTATIONS, MAX_PROOF_BYTES, ProofReadError, proofTooLarge, readProofPdf } from './read';
export { PROOF_INFO_KEY, XMP_PROOF_NS, pageDigest, proofIdentity } from './identity';
export type { ProofIdentity } from './identity';

export interface ProofPageResult {
  /** The edition's page number (0 when a proof without identification has a page that is none of them), and where it is in the PDF. */
  number: number;
  pdfPage: number;
  /**
   * ok: marks mapped; stale: the page was re-set after the proof was made; missing: no such page
   * now (or, recognised by content, the page's copy matches no page of the edition).
   */
  status: 'ok' | 'stale' | 'missing';
  annotations: number;
}

/**
 * How the proof was recognised: by the identification in its document information (as exported,
 * or saved by a reader that appends), in its XMP packet (a reader or tool rewrote the file), or,
 * when neither survived, by comparing each page's text with the edition laid out again.
 */
export type RecognisedBy = 'info' | 'xmp' | 'content';

export interface ProofImport {
  identity: ProofIdentity;
  recognisedBy: RecognisedBy;
  pages: ProofPageResult[];
  marks: ProofMark[];
  /** Marks on no article text, and every mark of a stale, missing or unrecognised page: listed, never dropped. */
  unplaced: UnplacedMark[];
  /** What the editor should know about the file itself, e.g. marks a rewriting tool is known to lose. */
  warnings: string[];
}

/**
 * Ghostscript's pdfwrite (10.0) keeps text-markup and note annotations but drops Caret annotations
 * and the In-Reply-To links between marks: insertions are gone, and the strike-out of a replacement
 * arrives as a plain deletion. Nothing in the file is left to tell; the editor is told to check.
 */
function rewriteWarnings(proof: ProofPdf): string[] {
  if (!/ghostscript/i.test(proof.producer)) return [];
  return [
    `the proof was rewritten by ${proof.producer.trim()}, which drops insertion carets (增补, and the caret of 改正) and the links between grouped marks: a replacement arrives as a deletion. Check insertions and replacements against the proofreader's copy`,
  ];
}

export interface ProofContext {
  fonts: FontSet;
  templates: Record<string, Template>;
  /** Names the proof file in messages. */
  label?: string;
}

/** Size tolerance between the proof's page and the laid-out page, points. */
const SIZE_SLACK = 0.5;

const sameSize = (page: DisplayPage, pdfPage: ProofPdfPage) =>
  Math.abs(page.width - pdfPage.width) <= SIZE_SLACK && Math.abs(page.height - pdfPage.height) <= SIZE_SLACK;

function unplace(result: ProofImport, pdfPage: ProofPdfPage, number: number, reason: string) {
  for (const a of pdfPage.annotations) {
    if (a.subtype === 'Popup') continue;
    result.unplaced.push({
      id: `${number || `p${pdfPage.index}`}:${a.id}`,
      page: number,
      subtype: a.subtype,
      at: a.rect,
      note: a.contents,
      author: a.author,
      date: a.date,
      color: colorHex(a.color),
      reason,
    });
  }
}

const marked = (p: ProofPdfPage) => p.annotations.filter((a) => a.subtype !== 'Popup').length;

export async function importProof(
  edition: Edition,
  pdf: Uint8Array,
  ctx: ProofContext,
): Promise<ProofImport> {
  const label = ctx.label ?? 'the proof';
  const proof = await readProofPdf(pdf, label);
  const { identity } = proof;
  if (!identity) return importByContent(edition, proof, ctx, label);
  if (identity.edition !== edition.id)
    throw new ProofReadError(
      `${label} 是另一期次的校样，不属于本期次（${label} is a proof of edition "${identity.edition}", not of "${edition.id}"）`,
    );

  const numbers = identity.pages
    .map((p) => p.number)
    .filter((n) => edition.pages.some((p) => p.number === n));
  const list = numbers.length
    ? layoutEdition(edition, { fonts: ctx.fonts, templates: ctx.templates }, { pages: numbers })
    : null;
  const result: ProofImport = {
    identity,
    recognisedBy: proof.identifiedBy!,
    pages: [],
    marks: [],
    unplaced: [],
    warnings: rewriteWarnings(proof),
  };

  proof.pages.forEach((pdfPage, i) => {
    const number = identity.pages[i].number;
    const page: DisplayPage | undefined = list?.pages.find((p) => p.number === number);
    const status: ProofPageResult['status'] = !page
      ? 'missing'
      : !sameSize(page, pdfPage) || pageDigest(page) !== identity.pages[i].digest
        ? 'stale'
        : 'ok';
    result.pages.push({ number, pdfPage: pdfPage.index, status, annotations: marked(pdfPage) });
    if (status === 'ok') {
      const mapped = mapPageAnnotations(edition, page!, pdfPage.annotations);
      // The proof's own round, where it carries one, says which round its marks came from.
      result.marks.push(...mapped.marks.map((m) => (identity.round ? { ...m, round: identity.round } : m)));
      result.unplaced.push(...mapped.unplaced);
      return;
    }
    unplace(
      result,
      pdfPage,
      number,
      status === 'missing'
        ? `the edition has no page ${number} any more`
        : `page ${number} has been re-set since the proof was exported: its copy no longer stands where the proofreader marked it`,
    );
  });
  return result;
}

/**
 * A proof whose identification a rewriting tool dropped: each PDF page is compared with every
 * laid-out page of its size. A page whose every line matches takes marks; one that is recognised
 * but has been re-set, or is recognised as no page, has its marks listed. A proof none of whose
 * pages is a page of this edition is refused, as one with the wrong edition id would be.
 */
function importByContent(edition: Edition, proof: ProofPdf, ctx: ProofContext, label: string): ProofImport {
  const list = layoutEdition(edition, { fonts: ctx.fonts, templates: ctx.templates });
  // The export time went with the identification: rewriting tools stamp their own creation date.
  const identity: ProofIdentity = { version: 1, edition: edition.id, exported: '', pages: [] };
  const result: ProofImport = {
    identity,
    recognisedBy: 'content',
    pages: [],
    marks: [],
    unplaced: [],
    warnings: rewriteWarnings(proof),
  };
  const found = proof.pages.map((pdfPage) => {
    let best: { page: DisplayPage; m: PageMatch } | null = null;
    for (const page of list.pages) {
      if (!sameSize(page, pdfPage)) continue;
      const m = matchPageText(page, pdfPage.text ?? []);
      if (m.exact) return { page, m };
      if (m.same && (!best || m.matched / m.total > best.m.matched / best.m.total)) best = { page, m };
    }
    return best;
  });
  if (!found.some(Boolean)) {
    throw new ProofReadError(
      `${label} is not a Banmian proof: it carries no Banmian proof identification (${proof.missing}), and the copy of none of its ${proof.pages.length} page(s) matches a page of edition "${edition.id}" as laid out now. If it is a proof of another edition, import it into that one; otherwise export a proof with "banmian export --preset proof" and annotate that`,
    );
  }
  proof.pages.forEach((pdfPage, i) => {
    const f = found[i];
    if (!f) {
      result.pages.push({
        number: 0,
        pdfPage: pdfPage.index,
        status: 'missing',
        annotations: marked(pdfPage),
      });
      unplace(
        result,
        pdfPage,
        0,
        `PDF page ${pdfPage.index} carries no proof identification and its text matches no page of the edition as laid out now`,
      );
      return;
    }
    const { number } = f.page;
    identity.pages.push({ number, digest: pageDigest(f.page) });
    result.pages.push({
      number,
      pdfPage: pdfPage.index,
      status: f.m.exact ? 'ok' : 'stale',
      annotations: marked(pdfPage),
    });
    if (f.m.exact) {
      const mapped = mapPageAnnotations(edition, f.page, pdfPage.annotations);
      result.marks.push(...mapped.marks);
      result.unplaced.push(...mapped.unplaced);
      return;
    }
    unplace(
      result,
      pdfPage,
      number,
      `page ${number} has been re-set since the proof was exported: ${f.m.total - f.m.matched} of its ${f.m.total} lines of copy no longer read as on the proof`,
    );
  });
  return result;
}
