// Editors' comments (批注) end to end: words selected in a1 get a comment from the editor's 批注
// button; it is listed, tinted on the page, undone and redone; the exported proof carries it as a
// highlight annotation over exactly those words, as a PDF reader (and the 校对 import) reads it.
import { readFileSync } from 'node:fs';
import { createEditor, Transforms, type Descendant, type Editor } from 'slate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFontSet } from '../../electron/services/fonts';
import { importProof } from '../../electron/services/proof';
import { loadSampleEdition } from '../../electron/services/sample';
import { loadTemplates } from '../../electron/services/templates';
import type { Block, Edition } from '../../engine/model/types';
import { blockText } from '../../engine/text/count';
import { canvasHash, caretBefore, openApp, selectPhrase, type App } from '../support/app-in-browser';

const PHRASE = '共学二十大，同谱新篇章';
const NOTE = '活动名称请与主办方通稿核对';

const TYPED = '本报记者 ';

/** The sample with a1 edited as the test edits it in the app: text typed at the head of block 3, then block 3 split two characters before the phrase. */
function editedSample(): Edition {
  const ed = loadSampleEdition();
  const a1 = ed.articles.find((a) => a.id === 'a1')!;
  const e: Editor = createEditor();
  e.children = structuredClone(a1.blocks) as unknown as Descendant[];
  Transforms.insertText(e, TYPED, { at: { path: [3, 0], offset: 0 } });
  const text = (e.children[3] as unknown as Block).children.map((c) => c.text).join('');
  const at = text.indexOf(PHRASE) - 2;
  let left = at,
    leaf = 0;
  for (const c of (e.children[3] as unknown as Block).children) {
    if (left <= c.text.length) break;
    left -= c.text.length;
    leaf++;
  }
  Transforms.splitNodes(e, { at: { path: [3, leaf], offset: left }, always: true });
  a1.blocks = e.children as unknown as Block[];
  return ed;
}

let app: App;
beforeAll(async () => {
  app = await openApp();
});
afterAll(async () => {
  await app?.close();
});

describe('comments in the app', () => {
  it('comments on a phrase of a1, shows it on the page, undoes it, and exports it as a highlight over that phrase', async () => {
    const { page } = app;
    await selectPhrase(page, PHRASE);
    await page.waitForTimeout(300);
    const beforeComment = await canvasHash(page);

    await page.locator('[data-testid="comment-add"]').click();
    const form = page.locator('[data-testid="comments"] .comment-form');
    expect(await form.locator('.quote').innerText()).toBe(`“${PHRASE}”`);
    await page.locator('[data-testid="comment-text"]').fill(NOTE);
    await page.locator('[data-testid="comment-save"]').click();

    const item = page.locator('[data-testid="comment-list"] li');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.innerText()).toContain(`“${PHRASE}”`);
    expect(await item.innerText()).toContain(NOTE);
    // The page view tints the phrase.
    await expect.poll(() => canvasHash(page)).not.toBe(beforeComment);
    const withComment = await canvasHash(page);

    // One undoable step each way.
    await page.locator('[data-testid="undo"]').click();
    await expect.poll(() => item.count()).toBe(0);
    await page.getByRole('button', { name: '重做' }).click();
    await expect.poll(() => item.count()).toBe(1);
    await expect.poll(() => canvasHash(page)).toBe(withComment);

    // The comment follows its words: text typed at the head of the paragraph, then the paragraph
    // split just before the phrase, carry the anchor to the phrase's new block and offset.
    await caretBefore(
      page,
      PHRASE,
      blockText(loadSampleEdition().articles.find((a) => a.id === 'a1')!.blocks[3].children).indexOf(PHRASE),
    );
    await page.keyboard.insertText(TYPED);
    await caretBefore(page, PHRASE, 2);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('[data-slate-editor] > [data-slate-node="element"]').nth(4).innerText())
      .toMatch(new RegExp(`^..${PHRASE}`));
    expect(await item.innerText()).toContain(`“${PHRASE}”`);
    // The editor tints exactly the phrase.
    expect(
      await page
        .locator('[data-slate-editor] [data-commented]')
        .allInnerTexts()
        .then((t) => t.join('')),
    ).toBe(PHRASE);

    await page.locator('[data-testid="export"]').click();
    await page.locator('[data-testid="export-run"]').click();
    await page.locator('[data-testid="export-done"]').waitFor({ timeout: 60_000 });
    const proofFile = await page.locator('[data-testid="export-done"] .path').first().innerText();
    await page.getByRole('button', { name: '关闭' }).click();

    // Read back as a PDF reader reads it: a highlight whose quads cover the phrase's glyphs in a1, now in block 4.
    const read = await importProof(editedSample(), new Uint8Array(readFileSync(proofFile)), {
      fonts: loadFontSet(),
      templates: loadTemplates(),
      label: 'proof',
    });
    const ours = read.marks.filter((m) => m.note === NOTE);
    expect(ours.map((m) => ({ kind: m.kind, article: m.article, block: m.block, text: m.text }))).toEqual([
      { kind: 'query', article: 'a1', block: 4, text: PHRASE },
    ]);
    expect(read.unplaced.filter((m) => m.note === NOTE)).toEqual([]);

    // Undoing the split and the typing puts the comment back where it was, exactly.
    await page.locator('[data-testid="undo"]').click();
    await page.locator('[data-testid="undo"]').click();
    await expect.poll(() => page.locator('[data-slate-editor]').innerText()).not.toContain(TYPED.trim());
    expect(await item.innerText()).toContain(`“${PHRASE}”`);
    // With the phrase selected again as at the start, the page is as it was: tint over the same glyphs.
    await selectPhrase(page, PHRASE);
    await expect.poll(() => canvasHash(page)).toBe(withComment);

    // Resolved, it leaves the page and the next proof.
    await item.locator('[data-testid="comment-resolve"]').click();
    await expect.poll(() => canvasHash(page)).toBe(beforeComment);
    await page.locator('[data-testid="export"]').click();
    await page.locator('[data-testid="export-run"]').click();
    await page.locator('[data-testid="export-done"]').waitFor({ timeout: 60_000 });
    const again = await page.locator('[data-testid="export-done"] .path').first().innerText();
    const reread = await importProof(loadSampleEdition(), new Uint8Array(readFileSync(again)), {
      fonts: loadFontSet(),
      templates: loadTemplates(),
      label: 'proof',
    });
    expect(reread.marks.filter((m) => m.note === NOTE)).toEqual([]);
  });
});
