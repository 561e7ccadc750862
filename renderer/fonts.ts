// Fonts in the renderer: metrics tables for layout (a TableFontSet with the same numbers and
// fallback chains as fontkit in Node) and the font files themselves, loaded as FontFace, for the
// painter. Glyphs the cmap cannot reach (vertical alternates) are drawn from outlines that the
// host reads from the same files.
import { TableFontSet, TableMetrics, type MetricsTable } from '../engine/fonts/table';
import type { ApiClient } from '../electron/api';
import type { GlyphSource } from './page/paint';

export interface ScreenFonts {
  fontSet: TableFontSet;
  glyphs: GlyphSource;
  /** Called when outlines arrive, so the page repaints with them. */
  onOutlines(listener: () => void): void;
  faces: { id: string; name: string }[];
}

export async function loadScreenFonts(api: ApiClient, progress?: (done: number, total: number) => void): Promise<ScreenFonts> {
  const { faces, roles } = await api.call('fonts.faces', {});
  const total = faces.length * 2;
  let done = 0;
  const tick = () => progress?.(++done, total);
  const tables: MetricsTable[] = [];
  const families = new Map<string, string | null>();
  const metrics = new Map<string, TableMetrics>();

  await Promise.all(faces.map(async (f) => {
    const { table } = await api.call('fonts.metrics', { face: f.id });
    tables.push(table as MetricsTable);
    metrics.set(f.id, new TableMetrics(table as MetricsTable));
    tick();
    const family = `bm-${f.id}`;
    try {
      const bytes = await api.call('fonts.file', { face: f.id });
      const ff = new FontFace(family, bytes as BufferSource, { display: 'block' });
      await ff.load();
      document.fonts.add(ff);
      families.set(f.id, `"${family}"`);
    } catch {
      // A face the browser cannot load as a FontFace (a collection file) is drawn from outlines.
      families.set(f.id, null);
    }
    tick();
  }));

  const chains = Object.fromEntries(faces.map((f) => [f.id, [f.id, ...f.fallback]]));
  const fontSet = new TableFontSet(tables, chains, roles ?? {});

  const outlines = new Map<string, { path: Path2D; unitsPerEm: number } | null>();
  const pending = new Map<string, Set<number>>();
  const listeners: (() => void)[] = [];
  let scheduled = false;
  const fetchPending = () => {
    scheduled = false;
    for (const [face, set] of pending) {
      const gids = [...set];
      pending.delete(face);
      api.call('fonts.outlines', { face, gids }).then(({ unitsPerEm, paths }) => {
        gids.forEach((g, i) => outlines.set(`${face}/${g}`, { path: new Path2D(paths[i]), unitsPerEm }));
        listeners.forEach((l) => l());
      }, () => { /* the glyph stays undrawn; missing glyphs are reported by layout */ });
    }
  };

  const glyphs: GlyphSource = {
    family: (face) => families.get(face) ?? null,
    cmapGlyph: (face, text) => {
      const m = metrics.get(face);
      const cp = text.codePointAt(0);
      if (!m || cp === undefined || text.length > (cp > 0xffff ? 2 : 1)) return -1;
      return m.glyphId(cp);
    },
    outline: (face, gid) => {
      const key = `${face}/${gid}`;
      const hit = outlines.get(key);
      if (hit) return hit;
      if (hit === undefined) {
        outlines.set(key, null);
        let set = pending.get(face);
        if (!set) pending.set(face, (set = new Set()));
        set.add(gid);
        if (!scheduled) { scheduled = true; queueMicrotask(fetchPending); }
      }
      return undefined;
    },
  };

  return { fontSet, glyphs, onOutlines: (l) => listeners.push(l), faces };
}
