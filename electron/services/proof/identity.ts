// How a proof PDF says what it is: an entry in the document information dictionary naming the
// edition, the export time and, per page, the edition's page number and a digest of where its copy
// stood. Readers keep document properties when they save annotations (incremental update), and
// this is the only part of the file we need back besides the annotations.
import { createHash } from 'node:crypto';
import type { DisplayPage } from '../../../engine/display/types';
import { pageSignature } from '../../../engine/proof/signature';

/** The document information key; a PDF without it is not one of our proofs. */
export const PROOF_INFO_KEY = 'BanmianProof';

export interface ProofIdentity {
  version: 1;
  edition: string;
  /** ISO time the proof was exported. */
  exported: string;
  /** In PDF page order. */
  pages: { number: number; digest: string }[];
}

export function pageDigest(page: DisplayPage): string {
  return createHash('sha256').update(pageSignature(page)).digest('hex').slice(0, 32);
}

export function proofIdentity(editionId: string, pages: DisplayPage[], exported: Date): string {
  const id: ProofIdentity = { version: 1, edition: editionId, exported: exported.toISOString(), pages: pages.map((p) => ({ number: p.number, digest: pageDigest(p) })) };
  return JSON.stringify(id);
}

/** The identity read back from a PDF, or a reason why it is not usable. */
export function parseProofIdentity(raw: unknown): ProofIdentity | string {
  if (typeof raw !== 'string') return 'it carries no Banmian proof identification';
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return 'its proof identification is damaged';
  }
  const o = v as Partial<ProofIdentity>;
  if (!o || o.version !== 1) return `its proof identification is of an unknown version (${JSON.stringify(o?.version)})`;
  if (typeof o.edition !== 'string' || typeof o.exported !== 'string' || !Array.isArray(o.pages) ||
      !o.pages.every((p) => p && Number.isInteger(p.number) && typeof p.digest === 'string')) return 'its proof identification is damaged';
  return o as ProofIdentity;
}
