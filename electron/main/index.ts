// The Electron main process, kept thin: one window, the menu, file dialogs, and the API served over
// IPC with every message checked against the shared schemas (electron/api). All work happens in the
// services, which the loopback test host serves to a plain browser in exactly the same way.
import '../services/module-stand-ins-now';
import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { homedir } from 'node:os';
import { dispatch, MenuCommandSchema, type MenuCommand } from '../api';
import { createHandlers } from '../services/api-handlers';
import { nodeServices } from '../services/api-services';
import { fileLogger } from '../services/log';
import { resourceLayout } from '../services/resources';
import { applyMenuState, buildMenu } from './menu';

// The log for newsroom IT: userData/logs/banmian.log (electron/services/log.ts), 5 MB × 4 files at most.
const log = fileLogger(join(app.getPath('userData'), 'logs'));
process.on('uncaughtException', (e) => {
  log.error('uncaught exception', {}, e);
  dialog.showErrorBox('版面 Banmian', `程序出错：${e.message}\n详情已记入日志 ${log.path}`);
});
process.on('unhandledRejection', (e) => log.error('unhandled rejection', {}, e));
app.on('child-process-gone', (_e, d) =>
  log.error('process gone', { type: d.type, reason: d.reason, exitCode: d.exitCode, name: d.name }),
);

/** Same policy as the loopback host sends (electron/host/server.ts). */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self' blob: data:; img-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

let win: BrowserWindow | null = null;

/** The one page that may call the API: the bundled renderer, as the window loads it. */
const APP_PAGE = join(__dirname, '../renderer/index.html');
const APP_URL = pathToFileURL(APP_PAGE).href;

/**
 * Whether an IPC message comes from the app's own page: our window's main frame showing exactly the
 * bundled index.html (no other file: page, no frame inside it, nothing a navigation could bring).
 */
export function isOwnPage(
  sender: unknown,
  frame: { url: string; parent?: unknown; processId?: number; routingId?: number } | null | undefined,
): boolean {
  if (!win || sender !== win.webContents || !frame || frame.parent) return false;
  const main = win.webContents.mainFrame;
  if (frame !== main && (frame.processId !== main.processId || frame.routingId !== main.routingId))
    return false;
  try {
    const u = new URL(frame.url);
    u.hash = '';
    return u.search === '' && u.href === APP_URL;
  } catch {
    return false;
  }
}

const lang = (): 'zh' | 'en' => (app.getLocale().toLowerCase().startsWith('en') ? 'en' : 'zh');

function sendMenu(command: MenuCommand) {
  win?.webContents.send('banmian:menu', MenuCommandSchema.parse(command));
}

function createWindow() {
  win = new BrowserWindow({
    width: 1600,
    height: 1000,
    minWidth: 1100,
    minHeight: 700,
    title: '版面 Banmian',
    backgroundColor: '#f4f2ee',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win?.show());
  // No remote content: the window never navigates away from the bundled renderer and opens no windows.
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // The renderer holds back an unload while the edition has unsaved changes; ask before losing them.
  win.webContents.on('will-prevent-unload', (e) => {
    const zh = lang() === 'zh';
    const choice = dialog.showMessageBoxSync(win!, {
      type: 'question',
      buttons: zh ? ['放弃修改并关闭', '取消'] : ['Discard Changes and Close', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: zh ? '本期有尚未保存的修改。' : 'This edition has unsaved changes.',
      detail: zh ? '关闭后这些修改将丢失。' : 'They will be lost if you close now.',
    });
    if (choice === 0) e.preventDefault();
  });
  win.webContents.on('render-process-gone', (_e, d) =>
    log.error('window crashed', { reason: d.reason, exitCode: d.exitCode }),
  );
  win.on('unresponsive', () => log.warn('window unresponsive'));
  win.on('closed', () => {
    win = null;
  });
  void win.loadFile(APP_PAGE);
}

app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  session.defaultSession.webRequest.onHeadersReceived((details, cb) => {
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  session.defaultSession.webRequest.onBeforeRequest((details, cb) => {
    // Only our own files and devtools; anything remote is cancelled.
    cb({ cancel: !/^(file|devtools|data|blob):/.test(details.url) });
  });

  log.info('app started', {
    version: app.getVersion(),
    electron: process.versions.electron,
    platform: process.platform,
    arch: process.arch,
    resources: resourceLayout(),
  });
  const services = nodeServices(
    {},
    { stateDir: app.getPath('userData'), fontCacheDir: join(app.getPath('userData'), 'screen-fonts') },
  );
  // Quitting closes the edition on purpose; only a crash or a power cut leaves it to be recovered.
  app.on('before-quit', () => {
    const open = services.recent().recovery();
    if (open) services.recent().closed(open.path);
  });
  const handlers = createHandlers(services, {
    transport: 'ipc',
    version: app.getVersion(),
    chooseOpenPath: async () => {
      const r = await dialog.showOpenDialog(win!, {
        title: lang() === 'zh' ? '打开期次' : 'Open Edition',
        filters: [
          { name: lang() === 'zh' ? '版面期次' : 'Banmian edition', extensions: ['banmian', 'json'] },
        ],
        properties: ['openFile'],
      });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    chooseSavePath: async (suggested) => {
      const r = await dialog.showSaveDialog(win!, {
        title: lang() === 'zh' ? '保存期次' : 'Save Edition',
        defaultPath: suggested,
        // The dialog asks before replacing a file (Linux needs telling); its answer is the editor's agreement.
        properties: ['showOverwriteConfirmation', 'createDirectory'],
        filters: [{ name: lang() === 'zh' ? '版面期次' : 'Banmian edition', extensions: ['banmian'] }],
      });
      return r.canceled ? null : (r.filePath ?? null);
    },
    chooseExportFolder: async () => {
      const r = await dialog.showOpenDialog(win!, {
        title: lang() === 'zh' ? '导出到文件夹' : 'Export to Folder',
        properties: ['openDirectory', 'createDirectory'],
      });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    defaultExportFolder: () => app.getPath('documents'),
    defaultEditionPath: (ed) =>
      join(app.getPath('documents') ?? homedir(), `${ed.paper.name}-${ed.date}.banmian`),
    documentsDir: null,
    log,
    menuState: (state) => applyMenuState(Menu.getApplicationMenu(), state),
  });

  ipcMain.handle('banmian:api', async (event, method: unknown, req: unknown) => {
    // Only our own window's main frame showing the bundled renderer may call.
    if (!isOwnPage(event.sender, event.senderFrame)) {
      return { ok: false, error: { code: 'failed', message: 'caller refused' } };
    }
    return dispatch(handlers, method, req);
  });

  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenu(lang(), sendMenu, process.platform === 'darwin')));
  createWindow();
  app.on('activate', () => {
    if (!win) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
