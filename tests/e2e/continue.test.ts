// Placing and continuing stories as an editor does it, from a new edition: two stories imported from
// .txt files; the second dropped on top of the first lands in free space beside or below it (the PDF
// shows their text apart); the overset mark (超 N 字) dragged onto page 2's thumbnail
// continues the story there — both jump lines are in the exported PDF's text, and the file reopens
// with the link; 接转标题 set on the continued part is in the PDF above its text; 断开转版 merges the
// parts back.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEditionFile } from '../../electron/services/store';
import { loadTemplates } from '../../electron/services/templates';
import { rectToPoints } from '../../renderer/state/placing';
import { gridOf } from '../../renderer/state/placing';
import { openApp, screenPoint, type App } from '../support/app-in-browser';

let app: App;
beforeAll(async () => {
  app = await openApp();
}, 180_000);
afterAll(async () => {
  await app?.close();
});

interface Word {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Words of a PDF page with their boxes (pdftotext -bbox). */
function words(file: string, page: number): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), file, '-'], {
    encoding: 'utf8',
  });
  return [
    ...html.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ),
  ].map((m) => ({ x0: +m[1], y0: +m[2], x1: +m[3], y1: +m[4], text: m[5] }));
}

const pdfText = (file: string) =>
  execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');

/** Polls what the editor sees, with room for a busy machine. */
const poll = <T>(f: () => Promise<T> | T) => expect.poll(f, { timeout: 20_000 });

async function saved(): Promise<void> {
  await poll(() => app.page.locator('[data-testid="save-state"]').innerText()).toMatch(/^已保存/);
}

const grid = gridOf(loadTemplates().sikai);

/** Drags a story from the article list onto the page view at a grid cell. */
async function dragStory(id: string, col: number, line: number): Promise<void> {
  const { page } = app;
  const p = rectToPoints(grid, { col, cols: 1, line, lines: 1 });
  const to = await screenPoint(page, p.x + p.w / 2, p.y + p.h / 2);
  const box = (await page.locator('[data-testid="page-view"]').boundingBox())!;
  await page
    .locator(`[data-testid="article-list"] li[data-article="${id}"]`)
    .dragTo(page.locator('[data-testid="page-view"]'), {
      targetPosition: { x: to.x - box.x, y: to.y - box.y },
    });
}

async function importTxt(name: string, text: string): Promise<string> {
  const { page } = app;
  const before = await page.locator('[data-testid="article-list"] li').count();
  await page
    .locator('[data-testid="import-stories-input"]')
    .setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
  await poll(() => page.locator('[data-testid="article-list"] li').count()).toBe(before + 1);
  await page.locator('[data-testid="import-summary"]').getByRole('button', { name: '关闭' }).click();
  const id = await page
    .locator('[data-testid="article-list"] li')
    .filter({ hasText: text.split('\n')[0] })
    .getAttribute('data-article');
  return id!;
}

/** Exports a proof of every page (one file a page) from the export panel; the files in page order. */
async function exportAll(): Promise<string[]> {
  const { page } = app;
  await page.locator('[data-testid="export"]').click();
  await page.getByRole('radio', { name: /^全部 \d+ 个版$/ }).check();
  await page.locator('[data-testid="export-run"]').click();
  await page.locator('[data-testid="export-done"]').waitFor({ timeout: 60_000 });
  const files = await page.locator('[data-testid="export-done"] .path').allInnerTexts();
  await page.locator('[data-testid="export-dialog"]').getByRole('button', { name: '关闭' }).click();
  return files.filter((f) => f.endsWith('.pdf'));
}

const where = (id: string) =>
  app.page.locator(`[data-testid="article-list"] li[data-article="${id}"] .where`).innerText();

describe('placing and 转版 from a new edition', () => {
  it('a story dropped on another lands in free space; its overset mark dragged onto page 2 continues it there, with both jump lines in the PDF', async () => {
    const { page, docsDir } = app;
    await page.locator('[data-testid="file-new"]').click();
    await page.locator('[data-testid="new-paper"]').fill('区报');
    await page.locator('[data-testid="file-name"]').fill('转版测试');
    await page.locator('[data-testid="file-ok"]').click();
    await poll(() => page.locator('[data-testid="file-label"]').innerText()).toBe('转版测试.banmian');

    const a = await importTxt(
      '甲.txt',
      '甲区开展植树活动\n本报讯 ' + '甲区居民在公园里种下树苗。'.repeat(30) + '\n',
    );
    const b = await importTxt(
      '乙.txt',
      '乙镇春耕生产全面展开\n本报讯 ' + '乙镇农民抢抓农时忙着播种。'.repeat(400) + '\n',
    );

    // The first story where the editor drops it, the second dropped on top of it.
    const firstRow = loadTemplates().sikai.masthead!.lines;
    await dragStory(a, 0, firstRow + 2);
    await poll(() => where(a)).toBe('1版');
    // The editor makes 甲 20 lines deep with the selection tool, then drops 乙 onto 甲's text.
    await page.getByRole('button', { name: '选择工具', exact: true }).click();
    const cell = rectToPoints(grid, { col: 1, cols: 1, line: firstRow + 8, lines: 1 });
    const at = await screenPoint(page, cell.x + cell.w / 2, cell.y + cell.h / 2);
    await page.mouse.click(at.x, at.y);
    await page.getByLabel('H（行）').fill('20');
    await page.getByLabel('H（行）').press('Enter');
    await poll(() => page.getByLabel('H（行）').inputValue()).toBe('20');
    await page.getByRole('button', { name: '文字工具', exact: true }).click();
    await dragStory(b, 1, firstRow + 8);
    await poll(() => where(b)).toBe('1版');
    expect(await page.locator('[data-testid="refusal"]').count()).toBe(0);

    // The overset mark of 乙 is there to drag, and 甲 has none.
    const handle = page.locator(`[data-testid="overset-${b}"]`);
    await poll(() => handle.count()).toBe(1);
    expect(await handle.innerText()).toMatch(/^超 \d+ 字$/);
    expect(await page.locator(`[data-testid="overset-${a}"]`).count()).toBe(0);

    await handle.dragTo(page.locator('.thumb-slot').filter({ has: page.locator('[data-testid="thumb-2"]') }));
    await poll(() => where(b)).toBe('1版 2版');
    await poll(() => page.locator('[data-testid="page-view"]').getAttribute('data-page')).toBe('2');
    await saved();

    // 接转标题 on the part on page 2: the story's 主题 above its text there; undone and redone.
    await page.locator(`[data-testid="article-list"] li[data-article="${b}"]`).click();
    await page.locator('[data-testid="thumb-2"]').click();
    const toggle = page.getByLabel('接转标题');
    await toggle.check();
    await page.locator('[data-testid="undo"]').click();
    await poll(() => toggle.isChecked()).toBe(false);
    await page.getByRole('button', { name: '重做', exact: true }).click();
    await poll(() => toggle.isChecked()).toBe(true);
    await saved();

    const files = await exportAll();
    // The two stories of page 1 do not meet: no word of 乙 inside the box of 甲's text.
    const p1 = words(files[0], 1);
    const ofA = p1.filter((w) => w.text.includes('甲'));
    const ofB = p1.filter((w) => w.text.includes('乙'));
    expect(ofA.length).toBeGreaterThan(2);
    expect(ofB.length).toBeGreaterThan(2);
    const boxA = {
      x0: Math.min(...ofA.map((w) => w.x0)),
      x1: Math.max(...ofA.map((w) => w.x1)),
      y0: Math.min(...ofA.map((w) => w.y0)),
      y1: Math.max(...ofA.map((w) => w.y1)),
    };
    const inA = ofB.filter((w) => w.x0 < boxA.x1 && w.x1 > boxA.x0 && w.y0 < boxA.y1 && w.y1 > boxA.y0);
    expect(inA.map((w) => w.text)).toEqual([]);
    // Both jump lines, each on its page.
    expect(pdfText(files[0])).toContain('（下转第二版）');
    expect(pdfText(files[1])).toContain('（上接第一版）乙镇春耕生产全面展开');
    expect(pdfText(files[0]).split('乙镇春耕生产全面展开')).toHaveLength(2);

    // The file reopened: 乙 goes on on page 2.
    const ed = readEditionFile(join(docsDir, '转版测试.banmian'));
    expect(ed.pages[0].placements.find((p) => p.article === b)!.continuesOn).toEqual({ page: 2 });
    expect(ed.pages[1].placements.map((p) => p.article)).toEqual([b]);
    expect(ed.pages[1].placements[0].jumpHeadline).toBe(true);

    // 断开转版 on page 1: the part on page 2 goes, its text comes back to page 1 as overset.
    await page.locator('[data-testid="thumb-1"]').click();
    await page.locator(`[data-testid="article-list"] li[data-article="${b}"]`).click();
    await page.locator('[data-testid="inspector"]').getByRole('button', { name: '断开转版' }).click();
    await poll(() => where(b)).toBe('1版');
    await poll(() => page.locator(`[data-testid="overset-${b}"]`).count()).toBe(1);
    await saved();
    const after = readEditionFile(join(docsDir, '转版测试.banmian'));
    expect(after.pages[0].placements.find((p) => p.article === b)!.continuesOn).toBeUndefined();
    expect(after.pages[1].placements).toEqual([]);
    const unlinked = (await exportAll()).map(pdfText).join('');
    expect(unlinked).not.toContain('下转');
    expect(unlinked).not.toContain('上接');
  }, 240_000);
});
