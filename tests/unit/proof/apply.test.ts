// Applying marks to an article's text, without a PDF: formatting kept, order of edits, conflicts.
import { describe, expect, it } from 'vitest';
import { blockText } from '../../../engine/layout/runs';
import type { Edition } from '../../../engine/model/types';
import { applyProofMarks, spliceLeaves } from '../../../engine/proof/apply';
import { roundOf } from '../../../engine/proof/map';
import type { ProofMark } from '../../../engine/proof/types';
import { pdfDate } from '../../../electron/services/proof/read';

const body = '本报讯 区委书记曹立强主持会议并讲话。';
const edition: Edition = {
  schemaVersion: 1,
  id: 'e',
  paper: { name: '徐汇报' },
  date: '2023-02-17',
  issue: 1,
  pages: [],
  assets: [],
  articles: [
    {
      id: 'a',
      slug: 'a',
      status: 'edited',
      blocks: [
        {
          type: 'paragraph',
          children: [
            { text: '本报讯 ' },
            { text: '区委书记曹立强', bold: true },
            { text: '主持会议并讲话。' },
          ],
        },
      ],
    },
  ],
};

let n = 0;
function mark(
  kind: ProofMark['kind'],
  phrase: string,
  replacement: string | null = null,
  at?: number,
): ProofMark {
  const start = at ?? body.indexOf(phrase);
  const end = at !== undefined ? at : start + phrase.length;
  return {
    id: `1:${++n}R`,
    kind,
    page: 1,
    article: 'a',
    block: 0,
    start,
    end,
    text: body.slice(start, end),
    replacement,
    note: '',
    author: '',
    date: null,
    color: null,
    round: null,
    state: 'open',
    context: { before: body.slice(Math.max(0, start - 4), start), after: body.slice(end, end + 4) },
    replies: [],
  };
}
const out = (e: Edition) => e.articles[0].blocks[0].children;

describe('applyProofMarks', () => {
  it('applies several edits in one block from the end, so each lands where it was marked', () => {
    const r = applyProofMarks(edition, [
      mark('delete', '并讲话'),
      mark('replace', '曹立强', '曹立强同志'),
      mark('insert', '', '徐汇', body.indexOf('区委')),
    ]);
    expect(r.conflicts).toEqual([]);
    expect(blockText(out(r.edition))).toBe('本报讯 徐汇区委书记曹立强同志主持会议。');
  });

  it("keeps the formatting: a replacement takes the replaced text's, an insertion the text before it", () => {
    const r = applyProofMarks(edition, [
      mark('replace', '书记', '副书记'),
      mark('insert', '', '（上午）', body.indexOf('主持')),
    ]);
    expect(out(r.edition)).toEqual([
      { text: '本报讯 ' },
      { text: '区委副书记曹立强（上午）', bold: true },
      { text: '主持会议并讲话。' },
    ]);
  });

  it('a deletion and an insertion at the same point both apply: delete, then insert', () => {
    const r = applyProofMarks(edition, [
      mark('insert', '', '召开', body.indexOf('会议') + 2),
      mark('delete', '并讲话'),
    ]);
    expect(blockText(out(r.edition))).toBe('本报讯 区委书记曹立强主持会议召开。');
  });

  it('refuses overlapping edits and two insertions at one point, applying the rest', () => {
    const r = applyProofMarks(edition, [
      mark('delete', '曹立强主持'),
      mark('replace', '主持会议', '召开'),
      mark('insert', '', 'A', 2),
      mark('insert', '', 'B', 2),
      mark('delete', '。'),
    ]);
    expect(r.conflicts.map((c) => c.mark.text || c.mark.replacement).sort()).toEqual([
      'A',
      'B',
      '主持会议',
      '曹立强主持',
    ]);
    expect(r.conflicts.every((c) => /overlaps/.test(c.reason))).toBe(true);
    expect(blockText(out(r.edition))).toBe(body.slice(0, -1));
  });

  it('never applies rejected marks, queries or notes', () => {
    const rejected = { ...mark('delete', '并讲话'), state: 'rejected' as const };
    const r = applyProofMarks(edition, [rejected, mark('query', '曹立强'), mark('note', '本报讯')]);
    expect(r.applied).toEqual([]);
    expect(r.notApplied).toHaveLength(3);
    expect(r.edition.articles[0]).toBe(edition.articles[0]);
  });

  it('reports a mark on an article or block that is gone', () => {
    const r = applyProofMarks(edition, [
      { ...mark('delete', '会议'), article: 'gone' },
      { ...mark('delete', '会议'), block: 4 },
    ]);
    expect(r.conflicts.map((c) => c.reason)).toEqual([
      'the edition has no article gone',
      'article a has no block 5',
    ]);
  });

  it('does not guess when the marked text occurs twice after an edit moved it', () => {
    const twice: Edition = structuredClone(edition);
    twice.articles[0].blocks[0].children = [{ text: 'X' + body + body }];
    const r = applyProofMarks(twice, [mark('delete', '并讲话')]);
    expect(r.conflicts[0].reason).toMatch(/now reads/);
  });
});

describe('spliceLeaves', () => {
  it('deletes across leaves and merges neighbours left with the same formatting', () => {
    expect(spliceLeaves([{ text: 'ab' }, { text: 'cd', bold: true }, { text: 'ef' }], 1, 5, '')).toEqual([
      { text: 'af' },
    ]);
    expect(spliceLeaves([{ text: '' }], 0, 0, '新')).toEqual([{ text: '新' }]);
    expect(spliceLeaves([{ text: 'ab' }], 0, 2, '')).toEqual([{ text: '' }]);
  });
});

describe('what a mark says about itself', () => {
  it('names the proof round by the colour of the pen', () => {
    expect(roundOf([255, 0, 0])).toBe(1);
    expect(roundOf([0, 0, 255])).toBe(2);
    expect(roundOf([0, 160, 0])).toBe(3);
    expect(roundOf([255, 230, 0])).toBeNull(); // a yellow highlighter is no round
    expect(roundOf(null)).toBeNull();
  });

  it('reads PDF dates with and without a zone', () => {
    expect(pdfDate("D:20230216220000+08'00'")).toBe('2023-02-16T14:00:00.000Z');
    expect(pdfDate('D:20230216140000Z')).toBe('2023-02-16T14:00:00.000Z');
    expect(pdfDate('D:2023')).toBe('2023-01-01T00:00:00.000Z');
    expect(pdfDate('yesterday')).toBeNull();
  });
});
