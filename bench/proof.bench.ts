// Proof import: a proofreader's annotated proof of the sample page back onto the articles — read
// the PDF, lay the edition out again, check the page digest, place every mark. What an editor
// waits on after choosing the file.
import { layoutEdition } from '../engine/layout';
import { applyProofMarks } from '../engine/proof/apply';
import { loadFontSet } from '../electron/services/fonts';
import { exportPdf } from '../electron/services/pdf';
import { importProof } from '../electron/services/proof';
import { loadSampleEdition } from '../electron/services/sample';
import { loadTemplates } from '../electron/services/templates';
import {
  appendAnnotations,
  name,
  quadPoints,
  rectOf,
  selectionQuads,
} from '../tests/support/pdf-annotations';
import type { Bench } from './harness';

const ctx = () => ({ fonts: loadFontSet(), templates: loadTemplates() });

/** The sample proof with a strike-out on every body line's first two characters (a heavily marked page). */
async function markedProof() {
  const edition = loadSampleEdition();
  const page = layoutEdition(edition, ctx()).pages[0];
  const proof = await exportPdf(
    {
      version: 1,
      edition: { paper: edition.paper.name, date: edition.date, issue: edition.issue },
      pages: [page],
    },
    edition,
    { preset: 'proof', exportTime: new Date('2023-02-16T13:30:00Z') },
  );
  const lines = page.items.flatMap((i) =>
    i.kind === 'glyphs' && i.role === 'body' && i.glyphs.length > 4 ? [i.glyphs[1].src] : [],
  );
  const pdf = appendAnnotations(proof, 0, () =>
    lines.map((src) => {
      const q = selectionQuads(page, src.article, src.block, src.offset, src.offset + 2);
      return {
        Type: name('Annot'),
        Subtype: name('StrikeOut'),
        Rect: rectOf(q),
        QuadPoints: quadPoints(q),
        C: [1, 0, 0],
        T: 'bench',
        F: 4,
      };
    }),
  );
  return { edition, pdf, count: lines.length };
}

export const proofBenches: Bench[] = [
  {
    name: 'proof import: sample page, a mark on every line',
    target: '≤ 250 ms',
    runs: 15,
    async setup() {
      const { edition, pdf, count } = await markedProof();
      return async () => {
        const r = await importProof(edition, pdf, ctx());
        if (r.marks.length !== count) throw new Error(`placed ${r.marks.length} of ${count} marks`);
      };
    },
  },
  {
    name: 'proof apply: every mark of that page',
    target: '≤ 5 ms',
    async setup() {
      const { edition, pdf } = await markedProof();
      const { marks } = await importProof(edition, pdf, ctx());
      return () => applyProofMarks(edition, marks);
    },
  },
];
