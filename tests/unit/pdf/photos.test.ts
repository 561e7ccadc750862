// Photos on their way to the press: decoded from every kind of file a newsroom gets (libvips), RGB
// separated by lcms through the output intent's profile (the built-in newsprint profile here), ink
// measured as it prints, checked with the printer's own tools (pdfimages, Ghostscript, qpdf).
import { describe, expect, it } from 'vitest';
import type {
  DisplayItem,
  DisplayList,
  DisplayPage,
  GlyphRun,
  ImageItem,
} from '../../../engine/display/types';
import type { Asset, Edition } from '../../../engine/model/types';
import { exportPdf } from '../../../electron/services/pdf';
import { cmykToLab } from '../../../electron/services/pdf/icc';
import {
  checkJpegSupported,
  decodePng,
  jpegFrame,
  MAX_PHOTO_PIXELS,
} from '../../../electron/services/pdf/raster';
import { decodeRaster, photoFacts, separateForPrint } from '../../../electron/services/photos/decode';
import {
  photoReport,
  preflight,
  preparePreflightPhotos,
  type PreflightOptions,
} from '../../../electron/services/preflight';
import {
  sampleEditionWith as editionWith,
  sampleListOf as listOf,
  samplePage,
  samplePageWith as pageWith,
} from '../../support/sample-edition';
import {
  ADOBE_RGB,
  QUADRANTS,
  asset,
  cmykJpeg,
  frame,
  iccProfile,
  png,
  pngWithIcc,
  progressiveJpeg,
  rgbJpeg,
  scene,
  withIcc,
} from '../../support/images';
import { photoRgbProfile, readRgbProfile, SRGB } from '../../../electron/services/pdf/rgb-profile';
import { gsSeparate, qpdfCheck, renderCmyk, tool, withFile } from '../../support/pdf-tools';

const TIME = new Date('2023-02-16T13:30:00Z');
/**
 * Preflight as the export runs it: photos prepared by libvips first. The note that a photo prints
 * below the 300-ppi output resolution (most frames here are 200–240 ppi) is left out: it has its
 * own test (plate-photos.test.ts).
 */
async function pf(ed: Edition, list: DisplayList, o: Partial<PreflightOptions> = {}) {
  await preparePreflightPhotos(ed, list, o);
  return preflight(ed, list, o).filter((f) => f.code !== 'image-upsampled');
}
async function report(ed: Edition, list: DisplayList, o: Partial<PreflightOptions> = {}) {
  await preparePreflightPhotos(ed, list, o);
  return photoReport(ed, list, o);
}
const codes = async (
  ed: Edition,
  page: DisplayPage,
  preset: 'print-x1a' | 'print-x4' | 'proof' = 'print-x1a',
) => (await pf(ed, listOf(page), { preset })).map((f) => `${f.severity}:${f.code}`);

const PROFILE = `${process.cwd()}/electron/services/pdf/newsprint-cmyk.icc`;
/** Colours as the plate gets them (lcms through the newsprint profile, ink limited), in a lossless PNG, one pixel each. */
async function separateColors(rgbs: number[][], inkLimit = 240, icc?: Buffer): Promise<number[][]> {
  let file = png({ width: rgbs.length, height: 1, colorType: 2, bitDepth: 8, samples: rgbs.flat() });
  if (icc) file = pngWithIcc(file, icc);
  const s = await separateForPrint(file, await photoFacts(file), {
    outputProfile: PROFILE,
    inkLimit,
    target: null,
    transparency: 'flatten',
    quality: 90,
    grayAsK: false,
  });
  return rgbs.map((_, i) => [...s.samples.subarray(4 * i, 4 * i + 4)]);
}
const separateColor = async (rgb: number[], inkLimit = 240, icc?: Buffer) =>
  (await separateColors([rgb], inkLimit, icc))[0];

interface ListedImage {
  type: string;
  width: number;
  height: number;
  color: string;
  comp: number;
  bpc: number;
  enc: string;
  xppi: number;
}
function pdfimages(pdf: Buffer): ListedImage[] {
  const out = withFile(pdf, (p) => tool('pdfimages', ['-list', p]));
  return out
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((l) => {
      const c = l.trim().split(/\s+/);
      return {
        type: c[2],
        width: +c[3],
        height: +c[4],
        color: c[5],
        comp: +c[6],
        bpc: +c[7],
        enc: c[8],
        xppi: +c[12],
      };
    });
}

/** CMYK of the rendered page (pamcmyk32 at 72 dpi) at a point, in percent. */
function inkAt(r: ReturnType<typeof renderCmyk>, x: number, y: number): number[] {
  const i = (Math.round(y) * r.width + Math.round(x)) * 4;
  return [...r.data.subarray(i, i + 4)].map((v) => Math.round((v / 255) * 100));
}

const close = (a: number[], b: number[], tol: number) => a.every((v, i) => Math.abs(v - b[i]) <= tol);

function invert3(m: number[][]): number[][] {
  const [a, b, c] = m[0],
    [d, e, f] = m[1],
    [g, h, i] = m[2];
  const A = e * i - f * h,
    B = -(d * i - f * g),
    C = d * h - e * g,
    det = a * A + b * B + c * C;
  return [
    [A / det, -(b * i - c * h) / det, (b * f - c * e) / det],
    [B / det, (a * i - c * g) / det, -(a * f - c * d) / det],
    [C / det, -(a * h - b * g) / det, (a * e - b * d) / det],
  ];
}
const SRGB_FROM_XYZ = invert3(SRGB.matrix);

describe('decoding what newsrooms send', () => {
  it('reads a baseline RGB JPEG and a progressive one to their colours', async () => {
    const base = await decodeRaster(rgbJpeg());
    expect([base.width, base.height, base.space]).toEqual([64, 48, 'rgb']);
    for (const [x, y, q] of [
      [8, 8, 0],
      [56, 8, 1],
      [8, 40, 2],
      [56, 40, 3],
    ]) {
      const i = (y * 64 + x) * 3;
      expect(close([...base.data.subarray(i, i + 3)], QUADRANTS[q], 4), `quadrant ${q}`).toBe(true);
    }
    const prog = await decodeRaster(progressiveJpeg());
    expect([prog.width, prog.height, prog.space]).toEqual([48, 32, 'rgb']);
    expect(close([...prog.data.subarray((16 * 48 + 8) * 3, (16 * 48 + 8) * 3 + 3)], [200, 40, 40], 4)).toBe(
      true,
    );
    expect(close([...prog.data.subarray((16 * 48 + 40) * 3, (16 * 48 + 40) * 3 + 3)], [40, 90, 200], 4)).toBe(
      true,
    );
  });

  it('reads CMYK JPEGs as ink, undoing Adobe’s inverted storage', async () => {
    const r = await decodeRaster(cmykJpeg([0.1, 0.7, 0.2, 0.05]));
    expect(r.space).toBe('cmyk');
    const px = [...r.data.subarray(0, 4)].map((v) => Math.round((v / 255) * 100));
    expect(close(px, [10, 70, 20, 5], 2)).toBe(true);
  });

  it('reads PNGs of every colour type, bit depth and interlace exactly', () => {
    const w = 13,
      h = 9; // odd sizes: partial bytes at row ends, empty Adam7 passes
    const rgb = [...scene(w, h)];
    const cases = [
      { name: 'RGB 8', colorType: 2, bitDepth: 8, samples: rgb, want: rgb, space: 'rgb' },
      {
        name: 'RGB 16',
        colorType: 2,
        bitDepth: 16,
        samples: rgb.map((v) => v * 257 + 3),
        want: rgb,
        space: 'rgb',
      },
      {
        name: 'RGB 8 interlaced',
        colorType: 2,
        bitDepth: 8,
        samples: rgb,
        want: rgb,
        space: 'rgb',
        interlace: true,
      },
      {
        name: 'grey 2-bit',
        colorType: 0,
        bitDepth: 2,
        samples: rgb.filter((_, i) => i % 3 === 0).map((v) => v >> 6),
        want: rgb.filter((_, i) => i % 3 === 0).map((v) => (v >> 6) * 85),
        space: 'gray',
      },
      {
        name: 'grey 16 interlaced',
        colorType: 0,
        bitDepth: 16,
        samples: rgb.filter((_, i) => i % 3 === 0).map((v) => v * 257),
        want: rgb.filter((_, i) => i % 3 === 0),
        space: 'gray',
        interlace: true,
      },
    ];
    for (const c of cases) {
      const r = decodePng(png({ width: w, height: h, ...c }));
      expect(r.space, c.name).toBe(c.space);
      expect([...r.data], c.name).toEqual(c.want);
      expect(r.alpha, c.name).toBeNull();
    }
    // Palette of four colours, 2 bits per pixel; one entry half transparent.
    const palette = QUADRANTS.flat();
    const idx = Array.from({ length: w * h }, (_, i) => i % 4);
    const pal = decodePng(
      png({ width: w, height: h, colorType: 3, bitDepth: 2, samples: idx, palette, trns: [255, 128] }),
    );
    expect(pal.space).toBe('rgb');
    expect([...pal.data.subarray(3, 6)]).toEqual(QUADRANTS[1]);
    expect([...pal.alpha!.subarray(0, 4)]).toEqual([255, 128, 255, 255]);
    // A palette of greys stays grey: one ink.
    const grey = decodePng(
      png({
        width: 4,
        height: 1,
        colorType: 3,
        bitDepth: 8,
        samples: [0, 1, 0, 1],
        palette: [10, 10, 10, 200, 200, 200],
      }),
    );
    expect(grey.space).toBe('gray');
    expect([...grey.data]).toEqual([10, 200, 10, 200]);
    // RGBA 8.
    const rgba = decodePng(
      png({ width: 2, height: 1, colorType: 6, bitDepth: 8, samples: [255, 0, 0, 0, 0, 0, 255, 255] }),
    );
    expect([...rgba.alpha!]).toEqual([0, 255]);
  });

  it('refuses absurd pixel counts from the header, and damaged files, with clear messages', async () => {
    const huge = png({ width: 1, height: 1, colorType: 2, bitDepth: 8, samples: [1, 2, 3] });
    huge.writeUInt32BE(20000, 16); // IHDR width
    huge.writeUInt32BE(20000, 20);
    expect(() => decodePng(huge)).toThrow(/20000×20000 像素.*超过可处理的上限/);
    expect(20000 * 20000).toBeGreaterThan(MAX_PHOTO_PIXELS);
    const jpg = rgbJpeg();
    const hugeJpeg = Buffer.from(jpg);
    const sof = hugeJpeg.indexOf(Buffer.from([0xff, 0xc0]));
    hugeJpeg.writeUInt16BE(60000, sof + 5); // height
    hugeJpeg.writeUInt16BE(60000, sof + 7); // width
    await expect(decodeRaster(hugeJpeg)).rejects.toThrow(/超过可处理的上限 6000 万像素/);
    await expect(decodeRaster(jpg.subarray(0, jpg.length / 2))).rejects.toThrow(/无法解码/);
    expect(() =>
      decodePng(
        png({ width: 4, height: 4, colorType: 2, bitDepth: 8, samples: Array(48).fill(9) }).subarray(0, 50),
      ),
    ).toThrow(/PNG/);
    const arithmetic = Buffer.from(jpg);
    arithmetic[arithmetic.indexOf(Buffer.from([0xff, 0xc0])) + 1] = 0xc9;
    expect(() => checkJpegSupported(jpegFrame(arithmetic))).toThrow(/算术编码.*不支持/);
  });
});

describe('RGB photos separated for newsprint', () => {
  it('separates as the declared output profile does (Ghostscript converting with newsprint-cmyk.icc)', async () => {
    // Mid-tones inside the newsprint gamut: the colours photos are made of.
    const rgbs = [
      [200, 150, 120],
      [128, 128, 128],
      [51, 128, 204],
      [90, 140, 60],
      [220, 30, 30],
    ];
    const ours = await separateColors(rgbs, 400);
    rgbs.forEach((rgb, i) => {
      const theirs = gsSeparate(PROFILE, rgb).map((v) => v / 255);
      const [x, y] = [cmykToLab(ours[i].map((v) => v / 255)), cmykToLab(theirs)];
      // Both are lcms through the same profile; the sRGB profiles (libvips' and Ghostscript's own)
      // and the intents (libvips: perceptual; Ghostscript: its default for vector colour) differ a
      // little — most on neutral mid-grey (about 7 ΔE: K45 against K38), never a different separation.
      const dE = Math.hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]);
      expect(
        dE,
        `${rgb}: ours ${ours[i].map((v) => Math.round((v / 255) * 100))} gs ${theirs.map((v) => Math.round(v * 100))}`,
      ).toBeLessThan(8);
    });
  });

  it('holds every pixel to the ink limit, white to bare paper', async () => {
    const grid: number[][] = [];
    for (let r = 0; r <= 255; r += 15)
      for (let g = 0; g <= 255; g += 15) for (let b = 0; b <= 255; b += 15) grid.push([r, g, b]);
    for (const limit of [240, 220]) {
      const sep = await separateColors(grid, limit);
      const max = Math.max(...sep.map((c) => c[0] + c[1] + c[2] + c[3]));
      expect(max).toBeLessThanOrEqual(Math.floor((limit * 255) / 100));
      expect(max).toBeGreaterThan(Math.floor((limit * 255) / 100) - 8); // the darkest colours reach it
      expect(sep[sep.length - 1]).toEqual([0, 0, 0, 0]);
    }
  });

  it('exports an RGB JPEG to PDF/X-1a as 8-bit DeviceCMYK, printing its colours within the limit', async () => {
    const a = asset('rgb-photo', 'image/jpeg', rgbJpeg(), 64, 48, 'rgb');
    const ed = editionWith(a);
    const page = pageWith(frame(a, 128)); // 64 px over 128 pt: 36 ppi, a low-resolution warning
    expect(await codes(ed, page)).toEqual(['warning:image-low-resolution', 'info:image-rgb']);
    const pdf = await exportPdf(listOf(page), ed, { preset: 'print-x1a', exportTime: TIME });
    expect(qpdfCheck(pdf)).toMatch(/No syntax or stream encoding errors/);
    const [img] = pdfimages(pdf);
    expect(img).toMatchObject({
      width: 64,
      height: 48,
      color: 'cmyk',
      comp: 4,
      bpc: 8,
      enc: 'jpeg',
      xppi: 36,
    });
    expect(pdf.toString('latin1')).not.toContain('/DeviceRGB');
    // Rendered by Ghostscript: each quadrant prints as the separation says, and no pixel passes 240 %.
    const r = renderCmyk(pdf, 72);
    // The render is of the trim box at 72 dpi: pixels are points. Quadrant centres of the 128 × 96 pt frame:
    const at = [
      [132, 124],
      [196, 124],
      [132, 172],
      [196, 172],
    ];
    const want = await separateColors(QUADRANTS);
    QUADRANTS.forEach((_q, i) => {
      const got = inkAt(r, at[i][0], at[i][1]);
      expect(
        close(
          got,
          want[i].map((v) => Math.round((v / 255) * 100)),
          4,
        ),
        `quadrant ${i}: ${got} vs ${want[i]}`,
      ).toBe(true);
    });
    let max = 0;
    for (let i = 0; i < r.data.length; i += 4)
      max = Math.max(max, r.data[i] + r.data[i + 1] + r.data[i + 2] + r.data[i + 3]);
    expect((max / 255) * 100).toBeLessThanOrEqual(240.5);
  });

  it('keeps RGB in proofs, and prints a grey photo saved as RGB in black alone', async () => {
    const a = asset('rgb-photo', 'image/jpeg', rgbJpeg(), 64, 48, 'rgb');
    // A 16-bit PNG goes into the proof at 8 bits: PDF 1.4 has no 16-bit samples.
    const deep = asset(
      'deep',
      'image/png',
      png({
        width: 16,
        height: 12,
        colorType: 2,
        bitDepth: 16,
        samples: [...scene(16, 12)].map((v) => v * 257),
      }),
      16,
      12,
      'rgb',
    );
    const proof = await exportPdf(
      listOf(pageWith(frame(a, 128), { ...frame(deep, 64), y: 300, imageY: 300 })),
      editionWith(a, deep),
      { preset: 'proof', exportTime: TIME },
    );
    expect(pdfimages(proof).map(({ color, enc, bpc }) => ({ color, enc, bpc }))).toEqual([
      { color: 'rgb', enc: 'jpeg', bpc: 8 },
      { color: 'rgb', enc: 'image', bpc: 8 },
    ]);

    const greys = png({
      width: 16,
      height: 16,
      colorType: 2,
      bitDepth: 8,
      samples: Array.from({ length: 256 }, (_, i) => [i, i, i]).flat(),
    });
    const g = asset('grey-rgb', 'image/png', greys, 16, 16, 'rgb');
    const ed = editionWith(g);
    expect(
      (await pf(ed, listOf(pageWith(frame(g, 5))))).find((f) => f.code === 'image-rgb')?.message,
    ).toContain('灰度');
    const pdf = await exportPdf(listOf(pageWith(frame(g, 5))), ed, { preset: 'print-x1a', exportTime: TIME });
    expect(pdfimages(pdf)[0]).toMatchObject({ color: 'gray', comp: 1, bpc: 8 });
    // Black alone, lighter steps lighter, the ends paper and solid (rendered by Ghostscript).
    const r = renderCmyk(pdf, 72);
    const row = [101, 102, 103, 104].map((x) => inkAt(r, x, 102));
    expect(
      row.every((c) => c[0] === 0 && c[1] === 0 && c[2] === 0),
      `${row}`,
    ).toBe(true);
    for (let i = 1; i < row.length; i++) expect(row[i][3], `${row}`).toBeLessThan(row[i - 1][3]);
  });

  it('flattens transparency on paper white for PDF/X-1a and keeps it as a soft mask in PDF/X-4', async () => {
    const samples = Array.from({ length: 64 }, (_, i) => [20, 120, 200, i < 32 ? 0 : 255]).flat();
    const a = asset(
      'rgba',
      'image/png',
      png({ width: 8, height: 8, colorType: 6, bitDepth: 8, samples }),
      8,
      8,
      'rgb',
    );
    const ed = editionWith(a);
    const page = pageWith(frame(a, 2.88));
    expect(await codes(ed, page)).toEqual(['warning:image-transparency', 'info:image-rgb']);
    expect(await codes(ed, page, 'print-x4')).toEqual(['info:image-rgb']);
    const x1a = await exportPdf(listOf(page), ed, { preset: 'print-x1a', exportTime: TIME });
    expect(pdfimages(x1a).map((i) => i.type)).toEqual(['image']);
    expect(x1a.toString('latin1')).not.toContain('/SMask');
    const x4 = await exportPdf(listOf(page), ed, { preset: 'print-x4', exportTime: TIME });
    expect(pdfimages(x4).map((i) => `${i.type}:${i.color}`)).toEqual(['image:cmyk', 'smask:gray']);
    expect(qpdfCheck(x4)).toMatch(/No syntax or stream encoding errors/);
  });
});

describe('the photo’s own RGB', () => {
  const adobe = iccProfile(ADOBE_RGB);
  const srgbOf = (rgb: number[]): [number, number, number] => {
    // Adobe RGB → XYZ (D50) → sRGB, by the profiles' matrices: the colour the separation must print.
    const lin = rgb.map((v) => (v / 255) ** ADOBE_RGB.gamma);
    const xyz = [0, 1, 2].map(
      (i) => ADOBE_RGB.r[i] * lin[0] + ADOBE_RGB.g[i] * lin[1] + ADOBE_RGB.b[i] * lin[2],
    );
    const m = SRGB_FROM_XYZ;
    const srgb = m.map((row) => row[0] * xyz[0] + row[1] * xyz[1] + row[2] * xyz[2]);
    return srgb.map((v) =>
      Math.round(255 * (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055)),
    ) as [number, number, number];
  };

  it('reads an embedded matrix/TRC profile from JPEG and PNG, and takes untagged photos as sRGB', () => {
    const p = readRgbProfile(adobe)!;
    expect(p.name).toBe('Adobe RGB (1998)');
    expect(p.matrix[0][0]).toBeCloseTo(0.60974, 4);
    expect(p.toLinear[1](0.5)).toBeCloseTo(0.5 ** ADOBE_RGB.gamma, 3);
    expect(photoRgbProfile('image/jpeg', withIcc(rgbJpeg(), adobe)).name).toBe('Adobe RGB (1998)');
    const flat = png({ width: 2, height: 1, colorType: 2, bitDepth: 8, samples: [1, 2, 3, 4, 5, 6] });
    expect(photoRgbProfile('image/png', pngWithIcc(flat, adobe)).name).toBe('Adobe RGB (1998)');
    expect(photoRgbProfile('image/jpeg', rgbJpeg()).key).toBe('srgb');
    expect(photoRgbProfile('image/jpeg', withIcc(rgbJpeg(), Buffer.from('not a profile'))).key).toBe('srgb');
  });

  it('separates an Adobe RGB photo as the colours it means, not as if it were sRGB', async () => {
    for (const rgb of [
      [100, 150, 100],
      [180, 120, 90],
      [90, 110, 170],
    ]) {
      const inSrgb = srgbOf(rgb);
      expect(
        inSrgb.every((v) => v >= 0 && v <= 255),
        `${rgb} lies inside sRGB`,
      ).toBe(true);
      const viaProfile = await separateColor(rgb, 240, adobe);
      const plain = await separateColor(inSrgb);
      expect(close(viaProfile, plain, 6), `${rgb}: ${viaProfile} vs ${plain}`).toBe(true);
    }
    // Taken as sRGB, Adobe RGB's greens would print visibly off.
    const green = [60, 160, 60];
    const asTagged = await separateColor(green, 240, adobe),
      asUntagged = await separateColor(green);
    expect(Math.max(...asTagged.map((v, i) => Math.abs(v - asUntagged[i])))).toBeGreaterThan(12);
    // Through the export: the tagged photo's plate carries the profile's separation.
    const jpg = withIcc(
      rgbJpeg(64, 48, Uint8Array.from(Array.from({ length: 64 * 48 }, () => green).flat())),
      adobe,
    );
    const a = asset('adobe', 'image/jpeg', jpg, 64, 48, 'rgb');
    const found = await pf(editionWith(a), listOf(pageWith(frame(a, 23.04))));
    expect(found.map((f) => f.message).join()).toContain('Adobe RGB (1998)');
    const pdf = await exportPdf(listOf(pageWith(frame(a, 23.04))), editionWith(a), {
      preset: 'print-x1a',
      exportTime: TIME,
    });
    const got = inkAt(renderCmyk(pdf, 72), 110, 110);
    expect(
      close(
        got,
        asTagged.map((v) => Math.round((v / 255) * 100)),
        3,
      ),
      `${got} vs ${asTagged}`,
    ).toBe(true);
  });
});

describe('ink and resolution over photos', () => {
  it('finds a CMYK photo’s shadows over the limit, says how high and where, and not when cropped away', async () => {
    // A light tint, with the bottom-right quarter C80 M70 Y70 K90 = 310 %.
    // 48 px: the shadow's edge falls on a JPEG block edge, so no ringing crosses into the left half.
    const jpg = cmykJpeg([0.1, 0.1, 0.1, 0.4], 48, [0.8, 0.7, 0.7, 0.9]);
    const a = asset('agency', 'image/jpeg', jpg, 48, 48, 'cmyk');
    const ed = editionWith(a);
    const whole = frame(a, 14.4); // 48 px over 0.2 in: 240 ppi
    const [f] = await pf(ed, listOf(pageWith(whole)));
    expect(f).toMatchObject({ severity: 'error', code: 'ink-limit', page: 1, article: 'a1' });
    expect(f.message).toMatch(/最高 3(0[5-9]|1[0-5])%，超过上限 240%/);
    const pos = f.position as { x: number; y: number };
    expect(pos.x).toBeGreaterThan(100 + 7.2); // in the right half of the frame
    expect(pos.y).toBeGreaterThan(100 + 7.2); // and the lower half (PostScript drew it from the bottom)
    // The same photo cropped to its left half prints no shadow: nothing to report.
    const cropped: ImageItem = { ...whole, w: 7.2 };
    expect(await codes(ed, pageWith(cropped))).toEqual([]);
    // A template or edition may allow more.
    expect(await pf(ed, listOf(pageWith(whole)), { inkLimit: 320 })).toEqual([]);
  });

  it('measures ink as the plate gets it, with and without Adobe’s marker (inverted or plain CMYK)', async () => {
    const adobe = cmykJpeg([0.1, 0.6, 0.3, 0.2], 48);
    const at = adobe.indexOf(Buffer.from([0xff, 0xee]));
    expect(at).toBeGreaterThan(0);
    // Without APP14 the same samples mean ink as stored: a different picture, which must print as measured.
    const plain = Buffer.concat([adobe.subarray(0, at), adobe.subarray(at + 2 + adobe.readUInt16BE(at + 2))]);
    for (const [name, bytes] of [
      ['adobe', adobe],
      ['plain', plain],
    ] as const) {
      const decoded = await decodeRaster(bytes);
      const ink = [...decoded.data.subarray(0, 4)].map((v) => Math.round((v / 255) * 100));
      const a = asset(name, 'image/jpeg', bytes, 48, 48, 'cmyk');
      const [facts] = await report(editionWith(a), listOf(pageWith(frame(a, 48))));
      let most = 0;
      for (let i = 0; i < decoded.data.length; i += 4)
        most = Math.max(
          most,
          decoded.data[i] + decoded.data[i + 1] + decoded.data[i + 2] + decoded.data[i + 3],
        );
      expect(Math.abs(facts.maxInk! - (most * 100) / 255), name).toBeLessThanOrEqual(0.5);
      expect(Math.abs(facts.maxInk! - ink.reduce((x, y) => x + y, 0)), name).toBeLessThanOrEqual(6);
      const pdf = await exportPdf(listOf(pageWith(frame(a, 48))), editionWith(a), {
        preset: 'print-x1a',
        exportTime: TIME,
        force: true,
      });
      expect(
        close(inkAt(renderCmyk(pdf, 72), 124, 124), ink, 2),
        `${name}: printed ${inkAt(renderCmyk(pdf, 72), 124, 124)} measured ${ink}`,
      ).toBe(true);
    }
  });

  it('adds black set to overprint on a photo to the photo’s own ink, and leaves knockouts alone', async () => {
    const a = asset('dark', 'image/jpeg', cmykJpeg([0.6, 0.5, 0.5, 0.6], 48), 48, 48, 'cmyk'); // 220 %: within the limit alone
    const ed = editionWith(a);
    const body = samplePage(1).items.find((i): i is GlyphRun => i.kind === 'glyphs' && i.role === 'body')!;
    // A 12-pt line of type and a 2-pt rule in K100, both overprinting (ink limits are about areas).
    const credit: GlyphRun = {
      ...body,
      size: 12,
      x: 101 - body.glyphs[0].x,
      y: 112,
      glyphs: body.glyphs.slice(0, 1),
      overprint: true,
    };
    const rule: DisplayItem = {
      kind: 'rule',
      x1: 100,
      y1: 113,
      x2: 114.4,
      y2: 113,
      width: 2,
      color: { c: 0, m: 0, y: 0, k: 100 },
      overprint: true,
    };
    const photo = frame(a, 14.4); // 48 px over 0.2 in: 240 ppi
    expect(await codes(ed, pageWith(photo))).toEqual([]);
    const found = await pf(ed, listOf({ ...samplePage(1), items: [photo, credit, rule] }));
    expect(found.map((f) => `${f.severity}:${f.code}`)).toEqual([
      'error:ink-limit-overprint',
      'warning:ink-limit-overprint',
    ]);
    expect(found[0].message).toMatch(/线条.*叠印在照片上，叠加后总墨量 2[5-6]\d%，超过上限 240%/);
    expect(found[1].article).toBe(body.glyphs[0].src.article);
    // Knocked out, or painted before the photo (the photo covers it): nothing adds up.
    expect(await codes(ed, { ...samplePage(1), items: [photo, { ...credit, overprint: false }] })).toEqual(
      [],
    );
    // Press practice: small black type and hairlines overprint photos; their strokes are no area of ink.
    expect(
      await codes(ed, {
        ...samplePage(1),
        items: [photo, { ...credit, size: 9 }, { ...rule, width: 0.5 } as DisplayItem],
      }),
    ).toEqual([]);
    expect(await codes(ed, { ...samplePage(1), items: [rule, photo] })).toEqual([]);
  });

  it('measures effective resolution from the file’s pixels at the printed scale, per photo', async () => {
    const a = asset('rgb-photo', 'image/jpeg', rgbJpeg(), 64, 48, 'rgb');
    const fit = frame(a, 23.04); // 64 px over 0.32 in: 200 ppi
    // Filled into a frame half as wide: the image is drawn twice as large, cropped to the frame.
    const fill: ImageItem = { ...fit, w: 23.04, imageW: 46.08, imageH: 34.56, imageX: 100 - 11.52 };
    const lying = asset('rgb-photo', 'image/jpeg', rgbJpeg(), 640, 480, 'rgb'); // the record says 640 px; the file has 64
    const facts = await report(editionWith(lying), listOf(pageWith(fit, fill)));
    expect(facts.map((p) => Math.round(p.ppi))).toEqual([200, 100]);
    expect(facts[0]).toMatchObject({
      page: 1,
      article: 'a1',
      asset: 'rgb-photo',
      pixels: { width: 64, height: 48 },
      source: 'rgb',
      treatment: 'separated',
    });
    expect(facts[0].maxInk).toBeGreaterThan(150);
    expect(facts[0].maxInk).toBeLessThanOrEqual(240);
    expect(await codes(editionWith(lying), pageWith(fill))).toEqual([
      'warning:image-low-resolution',
      'info:image-rgb',
    ]);
  });

  it('still makes a proof, and a forced print file, when a photo cannot be read, its frame crossed out', async () => {
    const cut = asset('cut', 'image/jpeg', rgbJpeg().subarray(0, 300), 64, 48, 'rgb');
    const broken = png({ width: 8, height: 8, colorType: 2, bitDepth: 8, samples: Array(192).fill(7) });
    const bad = asset(
      'bad',
      'image/png',
      Buffer.concat([broken.subarray(0, 41), Buffer.from('not zlib at all'), broken.subarray(56)]),
      8,
      8,
      'rgb',
    );
    const page = pageWith(frame(cut, 64), { ...frame(bad, 32), y: 300, imageY: 300 });
    const ed = editionWith(cut, bad);
    const proof = await exportPdf(listOf(page), ed, { preset: 'proof', exportTime: TIME });
    expect(qpdfCheck(proof)).toMatch(/No syntax or stream encoding errors/);
    expect(pdfimages(proof)).toEqual([]);
    expect(
      withFile(proof, (p) => tool('pdftotext', ['-enc', 'UTF-8', p, '-'])).match(/照片无法读取/g),
    ).toHaveLength(2);
    await expect(exportPdf(listOf(page), ed, { preset: 'print-x1a', exportTime: TIME })).rejects.toThrow(
      /image-damaged/,
    );
    const forced = await exportPdf(listOf(page), ed, { preset: 'print-x1a', exportTime: TIME, force: true });
    expect(pdfimages(forced)).toEqual([]);
  });

  it('refuses what cannot be printed: damaged data, unsupported JPEG kinds, huge images', async () => {
    const jpg = rgbJpeg();
    const arithmetic = Buffer.from(jpg);
    arithmetic[arithmetic.indexOf(Buffer.from([0xff, 0xc0])) + 1] = 0xc9;
    const huge = png({ width: 1, height: 1, colorType: 2, bitDepth: 8, samples: [1, 2, 3] });
    huge.writeUInt32BE(30000, 16);
    huge.writeUInt32BE(30000, 20);
    const cases: [Asset, string][] = [
      [asset('cut', 'image/jpeg', jpg.subarray(0, 300), 64, 48, 'rgb'), 'error:image-damaged'],
      [asset('arith', 'image/jpeg', arithmetic, 64, 48, 'rgb'), 'error:image-unsupported'],
      [asset('huge', 'image/png', huge, 30000, 30000, 'rgb'), 'error:image-too-large'],
    ];
    for (const [a, code] of cases)
      expect(await codes(editionWith(a), pageWith(frame(a, 10))), a.id).toEqual([code]);
  });
});
