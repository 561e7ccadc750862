// A new edition's page 2 running head reads 第2版 once (its section is not named 第2版 again).
import { describe, expect, it } from 'vitest';
import { nodeServices } from '../../../electron/services/api-services';
import { loadFontSet } from '../../../electron/services/fonts';
import { loadTemplates } from '../../../electron/services/templates';
import { layoutEdition } from '../../../engine/layout';

describe('new edition', () => {
  it('page 2 running head names the page once', () => {
    const ed = nodeServices().newEdition('sikai', '徐汇报', '2023-03-01', 2);
    const list = layoutEdition(ed, { fonts: loadFontSet(), templates: loadTemplates() }, { pages: [2] });
    const text = list.pages[0].items
      .filter((i) => i.kind === 'glyphs' && i.role === 'master')
      .map((i) => (i.kind === 'glyphs' ? i.glyphs.map((g) => g.text).join('') : ''))
      .join('|');
    expect(text).toContain('第2版');
    expect(text.match(/第2版/g)!.length).toBeLessThanOrEqual(2); // the running head's and the folio's
    expect(text).not.toMatch(/第2版\s*第2版/);
  });
});
