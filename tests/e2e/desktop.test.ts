// The desktop app's UI, end to end, in Chromium against the loopback host: the sample edition
// opens; Chinese typed through an input method reaches the page; a story changes slots and comes
// back with undo; a proof PDF carries the edited text; and the screen matches the print.
import { execFileSync } from 'node:child_process';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates } from '../../electron/services/templates';
import { loadSampleEdition } from '../../electron/services/sample';
import { gridOf, rectToPoints } from '../../renderer/state/placing';
import { fitLabel, fitState } from '../../renderer/editor/fit';
import { layoutEdition } from '../../engine/layout';
import { loadFontSet } from '../../electron/services/fonts';
import {
  canvasHash,
  settledCanvasHash,
  expectScreenLikePrint,
  inkPixels,
  thumbnailInk,
  openApp,
  screenPoint,
  type App,
} from '../support/app-in-browser';

const TYPED = '区内各街镇将分批组织党员群众走进线下课堂，在互动中学习党的二十大精神。';

let app: App;

beforeAll(async () => {
  app = await openApp();
});
afterAll(async () => {
  await app?.close();
});

const text = (sel: string) => app.page.locator(sel).first().innerText();

describe('the desktop app in Chromium', () => {
  it('opens the sample edition with the article editor and the page view', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('[data-testid="article-list"] li').count()).toBe(4);
    expect(await page.locator('[data-slate-editor]').getAttribute('data-article')).toBe('a1');
    expect(await text('[data-slate-editor]')).toContain('徐汇区打造“学习强国”线下课堂');
    expect(await text('[data-testid="fit-figure"]')).toMatch(/^(余 \d+ 行|超 \d+ 字|正好)$/);
    // Ink on the page: a painted page has many dark pixels, an empty canvas none.
    expect(await inkPixels(page)).toBeGreaterThan(5000);
    // The navigator's thumbnail shows the page in miniature (masthead, heads, the photo), not white paper.
    await expect.poll(() => thumbnailInk(page, 1), { timeout: 5000 }).toBeGreaterThan(1500);
    // The figures the app shows are the ones the print's layout (Node, fontkit) gives: one layout, two painters.
    const edition = loadSampleEdition();
    const print = layoutEdition(edition, { fonts: loadFontSet(), templates: loadTemplates() });
    for (const a of edition.articles) {
      const expected = fitLabel(
        fitState(print.pages.flatMap((p) => p.fits.filter((f) => f.article === a.id))),
      );
      expect(`${a.id} ${await text(`[data-testid="fit-${a.id}"]`)}`).toBe(`${a.id} ${expected}`);
    }
  });

  it('types Chinese into a1 through an IME composition; the page and the fit change only when it commits', async () => {
    const { page } = app;
    const cdp = await app.context.newCDPSession(page);
    await page.locator('[data-slate-editor] .blk-paragraph').last().click();
    await page.keyboard.press('Control+End');
    const fitBefore = await text('[data-testid="fit-figure"]');
    const countBefore = Number((await text('[data-testid="char-count"]')).replace(/\D/g, ''));
    const layouts = () => page.locator('[data-testid="page-view"]').getAttribute('data-layouts').then(Number);
    const layoutsBefore = await layouts();
    const before = await canvasHash(page);
    const thumbPaints = () =>
      page.locator('[data-testid="thumb-1"] canvas').getAttribute('data-painted').then(Number);
    const thumbPaintsBefore = await thumbPaints();

    await cdp.send('Input.imeSetComposition', { text: 'qu', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.imeSetComposition', { text: 'quneige', selectionStart: 7, selectionEnd: 7 });
    // While composing, the page is not laid out again and the figures stand still.
    await page.waitForTimeout(200);
    expect(await layouts()).toBe(layoutsBefore);
    expect(await text('[data-testid="fit-figure"]')).toBe(fitBefore);
    expect(await text('[data-slate-editor]')).toContain('quneige');

    await cdp.send('Input.insertText', { text: TYPED });
    await expect.poll(() => text('[data-testid="fit-figure"]')).not.toBe(fitBefore);
    expect(await layouts()).toBeGreaterThan(layoutsBefore);
    const editorText = await text('[data-slate-editor]');
    // Committed exactly once, and none of the pinyin left behind.
    expect(editorText.split(TYPED).length - 1).toBe(1);
    expect(editorText).not.toContain('quneige');
    expect(Number((await text('[data-testid="char-count"]')).replace(/\D/g, ''))).toBe(
      countBefore + [...TYPED].length,
    );
    const afterTyping = await settledCanvasHash(page);
    // The thumbnail follows the page: painted again after the commit, and still inked.
    await expect.poll(thumbPaints).toBeGreaterThan(thumbPaintsBefore);
    expect(await thumbnailInk(page, 1)).toBeGreaterThan(1500);
    expect(afterTyping).not.toBe(before);
    // A keystroke repaints only what it changed; the result is the same as painting the page afresh.
    const grid = page.getByLabel('网格');
    await grid.uncheck();
    await grid.check();
    expect(await canvasHash(page)).toBe(afterTyping);
    await cdp.detach();
  });

  it("drags a3 from the article list into a4's slot, and undo puts both back exactly", async () => {
    const { page } = app;
    const edition = loadSampleEdition();
    const template = loadTemplates()[edition.pages[0].template];
    const grid = gridOf(template);
    const a4 = edition.pages[0].placements.find((p) => p.article === 'a4')!;
    const target = rectToPoints(grid, a4.regions[0]);
    // Compared in print preview: what changes and comes back is the page itself, not the guides.
    await page.locator('[data-testid="preview"]').check();
    const before = await canvasHash(page);

    const to = await screenPoint(page, target.x + target.w / 2, target.y + target.h / 2);
    const from = page.locator('[data-testid="article-list"] li[data-article="a3"]');
    await from.dragTo(page.locator('[data-testid="page-view"]'), {
      targetPosition: await (async () => {
        const box = (await page.locator('[data-testid="page-view"]').boundingBox())!;
        return { x: to.x - box.x, y: to.y - box.y };
      })(),
    });

    // a3 is now in a4's slot: its first body region starts where a4's did.
    await expect.poll(() => page.locator('[data-slate-editor]').getAttribute('data-article')).toBe('a3');
    const regionLine = page
      .locator('[data-testid="inspector"] .row')
      .filter({ hasText: '文字区 1' })
      .locator('input')
      .nth(2);
    await expect.poll(() => regionLine.inputValue()).toBe(String(a4.regions[0].line + 1));
    expect(await canvasHash(page)).not.toBe(before);

    await page.locator('[data-testid="undo"]').click();
    await expect.poll(() => canvasHash(page)).toBe(before);
    const a3 = edition.pages[0].placements.find((p) => p.article === 'a3')!;
    expect(await regionLine.inputValue()).toBe(String(a3.regions[0].line + 1));
    await page.locator('[data-testid="preview"]').uncheck();
  });

  it('exports a proof PDF that carries the edited text', async () => {
    const { page } = app;
    await page.locator('[data-testid="export"]').click();
    await page.locator('[data-testid="export-run"]').click();
    await page.locator('[data-testid="export-done"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid="export-summary"]').innerText()).toContain(
      '已导出 1 个文件，共 1 个版',
    );
    const file = await page.locator('[data-testid="export-done"] .path').first().innerText();
    expect(file).toMatch(/_p01_proof_一校\.pdf$/);
    // -raw keeps the content stream's order: each column's lines in sequence, as layout wrote them.
    const pdfText = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(pdfText).toContain('徐汇区打造“学习强国”线下课堂');
    expect(pdfText).toContain('校样');
    // The sentence typed through the IME is in the proof (it may break across lines: compare without spaces).
    expect(pdfText).toContain(TYPED.slice(0, 12));
    await page.getByRole('button', { name: '关闭' }).click();
  });

  it('paints the page as the PDF prints it (screen against pdftoppm, same page, same scale)', async () => {
    const dir = app.exportDir;
    const pdf = execFileSync('ls', [dir], { encoding: 'utf8' })
      .split('\n')
      .find((f) => f.endsWith('_p01_proof_一校.pdf'))!;
    await expectScreenLikePrint(
      app,
      `${dir}/${pdf}`,
      loadTemplates()[loadSampleEdition().pages[0].template].typeArea,
    );
  });
});

// Keeps the typed sentence honest: it must be longer than a line so the fit figure has to move.
if ([...TYPED].length < 20) throw new Error('TYPED must be longer than a column line');
