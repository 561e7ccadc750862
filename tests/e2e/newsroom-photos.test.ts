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
import { addPeople, freePort, PASSWORD, spawnServer, type ChildServer } from '../support/newsroom';
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

async function dialog(p: Page, name: string): Promise<void> {
  await p.locator('.page-area').click({ position: { x: 5, y: 5 } });
  await p.keyboard.press('Control+k');
  await p.getByRole('combobox', { name: '查找命令' }).fill(name);
  const palette = p.getByRole('dialog', { name: '命令面板' });
  await expect.poll(() => palette.getByRole('option').first().innerText()).toContain(name);
  await p.keyboard.press('Enter');
  await p.getByRole('dialog', { name: '连接编辑部' }).waitFor();
}

async function signIn(p: Page, login: string): Promise<void> {
  const d = p.getByRole('dialog', { name: '连接编辑部' });
  await d.getByLabel('服务器地址').fill(`http://127.0.0.1:${port}`);
  await d.getByLabel('登录名').fill(login);
  await d.getByLabel('密码').fill(PASSWORD);
  await d.getByRole('button', { name: '登录' }).click();
  await d.getByText('已登录').waitFor();
}

async function openEdition(p: Page): Promise<void> {
  const d = p.getByRole('dialog', { name: '连接编辑部' });
  if (!(await d.getByTestId(`newsroom-edition-${EDITION}`).count()))
    await d.getByRole('button', { name: '列出期次' }).click();
  await d.getByTestId(`newsroom-edition-${EDITION}`).click();
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
    await dialog(layout, '发布到编辑部');
    await signIn(layout, 'zhou');
    await layout.getByRole('dialog', { name: '连接编辑部' }).getByRole('button', { name: '发布' }).click();
    await expect
      .poll(() => layout.locator('[data-testid="message"]').innerText())
      .toContain(`已发布到编辑部：${EDITION}`);
    await dialog(layout, '连接编辑部');
    await openEdition(layout);
    await dialog(editor, '连接编辑部');
    await signIn(editor, 'li');
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
