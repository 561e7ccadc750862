// One idea: the page view's gesture controller, one class whose gestures share their pointer state; kept whole.
// The page view's gestures: with the text tool, a story's rectangles resized or moved by their
// handles, its label tab moved, a photo panned in its frame (Shift), a click placing the caret; with
// the selection tool, frames selected, moved or caught in a marquee; ruler guides pulled and moved
// (a story dropped from the navigator: drop.ts). Each gesture ends in one session step (refused with
// the reason when the page cannot take it); while it lasts the controller holds its preview.
import type { MouseEvent as ReactMouseEvent } from 'react';
import type { DisplayPage } from '../../engine/display/types';
import type { Guide, Page, Placement } from '../../engine/model/types';
import type { Template } from '../../engine/templates';
import { setGuides } from '../state/pages';
import {
  adjustRect,
  cellAt,
  getRect,
  moveProblem,
  movePlacement,
  placementRects,
  rectToPoints,
  setRect,
  snapDelta,
  type Handle,
  type GridMetrics,
  type PtRect,
  type RectRef,
} from '../state/placing';
import type { EditionSession } from '../state/session';
import { hitTest } from './hit';
import { cursorFor, grabAt } from './handles';
import { keepScale, scaleAt, scaleByDrag } from './photo-scale';
import { snapGuide } from './overlay';
import {
  commitPage,
  frameAt,
  framesIn,
  pointOn,
  liveFrames,
  moveFrames,
  sameFrame,
  type ObjectSelection,
} from './selection';

/** A gesture of the text tool on the open story: a rectangle resized or moved, the story moved, a photo panned. */
interface Drag {
  article: string;
  ref: RectRef | 'whole';
  handle: Handle;
  crop: boolean;
  /** Alt-drag in a photo frame: the image's scale (%) when the drag began. */
  scale?: number;
  startX: number;
  startY: number;
  original: Placement;
  preview: Placement;
}

/** A gesture of the selection tool: moving the selected frames, or a marquee. */
type ObjectDrag =
  | { kind: 'move'; startX: number; startY: number; page: Page; preview: Page }
  | { kind: 'marquee'; startX: number; startY: number; x: number; y: number; add: boolean }
  /** A ruler guide pulled from a ruler (`index` null) or moved; dropped back on the ruler it goes. */
  | { kind: 'guide'; index: number | null; guide: Guide; off: boolean };

/** What the controller needs of the page view as it is rendered now. */
export interface DragContext {
  session: EditionSession;
  pageNumber: number;
  page: DisplayPage | undefined;
  template: Template | undefined;
  grid: GridMetrics | null;
  zoom: number;
  preview: boolean;
  objects: ObjectSelection;
  toPage(clientX: number, clientY: number): { x: number; y: number };
  ruler(clientX: number, clientY: number): Guide['axis'] | null;
  paint(): void;
  setCursor(c: string): void;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

export class DragController {
  private drag: Drag | null = null;
  private obj: ObjectDrag | null = null;
  /** Set by the page view on every render. */
  ctx!: DragContext;

  /** Whether a text-tool gesture is under way (the view key and the toolbar zoom read it). */
  get dragging(): boolean {
    return !!this.drag;
  }

  private model(): Page | undefined {
    const { session, pageNumber } = this.ctx;
    return session.edition.pages.find((p) => p.number === pageNumber);
  }

  /** The page's placements as the gesture under way shows them. */
  placementsNow(): Placement[] {
    const list = this.model()?.placements ?? [];
    const d = this.drag;
    const o = this.obj;
    if (o?.kind === 'move') return o.preview.placements;
    return d ? list.map((pl) => (pl.article === d.article ? d.preview : pl)) : list;
  }

  /** What the overlay shows of the gesture: the selection tool's page and marquee, the guides. */
  scene(): {
    model: Page | undefined;
    marquee: PtRect | null;
    guides: Guide[];
    pulled: Guide | null;
    guideDrag: boolean;
  } {
    const o = this.obj;
    const gd = o?.kind === 'guide' ? o : null;
    return {
      model: o?.kind === 'move' ? o.preview : this.model(),
      marquee:
        o?.kind === 'marquee'
          ? {
              x: Math.min(o.startX, o.x),
              y: Math.min(o.startY, o.y),
              w: Math.abs(o.x - o.startX),
              h: Math.abs(o.y - o.startY),
            }
          : null,
      guides: (this.model()?.guides ?? []).filter((_, i) => !gd || i !== gd.index),
      pulled: gd && !gd.off ? gd.guide : null,
      guideDrag: !!gd,
    };
  }

  /** What is under the pointer among the open article's handles, edges and label. */
  private grab(x: number, y: number): { ref: RectRef | 'whole'; handle: Handle } | null {
    const { grid, preview, session, zoom } = this.ctx;
    if (!grid || preview) return null;
    const pl = this.placementsNow().find((p) => p.article === session.currentArticle);
    return pl ? grabAt(grid, pl, x, y, zoom) : null;
  }

  /** The selection tool: click selects the frame under the pointer, Shift-click adds, a drag moves or draws a marquee. */
  private objectsDown(e: ReactMouseEvent, x: number, y: number): void {
    const { session, grid, objects } = this.ctx;
    e.preventDefault();
    // Keys now go to the page, never to the text the editor had the caret in.
    (document.activeElement as HTMLElement | null)?.blur?.();
    const model = this.model();
    if (!model || !grid) return;
    const inside =
      x >= grid.x &&
      y >= grid.y &&
      x < grid.x + grid.columns * (grid.columnWidth + grid.gutter) &&
      y < grid.y + grid.lines * grid.pitch;
    const f = inside ? frameAt(model, cellAt(grid, x, y), (r) => pointOn(grid, r, x, y)) : null;
    if (!f) {
      if (!e.shiftKey) objects.select([]);
      this.obj = { kind: 'marquee', startX: x, startY: y, x, y, add: e.shiftKey };
      return;
    }
    if (e.shiftKey) {
      objects.toggle(f);
      return;
    }
    if (!objects.frames.some((s) => sameFrame(s, f))) objects.select([f]);
    if (f.kind !== 'ad') session.openArticle(f.article);
    this.obj = { kind: 'move', startX: x, startY: y, page: model, preview: model };
  }

  /** In a ruler: a new guide pulled out of it. With the selection tool, on a guide: that guide moved. */
  private guideDown(e: ReactMouseEvent, x: number, y: number): boolean {
    const { objects, zoom } = this.ctx;
    const axis = this.ctx.ruler(e.clientX, e.clientY);
    if (axis) {
      e.preventDefault();
      this.obj = { kind: 'guide', index: null, guide: { axis, at: axis === 'h' ? y : x }, off: true };
      return true;
    }
    if (objects.tool !== 'select') return false;
    const guides = this.model()?.guides ?? [];
    const tol = 4 / zoom;
    const index = guides.findIndex((g) => Math.abs((g.axis === 'h' ? y : x) - g.at) <= tol);
    if (index < 0) return false;
    e.preventDefault();
    this.obj = { kind: 'guide', index, guide: guides[index], off: false };
    return true;
  }

  down = (e: ReactMouseEvent): void => {
    const { page: pg, preview, template, objects, session, grid } = this.ctx;
    if (!pg || e.button !== 0) return;
    const { x, y } = this.ctx.toPage(e.clientX, e.clientY);
    if (!preview && template && this.guideDown(e, x, y)) return;
    if (objects.tool === 'select' && !preview) {
      this.objectsDown(e, x, y);
      return;
    }
    const g = this.grab(x, y);
    const pl = this.placementsNow().find((p) => p.article === session.currentArticle);
    if (g && pl) {
      e.preventDefault();
      this.drag = {
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
    // Shift-drag inside a photo frame of the open story pans the image in its frame (crop); Alt-drag
    // scales it (right or down enlarges).
    if ((e.shiftKey || e.altKey) && pl && grid) {
      const i = pl.photos.findIndex((f) => {
        const p = rectToPoints(grid, f.area);
        return x >= p.x && x <= p.x + p.w && y >= p.y && y <= p.y + p.h;
      });
      if (i >= 0) {
        e.preventDefault();
        this.drag = {
          article: pl.article,
          ref: { kind: 'photo', index: i },
          handle: 'move',
          crop: true,
          ...(e.altKey
            ? { scale: scaleAt(this.ctx.page, pl.article, rectToPoints(grid, pl.photos[i].area)) }
            : {}),
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
      const under = this.placementsNow().find((p) =>
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

  move = (e: ReactMouseEvent): void => {
    const { template, grid, objects } = this.ctx;
    const { x, y } = this.ctx.toPage(e.clientX, e.clientY);
    const o = this.obj;
    if (o?.kind === 'guide' && template) {
      o.off = this.ctx.ruler(e.clientX, e.clientY) === o.guide.axis;
      o.guide = { axis: o.guide.axis, at: snapGuide(template, o.guide.axis, o.guide.axis === 'h' ? y : x) };
      this.ctx.setCursor(o.guide.axis === 'h' ? 'row-resize' : 'col-resize');
      this.ctx.paint();
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
      this.ctx.paint();
      return;
    }
    if (objects.tool === 'select') {
      this.ctx.setCursor('default');
      return;
    }
    const d = this.drag;
    if (!d) {
      const g = this.grab(x, y);
      this.ctx.setCursor(g ? cursorFor(g.handle) : 'default');
      return;
    }
    if (!grid) return;
    if (d.crop && d.ref !== 'whole' && d.ref.kind === 'photo' && d.scale !== undefined) {
      const w = rectToPoints(grid, d.original.photos[d.ref.index].area).w;
      d.preview = scaleByDrag(d.original, d.ref.index, d.scale, x - d.startX, y - d.startY, w);
    } else if (d.crop && d.ref !== 'whole' && d.ref.kind === 'photo') {
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
    this.ctx.paint();
  };

  /** The end of a gesture: `e` is the mouse-up, none when the pointer left the view. */
  end = (e?: ReactMouseEvent): void => {
    const o = this.obj;
    this.obj = null;
    if (o?.kind === 'guide') return this.endGuide(o);
    if (o?.kind === 'marquee' && this.ctx.grid) return this.endMarquee(o);
    if (o?.kind === 'move') {
      if (o.preview !== o.page) commitPage(this.ctx.session, '移动对象', o.preview);
      else this.ctx.paint();
      return;
    }
    const d = this.drag;
    this.drag = null;
    if (d) this.endDrag(d, e);
  };

  private endGuide(o: Extract<ObjectDrag, { kind: 'guide' }>): void {
    const { session, pageNumber } = this.ctx;
    const guides = this.model()?.guides ?? [];
    const rest = guides.filter((_, i) => i !== o.index);
    if (o.off) {
      if (o.index !== null)
        session.changePages('删除参考线', setGuides(session.edition.pages, pageNumber, rest));
      else this.ctx.paint();
      return;
    }
    if (o.index !== null && guides[o.index]?.at === o.guide.at) {
      this.ctx.paint();
      return;
    }
    session.changePages(
      o.index === null ? '添加参考线' : '移动参考线',
      setGuides(session.edition.pages, pageNumber, [...rest, o.guide]),
    );
  }

  private endMarquee(o: Extract<ObjectDrag, { kind: 'marquee' }>): void {
    const { grid, zoom, objects } = this.ctx;
    if (!grid) return;
    const model = this.model();
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
    } else this.ctx.paint();
  }

  private endDrag(d: Drag, e?: ReactMouseEvent): void {
    const { session, grid, pageNumber } = this.ctx;
    if (d.preview === d.original && !e) return;
    if (d.ref !== 'whole' && d.ref.kind === 'photo' && !d.crop && d.handle !== 'move' && grid)
      d.preview = keepScale(this.ctx.page, d.original, d.preview, d.ref.index, grid);
    const label = d.crop
      ? d.scale !== undefined
        ? '缩放图片'
        : '裁切图片'
      : d.ref === 'whole'
        ? '移动稿件'
        : d.handle === 'move'
          ? '移动区域'
          : '调整区域';
    const page = this.model();
    if (!page) return;
    // A whole story moved off the type area or onto another story: refused, saying why.
    if (d.ref === 'whole' && grid && e) {
      const { x, y } = this.ctx.toPage(e.clientX, e.clientY);
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
        this.ctx.paint();
        return;
      }
    }
    if (d.preview === d.original) return;
    session.setPlacements(
      pageNumber,
      label,
      page.placements.map((p) => (p.article === d.article ? d.preview : p)),
    );
  }
}
