// Nudging a photo frame by whole 字 with the selection tool: → three times and Shift+→ once move the
// sample's photo frame 8 字 right — the selection box on the page, the picture in the exported PDF and
// the text that wraps round it all move by 8 字; each key press is one undo step; the file keeps the
// position and reopens with it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageGrid } from '../../engine/layout';
import { loadSampleEdition } from '../../electron/services/sample';
import { EditionStore, readEditionFile } from '../../electron/services/store';
import { loadTemplates } from '../../electron/services/templates';
import { exportProof, openApp, screenPoint, settledCanvasHash, type App } from '../support/app-in-browser';

let app: App;
beforeAll(async () => {
  app = await openApp();
});
afterAll(async () => {
  await app?.close();
});

const t = loadTemplates().sikai;
const grid = new PageGrid(t);
const em = grid.em;
// The sample's photo frame: story a2, columns 1–2 from line 36, 20.5 字 wide (indentRight 14.5).
const FRAME = { col: 0, cols: 2, line: 35, lines: 15, indentRight: 14.5 };

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

/** The left edge of the selection box (its orange outline) on the page view, in page points. */
async function selectionLeft(): Promise<number> {
  return app.page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('.page-canvas')!;
    const s = document.querySelector<HTMLElement>('[data-testid="page-view"]')!;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let min = Infinity;
    for (let i = 0; i < d.length; i += 4)
      if (d[i] > 200 && d[i + 1] > 95 && d[i + 1] < 150 && d[i + 2] < 60)
        min = Math.min(min, (i / 4) % c.width);
    // Canvas pixels to the window, then to page points as screenPoint maps them the other way.
    const cr = c.getBoundingClientRect();
    const x = cr.left + (min * cr.width) / c.width;
    const zoom = Number(s.dataset.zoom);
    return (x - s.getBoundingClientRect().left + s.scrollLeft) / zoom - Number(s.dataset.pasteboard);
  });
}

/** The picture's clip rectangle in the PDF (x, y, w, h in points from the top left), page 1. */
function pictureInPdf(file: string): { x: number; w: number } {
  const out = join(mkdtempSync(join(tmpdir(), 'banmian-nudge-')), 'q.pdf');
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, out]);
  const m = /([\d.]+) ([\d.-]+) ([\d.]+) ([\d.]+) re W n\n[^\n]+ cm\n\/Im\d+ Do/.exec(
    readFileSync(out).toString('latin1'),
  );
  if (!m) throw new Error('no picture in the PDF');
  return { x: +m[1], w: +m[3] };
}

/** Where the text beside the picture starts: the leftmost word in columns 1–2 on the picture's rows. */
function textBeside(file: string): number {
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
  const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">/g)].map(
    (m) => ({ x: +m[1], y: +m[2] }),
  );
  const beside = words.filter(
    (w) => w.y > grid.rowTop(37) && w.y < grid.rowTop(47) && w.x >= grid.colX(0) && w.x < grid.colX(2) - 1,
  );
  expect(beside.length).toBeGreaterThan(5);
  return Math.min(...beside.map((w) => w.x));
}

describe('nudging a frame by 字', () => {
  it('→ ×3 and Shift+→ move the photo frame 8 字 on the page and in the PDF, the text follows; one undo per key; saved and reopened', async () => {
    const { page, docsDir } = app;
    EditionStore.create(join(docsDir, '微移.banmian'), loadSampleEdition()).close();
    await openByName('微移.banmian');
    const pdf0 = await exportProof(page);
    await page.locator('[data-testid="zoom"]').click();
    await page.getByRole('button', { name: '选择工具', exact: true }).click();
    // Click the picture: a photo frame is picked over its story.
    const r0 = grid.rect(FRAME);
    const at = await screenPoint(page, r0.x + r0.w / 2, grid.rowTop(42));
    await page.mouse.click(at.x, at.y);
    const fields = page.locator('[data-testid="frame-fields"]');
    await expect.poll(() => fields.innerText()).toMatch(/图/);
    const xUnit = () => fields.locator('small').first().innerText();
    expect(await xUnit()).toBe('栏');
    const left0 = await selectionLeft();
    // Its corner handles stand a few pixels out of the frame's edge.
    expect(Math.abs(left0 - grid.colX(0))).toBeLessThan(4);
    // How far it has moved, to a pixel of the screen (a whole 字 is 9 pt; a column 153 pt).
    const movedBy = (d: number) => async () => Math.abs((await selectionLeft()) - left0 - d) < 1.5;
    const hash0 = await settledCanvasHash(page);

    for (const [key, shown] of [
      ['ArrowRight', '栏+1字'],
      ['ArrowRight', '栏+2字'],
      ['ArrowRight', '栏+3字'],
      ['Shift+ArrowRight', '栏+8字'],
    ] as const) {
      await page.keyboard.press(key);
      await expect.poll(xUnit).toBe(shown);
    }
    expect(await page.locator('[data-testid="refusal"]').count()).toBe(0);
    // What the editor sees: the selection box 8 字 to the right, the page repainted.
    await expect.poll(movedBy(8 * em)).toBe(true);
    expect(await settledCanvasHash(page)).not.toBe(hash0);

    // The file and the PDF: the picture 8 字 right (its right edge; its left edge is no longer cut
    // by the story's box), the text beside it pushed 8 字 right as well.
    await saved();
    const a2 = () =>
      readEditionFile(join(docsDir, '微移.banmian')).pages[0].placements.find((p) => p.article === 'a2')!;
    expect(a2().photos[0].area).toEqual({ ...FRAME, shift: 8 });
    const pdf1 = await exportProof(page);
    const [p0, p1] = [pictureInPdf(pdf0), pictureInPdf(pdf1)];
    expect(p1.x + p1.w - (p0.x + p0.w)).toBeCloseTo(8 * em, 2);
    expect(p1.x).toBeCloseTo(grid.rect({ ...FRAME, shift: 8 }).x, 2);
    expect(p1.w).toBeCloseTo(20.5 * em, 2);
    expect(textBeside(pdf1) - textBeside(pdf0)).toBeCloseTo(8 * em, 0);

    // One undo per key press, back to the columns; then the same keys again.
    for (const shown of ['栏+3字', '栏+2字', '栏+1字', '栏']) {
      await page.keyboard.press('Control+z');
      await expect.poll(xUnit).toBe(shown);
    }
    await expect.poll(movedBy(0)).toBe(true);
    await saved();
    expect(a2().photos[0].area).toEqual(FRAME);
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'Shift+ArrowRight'])
      await page.keyboard.press(key);
    await expect.poll(xUnit).toBe('栏+8字');
    await saved();
    expect(a2().photos[0].area).toEqual({ ...FRAME, shift: 8 });

    // Reopened (another file opened between, so the app reads it afresh): the frame is where it was
    // left, and a click on the picture where it now is selects it.
    EditionStore.create(join(docsDir, '其他.banmian'), loadSampleEdition()).close();
    await openByName('其他.banmian');
    await page.keyboard.press('Escape');
    await expect.poll(() => fields.count()).toBe(0);
    await openByName('微移.banmian');
    await page.getByRole('button', { name: '选择工具', exact: true }).click();
    const r1 = grid.rect({ ...FRAME, shift: 8 });
    const at1 = await screenPoint(page, r1.x + r1.w - 2 * em, grid.rowTop(42));
    await page.mouse.click(at1.x, at1.y);
    await expect.poll(() => fields.innerText()).toMatch(/图/);
    await expect.poll(xUnit).toBe('栏+8字');
    await expect.poll(movedBy(8 * em)).toBe(true);
  });

  it('a nudge past the type area is refused with the reason, and nothing moves', async () => {
    const { page } = app;
    const fields = page.locator('[data-testid="frame-fields"]');
    const xUnit = () => fields.locator('small').first().innerText();
    await page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(xUnit).toBe('栏+3字');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await expect.poll(xUnit).toBe('栏');
    await page.keyboard.press('ArrowLeft');
    await expect
      .poll(() => page.locator('[data-testid="refusal"]').innerText())
      .toMatch(/左移 1 字会超出版心/);
    expect(await xUnit()).toBe('栏');
  });
});
