// Edits the file has not acknowledged are kept in the page's storage per edition file, and a new page
// puts them back as unsaved changes: autosave then sends exactly what the old page would have sent.
import { createEditor, Transforms, type Descendant } from 'slate';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFontSet } from '../../../electron/services/fonts';
import { loadSampleEdition } from '../../../electron/services/sample';
import { loadTemplates } from '../../../electron/services/templates';
import type { FontSet } from '../../../engine/fonts/metrics';
import type { Block } from '../../../engine/model/types';
import type { Template } from '../../../engine/templates';
import { EditionSession } from '../../../renderer/state/session';
import { blockText } from '../../../engine/text/count';
import {
  allKeptEdits,
  changeCount,
  forgetEdits,
  keepEdits,
  keptEdits,
} from '../../../renderer/state/unsaved';

let fonts: FontSet;
let templates: Record<string, Template>;
beforeAll(() => {
  fonts = loadFontSet();
  templates = loadTemplates();
});

/** A Storage as the browser gives it, with a quota. */
class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  constructor(private quota = Infinity) {}
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (v.length > this.quota) throw new DOMException('quota exceeded', 'QuotaExceededError');
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
  clear() {
    this.items.clear();
  }
}

function typed(words: string): EditionSession {
  const s = new EditionSession(loadSampleEdition(), fonts, templates);
  s.setFile('晚班.banmian');
  const e = createEditor();
  e.children = s.article('a1')!.blocks as unknown as Descendant[];
  Transforms.insertText(e, words, { at: { path: [3, 0], offset: 0 } });
  s.textChanged(
    'a1',
    e.children as unknown as Block[],
    { kind: 'text', article: 'a1', ops: [...e.operations], at: 0 },
    false,
  );
  const p = s.edition.pages[0];
  s.setPlacements(
    p.number,
    '移动',
    p.placements.map((pl, i) =>
      i === 0 ? { ...pl, regions: pl.regions.map((r) => ({ ...r, line: r.line + 1 })) } : pl,
    ),
  );
  return s;
}

describe('edits kept in the browser', () => {
  it('come back in a new page as the same unsaved changes, on the text and the page', () => {
    const storage = new MemoryStorage();
    const before = typed('【断线时输入】');
    const pending = before.pendingChanges();
    expect(changeCount(pending)).toBe(2);
    expect(keepEdits(storage, before.edition.id, before.label!, before.path!, pending)).toBe(true);

    // The page is reloaded: the file still has the old text.
    const after = new EditionSession(loadSampleEdition(), fonts, templates);
    after.setFile('晚班.banmian');
    const kept = keptEdits(storage, after.edition.id, after.label!)!;
    const generation = after.generation;
    after.restoreEdits(kept);
    expect(after.dirty).toBe(true);
    expect(after.save.kind).toBe('unsaved');
    expect(after.generation).toBeGreaterThan(generation);
    expect(blockText(after.article('a1')!.blocks[3].children)).toMatch(/^【断线时输入】/);
    const again = after.pendingChanges();
    expect({ articles: again.articles, pages: again.pages, comments: again.comments }).toEqual({
      articles: pending.articles,
      pages: pending.pages,
      comments: pending.comments,
    });
    // The restored layout shows the moved story where it was moved to.
    expect(after.edition.pages[0].placements[0]).toEqual(before.edition.pages[0].placements[0]);
  });

  it('belong to one edition file: another edition under the same name, or another file, gets nothing', () => {
    const storage = new MemoryStorage();
    const s = typed('甲');
    keepEdits(storage, s.edition.id, '晚班.banmian', s.path!, s.pendingChanges());
    expect(keptEdits(storage, 'ed-another', '晚班.banmian')).toBeNull();
    expect(keptEdits(storage, s.edition.id, '早班.banmian')).toBeNull();
    expect(allKeptEdits(storage).map((k) => k.label)).toEqual(['晚班.banmian']);
    forgetEdits(storage, s.edition.id, '晚班.banmian');
    expect(allKeptEdits(storage)).toEqual([]);
  });

  it('say so when the browser refuses to keep them, and damaged entries are ignored', () => {
    const s = typed('乙');
    expect(keepEdits(new MemoryStorage(10), s.edition.id, '晚班.banmian', s.path!, s.pendingChanges())).toBe(
      false,
    );
    const storage = new MemoryStorage();
    storage.setItem(`banmian:unsaved:${s.edition.id}\u0000晚班.banmian`, '{not json');
    expect(keptEdits(storage, s.edition.id, '晚班.banmian')).toBeNull();
    expect(allKeptEdits(storage)).toEqual([]);
  });
});
