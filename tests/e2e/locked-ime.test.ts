// A locked article (定稿) refuses an input method's composition as it refuses typing: the 重新打开
// dialog opens and the composed words land nowhere — not in the editor, not in the edition file.
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEditionFile } from '../../electron/services/store';
import { caretBefore, openApp, type App } from '../support/app-in-browser';

const FILE = 'locked-ime.banmian';

let app: App;
let cdp: CDPSession;

const editorText = () => app.page.locator('[data-slate-editor]').innerText();
const saveState = () => app.page.locator('[data-testid="save-state"]').innerText();
/** a4's text and status as autosave last wrote them to the edition file. */
function stored(): { text: string; status: string } {
  const a4 = readEditionFile(join(app.docsDir, FILE)).articles.find((a) => a.id === 'a4')!;
  return { text: a4.blocks.map((b) => b.children.map((c) => c.text).join('')).join('\n'), status: a4.status };
}

/** Pinyin typed into the input method's composition, step by step. */
async function compose(...steps: string[]): Promise<void> {
  for (const s of steps)
    await cdp.send('Input.imeSetComposition', { text: s, selectionStart: s.length, selectionEnd: s.length });
}

beforeAll(async () => {
  app = await openApp();
  const { page } = app;
  await page.locator('[data-testid="file-save-as"]').click();
  await page.locator('[data-testid="file-name"]').fill('locked-ime');
  await page.locator('[data-testid="file-ok"]').click();
  await page.locator('[data-testid="file-label"]', { hasText: FILE }).waitFor();
  await page.locator('[data-testid="article-list"] li[data-article="a4"]').click();
  await page.locator('[data-slate-editor][data-article="a4"]').waitFor();
  cdp = await app.context.newCDPSession(page);
});
afterAll(async () => {
  await cdp?.detach();
  await app?.close();
});

describe('an input method in a locked article', () => {
  it('composes 测试 into a 定稿 story: the reopen dialog opens and the text stays as it was', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: '稿件状态' }).selectOption({ label: '定稿' });
    await expect.poll(saveState, { timeout: 10_000 }).toMatch(/^已保存/);
    await expect.poll(() => stored().status).toBe('final');
    const before = await editorText();
    const file = stored().text;

    await caretBefore(page, '会议听取了', 0);
    await compose('c', 'ce', 'ceshi');
    await cdp.send('Input.insertText', { text: '测试' });
    await page.waitForTimeout(300);

    const dialog = page.locator('[data-testid="reopen-dialog"]');
    expect(await dialog.isVisible()).toBe(true);
    expect(await dialog.innerText()).toContain('已定稿');
    const now = await editorText();
    expect(now).not.toContain('测试');
    expect(now).not.toContain('ceshi');
    expect(now).toBe(before);

    // Declining keeps it locked; the file, saved again, holds the same text.
    await dialog.getByRole('button', { name: '取消' }).click();
    await page.locator('[data-testid="save-state"]').click();
    await expect.poll(saveState, { timeout: 10_000 }).toMatch(/^已保存/);
    expect(stored()).toEqual({ text: file, status: 'final' });
    expect(await editorText()).toBe(before);

    // Reopened (已编), the same words compose in.
    await caretBefore(page, '会议听取了', 0);
    await compose('ceshi');
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: '重新打开' }).click();
    await caretBefore(page, '会议听取了', 0);
    await compose('ce', 'ceshi');
    await cdp.send('Input.insertText', { text: '测试' });
    await expect.poll(editorText).toContain('测试会议听取了');
    await expect.poll(saveState, { timeout: 10_000 }).toMatch(/^已保存/);
    await expect.poll(() => stored().text).toContain('测试会议听取了');
    expect(stored().status).toBe('edited');
  });
});
