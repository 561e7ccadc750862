// The proofreading round trip on the sample page: export a proof, annotate it the way PDF readers
// do (an incremental update with the marks over characters chosen from the display list), import
// the marks, check they name the right article and characters, apply them and read the new text.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DisplayPage, GlyphRun } from '../../../engine/display/types';
import { layoutEdition } from '../../../engine/layout';
import { blockText } from '../../../engine/layout/runs';
import type { Edition } from '../../../engine/model/types';
import { applyProofMarks } from '../../../engine/proof/apply';
import type { ProofMark } from '../../../engine/proof/types';
import { loadFontSet } from '../../../electron/services/fonts';
import { exportPdf } from '../../../electron/services/pdf';
import { importProof, ProofReadError, type ProofImport } from '../../../electron/services/proof';
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
  type Box,
} from '../../support/pdf-annotations';

const RED = [1, 0, 0];
const BLUE = [0, 0, 1];
const when = pdfDateOf(new Date('2023-02-16T14:05:00Z'));

let edition: Edition;
let page: DisplayPage;
let proof: Buffer;
let annotated: Buffer;
let result: ProofImport;
const ctx = () => ({ fonts: loadFontSet(), templates: loadTemplates(), label: 'proof.pdf' });

const text = (e: Edition, article: string, block: number) =>
  blockText(e.articles.find((a) => a.id === article)!.blocks[block].children);
/** Offsets of a phrase in a block, so the test names characters, not numbers. */
function find(article: string, block: number, phrase: string, from = 0): [number, number] {
  const at = text(edition, article, block).indexOf(phrase, from);
  if (at < 0) throw new Error(`「${phrase}」 is not in ${article}/${block}`);
  return [at, at + phrase.length];
}

/** A range of a1's block 3 that runs from one line onto the next, chosen from the layout. */
function acrossLineEnd(article: string, block: number): [number, number] {
  const runs = page.items.filter(
    (i) =>
      i.kind === 'glyphs' &&
      i.role === 'body' &&
      i.glyphs[0].src.article === article &&
      i.glyphs[0].src.block === block,
  );
  const first = runs[0];
  if (first?.kind !== 'glyphs') throw new Error('no body lines');
  const last = first.glyphs[first.glyphs.length - 1];
  return [last.src.offset - 2, last.src.offset + last.text.length + 3];
}

const common = (author: string, color: number[]) => ({
  Type: name('Annot'),
  F: 4,
  T: author,
  M: when,
  CreationDate: when,
  C: color,
});

beforeAll(async () => {
  edition = loadSampleEdition();
  const list = layoutEdition(edition, { fonts: loadFontSet(), templates: loadTemplates() });
  page = list.pages[0];
  proof = await exportPdf(list, edition, {
    preset: 'proof',
    exportTime: new Date('2023-02-16T21:30:00+08:00'),
  });

  const replaceAt = find('a1', 3, '宣传部');
  const insertAt = find('a3', 2, '第一次会议')[0] + 3; // between 第一次 and 会议
  const deleteAt = acrossLineEnd('a4', 2);
  const keepAt = find('a4', 3, '持续净化网络生态');
  const queryAt = find('a3', 0, '第一次会议');
  const strike = selectionQuads(page, 'a1', 3, ...replaceAt);
  const del = selectionQuads(page, 'a4', 2, ...deleteAt);
  const keep = selectionQuads(page, 'a4', 3, ...keepAt);
  const hl = selectionQuads(page, 'a3', 0, ...queryAt);
  const caret = caretBox(page, 'a3', 2, insertAt);
  // Between the first and second columns, on a line of a1: nothing but paper.
  const line = page.items.find((i): i is GlyphRun => i.kind === 'glyphs' && i.role === 'body' && i.x < 100)!;
  const gutter: Box = { x1: 224.5, y1: page.height - line.y - 2, x2: 231, y2: page.height - line.y + 8 };
  const note = page.items.find(
    (i) => i.kind === 'glyphs' && i.role === 'body' && i.glyphs[0].src.article === 'a2',
  )!;
  const noteAt = note.kind === 'glyphs' ? { x: note.x + 40, y: page.height - note.y + 6 } : { x: 0, y: 0 };

  annotated = appendAnnotations(proof, 0, (ref, pageRef) => [
    // 0–1: Acrobat's "Replace Text": a caret with the new text, and the struck-out old text grouped to it.
    {
      ...common('王校对', RED),
      Subtype: name('Caret'),
      Rect: [strike[0].x2 - 4, strike[0].y1 - 3, strike[0].x2 + 4, strike[0].y1 + 5],
      Contents: '宣传处',
      IT: name('Replace'),
      Subj: 'Replace Text',
      Sy: name('None'),
      RD: [0.5, 0.5, 0.5, 0.5],
      P: pageRef,
      NM: 'a0',
    },
    {
      ...common('王校对', RED),
      Subtype: name('StrikeOut'),
      Rect: rectOf(strike),
      QuadPoints: quadPoints(strike),
      IT: name('StrikeOutTextEdit'),
      IRT: ref(0),
      RT: name('Group'),
      Subj: 'Cross-Out',
      P: pageRef,
      NM: 'a1',
    },
    // 2: insert caret
    {
      ...common('王校对', RED),
      Subtype: name('Caret'),
      Rect: [caret.x1, caret.y1, caret.x2, caret.y2],
      Contents: '全体',
      Subj: 'Inserted Text',
      Sy: name('None'),
      P: pageRef,
      NM: 'a2',
    },
    // 3: a deletion over a line end
    {
      ...common('王校对', RED),
      Subtype: name('StrikeOut'),
      Rect: rectOf(del),
      QuadPoints: quadPoints(del),
      Subj: 'Cross-Out',
      P: pageRef,
      NM: 'a3',
    },
    // 4–5: a deletion the second reader rejected (保留)
    {
      ...common('王校对', RED),
      Subtype: name('StrikeOut'),
      Rect: rectOf(keep),
      QuadPoints: quadPoints(keep),
      Subj: 'Cross-Out',
      P: pageRef,
      NM: 'a4',
    },
    {
      ...common('李编辑', BLUE),
      Subtype: name('Text'),
      Rect: [0, 0, 0, 0],
      IRT: ref(4),
      State: 'Rejected',
      StateModel: 'Review',
      Contents: 'Rejected set by 李编辑',
      P: pageRef,
      NM: 'a5',
    },
    // 6–7: a query: highlight with its pop-up note
    {
      ...common('李编辑', BLUE),
      Subtype: name('Highlight'),
      Rect: rectOf(hl),
      QuadPoints: quadPoints(hl),
      Contents: '“第一次”？请核对会议届次',
      Popup: ref(7),
      P: pageRef,
      NM: 'a6',
    },
    { Type: name('Annot'), Subtype: name('Popup'), Rect: [600, 600, 760, 680], Parent: ref(6), Open: false },
    // 8: a sticky note beside a2's text
    {
      ...common('李编辑', BLUE),
      Subtype: name('Text'),
      Rect: [noteAt.x, noteAt.y - 20, noteAt.x + 20, noteAt.y],
      Name: name('Comment'),
      Contents: '此段数字请与区金融办核实',
      Open: false,
      P: pageRef,
      NM: 'a8',
    },
    // 9: a cross-out over the gutter: marks nothing
    {
      ...common('王校对', RED),
      Subtype: name('StrikeOut'),
      Rect: rectOf([gutter]),
      QuadPoints: quadPoints([gutter]),
      Subj: 'Cross-Out',
      P: pageRef,
      NM: 'a9',
    },
    // 10: a reply in the thread of the query
    {
      ...common('王校对', RED),
      Subtype: name('Text'),
      Rect: [0, 0, 0, 0],
      IRT: ref(6),
      Contents: '已查：确为第一次',
      P: pageRef,
      NM: 'a10',
    },
  ]);
  result = await importProof(edition, annotated, ctx());
});

const markOf = (kind: ProofMark['kind'], article?: string) =>
  result.marks.filter((m) => m.kind === kind && (!article || m.article === article));

describe('importing an annotated proof', () => {
  it('keeps the original file intact: the annotations are an incremental update', () => {
    expect(annotated.subarray(0, proof.length).equals(proof)).toBe(true);
    expect(result.pages).toEqual([{ number: 1, pdfPage: 1, status: 'ok', annotations: 10 }]);
  });

  it('reads an Acrobat replace group as one 改正 on the struck-out characters', () => {
    const [m] = markOf('replace');
    expect(markOf('replace')).toHaveLength(1);
    expect(m).toMatchObject({
      article: 'a1',
      block: 3,
      text: '宣传部',
      replacement: '宣传处',
      author: '王校对',
      color: '#ff0000',
      round: 1,
      state: 'open',
    });
    expect(text(edition, 'a1', 3).slice(m.start, m.end)).toBe('宣传部');
    expect(m.context.before.endsWith('徐汇区委')).toBe(true);
    // The grouped strike-out is part of the replacement, not a deletion of its own.
    expect(markOf('delete', 'a1')).toHaveLength(0);
  });

  it('puts the insert caret between the two characters it was set between', () => {
    const [m] = markOf('insert');
    expect(m).toMatchObject({ article: 'a3', block: 2, text: '', replacement: '全体' });
    const t = text(edition, 'a3', 2);
    expect(t.slice(m.start - 3, m.start)).toBe('第一次');
    expect(t.slice(m.start, m.start + 2)).toBe('会议');
  });

  it('takes a strike-out over a line end as one deletion of every character under it', () => {
    const [from, to] = acrossLineEnd('a4', 2);
    const m = markOf('delete', 'a4').find((d) => d.block === 2)!;
    expect(m).toMatchObject({
      start: from,
      end: to,
      text: text(edition, 'a4', 2).slice(from, to),
      state: 'open',
    });
    expect(m.text).toHaveLength(to - from);
  });

  it('marks a deletion rejected in review as 保留, with its reviewer', () => {
    const m = markOf('delete', 'a4').find((d) => d.block === 3)!;
    expect(m).toMatchObject({ text: '持续净化网络生态', state: 'rejected' });
  });

  it('reads a highlight with a note as a query on the headline, with its reply thread', () => {
    const [m] = markOf('query');
    expect(m).toMatchObject({
      article: 'a3',
      block: 0,
      text: '第一次会议',
      note: '“第一次”？请核对会议届次',
      author: '李编辑',
      color: '#0000ff',
      round: 2,
    });
    expect(m.replies).toEqual([
      { author: '王校对', date: '2023-02-16T14:05:00.000Z', text: '已查：确为第一次' },
    ]);
  });

  it('attaches a sticky note to the article it was put on', () => {
    const [m] = markOf('note');
    expect(m).toMatchObject({ article: 'a2', note: '此段数字请与区金融办核实' });
  });

  it('lists a mark over the gutter as on no text, without dropping it', () => {
    expect(result.unplaced).toHaveLength(1);
    expect(result.unplaced[0]).toMatchObject({
      page: 1,
      subtype: 'StrikeOut',
      reason: expect.stringMatching(/covers no article text/),
    });
    expect(result.marks).toHaveLength(6);
  });
});

describe('applying the marks', () => {
  it("changes exactly the marked characters and leaves the proof file's edition untouched", () => {
    const before = JSON.stringify(edition);
    const out = applyProofMarks(edition, result.marks);
    expect(JSON.stringify(edition)).toBe(before);
    expect(out.conflicts).toEqual([]);
    expect(out.applied.map((m) => m.kind).sort()).toEqual(['delete', 'insert', 'replace']);
    expect(out.notApplied.map((m) => m.kind).sort()).toEqual(['delete', 'note', 'query']);

    const a1 = text(out.edition, 'a1', 3);
    expect(a1).toBe(text(edition, 'a1', 3).replace('徐汇区委宣传部', '徐汇区委宣传处'));
    expect(text(out.edition, 'a3', 2)).toBe(text(edition, 'a3', 2).replace('第一次会议', '第一次全体会议'));
    const [from, to] = acrossLineEnd('a4', 2);
    const a4 = text(edition, 'a4', 2);
    expect(text(out.edition, 'a4', 2)).toBe(a4.slice(0, from) + a4.slice(to));
    expect(text(out.edition, 'a4', 3)).toBe(text(edition, 'a4', 3)); // 保留
    expect(text(out.edition, 'a3', 0)).toBe(text(edition, 'a3', 0)); // a query is not an edit
  });

  it('refuses marks whose characters have changed since, and finds those that only moved', () => {
    // The editor has meanwhile added text at the start of a1's paragraph and retyped a3's.
    const edited: Edition = structuredClone(edition);
    const a1 = edited.articles.find((a) => a.id === 'a1')!;
    a1.blocks[3].children = [{ text: '（更正）' + text(edition, 'a1', 3) }];
    const a3 = edited.articles.find((a) => a.id === 'a3')!;
    a3.blocks[2].children = [{ text: text(edition, 'a3', 2).replace('第一次会议', '首次会议') }];
    const out = applyProofMarks(edited, result.marks);
    expect(out.conflicts.map((c) => [c.mark.kind, c.mark.article])).toEqual([['insert', 'a3']]);
    expect(out.conflicts[0].reason).toMatch(/insertion point has changed/);
    const replaced = out.applied.find((m) => m.kind === 'replace')!;
    expect(replaced.start).toBe(result.marks.find((m) => m.kind === 'replace')!.start + 4);
    expect(text(out.edition, 'a1', 3)).toContain('（更正）2月15日，徐汇区委宣传处');
    expect(text(out.edition, 'a3', 2)).toBe(text(edited, 'a3', 2));
  });
});

describe('proofs that cannot be used', () => {
  it('flags a page re-set since the proof was made and maps none of its marks', async () => {
    const edited: Edition = structuredClone(edition);
    const a1 = edited.articles.find((a) => a.id === 'a1')!;
    a1.blocks[3].children = [{ text: '加一句话，' + text(edition, 'a1', 3) }];
    const r = await importProof(edited, annotated, ctx());
    expect(r.pages[0].status).toBe('stale');
    expect(r.marks).toEqual([]);
    expect(r.unplaced).toHaveLength(10); // every mark but the pop-up window
    expect(r.unplaced[0].reason).toMatch(/re-set since the proof was exported/);
  });

  it('refuses a proof of another edition', async () => {
    await expect(importProof({ ...edition, id: 'other-day' }, annotated, ctx())).rejects.toThrow(
      /proof of edition "xuhui-2023-02-17", not of "other-day"/,
    );
  });

  it('refuses a damaged file and a PDF that is not our proof, with a clear message', async () => {
    await expect(importProof(edition, Buffer.from('hello, not a pdf'), ctx())).rejects.toThrow(
      /proof\.pdf is not a PDF/,
    );
    const garbage = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x41)]);
    await expect(importProof(edition, garbage, ctx())).rejects.toThrow(ProofReadError);
    await expect(importProof(edition, garbage, ctx())).rejects.toThrow(/proof\.pdf/);
    const print = await exportPdf(
      layoutEdition(edition, { fonts: loadFontSet(), templates: loadTemplates() }),
      edition,
      { preset: 'print-x4', force: true, exportTime: new Date(0) },
    );
    await expect(importProof(edition, print, ctx())).rejects.toThrow(
      /proof\.pdf is not a Banmian proof: it carries no Banmian proof identification/,
    );
  });
});
