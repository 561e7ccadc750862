// The selection tool and the pages panel as a layout editor uses them: select a story on the page and
// press Delete — it leaves the page, its copy stays as it was in the article list; arrow keys move a
// selected story by one 行; pages added, renamed and reordered by dragging thumbnails — the running
// heads and folios of the exported PDF follow; every change saved and the file reopens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { loadSampleEdition } from '../../electron/services/sample';
import { EditionStore, readEditionFile } from '../../electron/services/store';
import { loadTemplates } from '../../electron/services/templates';
import { gridOf, rectToPoints } from '../../renderer/state/placing';
import { canvasHash, openApp, screenPoint, type App } from '../support/app-in-browser';

let app: App;
beforeAll(async () => {
  app = await openApp();
});
afterAll(async () => {
  await app?.close();
});

const t = loadTemplates().sikai;
const grid = gridOf(t);

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

/** Clicks the page view at a grid cell (its top-left corner plus a little). */
async function clickCell(col: number, line: number, shift = false): Promise<void> {
  const p = rectToPoints(grid, { col, cols: 1, line, lines: 1 });
  const at = await screenPoint(app.page, p.x + p.w / 2, p.y + p.h / 2);
  if (shift) await app.page.keyboard.down('Shift');
  await app.page.mouse.click(at.x, at.y);
  if (shift) await app.page.keyboard.up('Shift');
}

const tool = (name: '选择工具' | '文字工具') => app.page.getByRole('button', { name, exact: true });
const field = (n: 'X' | 'Y' | 'W' | 'H') =>
  app.page.getByLabel(`${n}（栏）`).or(app.page.getByLabel(`${n}（行）`));
const where = (id: string) =>
  app.page.locator(`[data-testid="article-list"] li[data-article="${id}"] .where`).innerText();

describe('selection tool', () => {
  it('V and Esc choose it, T the text tool; keys typed into the text never switch tools', async () => {
    const { page, docsDir } = app;
    EditionStore.create(join(docsDir, '选择.banmian'), loadSampleEdition()).close();
    await openByName('选择.banmian');
    expect(await tool('文字工具').getAttribute('aria-pressed')).toBe('true');
    await page.locator('[data-testid="zoom"]').click();
    await page.keyboard.press('v');
    await expect.poll(() => tool('选择工具').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('t');
    await expect.poll(() => tool('文字工具').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Escape');
    await expect.poll(() => tool('选择工具').getAttribute('aria-pressed')).toBe('true');
    // In the article editor a "t" is a letter of the story, not the text tool.
    const text = await page.locator('[data-slate-editor]').innerText();
    await page.locator('[data-slate-editor]').click();
    await page.keyboard.type('t');
    await expect
      .poll(async () => (await page.locator('[data-slate-editor]').innerText()).length)
      .toBe(text.length + 1);
    expect(await tool('选择工具').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Backspace');
    await saved();
  });

  it('arrow keys move a selected story by one 行 (Shift: five), undoably, and autosave keeps it', async () => {
    const { page, docsDir } = app;
    await tool('选择工具').click();
    // a3: headline at line 37 (0-based 36) of column 3, body below.
    await clickCell(2, 45);
    await expect.poll(() => page.locator('[data-testid="frame-fields"]').count()).toBe(1);
    expect(await field('X').inputValue()).toBe('3');
    expect(await field('Y').inputValue()).toBe('37');
    const before = await canvasHash(page);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => field('Y').inputValue()).toBe('36');
    expect(await canvasHash(page)).not.toBe(before);
    await page.keyboard.press('Shift+ArrowUp');
    await expect.poll(() => field('Y').inputValue()).toBe('31');
    await saved();
    const a3 = () =>
      readEditionFile(join(docsDir, '选择.banmian')).pages[0].placements.find((p) => p.article === 'a3')!;
    expect(a3().headline!.area.line).toBe(30);
    expect(a3().regions.map((r) => r.line)).toEqual([34, 48]);
    await page.keyboard.press('Control+z');
    await expect.poll(() => field('Y').inputValue()).toBe('36');
    await page.keyboard.press('Control+z');
    await expect.poll(() => field('Y').inputValue()).toBe('37');
    // A move past the foot of the type area stops at it: a3 already reaches the last line.
    await page.keyboard.press('ArrowDown');
    expect(await field('Y').inputValue()).toBe('37');
    expect(await page.locator('[data-testid="refusal"]').count()).toBe(0);
  });

  it('Y typed and Enter moves it; a wrong value is refused in Chinese and nothing moves', async () => {
    const { page } = app;
    const y = field('Y');
    await y.fill('30');
    await y.press('Enter');
    await expect.poll(() => y.inputValue()).toBe('30');
    const before = await canvasHash(page);
    await y.fill('90');
    await y.press('Enter');
    await expect.poll(() => page.locator('[data-testid="frame-error"]').innerText()).toMatch(/超出版心/);
    expect(await canvasHash(page)).toBe(before);
    await y.press('Escape');
    await page.keyboard.press('Control+z');
    await expect.poll(() => y.inputValue()).toBe('37');
  });

  it('Delete takes the selected story off the page; its text is unchanged and it stays in the article list', async () => {
    const { page, docsDir } = app;
    await page.locator('[data-testid="article-list"] li[data-article="a3"]').click();
    const text = await page.locator('[data-slate-editor]').innerText();
    await tool('选择工具').click();
    await clickCell(2, 50);
    await expect.poll(() => page.locator('[data-testid="frame-fields"]').count()).toBe(1);
    expect(await where('a3')).toBe('1版');
    await page.keyboard.press('Delete');
    await expect.poll(() => where('a3')).toBe('');
    expect(await page.locator('[data-testid="article-list"] li[data-article="a3"]').count()).toBe(1);
    await page.locator('[data-testid="article-list"] li[data-article="a3"]').click();
    await expect.poll(() => page.locator('[data-slate-editor]').innerText()).toBe(text);
    await saved();
    const ed = readEditionFile(join(docsDir, '选择.banmian'));
    expect(ed.pages[0].placements.map((p) => p.article)).not.toContain('a3');
    expect(ed.articles.find((a) => a.id === 'a3')).toEqual(
      loadSampleEdition().articles.find((a) => a.id === 'a3'),
    );
    // Undo puts it back where it was.
    await page.locator('[data-testid="undo"]').click();
    await expect.poll(() => where('a3')).toBe('1版');
  });

  it('Shift-click adds a story; a marquee selects what it touches', async () => {
    const { page } = app;
    await tool('选择工具').click();
    await clickCell(2, 50);
    await clickCell(3, 30, true);
    await expect.poll(() => page.locator('[data-testid="align-tools"]').innerText()).toMatch(/2 个对象/);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid="align-tools"]').count()).toBe(0);
    const a = rectToPoints(grid, { col: 0, cols: 1, line: 5, lines: 1 });
    const b = rectToPoints(grid, { col: 3, cols: 1, line: 12, lines: 1 });
    const from = await screenPoint(page, a.x + 2, a.y + 2);
    const to = await screenPoint(page, b.x + 2, b.y + 2);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 5 });
    await page.mouse.up();
    // The headlines of a1 (columns 1–3) and a4 (column 4) start on line 11.
    await expect.poll(() => page.locator('[data-testid="align-tools"]').innerText()).toMatch(/2 个对象/);
    await tool('文字工具').click();
  });

  it('a guide pulled from the top ruler lands on a 行 of the grid, is saved, and goes when dragged back', async () => {
    const { page, docsDir } = app;
    await tool('选择工具').click();
    const view = (await page.locator('[data-testid="page-view"]').boundingBox())!;
    const line = rectToPoints(grid, { col: 1, cols: 1, line: 20, lines: 1 });
    const at = await screenPoint(page, line.x + 10, line.y + 1);
    const before = await canvasHash(page);
    await page.mouse.move(at.x, view.y + 8);
    await page.mouse.down();
    await page.mouse.move(at.x, at.y, { steps: 6 });
    await page.mouse.up();
    await expect.poll(() => canvasHash(page)).not.toBe(before);
    await saved();
    const guides = () => readEditionFile(join(docsDir, '选择.banmian')).pages[0].guides ?? [];
    expect(guides()).toEqual([{ axis: 'h', at: Math.round(line.y * 100) / 100 }]);
    // Back onto the ruler: gone.
    await page.mouse.move(at.x, at.y);
    await page.mouse.down();
    await page.mouse.move(at.x, view.y + 8, { steps: 6 });
    await page.mouse.up();
    await saved();
    expect(guides()).toEqual([]);
    await tool('文字工具').click();
  });
});

describe('pages', () => {
  it('adds, renames and reorders pages by dragging thumbnails; running heads and folios of the PDF follow; the file reopens', async () => {
    const { page, docsDir } = app;
    EditionStore.create(join(docsDir, '版面.banmian'), loadSampleEdition()).close();
    await openByName('版面.banmian');
    const thumbs = page.locator('[data-testid="pages-panel"] .thumb');
    expect(await thumbs.count()).toBe(1);
    await page.getByRole('button', { name: '添加版面' }).click();
    await expect.poll(() => thumbs.count()).toBe(2);
    await expect.poll(() => page.locator('[data-testid="page-view"]').getAttribute('data-page')).toBe('2');
    await page.getByLabel('版名', { exact: true }).fill('体育');
    await page.getByLabel('版名', { exact: true }).press('Enter');
    await expect.poll(() => page.locator('[data-testid="thumb-2"]').innerText()).toBe('2 · 体育');
    await page.getByRole('button', { name: '添加版面' }).click();
    await expect.poll(() => thumbs.count()).toBe(3);
    await page.getByLabel('版名', { exact: true }).fill('文化');
    await page.getByLabel('版名', { exact: true }).press('Enter');
    await expect.poll(() => page.locator('[data-testid="thumb-3"]').innerText()).toBe('3 · 文化');
    await expect.poll(() => page.locator('footer.status').innerText()).toMatch(/第 3 版 文化/);

    // 文化 dragged before 体育: it is page 2 now.
    await page.locator('[data-testid="thumb-3"]').dragTo(page.locator('[data-testid="thumb-2"]'));
    await expect.poll(() => page.locator('[data-testid="thumb-2"]').innerText()).toBe('2 · 文化');
    expect(await page.locator('[data-testid="thumb-3"]').innerText()).toBe('3 · 体育');
    await page.locator('[data-testid="thumb-2"]').click();
    await expect.poll(() => page.locator('footer.status').innerText()).toMatch(/第 2 版 文化/);

    // Renamed: 版次 and 版名 of page 3.
    await page.locator('[data-testid="thumb-3"]').click();
    await page.getByLabel('版名', { exact: true }).fill('体育新闻');
    await page.getByLabel('版名', { exact: true }).press('Enter');
    await expect.poll(() => page.locator('[data-testid="thumb-3"]').innerText()).toBe('3 · 体育新闻');
    await saved();
    const ed = readEditionFile(join(docsDir, '版面.banmian'));
    expect(ed.pages.map((p) => [p.number, p.section, p.template])).toEqual([
      [1, '要闻', 'sikai'],
      [2, '文化', 'sikai'],
      [3, '体育新闻', 'sikai'],
    ]);

    // The PDF: each page's running head and folio name its number and section.
    await page.locator('[data-testid="export"]').click();
    await page.getByLabel('全部 3 个版').check();
    await page.locator('[data-testid="export-run"]').click();
    await page.locator('[data-testid="export-done"]').waitFor({ timeout: 120_000 });
    const pdfs = await page.locator('[data-testid="export-done"] .path').allInnerTexts();
    await page.getByRole('button', { name: '关闭' }).click();
    // One file per page, named by its number.
    const text = (n: number) => {
      const pdf = pdfs.find((f) => f.includes(`_p${String(n).padStart(2, '0')}_`));
      if (!pdf) throw new Error(`no PDF of page ${n} among ${pdfs.join(', ')}`);
      return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    };
    expect(text(2)).toContain('第2版文化');
    expect(text(3)).toContain('第3版体育新闻');
    expect(text(2)).not.toContain('体育');
    // Running head and folio alike.
    expect(text(3).split('第3版').length - 1).toBeGreaterThanOrEqual(2);
    expect(text(2).split('第2版').length - 1).toBeGreaterThanOrEqual(2);

    // Deleting page 2 (a button with its name, confirmed), then undo brings it back.
    page.once('dialog', (d) => void d.accept());
    await page.locator('[data-testid="thumb-2"]').click();
    await page.getByRole('button', { name: '删除版面' }).click();
    await expect.poll(() => thumbs.count()).toBe(2);
    expect(await page.locator('[data-testid="thumb-2"]').innerText()).toBe('2 · 体育新闻');
    await page.locator('[data-testid="undo"]').click();
    await expect.poll(() => thumbs.count()).toBe(3);
    expect(await page.locator('[data-testid="thumb-2"]').innerText()).toBe('2 · 文化');
  });

  it('an ad slot (广告位) added on a page shows as a labelled box, moves with the selection tool, is saved, and preflight asks for it', async () => {
    const { page, docsDir } = app;
    await page.locator('[data-testid="thumb-3"]').click();
    await expect.poll(() => page.locator('[data-page]').first().getAttribute('data-page')).toBe('3');
    const empty = await canvasHash(page);
    await page.getByRole('button', { name: '添加广告位' }).click();
    await expect.poll(() => canvasHash(page)).not.toBe(empty);
    await saved();
    const ads = () => readEditionFile(join(docsDir, '版面.banmian')).pages[2].ads ?? [];
    expect(ads()).toEqual([expect.objectContaining({ col: 2, cols: 2, line: 59, lines: 11 })]);
    // Selected on the page, it moves a 行 up per press.
    await tool('选择工具').click();
    await clickCell(3, 65);
    await expect.poll(() => page.locator('[data-testid="frame-fields"]').innerText()).toMatch(/广告位/);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => field('Y').inputValue()).toBe('59');
    await saved();
    expect(ads()[0].line).toBe(58);
    // Preflight names the empty slot.
    await page.getByRole('button', { name: '印前检查' }).click();
    await page.locator('[data-testid="preflight"]').getByRole('button', { name: '检查' }).click();
    await expect
      .poll(() => page.locator('[data-testid="preflight"]').innerText(), { timeout: 60_000 })
      .toMatch(/广告位未填/);
    await page.locator('[data-testid="preflight"]').getByLabel('关闭').click();
    // Delete takes it away; undo brings it back.
    await page.keyboard.press('Delete');
    await saved();
    expect(ads()).toEqual([]);
    await page.keyboard.press('Control+z');
    await saved();
    expect(ads()).toHaveLength(1);
    // Dragged with the mouse: whole lines, as far as the pointer went.
    const from = rectToPoints(grid, { col: 3, cols: 1, line: 64, lines: 1 });
    const to = rectToPoints(grid, { col: 3, cols: 1, line: 54, lines: 1 });
    const a = await screenPoint(page, from.x + 5, from.y + 2);
    const b = await screenPoint(page, to.x + 5, to.y + 2);
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    await page.mouse.move(b.x, b.y, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => field('Y').inputValue()).toBe('49');
    await saved();
    expect(ads()[0].line).toBe(48);
    await tool('文字工具').click();

    // 版次: page 3 renumbered 5; its running head says so.
    await page.getByLabel('版次', { exact: true }).fill('5');
    await page.getByLabel('版次', { exact: true }).press('Enter');
    await expect
      .poll(() => page.locator('[data-testid="pages-panel"] .thumb').last().innerText())
      .toBe('5 · 体育新闻');
    await expect.poll(() => page.locator('footer.status').innerText()).toMatch(/第 5 版 体育新闻/);
    await page.getByLabel('版次', { exact: true }).fill('2');
    await page.getByLabel('版次', { exact: true }).press('Enter');
    await expect
      .poll(() => page.locator('[data-testid="pages-error"]').innerText())
      .toBe('版面改名未执行：已经有第 2 版');
    await saved();
    expect(readEditionFile(join(docsDir, '版面.banmian')).pages.map((p) => p.number)).toEqual([1, 2, 5]);
  });
});
