// Rare characters (生僻字): 𠮷 (U+20BB7, Extension B) in a byline set in 黑体 is found in the role's
// fallback chain (Debian's Noto Sans CJK, CFF in a .ttc); 𠀎 (U+2000E, Extension B) is in
// no chain and comes from any installed face that has it (LXGW WenKai). Both are drawn from that face
// in the PDF (embedded subsets) and reported as fallbacks (warnings), not as missing (errors).
import { describe, expect, it } from 'vitest';
import { layoutEdition } from '../../../engine/layout';
import type { GlyphRun } from '../../../engine/display/types';
import type { Edition } from '../../../engine/model/types';
import { loadFontSet, NodeFontSet } from '../../../electron/services/fonts';
import { useEditionFonts } from '../../../electron/services/fonts/mapping';
import { screenFonts } from '../../../electron/services/fonts/screen';
import { exportPdf } from '../../../electron/services/pdf';
import { preflight } from '../../../electron/services/preflight';
import { loadSampleEdition } from '../../../electron/services/sample';
import { loadTemplates } from '../../../electron/services/templates';
import { pdffonts } from '../../support/pdf-tools';

/** The sample with a byline (署名, set in 黑体) naming `name` after a1's dateline. */
function withByline(name: string): Edition {
  const ed = structuredClone(loadSampleEdition());
  const a1 = ed.articles.find((a) => a.id === 'a1')!;
  (a1.blocks as unknown[]).splice(3, 0, { type: 'byline', children: [{ text: `记者 ${name}` }] });
  return ed;
}

describe('rare characters', () => {
  it('sets 𠮷 and 𠀎 from faces that have them, embeds those faces, and warns of the fallback', { timeout: 180_000 }, async () => {
    const templates = loadTemplates();
    const ed = withByline('𠮷𠀎明');
    useEditionFonts(ed, templates, { configDir: '/nonexistent' });
    const fonts = loadFontSet();
    const list = layoutEdition(ed, { fonts, templates });
    const page = list.pages.find((p) => p.items.some((i) => i.kind === 'glyphs' && i.glyphs.some((g) => g.text === '𠮷')))!;
    expect(page).toBeDefined();
    const runOf = (ch: string) => page.items.find((i): i is GlyphRun => i.kind === 'glyphs' && i.glyphs.some((g) => g.text === ch))!;
    expect(fonts.face(runOf('𠮷').face).path).toMatch(/NotoSansCJK-Regular\.ttc$/);
    expect(fonts.face(runOf('𠀎').face).path).toMatch(/LXGWWenKai-Regular\.ttf$/);
    expect(page.missing).toEqual([]);

    const findings = preflight(ed, { ...list, pages: [page] }, { templates, preset: 'proof' });
    expect(findings.filter((f) => f.code === 'missing-glyph')).toEqual([]);
    const warned = findings.filter((f) => f.code === 'font-fallback' && f.severity === 'warning').map((f) => f.message).join('\n');
    expect(warned).toContain('𠮷');
    expect(warned).toContain('𠀎');

    const pdf = await exportPdf({ ...list, pages: [page] }, ed, { preset: 'proof', pages: [page.number] });
    const embedded = pdffonts(Buffer.from(pdf));
    const noto = embedded.find((f) => /NotoSansCJKsc-Regular/.test(f.name));
    expect(noto).toMatchObject({ emb: true, sub: true, uni: true, type: 'CID Type 0C' });
    expect(embedded.find((f) => /LXGWWenKai-Regular/.test(f.name))).toMatchObject({ emb: true, sub: true, uni: true });

    // The page view is told the same: 𠀎 comes from LXGW WenKai, outside every chain.
    const screen = screenFonts(['𠀎'.codePointAt(0)!, '明'.codePointAt(0)!]);
    expect(fonts.face(screen.rare['𠀎'.codePointAt(0)!]).path).toMatch(/LXGWWenKai-Regular\.ttf$/);
    expect(screen.tables.some((t) => t.id === screen.rare['𠀎'.codePointAt(0)!])).toBe(true);
  });

  it('finds a rare character without fontconfig (as on Windows and macOS): the installed Chinese faces of the folder scan, asked in turn', { timeout: 180_000 }, () => {
    const fonts = new NodeFontSet(loadFontSet().registry);
    fonts.coverageOptions = { fontconfig: false };
    const id = fonts.rareFace(0x2000e);
    expect(id).not.toBeNull();
    expect(fonts.face(id!).path).toMatch(/LXGWWenKai-Regular\.ttf$/);
    // Private-use characters are never taken from another face.
    expect(fonts.rareFace(0xe000)).toBeNull();
  });
});
