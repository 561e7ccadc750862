// A proof far larger than any proofreader's copy is refused before it is parsed, with a message
// naming the file and the limit: by its size, and by the number of annotations it carries (pdf.js
// keeps kilobytes per annotation, which made a 63 MB file take gigabytes).
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli } from '../../support/cli';
import { layoutEdition } from '../../../engine/layout';
import { loadFontSet } from '../../../electron/services/fonts';
import { exportPdf } from '../../../electron/services/pdf';
import {
  importProof,
  MAX_PROOF_ANNOTATIONS,
  MAX_PROOF_BYTES,
  readProofPdf,
} from '../../../electron/services/proof';
import { loadSampleEdition } from '../../../electron/services/sample';
import { loadTemplates } from '../../../electron/services/templates';
import { appendAnnotations, name, quadPoints, rectOf, selectionQuads } from '../../support/pdf-annotations';

const edition = loadSampleEdition();
const ctx = () => ({ fonts: loadFontSet(), templates: loadTemplates() });
let dir: string;

async function proofWith(marks: number): Promise<Buffer> {
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
  const q = selectionQuads(page, 'a1', 1, 0, 2);
  return appendAnnotations(proof, 0, () =>
    Array.from({ length: marks }, () => ({
      Type: name('Annot'),
      Subtype: name('StrikeOut'),
      Rect: rectOf(q),
      QuadPoints: quadPoints(q),
      C: [1, 0, 0],
      F: 4,
    })),
  );
}

beforeAll(() => {
  buildCli();
  dir = mkdtempSync(join(tmpdir(), 'banmian-proof-bounds-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('proof reading is bounded', () => {
  it('refuses a proof with more annotations than any proofreader makes, before parsing it', async () => {
    const pdf = await proofWith(MAX_PROOF_ANNOTATIONS + 1);
    await expect(readProofPdf(pdf, 'flood.pdf')).rejects.toThrow(
      `flood.pdf carries ${MAX_PROOF_ANNOTATIONS + 1} annotations, more than any proofreader's marks (limit ${MAX_PROOF_ANNOTATIONS})`,
    );
    // The same file through the command line: bad input, the file named, no stack.
    writeFileSync(join(dir, 'flood.pdf'), pdf);
    const r = runCli(dir, ['proofs', '--sample', 'flood.pdf']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/flood\.pdf carries 10001 annotations/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('still reads a heavily marked page', async () => {
    const r = await importProof(edition, await proofWith(300), ctx());
    expect(r.marks).toHaveLength(300);
  });

  it('refuses a file over the size limit without reading it', () => {
    // A sparse file: its size says 101 MB, nothing is written to disk.
    const big = join(dir, 'huge.pdf');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, MAX_PROOF_BYTES + 1048576);
    closeSync(fd);
    const r = runCli(dir, ['proofs', '--sample', 'huge.pdf']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/huge\.pdf is 101 MB, larger than any proof \(limit 100 MB\)/);
  });
});
