// The Electron shell without the Electron binary: the main process is loaded against a stand-in of
// the `electron` module, to check what it sets up — an isolated, sandboxed window, a strict CSP,
// no navigation away, the menu in Chinese, and IPC that answers only its own window and checks
// every message against the API schemas.
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({
  windowOptions: null as null | Record<string, any>,
  ipc: new Map<string, (...a: any[]) => any>(),
  menu: null as null | any[],
  headers: null as null | ((d: any, cb: (r: any) => void) => void),
  requests: null as null | ((d: any, cb: (r: any) => void) => void),
  permissions: null as null | ((wc: any, p: string, cb: (ok: boolean) => void) => void),
  webContents: null as any,
  windowOpen: null as null | (() => any),
  navigate: null as null | ((e: { preventDefault(): void }) => void),
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: any;
    constructor(opts: Record<string, any>) {
      state.windowOptions = opts;
      this.webContents = {
        mainFrame: { url: '', parent: null, processId: 4, routingId: 1 },
        on: (ev: string, fn: any) => {
          if (ev === 'will-navigate') state.navigate = fn;
        },
        setWindowOpenHandler: (fn: any) => {
          state.windowOpen = fn;
        },
        send: vi.fn(),
      };
      state.webContents = this.webContents;
    }
    once() {}
    on() {}
    show() {}
    loadFile() {
      return Promise.resolve();
    }
  }
  return {
    app: {
      whenReady: () => Promise.resolve(),
      getLocale: () => 'zh-CN',
      getVersion: () => '0.1.0',
      getPath: () => '/tmp',
      on: () => {},
      quit: () => {},
    },
    BrowserWindow,
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    ipcMain: { handle: (ch: string, fn: any) => state.ipc.set(ch, fn) },
    Menu: {
      buildFromTemplate: (t: any[]) => {
        state.menu = t;
        return t;
      },
      setApplicationMenu: () => {},
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: any) => {
          state.permissions = fn;
        },
        webRequest: {
          onHeadersReceived: (fn: any) => {
            state.headers = fn;
          },
          onBeforeRequest: (fn: any) => {
            state.requests = fn;
          },
        },
      },
    },
  };
});

beforeAll(async () => {
  await import('../../../electron/main/index');
  await new Promise((r) => setTimeout(r, 0));
});

describe('Electron main', () => {
  it('opens one isolated, sandboxed window without Node in the page', () => {
    const prefs = state.windowOptions!.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(prefs.preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(state.windowOpen!()).toEqual({ action: 'deny' });
    const nav = { preventDefault: vi.fn() };
    state.navigate!(nav);
    expect(nav.preventDefault).toHaveBeenCalled();
  });

  it('sends a strict CSP, refuses remote requests and every permission', () => {
    let headers: any;
    state.headers!({ responseHeaders: {} }, (r) => {
      headers = r.responseHeaders;
    });
    expect(headers['Content-Security-Policy'][0]).toMatch(/script-src 'self';/);
    expect(headers['Content-Security-Policy'][0]).not.toMatch(/unsafe/);
    const verdict = (url: string) => {
      let c: any;
      state.requests!({ url }, (r) => {
        c = r.cancel;
      });
      return c;
    };
    expect(verdict('https://example.com/tracker.js')).toBe(true);
    expect(verdict('file:///app/out/renderer/index.html')).toBe(false);
    let granted = true;
    state.permissions!({}, 'media', (ok) => {
      granted = ok;
    });
    expect(granted).toBe(false);
  });

  it('has a Chinese menu whose commands reach the renderer as validated commands', () => {
    const labels = state.menu!.map((m) => m.label).filter(Boolean);
    expect(labels).toEqual(['文件', '编辑', '插入', '版面', '视图', '窗口']);
    const undo = state.menu!.find((m) => m.label === '编辑').submenu.find((i: any) => i.label === '撤销');
    undo.click();
    expect(state.webContents.send).toHaveBeenCalledWith('banmian:menu', 'undo');
  });

  it('answers API calls from its own window only, and checks them', async () => {
    const handle = state.ipc.get('banmian:api')!;
    // The window shows the bundled renderer: ../renderer/index.html beside the main process's code.
    state.webContents.mainFrame.url = pathToFileURL(
      join(__dirname, '../../../electron/renderer/index.html'),
    ).href;
    const own = { sender: state.webContents, senderFrame: state.webContents.mainFrame };
    expect(await handle(own, 'app.info', {})).toEqual({
      ok: true,
      result: {
        transport: 'ipc',
        version: '0.1.0',
        canChooseFiles: true,
        user: userInfo().username,
        userSet: false,
      },
    });
    expect(await handle(own, 'fonts.metrics', { face: '../etc' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    expect(await handle(own, 'shell.openExternal', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    });
    const stranger = { sender: {}, senderFrame: { url: 'https://example.com/' } };
    expect(await handle(stranger, 'app.info', {})).toMatchObject({
      ok: false,
      error: { message: 'caller refused' },
    });
  });

  it('refuses any other file: page, a frame inside the app, and its own window once it shows something else', async () => {
    const handle = state.ipc.get('banmian:api')!;
    const appUrl = pathToFileURL(join(__dirname, '../../../electron/renderer/index.html')).href;
    const main = state.webContents.mainFrame;
    main.url = appUrl;
    const refused = { ok: false, error: { message: 'caller refused' } };
    // A file the window was tricked into showing (a download, a file dropped on it).
    for (const url of [
      'file:///tmp/evil.html',
      'file:///home/u/Downloads/index.html',
      `${appUrl}?x=1`,
      appUrl.replace('index.html', 'other.html'),
    ]) {
      main.url = url;
      expect(
        await handle({ sender: state.webContents, senderFrame: main }, 'app.info', {}),
        url,
      ).toMatchObject(refused);
    }
    main.url = appUrl;
    // A frame inside the app's page, even one showing the app's own file.
    const sub = { url: appUrl, parent: main };
    expect(await handle({ sender: state.webContents, senderFrame: sub }, 'app.info', {})).toMatchObject(
      refused,
    );
    // A top-level frame that is not the window's own (a popup or a portal in another process).
    expect(
      await handle(
        { sender: state.webContents, senderFrame: { url: appUrl, parent: null, processId: 5, routingId: 1 } },
        'app.info',
        {},
      ),
    ).toMatchObject(refused);
    // Another webContents claiming the app's frame.
    expect(await handle({ sender: { mainFrame: main }, senderFrame: main }, 'app.info', {})).toMatchObject(
      refused,
    );
    expect(await handle({ sender: state.webContents, senderFrame: null }, 'app.info', {})).toMatchObject(
      refused,
    );
    // The same page, with a fragment, is still the app.
    main.url = `${appUrl}#top`;
    expect(await handle({ sender: state.webContents, senderFrame: main }, 'app.info', {})).toMatchObject({
      ok: true,
    });
  });

  it('lets the save dialog ask before a file is replaced', async () => {
    const { dialog } = await import('electron');
    (dialog.showSaveDialog as any).mockResolvedValue({ canceled: true });
    const handle = state.ipc.get('banmian:api')!;
    state.webContents.mainFrame.url = pathToFileURL(
      join(__dirname, '../../../electron/renderer/index.html'),
    ).href;
    await handle({ sender: state.webContents, senderFrame: state.webContents.mainFrame }, 'edition.saveAs', {
      edition: (await import('../../../electron/services/sample')).loadSampleEdition(),
    });
    expect((dialog.showSaveDialog as any).mock.calls[0][1].properties).toContain('showOverwriteConfirmation');
  });
});
