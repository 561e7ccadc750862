// 历史版本 in the app, end to end: a story typed into after the file was made is put back to the
// revision the file began with; the page shows the restored text (and the proof prints it), and the
// restore is one undoable step.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caretBefore, canvasHash, exportProof, openApp, type App } from '../support/app-in-browser';

const PHRASE = '持续净化网络生态';
const TYPED = '历史版本里没有的一句话';

let app: App;
beforeAll(async () => {
  app = await openApp();
});
afterAll(async () => {
  await app?.close();
});

const editorText = () => app.page.locator('[data-slate-editor]').first().innerText();
const state = () => app.page.locator('[data-testid="save-state"]').innerText();

describe('history in the app', () => {
  it('restores a revision: the page shows its text again, and undo takes the restore back', async () => {
    const { page } = app;
    await page.locator('[data-testid="file-save-as"]').click();
    await page.locator('[data-testid="file-name"]').fill('history');
    await page.locator('[data-testid="file-ok"]').click();
    await page.locator('[data-testid="file-label"]', { hasText: 'history.banmian' }).waitFor();
    await page.locator('[data-testid="article-list"] li[data-article="a4"]').click();
    await page.locator('[data-slate-editor][data-article="a4"]').waitFor();
    await page.locator('[data-testid="preview"]').check();
    const original = await canvasHash(page);

    await caretBefore(page, PHRASE, 0);
    await page.keyboard.insertText(TYPED);
    await expect.poll(editorText).toContain(TYPED);
    await expect.poll(state, { timeout: 15_000 }).toMatch(/^已保存/);
    const typed = await canvasHash(page);
    expect(typed).not.toBe(original);

    await page.locator('[data-testid="history-open"]').click();
    const revisions = page.locator('[data-testid="revision"]');
    await expect.poll(() => revisions.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // The oldest revision is the story as the file was made.
    await revisions.last().getByRole('button', { name: '恢复' }).click();
    await expect.poll(() => page.locator('[data-testid="history-panel"]').innerText()).toMatch(/已恢复/);
    await expect.poll(editorText).not.toContain(TYPED);
    await expect.poll(() => canvasHash(page)).toBe(original);
    await expect.poll(state, { timeout: 15_000 }).toMatch(/^已保存/);
    const restored = execFileSync('pdftotext', ['-raw', await exportProof(page), '-'], {
      encoding: 'utf8',
    }).replace(/\s+/g, '');
    expect(restored).toContain(PHRASE);
    expect(restored).not.toContain(TYPED.slice(0, 6));

    await page.locator('[data-testid="undo"]').click();
    await expect.poll(editorText).toContain(TYPED);
    await expect.poll(() => canvasHash(page)).toBe(typed);
  }, 120_000);
});
