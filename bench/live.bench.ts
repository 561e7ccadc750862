// Live relayout, measured where it happens: in Chromium, on the real UI served by the loopback host.
// Each keystroke typed into a1 (an IME-style commit through CDP, then a Backspace) is timed by the
// page's own performance marks, from `beforeinput` to the end of the page view's repaint: Slate's
// change, layout of the page in the renderer, and painting the canvas.
import type { CDPSession, Page } from 'playwright-core';
import type { Bench } from './harness';
import { openApp, type App } from '../tests/support/app-in-browser';

const KEYS_PER_RUN = 40;
const TEXT = '徐汇区组织党员群众走进线下课堂学习二十大精神推动高质量发展';

interface Live {
  app: App;
  page: Page;
  cdp: CDPSession;
  typed: number;
}
let shared: Promise<Live> | null = null;

async function open(): Promise<Live> {
  const app = await openApp({ width: 1600, height: 1000 });
  const { page } = app;
  const cdp = await app.context.newCDPSession(page);
  await page.locator('[data-slate-editor] .blk-paragraph').first().click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  return { app, page, cdp, typed: 0 };
}

/** One keystroke, and the time the page took to show it (ms, from the page's performance measure). */
async function keystroke(live: Live): Promise<number> {
  return (await keystrokeParts(live)).total;
}

/** The keystroke's whole time and the part of it spent laying the page out. */
async function keystrokeParts(live: Live): Promise<{ total: number; layout: number; paint: number }> {
  await live.page.evaluate(() => {
    performance.clearMeasures('bm-keystroke');
    performance.clearMeasures('bm-layout');
    performance.clearMeasures('bm-paint');
  });
  // Alternate typing and deleting so the article stays the length of the sample.
  if (live.typed % 2 === 0) {
    await live.cdp.send('Input.insertText', { text: TEXT[(live.typed / 2) % TEXT.length] });
  } else {
    await live.cdp.send('Input.dispatchKeyEvent', {
      type: 'rawKeyDown',
      key: 'Backspace',
      code: 'Backspace',
      windowsVirtualKeyCode: 8,
    });
    await live.cdp.send('Input.dispatchKeyEvent', {
      type: 'keyUp',
      key: 'Backspace',
      code: 'Backspace',
      windowsVirtualKeyCode: 8,
    });
  }
  live.typed++;
  const handle = await live.page.waitForFunction(
    () => {
      const total = performance.getEntriesByName('bm-keystroke', 'measure')[0]?.duration;
      const layout = performance.getEntriesByName('bm-layout', 'measure').reduce((s, e) => s + e.duration, 0);
      const paint = performance.getEntriesByName('bm-paint', 'measure').reduce((s, e) => s + e.duration, 0);
      return total === undefined ? null : { total, layout, paint };
    },
    undefined,
    { timeout: 10_000, polling: 'raf' },
  );
  return (await handle.jsonValue()) as { total: number; layout: number; paint: number };
}

async function setupLive(): Promise<Live> {
  shared ??= open();
  const live = await shared;
  for (let i = 0; i < 20; i++) await keystroke(live); // warm: fonts, composition cache, JIT
  return live;
}

/** The harness has no teardown: each benchmark closes the browser after its last run. */
function closingAfter(runs: number, fn: () => Promise<number>): () => Promise<number> {
  let n = 0;
  return async () => {
    const v = await fn();
    if (++n === runs && shared) {
      const live = await shared;
      shared = null;
      await live.app.close();
    }
    return v;
  };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.round(q * (s.length - 1)))];
};

export const liveBenches: Bench[] = [
  {
    name: 'live: keystroke to repainted page, Chromium (median)',
    target: '≤ 16 ms',
    measure: 'value',
    runs: 60,
    async setup() {
      const live = await setupLive();
      return closingAfter(60, () => keystroke(live));
    },
  },
  {
    name: 'live: of which page layout in the renderer (median)',
    measure: 'value',
    runs: 60,
    async setup() {
      const live = await setupLive();
      return closingAfter(60, async () => (await keystrokeParts(live)).layout);
    },
  },
  {
    name: 'live: of which painting the page view (median)',
    measure: 'value',
    runs: 60,
    async setup() {
      const live = await setupLive();
      return closingAfter(60, async () => (await keystrokeParts(live)).paint);
    },
  },
  {
    name: `live: keystroke to repainted page, Chromium (p95 of ${KEYS_PER_RUN})`,
    target: '≤ 16 ms',
    measure: 'value',
    runs: 8,
    async setup() {
      const live = await setupLive();
      return closingAfter(8, async () => {
        const xs: number[] = [];
        for (let i = 0; i < KEYS_PER_RUN; i++) xs.push(await keystroke(live));
        return quantile(xs, 0.95);
      });
    },
  },
];
