// 竖排 in the app: the editor turns a story's body vertical in the inspector; the page view shows
// it in columns from right to left, the proof PDF reads it in order, and the screen matches the print.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates } from '../../electron/services/templates';
import { loadSampleEdition } from '../../electron/services/sample';
import { canvasHash, expectScreenLikePrint, exportProof, openApp, type App } from '../support/app-in-browser';

let app: App;
beforeAll(async () => {
  app = await openApp();
});
afterAll(async () => {
  await app?.close();
});

describe('a story set vertically', () => {
  it('turns a4 vertical from the inspector; the proof reads it in order and prints what the screen shows', async () => {
    const { page } = app;
    await page.locator('[data-testid="article-list"] li[data-article="a4"]').click();
    await expect.poll(() => page.locator('[data-slate-editor]').getAttribute('data-article')).toBe('a4');
    const before = await canvasHash(page);
    await page.locator('[data-testid="body-orientation"]').selectOption('vertical');
    await expect.poll(() => canvasHash(page)).not.toBe(before);

    const file = await exportProof(page);
    const raw = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    // a4's first paragraphs (its slot holds ten vertical columns: the rest is overset), whole and in
    // order, in the vertical columns' reading order.
    const a4 = loadSampleEdition().articles.find((a) => a.id === 'a4')!;
    let at = 0;
    for (const b of a4.blocks.filter((x) => x.type === 'paragraph').slice(0, 2)) {
      const t = b.children
        .map((c) => c.text)
        .join('')
        .replace(/\s+/g, '');
      const i = raw.indexOf(t, at);
      expect(i, t.slice(0, 16)).toBeGreaterThanOrEqual(at);
      at = i + t.length;
    }
    await expectScreenLikePrint(app, file, loadTemplates()[loadSampleEdition().pages[0].template].typeArea);
  });

  it('opens the 副刊 sample from the navigator: its 竖排 story reads in order in the proof, and prints what the screen shows', async () => {
    const { page } = app;
    const before = await canvasHash(page);
    // The story turned vertical above is an unsaved change: the app asks before dropping it.
    page.once('dialog', (d) => void d.accept());
    await page.locator('[data-testid="start-sample-fukan"]').click();
    await expect
      .poll(() => page.locator('[data-testid="article-list"] li[data-article="f1"]').count())
      .toBe(1);
    await expect.poll(() => canvasHash(page)).not.toBe(before);

    const file = await exportProof(page);
    const raw = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    const fukan = loadSampleEdition('fukan');
    let at = 0;
    for (const b of fukan.articles.find((a) => a.id === 'f1')!.blocks.filter((x) => x.type === 'paragraph')) {
      const t = b.children
        .map((c) => c.text)
        .join('')
        .replace(/\s+/g, '');
      const i = raw.indexOf(t, at);
      expect(i, t.slice(0, 16)).toBeGreaterThanOrEqual(at);
      at = i + t.length;
    }
    await expectScreenLikePrint(app, file, loadTemplates()[fukan.pages[0].template].typeArea);
  });
});
