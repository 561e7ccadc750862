// The start of the app: with no crash to recover, the navigator names the recent editions (with
// 新建 / 打开 / 示例) and one click reopens one; after a reload they are still there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../support/app-in-browser';

let app: App;

beforeAll(async () => {
  app = await openApp();
});
afterAll(async () => {
  await app?.close();
});

describe('recent editions at the start', () => {
  it('lists a saved edition after it is closed, reopens it with one click, and still lists it after a restart', async () => {
    const { page } = app;
    const section = page.locator('[data-testid="recent-editions"]');
    await expect.poll(() => section.innerText()).toContain('还没有最近的期次');
    const label = () => page.locator('[data-testid="file-label"]').innerText();

    await page.locator('[data-testid="file-save-as"]').click();
    await page.locator('[data-testid="file-name"]').fill('晚班');
    await page.locator('[data-testid="file-ok"]').click();
    await expect.poll(label).toBe('晚班.banmian');
    // The open file is not offered again as a recent one, but the list names it as the current one.
    expect(await page.locator('[data-testid="recent-edition"]').count()).toBe(0);
    await expect.poll(() => section.innerText()).not.toContain('还没有最近的期次');
    expect(await page.locator('[data-testid="current-edition"]').innerText()).toMatch(/晚班\.banmian · 当前/);

    await page.locator('[data-testid="start-sample"]').click();
    await expect.poll(label).toBe('示例（未存为文件）');
    const entry = page.locator('[data-testid="recent-edition"]');
    await expect.poll(() => entry.count()).toBe(1);
    expect(await entry.innerText()).toContain('晚班.banmian');
    expect(await entry.innerText()).toContain('徐汇报 2023-02-17');

    await entry.click();
    await expect.poll(label).toBe('晚班.banmian');

    // Closed on purpose (the sample opened), then the window starts again: no recovery, the list is there.
    await page.locator('[data-testid="start-sample"]').click();
    await expect.poll(label).toBe('示例（未存为文件）');
    await page.reload();
    await page.waitForSelector('[data-slate-editor]', { timeout: 60_000 });
    expect(await label()).toBe('示例（未存为文件）');
    await expect.poll(() => page.locator('[data-testid="recent-edition"]').count()).toBe(1);
    expect(await page.locator('[data-testid="start-new"]').isVisible()).toBe(true);
    expect(await page.locator('[data-testid="start-open"]').isVisible()).toBe(true);
  });

  it('asks before Save As replaces a file, and replaces it only when the editor agrees', async () => {
    const { page } = app;
    const label = () => page.locator('[data-testid="file-label"]').innerText();
    const asked: string[] = [];
    const saveAs = async (answer: boolean) => {
      page.once('dialog', (d) => {
        asked.push(d.message());
        void (answer ? d.accept() : d.dismiss());
      });
      await page.locator('[data-testid="file-save-as"]').click();
      await page.locator('[data-testid="file-name"]').fill('晚班');
      await page.locator('[data-testid="file-ok"]').click();
    };
    expect(await label()).toBe('示例（未存为文件）');
    await saveAs(false);
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toBe('“晚班.banmian”已存在。要替换它吗？原文件的内容将被取代。');
    await page.locator('[data-testid="file-dialog"]').waitFor({ state: 'detached' });
    expect(await label()).toBe('示例（未存为文件）');
    await saveAs(true);
    await expect.poll(label).toBe('晚班.banmian');
    expect(asked).toHaveLength(2);
  });

  it('新建 offers a name that follows the paper and date, is ready at once, and the new file is listed', async () => {
    const { page } = app;
    const label = () => page.locator('[data-testid="file-label"]').innerText();
    await page.locator('[data-testid="start-new"]').click();
    const dialog = page.getByRole('dialog', { name: '新建期次' });
    const name = page.locator('[data-testid="file-name"]');
    // Real values, not placeholders that look filled in: 新建 can be pressed at once.
    expect(await page.locator('[data-testid="new-paper"]').inputValue()).toBe('徐汇报');
    expect(await page.locator('[data-testid="file-ok"]').isEnabled()).toBe(true);
    await dialog.getByLabel('出版日期').fill('2023-03-01');
    expect(await name.inputValue()).toBe('徐汇报-2023-03-01');
    await page.locator('[data-testid="new-paper"]').fill('晚报');
    expect(await name.inputValue()).toBe('晚报-2023-03-01');
    // Emptied, the paper shows its placeholder and 新建 waits for it.
    await page.locator('[data-testid="new-paper"]').fill('');
    expect(await page.locator('[data-testid="file-ok"]').isEnabled()).toBe(false);
    expect(await page.locator('[data-testid="new-paper"]').getAttribute('placeholder')).toBe('报纸名称');
    await page.locator('[data-testid="new-paper"]').fill('晚报');
    // A name the editor typed stays whatever date is chosen next.
    await name.fill('三月特刊');
    await dialog.getByLabel('出版日期').fill('2023-03-02');
    expect(await name.inputValue()).toBe('三月特刊');
    // Emptied, it follows them again.
    await name.fill('');
    await dialog.getByLabel('出版日期').fill('2023-03-03');
    expect(await name.inputValue()).toBe('晚报-2023-03-03');
    await page.locator('[data-testid="file-ok"]').click();
    await expect.poll(label).toBe('晚报-2023-03-03.banmian');
    const section = page.locator('[data-testid="recent-editions"]');
    await expect.poll(() => section.innerText()).not.toContain('还没有最近的期次');
    await expect
      .poll(() => page.locator('[data-testid="current-edition"]').innerText())
      .toContain('晚报-2023-03-03');
  });
});
