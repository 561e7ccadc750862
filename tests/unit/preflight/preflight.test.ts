import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DisplayList, DisplayPage, GlyphRun, ImageItem } from '../../../engine/display/types';
import type { Asset, Edition } from '../../../engine/model/types';
import { loadFontSet } from '../../../electron/services/fonts';
import { exportPdf } from '../../../electron/services/pdf';
import { preflight, preparePreflightPhotos, tally } from '../../../electron/services/preflight';
import { loadTemplate } from '../../../electron/services/templates';
import { sampleEdition, samplePage } from '../../support/sample-edition';
import { renderCmyk } from '../../support/pdf-tools';
import { withoutIcc } from '../../support/images';

/** A small photo made by Ghostscript in the given colour model (jpeg = RGB, jpeggray, jpegcmyk). */
function photo(device: 'jpeg' | 'jpeggray' | 'jpegcmyk', px = 40): Asset {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-photo-'));
  try {
    const out = join(dir, 'p.jpg');
    execFileSync('gs', [
      '-q',
      '-dSAFER',
      '-dBATCH',
      '-dNOPAUSE',
      `-sDEVICE=${device}`,
      `-g${px}x${px}`,
      '-r72',
      '-o',
      out,
      '-c',
      '0.2 0.5 0.8 setrgbcolor 0 0 moveto 40 0 lineto 40 40 lineto fill showpage',
    ]);
    // Without the profile Ghostscript tags its files with: photos separated for this press already.
    const data = withoutIcc(readFileSync(out));
    return {
      id: `photo-${device}`,
      mime: 'image/jpeg',
      pixelWidth: px,
      pixelHeight: px,
      colorSpace: device === 'jpeg' ? 'rgb' : device === 'jpeggray' ? 'gray' : 'cmyk',
      data: data.toString('base64'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function image(asset: Asset, widthPt: number): ImageItem {
  return {
    kind: 'image',
    asset: asset.id,
    x: 100,
    y: 100,
    w: widthPt,
    h: widthPt,
    imageX: 100,
    imageY: 100,
    imageW: widthPt,
    imageH: widthPt,
    pixelWidth: asset.pixelWidth,
    pixelHeight: asset.pixelHeight,
    article: 'a1',
  };
}

function listOf(...pages: DisplayPage[]): DisplayList {
  return { version: 1, edition: { paper: '徐汇报', date: '2023-02-16', issue: 7 }, pages };
}

const codes = (
  edition: Edition,
  list: DisplayList,
  preset: 'print-x1a' | 'print-x4' | 'proof' = 'print-x1a',
) => preflight(edition, list, { preset }).map((f) => `${f.severity}:${f.code}`);

describe('preflight', () => {
  const edition = sampleEdition(1);

  it('passes a clean text page', () => {
    expect(preflight(edition, listOf(samplePage(1)))).toEqual([]);
  });

  it('reports overset with the text that did not fit', () => {
    const page = {
      ...samplePage(1),
      fits: [
        {
          article: 'a3',
          linesUsed: 40,
          linesAvailable: 40,
          oversetLines: 2,
          oversetChars: 31,
          undersetLines: 0,
          oversetText: '会议还研究了其他事项。',
        },
      ],
    };
    const [f] = preflight(edition, listOf(page));
    expect(f).toMatchObject({ severity: 'error', code: 'overset', page: 1, article: 'a3' });
    expect(f.message).toContain('超版 2 行');
    expect(f.message).toContain('会议还研究了');
  });

  it('reports a character no font has, with where it is in the article', () => {
    const page = {
      ...samplePage(1),
      missing: [{ article: 'a1', block: 2, offset: 14, char: '\u{17000}', face: 'noto-serif-sc-400' }],
    };
    const [f] = preflight(edition, listOf(page));
    expect(f).toMatchObject({
      severity: 'error',
      code: 'missing-glyph',
      article: 'a1',
      position: { block: 2, offset: 14 },
    });
    expect(f.message).toContain('U+17000');
  });

  it('reports text set in a fallback face because the block’s face lacks it', () => {
    const page = samplePage(1);
    const fonts = loadFontSet();
    const body = page.items.find(
      (i): i is GlyphRun => i.kind === 'glyphs' && i.face === 'noto-serif-sc-400',
    )!;
    // 𰻝 (biáng, of 𰻝𰻝面) is in Noto Sans SC but not in Noto Serif SC: layout takes it from the sans face.
    const sans = fonts.face('noto-sans-sc-400');
    expect(fonts.face('noto-serif-sc-400').has(0x30edd)).toBe(false);
    expect(sans.has(0x30edd)).toBe(true);
    page.items.push({
      ...body,
      face: 'noto-sans-sc-400',
      glyphs: [{ ...body.glyphs[3], gid: sans.glyphId(0x30edd), text: '𰻝' }],
    });
    const found = preflight(edition, listOf(page)).filter((f) => f.code === 'font-fallback');
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('𰻝');
    // A 黑体 dateline inside a 书宋 paragraph is styling, not a fallback.
    expect(preflight(edition, listOf(samplePage(1))).filter((f) => f.code === 'font-fallback')).toEqual([]);
  });

  it('converts RGB photos for print (a note, not an error), accepts grey and CMYK, and flags low effective resolution', async () => {
    const rgb = photo('jpeg'),
      gray = photo('jpeggray'),
      cmyk = photo('jpegcmyk');
    const ed = { ...edition, assets: [rgb, gray, cmyk] };
    for (const a of [rgb, gray, cmyk])
      for (const w of [9.6, 28.8])
        await preparePreflightPhotos(ed, listOf({ ...samplePage(1), items: [image(a, w)] }), {
          preset: 'print-x1a',
        });
    const page = (a: Asset, w: number) => ({ ...samplePage(1), items: [image(a, w)] });
    // 40 px over 9.6 pt: the 300 ppi of the output, so nothing is enlarged.
    expect(codes(ed, listOf(page(rgb, 9.6)))).toEqual(['info:image-rgb']);
    expect(preflight(ed, listOf(page(rgb, 9.6)))[0].message).toContain('转为 CMYK');
    expect(codes(ed, listOf(page(rgb, 9.6)), 'proof')).toEqual(['info:image-rgb']);
    expect(codes(ed, listOf(page(gray, 9.6)))).toEqual([]);
    expect(codes(ed, listOf(page(cmyk, 9.6)))).toEqual([]);
    // 40 px over 28.8 pt (0.4 in) is 100 ppi.
    const [low] = preflight(ed, listOf(page(cmyk, 28.8)));
    expect(low).toMatchObject({ severity: 'warning', code: 'image-low-resolution' });
    expect(low.message).toContain('100 ppi');
  });

  it('refuses a photo whose asset is missing or damaged', () => {
    const bad: Asset = {
      id: 'broken',
      mime: 'image/jpeg',
      pixelWidth: 10,
      pixelHeight: 10,
      colorSpace: 'cmyk',
      data: Buffer.from('not a jpeg').toString('base64'),
    };
    const ed = { ...edition, assets: [bad] };
    expect(codes(ed, listOf({ ...samplePage(1), items: [image(bad, 10)] }))).toEqual(['error:image-damaged']);
    expect(codes(edition, listOf({ ...samplePage(1), items: [image(bad, 10)] }))).toEqual([
      'error:image-missing',
    ]);
  });

  it('measures total ink against the newsprint limit, or the one given', () => {
    const page = samplePage(1);
    page.items.push({
      kind: 'box',
      x: 0,
      y: 0,
      w: 50,
      h: 20,
      fill: { c: 60, m: 60, y: 60, k: 100 },
      overprint: false,
      role: 'tint',
    });
    const [f] = preflight(edition, listOf(page));
    expect(f).toMatchObject({ severity: 'error', code: 'ink-limit' });
    expect(f.message).toContain('280%');
    expect(preflight(edition, listOf(page), { inkLimit: 300 })).toEqual([]);
  });

  it('takes the ink limit from the page template unless the caller sets one', () => {
    const page = samplePage(1);
    page.items.push({
      kind: 'box',
      x: 0,
      y: 0,
      w: 50,
      h: 20,
      fill: { c: 40, m: 40, y: 40, k: 100 },
      overprint: false,
      role: 'tint',
    });
    const sikai = loadTemplate('sikai');
    expect(sikai.inkLimit).toBe(240);
    // 220 % passes newsprint's default, fails a press that allows only 200 %, passes again when the caller allows 230 %.
    expect(preflight(edition, listOf(page), { templates: { sikai } })).toEqual([]);
    const strict = { sikai: { ...sikai, inkLimit: 200 } };
    expect(preflight(edition, listOf(page), { templates: strict })[0]).toMatchObject({
      severity: 'error',
      code: 'ink-limit',
    });
    expect(preflight(edition, listOf(page), { templates: strict, inkLimit: 230 })).toEqual([]);
  });

  it('catches white set to overprint and small text in rich black', () => {
    const page = samplePage(1);
    const body = page.items.find(
      (i): i is GlyphRun => i.kind === 'glyphs' && i.face === 'noto-serif-sc-400',
    )!;
    page.items.push({ ...body, color: { c: 0, m: 0, y: 0, k: 0 }, overprint: true });
    page.items.push({ ...body, color: { c: 60, m: 40, y: 40, k: 100 }, overprint: false });
    expect(codes(edition, listOf(page), 'print-x1a')).toEqual([
      'error:white-overprint',
      'warning:rich-black-text',
    ]);
  });

  it('flags empty photo frames (an error in print) and articles not on any page', () => {
    const page = samplePage(1);
    page.items.push({
      kind: 'box',
      x: 10,
      y: 10,
      w: 100,
      h: 80,
      stroke: { width: 0.25, color: { c: 0, m: 0, y: 0, k: 100 } },
      overprint: true,
      role: 'empty-photo',
    });
    const ed: Edition = {
      ...edition,
      articles: [...edition.articles, { id: 'a9', slug: '待用稿', status: 'edited', blocks: [] }],
    };
    const found = preflight(ed, listOf(page));
    expect(found.map((f) => `${f.severity}:${f.code}`)).toEqual([
      'error:photo-empty',
      'warning:article-unplaced',
    ]);
    expect(found[1].message).toContain('待用稿');
    expect(tally(found)).toEqual({ error: 1, warning: 1, info: 0 });
  });

  it('prints a CMYK photo in its own colours (no inverted plates)', async () => {
    const cmyk = photo('jpegcmyk');
    const ed = { ...edition, assets: [cmyk] };
    const pdf = await exportPdf(listOf({ ...samplePage(1), items: [image(cmyk, 40)] }), ed, {
      preset: 'print-x1a',
      exportTime: new Date(0),
    });
    const text = pdf.toString('latin1');
    expect(text).toContain('/ColorSpace /DeviceCMYK');
    expect(text).toContain('/Filter /DCTDecode');
    // Ghostscript separated RGB 0.2 0.5 0.8 to about C78 M49 Y0 K0 in the JPEG; inverted plates
    // (Adobe-marker CMYK stored inverted and not undone, or undone twice) would print about C22 M51 Y100 K100.
    const r = renderCmyk(pdf, 72);
    const i = (120 * r.width + 120) * 4;
    const [c, m, y, k] = [...r.data.subarray(i, i + 4)].map((v) => Math.round((v / 255) * 100));
    expect(Math.abs(c - 78)).toBeLessThan(6);
    expect(Math.abs(m - 49)).toBeLessThan(6);
    expect(y).toBeLessThan(6);
    expect(k).toBeLessThan(6);
  });
});
