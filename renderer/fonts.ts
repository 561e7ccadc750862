// Fonts in the renderer, by need. Layout reads partial metrics tables (engine/fonts/partial.ts) for
// the code points the edition uses, served by the Node side from the same files as the PDF; a
// character typed for the first time is set with a placeholder width, its metrics are asked for,
// and the pages are laid out again with a font set that knows it. The painter draws with small
// fonts cut from those files holding just the glyphs the visible page shows, asked for as it meets
// glyphs it has not got; glyphs the cmap cannot reach (vertical alternates), and faces whose
// outlines cannot be cut (CFF collections), are drawn from outlines the host reads from the files.
import type { ApiClient } from '../electron/api';
import type { FontSet } from '../engine/fonts/metrics';
import { mergeTables, PartialFontSet } from '../engine/fonts/partial';
import { carryComposed } from '../engine/layout/cache';
import type { MetricsTable } from '../engine/fonts/table';
import { GLYPH_PENDING, type GlyphSource } from './page/paint';

export interface ScreenFonts {
  /** The current font set; replaced (never changed in place) when tables are extended. */
  readonly fontSet: FontSet;
  /** For the page view: glyphs it has not got are fetched, and the page repaints when they come. */
  glyphs: GlyphSource;
  /** For thumbnails: draws what is loaded, greys the rest, fetches nothing. */
  thumbnailGlyphs: GlyphSource;
  /** Called when glyphs arrive, so the pages repaint with them. */
  onOutlines(listener: () => void): void;
  /** Called with a new font set when metrics for new characters arrive: lay the pages out again. */
  onFontSet(listener: (fonts: FontSet) => void): void;
  /** Resolves when nothing is being fetched (a test or benchmark waits for the page to settle). */
  settled(): Promise<void>;
  faces: { id: string; name: string }[];
  /** Roles whose wanted face is not on this machine, and what they are set in instead. */
  fallbacks: { role: string; message: string }[];
}

/** Every code point of the strings in a value (an edition, templates), photos' data left out. */
export function codePointsOf(value: unknown, out = new Set<number>()): Set<number> {
  const walk = (v: unknown, key: string): void => {
    if (typeof v === 'string') {
      if (key !== 'data') for (const ch of v) out.add(ch.codePointAt(0)!);
      return;
    }
    if (Array.isArray(v)) {
      for (const x of v) walk(x, key);
      return;
    }
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(value, '');
  return out;
}

/** Characters layout sets that no edition text holds: jump lines, dates, folios, page numbers. */
export const LAYOUT_TEXT =
  '0123456789第版下转上接（）()年月日星期一二三四五六七八九十〇零期总号 \u3000\u2002\u2003\u00a0：:，。、·—…';

/** The code points asked for at the start: the content's and those layout adds. */
export function initialCodePoints(content: unknown[]): Set<number> {
  const cps = codePointsOf(content);
  for (const ch of LAYOUT_TEXT) cps.add(ch.codePointAt(0)!);
  return cps;
}

export async function loadScreenFonts(
  api: ApiClient,
  content: unknown[],
  edition?: { fonts?: Record<string, string>; pages: { template: string }[] },
): Promise<ScreenFonts> {
  const cps = initialCodePoints(content);
  // The edition's role mapping first: the tables then come from the faces it is set with.
  const { faces, roles, fallbacks, aliases } = await api.call(
    'fonts.faces',
    edition
      ? { edition: { fonts: edition.fonts, templates: [...new Set(edition.pages.map((p) => p.template))] } }
      : {},
  );
  const { tables: first, rare: firstRare } = await api.call('fonts.tables', { codePoints: [...cps] });
  const rare = new Map<number, string>();
  const mergeRare = (r: unknown) => {
    for (const [cp, id] of Object.entries((r ?? {}) as Record<string, string>)) rare.set(Number(cp), id);
  };
  mergeRare(firstRare);
  const chains = Object.fromEntries(faces.map((f) => [f.id, [f.id, ...f.fallback]]));
  const tables = new Map<string, MetricsTable>();
  const fontListeners: ((f: FontSet) => void)[] = [];
  const paintListeners: (() => void)[] = [];
  let busy = 0;
  let idle: (() => void)[] = [];
  const track = <T>(p: Promise<T>): Promise<T> => {
    busy++;
    const done = () => {
      if (--busy === 0) {
        const w = idle;
        idle = [];
        w.forEach((r) => r());
      }
    };
    p.then(done, done);
    return p;
  };

  // Metrics: code points asked for once each; a batch per task.
  const asked = new Set(cps);
  let wantedNow = new Set<number>();
  const wanted = (_face: string, cp: number) => {
    if (asked.has(cp)) return;
    asked.add(cp);
    if (!wantedNow.size) setTimeout(fetchMetrics, 0);
    wantedNow.add(cp);
  };
  const merge = (list: unknown) => {
    for (const t of list as MetricsTable[]) {
      const had = tables.get(t.id);
      tables.set(t.id, had ? mergeTables(had, t) : t);
    }
  };
  merge(first);
  let fontSet = new PartialFontSet(tables, chains, roles ?? {}, wanted, rare, aliases ?? {});
  const fetchMetrics = () => {
    const batch = [...wantedNow];
    wantedNow = new Set();
    void track(
      api.call('fonts.tables', { codePoints: batch }).then(
        ({ tables: more, rare: moreRare }) => {
          merge(more);
          mergeRare(moreRare);
          const before = fontSet;
          fontSet = new PartialFontSet(tables, chains, roles ?? {}, wanted, rare, aliases ?? {});
          carryComposed(before, fontSet, batch);
          fontListeners.forEach((l) => l(fontSet));
        },
        () => {
          /* the placeholders stay; missing glyphs are reported by layout once metrics come */
        },
      ),
    );
  };

  // Glyphs for painting: per face, the fonts loaded so far (as CSS families) and their code points.
  const loaded = new Map<string, Set<number>>();
  const families = new Map<string, string[]>();
  const familyCss = new Map<string, string | null>();
  const outlineOnly = new Set<string>();
  const pendingGlyphs = new Map<string, Set<number>>();
  const askedGlyphs = new Map<string, Set<number>>();
  let chunk = 0;
  const repaint = () => paintListeners.forEach((l) => l());

  const fetchGlyphs = () => {
    for (const [face, set] of pendingGlyphs) {
      pendingGlyphs.delete(face);
      const codePoints = [...set];
      void track(
        api
          .call('fonts.subset', { face, codePoints })
          .then(async (s) => {
            if (!s.url && !s.data) {
              outlineOnly.add(face);
              familyCss.set(face, null);
              repaint();
              return;
            }
            const family = `bm-${face}-${chunk++}`;
            const src = s.url ? `url(${s.url})` : Uint8Array.from(atob(s.data!), (c) => c.charCodeAt(0));
            const ff = new FontFace(family, src, { display: 'block' });
            await ff.load();
            document.fonts.add(ff);
            let have = loaded.get(face);
            if (!have) loaded.set(face, (have = new Set()));
            for (const cp of s.codePoints) have.add(cp);
            const list = families.get(face) ?? [];
            list.push(`"${family}"`);
            families.set(face, list);
            familyCss.set(face, list.join(', '));
            repaint();
          })
          .catch(() => {
            /* the glyphs stay undrawn; asked again when the page is next painted */
            for (const cp of codePoints) askedGlyphs.get(face)?.delete(cp);
          }),
      );
    }
  };

  const cmapGlyph =
    (fetch: boolean) =>
    (face: string, text: string): number => {
      const cp = text.codePointAt(0);
      if (cp === undefined || text.length > (cp > 0xffff ? 2 : 1)) return -1;
      const m = fontSet.face(face);
      const gid = m.glyphId(cp);
      if (outlineOnly.has(face) || loaded.get(face)?.has(cp)) return gid;
      if (!fetch) return GLYPH_PENDING;
      let asked = askedGlyphs.get(face);
      if (!asked) askedGlyphs.set(face, (asked = new Set()));
      if (!asked.has(cp)) {
        asked.add(cp);
        if (!pendingGlyphs.size) queueMicrotask(fetchGlyphs);
        let p = pendingGlyphs.get(face);
        if (!p) pendingGlyphs.set(face, (p = new Set()));
        p.add(cp);
      }
      return GLYPH_PENDING;
    };

  // Outlines for glyphs no code point reaches (vertical alternates) and faces that cannot be cut.
  const outlines = new Map<string, { path: Path2D; unitsPerEm: number } | null>();
  const pendingOutlines = new Map<string, Set<number>>();
  const fetchOutlines = () => {
    for (const [face, set] of pendingOutlines) {
      const gids = [...set];
      pendingOutlines.delete(face);
      void track(
        api.call('fonts.outlines', { face, gids }).then(
          ({ unitsPerEm, paths }) => {
            gids.forEach((g, i) => outlines.set(`${face}/${g}`, { path: new Path2D(paths[i]), unitsPerEm }));
            repaint();
          },
          () => {
            /* the glyph stays undrawn; missing glyphs are reported by layout */
          },
        ),
      );
    }
  };
  const outline = (fetch: boolean) => (face: string, gid: number) => {
    const key = `${face}/${gid}`;
    const hit = outlines.get(key);
    if (hit || !fetch) return hit ?? undefined;
    if (hit === undefined) {
      outlines.set(key, null);
      let set = pendingOutlines.get(face);
      if (!pendingOutlines.size) queueMicrotask(fetchOutlines);
      if (!set) pendingOutlines.set(face, (set = new Set()));
      set.add(gid);
    }
    return undefined;
  };

  const family = (face: string) => (outlineOnly.has(face) ? null : (familyCss.get(face) ?? 'serif'));
  return {
    get fontSet() {
      return fontSet;
    },
    glyphs: { family, cmapGlyph: cmapGlyph(true), outline: outline(true) },
    thumbnailGlyphs: { family, cmapGlyph: cmapGlyph(false), outline: outline(false), greek: true },
    onOutlines: (l) => paintListeners.push(l),
    onFontSet: (l) => fontListeners.push(l),
    settled: () =>
      new Promise<void>((resolve) => {
        // Fetches start in a microtask or task after a paint: look once they have had the chance.
        setTimeout(
          () => (busy === 0 && !pendingGlyphs.size && !wantedNow.size ? resolve() : idle.push(resolve)),
          0,
        );
      }),
    faces,
    fallbacks: (fallbacks ?? []).map((f) => ({ role: f.role, message: f.message })),
  };
}
