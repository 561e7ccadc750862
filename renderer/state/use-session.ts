// Reading the open edition's session in React: a component re-renders when what it shows changes,
// not on every change of the edition (a keystroke must not re-render the whole window).
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { SessionState } from './session-state';

/** Re-renders on every change, typed text once its frame is painted (SessionState.subscribeSettled). */
export function useSettledSession(session: SessionState): number {
  return useSyncExternalStore(session.subscribeSettled, session.getSettledVersion);
}

/**
 * A value read from the session, re-rendering only when it changes by `equal` (identity by default).
 * `settled`: follow typed text after its frame is painted rather than at once.
 */
export function useSessionValue<S extends SessionState, T>(
  session: S,
  select: (s: S) => T,
  { equal = Object.is, settled = false }: { equal?: (a: T, b: T) => boolean; settled?: boolean } = {},
): T {
  const read = useRef(select);
  read.current = select;
  const last = useRef<{ value: T } | null>(null);
  const snapshot = useCallback(() => {
    const next = read.current(session);
    if (last.current && equal(last.current.value, next)) return last.current.value;
    last.current = { value: next };
    return next;
  }, [session, equal]);
  return useSyncExternalStore(settled ? session.subscribeSettled : session.subscribe, snapshot);
}

/** Equal arrays item by item (a selector returning several values). */
export function sameItems<T extends readonly unknown[]>(a: T, b: T): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}
