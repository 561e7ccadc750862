// banmian proofs as an editor runs it: the built bundle, a proof exported by the export command,
// annotated by a reader's incremental update, listed, applied into a new edition file.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli } from '../../support/cli';
import { layoutEdition } from '../../../engine/layout';
import { blockText } from '../../../engine/layout/runs';
import type { Edition } from '../../../engine/model/types';
import { loadFontSet } from '../../../electron/services/fonts';
import { loadSampleEdition } from '../../../electron/services/sample';
import { loadTemplates } from '../../../electron/services/templates';
import {
  appendAnnotations,
  caretBox,
  name,
  quadPoints,
  rectOf,
  selectionQuads,
} from '../../support/pdf-annotations';

let dir: string;
const edition = loadSampleEdition();
const text = (e: Edition, article: string, block: number) =>
  blockText(e.articles.find((a) => a.id === article)!.blocks[block].children);

const cli = (...args: string[]) => runCli(dir, args);

beforeAll(() => {
  buildCli();
  dir = mkdtempSync(join(tmpdir(), 'banmian-proofs-'));
  const e = cli(
    'export',
    '--sample',
    '-o',
    'proof.pdf',
    '--preset',
    'proof',
    '--time',
    '2023-02-16T21:30:00+08:00',
  );
  if (e.code !== 0) throw new Error(e.stderr);

  const page = layoutEdition(edition, { fonts: loadFontSet(), templates: loadTemplates() }).pages[0];
  const at = (article: string, block: number, phrase: string) => {
    const i = text(edition, article, block).indexOf(phrase);
    return [i, i + phrase.length] as const;
  };
  const strike = selectionQuads(page, 'a2', 6, ...at('a2', 6, '金融办'));
  const gone = selectionQuads(page, 'a3', 2, ...at('a3', 2, '全面深化改革'));
  const caret = caretBox(page, 'a1', 1, at('a1', 1, '知识竞赛')[0]);
  const base = { Type: name('Annot'), F: 4, T: '校对组', M: "D:20230216220000+08'00'", C: [1, 0, 0] };
  const annotated = appendAnnotations(readFileSync(join(dir, 'proof.pdf')), 0, (ref) => [
    {
      ...base,
      Subtype: name('Caret'),
      Rect: [strike[0].x2 - 4, strike[0].y1 - 3, strike[0].x2 + 4, strike[0].y1 + 5],
      Contents: '财政局',
      IT: name('Replace'),
    },
    {
      ...base,
      Subtype: name('StrikeOut'),
      Rect: rectOf(strike),
      QuadPoints: quadPoints(strike),
      IRT: ref(0),
      RT: name('Group'),
      IT: name('StrikeOutTextEdit'),
    },
    { ...base, Subtype: name('StrikeOut'), Rect: rectOf(gone), QuadPoints: quadPoints(gone) },
    { ...base, Subtype: name('Caret'), Rect: [caret.x1, caret.y1, caret.x2, caret.y2], Contents: '线上' },
  ]);
  writeFileSync(join(dir, 'marked.pdf'), annotated);
  writeFileSync(join(dir, 'edition.json'), JSON.stringify(edition));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('banmian proofs', () => {
  it('lists each mark under its article with the marked characters in context', () => {
    const r = cli('proofs', '--sample', 'marked.pdf');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/稿件 a2 [^\n]*\n[^\n]*改正 {2}来源 第3字 {2}…（区【金融办】）… 改为「财政局」/);
    expect(r.stdout).toMatch(/稿件 a3 [^\n]*\n[^\n]*删除 {2}正文 第1段[^\n]*【全面深化改革】/);
    expect(r.stdout).toMatch(/增补 {2}副题[^\n]*【＋线上】知识竞赛/);
    expect(r.stdout).toContain('(校对组 一校 2023-02-16 14:00)');
  });

  it('gives the marks as JSON', () => {
    const r = cli('proofs', 'edition.json', 'marked.pdf', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.proof.edition).toBe(edition.id);
    expect(out.pages).toEqual([{ number: 1, pdfPage: 1, status: 'ok', annotations: 4 }]);
    expect(
      out.marks.map((m: { kind: string; article: string; text: string }) => [m.kind, m.article, m.text]),
    ).toEqual([
      ['replace', 'a2', '金融办'],
      ['delete', 'a3', '全面深化改革'],
      ['insert', 'a1', ''],
    ]);
  });

  it('applies the edits into a new edition file, and can leave some out', () => {
    const r = cli('proofs', 'edition.json', 'marked.pdf', '--apply', '-o', 'corrected.json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('3 edit(s) applied, 0 conflict(s)');
    const out: Edition = JSON.parse(readFileSync(join(dir, 'corrected.json'), 'utf8'));
    expect(text(out, 'a2', 6)).toBe('（区财政局）');
    expect(text(out, 'a3', 2)).toBe(text(edition, 'a3', 2).replace('全面深化改革', ''));
    expect(text(out, 'a1', 1)).toBe(text(edition, 'a1', 1).replace('知识竞赛', '线上知识竞赛'));
    expect(readFileSync(join(dir, 'edition.json'), 'utf8')).toBe(JSON.stringify(edition));

    const id = JSON.parse(cli('proofs', 'edition.json', 'marked.pdf', '--json').stdout).marks[1].id;
    const s = cli('proofs', 'edition.json', 'marked.pdf', '--apply', '-o', 'partly.json', '--skip', id);
    expect(s.code, s.stderr).toBe(0);
    expect(text(JSON.parse(readFileSync(join(dir, 'partly.json'), 'utf8')), 'a3', 2)).toBe(
      text(edition, 'a3', 2),
    );
  });

  it('refuses to place marks on a page that was re-set after the proof', () => {
    const edited: Edition = structuredClone(edition);
    edited.articles.find((a) => a.id === 'a2')!.blocks[1].children = [
      { text: '新的导语。' + text(edition, 'a2', 1) },
    ];
    writeFileSync(join(dir, 'edited.json'), JSON.stringify(edited));
    const r = cli('proofs', 'edited.json', 'marked.pdf', '--apply', '-o', 'stale.json');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('STALE');
    expect(r.stderr).toMatch(/re-set after the proof was exported/);
    expect(r.stdout).toContain('0 edit(s) applied');
  });

  it('refuses what is not a usable proof, with a clear message and exit code', () => {
    writeFileSync(join(dir, 'broken.pdf'), readFileSync(join(dir, 'marked.pdf')).subarray(0, 400));
    const broken = cli('proofs', '--sample', 'broken.pdf');
    expect(broken.code).toBe(3);
    expect(broken.stderr).toMatch(/broken\.pdf/);
    expect(cli('export', '--sample', '-o', 'print.pdf', '--preset', 'print-x4', '--force').code).toBe(0);
    const print = cli('proofs', '--sample', 'print.pdf');
    expect(print.code).toBe(3);
    expect(print.stderr).toMatch(/print\.pdf is not a Banmian proof/);
    expect(cli('proofs', '--sample', 'nowhere.pdf').stderr).toMatch(/no such proof PDF: nowhere\.pdf/);
    expect(cli('proofs', 'edition.json', 'marked.pdf', '--apply', '-o', 'edition.json').code).toBe(2);
    expect(cli('proofs', 'edition.json', 'marked.pdf', '--apply').stderr).toMatch(/give -o out\.json/);
    expect(existsSync(join(dir, 'stale.json'))).toBe(true);
  });
});
