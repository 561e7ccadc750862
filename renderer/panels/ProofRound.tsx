// 校次 in the export panel: a proof export is the next round (一校, 二校 …) of the open file unless the
// editor picks one; an earlier round's files are never replaced (the export refuses).
import { useEffect, useState } from 'react';
import { api } from '../api';
import { roundName } from '../../engine/proof/round';

/** The next round of the open file (1 without one), asked again whenever `refresh` changes. */
export function useNextRound(path: string | null, refresh: unknown): number {
  const [next, setNext] = useState(1);
  useEffect(() => {
    let stop = false;
    api
      .call('export.rounds', path ? { path } : {})
      .then((r) => !stop && setNext(r.next))
      .catch(() => undefined);
    return () => {
      stop = true;
    };
  }, [path, refresh]);
  return next;
}

/** `value` undefined: the next round. */
export function RoundPicker({
  next,
  value,
  onChange,
}: {
  next: number;
  value: number | undefined;
  onChange(round: number | undefined): void;
}) {
  const rounds = Array.from({ length: Math.max(3, next) }, (_, i) => i + 1);
  return (
    <label className="round">
      校次{' '}
      <select
        aria-label="校次"
        data-testid="export-round"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value ? Number(e.target.value) : undefined)}
      >
        <option value="">下一校（{roundName(next)}）</option>
        {rounds.map((r) => (
          <option key={r} value={r}>
            {roundName(r)}
          </option>
        ))}
      </select>
    </label>
  );
}
