// Edition files that never break, as the editor meets them: a file that fails to open offers 修复,
// which gives a working edition; dragging a continued story onto another page moves its part with
// the link (and the file still opens); a number typed into the placement panel is applied once, on
// Enter, and a wrong one is refused without touching the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadSampleEdition } from '../../electron/services/sample';
import { EditionStore, readEditionFile } from '../../electron/services/store';
import { loadTemplates } from '../../electron/services/templates';
import type { Edition } from '../../engine/model/types';
import { gridOf, rectToPoints } from '../../renderer/state/placing';
import { canvasHash, inkPixels, openApp, screenPoint, type App } from '../support/app-in-browser';

let app: App;
beforeAll(async () => {
  app = await openApp();
});
afterAll(async () => {
  await app?.close();
});

/** The sample with two more pages; a5 starts on page 1 and continues on page 3 (转版). */
function chainedEdition(): Edition {
  const ed = loadSampleEdition();
  ed.articles.push({
    id: 'a5',
    slug: '区里的续稿',
    status: 'draft',
    blocks: [{ type: 'paragraph', children: [{ text: '这是一篇转版的稿件。'.repeat(40) }] }],
  });
  ed.pages[0].placements.push({
    article: 'a5',
    regions: [{ col: 3, cols: 1, line: 64, lines: 6 }],
    photos: [],
    continuesOn: { page: 3 },
  });
  ed.pages.push(
    { id: 'p2', number: 2, section: '综合新闻', template: 'sikai', placements: [] },
    {
      id: 'p3',
      number: 3,
      section: '社区',
      template: 'sikai',
      placements: [{ article: 'a5', regions: [{ col: 0, cols: 2, line: 0, lines: 30 }], photos: [] }],
    },
  );
  return ed;
}

const label = () => app.page.locator('[data-testid="file-label"]').innerText();

async function openByName(name: string): Promise<void> {
  const { page } = app;
  await page.locator('[data-testid="file-open"]').click();
  await page.locator('[data-testid="file-name"]').fill(name);
  await page.locator('[data-testid="file-ok"]').click();
}

/** Waits until autosave has written everything (the status shows 已保存). */
async function saved(): Promise<void> {
  await expect
    .poll(() => app.page.locator('[data-testid="save-state"]').innerText(), { timeout: 15_000 })
    .toMatch(/^已保存/)
    .catch(async (e) => {
      throw new Error(`${e}: ${await app.page.locator('.status .msg').innerText()}`);
    });
}

describe('a file that fails to open', () => {
  it('shows why with 修复; 修复 opens a working copy and leaves the broken file as it was', async () => {
    const { page, docsDir } = app;
    const path = join(docsDir, '坏文件.banmian');
    EditionStore.create(path, chainedEdition()).close();
    // A part of a5 on page 2 with no link, written past the store, as an older version once autosaved it.
    const db = new Database(path);
    db.prepare("INSERT INTO placements(page_id, position, article_id, data) VALUES ('p2', 0, 'a5', ?)").run(
      JSON.stringify({ article: 'a5', regions: [{ col: 0, cols: 2, line: 0, lines: 20 }], photos: [] }),
    );
    db.close();
    const bytes = readFileSync(path);

    await openByName('坏文件.banmian');
    const alert = page.locator('[data-testid="file-dialog"] [role="alert"]');
    await expect
      .poll(() => alert.innerText())
      .toMatch(/无法打开.*稿件“a5”在第 1、2、3 版上，但这几部分没有用转版连成一篇/);
    const repair = page.locator('[data-testid="repair"]');
    expect(await repair.isVisible()).toBe(true);
    await repair.click();

    await expect.poll(label).toBe('坏文件-修复.banmian');
    await expect
      .poll(() => page.locator('.status .msg').innerText())
      .toMatch(
        /已修复并打开 坏文件-修复\.banmian（原文件保持原样），修复了 1 处：撤下第 2 版上稿件“a5”的重复位置/,
      );
    expect(await page.locator('[data-testid="file-dialog"]').count()).toBe(0);
    // The page shows the edition, every article is listed, and both files are what they should be.
    await expect.poll(() => inkPixels(page)).toBeGreaterThan(1000);
    expect(await page.locator('[data-testid="article-list"] li').count()).toBe(5);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    const fixed = readEditionFile(join(docsDir, '坏文件-修复.banmian'));
    expect(fixed.pages[1].placements).toEqual([]);
    expect(fixed.pages[0].placements.find((p) => p.article === 'a5')!.continuesOn).toEqual({ page: 3 });
  });
});

describe('placing', () => {
  it('dragging a continued story onto page 2 moves its part there with the link, and the file still opens', async () => {
    const { page, docsDir } = app;
    EditionStore.create(join(docsDir, '转版.banmian'), chainedEdition()).close();
    await openByName('转版.banmian');
    await expect.poll(label).toBe('转版.banmian');
    const where = () => page.locator('[data-testid="article-list"] li[data-article="a5"] .where').innerText();
    expect(await where()).toBe('1版 3版');

    await page.locator('[data-testid="thumb-2"]').click();
    await expect.poll(() => page.locator('[data-testid="page-view"]').getAttribute('data-page')).toBe('2');
    const t = loadTemplates().sikai;
    const grid = gridOf(t);
    const cell = rectToPoints(grid, { col: 1, cols: 1, line: 20, lines: 1 });
    const empty = await inkPixels(page);
    const to = await screenPoint(page, cell.x + 2, cell.y + 2);
    const box = (await page.locator('[data-testid="page-view"]').boundingBox())!;
    await page
      .locator('[data-testid="article-list"] li[data-article="a5"]')
      .dragTo(page.locator('[data-testid="page-view"]'), {
        targetPosition: { x: to.x - box.x, y: to.y - box.y },
      });

    await expect.poll(where).toBe('1版 2版');
    // The continued text is on page 2 now, and nothing is refused or broken.
    await expect.poll(() => inkPixels(page)).toBeGreaterThan(empty + 500);
    expect(await page.locator('[data-testid="refusal"]').count()).toBe(0);
    expect(await page.locator('.status .error').count()).toBe(0);
    await saved();
    const ed = readEditionFile(join(docsDir, '转版.banmian'));
    expect(ed.pages[0].placements.find((p) => p.article === 'a5')!.continuesOn).toEqual({ page: 2 });
    expect(ed.pages[1].placements.map((p) => p.article)).toEqual(['a5']);
    expect(ed.pages[2].placements).toEqual([]);
  });

  it('a number typed into 行 is applied on Enter, once; a wrong one is refused and the page stays', async () => {
    const { page, docsDir } = app;
    await page.locator('[data-testid="thumb-1"]').click();
    await page.locator('[data-testid="article-list"] li[data-article="a3"]').click();
    await page.locator('[data-slate-editor][data-article="a3"]').waitFor();
    const line = page
      .locator('[data-testid="inspector"] .row')
      .filter({ hasText: '文字区 1' })
      .locator('input[data-field="行"]');
    const start = await line.inputValue();
    await page.locator('[data-testid="preview"]').check();
    const before = await canvasHash(page);

    await line.click();
    await line.press('Control+A');
    await line.pressSequentially('3');
    // Typing is not applying: line 3 would be inside the masthead, and the page does not move.
    await page.waitForTimeout(300);
    expect(await canvasHash(page)).toBe(before);
    await line.pressSequentially('8');
    await page.waitForTimeout(300);
    expect(await canvasHash(page)).toBe(before);
    await line.press('Enter');
    await expect.poll(() => canvasHash(page)).not.toBe(before);
    expect(await line.inputValue()).toBe('38');
    await saved();
    const a3 = () =>
      readEditionFile(join(docsDir, '转版.banmian')).pages[0].placements.find((p) => p.article === 'a3')!;
    expect(a3().regions[0].line).toBe(37);
    // One step to undo, not one per keystroke.
    await page.locator('[data-testid="undo"]').click();
    await expect.poll(() => canvasHash(page)).toBe(before);
    await expect.poll(() => line.inputValue()).toBe(start);

    const moved = await canvasHash(page);
    await line.click();
    await line.press('Control+A');
    await line.pressSequentially('abc');
    await line.press('Enter');
    await expect
      .poll(() => page.locator('[data-testid="inspector"] [role="alert"]').innerText())
      .toBe('行应为 1–70 的整数');
    expect(await canvasHash(page)).toBe(moved);
    await line.press('Escape');
    expect(await line.inputValue()).toBe(start);
    // A whole number the page cannot take (line 3 is inside the masthead): refused, said why, nothing moves.
    await line.press('Control+A');
    await line.pressSequentially('3');
    await line.press('Enter');
    await expect
      .poll(() => page.locator('[data-testid="refusal"]').innerText())
      .toMatch(/^移动区域未执行：第 1 版稿件“a3”的文字区 1：从第 3 行开始，伸进了报头/);
    expect(await line.inputValue()).toBe(start);
    expect(await canvasHash(page)).toBe(moved);
    await page.locator('[data-testid="preview"]').uncheck();
    expect(existsSync(join(docsDir, '转版.banmian'))).toBe(true);
  });
});
