// The app never loses typing. `npm run web`'s own host runs as a separate process (as an editor
// starts it), is stopped while the editor types, and started again on the same port with the same
// token and folders: the page says plainly that edits are not yet saved, keeps them, and saves them
// when the host is back; a page reloaded while edits wait gets them back from the browser's storage.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../electron/services/paths';
import { readEditionFile } from '../../electron/services/store';
import { ensureRendererBuilt, openBrowser } from '../support/app-in-browser';

const TOKEN = 'offline-test-token-0123456789';
const root = projectRoot();
let work: string, docs: string, port: number;
let host: ChildProcess | null = null;
let context: BrowserContext, page: Page, cdp: CDPSession;
let errors: string[];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

/** Starts `node dist/web.cjs` and returns the address it printed. */
function startHost(): Promise<string> {
  const child = spawn(process.execPath, [join(root, 'dist', 'web.cjs')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      BANMIAN_TOKEN: TOKEN,
      DOCS_DIR: docs,
      EXPORT_DIR: join(work, 'export'),
      STATE_DIR: join(work, 'state'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  host = child;
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /running at (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.stderr!.on('data', (d) => {
      out += d;
    });
    child.once('exit', (code) => reject(new Error(`the host exited (${code}): ${out}`)));
  });
}

function stopHost(): Promise<void> {
  const child = host!;
  host = null;
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const saveState = () => page.locator('[data-testid="save-state"]').innerText();
const editorText = () => page.locator('[data-slate-editor]').innerText();
const fileText = () =>
  readEditionFile(join(docs, '晚班.banmian'))
    .articles.find((a) => a.id === 'a1')!
    .blocks.map((b) => b.children.map((c) => c.text).join(''))
    .join('\n');

async function typeAtEnd(words: string): Promise<void> {
  await page.locator('[data-slate-editor] .blk-paragraph').last().click();
  await page.keyboard.press('Control+End');
  await cdp.send('Input.insertText', { text: words });
}

beforeAll(async () => {
  ensureRendererBuilt();
  execFileSync(process.execPath, [join(root, 'scripts', 'build-node.mjs')], { cwd: root });
  work = mkdtempSync(join(tmpdir(), 'banmian-offline-'));
  docs = join(work, 'docs');
  mkdirSync(docs);
  port = await freePort();
  ({ context, page, errors } = await openBrowser(join(work, 'profile')));
  // Reloading with edits not yet in the file asks first; the editor goes ahead.
  page.on('dialog', (d) => void d.accept());
  cdp = await context.newCDPSession(page);
}, 120_000);

afterAll(async () => {
  await cdp?.detach().catch(() => {});
  await context?.close();
  if (host) await stopHost();
  rmSync(work, { recursive: true, force: true });
  expect(errors).toEqual([]);
});

describe('typing while the host is away', () => {
  it('prints the address with its token; the page keeps the token and clears it from the address bar', async () => {
    const url = await startHost();
    expect(url).toBe(`http://127.0.0.1:${port}/?token=${TOKEN}`);
    await page.goto(url);
    await page.waitForSelector('[data-slate-editor]', { timeout: 90_000 });
    expect(page.url()).toBe(`http://127.0.0.1:${port}/`);
    await page.locator('[data-testid="file-save-as"]').click();
    await page.locator('[data-testid="file-name"]').fill('晚班');
    await page.locator('[data-testid="file-ok"]').click();
    await expect.poll(() => page.locator('[data-testid="file-label"]').innerText()).toBe('晚班.banmian');
    await typeAtEnd('【联机】');
    await expect.poll(saveState, { timeout: 15_000 }).toMatch(/^已保存/);
    expect(fileText()).toContain('【联机】');
  });

  it('says the edits are not saved while the host is stopped, and saves them once it is back', async () => {
    await stopHost();
    await typeAtEnd('【断线时输入】');
    await expect.poll(saveState, { timeout: 15_000 }).toMatch(/^有 \d+ 处修改尚未保存，正在重试…$/);
    expect(fileText()).not.toContain('【断线时输入】');

    await startHost();
    await expect.poll(saveState, { timeout: 30_000 }).toMatch(/^已保存/);
    expect(fileText()).toContain('【联机】【断线时输入】');
    // More typing after the restart saves as before.
    await typeAtEnd('【重启后】');
    await expect.poll(saveState, { timeout: 15_000 }).toMatch(/^已保存/);
    expect(fileText()).toContain('【断线时输入】【重启后】');

    await page.reload();
    await page.waitForSelector('[data-slate-editor]', { timeout: 90_000 });
    await expect.poll(() => page.locator('[data-testid="file-label"]').innerText()).toBe('晚班.banmian');
    expect(await editorText()).toContain('【联机】【断线时输入】【重启后】');
  });

  it('a page reloaded while edits wait gets them back from the browser and saves them', async () => {
    await stopHost();
    await typeAtEnd('【未保存时重载】');
    await expect.poll(saveState, { timeout: 15_000 }).toMatch(/尚未保存/);
    // The editor reloads: the host is still away, so the browser shows its error page.
    await page.reload().catch(() => {});
    await startHost();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForSelector('[data-slate-editor]', { timeout: 90_000 });
    await expect.poll(() => page.locator('[data-testid="file-label"]').innerText()).toBe('晚班.banmian');
    expect(await editorText()).toContain('【重启后】【未保存时重载】');
    await expect.poll(saveState, { timeout: 30_000 }).toMatch(/^已保存/);
    expect(fileText()).toContain('【重启后】【未保存时重载】');
  });
});
