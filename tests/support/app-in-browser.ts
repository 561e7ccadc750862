// End-to-end support: build the renderer when its sources are newer than out/renderer, start the
// loopback host on a free port with the real handlers, and drive Debian's Chromium with
// playwright-core in a fresh profile (never a downloaded browser).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { webEnvironment } from '../../electron/host/environment';
import { rendererStaleness } from '../../electron/host/renderer-build';
import { hostToken, startHost, type RunningHost } from '../../electron/host/server';
import { createHandlers } from '../../electron/services/api-handlers';
import { png } from './images';
import { nodeServices } from '../../electron/services/api-services';
import { workerJobs } from '../../electron/services/jobs';
import { buildJobWorker } from './job-worker';
import { projectRoot } from '../../electron/services/paths';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Builds out/renderer with electron-vite when it is missing or older than what it is built from. */
export function ensureRendererBuilt(): string {
  const root = projectRoot();
  if (rendererStaleness(root)) {
    execFileSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], {
      cwd: root,
      stdio: 'pipe',
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    });
  }
  return join(root, 'out', 'renderer');
}

export interface App {
  host: RunningHost;
  context: BrowserContext;
  page: Page;
  exportDir: string;
  /** The documents folder the host confines edition files to. */
  docsDir: string;
  close(): Promise<void>;
}

/** `userName`: the 署名 already in the app's settings (null: a first start, which asks for it). */
export async function openApp(
  viewport = { width: 1600, height: 1000 },
  {
    userName = '张编辑',
    initScript,
  }: {
    userName?: string | null;
    /** Runs in the page before the app's own code (e.g. the desktop app's preload bridge, stood in). */
    initScript?: string;
  } = {},
): Promise<App> {
  const rendererDir = ensureRendererBuilt();
  const work = mkdtempSync(join(tmpdir(), 'banmian-e2e-'));
  const exportDir = join(work, 'export');
  const docsDir = join(work, 'docs');
  mkdirSync(docsDir);
  if (userName) {
    mkdirSync(join(work, 'state'));
    writeFileSync(join(work, 'state', 'settings.json'), JSON.stringify({ userName }));
  }
  // The recent list and crash record of a fresh profile: nothing from another run is reopened. Exports
  // and proof imports run in the real job worker, bundled from the sources as `npm run web` has it.
  const jobs = workerJobs({ script: await buildJobWorker() });
  const services = nodeServices({}, { stateDir: join(work, 'state'), jobs });
  // A fresh secret per run, as `npm run web` makes one; the page gets it from the address it opens.
  const host = await startHost({
    port: 0,
    rendererDir,
    token: hostToken({}),
    handlers: createHandlers(services, webEnvironment(exportDir, docsDir)),
  });
  const { context, page, errors } = await openBrowser(join(work, 'profile'), viewport);
  if (initScript) await page.addInitScript(initScript);
  await page.goto(host.url);
  await page.waitForSelector('[data-slate-editor]', { timeout: 90_000 });
  // The page keeps the token for this tab and takes it out of the address bar.
  if (new URL(page.url()).searchParams.has('token'))
    throw new Error(`the token stayed in the address bar: ${page.url()}`);
  return {
    host,
    context,
    page,
    exportDir,
    docsDir,
    async close() {
      await context.close();
      await host.close();
      await jobs.close();
      rmSync(work, { recursive: true, force: true });
      if (errors.length) throw new Error(`the page threw: ${errors.join('; ')}`);
    },
  };
}

/** Debian's Chromium in a fresh profile, one page, collecting what the page throws. */
export async function openBrowser(
  profile: string,
  viewport = { width: 1600, height: 1000 },
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport,
    deviceScaleFactor: 1,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** A collapsed caret `before` characters ahead of the phrase in its block, set as a click would set it. */
export async function caretBefore(page: Page, phrase: string, before: number): Promise<void> {
  await page.evaluate(
    ([p, k]) => {
      const blocks = [...document.querySelectorAll('[data-slate-editor] > [data-slate-node="element"]')];
      const blk = blocks.find((b) => b.textContent!.includes(p as string));
      if (!blk) throw new Error(`${p} is not in the editor`);
      let left = blk.textContent!.indexOf(p as string) - (k as number);
      // The phrase's tint splits the block's text into several DOM text nodes: walk them.
      const walk = document.createTreeWalker(blk, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const len = n.textContent!.length;
        if (left <= len) {
          const r = document.createRange();
          r.setStart(n, left);
          r.collapse(true);
          const sel = window.getSelection()!;
          sel.removeAllRanges();
          sel.addRange(r);
          return;
        }
        left -= len;
      }
      throw new Error('caret past the end of the block');
    },
    [phrase, before] as const,
  );
  await page.waitForTimeout(150);
}

/** A fingerprint of the page view's canvas pixels as painted (computed in the page: no megabytes over CDP). */
export async function canvasHash(page: Page): Promise<string> {
  return page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('.page-canvas')!;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let h1 = 0x811c9dc5,
      h2 = 0;
    for (let i = 0; i < d.length; i++) {
      h1 = Math.imul(h1 ^ d[i], 16777619);
      h2 = (h2 + d[i]) | 0;
    }
    return `${c.width}x${c.height}:${(h1 >>> 0).toString(16)}:${h2}`;
  });
}

/**
 * The page view's hash once it has settled: glyphs of characters the page never used before come from
 * the host after the keystroke's repaint, and are painted when they arrive.
 */
export async function settledCanvasHash(page: Page): Promise<string> {
  let last = await canvasHash(page);
  for (;;) {
    await page.waitForTimeout(300);
    const now = await canvasHash(page);
    if (now === last) return now;
    last = now;
  }
}

/** How many clearly dark pixels the page view shows (ink on the page). */
export async function inkPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('.page-canvas')!;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 100 && d[i + 1] < 100) n++;
    return n;
  });
}

/** How many pixels of a navigator thumbnail carry ink (opaque and clearly darker than paper). */
export async function thumbnailInk(page: Page, number = 1): Promise<number> {
  return page.evaluate((n) => {
    const c = document.querySelector<HTMLCanvasElement>(`[data-testid="thumb-${n}"] canvas`);
    if (!c || !c.dataset.painted) return 0;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 200 && d[i] + d[i + 1] + d[i + 2] < 3 * 180) ink++;
    return ink;
  }, number);
}

/** Screen position (CSS px in the window) of a page point, from the page view's zoom and scroll. */
export async function screenPoint(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([px, py]) => {
      const s = document.querySelector<HTMLElement>('[data-testid="page-view"]')!;
      const zoom = Number(s.dataset.zoom);
      const pb = Number(s.dataset.pasteboard);
      const r = s.getBoundingClientRect();
      return { x: r.left + (px + pb) * zoom - s.scrollLeft, y: r.top + (py + pb) * zoom - s.scrollTop };
    },
    [x, y] as const,
  );
}

/** Grey levels of a binary PGM (P5), as pdftoppm -gray writes it. */
export function readPgm(buf: Buffer): { width: number; height: number; data: Uint8Array } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return {
    width,
    height,
    data: new Uint8Array(buf.subarray(header[0].length, header[0].length + width * height)),
  };
}

/**
 * How far two grey images of the same page differ, tolerant of anti-aliasing and of the sub-pixel
 * offset between two rasterisers' crops: both are averaged over `block`×`block` cells, `b` is tried
 * at every offset up to `slack` pixels, and the best alignment is reported as the mean cell
 * difference and the share of cells that differ by more than `threshold` grey levels.
 */
export function blockDifference(
  a: Grey,
  b: Grey,
  { block = 4, threshold = 40, slack = 1 } = {},
): { mean: number; differing: number; dx: number; dy: number } {
  let best = { mean: Infinity, differing: 1, dx: 0, dy: 0 };
  const w = Math.min(a.width, b.width) - slack;
  const h = Math.min(a.height, b.height) - slack;
  for (let dy = -slack; dy <= slack; dy++) {
    for (let dx = -slack; dx <= slack; dx++) {
      let sum = 0,
        cells = 0,
        bad = 0;
      for (let by = slack; by + block <= h; by += block) {
        for (let bx = slack; bx + block <= w; bx += block) {
          let sa = 0,
            sb = 0;
          for (let y = by; y < by + block; y++) {
            for (let x = bx; x < bx + block; x++) {
              sa += a.data[y * a.width + x];
              sb += b.data[(y + dy) * b.width + x + dx];
            }
          }
          const d = Math.abs(sa - sb) / (block * block);
          sum += d;
          cells++;
          if (d > threshold) bad++;
        }
      }
      if (sum / cells < best.mean) best = { mean: sum / cells, differing: bad / cells, dx, dy };
    }
  }
  return best;
}

export interface Grey {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Writes a grey image as PNG, so a failing comparison leaves both sides in tests/.output to look at. */
export function writeGreyPng(path: string, img: Grey): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(
    path,
    png({ width: img.width, height: img.height, colorType: 0, bitDepth: 8, samples: Array.from(img.data) }),
  );
}

/**
 * The page view at 100 % against the proof PDF rendered by pdftoppm at 72 dpi, over the type area
 * (the proof's slug line and 校样 stamp sit in the margins, by design): they agree block by block,
 * and the same print 4 pt to the side does not (the measure sees drift).
 */
export async function expectScreenLikePrint(
  app: App,
  pdfPath: string,
  ta: { x: number; y: number; w: number; h: number },
): Promise<void> {
  const { page } = app;
  await page.setViewportSize({ width: 2100, height: 1400 });
  await page.locator('[data-testid="preview"]').check();
  await page.getByRole('button', { name: '100%' }).click();
  await page.evaluate(() => {
    const s = document.querySelector('[data-testid="page-view"]')!;
    s.scrollTop = 0;
    s.scrollLeft = 0;
  });
  await page.waitForTimeout(300);
  const boxes = execFileSync('pdfinfo', ['-box', pdfPath], { encoding: 'utf8' });
  const media = /MediaBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/.exec(boxes)!.slice(1).map(Number);
  const trim = /TrimBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/.exec(boxes)!.slice(1).map(Number);
  const area = { x: Math.round(ta.x), y: Math.round(ta.y), w: Math.floor(ta.w), h: Math.floor(ta.h) };

  // The screen: the canvas at 100% (1 pt = 1 CSS px, device scale 1), in grey.
  const screen = await page.evaluate((a) => {
    const s = document.querySelector<HTMLElement>('[data-testid="page-view"]')!;
    const c = document.querySelector<HTMLCanvasElement>('.page-canvas')!;
    const pb = Number(s.dataset.pasteboard);
    const d = c.getContext('2d')!.getImageData(pb + a.x, pb + a.y, a.w, a.h);
    const g = new Array(d.width * d.height);
    for (let i = 0; i < g.length; i++)
      g[i] = Math.round(0.299 * d.data[i * 4] + 0.587 * d.data[i * 4 + 1] + 0.114 * d.data[i * 4 + 2]);
    return { width: d.width, height: d.height, data: g };
  }, area);
  const screenImg = { width: screen.width, height: screen.height, data: Uint8Array.from(screen.data) };

  // The print: the same rectangle of the trim box, rendered by poppler at 72 dpi.
  const x = Math.round(trim[0] - media[0]) + area.x;
  const y = Math.round(media[3] - trim[3]) + area.y;
  const render = (dx: number) =>
    readPgm(
      execFileSync(
        'pdftoppm',
        [
          '-r',
          '72',
          '-gray',
          '-x',
          String(x + dx),
          '-y',
          String(y),
          '-W',
          String(area.w),
          '-H',
          String(area.h),
          '-singlefile',
          pdfPath,
        ],
        { maxBuffer: 64 << 20 },
      ),
    );
  const print = render(0);
  const same = blockDifference(screenImg, print, { block: 8, threshold: 40 });
  if (same.mean >= 5 || same.differing >= 0.005) {
    writeGreyPng(`${projectRoot()}/tests/.output/page-screen.png`, screenImg);
    writeGreyPng(`${projectRoot()}/tests/.output/page-print.png`, print);
  }
  if (!(same.mean < 5) || !(same.differing < 0.005))
    throw new Error(
      `the page view differs from the print: mean ${same.mean}, ${same.differing} of the blocks`,
    );
  const shifted = blockDifference(screenImg, render(4), { block: 8, threshold: 40 });
  if (!(shifted.differing > 0.01))
    throw new Error(`the comparison cannot see a 4-pt shift (${shifted.differing})`);
}

/** Exports a proof of the current edition from the export panel; returns the PDF's path. */
export async function exportProof(page: Page): Promise<string> {
  await page.locator('[data-testid="export"]').click();
  await page.locator('[data-testid="export-run"]').click();
  await page.locator('[data-testid="export-done"]').waitFor({ timeout: 60_000 });
  const file = await page.locator('[data-testid="export-done"] .path').first().innerText();
  await page.getByRole('button', { name: '关闭' }).click();
  return file;
}

/** Selects a phrase in the editor as a mouse would: a DOM selection inside the paragraph's text. */
export async function selectPhrase(page: Page, phrase: string): Promise<void> {
  await page.locator('[data-slate-editor] .blk-paragraph').first().click();
  await page.evaluate((phrase) => {
    const walk = document.createTreeWalker(
      document.querySelector('[data-slate-editor]')!,
      NodeFilter.SHOW_TEXT,
    );
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const i = n.textContent!.indexOf(phrase);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + phrase.length);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(r);
      return;
    }
    throw new Error(`${phrase} is not in the editor`);
  }, phrase);
}
