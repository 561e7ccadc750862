import { samplePageText } from '../../support/sample-page';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { resolveGlyph } from '../../../engine/fonts/metrics';
import { TableFontSet, TableMetrics } from '../../../engine/fonts/table';
import { fallbackChains, fontFile, loadFontSet, metricsTable, roleFaces } from '../../../electron/services/fonts';

const fonts = loadFontSet();
const cps = (s: string) => [...s].map((c) => c.codePointAt(0)!);

/** All code points of the real sample page. */
function sampleCodePoints(): number[] {
  const text = samplePageText();
  return [...new Set(cps(text))].sort((a, b) => a - b);
}

/** The 3,755 characters of GB 2312 level 1 (常用字), decoded from their GB code points. */
function gb2312Level1(): number[] {
  const out: number[] = [];
  const dec = new TextDecoder('gbk');
  for (let hi = 0xb0; hi <= 0xd7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      if (hi === 0xd7 && lo > 0xf9) break;
      out.push(dec.decode(new Uint8Array([hi, lo])).codePointAt(0)!);
    }
  }
  return out;
}

describe('font registry', () => {
  it('names the faces by the roles editors use, and flags stand-ins', () => {
    expect(fonts.roleFace('书宋')).toEqual({ face: 'noto-serif-sc-400', substitute: false });
    expect(fonts.roleFace('标宋')?.face).toBe('noto-serif-sc-700');
    expect(fonts.roleFace('大标宋')?.face).toBe('noto-serif-sc-900');
    expect(fonts.roleFace('黑体')?.face).toBe('noto-sans-sc-500');
    expect(fonts.roleFace('粗黑')?.face).toBe('noto-sans-sc-700');
    // 楷体 is LXGW WenKai where Debian's fonts-lxgw-wenkai is installed (.ci/run installs it).
    expect(fonts.roleFace('楷体')).toEqual({ face: 'lxgw-wenkai-400-system', substitute: false });
    const fang = fonts.roleFace('仿宋');
    expect(fang?.substitute).toBe(true);
    expect(fang?.reason).toMatch(/仿宋.*installed face/);
    expect(fonts.roleFace('隶书')).toBeNull();
  });

  it('resolves every required face to a font file from an npm package', () => {
    for (const id of ['noto-serif-sc-400', 'noto-serif-sc-700', 'noto-serif-sc-900', 'noto-sans-sc-400', 'noto-sans-sc-500', 'noto-sans-sc-700']) {
      expect(fontFile(id)).toMatch(/node_modules\/@expo-google-fonts\/noto-(serif|sans)-sc\/.*\.ttf$/);
    }
    expect(() => fontFile('no-such-face')).toThrow(/unknown font face/);
  });

  it('falls back from serif to sans and leaves uninstalled system faces out of the chain', () => {
    const chain = fonts.fallbackChain('noto-serif-sc-400');
    expect(chain.slice(0, 2)).toEqual(['noto-serif-sc-400', 'noto-sans-sc-400']);
    for (const id of chain) expect(fonts.path(id)).not.toBeNull();
  });
});

describe('fontkit metrics', () => {
  const body = fonts.face('noto-serif-sc-400');

  it('gives the em-box metrics and advances of the body face', () => {
    expect(body.unitsPerEm).toBe(1000);
    expect([body.ascender, body.descender]).toEqual([880, -120]);
    expect(body.advance(cps('中')[0])).toBe(1000);
    expect(body.advance(cps('，')[0])).toBe(1000);
    // Latin is proportional: narrower than the em.
    expect(body.advance(cps('i')[0])).toBeLessThan(400);
  });

  it('agrees with fontkit on glyph ids and horizontal advances', () => {
    const font = body.font;
    for (const cp of sampleCodePoints()) {
      const g = font.glyphForCodePoint(cp);
      expect(body.glyphId(cp)).toBe(g.id);
      expect(body.advance(cp)).toBe(g.advanceWidth);
    }
  });

  it('substitutes vertical forms of CJK punctuation from GSUB vert, and keeps ideographs as they are', () => {
    for (const ch of '《》“”（），。、：；…「」') {
      const cp = ch.codePointAt(0)!;
      expect(body.verticalGlyphId(cp), ch).not.toBe(body.glyphId(cp));
    }
    for (const ch of '中国新闻') expect(body.verticalGlyphId(ch.codePointAt(0)!)).toBe(body.glyphId(ch.codePointAt(0)!));
    // The em dash has no vertical form in these faces: layout must rotate it.
    expect(body.verticalGlyphId(0x2014)).toBe(body.glyphId(0x2014));
  });

  it('reads vertical advances from vmtx (fontkit leaves them at 0)', () => {
    expect((body.font.glyphForCodePoint(0x4e2d) as unknown as { advanceHeight: number }).advanceHeight).toBe(0);
    expect(body.verticalAdvance(0x4e2d)).toBe(1000);
    // A proportional Latin letter still advances one em down a vertical column.
    expect(body.verticalAdvance(cps('A')[0])).toBe(1000);
  });

  it('reports the OpenType features layout may rely on', () => {
    expect(body.hasFeature('vert')).toBe(true);
    expect(body.hasFeature('halt')).toBe(true);
    expect(body.hasFeature('zzzz')).toBe(false);
  });

  it('reports a character no face in the chain covers instead of drawing tofu', () => {
    // A Tangut ideograph: no Chinese face covers it.
    expect(resolveGlyph(fonts, 'noto-serif-sc-400', 0x17000)).toBeNull();
    const hit = resolveGlyph(fonts, 'noto-serif-sc-400', cps('报')[0]);
    expect(hit).toMatchObject({ face: 'noto-serif-sc-400', fallback: false, advanceEm: 1 });
  });

  it('falls back to the system CJK face for a name character the SC packages lack', () => {
    const cp = 0x20bb7; // 𠮷, found in personal names
    const chain = fonts.fallbackChain('noto-serif-sc-400');
    if (!chain.includes('noto-serif-cjk-sc-400-system')) return; // Debian's fonts-noto-cjk not installed
    expect(fonts.face('noto-serif-sc-400').has(cp)).toBe(false);
    const hit = resolveGlyph(fonts, 'noto-serif-sc-400', cp);
    expect(hit?.fallback).toBe(true);
    expect(hit?.face).toMatch(/-system$/);
  });
});

describe('metrics tables for the renderer', () => {
  const ids = ['noto-serif-sc-400', 'noto-sans-sc-500', 'noto-serif-sc-900'];
  const probe = [...new Set([...sampleCodePoints(), ...gb2312Level1(), 0x17000, 0x20bb7, 0x41, 0x3000, 0xff0c])];

  it('round-trips through JSON and gives exactly the fontkit numbers', () => {
    expect(gb2312Level1()).toHaveLength(3755);
    for (const id of ids) {
      const node = fonts.face(id);
      const table = new TableMetrics(JSON.parse(JSON.stringify(metricsTable(id))));
      expect([table.unitsPerEm, table.ascender, table.descender]).toEqual([node.unitsPerEm, node.ascender, node.descender]);
      for (const cp of probe) {
        const at = `${id} U+${cp.toString(16)}`;
        expect(table.has(cp), at).toBe(node.has(cp));
        expect(table.glyphId(cp), at).toBe(node.glyphId(cp));
        if (!node.has(cp)) continue;
        expect(table.advance(cp), at).toBe(node.advance(cp));
        expect(table.verticalGlyphId(cp), at).toBe(node.verticalGlyphId(cp));
        expect(table.verticalAdvance(cp), at).toBe(node.verticalAdvance(cp));
      }
      for (const tag of ['vert', 'halt', 'palt', 'kern', 'liga', 'smcp']) expect(table.hasFeature(tag)).toBe(node.hasFeature(tag));
    }
  });

  it('is small enough to ship to the renderer', () => {
    expect(JSON.stringify(metricsTable('noto-serif-sc-400')).length).toBeLessThan(64 * 1024);
  });

  it('resolves with the same fallbacks as the Node font set', () => {
    const set = new TableFontSet(ids.concat('noto-sans-sc-400').map((id) => metricsTable(id)), fallbackChains(), roleFaces());
    for (const role of ['书宋', '标宋', '大标宋', '黑体', '细黑', '粗黑', '楷体', '仿宋', '隶书']) expect(set.faceForRole(role)).toEqual(fonts.faceForRole(role));
    for (const cp of cps('本报讯徐汇区“学习强国”A1')) {
      expect(resolveGlyph(set, 'noto-serif-sc-400', cp)).toEqual(resolveGlyph(fonts, 'noto-serif-sc-400', cp));
    }
  });

  it('refuses a table of another format', () => {
    const t = { ...metricsTable('noto-serif-sc-400'), format: 'other/9' };
    expect(() => new TableMetrics(t as never)).toThrow(/format/);
  });
});

describe('laziness', () => {
  it('opens no font file until a face is used', async () => {
    const { NodeFontSet } = await import('../../../electron/services/fonts');
    const { readRegistry } = await import('../../../electron/services/fonts/registry');
    const set = new NodeFontSet(readRegistry());
    expect(set.fallbackChain('noto-sans-sc-500')[0]).toBe('noto-sans-sc-500');
    expect((set as unknown as { opened: Map<string, unknown> }).opened.size).toBe(0);
    set.face('noto-sans-sc-500');
    expect((set as unknown as { opened: Map<string, unknown> }).opened.size).toBe(1);
  });

  it('matches a fresh fontkit parse of the file (same file the PDF embeds)', () => {
    const f = fontkit.openSync(fontFile('noto-sans-sc-500')) as fontkit.Font;
    const face = fonts.face('noto-sans-sc-500');
    for (const ch of '本报记者张三摄') expect(face.glyphId(ch.codePointAt(0)!)).toBe(f.glyphForCodePoint(ch.codePointAt(0)!).id);
  });
});
