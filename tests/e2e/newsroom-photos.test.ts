// A photo placed by one person in a newsroom edition shows on another's page, end to end: a real
// PostgreSQL, the real server (dist/newsroom.cjs in a child process), two people in Chromium through
// their own test hosts. The 版面编辑 publishes the sample, both open it, the 版面编辑 places a green
// photo with 置入图片; the 编辑's page, which had no green before, shows it (its bytes fetched from
// the server by hash — the shared documents carry only the photo's record).
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../electron/services/paths';
import { openApp, type App } from '../support/app-in-browser';
import { buildCli } from '../support/cli';
import { rgbJpeg } from '../support/images';
import { addPeople, freePort, spawnServer, type ChildServer } from '../support/newsroom';
import { command, signIn } from '../support/newsroom-app';
import { startPostgres, type TestPostgres } from '../support/postgres';

let pg: TestPostgres;
let server: ChildServer;
let port: number;
const apps: App[] = [];
const EDITION = 'xuhui-2023-02-17';
const GREEN: [number, number, number] = [30, 170, 80];

const state = (p: Page) => p.locator('[data-testid="newsroom-state"]').innerText();

/** Pixels of the page view close to the photo's green. */
const greenPixels = (p: Page) =>
  p.evaluate(([r, g, b]) => {
    let n = 0;
    for (const c of document.querySelectorAll<HTMLCanvasElement>('.page-canvas')) {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < d.length; i += 4)
        if (Math.abs(d[i] - r) < 30 && Math.abs(d[i + 1] - g) < 30 && Math.abs(d[i + 2] - b) < 30) n++;
    }
    return n;
  }, GREEN);

async function openEdition(p: Page): Promise<void> {
  const d = p.getByRole('dialog', { name: '连接编辑部' });
  const edition = d.getByTestId(`newsroom-edition-${EDITION}`);
  const list = d.getByRole('button', { name: '列出期次' });
  await edition.or(list).first().waitFor();
  if (await list.isVisible()) await list.click();
  await edition.click();
  await expect.poll(() => state(p), { timeout: 20_000 }).toBe('已同步');
  await p.locator('[data-testid="article-list"] li[data-article="a1"]').click();
}

beforeAll(async () => {
  pg = await startPostgres();
  await addPeople(pg.url, [
    ['zhou', '周版面', 'layout'],
    ['li', '李编辑', 'editor'],
  ]);
  port = await freePort();
  buildCli();
  server = await spawnServer(join(projectRoot(), 'dist', 'newsroom.cjs'), pg.url, port);
  for (const name of ['周版面', '李编辑']) apps.push(await openApp(undefined, { userName: name }));
}, 300_000);

afterAll(async () => {
  for (const a of apps) await a.close().catch(() => undefined);
  server?.process.kill();
  await pg?.stop();
});

describe('photos in a newsroom edition', () => {
  it('a photo one person places shows on the other’s page', async () => {
    const [layout, editor] = apps.map((a) => a.page);
    await command(layout, '发布到编辑部');
    await signIn(layout, port, 'zhou');
    await layout.getByRole('dialog', { name: '连接编辑部' }).getByRole('button', { name: '发布' }).click();
    await expect
      .poll(() => layout.locator('[data-testid="message"]').innerText())
      .toContain(`已发布到编辑部：${EDITION}`);
    await command(layout, '连接编辑部');
    await openEdition(layout);
    await command(editor, '连接编辑部');
    await signIn(editor, port, 'li');
    await openEdition(editor);
    expect(await greenPixels(editor)).toBe(0);

    const w = 160;
    const h = 120;
    const rgb = new Uint8Array(w * h * 3);
    for (let i = 0; i < w * h; i++) rgb.set(GREEN, i * 3);
    await layout
      .locator('[data-testid="import-photo-input"]')
      .setInputFiles({ name: '绿色.jpg', mimeType: 'image/jpeg', buffer: rgbJpeg(w, h, rgb) });
    await expect
      .poll(() => layout.locator('[data-testid="message"]').innerText(), { timeout: 20_000 })
      .toContain('已置入图片');
    await expect.poll(() => greenPixels(layout), { timeout: 20_000 }).toBeGreaterThan(500);
    // On the other page: the frame is not grey but the photo.
    await expect.poll(() => greenPixels(editor), { timeout: 20_000 }).toBeGreaterThan(500);
  }, 240_000);
});
