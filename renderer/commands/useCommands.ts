// The window's command dispatch: one `run(id)` for the toolbar, the palette and the desktop menu, and
// the keymap, read from the command table's shortcuts (electron/api/commands.ts).
import { useCallback, useEffect, useRef } from 'react';
import { COMMANDS, type CommandId, type CommandSpec } from '../../electron/api';
import { api, hasMenu, onMenuCommand } from '../api';
import { menuState, runCommand, whyDisabled, type CommandContext } from './actions';
import { matches, parseAccelerator, shortcutLabel } from './keys';

const BINDINGS = (COMMANDS as readonly CommandSpec[]).flatMap((c) =>
  [c.shortcut, c.macShortcut, ...(c.alsoKeys ?? [])]
    .filter((k): k is string => !!k)
    .map((k) => ({ id: c.id as CommandId, chord: parseAccelerator(k), scope: c.scope ?? 'outside-text' })),
);

/** Whether a key press belongs to text being typed (the article editor or a field). */
function typing(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (!t || !t.closest) return false;
  return (
    !!t.closest('[data-slate-editor], [contenteditable="true"]') ||
    /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName)
  );
}

/** A command's tooltip: its description and shortcut (`另存为… Ctrl+Shift+S`). */
export function commandTitle(spec: CommandSpec): string {
  return `${spec.hint ?? spec.zh}${spec.shortcut ? ` ${shortcutLabel(spec.shortcut)}` : ''}`;
}

export interface Commands {
  run(id: CommandId): void;
  whyDisabled(id: CommandId): string | null;
}

export function useCommands(ctx: CommandContext): Commands {
  // Handlers registered once see the window as it is now.
  const latest = useRef(ctx);
  latest.current = ctx;
  const run = useCallback((id: CommandId) => runCommand(id, latest.current), []);

  useEffect(() => onMenuCommand(run), [run]);

  // The desktop menu follows the window: check boxes on or off, greyed commands. Sent when it changes:
  // after the window's own renders (views, panels) and after the edition settles (typing, undo).
  const sentMenu = useRef('');
  const syncMenu = useCallback(() => {
    if (!hasMenu()) return;
    const state = menuState(latest.current);
    const key = JSON.stringify(state);
    if (key === sentMenu.current) return;
    sentMenu.current = key;
    void api.call('app.menuState', state).catch(() => {
      sentMenu.current = '';
    });
  }, []);
  useEffect(syncMenu);
  const { session } = ctx;
  useEffect(() => (hasMenu() ? session.subscribeSettled(syncMenu) : undefined), [session, syncMenu]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const b = BINDINGS.find((x) => matches(x.chord, e));
      // The article editor answers its own keys (bold, emphasis).
      if (!b || b.scope === 'text') return;
      // 保存 is taken mid-composition too: autosave waits for the input method to commit, so the
      // request is kept rather than dropped. Every other key then belongs to the input method.
      if (e.isComposing && b.id !== 'save') return;
      if (b.scope === 'outside-text' && typing(e)) return;
      e.preventDefault();
      run(b.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run]);

  return { run, whyDisabled: (id) => whyDisabled(id, ctx) };
}
