// Export as one job from the app: a 32-page edition file exported page by page in the job worker —
// the panel shows 第 n/N 版 and a progress bar, 取消 leaves no file in the export folder; exported
// again, the summary lists the files, which are there; the editor keeps typing and saving meanwhile.
import { readdirSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eightPageBroadsheet } from '../support/broadsheet-edition';
import { EditionStore, readEditionFile } from '../../electron/services/store';
import { blockText } from '../../engine/layout/runs';
import { caretBefore, openApp, type App } from '../support/app-in-browser';

let app: App;
beforeAll(async () => {
  app = await openApp();
}, 120_000);
afterAll(async () => {
  await app?.close();
});

const exported = () => (existsSync(app.exportDir) ? readdirSync(app.exportDir) : []);

describe('export as one job', () => {
  it('shows progress page by page, cancels leaving nothing, then exports every page with a summary', async () => {
    const { page, docsDir } = app;
    const edition = eightPageBroadsheet(32);
    EditionStore.create(join(docsDir, '大报.banmian'), edition).close();
    await page.locator('[data-testid="file-open"]').click();
    await page.locator('[data-testid="file-name"]').fill('大报.banmian');
    await page.locator('[data-testid="file-ok"]').click();
    await expect.poll(() => page.locator('[data-testid="file-label"]').innerText()).toBe('大报.banmian');

    await page.locator('[data-testid="export"]').click();
    await page.getByText('全部 32 个版').click();
    await page.locator('[data-testid="export-run"]').click();
    const where = page.locator('[data-testid="export-page"]');
    await expect.poll(() => where.innerText(), { timeout: 60_000 }).toMatch(/^第 [2-9]\/32 版$/);
    expect(
      Number(await page.locator('[data-testid="export-progress"]').getAttribute('value')),
    ).toBeGreaterThan(0);
    await page.locator('[data-testid="export-cancel"]').click();
    await page.locator('[data-testid="export-cancelled"]').waitFor({ timeout: 60_000 });
    expect(exported()).toEqual([]);

    // Again, to the end; the editor types and autosave answers while it runs.
    await page.locator('[data-testid="export-run"]').click();
    await expect.poll(() => where.innerText(), { timeout: 60_000 }).toMatch(/^第 \d+\/32 版$/);
    const a1 = edition.articles.find((a) => a.id === 'a1')!;
    await caretBefore(page, blockText(a1.blocks[3].children).slice(0, 8), 0);
    await page.keyboard.insertText('导出时写的字');
    const state = page.locator('[data-testid="save-state"]');
    await expect.poll(() => state.innerText(), { timeout: 30_000 }).toMatch(/^已保存/);
    expect(JSON.stringify(readEditionFile(join(docsDir, '大报.banmian')).articles)).toContain('导出时写的字');

    await page.locator('[data-testid="export-done"]').waitFor({ timeout: 300_000 });
    const summary = await page.locator('[data-testid="export-summary"]').innerText();
    expect(summary).toMatch(/已导出 32 个文件，共 32 个版，[\d.]+ (MB|KB)/);
    const listed = await page.locator('[data-testid="export-done"] .path').allInnerTexts();
    expect(listed).toHaveLength(32);
    expect(exported().sort()).toEqual(listed.map((p) => p.split('/').pop()).sort());
    for (const f of listed) expect(readFileSync(f).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 400_000);
});
