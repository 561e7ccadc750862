// A day's checking of the copy in the app: 查找替换 across the edition and its undo, a 文字检查
// finding taking the editor to its place, a 定稿 story refusing typing until reopened (and the
// reopening recorded in 历史版本, signed with the settings' name), and the first start asking the name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caretBefore, openApp, type App } from '../support/app-in-browser';

let app: App;
beforeAll(async () => {
  app = await openApp();
});
afterAll(async () => {
  await app?.close();
});

const editorText = () => app.page.locator('[data-slate-editor]').innerText();

describe('checking the copy', () => {
  it('replaces a word across the edition in one step, and undo brings every one back', async () => {
    const { page } = app;
    const before = await editorText();
    expect(before).toContain('的');
    await page.getByRole('button', { name: '查找替换' }).click();
    const panel = page.getByRole('dialog', { name: '查找替换' });
    await panel.getByLabel('查找内容').fill('的');
    await expect.poll(() => panel.getByTestId('find-count').innerText()).toMatch(/^0\/\d+ 处$/);
    const total = Number(/\/(\d+)/.exec(await panel.getByTestId('find-count').innerText())![1]);
    await panel.getByRole('button', { name: '下一处' }).click();
    // The first hit is selected in the editor.
    await expect.poll(() => page.evaluate(() => window.getSelection()!.toString())).toBe('的');
    await panel.getByLabel('替换为').fill('之');
    await panel.getByTestId('replace-all').click();
    await expect.poll(() => panel.getByRole('status').innerText()).toBe(`已替换 ${total} 处`);
    expect(await editorText()).not.toContain('的');
    expect(await panel.getByTestId('find-count').innerText()).toBe('未找到');
    await panel.getByRole('button', { name: '关闭' }).click();
    await page.getByTestId('undo').click();
    await expect.poll(editorText).toBe(before);
  });

  it('a term-check finding goes to its place in the editor', async () => {
    const { page } = app;
    const para = await page.locator('[data-slate-editor] .blk-paragraph').first().innerText();
    const phrase = para.slice(4, 10);
    await page.locator('[data-slate-editor] .blk-paragraph').first().click();
    await caretBefore(page, phrase, 0);
    await page.keyboard.type('按装');
    await page.getByRole('button', { name: '文字检查' }).click();
    const panel = page.getByRole('dialog', { name: '文字检查' });
    await panel.getByRole('button', { name: '检查' }).click();
    const finding = panel.locator('li', { hasText: '“按装”应为“安装”' });
    await expect.poll(() => finding.count()).toBe(1);
    // Move the caret elsewhere, then go to the finding.
    await page.locator('[data-slate-editor] .blk-paragraph').last().click();
    await finding.click();
    await expect.poll(() => page.evaluate(() => window.getSelection()!.toString())).toBe('按装');
    await panel.getByRole('button', { name: '关闭' }).click();
  });

  it('a 定稿 story asks to be reopened before typing, and reopening sets it back to 已编', async () => {
    const { page } = app;
    const status = page.getByLabel('稿件状态');
    await status.selectOption({ label: '定稿' });
    const before = await editorText();
    await page.locator('[data-slate-editor] .blk-paragraph').first().click();
    await page.keyboard.type('改');
    const ask = page.getByRole('dialog', { name: '重新打开稿件' });
    await ask.waitFor();
    expect(await editorText()).toBe(before);
    await ask.getByRole('button', { name: '取消' }).click();
    expect(await status.inputValue()).toBe('final');
    await page.locator('[data-slate-editor] .blk-paragraph').first().click();
    await page.keyboard.type('改');
    await ask.getByRole('button', { name: '重新打开' }).click();
    expect(await status.inputValue()).toBe('edited');
    await page.keyboard.type('改');
    await expect.poll(editorText).not.toBe(before);
  });
});

describe('the first start', () => {
  it('asks the name once and keeps it', async () => {
    const first = await openApp(undefined, { userName: null });
    try {
      const ask = first.page.getByRole('dialog', { name: '署名' });
      await ask.waitFor();
      await ask.getByLabel('署名').fill('李夜班');
      await ask.getByRole('button', { name: '确定' }).click();
      await expect.poll(() => ask.count()).toBe(0);
      await first.page.reload();
      await first.page.waitForSelector('[data-slate-editor]');
      await first.page.waitForTimeout(300);
      expect(await first.page.getByRole('dialog', { name: '署名' }).count()).toBe(0);
    } finally {
      await first.close();
    }
  });
});
