// Photos decoded once, the same way everywhere: libvips (through sharp) reads JPEG and PNG,
// turns them upright by their EXIF orientation, converts colour with lcms from the profile the
// file carries (sRGB when none) and resamples. The page view's import and the PDF's print
// separation both start here, so the screen and the plate see the same pixels the same way up.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type Sharp from 'sharp';
import { readFileSync } from 'node:fs';
import type { RenderingIntent } from '../../../engine/templates/types';
import { sharpModule } from '../resources';
import { mediaWhite, profileForIntent, scaleToPaperWhite } from './intent';
import { MAX_PHOTO_PIXELS, PhotoError, jpegFrame, type PhotoSpace, type Raster } from '../pdf/raster';
import { cmykTiff, limitInk } from './cmyk';

export { cmykTiff, limitInk } from './cmyk';

type Image = ReturnType<typeof Sharp>;
let lib: typeof Sharp | null = null;

/** sharp, loaded on first use (most commands and exports have no photo to decode). */
function sharp(...args: Parameters<typeof Sharp>): Image {
  if (!lib) {
    lib = createRequire(__filename)(sharpModule()) as typeof Sharp;
    // Photos are decoded one or two at a time by the export; libvips' own cache only holds memory.
    lib.cache(false);
    // sharp runs libvips on one thread under glibc (its guard against memory fragmentation); a photo
    // separated for print is one large image, so its tiles are worked on by every core (at most 4).
    lib.concurrency(Math.max(1, Math.min(4, availableParallelism())));
  }
  return lib(...args);
}

/**
 * The EXIF orientation (1…8) of a JPEG, read from its APP1 Exif segment without decoding; 1 when
 * the file has none. Values 5–8 turn the picture a quarter: width and height swap when upright.
 */
export function exifOrientation(bytes: Uint8Array): number {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return 1;
  let pos = 2;
  while (pos + 4 <= bytes.length && bytes[pos] === 0xff) {
    const marker = bytes[pos + 1];
    if (marker === 0xda || marker === 0xd9) break;
    const len = (bytes[pos + 2] << 8) | bytes[pos + 3];
    if (marker === 0xe1 && len >= 16 && String.fromCharCode(...bytes.subarray(pos + 4, pos + 8)) === 'Exif') {
      const t = pos + 10; // TIFF header
      const le = bytes[t] === 0x49;
      const u16 = (p: number) => (le ? bytes[p] | (bytes[p + 1] << 8) : (bytes[p] << 8) | bytes[p + 1]);
      const u32 = (p: number) =>
        le
          ? (bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16)) + bytes[p + 3] * 2 ** 24
          : bytes[p] * 2 ** 24 + ((bytes[p + 1] << 16) | (bytes[p + 2] << 8) | bytes[p + 3]);
      const ifd = t + u32(t + 4);
      const end = Math.min(bytes.length, pos + 2 + len);
      if (ifd + 2 > end) return 1;
      const n = u16(ifd);
      for (let i = 0; i < n && ifd + 2 + 12 * i + 12 <= end; i++) {
        const e = ifd + 2 + 12 * i;
        if (u16(e) === 0x0112) {
          const v = u16(e + 8);
          return v >= 1 && v <= 8 ? v : 1;
        }
      }
      return 1;
    }
    pos += 2 + len;
  }
  return 1;
}

/** Width and height as the photo stands upright. */
export function uprightSize(
  width: number,
  height: number,
  orientation: number,
): { width: number; height: number } {
  return orientation >= 5 ? { width: height, height: width } : { width, height };
}

/**
 * libvips reads every CMYK JPEG as Adobe's inverted storage. A CMYK JPEG without Adobe's APP14
 * marker stores ink as it is, and PDF readers print it so (DCTDecode, no /Decode): its samples
 * are turned back, so what is measured is what prints.
 */
function plainCmykJpeg(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return false;
  try {
    const f = jpegFrame(bytes);
    return f.components === 4 && !f.adobe;
  } catch {
    return false;
  }
}

function invert(data: Uint8Array): void {
  for (let i = 0; i < data.length; i++) data[i] = 255 - data[i];
}

function open(bytes: Uint8Array): Image {
  // failOn 'truncated': a file cut short is refused, not printed with a grey tail.
  return sharp(bytes, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: 'truncated' });
}

function decodeError(e: unknown): PhotoError {
  if (e instanceof PhotoError) return e;
  const m = (e as Error).message ?? String(e);
  if (/pixel limit/i.test(m))
    return new PhotoError('too-large', `超过可处理的上限 ${MAX_PHOTO_PIXELS / 1e4} 万像素，请先缩小`);
  return new PhotoError('damaged', `无法解码：${m}`);
}

export interface PhotoFacts {
  /** Upright size. */
  width: number;
  height: number;
  orientation: number;
  space: PhotoSpace;
  alpha: boolean;
  /** The embedded ICC profile's bytes, if any. */
  icc: Buffer | null;
}

/** What a photo is, from its header (libvips reads no pixels for this). */
export async function photoFacts(bytes: Uint8Array): Promise<PhotoFacts> {
  try {
    const m = await open(bytes).metadata();
    const orientation = m.orientation ?? 1;
    const space: PhotoSpace =
      m.space === 'cmyk' ? 'cmyk' : m.space === 'b-w' || m.space === 'grey16' ? 'gray' : 'rgb';
    return {
      ...uprightSize(m.width!, m.height!, orientation),
      orientation,
      space,
      alpha: !!m.hasAlpha,
      icc: m.icc ?? null,
    };
  } catch (e) {
    throw decodeError(e);
  }
}

/** Upright 8-bit sRGB(A) pixels, for the screen and the proof. */
export async function decodeUpright(
  bytes: Uint8Array,
): Promise<{ width: number; height: number; channels: 3 | 4; data: Buffer }> {
  try {
    const { data, info } = await open(bytes)
      .rotate()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, channels: info.channels as 3 | 4, data };
  } catch (e) {
    throw decodeError(e);
  }
}

export interface PrintSeparationOptions {
  /** The plant's CMYK output profile (an ICC file). */
  outputProfile: string;
  /** Total ink limit, percent. */
  inkLimit: number;
  /** The largest upright pixel size the pages need (their output resolution); larger photos are reduced to it. */
  target: { width: number; height: number } | null;
  /** PDF/X-1a has no transparency: alpha flattened on paper white. */
  transparency: 'flatten' | 'keep';
  /** Quality of the CMYK JPEG for the plate (1–100). */
  quality: number;
  /** Keep a photo that is grey (every pixel neutral, or a grey file) on the black plate alone. */
  grayAsK: boolean;
  /** CMYK already for this press: its ink is kept as it is (not converted, not limited). */
  keepCmyk?: boolean;
  /** Rendering intent to the output profile (default perceptual; intent.ts). */
  intent?: RenderingIntent;
}

export interface PrintSeparation {
  width: number;
  height: number;
  source: PhotoSpace;
  orientation: number;
  /** 'cmyk' through the profile, or 'gray' (black ink only). */
  space: 'cmyk' | 'gray';
  /** Ink per pixel: CMYK (255 = solid) or grey (255 = paper). */
  samples: Uint8Array;
  /** The JPEG for the plate (CMYK JPEGs from libvips are Adobe-inverted, as Photoshop writes them). */
  jpeg: Buffer;
  alpha: Uint8Array | null;
  flattened: boolean;
  /** Reduced to the output resolution. */
  downsampled: boolean;
}

/**
 * Separates a photo for the plate: upright, reduced to the output resolution when larger, colour
 * converted by lcms from its own profile (sRGB when it has none; CMYK without a profile is taken
 * to be for this press already) to the plant's profile — black generation and gamut as the
 * profile defines them — then total ink limited (cyan, magenta and yellow reduced in proportion,
 * black kept) and written as a JPEG at the stated quality.
 */
export async function separateForPrint(
  bytes: Uint8Array,
  facts: PhotoFacts,
  o: PrintSeparationOptions,
): Promise<PrintSeparation> {
  try {
    let img = open(bytes).rotate();
    let downsampled = false;
    if (o.target && (o.target.width < facts.width || o.target.height < facts.height)) {
      img = img.resize(Math.max(1, Math.round(o.target.width)), Math.max(1, Math.round(o.target.height)), {
        fit: 'fill',
        kernel: 'lanczos3',
      });
      downsampled = true;
    }
    let flattened = false;
    let alpha: Uint8Array | null = null;
    if (facts.alpha && o.transparency === 'flatten') {
      img = img.flatten({ background: '#ffffff' });
      flattened = true;
    } else if (facts.alpha) {
      const a = await img.clone().extractChannel('alpha').raw().toBuffer();
      alpha = new Uint8Array(a.buffer, a.byteOffset, a.length);
      img = img.removeAlpha();
    }
    const jpegOptions = { quality: o.quality, chromaSubsampling: '4:4:4' } as const;
    // RGB decoded once (in sRGB: a tagged photo's profile applied by lcms), then either black alone
    // (every pixel neutral) or separated from these very samples.
    let rgb: { data: Buffer; width: number; height: number } | null = null;
    const intent = o.intent ?? 'perceptual';
    // Absolute colorimetric scales the colour before lcms, so a foreign CMYK photo goes through sRGB too.
    if (facts.space === 'rgb' || (intent === 'absolute' && facts.space === 'cmyk' && !o.keepCmyk)) {
      const r = await img.toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
      rgb = { data: r.data, width: r.info.width, height: r.info.height };
    }
    const raw = (d: Buffer, channels: 1 | 3) =>
      sharp(d, { raw: { width: rgb!.width, height: rgb!.height, channels } });
    if (o.grayAsK && (facts.space === 'gray' || (facts.space === 'rgb' && rgb && neutral(rgb.data)))) {
      const { data, info } = await (rgb ? raw(rgb.data, 3) : img)
        .toColourspace('b-w')
        .raw()
        .toBuffer({ resolveWithObject: true });
      const jpeg = await sharp(data, { raw: { width: info.width, height: info.height, channels: 1 } })
        .toColourspace('b-w')
        .jpeg(jpegOptions)
        .toBuffer();
      return {
        width: info.width,
        height: info.height,
        source: facts.space,
        orientation: facts.orientation,
        space: 'gray',
        samples: data,
        jpeg,
        alpha,
        flattened,
        downsampled,
      };
    }
    const keep = facts.space === 'cmyk' && o.keepCmyk;
    if (!keep && rgb && intent === 'absolute')
      scaleToPaperWhite(rgb.data, mediaWhite(readFileSync(o.outputProfile)));
    const { data, info } = keep
      ? await img
          .pipelineColourspace('cmyk')
          .toColourspace('cmyk')
          .raw()
          .toBuffer({ resolveWithObject: true })
      : // One lcms transform from 8-bit sRGB straight to the output profile's CMYK (black generation
        // and gamut mapping as the profile's perceptual table says): an order of magnitude faster than
        // libvips' path through its own CMYK profile and XYZ floats, and no second separation on the way.
        await (rgb ? raw(rgb.data, 3) : img)
          .withIccProfile(profileForIntent(o.outputProfile, intent))
          .raw()
          .toBuffer({ resolveWithObject: true });
    if (info.channels !== 4)
      throw new PhotoError('unsupported', `分色结果有 ${info.channels} 个通道，不是 CMYK`);
    if (keep && plainCmykJpeg(bytes)) invert(data);
    if (!keep) limitInk(data, o.inkLimit);
    // Baseline (not progressive) and without Huffman optimisation: with sharp's mozjpeg the optimising
    // pass took twice the encoding for 8 % of the CMYK plate's bytes. CMYK components are never
    // subsampled (libjpeg samples every CMYK component 1×1), so chroma subsampling does not apply.
    const jpeg = await sharp(cmykTiff(data, info.width, info.height))
      .pipelineColourspace('cmyk')
      .toColourspace('cmyk')
      .jpeg({ quality: o.quality, optimiseCoding: false })
      .toBuffer();
    return {
      width: info.width,
      height: info.height,
      source: facts.space,
      orientation: facts.orientation,
      space: 'cmyk',
      samples: data,
      jpeg,
      alpha,
      flattened,
      downsampled,
    };
  } catch (e) {
    throw decodeError(e);
  }
}

/** Every pixel neutral (R = G = B within a level): a grey photo saved as RGB. A colour photo stops at its first coloured pixel. */
function neutral(rgb: Uint8Array): boolean {
  for (let i = 0; i < rgb.length; i += 3) {
    if (Math.abs(rgb[i] - rgb[i + 1]) > 1 || Math.abs(rgb[i] - rgb[i + 2]) > 1) return false;
  }
  return true;
}

/**
 * The proof's copy of a JPEG with an EXIF orientation other than upright: turned upright and
 * written as an RGB (or grey) JPEG at high quality, keeping every pixel. Null when already upright.
 */
export async function uprightJpeg(bytes: Uint8Array): Promise<Buffer | null> {
  if (exifOrientation(bytes) === 1) return null;
  try {
    return await open(bytes).rotate().jpeg({ quality: 95, chromaSubsampling: '4:4:4' }).toBuffer();
  } catch (e) {
    throw decodeError(e);
  }
}

/**
 * The photo's samples as libvips decodes them, upright: RGB (in sRGB), grey, or CMYK as ink
 * (255 = solid; Adobe's inverted storage undone), with alpha apart. For measuring and tests.
 */
export async function decodeRaster(bytes: Uint8Array): Promise<Raster> {
  const facts = await photoFacts(bytes);
  try {
    let img = open(bytes).rotate();
    let alpha: Uint8Array | null = null;
    if (facts.alpha) {
      alpha = new Uint8Array(await img.clone().extractChannel('alpha').raw().toBuffer());
      img = img.removeAlpha();
    }
    img =
      facts.space === 'cmyk'
        ? img.pipelineColourspace('cmyk').toColourspace('cmyk')
        : img.toColourspace(facts.space === 'gray' ? 'b-w' : 'srgb');
    const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
    if (facts.space === 'cmyk' && plainCmykJpeg(bytes)) invert(data);
    return {
      width: info.width,
      height: info.height,
      space: facts.space,
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
      alpha,
    };
  } catch (e) {
    throw decodeError(e);
  }
}
