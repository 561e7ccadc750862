// The proofreading round trip, Node side: an annotated proof PDF and the edition it was made from
// in, proofreaders' marks on articles and characters out. The edition is laid out again and each
// page checked against the digest the proof carries; a page re-set since the proof was exported
// gets no marks mapped onto it (they would land on the wrong characters), and says so.
import type { DisplayPage } from '../../../engine/display/types';
import type { FontSet } from '../../../engine/fonts/metrics';
import { layoutEdition } from '../../../engine/layout';
import type { Edition } from '../../../engine/model/types';
import { colorHex, mapPageAnnotations } from '../../../engine/proof/map';
import type { ProofMark, UnplacedMark } from '../../../engine/proof/types';
import type { Template } from '../../../engine/templates/types';
import { pageDigest, type ProofIdentity } from './identity';
import { ProofReadError, readProofPdf } from './read';

export { ProofReadError, readProofPdf } from './read';
export { PROOF_INFO_KEY, pageDigest, proofIdentity } from './identity';
export type { ProofIdentity } from './identity';

export interface ProofPageResult {
  /** The edition's page number, and where it is in the PDF. */
  number: number;
  pdfPage: number;
  /** ok: marks mapped; stale: the page was re-set after the proof was made; missing: no such page now. */
  status: 'ok' | 'stale' | 'missing';
  annotations: number;
}

export interface ProofImport {
  identity: ProofIdentity;
  pages: ProofPageResult[];
  marks: ProofMark[];
  /** Marks on no article text, and every mark of a stale or missing page: listed, never dropped. */
  unplaced: UnplacedMark[];
}

export interface ProofContext {
  fonts: FontSet;
  templates: Record<string, Template>;
  /** Names the proof file in messages. */
  label?: string;
}

/** Size tolerance between the proof's page and the laid-out page, points. */
const SIZE_SLACK = 0.5;

export async function importProof(edition: Edition, pdf: Uint8Array, ctx: ProofContext): Promise<ProofImport> {
  const label = ctx.label ?? 'the proof';
  const proof = await readProofPdf(pdf, label);
  const { identity } = proof;
  if (identity.edition !== edition.id) throw new ProofReadError(`${label} is a proof of edition "${identity.edition}", not of "${edition.id}"`);

  const numbers = identity.pages.map((p) => p.number).filter((n) => edition.pages.some((p) => p.number === n));
  const list = numbers.length ? layoutEdition(edition, { fonts: ctx.fonts, templates: ctx.templates }, { pages: numbers }) : null;
  const result: ProofImport = { identity, pages: [], marks: [], unplaced: [] };

  proof.pages.forEach((pdfPage, i) => {
    const number = identity.pages[i].number;
    const page: DisplayPage | undefined = list?.pages.find((p) => p.number === number);
    const status: ProofPageResult['status'] = !page ? 'missing'
      : Math.abs(page.width - pdfPage.width) > SIZE_SLACK || Math.abs(page.height - pdfPage.height) > SIZE_SLACK || pageDigest(page) !== identity.pages[i].digest ? 'stale' : 'ok';
    result.pages.push({ number, pdfPage: pdfPage.index, status, annotations: pdfPage.annotations.filter((a) => a.subtype !== 'Popup').length });
    if (status === 'ok') {
      const mapped = mapPageAnnotations(edition, page!, pdfPage.annotations);
      result.marks.push(...mapped.marks);
      result.unplaced.push(...mapped.unplaced);
      return;
    }
    const reason = status === 'missing'
      ? `the edition has no page ${number} any more`
      : `page ${number} has been re-set since the proof was exported: its copy no longer stands where the proofreader marked it`;
    for (const a of pdfPage.annotations) {
      if (a.subtype === 'Popup') continue;
      result.unplaced.push({ id: `${number}:${a.id}`, page: number, subtype: a.subtype, at: a.rect, note: a.contents, author: a.author, date: a.date, color: colorHex(a.color), reason });
    }
  });
  return result;
}
