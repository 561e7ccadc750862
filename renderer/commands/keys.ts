// Shortcuts in the command table's accelerator syntax (Electron's: `CmdOrCtrl+Shift+S`, `V`), read for
// the window's keymap and written for people (`Ctrl+Shift+S`, `⌘⇧S` on a Mac).

export interface Chord {
  mod: boolean;
  shift: boolean;
  alt: boolean;
  /** The key as `KeyboardEvent.key` gives it, lower case. */
  key: string;
}

export function parseAccelerator(acc: string): Chord {
  const parts = acc.split('+');
  // `CmdOrCtrl+=` and `CmdOrCtrl+-`: the last part is the key even when it is a sign.
  const key = acc.endsWith('++') ? '+' : parts[parts.length - 1];
  const mods = parts.slice(0, acc.endsWith('++') ? -2 : -1).map((m) => m.toLowerCase());
  return {
    mod: mods.some((m) => ['cmdorctrl', 'commandorcontrol', 'ctrl', 'control', 'cmd', 'command'].includes(m)),
    shift: mods.includes('shift'),
    alt: mods.includes('alt') || mods.includes('option'),
    key: key.toLowerCase(),
  };
}

/** The key's own name, from its physical position when the layout changes what it types (Alt, Shift). */
function keyOf(e: KeyboardEvent): string[] {
  const keys = [e.key.toLowerCase()];
  if (/^Key[A-Z]$/.test(e.code)) keys.push(e.code.slice(3).toLowerCase());
  if (/^Digit\d$/.test(e.code)) keys.push(e.code.slice(5));
  if (e.code === 'Equal') keys.push('=');
  if (e.code === 'Minus') keys.push('-');
  if (e.code === 'Quote') keys.push("'");
  return keys;
}

export function matches(c: Chord, e: KeyboardEvent): boolean {
  return (
    c.mod === (e.ctrlKey || e.metaKey) &&
    c.shift === e.shiftKey &&
    c.alt === e.altKey &&
    keyOf(e).includes(c.key)
  );
}

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/** How a shortcut is written in a tooltip or the palette. */
export function shortcutLabel(acc: string, mac = isMac): string {
  const c = parseAccelerator(acc);
  const key = c.key.length === 1 ? c.key.toUpperCase() : c.key;
  if (mac) return `${c.mod ? '⌘' : ''}${c.alt ? '⌥' : ''}${c.shift ? '⇧' : ''}${key}`;
  return [c.mod && 'Ctrl', c.alt && 'Alt', c.shift && 'Shift', key].filter(Boolean).join('+');
}
