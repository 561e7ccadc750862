// The edition's output condition set in the export dialog: the plant's profile from the templates
// folder and the rendering intent, saved with the edition by autosave; the PDF/X-4 exported from the
// app carries exactly that profile as its output intent, and the file opened again shows the setting.
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { EditionStore, readEditionFile } from '../../electron/services/store';
import { loadSampleEdition } from '../../electron/services/sample';
import { openApp, type App } from '../support/app-in-browser';
import { outputIntent } from '../support/pdf-tools';
import { PLANT_PROFILE, templatesWithPlantProfile } from '../support/plant-profile';

const templates = templatesWithPlantProfile();
const before = process.env.BANMIAN_TEMPLATES;
let app: App;
let again: App | undefined;
beforeAll(async () => {
  // The host and its job worker read the templates folder (and so the profiles) from here.
  process.env.BANMIAN_TEMPLATES = templates;
  app = await openApp();
}, 120_000);
afterAll(async () => {
  await app?.close();
  await again?.close();
  if (before === undefined) delete process.env.BANMIAN_TEMPLATES;
  else process.env.BANMIAN_TEMPLATES = before;
  rmSync(join(templates, '..'), { recursive: true, force: true });
});

async function openFile(page: Page, name: string) {
  await page.locator('[data-testid="file-open"]').click();
  await page.locator('[data-testid="file-name"]').fill(name);
  await page.locator('[data-testid="file-ok"]').click();
  await expect.poll(() => page.locator('[data-testid="file-label"]').innerText()).toBe(name);
}

describe('the edition’s output condition in the app', () => {
  it('is picked in the export dialog, saved, carried by the PDF’s output intent and shown again on reopening', async () => {
    const { page, docsDir } = app;
    const file = join(docsDir, '要闻.banmian');
    EditionStore.create(file, loadSampleEdition()).close();
    await openFile(page, '要闻.banmian');

    await page.locator('[data-testid="export"]').click();
    await page.locator('input[name="preset"][value="print-x4"]').check();
    const profile = page.locator('[data-testid="output-profile"]');
    await expect
      .poll(() => profile.locator('option').allInnerTexts())
      .toContainEqual(expect.stringContaining('plant.icc'));
    expect(await profile.inputValue()).toBe('');
    await profile.selectOption('plant.icc');
    await page.locator('[data-testid="output-intent"]').selectOption('relative');
    const state = page.locator('[data-testid="save-state"]');
    await expect
      .poll(() => readEditionFile(file).output, { timeout: 30_000 })
      .toEqual({
        profile: 'plant.icc',
        intent: 'relative',
      });
    await expect.poll(() => state.innerText(), { timeout: 30_000 }).toMatch(/^已保存/);

    await page.locator('[data-testid="export-run"]').click();
    await page.locator('[data-testid="export-done"]').waitFor({ timeout: 120_000 });
    const [pdf] = readdirSync(app.exportDir).filter((f) => f.endsWith('.pdf'));
    const intent = outputIntent(readFileSync(join(app.exportDir, pdf)));
    expect(intent.dict['/OutputConditionIdentifier']).toBe('u:Custom');
    expect(intent.profile!.equals(readFileSync(PLANT_PROFILE))).toBe(true);

    // Opened again in a new window: the dialog shows what the edition names. (The file and its
    // write-ahead log are copied as they are while the first window keeps it open.)
    await page.locator('[data-testid="export-dialog"] button', { hasText: '关闭' }).click();
    again = await openApp();
    for (const part of ['', '-wal'])
      if (existsSync(file + part)) copyFileSync(file + part, join(again.docsDir, '要闻.banmian' + part));
    await openFile(again.page, '要闻.banmian');
    await again.page.locator('[data-testid="export"]').click();
    await again.page.locator('input[name="preset"][value="print-x1a"]').check();
    expect(await again.page.locator('[data-testid="output-profile"]').inputValue()).toBe('plant.icc');
    expect(await again.page.locator('[data-testid="output-intent"]').inputValue()).toBe('relative');
    expect(await again.page.locator('[data-testid="output-condition-name"]').inputValue()).toBe('');
  }, 300_000);
});
