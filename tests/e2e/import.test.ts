// Bringing copy and photos in, as an editor does it: from a new edition (新建), 导入稿件 with a
// LibreOffice .docx (every block has its role in the editor), a .txt dropped on the article list,
// (置入图片 is not driven here yet.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../support/app-in-browser';

let app: App;
beforeAll(async () => {
  app = await openApp();
}, 180_000);
afterAll(async () => {
  await app?.close();
});

const fixture = (n: string) => join(__dirname, '../fixtures/import', n);

describe('bringing copy and photos in', () => {
  it('imports a .docx into a new edition with every role right (autosaved), and a .txt dropped on the article list', async () => {
    const { page } = app;
    await page.locator('[data-testid="file-new"]').click();
    await page.locator('[data-testid="new-paper"]').fill('区报');
    await page.locator('[data-testid="file-name"]').fill('导入测试');
    await page.locator('[data-testid="file-ok"]').click();
    await expect.poll(() => page.locator('[data-testid="file-label"]').innerText()).toBe('导入测试.banmian');

    await page.locator('[data-testid="import-stories-input"]').setInputFiles(fixture('newsroom-styles.docx'));
    await expect
      .poll(() => page.locator('[data-testid="import-summary"]').innerText())
      .toMatch(/主题 1.*副题 1.*电头 1.*小标题 2.*图片说明 1/s);
    const roles = await page
      .locator('[data-slate-editor] .blk')
      .evaluateAll((els) =>
        els.map((e) => [
          e.className.replace('blk blk-', ''),
          (e.textContent ?? '').replace(/^空图框|^图/, ''),
        ]),
      );
    expect(roles.slice(0, 6)).toEqual([
      ['kicker', '共学二十大　同谱新篇章'],
      ['headline', '徐汇区打造“学习强国”线下课堂'],
      ['subhead', '首批二十个课堂同日开课'],
      ['dateline', '本报讯（记者张三）'],
      ['paragraph', '2月15日，徐汇区委宣传部联合“学习强国”上海学习平台举办线下课堂启用仪式。'],
      ['crosshead', '课堂开在家门口'],
    ]);
    expect(roles.filter(([r]) => r === 'crosshead')).toHaveLength(2);
    expect(roles).toContainEqual(['photo', '图为线下课堂启用仪式现场。']);
    // Escape closes the result and nothing else: the text tool stays.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid="import-summary"]').count()).toBe(0);
    expect(await page.locator('[data-testid="tool-text"]').getAttribute('aria-pressed')).toBe('true');

    // A .txt dropped on the article list.
    const txt = '全市春耕生产全面展开\n百万亩良田播种过半\n本报讯 连日来，各地抢抓农时。\n';
    await page.locator('[data-testid="article-list"]').evaluate((el, text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], '春耕.txt', { type: 'text/plain' }));
      el.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
      el.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
    }, txt);
    await expect
      .poll(() => page.locator('[data-testid="article-list"]').innerText())
      .toMatch(/全市春耕生产全面展开/);
    await expect
      .poll(() => page.locator('[data-slate-editor] .blk-headline').innerText())
      .toBe('全市春耕生产全面展开');
    expect(await page.locator('[data-slate-editor] .blk-subhead').innerText()).toBe('百万亩良田播种过半');
    await expect
      .poll(() => page.locator('[data-testid="save-state"]').innerText(), { timeout: 15_000 })
      .toMatch(/已保存/);
    expect(readFileSync(join(app.docsDir, '导入测试.banmian')).length).toBeGreaterThan(0);
  }, 180_000);
});
