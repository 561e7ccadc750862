// Work that must follow an edit but not hold up the frame that shows it (the side panels' figures
// after a keystroke): run once when the browser is next idle, at the latest after `timeout` ms.
// Outside a browser (unit tests in Node) it runs on a timer.

export type Cancel = () => void;

export function afterFrame(run: () => void, timeout = 150): Cancel {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 0);
  return () => clearTimeout(id);
}
