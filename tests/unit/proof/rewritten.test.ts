// Proofs that came back through tools which rewrite the whole file: Ghostscript's pdfwrite (as PDF
// optimisers and "save as" paths do, dropping information entries it does not know) and qpdf
// (linearised; object streams). The marks must land on the same article and characters as from
// the file the reader saved, and the checks against the wrong edition and re-set pages must hold.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisplayPage } from '../../../engine/display/types';
import { layoutEdition } from '../../../engine/layout';
import { blockText } from '../../../engine/layout/runs';
import type { Edition } from '../../../engine/model/types';
import type { ProofMark } from '../../../engine/proof/types';
import { loadFontSet } from '../../../electron/services/fonts';
import { exportPdf } from '../../../electron/services/pdf';
import { importProof, PROOF_INFO_KEY, type ProofImport } from '../../../electron/services/proof';
import { loadSampleEdition } from '../../../electron/services/sample';
import { loadTemplates } from '../../../electron/services/templates';
import {
  appendAnnotations,
  caretBox,
  name,
  pdfDateOf,
  quadPoints,
  rectOf,
  selectionQuads,
} from '../../support/pdf-annotations';

const when = pdfDateOf(new Date('2023-02-16T14:05:00Z'));
const ctx = () => ({ fonts: loadFontSet(), templates: loadTemplates(), label: 'proof.pdf' });
const common = { Type: name('Annot'), F: 4, T: '王校对', M: when, CreationDate: when, C: [1, 0, 0] };

const TOOLS: Record<string, (input: string, output: string) => string[][]> = {
  'Ghostscript pdfwrite': (i, o) => [
    ['gs', '-q', '-o', o, '-sDEVICE=pdfwrite', '-dPreserveAnnots=true', '-dPDFSETTINGS=/default', i],
  ],
  'qpdf --linearize': (i, o) => [['qpdf', '--linearize', i, o]],
  'qpdf --object-streams=generate': (i, o) => [['qpdf', '--object-streams=generate', i, o]],
};

let dir: string;
let edition: Edition;
let page: DisplayPage;
let annotated: Buffer;
let otherAnnotated: Buffer;

function rewriteWith(pdf: Buffer, commands: (input: string, output: string) => string[][]): Buffer {
  const input = join(dir, 'in.pdf'),
    output = join(dir, 'out.pdf');
  writeFileSync(input, pdf);
  for (const [cmd, ...args] of commands(input, output)) execFileSync(cmd, args, { stdio: 'pipe' });
  return readFileSync(output);
}
const rewrite = (pdf: Buffer, tool: string) => rewriteWith(pdf, TOOLS[tool]);

const text = (e: Edition, article: string, block: number) =>
  blockText(e.articles.find((a) => a.id === article)!.blocks[block].children);
function find(article: string, block: number, phrase: string): [number, number] {
  const at = text(edition, article, block).indexOf(phrase);
  if (at < 0) throw new Error(`「${phrase}」 is not in ${article}/${block}`);
  return [at, at + phrase.length];
}

/** The sample's proof with a replacement, an insertion, a deletion and a query on it. */
function annotate(proof: Buffer): Buffer {
  const strike = selectionQuads(page, 'a1', 3, ...find('a1', 3, '宣传部'));
  const caret = caretBox(page, 'a3', 2, find('a3', 2, '第一次会议')[0] + 3);
  const del = selectionQuads(page, 'a4', 3, ...find('a4', 3, '持续净化网络生态'));
  const hl = selectionQuads(page, 'a3', 0, ...find('a3', 0, '第一次会议'));
  return appendAnnotations(proof, 0, (ref, pageRef) => [
    {
      ...common,
      Subtype: name('Caret'),
      Rect: [strike[0].x2 - 4, strike[0].y1 - 3, strike[0].x2 + 4, strike[0].y1 + 5],
      Contents: '宣传处',
      IT: name('Replace'),
      P: pageRef,
      NM: 'r0',
    },
    {
      ...common,
      Subtype: name('StrikeOut'),
      Rect: rectOf(strike),
      QuadPoints: quadPoints(strike),
      IT: name('StrikeOutTextEdit'),
      IRT: ref(0),
      RT: name('Group'),
      P: pageRef,
      NM: 'r1',
    },
    {
      ...common,
      Subtype: name('Caret'),
      Rect: [caret.x1, caret.y1, caret.x2, caret.y2],
      Contents: '全体',
      P: pageRef,
      NM: 'r2',
    },
    {
      ...common,
      Subtype: name('StrikeOut'),
      Rect: rectOf(del),
      QuadPoints: quadPoints(del),
      P: pageRef,
      NM: 'r3',
    },
    {
      ...common,
      Subtype: name('Highlight'),
      Rect: rectOf(hl),
      QuadPoints: quadPoints(hl),
      Contents: '请核对会议届次',
      P: pageRef,
      NM: 'r4',
    },
  ]);
}

/** What a user checks: each mark's kind, article, block and the characters it is on. */
const placed = (marks: ProofMark[]) =>
  marks
    .map((m) => [m.kind, m.article, m.block, m.text, m.replacement])
    .sort((a, b) => String(a).localeCompare(String(b)));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'banmian-proof-'));
  edition = loadSampleEdition();
  const list = layoutEdition(edition, { fonts: loadFontSet(), templates: loadTemplates() }, { pages: [1] });
  page = list.pages[0];
  annotated = annotate(
    await exportPdf(list, edition, {
      preset: 'proof',
      pages: [1],
      exportTime: new Date('2023-02-16T21:30:00+08:00'),
    }),
  );

  // Another evening's edition: same paper and page plan, other copy.
  const other: Edition = structuredClone(edition);
  other.id = 'xuhui-2023-02-24';
  for (const a of other.articles)
    for (const b of a.blocks) b.children = [{ text: [...blockText(b.children)].reverse().join('') }];
  const otherList = layoutEdition(
    other,
    { fonts: loadFontSet(), templates: loadTemplates() },
    { pages: [1] },
  );
  otherAnnotated = appendAnnotations(
    await exportPdf(otherList, other, {
      preset: 'proof',
      pages: [1],
      exportTime: new Date('2023-02-23T21:30:00+08:00'),
    }),
    0,
    (_ref, pageRef) => {
      const q = selectionQuads(otherList.pages[0], 'a1', 3, 2, 6);
      return [
        { ...common, Subtype: name('StrikeOut'), Rect: rectOf(q), QuadPoints: quadPoints(q), P: pageRef },
      ];
    },
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a proof rewritten by a tool that drops custom metadata', () => {
  let reference: ProofImport;
  beforeAll(async () => {
    reference = await importProof(edition, annotated, ctx());
  });

  it('as saved by the reader, is recognised by its information entry and marks every edit', () => {
    expect(reference.recognisedBy).toBe('info');
    expect(placed(reference.marks)).toEqual(
      placed([
        { kind: 'replace', article: 'a1', block: 3, text: '宣传部', replacement: '宣传处' },
        { kind: 'insert', article: 'a3', block: 2, text: '', replacement: '全体' },
        { kind: 'delete', article: 'a4', block: 3, text: '持续净化网络生态', replacement: null },
        { kind: 'query', article: 'a3', block: 0, text: '第一次会议', replacement: null },
      ] as ProofMark[]),
    );
  });

  for (const [tool, how] of [
    ['Ghostscript pdfwrite', 'content'],
    ['qpdf --linearize', 'info'],
    ['qpdf --object-streams=generate', 'info'],
  ] as const) {
    it(`${tool}: the marks land on the same articles and characters (recognised by ${how})`, async () => {
      const pdf = rewrite(annotated, tool);
      expect(pdf.equals(annotated)).toBe(false);
      const r = await importProof(edition, pdf, ctx());
      expect(r.recognisedBy).toBe(how);
      expect(r.unplaced).toEqual([]);
      const at = (m: ProofMark) => [m.kind, m.article, m.block, m.start, m.end, m.text].join(' ');
      if (tool === 'Ghostscript pdfwrite') {
        // Ghostscript keeps the strike-outs and the highlight but drops both carets and the
        // replacement's group link: the one mark left of the replacement is its strike-out, and
        // the editor is warned to check.
        expect(r.pages).toEqual([{ number: 1, pdfPage: 1, status: 'ok', annotations: 3 }]);
        const kept = reference.marks.filter((m) => m.kind === 'delete' || m.kind === 'query').map(at);
        const replaced = reference.marks.find((m) => m.kind === 'replace')!;
        expect(r.marks.map(at).sort()).toEqual([...kept, at({ ...replaced, kind: 'delete' })].sort());
        expect(r.warnings.join()).toMatch(/Ghostscript.*drops insertion carets/);
      } else {
        expect(r.pages).toEqual([{ number: 1, pdfPage: 1, status: 'ok', annotations: 5 }]);
        expect(r.marks.map(at).sort()).toEqual(reference.marks.map(at).sort());
        expect(placed(r.marks)).toEqual(placed(reference.marks));
        expect(r.warnings).toEqual([]);
      }
      expect(r.identity).toMatchObject({
        edition: edition.id,
        pages: [{ number: 1, digest: reference.identity.pages[0].digest }],
      });
    });

    it(`${tool}: a proof of another edition is still refused`, async () => {
      const pdf = rewrite(otherAnnotated, tool);
      await expect(importProof(edition, pdf, ctx())).rejects.toThrow(
        how === 'content'
          ? /proof\.pdf is not a Banmian proof: it carries no Banmian proof identification \(.*rewrote the file\).*matches a page of edition "xuhui-2023-02-17"/
          : /proof of edition "xuhui-2023-02-24", not of "xuhui-2023-02-17"/,
      );
    });

    it(`${tool}: a page re-set since is flagged and none of its marks placed`, async () => {
      const edited: Edition = structuredClone(edition);
      const a1 = edited.articles.find((a) => a.id === 'a1')!;
      a1.blocks[3].children = [{ text: '加一句话，' + text(edition, 'a1', 3) }];
      const r = await importProof(edited, rewrite(annotated, tool), ctx());
      expect(r.recognisedBy).toBe(how);
      const kept = tool === 'Ghostscript pdfwrite' ? 3 : 5;
      expect(r.pages).toEqual([{ number: 1, pdfPage: 1, status: 'stale', annotations: kept }]);
      expect(r.marks).toEqual([]);
      expect(r.unplaced).toHaveLength(kept);
      expect(r.unplaced[0].reason).toMatch(/page 1 has been re-set since the proof was exported/);
    });
  }

  it('a reader that rewrites the file and drops the information entry but keeps the XMP packet', async () => {
    // qpdf's editable form with the entry taken out, put back together by fix-qdf: what such a
    // reader leaves. The identification in the XMP packet still names the edition and pages.
    const qdf = rewriteWith(annotated, (i, o) => [
      ['qpdf', '--qdf', '--object-streams=disable', i, o],
    ]).toString('latin1');
    const dropped = qdf.replace(
      new RegExp(`/${PROOF_INFO_KEY} (\\((?:[^()\\\\]|\\\\.)*\\)|<[0-9a-fA-F]*>)`),
      '',
    );
    expect(dropped).not.toContain(`/${PROOF_INFO_KEY}`);
    writeFileSync(join(dir, 'dropped.pdf'), Buffer.from(dropped, 'latin1'));
    const fixed = execFileSync('fix-qdf', [join(dir, 'dropped.pdf')], { maxBuffer: 64 << 20 });
    const r = await importProof(edition, fixed, ctx());
    expect(r.recognisedBy).toBe('xmp');
    expect(r.pages).toEqual([{ number: 1, pdfPage: 1, status: 'ok', annotations: 5 }]);
    expect(placed(r.marks)).toEqual(placed(reference.marks));
  });

  it('Ghostscript really drops the information entry and keeps the annotations (what the content match is for)', () => {
    const pdf = rewrite(annotated, 'Ghostscript pdfwrite').toString('latin1');
    expect(annotated.toString('latin1')).toContain(`/${PROOF_INFO_KEY}`);
    expect(pdf).not.toContain(PROOF_INFO_KEY);
    expect(pdf).not.toContain('banmianProof');
  });
});
