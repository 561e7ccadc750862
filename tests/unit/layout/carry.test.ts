// Metrics for new characters arrive while typing (renderer/fonts.ts): the pages are laid out again with
// a font set that knows them. Paragraphs without the new characters keep their compositions; the
// result must be exactly what laying out afresh with the extended set gives.
import { describe, expect, it } from 'vitest';
import { PartialFontSet } from '../../../engine/fonts/partial';
import type { MetricsTable } from '../../../engine/fonts/table';
import { layoutEdition } from '../../../engine/layout';
import { carryComposed } from '../../../engine/layout/cache';
import { fallbackChains, roleFaces } from '../../../electron/services/fonts';
import { screenTables } from '../../../electron/services/fonts/screen';
import { loadSampleEdition } from '../../../electron/services/sample';
import { loadTemplates } from '../../../electron/services/templates';
import { initialCodePoints } from '../../../renderer/fonts';
import type { Edition } from '../../../engine/model/types';

const templates = loadTemplates();
const tablesFor = (cps: Iterable<number>) =>
  new Map(screenTables([...cps]).map((t): [string, MetricsTable] => [t.id, t]));
const fontSet = (tables: Map<string, MetricsTable>) =>
  new PartialFontSet(tables, fallbackChains(), roleFaces(), () => {});

/** The sample with `text` typed at the end of the lead story's first body paragraph. */
function typed(text: string): Edition {
  const ed = structuredClone(loadSampleEdition());
  const a = ed.articles.find((x) => x.id === ed.pages[0].placements[0].article)!;
  const block = a.blocks.find((b) => b.type === 'paragraph')!;
  const leaf = block.children[block.children.length - 1];
  leaf.text += text;
  return ed;
}

describe('compositions carried to a font set with more characters', () => {
  it('lay the page out exactly as a fresh composition with that set', () => {
    const before = loadSampleEdition();
    const known = initialCodePoints([before, templates]);
    // Characters the sample never uses, typed into a paragraph: set with placeholders first.
    const NEW = '鑫骉';
    const ed = typed(NEW);
    const old = fontSet(tablesFor(known));
    const placeholder = layoutEdition(ed, { fonts: old, templates }, { pages: [1] }).pages[0];
    const added = [...NEW].map((c) => c.codePointAt(0)!);
    const extended = fontSet(tablesFor([...known, ...added]));
    carryComposed(old, extended, added);
    const carried = layoutEdition(ed, { fonts: extended, templates }, { pages: [1] }).pages[0];
    const fresh = layoutEdition(
      ed,
      { fonts: fontSet(tablesFor([...known, ...added])), templates },
      { pages: [1] },
    ).pages[0];
    expect(carried.items).toEqual(fresh.items);
    // The paragraph holding the new characters was composed again: its glyphs are no longer placeholders.
    expect(JSON.stringify(carried.items)).not.toEqual(JSON.stringify(placeholder.items));
  });
});
