// The application menu. Chinese is the default; an English system locale gets English labels.
// Every item that acts on the edition sends a command to the renderer, which runs the same action
// its toolbar and shortcuts run.
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../api';

type Label = { zh: string; en: string };
const L = (zh: string, en: string): Label => ({ zh, en });

export function buildMenu(
  lang: 'zh' | 'en',
  send: (cmd: MenuCommand) => void,
  isMac: boolean,
): MenuItemConstructorOptions[] {
  const t = (l: Label) => l[lang];
  const cmd = (label: Label, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label: t(label),
    accelerator,
    click: () => send(command),
  });
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: t(L('文件', 'File')),
      submenu: [
        cmd(L('新建期次…', 'New Edition…'), 'new', 'CmdOrCtrl+N'),
        cmd(L('打开期次…', 'Open Edition…'), 'open', 'CmdOrCtrl+O'),
        cmd(L('最近的期次…', 'Open Recent…'), 'open-recent'),
        cmd(L('打开示例期次', 'Open Sample Edition'), 'open-sample'),
        { type: 'separator' },
        cmd(L('保存', 'Save'), 'save', 'CmdOrCtrl+S'),
        cmd(L('另存为…', 'Save As…'), 'save-as', 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        cmd(L('导出 PDF…', 'Export PDF…'), 'export', 'CmdOrCtrl+E'),
        cmd(L('印前检查', 'Preflight'), 'preflight', 'CmdOrCtrl+Shift+P'),
        cmd(L('导入校样…', 'Import Proof…'), 'proof'),
        { type: 'separator' },
        {
          role: isMac ? 'close' : 'quit',
          label: t(isMac ? L('关闭窗口', 'Close Window') : L('退出', 'Quit')),
        },
      ],
    },
    {
      label: t(L('编辑', 'Edit')),
      submenu: [
        // Undo and redo are edition-level (text and placements alike), so they go to the renderer's history.
        cmd(L('撤销', 'Undo'), 'undo', 'CmdOrCtrl+Z'),
        cmd(L('重做', 'Redo'), 'redo', isMac ? 'Cmd+Shift+Z' : 'Ctrl+Y'),
        { type: 'separator' },
        { role: 'cut', label: t(L('剪切', 'Cut')) },
        { role: 'copy', label: t(L('复制', 'Copy')) },
        { role: 'paste', label: t(L('粘贴', 'Paste')) },
        { role: 'selectAll', label: t(L('全选', 'Select All')) },
      ],
    },
    {
      label: t(L('视图', 'View')),
      submenu: [
        cmd(L('放大', 'Zoom In'), 'zoom-in', 'CmdOrCtrl+='),
        cmd(L('缩小', 'Zoom Out'), 'zoom-out', 'CmdOrCtrl+-'),
        cmd(L('适合窗口', 'Fit Page'), 'zoom-fit', 'CmdOrCtrl+0'),
        cmd(L('实际大小', 'Actual Size'), 'zoom-actual', 'CmdOrCtrl+1'),
        { type: 'separator' },
        cmd(L('显示网格', 'Show Grid'), 'toggle-grid', "CmdOrCtrl+'"),
        { type: 'separator' },
        { role: 'togglefullscreen', label: t(L('全屏', 'Full Screen')) },
      ],
    },
    { role: 'windowMenu', label: t(L('窗口', 'Window')) },
  ];
}
