// The desktop menu follows the window. In the desktop app the preload bridge carries the page's calls
// to the main process; here a stand-in bridge with the preload's two functions carries them to the
// loopback host and records what the page tells the menu. The main process's side — check boxes and
// greyed items set from that state — is tests/unit/api/menu.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../support/app-in-browser';

const BRIDGE = `(() => {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  url.searchParams.delete('token');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  const listeners = [];
  window.__menu = { states: [], send: (c) => listeners.forEach((l) => l(c)) };
  window.banmian = {
    async invoke(method, req) {
      if (method === 'app.menuState') window.__menu.states.push(req);
      const res = await fetch('/api/' + encodeURIComponent(method), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
        body: JSON.stringify(req),
      });
      if ((res.headers.get('Content-Type') || '').startsWith('application/octet-stream'))
        return { ok: true, result: new Uint8Array(await res.arrayBuffer()) };
      return res.json();
    },
    onMenu(l) {
      listeners.push(l);
      return () => listeners.splice(listeners.indexOf(l), 1);
    },
  };
})();`;

interface MenuState {
  checked: string[];
  disabled: string[];
}

let app: App;
beforeAll(async () => {
  app = await openApp(undefined, { initScript: BRIDGE });
});
afterAll(async () => {
  await app?.close();
});

const last = () =>
  app.page.evaluate(() => (window as unknown as { __menu: { states: MenuState[] } }).__menu.states.at(-1));
const menu = (id: string) =>
  app.page.evaluate((c) => (window as unknown as { __menu: { send(c: string): void } }).__menu.send(c), id);

describe('the desktop menu follows the window', () => {
  it('shows 显示网格 and 印刷预览 as check boxes that follow the toolbar and the menu itself', async () => {
    const { page } = app;
    // At the start the grid is on and the print preview off.
    await expect.poll(async () => (await last())?.checked).toEqual(['toggle-grid']);
    // The toolbar's 印刷预览 box: the menu's check box follows.
    await page.locator('[data-testid="preview"]').click();
    await expect.poll(async () => (await last())?.checked.sort()).toEqual(['toggle-grid', 'toggle-preview']);
    // The menu's own 印刷预览 item turns it off again, and the toolbar shows it.
    await menu('toggle-preview');
    await expect.poll(() => page.locator('[data-testid="preview"]').isChecked()).toBe(false);
    await expect.poll(async () => (await last())?.checked).toEqual(['toggle-grid']);
    // Ctrl+' (the menu's accelerator, answered by the page in a browser) turns the grid off.
    await page.locator('[data-testid="zoom"]').click();
    await page.keyboard.press("Control+'");
    await expect.poll(async () => (await last())?.checked).toEqual([]);
  });

  it('greys the commands the window cannot run now, and brings them back when it can', async () => {
    const { page } = app;
    // Nothing has been edited yet: 撤销 has nothing to undo, and its menu item is greyed.
    const before = (await last())!;
    expect(before.disabled).toContain('undo');
    // Typing into the article gives 撤销 something to undo: the menu item is enabled again.
    await page.locator('[data-slate-editor]').click();
    await page.keyboard.press('End');
    await page.keyboard.type('。');
    await expect.poll(async () => (await last())?.disabled.includes('undo')).toBe(false);
  });
});
