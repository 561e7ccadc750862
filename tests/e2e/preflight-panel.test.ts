// 印前检查 in the app: the panel checks as it opens (no second click on 检查), and a finding names its
// story by the slug the editor knows, never by the story's internal id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../support/app-in-browser';

let app: App;
beforeAll(async () => {
  app = await openApp();
});
afterAll(async () => {
  await app?.close();
});

describe('preflight in the app', () => {
  it('lists findings as the panel opens, naming stories by their slug', async () => {
    const { page } = app;
    // A new story not yet placed: a finding about one story.
    await page.locator('[data-testid="preview"]').focus();
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: '查找命令' }).fill('新建稿件');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '印前检查', exact: true }).click();
    const panel = page.locator('[data-testid="preflight"]');
    const unplaced = panel.locator('.finding', { hasText: '没有上版' });
    await expect.poll(() => unplaced.count(), { timeout: 30_000 }).toBe(1);
    expect(await unplaced.innerText()).toContain('新稿件');
    expect(await panel.innerText()).not.toMatch(/\ba-[0-9a-z]{6,}/);
  }, 120_000);
});
