// One idea: a photo prepared for the press, kept whole because preflight and painter share its pixels.
// A photo as the press will get it: decoded, RGB separated for newsprint, transparency flattened
// on paper white where PDF/X-1a wants it, and the total ink of every pixel, so preflight measures
// what prints and the painter embeds the same pixels. Prepared once per photo, ink limit and
// transparency handling, and kept for the export that follows the preflight.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import type { DisplayPage, ImageItem } from '../../../engine/display/types';
import type { Asset, Edition } from '../../../engine/model/types';
import type { RenderingIntent } from '../../../engine/templates/types';
import { exifOrientation, photoFacts, separateForPrint, uprightSize } from '../photos/decode';
import { resourcePath } from '../resources';
import { PhotoError, checkJpegComplete, jpegFrame, pngHeader, type PhotoSpace } from './raster';
import { photoRgbProfile, SRGB } from './rgb-profile';
import { storedPrintPhoto, storePrintPhoto } from './photo-store';

export type Treatment =
  /** Embedded as the file is (grey or CMYK in the plate's own condition). */
  | 'as-is'
  /** RGB separated to CMYK by lcms through the output profile. */
  | 'separated'
  /** CMYK in another press's profile, converted to the output profile. */
  | 'converted'
  /** RGB whose every pixel is neutral: black ink alone. */
  | 'gray';

export interface PrintPhoto {
  /** Pixels on the plate (upright, reduced to the output resolution when larger). */
  width: number;
  height: number;
  source: PhotoSpace;
  treatment: Treatment;
  /** The colour space on the plate. */
  space: 'gray' | 'cmyk';
  /** The plate's JPEG, or null when the file itself goes in unchanged. */
  jpeg: Buffer | null;
  /** Coverage for an SMask (PDF/X-4 keeps transparency) or null. */
  alpha: Uint8Array | null;
  /** The file had transparency that was flattened on paper white. */
  flattened: boolean;
  /** The ink as printed: 4 samples a pixel (CMYK, ink) or 1 (grey, 255 = paper). */
  ink: { samples: Uint8Array; channels: 1 | 4 };
  /** For RGB photos, the RGB they were separated from (the embedded profile's name, or sRGB). */
  rgbProfile: string | null;
  /** EXIF orientation of the file (1 upright). */
  orientation: number;
  /** Reduced to the output resolution. */
  downsampled: boolean;
  /** The file's own pixels, upright. */
  sourcePixels: { width: number; height: number };
  /** The ICC profile the photo was separated with. */
  outputProfile: string;
  /** The rendering intent it was separated with. */
  intent: RenderingIntent;
}

export interface PrepareOptions {
  /** Total ink limit in percent; separation keeps to it. */
  inkLimit: number;
  /** PDF/X-1a has no transparency: alpha is flattened on paper white. PDF/X-4 keeps it. */
  transparency: 'flatten' | 'keep';
  /** The plant's CMYK profile (ICC file); the built-in newsprint profile when absent. */
  outputProfile?: string;
  /** Output resolution, ppi (default 300): larger photos are reduced to it. */
  resolution?: number;
  /** JPEG quality of the plate's photos (default 90). */
  quality?: number;
  /** Rendering intent of the separation (default perceptual). */
  intent?: RenderingIntent;
}

/** Reads just enough of a photo to say its size and colour, without decoding pixels. */
export function photoHeader(
  asset: Asset,
  bytes: Uint8Array,
): { width: number; height: number; space: PhotoSpace; alpha: boolean } {
  if (asset.mime === 'image/jpeg') {
    const f = jpegFrame(bytes);
    checkJpegComplete(bytes);
    return {
      ...uprightSize(f.width, f.height, exifOrientation(bytes)),
      space: f.components === 1 ? 'gray' : f.components === 4 ? 'cmyk' : 'rgb',
      alpha: false,
    };
  }
  if (asset.mime === 'image/png') {
    const h = pngHeader(bytes);
    return {
      width: h.width,
      height: h.height,
      space: h.colorType === 0 || h.colorType === 4 ? 'gray' : 'rgb',
      alpha: h.colorType === 4 || h.colorType === 6 || hasChunk(bytes, 'tRNS'),
    };
  }
  throw new PhotoError('unsupported', `不支持的图片类型 ${asset.mime}`);
}

function hasChunk(buf: Uint8Array, type: string): boolean {
  let pos = 8;
  while (pos + 12 <= buf.length) {
    const len = ((buf[pos] << 24) >>> 0) + (buf[pos + 1] << 16) + (buf[pos + 2] << 8) + buf[pos + 3];
    const t = String.fromCharCode(buf[pos + 4], buf[pos + 5], buf[pos + 6], buf[pos + 7]);
    if (t === type) return true;
    if (t === 'IDAT' || t === 'IEND') return false;
    pos += 12 + len;
  }
  return false;
}

/** A plain grey PNG pdfkit embeds by passing its compressed rows through (PDF 1.4 takes ≤ 8 bits). */
export function plainGrayPng(bytes: Uint8Array): boolean {
  const h = pngHeader(bytes);
  return h.colorType === 0 && h.bitDepth <= 8 && h.interlace === 0 && !hasChunk(bytes, 'tRNS');
}

/** Where the plate's photos come from and go to: the plant's profile, resolution and JPEG quality. */
export const PRINT_PHOTO_DEFAULTS = { resolution: 300, quality: 90 };

function profileKey(path: string): string {
  let k = profileKeys.get(path);
  if (!k) profileKeys.set(path, (k = createHash('sha1').update(readFileSync(path)).digest('hex')));
  return k;
}
const profileKeys = new Map<string, string>();

/** The output profile a photo is separated with: the plant's, or the built-in newsprint profile. */
export function outputProfilePath(o: Pick<PrepareOptions, 'outputProfile'>): string {
  return o.outputProfile ?? resourcePath('colour-profile');
}

async function prepare(
  asset: Asset,
  bytes: Uint8Array,
  o: PrepareOptions,
  target: { width: number; height: number } | null,
): Promise<PrintPhoto> {
  const facts = await photoFacts(bytes);
  const output = outputProfilePath(o);
  const outputIcc = readFileSync(output);
  // CMYK without a profile (or in the plant's own) is taken to be separated for this press already:
  // its ink passes as it is, and preflight holds it to the limit.
  const foreignCmyk = facts.space === 'cmyk' && !!facts.icc && !facts.icc.equals(outputIcc);
  const rgbProfile =
    facts.space === 'rgb' ? (facts.icc ? photoRgbProfile(asset.mime, bytes).name : SRGB.name) : null;
  const s = await separateForPrint(bytes, facts, {
    outputProfile: output,
    inkLimit: o.inkLimit,
    target,
    transparency: o.transparency,
    quality: o.quality ?? PRINT_PHOTO_DEFAULTS.quality,
    grayAsK: true,
    keepCmyk: facts.space === 'cmyk' && !foreignCmyk,
    intent: o.intent ?? 'perceptual',
  });
  const treatment: Treatment =
    s.space === 'gray'
      ? facts.space === 'gray'
        ? 'as-is'
        : 'gray'
      : facts.space === 'rgb'
        ? 'separated'
        : foreignCmyk
          ? 'converted'
          : 'as-is';
  // A file already upright, at its size and in the plate's colour goes through byte for byte (no recompression).
  const untouched =
    treatment === 'as-is' && asset.mime === 'image/jpeg' && facts.orientation === 1 && !s.downsampled;
  return {
    width: s.width,
    height: s.height,
    source: facts.space,
    treatment,
    space: s.space,
    jpeg: untouched ? null : s.jpeg,
    alpha: s.alpha,
    flattened: s.flattened,
    ink: { samples: s.samples, channels: s.space === 'cmyk' ? 4 : 1 },
    rgbProfile,
    orientation: facts.orientation,
    downsampled: s.downsampled,
    sourcePixels: { width: facts.width, height: facts.height },
    outputProfile: output,
    intent: o.intent ?? 'perceptual',
  };
}

// Prepared photos by content, the plate's settings and the size the pages need: prepared (async,
// libvips) before preflight and the painter run, which read them here. Bounded by the pixels held.
const MAX_CACHED_PIXELS = 80_000_000;
const cache = new Map<string, PrintPhoto>();

function cacheKey(asset: Asset, bytes: Uint8Array, o: PrepareOptions): string {
  return `${createHash('sha1').update(bytes).digest('hex')}|${asset.mime}|${o.inkLimit}|${o.transparency}|${profileKey(outputProfilePath(o))}|${o.resolution ?? PRINT_PHOTO_DEFAULTS.resolution}|${o.quality ?? PRINT_PHOTO_DEFAULTS.quality}|${o.intent ?? 'perceptual'}`;
}

function remember(key: string, p: PrintPhoto): void {
  cache.set(key, p);
  let held = 0;
  for (const v of cache.values()) held += v.width * v.height;
  for (const [k, v] of cache) {
    if (held <= MAX_CACHED_PIXELS || k === key) break;
    cache.delete(k);
    held -= v.width * v.height;
  }
}

/** A photo prepared by preparePrintPhotos (its failure thrown again), for preflight and the painter. */
export function preparePrintPhoto(asset: Asset, bytes: Uint8Array, o: PrepareOptions): PrintPhoto {
  const key = cacheKey(asset, bytes, o);
  const hit = cache.get(key) ?? failed.get(key);
  if (!hit) throw new Error(`photo ${asset.id} was not prepared for print (preparePrintPhotos first)`);
  if (hit instanceof Error) throw hit;
  return hit;
}
const failed = new Map<string, Error>();

/**
 * Prepares every photo the pages print, at the resolution the largest frame showing it needs:
 * libvips works off the JavaScript thread, a few photos at a time. Failures are kept and thrown
 * where preflight or the painter ask for the photo, so they are reported with their page.
 */
export async function preparePrintPhotos(
  edition: Edition,
  pages: readonly DisplayPage[],
  each: (page: DisplayPage) => PrepareOptions,
): Promise<void> {
  const wanted = new Map<string, { asset: Asset; bytes: Buffer; o: PrepareOptions; w: number; h: number }>();
  for (const page of pages) {
    const o = each(page);
    const ppi = o.resolution ?? PRINT_PHOTO_DEFAULTS.resolution;
    for (const item of page.items) {
      if (item.kind !== 'image') continue;
      const asset = edition.assets.find((a) => a.id === item.asset);
      if (!asset) continue;
      const bytes = Buffer.from(asset.data, 'base64');
      const key = cacheKey(asset, bytes, o);
      const w = (item.imageW / 72) * ppi,
        h = (item.imageH / 72) * ppi;
      const had = wanted.get(key);
      if (had) {
        had.w = Math.max(had.w, w);
        had.h = Math.max(had.h, h);
      } else wanted.set(key, { asset, bytes, o, w, h });
    }
  }
  const jobs = [...wanted].filter(([key]) => !cache.has(key) && !failed.has(key));
  const run = async ([key, j]: (typeof jobs)[number]) => {
    const target = { width: Math.ceil(j.w), height: Math.ceil(j.h) };
    const stored = storedPrintPhoto(key, target, outputProfilePath(j.o));
    if (stored) return remember(key, stored);
    try {
      const p = await prepare(j.asset, j.bytes, j.o, target);
      remember(key, p);
      storePrintPhoto(key, target, p);
    } catch (e) {
      failed.set(key, e as Error);
    }
  };
  // Two at a time: libvips threads each one itself.
  for (let i = 0; i < jobs.length; i += 2) await Promise.all(jobs.slice(i, i + 2).map(run));
}

/**
 * Deflates 8-bit samples with PNG's Paeth predictor on every row (PDF's Predictor 15): a photo
 * compresses a third smaller than raw deflate. Returns the stream data and its DecodeParms.
 */
export function flateWithPredictor(
  data: Uint8Array,
  width: number,
  height: number,
  colors: number,
): { data: Buffer; parms: Record<string, number> } {
  const row = width * colors;
  const out = Buffer.alloc(height * (row + 1));
  for (let y = 0; y < height; y++) {
    const o = y * (row + 1),
      s = y * row;
    out[o] = 4;
    for (let x = 0; x < row; x++) {
      const a = x >= colors ? data[s + x - colors] : 0;
      const b = y > 0 ? data[s - row + x] : 0;
      const c = y > 0 && x >= colors ? data[s - row + x - colors] : 0;
      const pa = Math.abs(b - c),
        pb = Math.abs(a - c),
        pc = Math.abs(a + b - 2 * c);
      out[o + 1 + x] = (data[s + x] - (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
    }
  }
  return {
    data: deflateSync(out),
    parms: { Predictor: 15, Colors: colors, BitsPerComponent: 8, Columns: width },
  };
}

export interface InkFacts {
  /** Highest total ink of any printed pixel, percent. */
  max: number;
  /** Where that pixel prints, points from the trim's top-left. */
  at: { x: number; y: number };
  /** Share of the printed pixels over the limit, 0…1. */
  overShare: number;
}

/**
 * Total ink over the part of the photo that prints: the pixels inside the frame (a cropped photo's
 * hidden parts never reach the plate). `place` is the frame and the whole image's box on the page.
 */
/** A photo's frame and the whole image's box on the page, as the display list places it. */
type ImagePlace = Pick<ImageItem, 'x' | 'y' | 'w' | 'h' | 'imageX' | 'imageY' | 'imageW' | 'imageH'>;

const inkSeen = new WeakMap<PrintPhoto, Map<string, InkFacts | null>>();

export function inkInFrame(p: PrintPhoto, place: ImagePlace, limitPct: number): InkFacts | null {
  // Export checks what the command's own preflight just checked: the same photo in the same frame.
  const key = `${place.x}|${place.y}|${place.w}|${place.h}|${place.imageX}|${place.imageY}|${place.imageW}|${place.imageH}|${limitPct}`;
  let seen = inkSeen.get(p);
  if (!seen) inkSeen.set(p, (seen = new Map()));
  if (seen.has(key)) return seen.get(key)!;
  const facts = measureInk(p, place, limitPct);
  seen.set(key, facts);
  return facts;
}

function measureInk(p: PrintPhoto, place: ImagePlace, limitPct: number): InkFacts | null {
  const sx = p.width / place.imageW,
    sy = p.height / place.imageH;
  // Pixels any part of which shows in the frame (a hair's tolerance: a pixel edge on the frame edge is outside).
  const lo = (v: number) => Math.floor(v + 1e-6),
    hi = (v: number) => Math.ceil(v - 1e-6);
  const x0 = Math.max(0, lo((place.x - place.imageX) * sx)),
    x1 = Math.min(p.width, hi((place.x + place.w - place.imageX) * sx));
  const y0 = Math.max(0, lo((place.y - place.imageY) * sy)),
    y1 = Math.min(p.height, hi((place.y + place.h - place.imageY) * sy));
  if (x1 <= x0 || y1 <= y0) return null;
  const limit = (limitPct * 255) / 100 + 0.5;
  const d = p.ink.samples,
    a = p.alpha;
  let max = -1,
    mx = 0,
    my = 0,
    over = 0;
  // One loop per kind of photo: a frame is hundreds of thousands of pixels, measured at every start.
  if (p.ink.channels === 1 && !a) {
    for (let y = y0; y < y1; y++) {
      for (let i = y * p.width + x0, end = y * p.width + x1; i < end; i++) {
        const t = 255 - d[i];
        if (t > max) {
          max = t;
          mx = i - y * p.width;
          my = y;
        }
        if (t > limit) over++;
      }
    }
  } else if (p.ink.channels === 4 && !a) {
    for (let y = y0; y < y1; y++) {
      for (let i = y * p.width + x0, end = y * p.width + x1; i < end; i++) {
        const t = d[4 * i] + d[4 * i + 1] + d[4 * i + 2] + d[4 * i + 3];
        if (t > max) {
          max = t;
          mx = i - y * p.width;
          my = y;
        }
        if (t > limit) over++;
      }
    }
  } else {
    const four = p.ink.channels === 4;
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const i = y * p.width + x;
        // Where a kept alpha channel lets paper show, that much less ink prints.
        const t = Math.round(
          ((four ? d[4 * i] + d[4 * i + 1] + d[4 * i + 2] + d[4 * i + 3] : 255 - d[i]) * (a ? a[i] : 255)) /
            255,
        );
        if (t > max) {
          max = t;
          mx = x;
          my = y;
        }
        if (t > limit) over++;
      }
    }
  }
  return {
    max: (max * 100) / 255,
    at: { x: place.imageX + (mx + 0.5) / sx, y: place.imageY + (my + 0.5) / sy },
    overShare: over / ((x1 - x0) * (y1 - y0)),
  };
}

type Place = {
  x: number;
  y: number;
  w: number;
  h: number;
  imageX: number;
  imageY: number;
  imageW: number;
  imageH: number;
};

/**
 * Total ink where an object set to overprint lies on the photo: with overprint (OPM 1) the
 * object's non-zero inks replace the photo's and its zero inks let the photo's through, so K
 * text on a photo prints the photo's C, M, Y plus its own K. `rect` is the object's extent on the
 * page; the highest total inside it and inside the frame is returned, percent.
 */
export function inkUnder(
  p: PrintPhoto,
  place: Place,
  rect: { x: number; y: number; w: number; h: number },
  over: { c: number; m: number; y: number; k: number },
): { max: number; at: { x: number; y: number } } | null {
  const left = Math.max(place.x, rect.x),
    right = Math.min(place.x + place.w, rect.x + rect.w);
  const top = Math.max(place.y, rect.y),
    bottom = Math.min(place.y + place.h, rect.y + rect.h);
  if (right <= left || bottom <= top) return null;
  const sx = p.width / place.imageW,
    sy = p.height / place.imageH;
  const x0 = Math.max(0, Math.floor((left - place.imageX) * sx)),
    x1 = Math.min(p.width, Math.ceil((right - place.imageX) * sx));
  const y0 = Math.max(0, Math.floor((top - place.imageY) * sy)),
    y1 = Math.min(p.height, Math.ceil((bottom - place.imageY) * sy));
  const own = [over.c, over.m, over.y, over.k].map((v) => (v * 255) / 100);
  const d = p.ink.samples,
    four = p.ink.channels === 4;
  let max = -1,
    mx = x0,
    my = y0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = y * p.width + x;
      let t = 0;
      for (let c = 0; c < 4; c++) {
        const photo = four ? d[4 * i + c] : c === 3 ? 255 - d[i] : 0;
        t += own[c] > 0 ? own[c] : photo;
      }
      if (t > max) {
        max = t;
        mx = x;
        my = y;
      }
    }
  }
  if (max < 0) return null;
  return {
    max: (max * 100) / 255,
    at: { x: place.imageX + (mx + 0.5) / sx, y: place.imageY + (my + 0.5) / sy },
  };
}
