// Text wrap in the app: the editor adds a photo frame over a story's text from the inspector; the text
// goes round it on screen and in print (no word of the PDF inside the picture), and copyfit changes.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PageGrid } from '../../engine/layout';
import { loadSampleEdition } from '../../electron/services/sample';
import { loadTemplates } from '../../electron/services/templates';
import { canvasHash, exportProof, openApp, type App } from '../support/app-in-browser';

let app: App;
beforeAll(async () => {
  app = await openApp();
});
afterAll(async () => {
  await app?.close();
});

/** Words of a PDF page with their boxes, in points from the page's top left (pdftotext -bbox). */
function words(file: string): {
  page: { w: number; h: number };
  words: { text: string; x0: number; y0: number; x1: number; y1: number }[];
} {
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-'], { encoding: 'utf8' });
  const pg = /<page width="([\d.]+)" height="([\d.]+)">/.exec(html)!;
  const out = [
    ...html.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ),
  ].map((m) => ({ x0: +m[1], y0: +m[2], x1: +m[3], y1: +m[4], text: m[5] }));
  return { page: { w: +pg[1], h: +pg[2] }, words: out };
}

describe('text wrap (图文互斥)', () => {
  it("a photo frame added over a2's text pushes the text out of it; the PDF has no text inside the picture; copyfit changes", async () => {
    const { page } = app;
    await page.locator('[data-testid="article-list"] li[data-article="a2"]').click();
    await expect.poll(() => page.locator('[data-slate-editor]').getAttribute('data-article')).toBe('a2');
    const inspector = page.locator('[data-testid="inspector"]');
    // Take the sample's frame off, then add it again as a new editor would: over the top of the text.
    await inspector.getByRole('button', { name: '删除' }).first().click();
    const fitBefore = await page.locator('[data-testid="fit-a2"]').innerText();
    const before = await canvasHash(page);
    await inspector.getByRole('button', { name: /为第 \d+ 段图片加图框/ }).click();
    await expect.poll(() => canvasHash(page)).not.toBe(before);
    await expect.poll(() => page.locator('[data-testid="fit-a2"]').innerText()).not.toBe(fitBefore);

    const file = await exportProof(page);
    const t = loadTemplates()[loadSampleEdition().pages[0].template];
    const grid = new PageGrid(t);
    // The frame the inspector adds: the story's first region's columns (2) from its first line, 15
    // lines deep, the last 2 for the caption. The picture is what no text may enter.
    const area = { col: 0, cols: 2, line: 35, lines: 15 };
    const r = grid.rect(area);
    const pic = {
      x0: r.x + 1.5 * grid.em,
      x1: r.x + r.w,
      y0: grid.rowTop(area.line),
      y1: grid.rowTop(area.line + area.lines - 2),
    };
    const { page: size, words: list } = words(file);
    // The PDF page is the trim with the same margin all round (bleed and marks).
    const dx = (size.w - t.trim.width) / 2;
    const dy = (size.h - t.trim.height) / 2;
    const inside = list.filter(
      (w) =>
        w.x0 - dx < pic.x1 - 0.5 &&
        w.x1 - dx > pic.x0 + 0.5 &&
        w.y0 - dy < pic.y1 - 0.5 &&
        w.y1 - dy > pic.y0 + 0.5,
    );
    expect(inside.map((w) => w.text)).toEqual([]);
    // a2's text is still on the page, below the frame.
    const a2 = loadSampleEdition().articles.find((a) => a.id === 'a2')!;
    const firstWords = a2.blocks
      .find((b) => b.type === 'paragraph')!
      .children.map((c) => c.text)
      .join('')
      .slice(0, 6);
    const raw = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(raw).toContain(firstWords);
  });
});
