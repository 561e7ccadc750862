// Edition files in the app when another program has changed them, or when they cannot be written: the
// editor sees why in the status line, and nothing the other program wrote is overwritten.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { blockText } from '../../engine/layout/runs';
import { loadSampleEdition } from '../../electron/services/sample';
import { EditionStore, readEditionFile } from '../../electron/services/store';
import { canMount, mountTmpfs, remountReadOnly, unmount } from '../support/file-system';
import { caretBefore, openApp, type App } from '../support/app-in-browser';

let app: App;
let mnt: string | null = null;
beforeAll(async () => {
  app = await openApp();
});
afterAll(async () => {
  if (mnt) unmount(mnt);
  await app?.close();
});

const a1 = loadSampleEdition().articles.find((a) => a.id === 'a1')!;
const PHRASE = blockText(a1.blocks[3].children).slice(0, 8);
const state = () => app.page.locator('[data-testid="save-state"]');
const label = () => app.page.locator('[data-testid="file-label"]').innerText();

async function fileDialog(button: 'file-save-as' | 'file-open', name: string): Promise<void> {
  await app.page.locator(`[data-testid="${button}"]`).click();
  await app.page.locator('[data-testid="file-name"]').fill(name);
  await app.page.locator('[data-testid="file-ok"]').click();
}

describe('edition files shared with other programs', () => {
  it.skipIf(!canMount)(
    'an edition on read-only media opens read-only, and the status line says so',
    async () => {
      mnt = mountTmpfs('16m', join(app.docsDir, 'ro'));
      EditionStore.create(join(mnt!, 'x.banmian'), loadSampleEdition()).close();
      remountReadOnly(mnt!);
      await fileDialog('file-open', 'ro/x.banmian');
      await expect.poll(label).toBe('ro/x.banmian');
      await expect.poll(() => state().innerText()).toBe('只读 · 修改请另存为');
      expect(await state().getAttribute('title')).toMatch(/只读.*另存为/);
      expect(await app.page.locator('body').innerText()).toMatch(/已只读打开 ro\/x\.banmian/);
    },
  );

  it('a save after another program wrote the file is refused, the status says why, and their write stays', async () => {
    const { page, docsDir } = app;
    await fileDialog('file-save-as', '晚班');
    await expect.poll(label).toBe('晚班.banmian');
    await expect.poll(() => state().innerText()).toMatch(/^已保存/);
    // Another program (the command line, a second window) writes the same file meanwhile.
    const other = EditionStore.open(join(docsDir, '晚班.banmian'));
    other.applyEdit({ op: 'addComment', comment: { article: 'a2', text: '另一个程序写的批注' } });
    other.close();

    await caretBefore(page, PHRASE, 0);
    await page.keyboard.insertText('迟到的字');
    await expect.poll(() => state().innerText(), { timeout: 15_000 }).toBe('保存失败');
    expect(await state().getAttribute('title')).toMatch(/晚班\.banmian 已被另一个程序修改/);
    const stored = readEditionFile(join(docsDir, '晚班.banmian'));
    expect((stored.comments ?? []).map((c) => c.text)).toContain('另一个程序写的批注');
    expect(blockText(stored.articles.find((a) => a.id === 'a1')!.blocks[3].children)).not.toContain(
      '迟到的字',
    );
  });
});
