// 长/扁字, the edition's 样式 and type for selected text, as a layout editor uses them: 扁字 on a story
// widens its characters on the page and in the PDF and copyfit follows; 正文 set bigger in 样式 moves
// every story's copyfit; every change undoes, is saved in the file and is there when it is opened again.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleEdition } from '../../electron/services/sample';
import { EditionStore, readEditionFile } from '../../electron/services/store';
import { canvasHash, exportProof, openApp, type App } from '../support/app-in-browser';

let app: App;
beforeAll(async () => {
  app = await openApp();
  EditionStore.create(join(app.docsDir, '样式.banmian'), loadSampleEdition()).close();
  EditionStore.create(join(app.docsDir, '其他.banmian'), loadSampleEdition()).close();
});
afterAll(async () => {
  await app?.close();
});

async function openByName(name: string): Promise<void> {
  const { page } = app;
  await page.locator('[data-testid="file-open"]').click();
  await page.locator('[data-testid="file-name"]').fill(name);
  await page.locator('[data-testid="file-ok"]').click();
  await expect.poll(() => page.locator('[data-testid="file-label"]').innerText()).toBe(name);
}

async function saved(): Promise<void> {
  await expect
    .poll(() => app.page.locator('[data-testid="save-state"]').innerText(), { timeout: 15_000 })
    .toMatch(/^已保存/);
}

const stored = () => readEditionFile(join(app.docsDir, '样式.banmian'));

/** Lines of page 1 of a PDF as pdftotext reads them: text and width in points. */
function pdfLines(file: string): { text: string; width: number }[] {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
  return [
    ...xml.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g),
  ].map((m) => ({ text: m[3], width: Number(m[2]) - Number(m[1]) }));
}

/** Points per character of a1's first body line (it starts with its dateline, 本报讯 2月15日). */
function a1PitchPerChar(file: string): number {
  const line = pdfLines(file).find((l) => l.text.startsWith('本报讯 2月15日'));
  if (!line) throw new Error(`no line of a1 in ${file}`);
  return line.width / [...line.text.replace(/\s+/g, '')].length;
}

async function chooseArticle(id: string): Promise<void> {
  const { page } = app;
  await page.locator(`[data-testid="article-list"] li[data-article="${id}"]`).click();
  await expect.poll(() => page.locator('[data-slate-editor]').getAttribute('data-article')).toBe(id);
}

async function undo(): Promise<void> {
  await app.page
    .locator('canvas')
    .first()
    .click({ position: { x: 5, y: 5 } });
  await app.page.keyboard.press('Control+z');
}

describe('长/扁字', () => {
  it('扁字 110% on a1: copyfit shows more copy, the PDF sets wider characters; saved, undone', async () => {
    const { page } = app;
    await openByName('样式.banmian');
    await chooseArticle('a1');
    const fit = page.locator('[data-testid="fit-a1"]');
    await expect.poll(() => fit.innerText()).toMatch(/^余 \d+ 行$/);
    const fit0 = await fit.innerText();
    // Read now: the next proof of the same pages takes the same file name.
    const pitch0 = a1PitchPerChar(await exportProof(page));
    const hash = await canvasHash(page);

    await page.getByLabel('正文长扁').selectOption({ label: '扁字 110%' });
    await expect.poll(() => fit.innerText()).not.toBe(fit0);
    // 110 % wider characters take about a tenth more room: fewer rows left over, or overset.
    const fit1 = await fit.innerText();
    const left = (s: string) => (/余 (\d+) 行/.exec(s) ? Number(/余 (\d+) 行/.exec(s)![1]) : -1);
    expect(left(fit1)).toBeLessThan(left(fit0));
    await expect.poll(() => canvasHash(page)).not.toBe(hash);
    await saved();
    expect(stored().pages[0].placements.find((p) => p.article === 'a1')!.type).toEqual({
      body: { scale: 1.1 },
    });

    const wide = await exportProof(page);
    // About 10 % more room a character (the 电头's gap after 本报讯 keeps its width).
    const ratio = a1PitchPerChar(wide) / pitch0;
    expect(ratio).toBeGreaterThan(1.04);
    expect(ratio).toBeLessThan(1.16);

    await undo();
    await expect.poll(() => fit.innerText()).toBe(fit0);
    expect(await page.getByLabel('正文长扁').inputValue()).toBe('');
    await saved();
    expect(stored().pages[0].placements.find((p) => p.article === 'a1')!.type).toBeUndefined();
  });
});

/** Copyfit of every story in the article list, by article id. */
async function fits(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const el of await app.page.locator('[data-testid^="fit-"]').all())
    out[(await el.getAttribute('data-testid'))!.slice(4)] = await el.innerText();
  return out;
}

describe('样式', () => {
  it('正文 in 五号 for this edition: every story’s copyfit follows; undone, redone, saved and reopened', async () => {
    const { page } = app;
    const before = await fits();
    const placed = ['a1', 'a2', 'a4'];
    for (const id of placed) expect(before[id]).toBeTruthy();

    await page
      .locator('canvas')
      .first()
      .click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: '查找命令' }).fill('样式');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: '样式' });
    await dialog.waitFor();
    const body = dialog.getByRole('group', { name: '样式 正文' });
    expect(await body.getByLabel('正文字号（磅）').inputValue()).toBe('9');
    await body.getByLabel('正文字号', { exact: true }).selectOption({ label: '五号（10.5 pt）' });

    // Every story set in 正文 takes more room.
    for (const id of placed) await expect.poll(async () => (await fits())[id]).not.toBe(before[id]);
    const styled = await fits();
    expect(await body.getByLabel('正文字号（磅）').inputValue()).toBe('10.5');
    await saved();
    expect(stored().styles).toEqual({ 正文: { size: 10.5 } });

    await page
      .locator('canvas')
      .first()
      .click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    for (const id of placed) await expect.poll(async () => (await fits())[id]).toBe(before[id]);
    expect(await body.getByLabel('正文字号（磅）').inputValue()).toBe('9');
    await saved();
    expect(stored().styles).toBeUndefined();

    await page.keyboard.press('Control+y');
    for (const id of placed) await expect.poll(async () => (await fits())[id]).toBe(styled[id]);
    await saved();
    expect(stored().styles).toEqual({ 正文: { size: 10.5 } });

    // Opened again from the file: the style is there, and so is what it does.
    await openByName('其他.banmian');
    for (const id of placed) await expect.poll(async () => (await fits())[id]).toBe(before[id]);
    await openByName('样式.banmian');
    for (const id of placed) await expect.poll(async () => (await fits())[id]).toBe(styled[id]);
    await page
      .locator('canvas')
      .first()
      .click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: '查找命令' }).fill('样式');
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        page
          .getByRole('dialog', { name: '样式' })
          .getByRole('group', { name: '样式 正文' })
          .getByLabel('正文字号（磅）')
          .inputValue(),
      )
      .toBe('10.5');
  });
});
