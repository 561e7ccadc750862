// Photos made by the tests with libvips, through the export as a printing plant gets them: upright
// by their EXIF orientation, reduced to the output resolution in print and kept whole in proofs,
// separated by lcms with the plant's own profile (Ghostscript's default_cmyk.icc standing in for
// it), and within the ink limit whatever profile they came with.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { exportPdf } from '../../../electron/services/pdf';
import { exifOrientation } from '../../../electron/services/photos/decode';
import { profileDescription } from '../../../electron/services/photos/profile';
import { preflight, preparePreflightPhotos } from '../../../electron/services/preflight';
import {
  sampleEdition,
  sampleEditionWith as editionWith,
  sampleListOf as listOf,
  samplePageWith as pageWith,
} from '../../support/sample-edition';
import { asset, frame } from '../../support/images';
import { loadTemplates } from '../../../electron/services/templates';
import { gsSeparate, renderCmyk, tool, withFile } from '../../support/pdf-tools';

const TIME = new Date('2023-02-16T13:30:00Z');
const PLANT = [
  '/usr/share/color/icc/ghostscript/default_cmyk.icc',
  ...['10.00.0', '10.05.1', '9.56.1'].map((v) => `/usr/share/ghostscript/${v}/iccprofiles/default_cmyk.icc`),
].find(existsSync)!;
const FOREIGN = PLANT.replace('default_cmyk.icc', 'ps_cmyk.icc');
const ADOBE = PLANT.replace('default_cmyk.icc', 'a98.icc');
const base = sampleEdition(1);

interface Listed {
  type: string;
  width: number;
  height: number;
  color: string;
  enc: string;
}
function pdfimages(pdf: Buffer): Listed[] {
  return withFile(pdf, (p) => tool('pdfimages', ['-list', p]))
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((l) => {
      const c = l.trim().split(/\s+/);
      return { type: c[2], width: +c[3], height: +c[4], color: c[5], enc: c[8] };
    });
}

/** The page rendered by poppler (pdftoppm) as RGB at 72 dpi: pixels are points of the trim box. */
function renderRgb(pdf: Buffer): { width: number; data: Buffer } {
  return withFile(pdf, (p, dir) => {
    execFileSync('pdftoppm', ['-r', '72', '-cropbox', '-singlefile', p, `${dir}/r`]);
    const buf = readFileSync(`${dir}/r.ppm`);
    const m = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(buf.toString('latin1', 0, 40))!;
    return { width: +m[1], data: buf.subarray(m[0].length) };
  });
}
const rgbAt = (r: { width: number; data: Buffer }, x: number, y: number) => [
  ...r.data.subarray((y * r.width + x) * 3, (y * r.width + x) * 3 + 3),
];

/** A landscape picture stored sideways (left half red, right half blue) with EXIF orientation 6: upright, red is on top. */
async function sidewaysPortrait(): Promise<Buffer> {
  const w = 160,
    h = 120,
    px = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) px.set(x < w / 2 ? [220, 30, 30] : [30, 40, 200], (y * w + x) * 3);
  return sharp(px, { raw: { width: w, height: h, channels: 3 } })
    .jpeg({ quality: 95 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

describe('photos the way the plant needs them', () => {
  it('prints an EXIF-rotated portrait upright, in proof and in print', async () => {
    const jpg = await sidewaysPortrait();
    expect(exifOrientation(jpg)).toBe(6);
    const a = asset('portrait', 'image/jpeg', jpg, 120, 160, 'rgb'); // upright size, as the page view shows it
    const page = pageWith(frame(a, 120)); // 120 × 160 pt at (100, 100)
    const ed = editionWith(a);
    const proof = renderRgb(await exportPdf(listOf(page), ed, { preset: 'proof', exportTime: TIME }));
    const [top, bottom] = [rgbAt(proof, 160, 130), rgbAt(proof, 160, 230)];
    expect(top[0] > 150 && top[2] < 100, `top ${top}`).toBe(true);
    expect(bottom[2] > 150 && bottom[0] < 100, `bottom ${bottom}`).toBe(true);
    const print = await exportPdf(listOf(page), ed, { preset: 'print-x1a', exportTime: TIME });
    expect(pdfimages(print)[0]).toMatchObject({ width: 120, height: 160, color: 'cmyk' });
    const plate = renderCmyk(print, 72);
    const inkAt = (x: number, y: number) => {
      const i = (y * plate.width + x) * 4;
      return [...plate.data.subarray(i, i + 4)];
    };
    const [ptop, pbottom] = [inkAt(160, 130), inkAt(160, 230)];
    expect(ptop[1] > 150 && ptop[0] < 80, `print top (CMYK) ${ptop}`).toBe(true); // red: magenta, little cyan
    expect(pbottom[0] > 150 && pbottom[2] < 60, `print bottom (CMYK) ${pbottom}`).toBe(true); // blue: cyan and magenta, no yellow
  });

  it('reduces a 24-megapixel photo to the output resolution in print and keeps it whole in the proof', async () => {
    const jpg = await sharp({
      create: { width: 6000, height: 4000, channels: 3, background: { r: 120, g: 160, b: 200 } },
    })
      .jpeg({ quality: 80 })
      .toBuffer();
    const a = asset('big', 'image/jpeg', jpg, 6000, 4000, 'rgb');
    const page = pageWith(frame(a, 216)); // 3 in wide: 900 px at 300 ppi
    const ed = editionWith(a);
    const print = pdfimages(await exportPdf(listOf(page), ed, { preset: 'print-x4', exportTime: TIME }));
    expect(print).toEqual([{ type: 'image', width: 900, height: 600, color: 'cmyk', enc: 'jpeg' }]);
    const at200 = pdfimages(
      await exportPdf(listOf(page), ed, { preset: 'print-x4', exportTime: TIME, resolution: 200 }),
    );
    expect(at200[0]).toMatchObject({ width: 600, height: 400 });
    const proof = pdfimages(await exportPdf(listOf(page), ed, { preset: 'proof', exportTime: TIME }));
    expect(proof[0]).toMatchObject({ width: 6000, height: 4000, color: 'rgb' });
  });

  it('says when a photo prints below the output resolution and is enlarged there', async () => {
    const jpg = await sharp({
      create: { width: 500, height: 400, channels: 3, background: { r: 90, g: 90, b: 40 } },
    })
      .jpeg()
      .toBuffer();
    const a = asset('mid', 'image/jpeg', jpg, 500, 400, 'rgb');
    const list = listOf(pageWith(frame(a, 144))); // 250 ppi
    await preparePreflightPhotos(editionWith(a), list, { preset: 'print-x1a' });
    const f = preflight(editionWith(a), list, { preset: 'print-x1a' }).find(
      (x) => x.code === 'image-upsampled',
    );
    expect(f?.message).toContain('250 ppi，低于输出分辨率 300 ppi');
  });

  it('embeds the plant’s profile byte for byte as the output intent, and separates photos with it', async () => {
    const profile = readFileSync(PLANT);
    // Left half a skin tone, right half a deep navy (over 300 % through this profile).
    const px = Buffer.alloc(96 * 64 * 3);
    for (let i = 0; i < 96 * 64; i++) px.set(i % 96 < 48 ? [200, 150, 120] : [20, 10, 40], i * 3);
    const jpg = await sharp(px, { raw: { width: 96, height: 64, channels: 3 } })
      .jpeg({ quality: 95, chromaSubsampling: '4:4:4' })
      .toBuffer();
    const a = asset('night', 'image/jpeg', jpg, 96, 64, 'rgb');
    const pdf = await exportPdf(listOf(pageWith(frame(a, 96))), editionWith(a), {
      preset: 'print-x1a',
      exportTime: TIME,
      outputProfile: PLANT,
      preflight: { inkLimit: 260 },
    });
    const plain = withFile(pdf, (p, dir) => {
      tool('qpdf', ['--stream-data=uncompress', '--decode-level=generalized', p, `${dir}/u.pdf`]);
      return readFileSync(`${dir}/u.pdf`);
    });
    expect(plain.indexOf(profile)).toBeGreaterThan(0);
    const desc = profileDescription(profile)!;
    expect(desc).toBe('Artifex CMYK SWOP Profile');
    expect(plain.toString('latin1')).toContain(`/OutputCondition (${desc})`);
    expect(plain.toString('latin1')).toContain('/OutputConditionIdentifier (Custom)');
    const r = renderCmyk(pdf, 72);
    const inkAt = (x: number, y: number) => {
      const i = (y * r.width + x) * 4;
      return [...r.data.subarray(i, i + 4)];
    };
    // The skin tone prints as Ghostscript's lcms separates it with the same profile.
    const theirs = gsSeparate(PLANT, [200, 150, 120]);
    const ours = inkAt(124, 132);
    expect(
      ours.every((v, i) => Math.abs(v - theirs[i]) <= 10),
      `ours ${ours} gs ${theirs}`,
    ).toBe(true);
    // The navy, over 300 % through the profile, is held to the 260 % asked for, its black kept.
    const navy = inkAt(172, 132);
    expect(
      navy.every((v) => v > 0),
      `navy ${navy}`,
    ).toBe(true);
    const total = ((navy[0] + navy[1] + navy[2] + navy[3]) / 255) * 100;
    expect(total, `navy ${navy}`).toBeLessThanOrEqual(262);
    expect(total, `navy ${navy}`).toBeGreaterThan(245);
  });

  it('takes the plant’s profile and the output resolution from the page’s template', async () => {
    const templates = loadTemplates();
    const id = base.pages[0].template;
    const own = { ...templates, [id]: { ...templates[id], outputProfile: PLANT, resolution: 150 } };
    const jpg = await sharp({
      create: { width: 1200, height: 800, channels: 3, background: { r: 200, g: 120, b: 60 } },
    })
      .jpeg()
      .toBuffer();
    const a = asset('tpl', 'image/jpeg', jpg, 1200, 800, 'rgb');
    const pdf = await exportPdf(listOf(pageWith(frame(a, 216))), editionWith(a), {
      preset: 'print-x4',
      exportTime: TIME,
      preflight: { templates: own },
    });
    expect(pdfimages(pdf)[0]).toMatchObject({ width: 450, height: 300, color: 'cmyk' }); // 3 in at 150 ppi
    const plain = withFile(pdf, (p, dir) => {
      tool('qpdf', ['--stream-data=uncompress', p, `${dir}/u.pdf`]);
      return readFileSync(`${dir}/u.pdf`);
    });
    expect(plain.indexOf(readFileSync(PLANT))).toBeGreaterThan(0);
  });

  it('brings an Adobe RGB photo and a CMYK photo in another press’s profile within the ink limit', async () => {
    const dark = Buffer.alloc(64 * 64 * 3);
    for (let i = 0; i < 64 * 64; i++) dark.set(i % 64 < 32 ? [10, 20, 60] : [200, 30, 20], i * 3);
    const adobe = await sharp(dark, { raw: { width: 64, height: 64, channels: 3 } })
      .withIccProfile(ADOBE)
      .jpeg({ quality: 95 })
      .toBuffer();
    const cmyk = await sharp(dark, { raw: { width: 64, height: 64, channels: 3 } })
      .toColourspace('cmyk')
      .withIccProfile(FOREIGN)
      .jpeg({ quality: 95 })
      .toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    const a = asset('adobe', 'image/jpeg', adobe, 64, 64, 'rgb'),
      c = asset('agency', 'image/jpeg', cmyk, 64, 64, 'cmyk');
    const ed = editionWith(a, c);
    const page = pageWith(frame(a, 15.36), { ...frame(c, 15.36), y: 200, imageY: 200 });
    await preparePreflightPhotos(ed, listOf(page), {
      preset: 'print-x1a',
      inkLimit: 240,
      photos: { outputProfile: PLANT },
    });
    const found = preflight(ed, listOf(page), {
      preset: 'print-x1a',
      inkLimit: 240,
      photos: { outputProfile: PLANT },
    });
    expect(found.filter((f) => f.severity === 'error')).toEqual([]);
    expect(found.map((f) => f.code)).toContain('image-cmyk-converted');
    expect(found.find((f) => f.code === 'image-rgb')?.message).toContain('A98');
    const pdf = await exportPdf(listOf(page), ed, {
      preset: 'print-x1a',
      exportTime: TIME,
      outputProfile: PLANT,
      preflight: { inkLimit: 240 },
    });
    const r = renderCmyk(pdf, 288);
    let max = 0;
    for (let j = 0; j < r.data.length; j += 4)
      max = Math.max(max, r.data[j] + r.data[j + 1] + r.data[j + 2] + r.data[j + 3]);
    // JPEG at quality 90 moves a sample by a level or two: the plate stays within a point of the limit.
    expect((max / 255) * 100).toBeLessThanOrEqual(241.5);
    expect((max / 255) * 100).toBeGreaterThan(200);
  });
});
