// Fonts by need, end to end: the page view starts with the glyphs the page shows, and a character
// the edition has never used, typed into the editor, appears on the page where print sets it, drawn
// as print draws it — compared against the proof PDF the app exports, rendered by pdftoppm.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutEdition } from '../../engine/layout';
import type { GlyphRun } from '../../engine/display/types';
import type { Edition } from '../../engine/model/types';
import { loadFontSet } from '../../electron/services/fonts';
import { loadSampleEdition } from '../../electron/services/sample';
import { loadTemplates } from '../../electron/services/templates';
import { blockDifference, openApp, readPgm, type App, type Grey } from '../support/app-in-browser';

let app: App;
beforeAll(async () => {
  app = await openApp({ width: 2100, height: 1400 });
});
afterAll(async () => {
  await app?.close();
});

/** The sample with `typed` added at the end of a1, as the editor holds it after typing there. */
function typedInto(edition: Edition, typed: string): Edition {
  return {
    ...edition,
    articles: edition.articles.map((a) => {
      if (a.id !== 'a1') return a;
      const blocks = structuredClone(a.blocks) as { children: { text: string }[] }[];
      const last = blocks[blocks.length - 1].children;
      last[last.length - 1].text += typed;
      return { ...a, blocks: blocks as unknown as typeof a.blocks };
    }),
  };
}

const dark = (g: Grey) => g.data.reduce((n, v) => n + (v < 128 ? 1 : 0), 0);

describe('fonts by need', () => {
  it('shows a character the edition never used as soon as it is typed, where and as print sets it', async () => {
    const { page } = app;
    const sample = loadSampleEdition();
    const used = JSON.stringify(sample) + JSON.stringify(loadTemplates());
    // A Latin letter first: its placeholder width (half an em) is not its own, so the Han character
    // after it lands in the right place only once the real metrics have come and the page is laid out again.
    const latin = [...'ΩΨΦЖ'].find((c) => !used.includes(c))!;
    const han = [...'鑫龘犇淼焱垚'].find((c) => !used.includes(c))!;
    expect(latin && han).toBeTruthy();
    const typed = latin + han;

    // Where print sets them: Node's layout over fontkit, of the same text.
    const print = layoutEdition(typedInto(sample, typed), {
      fonts: loadFontSet(),
      templates: loadTemplates(),
    }).pages[0];
    const runs = print.items.filter((i): i is GlyphRun => i.kind === 'glyphs');
    const run = runs.find((r) => r.glyphs.some((g) => g.text === han && g.src.article === 'a1'))!;
    expect(run).toBeDefined();
    const gl = run.glyphs.findIndex((g) => g.text === han);
    const first = run.glyphs[Math.max(0, gl - 1)];
    expect(first.text).toBe(latin);
    const box = {
      x: Math.floor(run.x + first.x) - 2,
      y: Math.floor(run.y - run.size) - 2,
      w: Math.ceil(run.glyphs[gl].x + run.glyphs[gl].advance - first.x) + 4,
      h: Math.ceil(run.size * 1.3) + 4,
    };

    await page.locator('[data-testid="preview"]').check();
    await page.getByRole('button', { name: '100%' }).click();
    await page.locator('[data-slate-editor] .blk-paragraph').last().click();
    await page.keyboard.press('Control+End');
    const cdp = await app.context.newCDPSession(page);
    await cdp.send('Input.insertText', { text: typed });
    await cdp.detach();

    // The screen at 100 %, scrolled so the box is in view: 1 pt = 1 CSS px = 1 device pixel.
    const screenBox = () =>
      page
        .evaluate((b) => {
          const s = document.querySelector<HTMLElement>('[data-testid="page-view"]')!;
          const pb = Number(s.dataset.pasteboard);
          s.scrollTop = Math.max(0, pb + b.y - 300);
          s.scrollLeft = Math.max(0, pb + b.x - 300);
          return new Promise<{ width: number; height: number; data: number[] }>((resolve) =>
            requestAnimationFrame(() =>
              requestAnimationFrame(() => {
                const c = document.querySelector<HTMLCanvasElement>('.page-canvas')!;
                const d = c
                  .getContext('2d')!
                  .getImageData(pb + b.x - s.scrollLeft, pb + b.y - s.scrollTop, b.w, b.h);
                const g = new Array(d.width * d.height);
                for (let i = 0; i < g.length; i++)
                  g[i] = Math.round(
                    0.299 * d.data[i * 4] + 0.587 * d.data[i * 4 + 1] + 0.114 * d.data[i * 4 + 2],
                  );
                resolve({ width: d.width, height: d.height, data: g });
              }),
            ),
          );
        }, box)
        .then((g) => ({ width: g.width, height: g.height, data: Uint8Array.from(g.data) }));

    // The proof the app exports of the same text: the reference for what the glyphs look like.
    await page.locator('[data-testid="export"]').click();
    await page.locator('[data-testid="export-run"]').click();
    await page.locator('[data-testid="export-done"]').waitFor({ timeout: 60_000 });
    const file = await page.locator('[data-testid="export-done"] .path').first().innerText();
    await page.getByRole('button', { name: '关闭' }).click();
    expect(
      execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ''),
    ).toContain(typed);
    const boxes = execFileSync('pdfinfo', ['-box', file], { encoding: 'utf8' });
    const media = /MediaBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/.exec(boxes)!.slice(1).map(Number);
    const trim = /TrimBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/.exec(boxes)!.slice(1).map(Number);
    const render = (dx: number) =>
      readPgm(
        execFileSync('pdftoppm', [
          '-r',
          '72',
          '-gray',
          '-x',
          String(Math.round(trim[0] - media[0]) + box.x + dx),
          '-y',
          String(Math.round(media[3] - trim[3]) + box.y),
          '-W',
          String(box.w),
          '-H',
          String(box.h),
          '-singlefile',
          file,
        ]),
      );
    const printed = render(0);
    expect(dark(printed)).toBeGreaterThan(20);

    // On screen: the two characters, drawn where and as the proof draws them.
    await expect
      .poll(async () => blockDifference(await screenBox(), printed, { block: 4, threshold: 40 }).mean, {
        timeout: 15_000,
      })
      .toBeLessThan(8);
    const shown = await screenBox();
    expect(dark(shown)).toBeGreaterThan(20);
    // The comparison is sharp enough to see a glyph out of place: the proof 3 pt to the side differs.
    expect(blockDifference(shown, render(3), { block: 4, threshold: 40 }).mean).toBeGreaterThan(8);
  });
});
