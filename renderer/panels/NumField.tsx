// A whole number field of the inspector: applied on Enter or when it loses focus, never per keystroke.
import { useEffect, useState } from 'react';

/**
 * A whole number typed into the panel: applied on Enter or when the field loses focus, never per
 * keystroke (typing 38 must not pass through 3); a value that is not a whole number from `min` to
 * `max` is not applied, the field says why, and Escape or leaving the field puts the value back.
 */
export function Num({
  label,
  value,
  min,
  max,
  onChange,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange(v: number): boolean | void;
}) {
  const [draft, setDraft] = useState(String(value));
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setDraft(String(value));
    setProblem(null);
  }, [value]);
  const commit = (leaving: boolean) => {
    const text = draft.trim();
    const v = Number(text);
    if (!text || !Number.isInteger(v) || v < min || v > max) {
      if (leaving) {
        setDraft(String(value));
        setProblem(null);
      } else setProblem(`${label}应为 ${min}–${max} 的整数`);
      return;
    }
    setProblem(null);
    // A value the page cannot take (inside the masthead …) is refused by the session: the field shows the value again.
    if (v !== value && onChange(v) === false) setDraft(String(value));
  };
  return (
    <label className="num" title={problem ?? undefined}>
      <span>{label}</span>
      <input
        type="text"
        inputMode="numeric"
        value={draft}
        aria-invalid={problem ? true : undefined}
        data-field={label}
        onChange={(e) => {
          setDraft(e.target.value);
          setProblem(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(false);
          else if (e.key === 'Escape') {
            setDraft(String(value));
            setProblem(null);
          }
        }}
        onBlur={() => commit(true)}
      />
      {problem && (
        <small className="error" role="alert">
          {problem}
        </small>
      )}
    </label>
  );
}
