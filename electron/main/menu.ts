// The application menu, built from the command table (electron/api/commands.ts). Chinese is the
// default; an English system locale gets English labels. Every command item sends its id to the
// renderer, which runs the same action its toolbar, keys and command palette run. The window tells the
// menu which views are on and which commands cannot run now (`applyMenuState`).
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
          id: c.id,
          label: c[lang],
          ...(c.toggle ? { type: 'checkbox' as const, checked: false } : {}),
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

/** The part of Electron's Menu that follows the window (a stand-in in tests). */
export interface MenuItems {
  getMenuItemById(id: string): { checked: boolean; enabled: boolean } | null;
}

/**
 * Check boxes on or off and commands greyed as the window says. Every command item is set, so an item
 * the window no longer names comes back on.
 */
export function applyMenuState(
  menu: MenuItems | null,
  state: { checked: readonly string[]; disabled: readonly string[] },
): void {
  if (!menu) return;
  const checked = new Set(state.checked);
  const disabled = new Set(state.disabled);
  for (const c of COMMANDS as readonly CommandSpec[]) {
    const item = c.menu ? menu.getMenuItemById(c.id) : null;
    if (!item) continue;
    if (c.toggle) item.checked = checked.has(c.id);
    item.enabled = !disabled.has(c.id);
  }
}
