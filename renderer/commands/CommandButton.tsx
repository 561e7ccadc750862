// Toolbar buttons and drop-down menus that run commands of the table: their tooltip (description and
// shortcut), keyboard shortcut for assistive technology and disabled state come from the table.
import { useEffect, useRef, useState, type ButtonHTMLAttributes, type ReactNode } from 'react';
import { commandSpec, type CommandId } from '../../electron/api';
import { parseAccelerator, shortcutLabel } from './keys';
import { commandTitle, type Commands } from './useCommands';

function ariaKeys(acc: string | undefined): string | undefined {
  if (!acc) return undefined;
  const c = parseAccelerator(acc);
  return [
    c.mod && 'Control',
    c.alt && 'Alt',
    c.shift && 'Shift',
    c.key.length === 1 ? c.key.toUpperCase() : c.key,
  ]
    .filter(Boolean)
    .join('+');
}

type Props = { commands: Commands; id: CommandId; children?: ReactNode } & Omit<
  ButtonHTMLAttributes<HTMLButtonElement>,
  'id' | 'onClick'
>;

/** A button for one command; its visible text is given (short), its title names the command in full. */
export function CommandButton({ commands, id, children, disabled, title, ...rest }: Props) {
  const spec = commandSpec(id);
  const why = commands.whyDisabled(id);
  return (
    <button
      {...rest}
      onClick={() => commands.run(id)}
      disabled={disabled || !!why}
      title={title ?? commandTitle(spec)}
      aria-keyshortcuts={ariaKeys(spec.shortcut)}
    >
      {children ?? spec.zh}
    </button>
  );
}

/** A drop-down of commands (rarely used ones, out of the toolbar's way). */
export function CommandMenu({
  commands,
  label,
  ids,
  disabled,
}: {
  commands: Commands;
  label: string;
  ids: CommandId[];
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('mousedown', away);
    window.addEventListener('keydown', esc);
    return () => {
      window.removeEventListener('mousedown', away);
      window.removeEventListener('keydown', esc);
    };
  }, [open]);
  return (
    <div className="command-menu" ref={box}>
      <button aria-haspopup="menu" aria-expanded={open} disabled={disabled} onClick={() => setOpen(!open)}>
        {label} ▾
      </button>
      {open && (
        <div role="menu" aria-label={label} className="command-menu-items">
          {ids.map((id) => {
            const spec = commandSpec(id);
            const why = commands.whyDisabled(id);
            return (
              <button
                key={id}
                role="menuitem"
                disabled={!!why}
                title={why ?? spec.hint ?? spec.zh}
                onClick={() => {
                  setOpen(false);
                  commands.run(id);
                }}
              >
                <span>{spec.zh}</span>
                {spec.shortcut && <kbd>{shortcutLabel(spec.shortcut)}</kbd>}
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
