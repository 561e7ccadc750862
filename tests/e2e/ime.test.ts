// Chinese input methods in the article editor, end to end in Chromium (CDP Input.imeSetComposition,
// then Input.insertText to commit, as an IME does): the edge cases where Slate editors are known to
// lose or double characters (docs: print-and-proof §5). Each case checks what the editor would see:
// the committed words once, where the caret was, no pinyin left behind; the page laid out again and
// the fit figure moved; and the edition file, autosaved, holding exactly what the editor shows.
// a4 fills its space exactly (正好): the first committed words set it overset.
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFontSet } from '../../electron/services/fonts';
import { readEditionFile } from '../../electron/services/store';
import { loadTemplates } from '../../electron/services/templates';
import { layoutEdition } from '../../engine/layout';
import { fitLabel, fitState } from '../../renderer/editor/fit';
import { canvasHash, caretBefore, openApp, screenPoint, type App } from '../support/app-in-browser';

const FILE = 'ime.banmian';

let app: App;
let cdp: CDPSession;

interface Leaf {
  text: string;
  bold: boolean;
}

/** The editor's blocks as the editor shows them: leaves with their bold, the zero-width filler of an empty block left out. */
function shown(): Promise<Leaf[][]> {
  return app.page.evaluate(() =>
    [...document.querySelectorAll('[data-slate-editor] > [data-slate-node="element"]')].map((b) =>
      [...b.querySelectorAll('[data-slate-leaf]')].map((l) => ({
        text: l.textContent!.replace(/\uFEFF/g, ''),
        bold: !!l.querySelector('strong'),
      })),
    ),
  );
}

/** Adjacent leaves of the same weight as one: the tinted overset splits the editor's leaves, the file's are whole. */
function runs(blocks: Leaf[][]): Leaf[][] {
  return blocks.map((b) =>
    b
      .filter((l) => l.text)
      .reduce<Leaf[]>((out, l) => {
        const last = out[out.length - 1];
        if (last && last.bold === l.bold) last.text += l.text;
        else out.push({ ...l });
        return out;
      }, []),
  );
}

const texts = (blocks: Leaf[][]) => blocks.map((b) => b.map((l) => l.text).join(''));

/** a4 as autosave last wrote it to the edition file. */
function stored(): Leaf[][] {
  const a4 = readEditionFile(join(app.docsDir, FILE)).articles.find((a) => a.id === 'a4')!;
  return a4.blocks.map((b) => b.children.map((c) => ({ text: c.text, bold: !!c.bold })));
}

const fitFigure = () => app.page.locator('[data-testid="fit-figure"]').innerText();
const charCount = async () =>
  Number((await app.page.locator('[data-testid="char-count"]').innerText()).replace(/\D/g, ''));

/** The fit figure the print's layout (Node, fontkit) gives a4 as stored in the edition file. */
function storedFit(): string {
  const edition = readEditionFile(join(app.docsDir, FILE));
  const list = layoutEdition(edition, { fonts: loadFontSet(), templates: loadTemplates() });
  return fitLabel(fitState(list.pages.flatMap((p) => p.fits.filter((f) => f.article === 'a4'))));
}
const saveState = () => app.page.locator('[data-testid="save-state"]').innerText();
const layouts = () => app.page.locator('[data-testid="page-view"]').getAttribute('data-layouts').then(Number);
const editorText = () => app.page.locator('[data-slate-editor]').innerText();

/** Types pinyin into the IME's composition, letter group by letter group, as an input method shows it. */
async function compose(...steps: string[]): Promise<void> {
  for (const s of steps)
    await cdp.send('Input.imeSetComposition', { text: s, selectionStart: s.length, selectionEnd: s.length });
  await app.page.waitForTimeout(100);
}
const commit = (text: string) => cdp.send('Input.insertText', { text });

/** The caret's place: block index and offset in the block's text, from the DOM selection. */
function caret(): Promise<{ block: number; offset: number }> {
  return app.page.evaluate(() => {
    const sel = window.getSelection()!;
    const blocks = [...document.querySelectorAll('[data-slate-editor] > [data-slate-node="element"]')];
    const block = blocks.findIndex((b) => b.contains(sel.focusNode));
    const r = document.createRange();
    r.setStart(blocks[block], 0);
    r.setEnd(sel.focusNode!, sel.focusOffset);
    return { block, offset: r.toString().replace(/\uFEFF/g, '').length };
  });
}

/** What the page shows before a case, to see that the commit reached it. */
async function snapshot() {
  // Typing just before has been laid out, painted and counted (the page follows the editor's frame).
  await app.page.evaluate(
    () =>
      new Promise<void>((r) =>
        requestAnimationFrame(() => setTimeout(() => requestIdleCallback(() => r(), { timeout: 1000 }), 0)),
      ),
  );
  return { canvas: await canvasHash(app.page), chars: await charCount(), layouts: await layouts() };
}

/**
 * After a commit: the words once in the editor and no pinyin; the character count up by exactly
 * them; the page laid out again and painted differently; then autosave writes the file, it holds
 * what the editor shows, and the fit figure on screen is the one the print's layout gives that file.
 */
async function expectCommitted(
  before: Awaited<ReturnType<typeof snapshot>>,
  words: string,
  pinyin: string[],
  expected: string[],
): Promise<void> {
  await expect.poll(charCount).toBe(before.chars + [...words].length);
  const all = await editorText();
  expect(all.split(words).length - 1).toBe(1);
  for (const p of pinyin) expect(all).not.toContain(p);
  expect(texts(runs(await shown()))).toEqual(expected);
  // The page is laid out again and painted straight after the frame that shows the words in the editor.
  await expect.poll(layouts).toBeGreaterThan(before.layouts);
  await expect.poll(() => canvasHash(app.page)).not.toBe(before.canvas);
  await expect.poll(saveState, { timeout: 10_000 }).toMatch(/^已保存/);
  expect(stored().map((b) => b.filter((l) => l.text))).toEqual(runs(await shown()));
  expect(await fitFigure()).toBe(storedFit());
}

/** Inserts `words` into block `block` of `blocks` at `offset`. */
function inserted(blocks: string[], block: number, offset: number, words: string): string[] {
  return blocks.map((t, i) => (i === block ? t.slice(0, offset) + words + t.slice(offset) : t));
}

beforeAll(async () => {
  app = await openApp();
  const { page } = app;
  // An edition file, so that autosave runs: the sample saved as, then a4 opened.
  await page.locator('[data-testid="file-save-as"]').click();
  await page.locator('[data-testid="file-name"]').fill('ime');
  await page.locator('[data-testid="file-ok"]').click();
  await page.locator('[data-testid="file-label"]', { hasText: FILE }).waitFor();
  await page.locator('[data-testid="article-list"] li[data-article="a4"]').click();
  await page.locator('[data-slate-editor][data-article="a4"]').waitFor();
  await page.waitForTimeout(200);
  expect(await fitFigure()).toBe('正好');
  cdp = await app.context.newCDPSession(page);
});
afterAll(async () => {
  await cdp?.detach();
  await app?.close();
});

describe('Chinese input methods in the article editor', () => {
  it('composes into an empty paragraph made with Enter', async () => {
    const { page } = app;
    await caretBefore(
      page,
      '审议通过了《2023年徐汇网信工作要点》。',
      -'审议通过了《2023年徐汇网信工作要点》。'.length,
    );
    await page.keyboard.press('Enter');
    const blocks = texts(runs(await shown()));
    expect(blocks).toHaveLength(8);
    expect(blocks[7]).toBe('');
    const before = await snapshot();
    await compose('x', 'xin', 'xinwen', 'xinwenfab');
    await page.screenshot({ path: 'tests/.output/ime-empty-composing.png' });
    expect(await editorText()).toContain('xinwenfab');
    await commit('新闻发布会');
    await expectCommitted(before, '新闻发布会', ['xinwen'], [...blocks.slice(0, 7), '新闻发布会']);
    expect(await fitFigure()).toMatch(/^超 \d+ 字$/);
    await page.screenshot({ path: 'tests/.output/ime-empty-committed.png' });
    // The new block is body text, and the caret stands after the committed words.
    expect(
      await page.locator('[data-slate-editor] > [data-slate-node="element"]').nth(7).getAttribute('class'),
    ).toContain('blk-paragraph');
    expect(await caret()).toEqual({ block: 7, offset: 5 });
  });

  it('composes in bold when 粗 is pressed first: the committed words, and only they, are bold', async () => {
    const { page } = app;
    const blocks = texts(runs(await shown()));
    const at = blocks[3].indexOf('要坚持综合施策');
    await caretBefore(page, '要坚持综合施策', 0);
    await page.locator('.block-bar button[title^="加粗"]').click();
    const before = await snapshot();
    await compose('qie', 'qieshi');
    await commit('切实');
    await expectCommitted(before, '切实', ['qieshi'], inserted(blocks, 3, at, '切实'));
    expect(await page.locator('[data-slate-editor] strong').allInnerTexts()).toEqual(['切实']);
    expect(stored()[3].filter((l) => l.bold)).toEqual([{ text: '切实', bold: true }]);
  });

  it('composes right after the end of a bold run: written once, in place, in one weight', async () => {
    const { page } = app;
    const blocks = texts(runs(await shown()));
    const at = blocks[3].indexOf('切实') + 2;
    // The caret at the boundary: the end of the bold run, the plain text right after it.
    await caretBefore(page, '要坚持综合施策', 0);
    const before = await snapshot();
    await compose('you', 'youli');
    await commit('有力');
    await expectCommitted(before, '有力', ['youli'], inserted(blocks, 3, at, '有力'));
    // Whatever weight the boundary gives it, the two characters are not split between two runs.
    const bold = (await page.locator('[data-slate-editor] strong').allInnerTexts()).join('');
    expect(['切实', '切实有力']).toContain(bold);
    expect(await caret()).toEqual({ block: 3, offset: at + 2 });
  });

  it('leaves the editor mid-composition: the words are committed once or dropped cleanly, never doubled or cut', async () => {
    const { page } = app;
    const blocks = texts(runs(await shown()));
    const at = blocks[6].indexOf('会议听取了');
    await caretBefore(page, '会议听取了', 0);
    const before = await snapshot();
    await compose('beijing', '北京市');
    await page.screenshot({ path: 'tests/.output/ime-blur-composing.png' });
    // A click on another panel (the status bar) while the IME still composes.
    await page.locator('footer.status').click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'tests/.output/ime-blur-after.png' });
    const now = texts(runs(await shown()));
    const committed = now[6] !== blocks[6];
    if (committed) {
      await expectCommitted(before, '北京市', ['beijing'], inserted(blocks, 6, at, '北京市'));
    } else {
      expect(now).toEqual(blocks);
      expect(await editorText()).not.toContain('beijing');
    }
    // The editor takes typing again where it was, and its tree matches what it shows.
    await caretBefore(page, '会议听取了', 0);
    const again = await snapshot();
    await compose('lingxi');
    await commit('另悉');
    const base = committed ? inserted(blocks, 6, at, '北京市') : blocks;
    await expectCommitted(
      again,
      '另悉',
      ['lingxi'],
      inserted(base, 6, base[6].indexOf('会议听取了'), '另悉'),
    );
  });

  it('clicks a character on the page mid-composition: the words are committed where they were typed, then the caret goes to the click', async () => {
    const { page } = app;
    const blocks = texts(runs(await shown()));
    const at = blocks[6].indexOf('会议听取了');
    const target = blocks[2].indexOf('曹立强主持');
    // Where layout set that character, from the file's own layout (the screen paints the same display list).
    const list = layoutEdition(readEditionFile(join(app.docsDir, FILE)), {
      fonts: loadFontSet(),
      templates: loadTemplates(),
    });
    let glyph: { x: number; y: number } | null = null;
    for (const item of list.pages[0].items) {
      if (item.kind !== 'glyphs' || item.vertical) continue;
      const g = item.glyphs.find(
        (x) => x.src.article === 'a4' && x.src.block === 2 && x.src.offset === target,
      );
      if (g) glyph = { x: item.x + g.x + g.advance * 0.25, y: item.y + g.y - item.size * 0.4 };
    }
    expect(glyph).not.toBeNull();
    await caretBefore(page, '会议听取了', 0);
    const before = await snapshot();
    await compose('he', 'hebing', '合并');
    const to = await screenPoint(page, glyph!.x, glyph!.y);
    await page.mouse.click(to.x, to.y);
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'tests/.output/ime-page-click-after.png' });
    await expectCommitted(before, '合并', ['hebing'], inserted(blocks, 6, at, '合并'));
    expect(await caret()).toEqual({ block: 2, offset: target });
  });

  it('ignores arrow keys while composing: no caret jump, nothing doubled', async () => {
    const { page } = app;
    const blocks = texts(runs(await shown()));
    const at = blocks[5].indexOf('要坚持底线思维');
    await caretBefore(page, '要坚持底线思维', 0);
    const before = await snapshot();
    await compose('d', 'di', 'dixian');
    for (const key of ['ArrowLeft', 'ArrowLeft', 'ArrowUp', 'ArrowRight', 'ArrowDown', 'Home', 'End'])
      await page.keyboard.press(key);
    await compose('dixianr');
    await commit('底线上');
    await expectCommitted(before, '底线上', ['dixian'], inserted(blocks, 5, at, '底线上'));
    expect(await caret()).toEqual({ block: 5, offset: at + 3 });
  });

  it('holds autosave, by timer and by Ctrl+S, until the composition commits', async () => {
    const { page } = app;
    await expect.poll(saveState).toMatch(/^已保存/);
    const blocks = texts(runs(await shown()));
    const first = blocks[2].indexOf('区委书记');
    await caretBefore(page, '区委书记', 0);
    const before = await snapshot();
    await compose('zhou', 'zhoumi');
    await commit('周密');
    // Straight on, before the autosave timer fires, the next word is composed.
    await compose('b', 'bu', 'bushu');
    await page.keyboard.press('Control+s');
    // Longer than the autosave pause: the file must still be as it was before the first word.
    await page.waitForTimeout(2500);
    await page.screenshot({ path: 'tests/.output/ime-autosave-composing.png' });
    expect(await saveState()).not.toMatch(/^已保存/);
    expect(texts(stored())).toEqual(blocks);
    await commit('部署');
    await expectCommitted(before, '周密部署', ['zhoumi', 'bushu'], inserted(blocks, 2, first, '周密部署'));
  });

  it('undoes exactly the committed words, not the typing just before them', async () => {
    const { page } = app;
    const blocks = texts(runs(await shown()));
    const at = blocks[4].indexOf('要布局数字经济');
    await caretBefore(page, '要布局数字经济', 0);
    // Typed without the IME a moment before the composition (inside the undo step's merge window).
    await cdp.send('Input.insertText', { text: '其一' });
    const before = await snapshot();
    await compose('ming', 'mingque');
    await commit('明确');
    const typed = inserted(blocks, 4, at, '其一');
    await expectCommitted(before, '明确', ['mingque'], inserted(typed, 4, at + 2, '明确'));
    await page.keyboard.press('Control+z');
    await expect.poll(async () => texts(runs(await shown()))).toEqual(typed);
    expect(await caret()).toEqual({ block: 4, offset: at + 2 });
    await expect.poll(saveState, { timeout: 10_000 }).toMatch(/^已保存/);
    expect(texts(stored())).toEqual(typed);
    expect(await fitFigure()).toBe(storedFit());
  });
});
