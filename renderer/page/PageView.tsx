// The page view: the display list painted on a canvas the size of the viewport (not of the page),
// so any zoom stays crisp and cheap: the backing store is the viewport times devicePixelRatio, and
// only the visible part of the page is drawn. This component wires the parts: the viewport maths
// (viewport.ts), the static scene (static-paint.ts), the overlay of guides, placements, selection and
// handles that the print preview leaves out (overlay-paint.ts), and the gestures (drag.ts).
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { DisplayPage } from '../../engine/display/types';
import type { Template } from '../../engine/templates';
import { gridOf, type PtRect } from '../state/placing';
import type { EditionSession } from '../state/session';
import { DragController } from './drag';
import { dropStory, storyDragOver } from './drop';
import { pageObjectsKey } from './view-key';
import { scrollerBox, scrollerMoved } from './scroller-geometry';
import { OversetHandles } from './overset-drag';
import { paintOverlay, selectionRects } from './overlay-paint';
import type { GlyphSource } from './paint';
import { changedAreas } from './paint';
import { objectSelection } from './selection';
import { clipTo, fitCanvas, paintPasteboard, paintStatic } from './static-paint';
import {
  clientToPage,
  keepCentre,
  PASTEBOARD,
  rulerAt,
  scrollToKeep,
  spacerSize,
  viewTransform,
  wheelZoom,
} from './viewport';

export { ARTICLE_MIME } from './drop';
export { gridOf } from '../state/placing';

export interface PageViewProps {
  session: EditionSession;
  page: DisplayPage | undefined;
  template: Template | undefined;
  zoom: number;
  showGrid: boolean;
  preview: boolean;
  glyphs: GlyphSource;
  onZoom(z: number): void;
}

export function PageView({
  session,
  page: given,
  template,
  zoom,
  showGrid,
  preview,
  glyphs,
  onZoom,
}: PageViewProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drags = useRef<DragController>(null);
  drags.current ??= new DragController();
  const drag = drags.current;
  const objects = objectSelection(session);
  const objectsVersion = useSyncExternalStore(objects.subscribe, objects.getVersion);
  const [cursor, setCursor] = useState('default');
  const [size, setSize] = useState({ w: 800, h: 600 });
  // The page as last laid out: a render that comes before the workspace has caught up with the
  // typing (the workspace follows typed text after the frame) must not paint an older layout.
  const page = (given && session.pages.get(given.number)) ?? given;
  const pageRef = useRef(page);
  pageRef.current = page;

  const grid = template ? gridOf(template) : null;
  const pageNumber = page?.number ?? session.currentPage;

  const toPage = useCallback(
    (cx: number, cy: number) => clientToPage(scroller.current!, zoom, cx, cy),
    [zoom],
  );

  /** What the last paint drew, so the next one can repaint only what changed. */
  const painted = useRef<{ page: DisplayPage; view: string; selection: PtRect[] } | null>(null);
  const viewKey = useCallback(() => {
    const s = scrollerBox(scroller.current!);
    const p = session.edition.pages.find((x) => x.number === pageNumber);
    return [
      zoom,
      s.scrollLeft,
      s.scrollTop,
      s.clientWidth,
      s.clientHeight,
      window.devicePixelRatio,
      showGrid,
      preview,
      session.currentArticle,
      drag.dragging ? 'drag' : '',
      objectsVersion,
      ...pageObjectsKey(p),
    ].join(';');
  }, [zoom, showGrid, preview, session, pageNumber, objectsVersion, drag]);

  /**
   * Paints the view. With `dirty` (page points), only those areas are cleared and drawn again:
   * a keystroke repaints the lines it changed and the caret, not the page.
   */
  const paint = useCallback(
    (dirty?: PtRect[]) => {
      const c = canvas.current;
      const s = scroller.current;
      const pg = pageRef.current;
      if (!c || !s) return;
      const t = viewTransform(scrollerBox(s), zoom);
      if (fitCanvas(c, t)) dirty = undefined;
      const ctx = c.getContext('2d', { alpha: false })!;
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      if (dirty) clipTo(ctx, dirty, t);
      if (!pg) {
        paintPasteboard(ctx, c);
        ctx.restore();
        painted.current = null;
        return;
      }
      paintStatic(ctx, c, pg, t, {
        grid,
        showGrid,
        preview,
        glyphs,
        images: session.images,
        visible: dirty ?? t.view,
      });
      const selection = preview ? [] : selectionRects(pg, session.selection);
      painted.current = { page: pg, view: viewKey(), selection };
      if (!preview)
        paintOverlay(ctx, c, pg, t, {
          session,
          grid,
          template,
          placements: drag.placementsNow(),
          selection,
          objects,
          ...drag.scene(),
        });
      ctx.restore();
    },
    [zoom, showGrid, preview, glyphs, session, grid, viewKey, template, objects, drag],
  );

  drag.ctx = {
    session,
    pageNumber,
    get page() {
      return pageRef.current;
    },
    template,
    grid,
    zoom,
    preview,
    objects,
    toPage,
    ruler: (x, y) => rulerAt(scroller.current!, x, y),
    paint: () => paint(),
    setCursor,
  };

  // Painted directly after each layout (keystroke to paint inside one task), and on view changes.
  useEffect(
    () =>
      session.onPaint((n, full) => {
        if (n !== pageNumber) return;
        const next = session.pages.get(n);
        const prev = painted.current;
        pageRef.current = next;
        const t0 = performance.now();
        if (
          !full &&
          prev &&
          next &&
          prev.view === viewKey() &&
          prev.page.width === next.width &&
          prev.page.height === next.height
        ) {
          const dirty = [
            ...changedAreas(prev.page, next),
            ...prev.selection,
            ...(preview ? [] : selectionRects(next, session.selection)),
          ];
          // Many scattered changes (a reflow of the whole page) are cheaper painted in one go.
          if (dirty.length) paint(dirty.length > 400 ? undefined : dirty);
          // Nothing drawn differs: what is on the canvas is this layout.
          else painted.current = { ...prev, page: next };
        } else paint();
        performance.measure('bm-paint', { start: t0, duration: performance.now() - t0 });
        if (performance.getEntriesByName('bm-paint', 'measure').length > 500)
          performance.clearMeasures('bm-paint');
        if (scroller.current) scroller.current.dataset.layouts = String(session.layoutCount);
        if (performance.getEntriesByName('bm-input', 'mark').length) {
          performance.measure('bm-keystroke', 'bm-input');
          performance.clearMarks('bm-input');
          if (performance.getEntriesByName('bm-keystroke', 'measure').length > 500)
            performance.clearMeasures('bm-keystroke');
        }
      }),
    [session, pageNumber, paint, viewKey, preview],
  );
  // A zoom from the toolbar keeps the point at the centre of the view where it was.
  const lastZoom = useRef(zoom);
  useLayoutEffect(() => {
    const s = scroller.current;
    const z0 = lastZoom.current;
    lastZoom.current = zoom;
    if (!s || z0 === zoom || drag.dragging) return;
    keepCentre(s, z0, zoom);
  }, [zoom, drag]);
  const paintNow = useRef(paint);
  paintNow.current = paint;
  useLayoutEffect(() => {
    // After a keystroke the page was painted already, straight after its layout.
    const prev = painted.current;
    if (prev && page && prev.page === page && prev.view === viewKey()) return;
    // The first paint waits for the window's own layout effects (the zoom fitted to it): painted once,
    // still before the browser's frame, rather than at 100 % and again at once.
    if (!prev && page) queueMicrotask(() => painted.current || paintNow.current());
    else paint();
  }, [paint, page, size, viewKey]);

  useEffect(() => {
    const s = scroller.current!;
    const ro = new ResizeObserver(() => {
      scrollerMoved(s);
      setSize({ w: s.clientWidth, h: s.clientHeight });
    });
    ro.observe(s);
    const mq = matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    const onDpr = () => paint();
    mq.addEventListener('change', onDpr);
    return () => {
      ro.disconnect();
      mq.removeEventListener('change', onDpr);
    };
  }, [paint]);

  // Zoom about the pointer with Ctrl + wheel (and pinch, which arrives as Ctrl + wheel).
  useEffect(() => {
    const s = scroller.current!;
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey) return;
      e.preventDefault();
      const at = toPage(e.clientX, e.clientY);
      const next = wheelZoom(zoom, e.deltaY);
      onZoom(next);
      requestAnimationFrame(() => scrollToKeep(s, at, next, e.clientX, e.clientY));
    };
    s.addEventListener('wheel', onWheel, { passive: false });
    return () => s.removeEventListener('wheel', onWheel);
  }, [zoom, onZoom, toPage]);

  return (
    <div
      className="page-scroller"
      ref={scroller}
      onScroll={() => {
        if (scroller.current) scrollerMoved(scroller.current);
        paint();
      }}
      data-testid="page-view"
      data-zoom={zoom}
      data-pasteboard={PASTEBOARD}
      data-page={pageNumber}
      onDragOver={storyDragOver}
      onDrop={(e) => dropStory(drag.ctx, e)}
    >
      <canvas
        ref={canvas}
        className="page-canvas"
        style={{ cursor }}
        onMouseDown={drag.down}
        onMouseMove={drag.move}
        onMouseUp={drag.end}
        onMouseLeave={() => drag.end()}
      />
      <div style={spacerSize(page, zoom)} className="page-spacer" />
      {!preview && <OversetHandles page={page} zoom={zoom} pasteboard={PASTEBOARD} />}
    </div>
  );
}
