// Work that needs doing at most once a frame. The first screen's glyph fonts arrive face by face and
// its photos one by one, each asking for the page to be painted again: painted once in the next
// frame, with all of them, rather than once each.
const asked = new WeakSet<object>();

/** Runs `work` in the next animation frame, once for `key` however often it is asked before then. */
export function coalesce(key: object, work: () => void): void {
  if (typeof requestAnimationFrame !== 'function') return work();
  if (asked.has(key)) return;
  asked.add(key);
  requestAnimationFrame(() => {
    asked.delete(key);
    work();
  });
}

const afterPaintAsked = new WeakSet<object>();

/**
 * Runs `work` once the next frame has been painted (a task queued from that frame's animation
 * callback), once for `key` however often it is asked before then. Outside a browser: at once.
 */
export function afterPaint(key: object, work: () => void): void {
  if (typeof requestAnimationFrame !== 'function') return work();
  if (afterPaintAsked.has(key)) return;
  afterPaintAsked.add(key);
  requestAnimationFrame(() =>
    setTimeout(() => {
      afterPaintAsked.delete(key);
      work();
    }, 0),
  );
}
