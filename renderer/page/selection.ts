// The selection tool (选择工具) beside the text tool (文字工具): which frames of the page are selected,
// and the edits made to them — move by whole lines and columns, delete, set X/Y/W/H, align and
// distribute. Pure functions over the model, so each gesture is one undoable placing step that the
// session checks like any other (a state the loader would refuse is refused with the reason).
import type { AdSlot, GridRect, Page, Placement } from '../../engine/model/types';
import type { EditionSession } from '../state/session';
import { removePart } from '../state/continued';
import {
  boundsOf,
  clampRect,
  movePlacement,
  overlaps,
  placementRects,
  rectToPoints,
  type GridMetrics,
} from '../state/placing';

export type Tool = 'select' | 'text';

/**
 * A selected frame: a story on this page (its regions and headline area move and go together), one
 * of its photo frames, or an ad slot (广告位).
 */
export type FrameRef =
  | { kind: 'story'; article: string }
  | { kind: 'photo'; article: string; index: number }
  | { kind: 'ad'; id: string };

export const sameFrame = (a: FrameRef, b: FrameRef): boolean =>
  a.kind === b.kind &&
  (a.kind === 'ad'
    ? a.id === (b as typeof a).id
    : a.article === (b as { article: string }).article &&
      (a.kind !== 'photo' || a.index === (b as typeof a).index));

/** The tool and the selected frames of one window, with listeners (the page view repaints on change). */
export class ObjectSelection {
  tool: Tool = 'text';
  frames: FrameRef[] = [];
  private listeners = new Set<() => void>();
  version = 0;
  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getVersion = (): number => this.version;
  private changed() {
    this.version++;
    for (const l of this.listeners) l();
  }
  setTool(t: Tool): void {
    if (this.tool !== t) {
      this.tool = t;
      if (t === 'text') this.frames = [];
      this.changed();
    }
  }
  select(frames: FrameRef[]): void {
    this.frames = frames;
    this.changed();
  }
  /** Shift-click: adds a frame, or takes it out when it was selected. */
  toggle(f: FrameRef): void {
    this.select(
      this.frames.some((x) => sameFrame(x, f))
        ? this.frames.filter((x) => !sameFrame(x, f))
        : [...this.frames, f],
    );
  }
}

const bySession = new WeakMap<object, ObjectSelection>();
/** The selection of a session's window (one per open session object). */
export function objectSelection(session: object): ObjectSelection {
  let s = bySession.get(session);
  if (!s) bySession.set(session, (s = new ObjectSelection()));
  return s;
}

const within = (r: GridRect, c: { col: number; line: number }) =>
  c.col >= r.col && c.col < r.col + r.cols && c.line >= r.line && c.line < r.line + r.lines;

/** The grid rectangles a frame occupies on the page. */
export function frameRects(page: Pick<Page, 'placements' | 'ads'>, f: FrameRef): GridRect[] {
  if (f.kind === 'ad') return (page.ads ?? []).filter((a) => a.id === f.id).map(adRect);
  const pl = page.placements.find((p) => p.article === f.article);
  if (!pl) return [];
  if (f.kind === 'photo') return pl.photos[f.index] ? [pl.photos[f.index].area] : [];
  return [...pl.regions, ...(pl.headline ? [pl.headline.area] : [])];
}

export const adRect = (a: AdSlot): GridRect => ({
  col: a.col,
  cols: a.cols,
  line: a.line,
  lines: a.lines,
  ...(a.shift ? { shift: a.shift } : {}),
});

/** The frame under a grid cell: photo frames over stories, ads last. */
export function frameAt(
  page: Pick<Page, 'placements' | 'ads'>,
  cell: { col: number; line: number },
  on: (r: GridRect) => boolean = (r) => within(r, cell),
): FrameRef | null {
  for (const pl of page.placements) {
    const i = pl.photos.findIndex((f) => on(f.area));
    if (i >= 0) return { kind: 'photo', article: pl.article, index: i };
  }
  for (const pl of page.placements)
    if (placementRects(pl).some(on)) return { kind: 'story', article: pl.article };
  const ad = (page.ads ?? []).find((a) => on(adRect(a)));
  return ad ? { kind: 'ad', id: ad.id } : null;
}

/** Whether a point of the page is on a grid rectangle where it is drawn (nudged off its columns too),
 *  each side's half gutter counted as the rectangle's, as `cellAt` counts it. */
export function pointOn(g: GridMetrics, r: GridRect, x: number, y: number): boolean {
  const p = rectToPoints(g, r);
  return x >= p.x - g.gutter / 2 && x < p.x + p.w + g.gutter / 2 && y >= p.y && y < p.y + p.h;
}

/** Every frame a marquee (a grid rectangle) touches. */
export function framesIn(page: Pick<Page, 'placements' | 'ads'>, m: GridRect): FrameRef[] {
  const out: FrameRef[] = [];
  for (const pl of page.placements) {
    if ([...pl.regions, ...(pl.headline ? [pl.headline.area] : [])].some((r) => overlaps(r, m)))
      out.push({ kind: 'story', article: pl.article });
    pl.photos.forEach((f, index) => {
      if (overlaps(f.area, m)) out.push({ kind: 'photo', article: pl.article, index });
    });
  }
  for (const a of page.ads ?? []) if (overlaps(adRect(a), m)) out.push({ kind: 'ad', id: a.id });
  return out;
}

/** Frames still on the page (after an undo, a delete or another page shown). */
export function liveFrames(
  page: Pick<Page, 'placements' | 'ads'> | undefined,
  frames: FrameRef[],
): FrameRef[] {
  return page ? frames.filter((f) => frameRects(page, f).length > 0) : [];
}

const shiftRect = <T extends GridRect>(r: T, dCol: number, dLine: number): T => ({
  ...r,
  col: r.col + dCol,
  line: r.line + dLine,
});

/**
 * The page with the selected frames moved by whole columns and lines; a photo frame selected with its
 * story moves once. Returns null when nothing would move (already at the edge). A move that would
 * leave the type area is stopped at its edge, as a drag is.
 */
export function moveFrames(
  g: GridMetrics,
  page: Page,
  frames: FrameRef[],
  dCol: number,
  dLine: number,
): Page | null {
  const rects = frames.flatMap((f) => frameRects(page, f));
  const b = boundsOf(rects);
  if (!b) return null;
  dCol = Math.max(-b.col, Math.min(g.columns - (b.col + b.cols), dCol));
  dLine = Math.max(-b.line, Math.min(g.lines - (b.line + b.lines), dLine));
  if (!dCol && !dLine) return null;
  const stories = new Set(
    frames.filter((f) => f.kind === 'story').map((f) => (f as { article: string }).article),
  );
  const placements = page.placements.map((pl): Placement => {
    if (stories.has(pl.article)) return movePlacement(g, pl, dCol, dLine);
    const photos = frames
      .filter(
        (f): f is Extract<FrameRef, { kind: 'photo' }> => f.kind === 'photo' && f.article === pl.article,
      )
      .map((f) => f.index);
    if (!photos.length) return pl;
    return {
      ...pl,
      photos: pl.photos.map((f, i) =>
        photos.includes(i) ? { ...f, area: shiftRect(f.area, dCol, dLine) } : f,
      ),
    };
  });
  const ads = new Set(frames.filter((f) => f.kind === 'ad').map((f) => (f as { id: string }).id));
  return {
    ...page,
    placements,
    ...(page.ads ? { ads: page.ads.map((a) => (ads.has(a.id) ? shiftRect(a, dCol, dLine) : a)) } : {}),
  };
}

/**
 * The edition's pages with the selected frames deleted from page `pageNumber`: a story is taken off
 * the page (its copy stays in the article list; a continued story's neighbours are joined), a photo
 * frame goes (the photo stays in the story's copy), an ad slot goes.
 */
export function deleteFrames<P extends Page>(pages: P[], pageNumber: number, frames: FrameRef[]): P[] {
  let out = pages;
  const page = () => out.find((p) => p.number === pageNumber)!;
  if (!page()) return pages;
  const photoDrops = new Map<string, number[]>();
  for (const f of frames)
    if (f.kind === 'photo') photoDrops.set(f.article, [...(photoDrops.get(f.article) ?? []), f.index]);
  if (photoDrops.size) {
    out = out.map((p) =>
      p.number !== pageNumber
        ? p
        : {
            ...p,
            placements: p.placements.flatMap((pl) => {
              const drop = photoDrops.get(pl.article);
              if (!drop) return [pl];
              const next = { ...pl, photos: pl.photos.filter((_, i) => !drop.includes(i)) };
              // A story that was only its photo frames is off the page once they are gone.
              return next.regions.length || next.headline || next.photos.length ? [next] : [];
            }),
          },
    );
  }
  for (const f of frames) {
    if (f.kind !== 'story') continue;
    const change = removePart(out, pageNumber, f.article);
    out = out.map((p) => (change.has(p.id) ? { ...p, placements: change.get(p.id)! } : p));
  }
  const ads = new Set(frames.filter((f) => f.kind === 'ad').map((f) => (f as { id: string }).id));
  if (ads.size)
    out = out.map((p) =>
      p.number !== pageNumber
        ? p
        : withAds(
            p,
            (p.ads ?? []).filter((a) => !ads.has(a.id)),
          ),
    );
  return out;
}

/** A page with its ad slots replaced; no slots is no key, as the file keeps it. */
export function withAds<P extends Page>(p: P, ads: AdSlot[]): P {
  const { ads: _was, ...rest } = p;
  return (ads.length ? { ...rest, ads } : rest) as P;
}

/** One frame's position and size on the grid, as the X/Y/W/H fields show it (栏 and 行, from 1). */
export function frameBounds(page: Page, f: FrameRef): GridRect | null {
  return boundsOf(frameRects(page, f));
}

/**
 * The page with one frame set to a new position and size on the grid (the X/Y/W/H fields). A story's
 * regions and headline scale with it only when it has one region (and a headline above it); a
 * story in several regions can be moved but not resized this way (null, with the reason).
 */
export function setFrameBounds(
  g: GridMetrics,
  page: Page,
  f: FrameRef,
  to: GridRect,
): { page: Page } | { refused: string } {
  const was = frameBounds(page, f);
  if (!was) return { refused: '所选对象已不在本版上' };
  const r = clampRect(g, to);
  if (r.col !== to.col || r.line !== to.line || r.cols !== to.cols || r.lines !== to.lines)
    return { refused: `超出版心：本版为 ${g.columns} 栏 × ${g.lines} 行` };
  if (f.kind === 'ad')
    return { page: { ...page, ads: (page.ads ?? []).map((a) => (a.id === f.id ? { ...a, ...r } : a)) } };
  const placements = page.placements.map((pl): Placement => {
    if (pl.article !== f.article) return pl;
    if (f.kind === 'photo')
      return {
        ...pl,
        photos: pl.photos.map((x, i) => (i === f.index ? { ...x, area: { ...x.area, ...r } } : x)),
      };
    if (r.cols === was.cols && r.lines === was.lines)
      return movePlacement(g, pl, r.col - was.col, r.line - was.line);
    return pl;
  });
  const pl = page.placements.find((p) => p.article === (f as { article: string }).article)!;
  if (f.kind === 'story' && (r.cols !== was.cols || r.lines !== was.lines)) {
    if (pl.regions.length !== 1)
      return { refused: '这篇稿件有多个文字区：请用文字工具逐个调整区域，或只改 X/Y 移动整篇' };
    const head = pl.headline ? Math.min(pl.headline.area.lines, r.lines - 1) : 0;
    if (pl.headline && head < 1) return { refused: '高度不够放下标题区和正文' };
    const next: Placement = {
      ...pl,
      ...(pl.headline
        ? { headline: { ...pl.headline, area: { col: r.col, cols: r.cols, line: r.line, lines: head } } }
        : {}),
      regions: [{ ...pl.regions[0], col: r.col, cols: r.cols, line: r.line + head, lines: r.lines - head }],
    };
    return { page: { ...page, placements: page.placements.map((p) => (p === pl ? next : p)) } };
  }
  return { page: { ...page, placements } };
}

export type Alignment = 'left' | 'right' | 'top' | 'bottom' | 'distribute-h' | 'distribute-v';

/**
 * Aligns the selected frames to the edge of the first one selected (as InDesign aligns to a key
 * object), or spaces three or more evenly between the outermost (distribute, by whole columns/lines).
 */
export function alignFrames(g: GridMetrics, page: Page, frames: FrameRef[], how: Alignment): Page | null {
  const boxes = frames
    .map((f) => ({ f, b: frameBounds(page, f) }))
    .filter((x): x is { f: FrameRef; b: GridRect } => !!x.b);
  if (boxes.length < 2) return null;
  const key = boxes[0].b;
  let out = page;
  const moveOne = (f: FrameRef, dCol: number, dLine: number) => {
    out = moveFrames(g, out, [f], dCol, dLine) ?? out;
  };
  if (how === 'distribute-h' || how === 'distribute-v') {
    if (boxes.length < 3) return null;
    const h = how === 'distribute-h';
    const sorted = [...boxes].sort((a, b) => (h ? a.b.col - b.b.col : a.b.line - b.b.line));
    const first = sorted[0].b,
      last = sorted[sorted.length - 1].b;
    const span = h ? last.col + last.cols - first.col : last.line + last.lines - first.line;
    const used = sorted.reduce((s, x) => s + (h ? x.b.cols : x.b.lines), 0);
    const gap = (span - used) / (sorted.length - 1);
    let at = h ? first.col : first.line;
    sorted.forEach((x, i) => {
      const target = Math.round(at);
      if (i > 0 && i < sorted.length - 1) moveOne(x.f, h ? target - x.b.col : 0, h ? 0 : target - x.b.line);
      at += (h ? x.b.cols : x.b.lines) + gap;
    });
  } else {
    for (const { f, b } of boxes.slice(1)) {
      if (how === 'left') moveOne(f, key.col - b.col, 0);
      if (how === 'right') moveOne(f, key.col + key.cols - (b.col + b.cols), 0);
      if (how === 'top') moveOne(f, 0, key.line - b.line);
      if (how === 'bottom') moveOne(f, 0, key.line + key.lines - (b.line + b.lines));
    }
  }
  return out === page ? null : out;
}

/** Applies an edited page of the selection: placements only as a placing step, ad slots as a page-list step. */
export function commitPage(session: EditionSession, label: string, next: Page): boolean {
  const was = session.edition.pages.find((p) => p.id === next.id);
  if (!was) return false;
  if (JSON.stringify(was.ads ?? null) === JSON.stringify(next.ads ?? null))
    return session.setPlacements(next.number, label, next.placements);
  return session.changePages(
    label,
    session.edition.pages.map((p) => (p.id === next.id ? next : p)),
  );
}
