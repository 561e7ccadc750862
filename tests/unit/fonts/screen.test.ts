// Fonts by need: partial metrics tables answer exactly as the whole face does for the characters
// they know, set a placeholder and report anything else; merged tables know both; the screen fonts
// cut from the PDF's files map each character to the very outline of the original face.
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { mergeTables, PartialFontSet } from '../../../engine/fonts/partial';
import { TableMetrics, type MetricsTable } from '../../../engine/fonts/table';
import { layoutEdition } from '../../../engine/layout';
import { fallbackChains, loadFontSet, metricsTable, roleFaces } from '../../../electron/services/fonts';
import { screenSubset, screenTables } from '../../../electron/services/fonts/screen';
import { loadSampleEdition } from '../../../electron/services/sample';
import { loadTemplates } from '../../../electron/services/templates';
import { initialCodePoints } from '../../../renderer/fonts';

const FACE = 'noto-serif-sc-400';
const cps = (s: string) => [...new Set([...s].map((c) => c.codePointAt(0)!))];
const sampleText = JSON.stringify(loadSampleEdition()) + JSON.stringify(loadTemplates());

function fontSetOver(tables: MetricsTable[], wanted: [string, number][] = []): PartialFontSet {
  const chains = fallbackChains();
  return new PartialFontSet(new Map(tables.map((t) => [t.id, t])), chains, roleFaces(), (f, cp) => wanted.push([f, cp]));
}

describe('partial metrics tables', () => {
  it('answer as the whole face for what they know, and report the rest with a placeholder', () => {
    const text = '版面排版，Banmian 2025年。“引号”';
    const whole = new TableMetrics(metricsTable(FACE));
    const wanted: [string, number][] = [];
    const set = fontSetOver(JSON.parse(JSON.stringify(screenTables(cps(text)))), wanted);
    const part = set.face(FACE);
    for (const cp of cps(text)) {
      expect([part.has(cp), part.glyphId(cp), part.advance(cp), part.verticalGlyphId(cp), part.verticalAdvance(cp)])
        .toEqual([whole.has(cp), whole.glyphId(cp), whole.advance(cp), whole.verticalGlyphId(cp), whole.verticalAdvance(cp)]);
    }
    expect(wanted).toEqual([]);
    const unknown = '鑫'.codePointAt(0)!;
    expect(part.has(unknown)).toBe(true);
    expect(part.glyphId(unknown)).toBe(0);
    expect(part.advance(unknown)).toBe(part.unitsPerEm);
    expect(wanted).toContainEqual([FACE, unknown]);
  });

  it('merged, know both halves exactly, and lay out the sample as fontkit does', () => {
    // What the renderer asks for at the start: the edition's and the templates' characters, and layout's own.
    const all = [...initialCodePoints([loadSampleEdition(), loadTemplates()])];
    const half = Math.floor(all.length / 2);
    const a = JSON.parse(JSON.stringify(screenTables(all.slice(0, half)))) as MetricsTable[];
    const b = JSON.parse(JSON.stringify(screenTables(all.slice(half)))) as MetricsTable[];
    const merged = new Map<string, MetricsTable>();
    for (const t of [...a, ...b]) merged.set(t.id, merged.has(t.id) ? mergeTables(merged.get(t.id)!, t) : t);
    const wanted: [string, number][] = [];
    const set = fontSetOver([...merged.values()], wanted);
    const whole = new TableMetrics(metricsTable(FACE));
    for (const cp of all) expect(set.face(FACE).advance(cp)).toBe(whole.advance(cp));
    const edition = loadSampleEdition();
    const screen = layoutEdition(edition, { fonts: set, templates: loadTemplates() });
    const print = layoutEdition(edition, { fonts: loadFontSet(), templates: loadTemplates() });
    expect(wanted).toEqual([]);
    expect(JSON.stringify(screen)).toBe(JSON.stringify(print));
  });

  it('are small: the sample page needs tens of kilobytes of metrics, not a whole face', () => {
    const size = JSON.stringify(screenTables(cps(sampleText))).length;
    expect(size).toBeLessThan(200 * 1024);
  });
});

describe('screen fonts', () => {
  it('map each character to the original face\'s own outline and advance', () => {
    const text = '版面排版，Banmian 2025年。“引号”鑫';
    const made = screenSubset(FACE, cps(text))!;
    expect(made.codePoints.sort((x, y) => x - y)).toEqual(cps(text).sort((x, y) => x - y));
    const sub = fontkit.create(Buffer.from(made.bytes)) as Font;
    const orig = loadFontSet().face(FACE).font;
    for (const ch of new Set(text)) {
      const g = sub.glyphForCodePoint(ch.codePointAt(0)!);
      const o = orig.glyphForCodePoint(ch.codePointAt(0)!);
      expect(g.id).toBeGreaterThan(0);
      expect(g.path.toSVG()).toBe(o.path.toSVG());
      expect(g.advanceWidth).toBe(o.advanceWidth);
    }
    // A character the face lacks is left out, not mapped to .notdef.
    expect(screenSubset(FACE, cps('\u{1F600}'))!.codePoints).toEqual([]);
    // A few glyphs make a few kilobytes.
    expect(made.bytes.length).toBeLessThan(40 * 1024);
  });
});
