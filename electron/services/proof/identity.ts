// How a proof PDF says what it is: an entry in the document information dictionary naming the
// edition, the export time and, per page, the edition's page number and a digest of where its copy
// stood. Readers keep document properties when they save annotations (incremental update); readers
// and optimisers that rewrite the whole file drop information entries they do not know but keep the
// XMP packet, so the same text is in a schema of its own there too.
import { createHash } from 'node:crypto';
import type { DisplayPage } from '../../../engine/display/types';
import { pageSignature } from '../../../engine/proof/signature';
import { MAX_ROUND } from '../../../engine/proof/round';

/** The XMP schema the identification is repeated in, and the prefix the proof writes it with. */
export const XMP_PROOF_NS = 'urn:banmian:proof:1.0#';
export const XMP_PROOF_PREFIX = 'banmianProof';

/** The document information key; a PDF without it is not one of our proofs. */
export const PROOF_INFO_KEY = 'BanmianProof';

export interface ProofIdentity {
  version: 1;
  edition: string;
  /** ISO time the proof was exported; empty when the proof was recognised by its copy and the time is lost. */
  exported: string;
  /** In PDF page order. */
  pages: { number: number; digest: string }[];
  /** The proof's round (校次: 1 一校, 2 二校 …); absent in proofs made before rounds were counted. */
  round?: number;
}

export function pageDigest(page: DisplayPage): string {
  return createHash('sha256').update(pageSignature(page)).digest('hex').slice(0, 32);
}

export function proofIdentity(
  editionId: string,
  pages: DisplayPage[],
  exported: Date,
  round?: number,
): string {
  const id: ProofIdentity = {
    version: 1,
    edition: editionId,
    exported: exported.toISOString(),
    pages: pages.map((p) => ({ number: p.number, digest: pageDigest(p) })),
    ...(round ? { round } : {}),
  };
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
  if (!o || o.version !== 1)
    return `its proof identification is of an unknown version (${JSON.stringify(o?.version)})`;
  if (
    typeof o.edition !== 'string' ||
    typeof o.exported !== 'string' ||
    !Array.isArray(o.pages) ||
    !o.pages.every((p) => p && Number.isInteger(p.number) && typeof p.digest === 'string') ||
    (o.round !== undefined && !(Number.isInteger(o.round) && o.round >= 1 && o.round <= MAX_ROUND))
  )
    return 'its proof identification is damaged';
  return o as ProofIdentity;
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const xmlText = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : XML_ENTITIES[e],
  );

/**
 * The identification in an XMP packet, whatever prefix the writer gave our schema and whether it
 * wrote the property as an element or, as some XMP toolkits re-serialise simple ones, an attribute.
 */
export function xmpProofIdentity(xmp: string): ProofIdentity | string {
  const declared = [...xmp.matchAll(/xmlns:([\w.-]+)\s*=\s*["']([^"']*)["']/g)]
    .filter((m) => m[2] === XMP_PROOF_NS)
    .map((m) => m[1]);
  for (const prefix of declared) {
    const p = prefix.replace(/[.-]/g, '\\$&');
    const m =
      new RegExp(`<${p}:Identification>([^<]*)</${p}:Identification>`).exec(xmp) ??
      new RegExp(`${p}:Identification\\s*=\\s*"([^"]*)"`).exec(xmp);
    if (m) return parseProofIdentity(xmlText(m[1]));
  }
  return 'it carries no Banmian proof identification';
}
