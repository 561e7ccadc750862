// Photos in their frames as an editor handles them: an image file dropped on a photo frame goes into
// that frame (no new frame), one dropped on free space makes a new frame there; the scale typed in the
// inspector (%), Alt-drag inside the frame, 完整 / 裁满, and a frame edge moved to crop keeping the
// image's scale — on the page, in the saved file, and in the file reopened.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleEdition } from '../../electron/services/sample';
import { EditionStore, readEditionFile } from '../../electron/services/store';
import { loadTemplates } from '../../electron/services/templates';
import { gridOf } from '../../renderer/state/placing';
import { rectToPoints } from '../../renderer/state/placing';
import { makePng } from '../support/docx';
import { canvasHash, openApp, screenPoint, type App } from '../support/app-in-browser';

let app: App;
beforeAll(async () => {
  app = await openApp();
}, 180_000);
afterAll(async () => {
  await app?.close();
});

const poll = <T>(f: () => Promise<T> | T) => expect.poll(f, { timeout: 20_000 });
const grid = gridOf(loadTemplates().sikai);
const FILE = '图片.banmian';

async function saved(): Promise<void> {
  await poll(() => app.page.locator('[data-testid="save-state"]').innerText()).toMatch(/^已保存/);
}

/** Drops an image file on the page view at a grid cell, as a file dragged from the desktop. */
async function dropImage(name: string, bytes: Uint8Array, col: number, line: number): Promise<void> {
  const p = rectToPoints(grid, { col, cols: 1, line, lines: 1 });
  const at = await screenPoint(app.page, p.x + p.w / 2, p.y + p.h / 2);
  await app.page.evaluate(
    ({ x, y, name, data }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], name, { type: 'image/png' }));
      const el = document.elementFromPoint(x, y)!;
      const init = { bubbles: true, cancelable: true, dataTransfer: dt, clientX: x, clientY: y };
      el.dispatchEvent(new DragEvent('dragover', init));
      el.dispatchEvent(new DragEvent('drop', init));
    },
    { ...at, name, data: Array.from(bytes) },
  );
}

const frameOf = (ed: ReturnType<typeof readEditionFile>, article: string) =>
  ed.pages.flatMap((p) => p.placements).find((p) => p.article === article)!.photos[0];

describe('photos in frames', () => {
  it('an image dropped on a frame goes into it; dropped on free space it gets a new frame there', async () => {
    const { page, docsDir } = app;
    EditionStore.create(join(docsDir, FILE), loadSampleEdition()).close();
    await page.locator('[data-testid="file-open"]').click();
    await page.locator('[data-testid="file-name"]').fill(FILE);
    await page.locator('[data-testid="file-ok"]').click();
    await poll(() => page.locator('[data-testid="file-label"]').innerText()).toBe(FILE);
    const sample = loadSampleEdition();
    const articles = await page.locator('[data-testid="article-list"] li').count();
    const before = await canvasHash(page);

    // On a2's frame (2 columns from line 36): the frame takes the picture.
    await dropImage('新图.png', makePng(64, 48), 1, 40);
    await poll(() => canvasHash(page)).not.toBe(before);
    await saved();
    let ed = readEditionFile(join(docsDir, FILE));
    const a2 = ed.articles.find((a) => a.id === 'a2')!;
    const photos = a2.blocks.filter((b) => b.type === 'photo') as { asset?: string }[];
    expect(photos).toHaveLength(1);
    const old = sample.articles.find((a) => a.id === 'a2')!.blocks.find((b) => b.type === 'photo') as {
      asset?: string;
    };
    expect(photos[0].asset).not.toBe(old.asset);
    expect(ed.assets.find((x) => x.id === photos[0].asset)).toMatchObject({
      pixelWidth: 64,
      pixelHeight: 48,
    });
    expect(ed.pages[0].placements.find((p) => p.article === 'a2')!.photos).toEqual(
      sample.pages[0].placements.find((p) => p.article === 'a2')!.photos,
    );
    expect(await page.locator('[data-testid="article-list"] li').count()).toBe(articles);

    // On free space of a new page: a new frame there, its picture story in the article list.
    await page.getByRole('button', { name: '添加版面', exact: true }).click();
    await poll(() => page.locator('[data-testid="page-view"]').getAttribute('data-page')).toBe('2');
    await dropImage('空位.png', makePng(80, 60), 2, 20);
    await poll(() => page.locator('[data-testid="article-list"] li').count()).toBe(articles + 1);
    expect(await page.locator('[data-testid="article-list"] li').last().innerText()).toMatch(/图片 空位/);
    await saved();
    ed = readEditionFile(join(docsDir, FILE));
    const p2 = ed.pages.find((p) => p.number === 2)!;
    expect(p2.placements).toHaveLength(1);
    const area = p2.placements[0].photos[0].area;
    expect(area.col <= 2 && area.col + area.cols > 2).toBe(true);
    expect(area.line <= 20 && area.line + area.lines > 20).toBe(true);
  }, 180_000);

  it('scale in per cent, Alt-drag, 裁满; a frame edge moved crops and keeps the scale; reopened the same', async () => {
    const { page, docsDir } = app;
    await page.locator('[data-testid="thumb-1"]').click();
    await page.locator('[data-testid="article-list"] li[data-article="a2"]').click();
    await poll(() => page.locator('[data-slate-editor]').getAttribute('data-article')).toBe('a2');
    const field = page.getByLabel('图框 1 缩放（%）');
    await poll(() => field.inputValue()).not.toBe('');
    const filled = Number(await field.inputValue());
    expect(filled).toBeGreaterThan(0);

    const before = await canvasHash(page);
    await field.fill(String(Math.round(filled * 2)));
    await field.press('Enter');
    await poll(() => field.inputValue()).toBe(String(Math.round(filled * 2)));
    await poll(() => canvasHash(page)).not.toBe(before);
    await saved();
    expect(frameOf(readEditionFile(join(docsDir, FILE)), 'a2').scale).toBe(Math.round(filled * 2));

    // Alt-drag to the right inside the frame enlarges the picture.
    const f = rectToPoints(grid, { col: 0, cols: 2, line: 38, lines: 4 });
    const from = await screenPoint(page, f.x + f.w / 4, f.y + f.h / 2);
    const to = await screenPoint(page, f.x + (3 * f.w) / 4, f.y + f.h / 2);
    await page.keyboard.down('Alt');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Alt');
    await poll(async () => Number(await field.inputValue())).toBeGreaterThan(Math.round(filled * 2) * 1.2);

    // 裁满 gives the frame's own fill back.
    await page.getByRole('button', { name: '图框 1 裁满' }).click();
    await poll(() => field.inputValue()).toBe(String(filled));
    await saved();
    expect(frameOf(readEditionFile(join(docsDir, FILE)), 'a2').scale).toBeUndefined();

    // The frame's bottom edge dragged up 4 lines crops: the picture keeps its scale.
    const area = frameOf(readEditionFile(join(docsDir, FILE)), 'a2').area;
    const r = rectToPoints(grid, area);
    const handle = await screenPoint(page, r.x + r.w / 2, r.y + r.h);
    const up = await screenPoint(page, r.x + r.w / 2, r.y + r.h - 4 * grid.pitch);
    await page.mouse.move(handle.x, handle.y);
    await page.mouse.down();
    await page.mouse.move(up.x, up.y, { steps: 5 });
    await page.mouse.up();
    await saved();
    const cropped = frameOf(readEditionFile(join(docsDir, FILE)), 'a2');
    expect(cropped.area.lines).toBe(area.lines - 4);
    expect(cropped.scale).toBe(filled);
    await poll(() => field.inputValue()).toBe(String(filled));

    // Reopened: the same frame, the same scale.
    await page.reload();
    await page.waitForSelector('[data-slate-editor]', { timeout: 90_000 });
    await page.locator('[data-testid="file-open"]').click();
    await page.locator('[data-testid="file-name"]').fill(FILE);
    await page.locator('[data-testid="file-ok"]').click();
    await poll(() => page.locator('[data-testid="file-label"]').innerText()).toBe(FILE);
    await page.locator('[data-testid="article-list"] li[data-article="a2"]').click();
    await poll(() => page.getByLabel('图框 1 缩放（%）').inputValue()).toBe(String(filled));
  }, 180_000);
});
