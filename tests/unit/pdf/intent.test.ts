// The rendering intent of the photos' separation, as the template or `export --intent` states it:
// a saturated sRGB photo separated with Ghostscript's default_cmyk.icc prints measurably other ink
// under absolute colorimetric, as Ghostscript's own lcms separates it under that intent, and preflight
// says which intent it used. (This profile's perceptual, colorimetric and saturation tables are one
// table, so relative and saturation print as perceptual with it.)
import { existsSync, readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { DisplayPage, ImageItem } from '../../../engine/display/types';
import type { Asset, Edition } from '../../../engine/model/types';
import { validateTemplate } from '../../../engine/templates';
import { roleTable } from '../../../electron/services/fonts/mapping';
import { templatesDir } from '../../../electron/services/paths';
import { exportPdf } from '../../../electron/services/pdf';
import { preflight, preparePreflightPhotos } from '../../../electron/services/preflight';
import { loadTemplates } from '../../../electron/services/templates';
import { sampleEdition, samplePage } from '../../support/sample-edition';
import { asset, frame } from '../../support/images';
import { gsSeparate, renderCmyk } from '../../support/pdf-tools';
import { cliInProcess } from '../../support/cli';

const TIME = new Date('2023-02-16T13:30:00Z');
const PLANT = [
  '/usr/share/color/icc/ghostscript/default_cmyk.icc',
  ...['10.00.0', '10.05.1', '9.56.1'].map((v) => `/usr/share/ghostscript/${v}/iccprofiles/default_cmyk.icc`),
].find(existsSync)!;
const base = sampleEdition(1);
const list = (...items: ImageItem[]) => ({
  version: 1 as const,
  edition: { paper: '徐汇报', date: '2023-02-16', issue: 7 },
  pages: [{ ...samplePage(1), items } as DisplayPage],
});
const editionWith = (...assets: Asset[]): Edition => ({ ...base, assets });

// Four bands, 24 pt each at 72 dpi: a strong red, green, blue and orange, inside this press's gamut
// (colours beyond it print solid under either intent).
const BANDS = [
  [200, 60, 70],
  [60, 160, 80],
  [60, 80, 170],
  [210, 130, 60],
];
async function saturatedPhoto(): Promise<Asset> {
  const w = 96,
    h = 24,
    px = Buffer.alloc(w * h * 3);
  for (let i = 0; i < w * h; i++) px.set(BANDS[Math.floor((i % w) / 24)], i * 3);
  const jpg = await sharp(px, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 100, chromaSubsampling: '4:4:4' })
    .toBuffer();
  return asset('bands', 'image/jpeg', jpg, w, h, 'rgb');
}

/** The ink of each band's middle, as poppler renders the printed page in CMYK. */
function bandInk(pdf: Buffer): number[][] {
  const r = renderCmyk(pdf, 72);
  return BANDS.map((_, b) => {
    const i = (112 * r.width + 100 + 24 * b + 12) * 4;
    return [...r.data.subarray(i, i + 4)];
  });
}

const total = (ink: number[]) => ink.reduce((a, b) => a + b, 0);

describe('rendering intent of the photos’ separation', () => {
  it('gives measurably different ink under perceptual and absolute colorimetric, absolute as Ghostscript separates it', async () => {
    const a = await saturatedPhoto();
    const ed = editionWith(a);
    const item = frame(a, 96);
    const made = async (intent?: 'absolute' | 'perceptual') =>
      bandInk(
        await exportPdf(list(item), ed, {
          preset: 'print-x1a',
          exportTime: TIME,
          outputProfile: PLANT,
          preflight: { inkLimit: 400 },
          force: true,
          ...(intent ? { intent } : {}),
        }),
      );
    const perceptual = await made();
    const absolute = await made('absolute');
    expect(await made('perceptual')).toEqual(perceptual);
    // Absolute colorimetric keeps sRGB's D50 white against this profile's darker paper: every band
    // is lighter by far more than JPEG noise.
    for (let b = 0; b < BANDS.length; b++) {
      const diff = perceptual[b].reduce((s, v, i) => s + Math.abs(v - absolute[b][i]), 0);
      expect(diff, `band ${b}: perceptual ${perceptual[b]} absolute ${absolute[b]}`).toBeGreaterThan(40);
      expect(total(absolute[b])).toBeLessThan(total(perceptual[b]));
    }
    // Absolute colorimetric as Ghostscript's lcms separates each band's colour under that intent.
    for (let b = 0; b < BANDS.length; b++) {
      const theirs = gsSeparate(PLANT, BANDS[b], 3);
      expect(
        absolute[b].every((v, i) => Math.abs(v - theirs[i]) <= 8),
        `band ${b}: ours ${absolute[b]} gs ${theirs}`,
      ).toBe(true);
    }
  });

  it('takes the template’s intent as the default, and preflight says which intent it used', async () => {
    const a = await saturatedPhoto();
    const ed = editionWith(a);
    const templates = loadTemplates();
    const id = base.pages[0].template;
    const own = {
      ...templates,
      [id]: { ...templates[id], outputProfile: PLANT, renderingIntent: 'absolute' as const },
    };
    const pdfOf = (o: { templates?: typeof own; intent?: 'absolute' | 'perceptual' }) =>
      exportPdf(list(frame(a, 96)), ed, {
        preset: 'print-x1a',
        exportTime: TIME,
        force: true,
        preflight: { templates: o.templates, inkLimit: 400 },
        ...(o.templates ? {} : { outputProfile: PLANT }),
        ...(o.intent ? { intent: o.intent } : {}),
      });
    const byTemplate = bandInk(await pdfOf({ templates: own }));
    expect(byTemplate).toEqual(bandInk(await pdfOf({ intent: 'absolute' })));
    expect(byTemplate).not.toEqual(bandInk(await pdfOf({})));
    // The command line's (or caller's) intent wins over the template's.
    expect(bandInk(await pdfOf({ templates: own, intent: 'perceptual' }))).toEqual(bandInk(await pdfOf({})));

    const options = { preset: 'print-x1a' as const, templates: own, inkLimit: 400 };
    const photos = { outputProfile: PLANT, intent: 'absolute' as const };
    const display = list(frame(a, 96));
    await preparePreflightPhotos(ed, display, { ...options, photos });
    const said = preflight(ed, display, { ...options, photos }).find((f) => f.code === 'image-rgb');
    expect(said?.message).toContain('再现意图绝对比色');
  });

  it('refuses an intent that does not exist, on the command line and in a template', async () => {
    const bad = await cliInProcess('export', '--sample', '--intent', 'vivid', '-o', '/nonexistent/x.pdf');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--intent "vivid" is not one of perceptual, relative, saturation, absolute');
    const raw = JSON.parse(readFileSync(`${templatesDir()}/sikai.json`, 'utf8'));
    expect(() =>
      validateTemplate({ ...raw, renderingIntent: 'vivid' }, 'sikai', 'templates/sikai.json', roleTable()),
    ).toThrow(/renderingIntent: must be one of perceptual, relative, saturation, absolute, got "vivid"/);
    const ok = validateTemplate(
      { ...raw, renderingIntent: 'saturation' },
      'sikai',
      'templates/sikai.json',
      roleTable(),
    );
    expect(ok.renderingIntent).toBe('saturation');
  });
});
