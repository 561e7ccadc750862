// The command table, end to end: every command with a shortcut is pressed in the app (Chromium
// against the loopback host) and its effect seen — a dialog, a panel, the tool, the zoom, a page
// added and taken back, bold text — after setting up what it needs; and the command palette finds a
// command by its Chinese or English name and runs it with Enter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { COMMANDS, type CommandId, type CommandSpec } from '../../electron/api';
import { openApp, selectPhrase, type App } from '../support/app-in-browser';

let app: App;
beforeAll(async () => {
  app = await openApp();
});
afterAll(async () => {
  await app?.close();
});

/** Words of the sample's lead story, selected for the commands that act on a selection. */
const PHRASE = '同谱新篇章';

/** Playwright's name for an accelerator (`CmdOrCtrl+Shift+S` → `Control+Shift+S`). */
const keysOf = (acc: string) =>
  acc
    .split(/\+(?!$)/)
    .map((k) => (/^(CmdOrCtrl|Ctrl|Cmd)$/.test(k) ? 'Control' : k.length === 1 ? k.toLowerCase() : k))
    .join('+');

const visible = (page: Page, sel: string) => page.locator(sel).first().isVisible();

/** Puts the focus outside the text, where every command's key works. */
async function outsideText(page: Page) {
  await page.locator('footer.status').click();
}

const zoom = (page: Page) => page.locator('[data-testid="zoom"]').innerText();
const pages = (page: Page) => page.locator('[data-testid="pages-panel"] .thumb-slot').count();
const pressed = (page: Page, name: string) =>
  page.getByRole('button', { name, exact: true }).getAttribute('aria-pressed');

/** Closes a file dialog, a panel or the palette. */
async function closeDialog(page: Page) {
  const close = page.locator(
    '.file-dialog button:text-is("取消"), .dialog button:text-is("关闭"), .preflight button[aria-label="关闭"]',
  );
  if (await close.count()) await close.first().click();
  else await page.keyboard.press('Escape');
}

/**
 * For each command with a shortcut: what it needs first (optional), and the effect to see after the
 * key. A command added to the table with a shortcut and no check here fails the test below.
 */
const CHECKS: Partial<
  Record<
    CommandId,
    {
      before?: (p: Page) => Promise<void>;
      seen: (p: Page) => Promise<unknown>;
      after?: (p: Page) => Promise<void>;
    }
  >
> = {
  new: { seen: (p) => visible(p, '[data-testid="new-paper"]'), after: closeDialog },
  open: { seen: (p) => p.getByRole('dialog', { name: '打开期次' }).isVisible(), after: closeDialog },
  // The sample has no file yet: 保存 asks where, as Save As does.
  save: { seen: (p) => p.getByRole('dialog', { name: '另存为' }).isVisible(), after: closeDialog },
  'save-as': { seen: (p) => p.getByRole('dialog', { name: '另存为' }).isVisible(), after: closeDialog },
  export: { seen: (p) => visible(p, '[data-testid="export-run"]'), after: closeDialog },
  preflight: { seen: (p) => visible(p, '[data-testid="preflight"]'), after: closeDialog },
  find: {
    seen: (p) => visible(p, '[data-testid="find-replace"]'),
    after: (p) => p.locator('[data-testid="find-replace"] button[aria-label="关闭"]').click(),
  },
  undo: {
    before: async (p) => {
      await p.getByRole('button', { name: '添加版面' }).click();
      await expect.poll(() => pages(p)).toBe(2);
      await outsideText(p);
    },
    seen: async (p) => (await pages(p)) === 1,
  },
  redo: { seen: async (p) => (await pages(p)) === 2 },
  comment: {
    before: async (p) => {
      await selectPhrase(p, PHRASE);
      await p.waitForTimeout(150);
    },
    seen: async (p) =>
      (await visible(p, '[data-testid="comment-text"]')) &&
      (await p.locator('[data-testid="comments"] .comment-form .quote').innerText()) === `“${PHRASE}”`,
    after: async (p) => {
      await p.locator('[data-testid="comments"] .comment-form button:text-is("取消")').click();
    },
  },
  bold: {
    before: async (p) => {
      await selectPhrase(p, PHRASE);
      await p.waitForTimeout(150);
    },
    seen: async (p) => (await p.locator('[data-slate-editor] strong').allInnerTexts()).includes(PHRASE),
  },
  emphasis: {
    before: async (p) => {
      await selectPhrase(p, PHRASE);
      await p.waitForTimeout(150);
    },
    seen: async (p) => (await p.locator('[data-slate-editor] em').allInnerTexts()).includes(PHRASE),
  },
  'import-stories': {
    before: async (p) => {
      chooser = p.waitForEvent('filechooser');
    },
    seen: async () => !!(await chooser),
  },
  'tool-select': { seen: async (p) => (await pressed(p, '选择工具')) === 'true' },
  'tool-text': { seen: async (p) => (await pressed(p, '文字工具')) === 'true' },
  'zoom-actual': { seen: async (p) => (await zoom(p)) === '100%' },
  'zoom-in': {
    before: async (p) => {
      await p.getByRole('button', { name: '100%' }).click();
      await outsideText(p);
    },
    seen: async (p) => (await zoom(p)) === '125%',
  },
  'zoom-out': { seen: async (p) => (await zoom(p)) === '100%' },
  'zoom-fit': { seen: async (p) => (await zoom(p)) !== '100%' },
  'toggle-grid': { seen: async (p) => !(await p.getByLabel('网格').isChecked()) },
  palette: { seen: (p) => p.getByRole('dialog', { name: '命令面板' }).isVisible(), after: closeDialog },
};
let chooser: Promise<unknown> | null = null;

const withKeys = (COMMANDS as readonly CommandSpec[]).filter((c) => c.shortcut);

describe('the command table in the app', () => {
  it('has a visible check for every command with a shortcut', () => {
    expect(withKeys.map((c) => c.id).filter((id) => !CHECKS[id as CommandId])).toEqual([]);
  });

  it('runs every command from its shortcut (and every other key it answers to)', async () => {
    const { page } = app;
    page.on('dialog', (d) => void d.accept());
    for (const c of withKeys) {
      const check = CHECKS[c.id as CommandId]!;
      for (const key of [c.shortcut!, ...(c.alsoKeys ?? [])]) {
        if (c.scope !== 'text') await outsideText(page);
        await check.before?.(page);
        // Undo taken back and redone again, for the second key of redo.
        if (c.id === 'redo' && key !== c.shortcut) {
          await page.keyboard.press('Control+z');
          await expect.poll(() => pages(page)).toBe(1);
        }
        await page.keyboard.press(keysOf(key));
        await expect.poll(() => check.seen(page), { message: `${c.id} (${key})` }).toBeTruthy();
        await check.after?.(page);
      }
    }
  });

  it('finds a command in the palette by its Chinese or English name and runs it with Enter', async () => {
    const { page } = app;
    const palette = page.getByRole('dialog', { name: '命令面板' });
    await outsideText(page);
    await page.keyboard.press('Control+k');
    const box = page.getByRole('combobox', { name: '查找命令' });
    await box.fill('导出');
    await expect.poll(() => palette.getByRole('option').first().innerText()).toContain('导出 PDF');
    await page.keyboard.press('Enter');
    await expect.poll(() => visible(page, '[data-testid="export-run"]')).toBe(true);
    expect(await page.getByRole('dialog', { name: '命令面板' }).count()).toBe(0);
    await closeDialog(page);

    // English, arrow keys, and a command that cannot run now shown grey with the reason.
    await page.keyboard.press('Control+Shift+P');
    await box.fill('page');
    const names = await palette.getByRole('option').allInnerTexts();
    expect(names.some((n) => n.includes('添加版面'))).toBe(true);
    const before = await pages(page);
    const add = names.findIndex((n) => n.includes('添加版面'));
    for (let i = 0; i < add; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => pages(page)).toBe(before + 1);

    await page.keyboard.press('Control+k');
    await box.fill('redo');
    const redo = palette.getByRole('option').filter({ hasText: '重做' });
    expect(await redo.getAttribute('aria-disabled')).toBe('true');
    expect(await redo.innerText()).toContain('没有可重做的操作');
    await page.keyboard.press('Enter');
    expect(await page.getByRole('dialog', { name: '命令面板' }).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog', { name: '命令面板' }).count()).toBe(0);
  });
});
