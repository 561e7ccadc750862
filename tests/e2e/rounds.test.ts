// Proof rounds in the app, end to end: 一校 then 二校 exported from the export panel are two files,
// each labelled with its round; a proofreader's strike-out on the 二校 proof whose note gives the new
// words is listed as a replacement from 二校, accepting it puts the new words on the page (and in the
// next proof, 三校), and undo returns the mark to open.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutEdition } from '../../engine/layout';
import { loadFontSet } from '../../electron/services/fonts';
import { loadSampleEdition } from '../../electron/services/sample';
import { loadTemplates } from '../../electron/services/templates';
import {
  appendAnnotations,
  name,
  pdfDateOf,
  quadPoints,
  rectOf,
  selectionQuads,
} from '../support/pdf-annotations';
import { canvasHash, openApp, type App } from '../support/app-in-browser';

const STRUCK = '持续净化网络生态';
const NEW_WORDS = '持续优化网络环境';

let app: App;
beforeAll(async () => {
  app = await openApp();
});
afterAll(async () => {
  await app?.close();
});

const editorText = () => app.page.locator('[data-slate-editor]').first().innerText();
const pdfText = (file: string) =>
  execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');

/** Exports a proof from the panel, the round picked in 校次 (the next one when absent); its file. */
async function exportRound(round?: number): Promise<string> {
  const { page } = app;
  await page.locator('[data-testid="export"]').click();
  if (round) await page.getByRole('combobox', { name: '校次' }).selectOption(String(round));
  await page.locator('[data-testid="export-run"]').click();
  await page.locator('[data-testid="export-done"]').waitFor({ timeout: 60_000 });
  const file = await page.locator('[data-testid="export-done"] .path').first().innerText();
  await page.getByRole('button', { name: '关闭' }).click();
  return file;
}

describe('proof rounds in the app', () => {
  let second = '';

  it('exports 一校 then 二校: two files, each labelled with its round', async () => {
    const { page } = app;
    await page.locator('[data-testid="export"]').click();
    // The 校次 control offers the next round of this edition.
    expect(await page.getByRole('combobox', { name: '校次' }).innerText()).toContain('下一校（一校）');
    await page.getByRole('button', { name: '关闭' }).click();

    const first = await exportRound();
    expect(basename(first)).toMatch(/_p01_proof_一校\.pdf$/);
    second = await exportRound(2);
    expect(basename(second)).toMatch(/_p01_proof_二校\.pdf$/);
    expect(existsSync(first)).toBe(true);
    expect(existsSync(second)).toBe(true);
    expect(pdfText(first)).toContain('一校');
    expect(pdfText(first)).not.toContain('二校');
    expect(pdfText(second)).toContain('二校');

    // Picking 一校 again would replace the first round's file: refused, and nothing is written.
    const before = readFileSync(first);
    await page.locator('[data-testid="export"]').click();
    await page.getByRole('combobox', { name: '校次' }).selectOption('1');
    await page.locator('[data-testid="export-run"]').click();
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/一校的校样已存在/);
    await page.getByRole('button', { name: '关闭' }).click();
    expect(readFileSync(first).equals(before)).toBe(true);
  }, 120_000);

  it('a strike-out with the new words in its note, accepted, puts them on the page; undo reopens the mark', async () => {
    const { page } = app;
    const edition = loadSampleEdition();
    const a4 = edition.articles.find((a) => a.id === 'a4')!;
    const text = (b: (typeof a4.blocks)[number]) => b.children.map((c) => c.text).join('');
    const block = a4.blocks.findIndex((b) => text(b).includes(STRUCK));
    const start = text(a4.blocks[block]).indexOf(STRUCK);
    const display = layoutEdition(edition, { fonts: loadFontSet(), templates: loadTemplates() }).pages[0];
    const quads = selectionQuads(display, 'a4', block, start, start + STRUCK.length);
    const when = pdfDateOf(new Date('2023-02-16T22:05:00+08:00'));
    const annotated = appendAnnotations(readFileSync(second), 0, (_ref, pageRef) => [
      {
        Type: name('Annot'),
        Subtype: name('StrikeOut'),
        F: 4,
        T: '王校对',
        M: when,
        Contents: `改为：${NEW_WORDS}`,
        C: [1, 0, 0],
        Rect: rectOf(quads),
        QuadPoints: quadPoints(quads),
        P: pageRef,
        NM: 'r1',
      },
    ]);
    const marked = join(app.exportDir, 'second-marked.pdf');
    writeFileSync(marked, annotated);

    await page.locator('[data-testid="proof-open"]').click();
    await page.locator('[data-testid="proof-file"]').setInputFiles(marked);
    const mark = page.locator('[data-testid="proof-mark"]');
    await expect.poll(() => mark.count(), { timeout: 30_000 }).toBe(1);
    expect(await mark.getAttribute('data-kind')).toBe('replace');
    // The round is the proof's own (二校), though the pen was red.
    expect(await mark.locator('.who').innerText()).toBe('王校对 · 二校');
    expect(await mark.innerText()).toContain(NEW_WORDS);

    await mark.locator('.where').click();
    await expect.poll(() => page.locator('[data-slate-editor]').getAttribute('data-article')).toBe('a4');
    await page.locator('[data-testid="preview"]').check();
    const before = await canvasHash(page);
    await mark.locator('[data-testid="proof-accept"]').click();
    await expect.poll(() => mark.innerText()).toContain('已采纳');
    expect(await editorText()).toContain(NEW_WORDS);
    expect(await editorText()).not.toContain(STRUCK);
    expect(await canvasHash(page)).not.toBe(before);

    // Undo: the words come back and the mark is open again, to accept or reject.
    await page.locator('[data-testid="undo"]').click();
    await expect.poll(editorText).toContain(STRUCK);
    await expect.poll(() => canvasHash(page)).toBe(before);
    expect(await mark.innerText()).not.toContain('已采纳');
    expect(await mark.locator('[data-testid="proof-accept"]').isVisible()).toBe(true);

    // Redo takes the decision with the edit again.
    await page.getByRole('button', { name: '重做', exact: true }).click();
    await expect.poll(editorText).toContain(NEW_WORDS);
    await expect.poll(() => mark.innerText()).toContain('已采纳');

    // The page as it prints: the next proof is 三校 and carries the new words.
    const third = await exportRound();
    expect(basename(third)).toMatch(/_proof_三校\.pdf$/);
    expect(pdfText(third)).toContain(NEW_WORDS);
    expect(pdfText(third)).not.toContain(STRUCK);
  }, 120_000);
});
