// The pages as last laid out, and the painters that draw them. Layout runs here, in the renderer
// (the engine is pure), and each changed page is painted right after it, in the same task (for typed
// text, the task straight after the frame that shows it in the editor: session-state.ts); pages whose
// layout waits for an input method's composition are remembered.
import { coalesce } from './frame';
import type { DisplayPage } from '../../engine/display/types';
import type { FontSet } from '../../engine/fonts/metrics';
import { layoutEdition } from '../../engine/layout';
import type { Edition } from '../../engine/model/types';
import type { Template } from '../../engine/templates';

/** Called with a page number after that page's layout changed; `full` when all of it must be painted again. */
export type Painter = (page: number, full?: boolean) => void;

export class PageLayouts {
  /** Display pages by page number, as last laid out. */
  readonly pages = new Map<number, DisplayPage>();
  private _error: string | null = null;
  private _lastMs = 0;
  private _count = 0;
  private painters = new Set<Painter>();
  /** Pages whose layout waits for the end of an IME composition. */
  private deferred = new Set<number>();

  /** Why the last layout failed (the last good one stays on screen), or null. */
  get error(): string | null {
    return this._error;
  }
  /** Milliseconds the last layout took, for the status bar. */
  get lastMs(): number {
    return this._lastMs;
  }
  /** Layouts run so far: tests and the status bar read it to see that composition defers layout. */
  get count(): number {
    return this._count;
  }

  onPaint(p: Painter): () => void {
    this.painters.add(p);
    return () => this.painters.delete(p);
  }

  /** Tells the painters that these pages changed (`full`: paint them whole). */
  paint(pages: Iterable<number>, full?: boolean): void {
    for (const n of pages) for (const p of this.painters) p(n, full);
  }

  /** Repaints every laid-out page whole, without layout (glyph outlines or photos arrived). */
  /** Repaints without layout (glyph outlines or photos arrived): once a frame, however many arrived. */
  repaintAll(): void {
    coalesce(this, () => this.paint(this.pages.keys(), true));
  }

  run(edition: Edition, fonts: FontSet, templates: Record<string, Template>, pages: number[]): void {
    if (!pages.length) return;
    const t0 = performance.now();
    try {
      const list = layoutEdition(edition, { fonts, templates }, { pages });
      for (const p of list.pages) this.pages.set(p.number, p);
      this._error = null;
    } catch (e) {
      // The last good layout stays on screen; the editor keeps typing, and the message says why.
      this._error = (e as Error).message;
    }
    this._lastMs = performance.now() - t0;
    this._count++;
    // Visible in the browser's performance panel, and read by the live benchmark.
    performance.measure('bm-layout', { start: t0, duration: this._lastMs });
    if (this._count % 500 === 0) performance.clearMeasures('bm-layout');
    this.paint(pages);
  }

  defer(pages: number[]): void {
    pages.forEach((p) => this.deferred.add(p));
  }

  /** The pages that waited for the composition, forgotten here. */
  takeDeferred(): number[] {
    const pages = [...this.deferred];
    this.deferred.clear();
    return pages;
  }

  /** Forgets the pages whose numbers are gone (pages deleted or renumbered). */
  keepOnly(numbers: Set<number>): void {
    for (const n of [...this.pages.keys()]) if (!numbers.has(n)) this.pages.delete(n);
  }

  clear(): void {
    this.pages.clear();
  }
}
