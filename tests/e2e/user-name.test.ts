// 署名… from the command palette: the editor changes the name asked at the first start; the dialog
// shows the name now, the new one signs the next comment (批注) and stays after the window reloads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, selectPhrase, type App } from '../support/app-in-browser';

let app: App;
beforeAll(async () => {
  app = await openApp(undefined, { userName: '张编辑' });
});
afterAll(async () => {
  await app?.close();
});

/** Runs 署名… from the palette (Ctrl+K, its name, Enter); returns the dialog. */
async function runUserName() {
  const { page } = app;
  await page.locator('footer.status').click();
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: '查找命令' }).fill('署名');
  const palette = page.getByRole('dialog', { name: '命令面板' });
  await expect.poll(() => palette.getByRole('option').first().innerText()).toContain('署名');
  await page.keyboard.press('Enter');
  const dialog = page.locator('[data-testid="user-dialog"]');
  await dialog.waitFor();
  return dialog;
}

describe('署名…', () => {
  it('changes the name from the palette; the next comment is signed with it', async () => {
    const { page } = app;
    let dialog = await runUserName();
    const field = dialog.getByRole('textbox', { name: '署名' });
    expect(await field.inputValue()).toBe('张编辑');
    // 取消 keeps the name.
    await dialog.getByRole('button', { name: '取消' }).click();
    expect(await dialog.count()).toBe(0);

    dialog = await runUserName();
    await field.fill('李校对');
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    await selectPhrase(page, '共学二十大，同谱新篇章');
    await page.locator('[data-testid="comment-add"]').click();
    await page.locator('[data-testid="comment-text"]').fill('请核对活动名称');
    await page.locator('[data-testid="comment-save"]').click();
    const item = page.locator('[data-testid="comment-list"] li');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.locator('.meta').innerText()).toMatch(/^李校对 · /);

    // Kept in the app's settings: the window reloaded asks nothing and knows the new name.
    await page.reload();
    await page.waitForSelector('[data-slate-editor]');
    expect(await page.locator('[data-testid="user-dialog"]').count()).toBe(0);
    dialog = await runUserName();
    expect(await dialog.getByRole('textbox', { name: '署名' }).inputValue()).toBe('李校对');
  });
});
