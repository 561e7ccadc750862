// The application menu, built from the command table (electron/api/commands.ts). Chinese is the
// default; an English system locale gets English labels. Every command item sends its id to the
// renderer, which runs the same action its toolbar, keys and command palette run.
import type { MenuItemConstructorOptions } from 'electron';
import { COMMANDS, MENU_ROLES, MENUS, type CommandId, type CommandSpec, type MenuId } from '../api';

type Item = MenuItemConstructorOptions & { group: number };

/** Keys the menu must not take from the page: the text editor's own, and plain letters. */
export const leftToPage = (c: CommandSpec): boolean =>
  !!c.shortcut && (c.scope === 'text' || !c.shortcut.includes('+'));

export function buildMenu(
  lang: 'zh' | 'en',
  send: (cmd: CommandId) => void,
  isMac: boolean,
): MenuItemConstructorOptions[] {
  const items = (menu: MenuId): MenuItemConstructorOptions[] => {
    const list: Item[] = [
      ...(COMMANDS as readonly CommandSpec[])
        .filter((c) => c.menu?.in === menu)
        .map((c): Item => ({
          group: c.menu!.group,
          label: c[lang],
          ...(c.shortcut && !(isMac && leftToPage(c))
            ? { accelerator: (isMac && c.macShortcut) || c.shortcut }
            : {}),
          // A key the text editor answers itself, or a plain letter typed into the text, is shown, not
          // taken (macOS cannot show a key without taking it: there the page alone answers it).
          ...(!isMac && leftToPage(c) ? { registerAccelerator: false } : {}),
          click: () => send(c.id as CommandId),
        })),
      ...MENU_ROLES.filter((r) => r.in === menu).map((r): Item => ({
        group: r.group,
        role: r.role,
        label: r[lang],
      })),
    ];
    if (menu === 'file')
      list.push({
        group: 99,
        role: isMac ? 'close' : 'quit',
        label: isMac ? (lang === 'zh' ? '关闭窗口' : 'Close Window') : lang === 'zh' ? '退出' : 'Quit',
      });
    // Stable by group, keeping the table's order inside a group; a separator where the group changes.
    const sorted = list.map((it, i) => ({ it, i })).sort((a, b) => a.it.group - b.it.group || a.i - b.i);
    const out: MenuItemConstructorOptions[] = [];
    sorted.forEach(({ it: { group, ...item } }, k) => {
      if (k > 0 && sorted[k - 1].it.group !== group) out.push({ type: 'separator' });
      out.push(item);
    });
    return out;
  };
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    ...(Object.keys(MENUS) as MenuId[]).map((m) => ({ label: MENUS[m][lang], submenu: items(m) })),
    { role: 'windowMenu', label: lang === 'zh' ? '窗口' : 'Window' },
  ];
}
