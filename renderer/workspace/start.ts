// What the window opens with: after a crash the edition that was open, where the editor was; else a
// file holding edits this browser kept and never saw acknowledged; else the sample edition.
import type { EditorPlace } from '../../electron/api';
import type { Edition } from '../../engine/model/types';
import type { Template } from '../../engine/templates';
import { warmWordSegmenter } from '../../engine/text/words';
import { api } from '../api';
import { loadScreenFonts, type ScreenFonts } from '../fonts';
import { EditionSession } from '../state/session';
import { allKeptEdits } from '../state/unsaved';
import { pageStorage } from './useAutosave';

/** Goes back to where the editor was: page, article, caret. */
function goToPlace(session: EditionSession, place: EditorPlace): void {
  if (place.page && session.edition.pages.some((p) => p.number === place.page)) session.goToPage(place.page);
  if (place.article && session.article(place.article)) {
    session.openArticle(
      place.article,
      place.block !== undefined ? { block: place.block, offset: place.offset ?? 0 } : undefined,
    );
  }
}

type Opened = { edition: Edition; path: string | null; label: string | null; readOnly?: boolean };

/** Opens the first edition and its screen fonts; `stage` says what it is doing. Null when cancelled. */
export async function openFirstEdition(
  stage: (s: string) => void,
  cancelled: () => boolean,
): Promise<{ session: EditionSession; fonts: ScreenFonts } | null> {
  stage('正在打开…');
  // Asked for at once, beside the templates: what opens most often, unused after a crash.
  const sample = api.call('edition.openSample', {});
  sample.catch(() => {
    /* asked again below if it is needed */
  });
  const asked = Promise.all([api.call('templates.all', {}), api.call('edition.recent', {})]);
  // While the answers travel: the headline word segmenter, which the first layout would wait for.
  warmWordSegmenter();
  const [{ templates }, { recovery, recent }] = await asked;
  let opened: Opened | null = null;
  if (recovery) {
    stage(`正在恢复 ${recovery.label}…`);
    try {
      const r = await api.call('edition.open', { path: recovery.path });
      if (r.edition)
        opened = { edition: r.edition, path: r.path, label: r.label ?? r.path, readOnly: !!r.readOnly };
    } catch {
      /* the file cannot be opened now: the sample opens, and the recent list still names it */
    }
  }
  // Edits this browser kept for a file that never acknowledged them: that file opens, and they come back.
  const storage = pageStorage();
  for (const kept of opened || !storage ? [] : allKeptEdits(storage)) {
    const entry = recent.find((r) => r.label === kept.label && r.exists);
    if (!entry) continue;
    try {
      const r = await api.call('edition.open', { path: entry.path });
      if (r.edition?.id === kept.edition && r.path) {
        opened = { edition: r.edition, path: r.path, label: r.label ?? r.path };
        break;
      }
    } catch {
      /* not openable now: the next, or the sample */
    }
  }
  if (!opened) {
    stage('正在打开示例期次…');
    const ed = await sample.catch(() => api.call('edition.openSample', {}));
    opened = { edition: ed.edition, path: null, label: null };
  }
  performance.mark('bm-edition');
  // Metrics for the characters the edition uses; glyphs come as the page view paints.
  const fonts = await loadScreenFonts(api, [opened.edition, templates], opened.edition);
  if (cancelled()) return null;
  performance.mark('bm-metrics');
  const session = new EditionSession(opened.edition, fonts.fontSet, templates as Record<string, Template>);
  performance.mark('bm-laid-out');
  if (opened.path) {
    session.setFile(opened.path, opened.label, !!opened.readOnly);
    if (recovery) goToPlace(session, recovery.place);
  }
  // The shown page's glyphs are asked for now, while React renders the workspace, not after the
  // page view's first paint finds them missing.
  for (const it of session.pages.get(session.currentPage)?.items ?? []) {
    if (it.kind === 'glyphs') for (const g of it.glyphs) fonts.glyphs.cmapGlyph(it.face, g.text);
  }
  return { session, fonts };
}
