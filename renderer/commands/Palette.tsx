// The command palette (Ctrl+K, Ctrl+Shift+P): every command of the table, filtered by what is typed
// (its Chinese or English name, or its description); ↑/↓ choose, Enter runs, Esc closes. A command
// that cannot run now is shown grey with the reason.
import { useEffect, useMemo, useRef, useState } from 'react';
import { COMMANDS, type CommandId, type CommandSpec } from '../../electron/api';
import { shortcutLabel } from './keys';
import type { Commands } from './useCommands';

const norm = (s: string) => s.toLowerCase().replace(/[\s…]+/g, '');

/** Commands whose names or description hold the typed text (spaces and case aside). */
export function filterCommands(query: string): CommandSpec[] {
  const q = norm(query);
  return (COMMANDS as readonly CommandSpec[]).filter(
    (c) => c.id !== 'palette' && [c.zh, c.en, c.hint ?? '', c.id].some((s) => norm(s).includes(q)),
  );
}

export function Palette({ commands, onClose }: { commands: Commands; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const list = useMemo(() => filterCommands(query), [query]);
  const input = useRef<HTMLInputElement>(null);
  const at = Math.min(active, Math.max(0, list.length - 1));

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    input.current?.focus();
    return () => before?.focus?.();
  }, []);
  useEffect(() => {
    document.getElementById(`palette-${list[at]?.id}`)?.scrollIntoView({ block: 'nearest' });
  }, [at, list]);

  const choose = (c: CommandSpec | undefined) => {
    if (!c || commands.whyDisabled(c.id as CommandId)) return;
    onClose();
    // After the palette has closed and given the focus back, so the command acts where the editor was.
    setTimeout(() => commands.run(c.id as CommandId), 0);
  };
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = list.length;
      if (n) setActive((at + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      choose(list[at]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };

  return (
    <div className="palette-backdrop" onMouseDown={onClose}>
      <div
        className="palette"
        role="dialog"
        aria-label="命令面板"
        data-testid="palette"
        onMouseDown={(e) => e.stopPropagation()}
      >
        <input
          ref={input}
          value={query}
          placeholder="输入命令名称，如“导出”或 export"
          aria-label="查找命令"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={list[at] ? `palette-${list[at].id}` : undefined}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKey}
        />
        <ul id="palette-list" role="listbox" aria-label="命令">
          {list.map((c, i) => {
            const why = commands.whyDisabled(c.id as CommandId);
            return (
              <li
                key={c.id}
                id={`palette-${c.id}`}
                role="option"
                aria-selected={i === at}
                aria-disabled={!!why}
                className={`${i === at ? 'active' : ''} ${why ? 'disabled' : ''}`}
                onMouseEnter={() => setActive(i)}
                onClick={() => choose(c)}
              >
                <span className="name">{c.zh}</span>
                <span className="en">{c.en}</span>
                {why && <span className="why">{why}</span>}
                {c.shortcut && <kbd>{shortcutLabel(c.shortcut)}</kbd>}
              </li>
            );
          })}
          {!list.length && <li className="none">没有名称含“{query}”的命令</li>}
        </ul>
      </div>
    </div>
  );
}
