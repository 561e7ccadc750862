// The page scroller's scroll position and size, read from the DOM only after something may have
// changed them (a scroll, a resize, a zoom). Reading them right after a keystroke changed the
// editor's DOM forces the browser to lay the whole window out there and then, and again after React
// has committed; kept here, a keystroke's repaint reads no layout and the browser lays out once, in
// its frame.
export interface ScrollerBox {
  scrollLeft: number;
  scrollTop: number;
  clientWidth: number;
  clientHeight: number;
}

const boxes = new WeakMap<HTMLElement, ScrollerBox>();

/** The scroller's position and size as last read (read now if something changed since). */
export function scrollerBox(el: HTMLElement): ScrollerBox {
  let box = boxes.get(el);
  if (!box) {
    box = {
      scrollLeft: el.scrollLeft,
      scrollTop: el.scrollTop,
      clientWidth: el.clientWidth,
      clientHeight: el.clientHeight,
    };
    boxes.set(el, box);
  }
  return box;
}

/** A scroll, resize or zoom happened (or may have): the next read asks the DOM. */
export function scrollerMoved(el: HTMLElement): void {
  boxes.delete(el);
}
