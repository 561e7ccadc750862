// The 字体 screen end to end: the roles with their faces and the installed faces are listed; 书宋
// set in LXGW WenKai for this edition changes the page view, and the page view then shows what the
// PDF the app exports prints (the same face embedded).
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates } from '../../electron/services/templates';
import {
  exportProof,
  expectScreenLikePrint,
  openApp,
  settledCanvasHash,
  type App,
} from '../support/app-in-browser';

let app: App;
beforeAll(async () => {
  app = await openApp({ width: 2100, height: 1400 });
});
afterAll(async () => {
  await app?.close();
});

describe('字体 screen', () => {
  it(
    'maps a role for this edition: the page changes and prints as it shows',
    { timeout: 300_000 },
    async () => {
      const { page } = app;
      const before = await settledCanvasHash(page);
      await page.locator('[data-testid="fonts-open"]').click();
      const panel = page.locator('[data-testid="fonts-panel"]');
      await expect
        .poll(() => panel.locator('[data-testid="role-face-书宋"]').innerText(), { timeout: 120_000 })
        .toContain('思源宋体');
      // Installed faces are listed with their format and coverage.
      const noto = panel.locator('.font-faces tr', { hasText: 'Noto Serif CJK SC' }).first();
      await expect.poll(() => noto.innerText()).toMatch(/CFF（集合）\s+100%/);

      await panel.getByLabel('书宋的字体').selectOption('lxgw-wenkai-400-system');
      await expect
        .poll(() => panel.locator('[data-testid="role-face-书宋"]').innerText(), { timeout: 60_000 })
        .toContain('霞鹜文楷');
      const after = await settledCanvasHash(page);
      expect(after).not.toBe(before);
      await panel.getByRole('button', { name: '关闭' }).click();

      const pdf = await exportProof(page);
      expect(execFileSync('pdffonts', [pdf], { encoding: 'utf8' })).toMatch(/LXGWWenKai-Regular/);
      // The whole type area at 100 %, its glyphs (now from LXGW WenKai) fetched and painted, against the proof.
      await page.locator('[data-testid="preview"]').check();
      await page.getByRole('button', { name: '100%' }).click();
      await page.evaluate(() => {
        const s = document.querySelector('[data-testid="page-view"]')!;
        s.scrollTop = 0;
        s.scrollLeft = 0;
      });
      await settledCanvasHash(page);
      await expectScreenLikePrint(app, pdf, loadTemplates().sikai.typeArea);

      // 书宋 in a CFF face from a collection (Debian's Noto Serif CJK SC): embedded as CID Type 0C, and
      // the page view still shows what it prints.
      await page.locator('[data-testid="fonts-open"]').click();
      const cff = await panel
        .getByLabel('书宋的字体')
        .evaluate(
          (sel: HTMLSelectElement) =>
            [...sel.options].find(
              (o) =>
                /Noto Serif CJK SC/.test(o.text) &&
                !/Bold|Black|Light|Medium|SemiBold|ExtraLight/.test(o.text),
            )?.value ?? '',
        );
      expect(cff).not.toBe('');
      await panel.getByLabel('书宋的字体').selectOption(cff);
      await expect
        .poll(() => panel.locator('[data-testid="role-face-书宋"]').innerText(), { timeout: 60_000 })
        .toContain('Noto Serif CJK SC');
      await panel.getByRole('button', { name: '关闭' }).click();
      const cffPdf = await exportProof(page);
      expect(execFileSync('pdffonts', [cffPdf], { encoding: 'utf8' })).toMatch(
        /NotoSerifCJKsc-Regular\s+CID Type 0C\s+Identity-H\s+yes yes yes/,
      );
      await page.evaluate(() => {
        const s = document.querySelector('[data-testid="page-view"]')!;
        s.scrollTop = 0;
        s.scrollLeft = 0;
      });
      await settledCanvasHash(page);
      await expectScreenLikePrint(app, cffPdf, loadTemplates().sikai.typeArea);
    },
  );
});
