// A story's type, tint and auto-fit in the app: the editor changes a story's 字号 and 行距 in the
// inspector and sees copyfit and the PDF follow, adds a 底纹 that prints as CMYK (Ghostscript's ink
// coverage of the proof), and fits a headline to its area; each step undoes.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleEdition } from '../../electron/services/sample';
import { canvasHash, exportProof, openApp, type App } from '../support/app-in-browser';

let app: App;
beforeAll(async () => {
  app = await openApp();
});
afterAll(async () => {
  await app?.close();
});

const text = (file: string) =>
  execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');

/** Ink coverage of page 1 (C, M, Y, K, each 0–1 of the page's area), as Ghostscript separates it. */
function inkCoverage(file: string): number[] {
  const out = execFileSync(
    'gs',
    ['-q', '-o', '-', '-sDEVICE=inkcov', '-dFirstPage=1', '-dLastPage=1', file],
    {
      encoding: 'utf8',
    },
  );
  const m = /^\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+CMYK OK/m.exec(out);
  if (!m) throw new Error(`no ink coverage in ${out}`);
  return m.slice(1, 5).map(Number);
}

const a4 = loadSampleEdition().articles.find((a) => a.id === 'a4')!;
const lastParagraph = a4.blocks
  .filter((b) => b.type === 'paragraph')
  .at(-1)!
  .children.map((c) => c.text)
  .join('')
  .replace(/\s+/g, '')
  .slice(0, 20);

describe("a story's type, 底纹 and 自动适合", () => {
  it('changes a4’s 字号 and 行距: copyfit shows the overset, the proof sets less of it; a 底纹 prints in yellow only', async () => {
    const { page } = app;
    await page.locator('[data-testid="article-list"] li[data-article="a4"]').click();
    await expect.poll(() => page.locator('[data-slate-editor]').getAttribute('data-article')).toBe('a4');
    const fit = page.locator('[data-testid="fit-a4"]');
    await expect.poll(() => fit.innerText()).toBe('正好');
    const before = exportProof(page);
    const plain = await before;
    expect(text(plain)).toContain(lastParagraph);
    const ink0 = inkCoverage(plain);

    await page.getByLabel('正文字号', { exact: true }).selectOption({ label: '五号（10.5 pt）' });
    await expect.poll(() => fit.innerText()).toMatch(/^超 \d+ 字$/);
    const over1 = Number(/\d+/.exec(await fit.innerText())![0]);
    await page.getByLabel('行距').selectOption({ label: '2 行（28.6 pt）' });
    await expect.poll(async () => Number(/\d+/.exec(await fit.innerText())?.[0] ?? 0)).toBeGreaterThan(over1);

    const tint = page.getByRole('group', { name: '底纹' });
    await tint.getByLabel('底纹 Y').fill('40');
    await tint.getByLabel('底纹 Y').press('Enter');
    await expect.poll(() => tint.getByRole('button', { name: '去底纹' }).count()).toBe(1);

    const styled = await exportProof(page);
    expect(text(styled)).not.toContain(lastParagraph);
    const ink1 = inkCoverage(styled);
    // The tint is a quarter of the type area's width by 43 of its 70 lines at 40 % yellow: several
    // percent of the page in yellow, and none in cyan or magenta.
    expect(ink1[2] - ink0[2]).toBeGreaterThan(0.02);
    expect(Math.abs(ink1[0] - ink0[0])).toBeLessThan(0.002);
    expect(Math.abs(ink1[1] - ink0[1])).toBeLessThan(0.002);

    // Undone step by step: the tint, the 行距, the 字号; copyfit is back where it was.
    const field = tint.getByLabel('底纹 Y');
    await page
      .locator('canvas')
      .first()
      .click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => field.inputValue()).toBe('0');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect.poll(() => fit.innerText()).toBe('正好');
  });

  it('适合 sets a4’s 主题 at the largest size its area takes, says what changed, and undoes', async () => {
    const { page } = app;
    const group = page.getByRole('group', { name: '自动适合' });
    const hash = await canvasHash(page);
    await group.getByRole('button', { name: '适合', exact: true }).click();
    const message = group.getByTestId('fit-message');
    await expect.poll(() => message.innerText()).toMatch(/^适合：主题字号 [\d.]+ pt → [\d.]+ pt$/);
    const [, from, to] = /([\d.]+) pt → ([\d.]+) pt/.exec(await message.innerText())!;
    expect(Number(to)).not.toBe(Number(from));
    await expect.poll(() => page.getByLabel('主题字号（磅）').inputValue()).toBe(to);
    await expect.poll(() => canvasHash(page)).not.toBe(hash);
    // The whole headline is on the page, in the proof.
    const file = await exportProof(page);
    expect(text(file)).toContain('区委网络安全和信息化委员会会议举行');
    // Asked again, it is where it stays.
    await group.getByRole('button', { name: '适合', exact: true }).click();
    await expect.poll(() => message.innerText()).toContain('已是');
    await page
      .locator('canvas')
      .first()
      .click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByLabel('主题字号（磅）').inputValue()).toBe(from);
  });

  it('挤一行 takes a line out of a story by 字距 and shows the change', async () => {
    const { page } = app;
    await page.locator('[data-testid="article-list"] li[data-article="a1"]').click();
    await expect.poll(() => page.locator('[data-slate-editor]').getAttribute('data-article')).toBe('a1');
    const fit = page.locator('[data-testid="fit-a1"]');
    const under = Number(/余 (\d+) 行/.exec(await fit.innerText())![1]);
    const group = page.getByRole('group', { name: '自动适合' });
    await group.getByRole('button', { name: '挤一行' }).click();
    await expect
      .poll(() => group.getByTestId('fit-message').innerText())
      .toMatch(/^挤一行：字距 0% → −[\d.]+%/);
    await expect
      .poll(async () => Number(/余 (\d+) 行/.exec(await fit.innerText())?.[1]))
      .toBeGreaterThan(under);
    expect(await page.getByLabel('字距', { exact: true }).inputValue()).not.toBe('0');
  });

  it('竖排 in a wide area: the body sets full columns; a 竖题 in a low area is refused, saying why', async () => {
    const { page } = app;
    await page.locator('[data-testid="article-list"] li[data-article="a1"]').click();
    await expect.poll(() => page.locator('[data-slate-editor]').getAttribute('data-article')).toBe('a1');
    const headline = page.locator('[data-testid="inspector"] select').first();
    await headline.selectOption('vertical');
    await expect
      .poll(() => page.locator('[data-testid="refusal"]').innerText())
      .toMatch(/^标题竖排未执行：标题区高 6 行，主题（[\d.]+ pt）竖排每列只能放 \d 个字/);
    expect(await headline.inputValue()).toBe('horizontal');
    // The body across a1's three columns: columns as long as the region is high, so about what fitted
    // across fits down (a character a column would leave nearly all of it overset).
    await page.locator('[data-testid="body-orientation"]').selectOption('vertical');
    const fit = page.locator('[data-testid="fit-a1"]');
    await expect.poll(() => fit.innerText()).not.toBe('余 2 行');
    const label = await fit.innerText();
    const over = /超 (\d+) 字/.exec(label);
    expect(over ? Number(over[1]) : 0).toBeLessThan(60);
  });
});
