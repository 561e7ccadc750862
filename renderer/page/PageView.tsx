// The page view: the display list painted on a canvas the size of the viewport (not of the page),
// so any zoom stays crisp and cheap: the backing store is the viewport times devicePixelRatio, and
// only the visible part of the page is drawn. Guides (grid, placements, selection, handles) are
// drawn over the page; the print preview leaves them out.
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type DragEvent,
  type MouseEvent as ReactMouseEvent,
} from 'react';
import type { DisplayPage } from '../../engine/display/types';
import type { Guide, Page, Placement } from '../../engine/model/types';
import type { Template } from '../../engine/templates';
import type { GlyphSource } from './paint';
import { changedAreas, paintPage } from './paint';
import { caretBox, hitTest, spanBoxes } from './hit';
import type { EditionSession } from '../state/session';
import { drawGuides, drawRulers, drawSelection, RULER, snapGuide } from './overlay';
import { setGuides } from '../state/pages';
import {
  commitPage,
  frameAt,
  framesIn,
  liveFrames,
  moveFrames,
  objectSelection,
  sameFrame,
} from './selection';
import {
  adjustRect,
  boundsOf,
  cellAt,
  getRect,
  moveProblem,
  placeOnPage,
  movePlacement,
  placementRects,
  rectToPoints,
  setRect,
  snapDelta,
  type Handle,
  type PageGrid,
  type PtRect,
  type RectRef,
} from '../state/placing';
import { pageObjectsKey } from './view-key';
import { scrollerBox, scrollerMoved } from './scroller-geometry';

export const ARTICLE_MIME = 'application/x-banmian-article';
const PASTEBOARD = 36; // points of grey around the page

export function gridOf(t: Template): PageGrid {
  return {
    x: t.typeArea.x,
    y: t.typeArea.y,
    columns: t.grid.columns,
    columnWidth: t.grid.columnWidth,
    gutter: t.grid.gutter,
    lines: t.grid.lines,
    pitch: t.body.pitch,
  };
}

interface Drag {
  article: string;
  ref: RectRef | 'whole';
  handle: Handle;
  crop: boolean;
  startX: number;
  startY: number;
  original: Placement;
  preview: Placement;
}

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

const HANDLE = 4; // screen pixels, half the handle size

/** A gesture of the selection tool: moving the selected frames, or a marquee. */
type ObjectDrag =
  | { kind: 'move'; startX: number; startY: number; page: Page; preview: Page }
  | { kind: 'marquee'; startX: number; startY: number; x: number; y: number; add: boolean }
  /** A ruler guide pulled from a ruler (`index` null) or moved; dropped back on the ruler it goes. */
  | { kind: 'guide'; index: number | null; guide: Guide; off: boolean };

export function PageView({
  session,
  page,
  template,
  zoom,
  showGrid,
  preview,
  glyphs,
  onZoom,
}: PageViewProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drag = useRef<Drag | null>(null);
  const objDrag = useRef<ObjectDrag | null>(null);
  const objects = objectSelection(session);
  const objectsVersion = useSyncExternalStore(objects.subscribe, objects.getVersion);
  const [cursor, setCursor] = useState('default');
  const [size, setSize] = useState({ w: 800, h: 600 });
  const pageRef = useRef(page);
  pageRef.current = page;

  const grid = template ? gridOf(template) : null;
  const pageNumber = page?.number ?? session.currentPage;

  const toPage = useCallback(
    (cx: number, cy: number) => {
      const s = scroller.current!;
      const r = s.getBoundingClientRect();
      return {
        x: (cx - r.left + s.scrollLeft) / zoom - PASTEBOARD,
        y: (cy - r.top + s.scrollTop) / zoom - PASTEBOARD,
      };
    },
    [zoom],
  );

  const placementsNow = useCallback((): Placement[] => {
    const p = session.edition.pages.find((x) => x.number === pageNumber);
    const list = p?.placements ?? [];
    const d = drag.current;
    const o = objDrag.current;
    if (o?.kind === 'move') return o.preview.placements;
    return d ? list.map((pl) => (pl.article === d.article ? d.preview : pl)) : list;
  }, [session, pageNumber]);

  /** The selection or caret as drawn on the page, points. */
  const selectionRects = useCallback(
    (pg: DisplayPage): PtRect[] => {
      const sel = session.selection;
      if (!sel) return [];
      const collapsed = sel.anchor.block === sel.focus.block && sel.anchor.offset === sel.focus.offset;
      if (!collapsed) return spanBoxes(pg, { article: sel.article, ...sel.anchor }, sel.focus);
      const b = caretBox(pg, { article: sel.article, ...sel.anchor });
      return b ? [{ x: b.x - 1, y: b.y, w: Math.max(b.w, 2), h: Math.max(b.h, 2) }] : [];
    },
    [session],
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
      drag.current ? 'drag' : '',
      objectsVersion,
      ...pageObjectsKey(p),
    ].join(';');
  }, [zoom, showGrid, preview, session, pageNumber, objectsVersion]);

  /**
   * Paints the view. With `dirty` (page points), only those areas are cleared and drawn again:
   * a keystroke repaints the lines it changed and the caret, not the page.
   */
  const paint = useCallback(
    (dirty?: PtRect[]) => {
      const c = canvas.current;
      const s = scroller.current && scrollerBox(scroller.current);
      const pg = pageRef.current;
      if (!c || !s) return;
      const dpr = window.devicePixelRatio || 1;
      const w = s.clientWidth;
      const h = s.clientHeight;
      if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) {
        c.width = Math.round(w * dpr);
        c.height = Math.round(h * dpr);
        c.style.width = `${w}px`;
        c.style.height = `${h}px`;
        dirty = undefined;
      }
      const ctx = c.getContext('2d', { alpha: false })!;
      const scale = zoom * dpr;
      const originX = (PASTEBOARD * zoom - s.scrollLeft) * dpr;
      const originY = (PASTEBOARD * zoom - s.scrollTop) * dpr;
      const view = {
        x: s.scrollLeft / zoom - PASTEBOARD,
        y: s.scrollTop / zoom - PASTEBOARD,
        w: w / zoom,
        h: h / zoom,
      };
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      if (dirty) {
        // Clip to the changed areas, on whole device pixels so no half-cleared edge is left behind.
        ctx.beginPath();
        for (const r of dirty) {
          const x0 = Math.floor(originX + (r.x - 1) * scale),
            y0 = Math.floor(originY + (r.y - 1) * scale);
          const x1 = Math.ceil(originX + (r.x + r.w + 1) * scale),
            y1 = Math.ceil(originY + (r.y + r.h + 1) * scale);
          ctx.rect(x0, y0, x1 - x0, y1 - y0);
        }
        ctx.clip();
      }
      ctx.fillStyle = '#e4e1da';
      ctx.fillRect(0, 0, c.width, c.height);
      if (!pg) {
        ctx.restore();
        painted.current = null;
        return;
      }
      const visible = dirty ?? view;

      // Bleed (when the template has one) shows as a faint band around the trim.
      ctx.setTransform(scale, 0, 0, scale, originX, originY);
      if (pg.bleed > 0 && !preview) {
        ctx.fillStyle = '#f3f1ec';
        ctx.fillRect(-pg.bleed, -pg.bleed, pg.width + 2 * pg.bleed, pg.height + 2 * pg.bleed);
      }
      ctx.shadowColor = 'rgba(0,0,0,0.18)';
      ctx.shadowBlur = 6 * dpr;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, pg.width, pg.height);
      ctx.shadowColor = 'transparent';
      ctx.shadowBlur = 0;

      if (showGrid && grid && !preview) drawGrid(ctx, grid, zoom * dpr);
      paintPage(ctx, pg, {
        scale,
        originX,
        originY,
        visible,
        glyphs,
        images: session.images,
        marks: !preview,
      });
      const selection = preview ? [] : selectionRects(pg);
      painted.current = { page: pg, view: viewKey(), selection };
      if (preview) {
        ctx.restore();
        return;
      }
      const t = template;

      ctx.setTransform(scale, 0, 0, scale, originX, originY);
      const px = 1 / scale; // one device pixel in points
      // Open comments (批注): a yellow tint over the words they are about, as the proof's highlights.
      const onPage = new Set(pg.fits.map((f) => f.article));
      ctx.fillStyle = 'rgba(255,196,0,0.38)';
      for (const c of session.edition.comments ?? []) {
        if (c.resolved || !c.anchor || !onPage.has(c.article)) continue;
        const { block, offset, length } = c.anchor;
        for (const b of spanBoxes(
          pg,
          { article: c.article, block, offset },
          { block, offset: offset + Math.max(1, length) },
        ))
          ctx.fillRect(b.x, b.y, b.w, b.h);
      }
      // The editor's selection, on the page: a tint over the selected glyphs, or a caret.
      const sel = session.selection;
      if (sel) {
        const collapsed = sel.anchor.block === sel.focus.block && sel.anchor.offset === sel.focus.offset;
        ctx.fillStyle = collapsed ? 'rgba(30,90,200,0.95)' : 'rgba(40,110,220,0.28)';
        for (const b of selection) ctx.fillRect(b.x, b.y, collapsed ? Math.max(2 * px, 0.6) : b.w, b.h);
      }
      if (grid) {
        // Placements: a thin outline for each, the open article's rectangles with handles.
        for (const pl of placementsNow()) {
          const current = pl.article === session.currentArticle;
          ctx.lineWidth = (current ? 1.5 : 1) * px;
          ctx.strokeStyle = current ? 'rgba(30,90,200,0.9)' : 'rgba(120,120,140,0.35)';
          ctx.setLineDash(current ? [] : [4 * px, 3 * px]);
          for (const r of placementRects(pl)) {
            const p = rectToPoints(grid, r);
            ctx.strokeRect(p.x, p.y, p.w, p.h);
          }
          ctx.setLineDash([]);
          if (!current) continue;
          ctx.fillStyle = 'rgba(30,90,200,0.95)';
          for (const { rect } of editableRects(pl)) {
            const p = rectToPoints(grid, rect);
            for (const [hx, hy] of handlePoints(p))
              ctx.fillRect(
                hx - HANDLE * dpr * px,
                hy - HANDLE * dpr * px,
                2 * HANDLE * dpr * px,
                2 * HANDLE * dpr * px,
              );
          }
          // The label tab: drag it to move the whole story.
          const b = boundsOf(placementRects(pl));
          if (b) {
            const p = rectToPoints(grid, b);
            const label = session.article(pl.article)?.slug ?? pl.article;
            ctx.font = `${12 * px * dpr}px sans-serif`;
            const tw = ctx.measureText(label).width + 10 * px * dpr;
            ctx.fillRect(p.x, p.y - 16 * px * dpr, tw, 16 * px * dpr);
            ctx.fillStyle = '#fff';
            ctx.fillText(label, p.x + 5 * px * dpr, p.y - 4 * px * dpr);
          }
        }
        // The selection tool's frames and marquee.
        const o = objDrag.current;
        const model =
          o?.kind === 'move' ? o.preview : session.edition.pages.find((x) => x.number === pageNumber);
        if (objects.tool === 'select' && model) {
          const marquee =
            o?.kind === 'marquee'
              ? {
                  x: Math.min(o.startX, o.x),
                  y: Math.min(o.startY, o.y),
                  w: Math.abs(o.x - o.startX),
                  h: Math.abs(o.y - o.startY),
                }
              : null;
          drawSelection(ctx, grid, model, liveFrames(model, objects.frames), marquee, px);
        }
      }
      const gd = objDrag.current?.kind === 'guide' ? objDrag.current : null;
      const guides = (session.edition.pages.find((x) => x.number === pageNumber)?.guides ?? []).filter(
        (_, i) => !gd || i !== gd.index,
      );
      if (guides.length || gd) {
        ctx.setTransform(scale, 0, 0, scale, originX, originY);
        drawGuides(ctx, guides, pg, 1 / scale, gd && !gd.off ? gd.guide : null);
      }
      if (t) drawRulers(ctx, t, dpr, scale, originX, originY, c.width, c.height);
      ctx.restore();
    },
    [
      zoom,
      showGrid,
      preview,
      glyphs,
      session,
      grid,
      placementsNow,
      selectionRects,
      viewKey,
      template,
      objects,
      pageNumber,
    ],
  );

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
            ...(preview ? [] : selectionRects(next)),
          ];
          // Many scattered changes (a reflow of the whole page) are cheaper painted in one go.
          if (dirty.length) paint(dirty.length > 400 ? undefined : dirty);
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
    [session, pageNumber, paint, viewKey, selectionRects, preview],
  );
  // A zoom from the toolbar keeps the point at the centre of the view where it was.
  const lastZoom = useRef(zoom);
  useLayoutEffect(() => {
    const s = scroller.current;
    const z0 = lastZoom.current;
    lastZoom.current = zoom;
    if (!s || z0 === zoom || drag.current) return;
    const cx = (s.scrollLeft + s.clientWidth / 2) / z0;
    const cy = (s.scrollTop + s.clientHeight / 2) / z0;
    s.scrollLeft = cx * zoom - s.clientWidth / 2;
    s.scrollTop = cy * zoom - s.clientHeight / 2;
    scrollerMoved(s);
  }, [zoom]);
  useLayoutEffect(() => {
    // After a keystroke the page was painted already, straight after its layout.
    const prev = painted.current;
    if (prev && page && prev.page === page && prev.view === viewKey()) return;
    paint();
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
      const next = Math.min(8, Math.max(0.1, zoom * Math.exp(-e.deltaY * 0.002)));
      onZoom(next);
      requestAnimationFrame(() => {
        const r = s.getBoundingClientRect();
        s.scrollLeft = (at.x + PASTEBOARD) * next - (e.clientX - r.left);
        s.scrollTop = (at.y + PASTEBOARD) * next - (e.clientY - r.top);
        scrollerMoved(s);
      });
    };
    s.addEventListener('wheel', onWheel, { passive: false });
    return () => s.removeEventListener('wheel', onWheel);
  }, [zoom, onZoom, toPage]);

  /** What is under the pointer among the open article's handles, edges and label. */
  const grab = useCallback(
    (x: number, y: number): { ref: RectRef | 'whole'; handle: Handle } | null => {
      if (!grid || preview) return null;
      const pl = placementsNow().find((p) => p.article === session.currentArticle);
      if (!pl) return null;
      const tol = (HANDLE + 2) / zoom;
      const b = boundsOf(placementRects(pl));
      if (b) {
        const p = rectToPoints(grid, b);
        if (x >= p.x && x <= p.x + 120 / zoom && y >= p.y - 16 / zoom && y <= p.y)
          return { ref: 'whole', handle: 'move' };
      }
      for (const { ref, rect } of editableRects(pl)) {
        const p = rectToPoints(grid, rect);
        const names: Handle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];
        const pts = handlePoints(p);
        for (let i = 0; i < pts.length; i++)
          if (Math.abs(x - pts[i][0]) <= tol && Math.abs(y - pts[i][1]) <= tol)
            return { ref, handle: names[i] };
        const inside = x >= p.x && x <= p.x + p.w && y >= p.y && y <= p.y + p.h;
        const nearEdge =
          inside && (x - p.x < tol || p.x + p.w - x < tol || y - p.y < tol || p.y + p.h - y < tol);
        if (nearEdge) return { ref, handle: 'move' };
      }
      return null;
    },
    [grid, preview, placementsNow, session, zoom],
  );

  /** The selection tool: click selects the frame under the pointer, Shift-click adds, a drag moves or draws a marquee. */
  const objectsDown = (e: ReactMouseEvent, x: number, y: number) => {
    e.preventDefault();
    // Keys now go to the page, never to the text the editor had the caret in.
    (document.activeElement as HTMLElement | null)?.blur?.();
    const model = session.edition.pages.find((p) => p.number === pageNumber);
    if (!model || !grid) return;
    const inside =
      x >= grid.x &&
      y >= grid.y &&
      x < grid.x + grid.columns * (grid.columnWidth + grid.gutter) &&
      y < grid.y + grid.lines * grid.pitch;
    const f = inside ? frameAt(model, cellAt(grid, x, y)) : null;
    if (!f) {
      if (!e.shiftKey) objects.select([]);
      objDrag.current = { kind: 'marquee', startX: x, startY: y, x, y, add: e.shiftKey };
      return;
    }
    if (e.shiftKey) {
      objects.toggle(f);
      return;
    }
    if (!objects.frames.some((s) => sameFrame(s, f))) objects.select([f]);
    if (f.kind !== 'ad') session.openArticle(f.article);
    objDrag.current = { kind: 'move', startX: x, startY: y, page: model, preview: model };
  };

  /** In a ruler: a new guide pulled out of it. With the selection tool, on a guide: that guide moved. */
  const onRuler = (clientX: number, clientY: number): Guide['axis'] | null => {
    const r = scroller.current!.getBoundingClientRect();
    if (clientY - r.top < RULER) return 'h';
    if (clientX - r.left < RULER) return 'v';
    return null;
  };
  const guideDown = (e: ReactMouseEvent, x: number, y: number): boolean => {
    const axis = onRuler(e.clientX, e.clientY);
    if (axis) {
      e.preventDefault();
      objDrag.current = { kind: 'guide', index: null, guide: { axis, at: axis === 'h' ? y : x }, off: true };
      return true;
    }
    if (objects.tool !== 'select') return false;
    const guides = session.edition.pages.find((p) => p.number === pageNumber)?.guides ?? [];
    const tol = 4 / zoom;
    const index = guides.findIndex((g) => Math.abs((g.axis === 'h' ? y : x) - g.at) <= tol);
    if (index < 0) return false;
    e.preventDefault();
    objDrag.current = { kind: 'guide', index, guide: guides[index], off: false };
    return true;
  };

  const onMouseDown = (e: ReactMouseEvent) => {
    const pg = pageRef.current;
    if (!pg || e.button !== 0) return;
    const { x, y } = toPage(e.clientX, e.clientY);
    if (!preview && template && guideDown(e, x, y)) return;
    if (objects.tool === 'select' && !preview) {
      objectsDown(e, x, y);
      return;
    }
    const g = grab(x, y);
    const pl = placementsNow().find((p) => p.article === session.currentArticle);
    if (g && pl) {
      e.preventDefault();
      drag.current = {
        article: pl.article,
        ref: g.ref,
        handle: g.handle,
        crop: false,
        startX: x,
        startY: y,
        original: pl,
        preview: pl,
      };
      return;
    }
    // Shift-drag inside a photo frame of the open story pans the image in its frame (crop).
    if (e.shiftKey && pl && grid) {
      const i = pl.photos.findIndex((f) => {
        const p = rectToPoints(grid, f.area);
        return x >= p.x && x <= p.x + p.w && y >= p.y && y <= p.y + p.h;
      });
      if (i >= 0) {
        e.preventDefault();
        drag.current = {
          article: pl.article,
          ref: { kind: 'photo', index: i },
          handle: 'move',
          crop: true,
          startX: x,
          startY: y,
          original: pl,
          preview: pl,
        };
        return;
      }
    }
    const hit = hitTest(pg, x, y);
    if (hit) {
      e.preventDefault();
      session.openArticle(hit.src.article, {
        block: hit.src.block,
        offset: hit.src.offset + (hit.after ? hit.length : 0),
      });
      return;
    }
    if (grid) {
      const cell = cellAt(grid, x, y);
      const under = placementsNow().find((p) =>
        placementRects(p).some(
          (r) =>
            cell.col >= r.col &&
            cell.col < r.col + r.cols &&
            cell.line >= r.line &&
            cell.line < r.line + r.lines,
        ),
      );
      if (under) session.openArticle(under.article);
    }
  };

  const onMouseMove = (e: ReactMouseEvent) => {
    const { x, y } = toPage(e.clientX, e.clientY);
    const o = objDrag.current;
    if (o?.kind === 'guide' && template) {
      o.off = onRuler(e.clientX, e.clientY) === o.guide.axis;
      o.guide = { axis: o.guide.axis, at: snapGuide(template, o.guide.axis, o.guide.axis === 'h' ? y : x) };
      setCursor(o.guide.axis === 'h' ? 'row-resize' : 'col-resize');
      paint();
      return;
    }
    if (o && grid && o.kind !== 'guide') {
      if (o.kind === 'marquee') {
        o.x = x;
        o.y = y;
      } else {
        const { dCol, dLine } = snapDelta(grid, x - o.startX, y - o.startY);
        o.preview = moveFrames(grid, o.page, liveFrames(o.page, objects.frames), dCol, dLine) ?? o.page;
      }
      paint();
      return;
    }
    if (objects.tool === 'select') {
      setCursor('default');
      return;
    }
    const d = drag.current;
    if (!d) {
      const g = grab(x, y);
      setCursor(g ? cursorFor(g.handle) : 'default');
      return;
    }
    if (!grid) return;
    if (d.crop && d.ref !== 'whole' && d.ref.kind === 'photo') {
      const f = d.original.photos[d.ref.index];
      const p = rectToPoints(grid, f.area);
      const cx = Math.max(-1, Math.min(1, (f.cropX ?? 0) - (x - d.startX) / (p.w / 2)));
      const cy = Math.max(-1, Math.min(1, (f.cropY ?? 0) - (y - d.startY) / (p.h / 2)));
      const idx = d.ref.index;
      d.preview = {
        ...d.original,
        photos: d.original.photos.map((ph, i) =>
          i === idx ? { ...ph, fit: 'fill', cropX: round2(cx), cropY: round2(cy) } : ph,
        ),
      };
    } else {
      const { dCol, dLine } = snapDelta(grid, x - d.startX, y - d.startY);
      if (d.ref === 'whole') d.preview = movePlacement(grid, d.original, dCol, dLine);
      else {
        const r = getRect(d.original, d.ref);
        if (r)
          d.preview = setRect(d.original, d.ref, { ...r, ...adjustRect(grid, r, d.handle, dCol, dLine) });
      }
    }
    paint();
  };

  const endDrag = (e?: ReactMouseEvent) => {
    const o = objDrag.current;
    objDrag.current = null;
    if (o?.kind === 'guide') {
      const guides = session.edition.pages.find((p) => p.number === pageNumber)?.guides ?? [];
      const rest = guides.filter((_, i) => i !== o.index);
      if (o.off) {
        if (o.index !== null)
          session.changePages('删除参考线', setGuides(session.edition.pages, pageNumber, rest));
        else paint();
        return;
      }
      if (o.index !== null && guides[o.index]?.at === o.guide.at) {
        paint();
        return;
      }
      session.changePages(
        o.index === null ? '添加参考线' : '移动参考线',
        setGuides(session.edition.pages, pageNumber, [...rest, o.guide]),
      );
      return;
    }
    if (o?.kind === 'marquee' && grid) {
      const model = session.edition.pages.find((p) => p.number === pageNumber);
      const a = cellAt(grid, Math.min(o.startX, o.x), Math.min(o.startY, o.y));
      const b = cellAt(grid, Math.max(o.startX, o.x), Math.max(o.startY, o.y));
      const moved = Math.abs(o.x - o.startX) > 2 / zoom || Math.abs(o.y - o.startY) > 2 / zoom;
      if (model && moved) {
        const found = framesIn(model, {
          col: a.col,
          line: a.line,
          cols: b.col - a.col + 1,
          lines: b.line - a.line + 1,
        });
        objects.select(
          o.add
            ? [...objects.frames, ...found.filter((f) => !objects.frames.some((s) => sameFrame(s, f)))]
            : found,
        );
      } else paint();
      return;
    }
    if (o?.kind === 'move') {
      if (o.preview !== o.page) commitPage(session, '移动对象', o.preview);
      else paint();
      return;
    }
    const d = drag.current;
    drag.current = null;
    if (!d || (d.preview === d.original && !e)) return;
    const label = d.crop
      ? '裁切图片'
      : d.ref === 'whole'
        ? '移动稿件'
        : d.handle === 'move'
          ? '移动区域'
          : '调整区域';
    const page = session.edition.pages.find((p) => p.number === pageNumber);
    if (!page) return;
    // A whole story moved off the type area or onto another story: refused, saying why.
    if (d.ref === 'whole' && grid && e) {
      const { x, y } = toPage(e.clientX, e.clientY);
      const t = session.templates[page.template];
      const why = moveProblem(
        grid,
        page.placements,
        d.original,
        snapDelta(grid, x - d.startX, y - d.startY),
        page.number === 1 && t?.masthead ? t.masthead.lines : 0,
      );
      if (why) {
        session.refuse(label, why);
        paint();
        return;
      }
    }
    if (d.preview === d.original) return;
    session.setPlacements(
      pageNumber,
      label,
      page.placements.map((p) => (p.article === d.article ? d.preview : p)),
    );
  };

  const onDragOver = (e: DragEvent) => {
    if (e.dataTransfer.types.includes(ARTICLE_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
    }
  };
  const onDrop = (e: DragEvent) => {
    const article = e.dataTransfer.getData(ARTICLE_MIME);
    if (!article || !grid) return;
    e.preventDefault();
    const { x, y } = toPage(e.clientX, e.clientY);
    const cell = cellAt(grid, x, y);
    const page = session.edition.pages.find((p) => p.number === pageNumber);
    if (!page) return;
    const onThisPage = page.placements.some((p) => p.article === article);
    const elsewhere = !onThisPage && session.pagesOf(article).length > 0;
    // A new story fills free space in the column it is dropped on; a story on other pages is continued
    // here (转版); what cannot be done is refused with the reason.
    const t = session.templates[page.template];
    const firstRow = page.number === 1 && t?.masthead ? t.masthead.lines : 0;
    const label = onThisPage ? '移动稿件' : elsewhere ? '转版' : '上版';
    const placed = placeOnPage(
      session.edition.pages,
      pageNumber,
      grid,
      article,
      cell,
      { cols: Math.min(3, grid.columns), headlineLines: 4 },
      firstRow,
    );
    if (placed.refusal) session.refuse(label, placed.refusal);
    else session.changePlacements(label, placed.next);
    session.openArticle(article);
  };

  const spacer = page
    ? { width: (page.width + 2 * PASTEBOARD) * zoom, height: (page.height + 2 * PASTEBOARD) * zoom }
    : { width: 0, height: 0 };
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
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <canvas
        ref={canvas}
        className="page-canvas"
        style={{ cursor }}
        onMouseDown={onMouseDown}
        onMouseMove={onMouseMove}
        onMouseUp={endDrag}
        onMouseLeave={() => endDrag()}
      />
      <div style={spacer} className="page-spacer" />
    </div>
  );
}

const round2 = (v: number) => Math.round(v * 100) / 100;

function editableRects(pl: Placement): { ref: RectRef; rect: NonNullable<ReturnType<typeof getRect>> }[] {
  const out: { ref: RectRef; rect: NonNullable<ReturnType<typeof getRect>> }[] = [];
  pl.regions.forEach((r, i) => out.push({ ref: { kind: 'region', index: i }, rect: r }));
  if (pl.headline) out.push({ ref: { kind: 'headline' }, rect: pl.headline.area });
  pl.photos.forEach((f, i) => out.push({ ref: { kind: 'photo', index: i }, rect: f.area }));
  return out;
}

function handlePoints(p: PtRect): [number, number][] {
  const { x, y, w, h } = p;
  return [
    [x, y],
    [x + w / 2, y],
    [x + w, y],
    [x + w, y + h / 2],
    [x + w, y + h],
    [x + w / 2, y + h],
    [x, y + h],
    [x, y + h / 2],
  ];
}

function cursorFor(h: Handle): string {
  return h === 'move' ? 'move' : `${h}-resize`;
}

/** Column bands and baseline rows; rows only when they are far enough apart to read. */
function drawGrid(ctx: CanvasRenderingContext2D, g: PageGrid, devicePerPt: number) {
  ctx.fillStyle = 'rgba(0,150,200,0.06)';
  for (let c = 0; c < g.columns; c++)
    ctx.fillRect(g.x + c * (g.columnWidth + g.gutter), g.y, g.columnWidth, g.lines * g.pitch);
  if (g.pitch * devicePerPt < 5) return;
  ctx.strokeStyle = 'rgba(0,150,200,0.22)';
  ctx.lineWidth = 1 / devicePerPt;
  ctx.beginPath();
  const w = g.columns * g.columnWidth + (g.columns - 1) * g.gutter;
  for (let l = 0; l <= g.lines; l++) {
    const y = g.y + l * g.pitch;
    ctx.moveTo(g.x, y);
    ctx.lineTo(g.x + w, y);
  }
  ctx.stroke();
}
