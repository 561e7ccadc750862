// The desktop menu is built from the command table: every command is in it, in its menu, with its
// accelerator, and sends its own id; nothing else sends anything.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { COMMANDS, MENUS, MenuCommandSchema, type CommandSpec } from '../../../electron/api';
import { applyMenuState, buildMenu, leftToPage } from '../../../electron/main/menu';
import { parseAccelerator, shortcutLabel } from '../../../renderer/commands/keys';

type Item = MenuItemConstructorOptions;
const table = COMMANDS as readonly CommandSpec[];

function build(lang: 'zh' | 'en', isMac: boolean) {
  const sent: string[] = [];
  const menu = buildMenu(lang, (c) => sent.push(c), isMac);
  const items = (m: Item) => (m.submenu ?? []) as Item[];
  return { menu, sent, items };
}

describe('the desktop menu', () => {
  for (const isMac of [false, true])
    it(`holds every command of the table with its accelerator (${isMac ? 'macOS' : 'Windows, Linux'})`, () => {
      const { menu, sent, items } = build('zh', isMac);
      for (const c of table) {
        const top = menu.find((m) => m.label === MENUS[c.menu!.in].zh);
        expect(top, c.id).toBeDefined();
        const item = items(top!).find((i) => i.label === c.zh);
        expect(item, c.id).toBeDefined();
        // A plain letter or the text editor's own key is shown but left to the page (macOS: not shown).
        const left = leftToPage(c);
        expect(item!.accelerator, c.id).toBe(
          c.shortcut && !(isMac && left) ? (isMac && c.macShortcut) || c.shortcut : undefined,
        );
        expect(item!.registerAccelerator, c.id).toBe(!isMac && left ? false : undefined);
        (item!.click as () => void)();
        expect(sent.at(-1)).toBe(c.id);
      }
      const clickable = menu.flatMap((m) => items(m)).filter((i) => i.click);
      expect(clickable.length).toBe(table.length);
      expect(new Set(sent).size).toBe(table.length);
      for (const id of sent) expect(MenuCommandSchema.parse(id)).toBe(id);
    });

  it('has English labels for an English system, and separators only between groups', () => {
    const { menu, items } = build('en', false);
    expect(menu.map((m) => m.label)).toEqual([...Object.values(MENUS).map((m) => m.en), 'Window']);
    for (const c of table)
      expect(items(menu.find((m) => m.label === MENUS[c.menu!.in].en)!).map((i) => i.label)).toContain(c.en);
    for (const m of menu) {
      const kinds = items(m).map((i) => i.type ?? 'normal');
      expect(kinds[0]).not.toBe('separator');
      expect(kinds.at(-1)).not.toBe('separator');
      expect(kinds.join(' ')).not.toContain('separator separator');
    }
  });

  it('gives every shortcut once, readable by the keymap', () => {
    const keys = table.flatMap((c) => [c.shortcut, ...(c.alsoKeys ?? [])].filter(Boolean) as string[]);
    const chords = keys.map((k) => JSON.stringify(parseAccelerator(k)));
    expect(new Set(chords).size).toBe(chords.length);
    expect(parseAccelerator('CmdOrCtrl+Shift+S')).toEqual({ mod: true, shift: true, alt: false, key: 's' });
    expect(parseAccelerator('CmdOrCtrl+=')).toEqual({ mod: true, shift: false, alt: false, key: '=' });
    expect(shortcutLabel("CmdOrCtrl+'", false)).toBe("Ctrl+'");
    expect(shortcutLabel('CmdOrCtrl+Alt+M', true)).toBe('⌘⌥M');
  });

  it('shows the views as check boxes and sets them, and greys items, as the window says', () => {
    const { menu, items } = build('zh', false);
    const all = menu.flatMap((m) => items(m));
    const byId = new Map(
      all.filter((i) => i.id).map((i) => [i.id!, { ...i, checked: !!i.checked, enabled: true }]),
    );
    for (const c of table) {
      expect(byId.get(c.id)?.type ?? 'normal', c.id).toBe(c.toggle ? 'checkbox' : 'normal');
    }
    expect(table.filter((c) => c.toggle).map((c) => c.id)).toEqual(['toggle-grid', 'toggle-preview']);
    const fake = { getMenuItemById: (id: string) => byId.get(id) ?? null };
    applyMenuState(fake, { checked: ['toggle-preview'], disabled: ['undo', 'redo'] });
    expect(byId.get('toggle-preview')!.checked).toBe(true);
    expect(byId.get('toggle-grid')!.checked).toBe(false);
    expect(byId.get('undo')!.enabled).toBe(false);
    expect(byId.get('save')!.enabled).toBe(true);
    // A later state brings back what it no longer names.
    applyMenuState(fake, { checked: ['toggle-grid'], disabled: [] });
    expect([byId.get('toggle-grid')!.checked, byId.get('toggle-preview')!.checked]).toEqual([true, false]);
    expect(byId.get('undo')!.enabled).toBe(true);
    // No menu (a window being closed): nothing happens.
    expect(() => applyMenuState(null, { checked: [], disabled: [] })).not.toThrow();
  });
});
