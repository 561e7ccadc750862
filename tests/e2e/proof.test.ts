// Proofreading in the app, end to end: a proof exported from the app comes back with a reader's
// strike-out (added as an incremental update, as PDF readers save it), is imported in the 校对 panel,
// and accepting the mark takes the words off the page; undo puts them back.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
import { canvasHash, openApp, type App, exportProof } from '../support/app-in-browser';

const STRUCK = '持续净化网络生态';

let app: App;
beforeAll(async () => {
  app = await openApp();
});
afterAll(async () => {
  await app?.close();
});

const editorText = () => app.page.locator('[data-slate-editor]').first().innerText();

describe('proofreading in the app', () => {
  it('imports an annotated proof, lists the strike-out under its article, and accepting it changes the page', async () => {
    const { page } = app;
    await page.locator('[data-testid="export"]').click();
    await page.locator('[data-testid="export-run"]').click();
    await page.locator('[data-testid="export-done"]').waitFor({ timeout: 60_000 });
    const proofFile = await page.locator('[data-testid="export-done"] .path').first().innerText();
    await page.getByRole('button', { name: '关闭' }).click();

    // The proofreader strikes out a phrase of a4 in a PDF reader.
    const edition = loadSampleEdition();
    const a4 = edition.articles.find((a) => a.id === 'a4')!;
    const block = a4.blocks.findIndex((b) =>
      b.children
        .map((c) => c.text)
        .join('')
        .includes(STRUCK),
    );
    const start = a4.blocks[block].children
      .map((c) => c.text)
      .join('')
      .indexOf(STRUCK);
    const display = layoutEdition(edition, { fonts: loadFontSet(), templates: loadTemplates() }).pages[0];
    const quads = selectionQuads(display, 'a4', block, start, start + STRUCK.length);
    const when = pdfDateOf(new Date('2023-02-16T22:05:00+08:00'));
    const annotated = appendAnnotations(readFileSync(proofFile), 0, (_ref, pageRef) => [
      {
        Type: name('Annot'),
        Subtype: name('StrikeOut'),
        F: 4,
        T: '王校对',
        M: when,
        CreationDate: when,
        C: [1, 0, 0],
        Rect: rectOf(quads),
        QuadPoints: quadPoints(quads),
        Subj: 'Cross-Out',
        P: pageRef,
        NM: 's1',
      },
    ]);
    const marked = join(app.exportDir, 'proof-marked.pdf');
    writeFileSync(marked, annotated);

    await page.locator('[data-testid="proof-open"]').click();
    await page.locator('[data-testid="proof-file"]').setInputFiles(marked);
    const mark = page.locator('[data-testid="proof-mark"]');
    await expect.poll(() => mark.count(), { timeout: 30_000 }).toBe(1);
    expect(await mark.getAttribute('data-kind')).toBe('delete');
    expect(await mark.innerText()).toContain(STRUCK);
    expect(await mark.innerText()).toContain('王校对');
    expect(await page.locator('[data-testid="proof-panel"] h4').innerText()).toBe(a4.slug);
    expect(await page.locator('[data-testid="proof-stale"]').count()).toBe(0);

    // A click on the place takes the editor to a4; accepting strikes the words from the story and the page.
    await mark.locator('.where').click();
    await expect.poll(() => page.locator('[data-slate-editor]').getAttribute('data-article')).toBe('a4');
    expect(await editorText()).toContain(STRUCK);
    // Compared in print preview: the page itself, not the caret and guides drawn over it.
    await page.locator('[data-testid="preview"]').check();
    const before = await canvasHash(page);
    await mark.locator('[data-testid="proof-accept"]').click();
    await expect.poll(() => mark.innerText()).toContain('已采纳');
    expect(await editorText()).not.toContain(STRUCK);
    expect(await canvasHash(page)).not.toBe(before);

    // The page as it prints: a proof exported now no longer carries the phrase.
    const again = await exportProof(page);
    const text = execFileSync('pdftotext', ['-raw', again, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).not.toContain(STRUCK);
    expect(text).toContain('区委网络安全和信息化委员会');

    // One undoable edit: undo brings the words back.
    await page.locator('[data-testid="undo"]').click();
    await expect.poll(editorText).toContain(STRUCK);
    await expect.poll(() => canvasHash(page)).toBe(before);
  });
});
