// Photo files read without libvips: JPEG markers (frame header, completeness, the kinds PDF
// readers take) and PNG, decoded here (every colour type, bit depth and interlace) for proofs
// that need 8-bit samples. Pixels for print come from libvips (photos/decode.ts). Decoding is
// bounded: a file that claims an absurd pixel count is refused from its header.
import { inflateSync } from 'node:zlib';

/**
 * The most pixels a photo may have to be decoded (a 60-megapixel frame is beyond any newspaper
 * camera at full size; its RGB and CMYK copies take about 420 MB together).
 */
export const MAX_PHOTO_PIXELS = 60_000_000;

export type PhotoSpace = 'gray' | 'rgb' | 'cmyk';

export interface Raster {
  width: number;
  height: number;
  space: PhotoSpace;
  /** Interleaved 8-bit samples: 1, 3 or 4 per pixel. CMYK samples are ink (255 = solid), never inverted. */
  data: Uint8Array;
  /** 8-bit coverage per pixel (255 = opaque) when the file has transparency, else null. */
  alpha: Uint8Array | null;
}

/** A photo the export cannot use as it is; the message says why in words an editor can act on. */
export class PhotoError extends Error {
  constructor(
    readonly kind: 'damaged' | 'unsupported' | 'too-large',
    message: string,
  ) {
    super(message);
    this.name = 'PhotoError';
  }
}

export function checkPixelCount(width: number, height: number): void {
  if (width * height > MAX_PHOTO_PIXELS) {
    throw new PhotoError(
      'too-large',
      `${width}×${height} 像素（${Math.round((width * height) / 1e4)} 万像素）超过可处理的上限 ${MAX_PHOTO_PIXELS / 1e4} 万像素，请先缩小`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// JPEG

export interface JpegFrame {
  /** The SOF marker's low byte: 0xC0 baseline, 0xC1 extended, 0xC2 progressive, others unsupported. */
  sof: number;
  precision: number;
  width: number;
  height: number;
  components: number;
  /** Adobe APP14 present, and its colour transform (0 none/CMYK, 1 YCbCr, 2 YCCK). */
  adobe: { transform: number } | null;
}

/** Walks the markers up to the frame header. */
export function jpegFrame(buf: Uint8Array): JpegFrame {
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8) throw new PhotoError('damaged', '不是 JPEG 文件');
  let pos = 2;
  let adobe: JpegFrame['adobe'] = null;
  while (pos + 4 <= buf.length) {
    if (buf[pos] !== 0xff) throw new PhotoError('damaged', `JPEG 已损坏：第 ${pos} 字节处应为标记`);
    const marker = buf[pos + 1];
    if (marker === 0xff) {
      pos++;
      continue;
    }
    const len = (buf[pos + 2] << 8) | buf[pos + 3];
    if (marker === 0xee && len >= 12 && String.fromCharCode(...buf.subarray(pos + 4, pos + 9)) === 'Adobe')
      adobe = { transform: buf[pos + 15] };
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (pos + 10 > buf.length) break;
      const width = (buf[pos + 7] << 8) | buf[pos + 8];
      const height = (buf[pos + 5] << 8) | buf[pos + 6];
      if (!width || !height) throw new PhotoError('damaged', 'JPEG 没有图像尺寸');
      return { sof: marker, precision: buf[pos + 4], width, height, components: buf[pos + 9], adobe };
    }
    if (marker === 0xda) break;
    pos += 2 + len;
  }
  throw new PhotoError('damaged', 'JPEG 已损坏：找不到帧头');
}

const SOF_NAMES: Record<number, string> = {
  0xc3: '无损 (lossless)',
  0xc5: '差分 (differential)',
  0xc6: '差分渐进',
  0xc7: '差分无损',
  0xc9: '算术编码',
  0xca: '算术编码渐进',
  0xcb: '算术编码无损',
  0xcd: '算术编码差分',
  0xce: '算术编码差分渐进',
  0xcf: '算术编码差分无损',
};

/** A JPEG cut short (the commonest damage: an interrupted copy or upload) lacks its end marker. */
export function checkJpegComplete(buf: Uint8Array): void {
  // In scan data a 0xFF byte is always followed by 0x00 or a restart marker, so the first FF D9
  // after the first scan header is the image's end (an EXIF thumbnail's comes before it; camera
  // trailers after it do not matter).
  let pos = 2;
  while (pos + 4 <= buf.length && buf[pos] === 0xff) {
    const marker = buf[pos + 1];
    if (marker === 0xff) {
      pos++;
      continue;
    }
    if (marker === 0xda) break;
    pos += 2 + ((buf[pos + 2] << 8) | buf[pos + 3]);
  }
  for (let p = pos; p + 1 < buf.length; p++) if (buf[p] === 0xff && buf[p + 1] === 0xd9) return;
  throw new PhotoError('damaged', 'JPEG 不完整：文件被截断（没有结束标记）');
}

/** Refuses the JPEG kinds that neither the decoder nor PDF readers' DCTDecode handle. */
export function checkJpegSupported(f: JpegFrame): void {
  if (f.sof !== 0xc0 && f.sof !== 0xc1 && f.sof !== 0xc2) {
    throw new PhotoError(
      'unsupported',
      `JPEG 用了${SOF_NAMES[f.sof] ?? '少见的'}方式压缩，印刷流程不支持：请另存为普通 (baseline) 或渐进式 JPEG`,
    );
  }
  if (f.precision !== 8)
    throw new PhotoError('unsupported', `${f.precision} 位 JPEG 不受支持：请另存为 8 位`);
  if (f.components !== 1 && f.components !== 3 && f.components !== 4)
    throw new PhotoError('unsupported', `JPEG 有 ${f.components} 个色彩通道，不是灰度、RGB 或 CMYK`);
}

// ---------------------------------------------------------------------------------------------
// PNG

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function u32(b: Uint8Array, p: number): number {
  return ((b[p] << 24) >>> 0) + (b[p + 1] << 16) + (b[p + 2] << 8) + b[p + 3];
}

export function pngHeader(buf: Uint8Array): PngHeader {
  if (
    buf.length < 33 ||
    PNG_SIGNATURE.some((v, i) => buf[i] !== v) ||
    String.fromCharCode(...buf.subarray(12, 16)) !== 'IHDR'
  )
    throw new PhotoError('damaged', '不是 PNG 文件');
  const h = {
    width: u32(buf, 16),
    height: u32(buf, 20),
    bitDepth: buf[24],
    colorType: buf[25],
    interlace: buf[28],
  };
  if (!h.width || !h.height) throw new PhotoError('damaged', 'PNG 没有图像尺寸');
  if (!PNG_DEPTHS[h.colorType]?.includes(h.bitDepth))
    throw new PhotoError('damaged', `PNG 的色彩类型 ${h.colorType} 与位深 ${h.bitDepth} 不合规范`);
  if (h.interlace > 1) throw new PhotoError('damaged', `PNG 的隔行方式 ${h.interlace} 不合规范`);
  return h;
}

const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const; // x0, y0, dx, dy

/** Reverses PNG's per-row filters; `bpp` is bytes per complete pixel (at least 1). */
function unfilter(src: Uint8Array, at: number, rows: number, rowBytes: number, bpp: number): Uint8Array {
  const out = new Uint8Array(rows * rowBytes);
  let p = at;
  for (let y = 0; y < rows; y++) {
    if (p + 1 + rowBytes > src.length) throw new PhotoError('damaged', 'PNG 数据不完整');
    const filter = src[p++];
    const o = y * rowBytes,
      prev = o - rowBytes;
    // One loop per filter kind: the row's filter is fixed, and photos are millions of bytes.
    switch (filter) {
      case 0:
        out.set(src.subarray(p, p + rowBytes), o);
        break;
      case 1:
        for (let x = 0; x < rowBytes; x++)
          out[o + x] = (src[p + x] + (x >= bpp ? out[o + x - bpp] : 0)) & 0xff;
        break;
      case 2:
        if (y === 0) out.set(src.subarray(p, p + rowBytes), o);
        else for (let x = 0; x < rowBytes; x++) out[o + x] = (src[p + x] + out[prev + x]) & 0xff;
        break;
      case 3:
        for (let x = 0; x < rowBytes; x++) {
          const a = x >= bpp ? out[o + x - bpp] : 0,
            b = y > 0 ? out[prev + x] : 0;
          out[o + x] = (src[p + x] + ((a + b) >> 1)) & 0xff;
        }
        break;
      case 4:
        for (let x = 0; x < rowBytes; x++) {
          const a = x >= bpp ? out[o + x - bpp] : 0;
          const b = y > 0 ? out[prev + x] : 0;
          const c = y > 0 && x >= bpp ? out[prev + x - bpp] : 0;
          const pa = Math.abs(b - c),
            pb = Math.abs(a - c),
            pc = Math.abs(a + b - 2 * c);
          out[o + x] = (src[p + x] + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
        }
        break;
      default:
        throw new PhotoError('damaged', `PNG 行过滤类型 ${filter} 不合规范`);
    }
    p += rowBytes;
  }
  return out;
}

export function decodePng(buf: Uint8Array): Raster {
  const h = pngHeader(buf);
  checkPixelCount(h.width, h.height);
  const idat: Uint8Array[] = [];
  let palette: Uint8Array | null = null;
  let trns: Uint8Array | null = null;
  let pos = 8;
  let ended = false;
  while (pos + 12 <= buf.length) {
    const len = u32(buf, pos);
    const type = String.fromCharCode(...buf.subarray(pos + 4, pos + 8));
    if (pos + 12 + len > buf.length) throw new PhotoError('damaged', `PNG 已损坏：${type} 块被截断`);
    const body = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IDAT') idat.push(body);
    else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') trns = body;
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    pos += 12 + len;
  }
  if (!idat.length) throw new PhotoError('damaged', 'PNG 已损坏：没有图像数据');
  if (!ended) throw new PhotoError('damaged', 'PNG 已损坏：文件不完整');
  if (h.colorType === 3 && !palette) throw new PhotoError('damaged', 'PNG 已损坏：调色板图像缺少调色板');

  const channels = CHANNELS[h.colorType];
  const bitsPerPixel = channels * h.bitDepth;
  const bpp = Math.max(1, bitsPerPixel >> 3);
  const passes = h.interlace ? ADAM7 : [[0, 0, 1, 1] as const];
  let expected = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const pw = Math.ceil((h.width - x0) / dx),
      ph = Math.ceil((h.height - y0) / dy);
    if (pw && ph) expected += ph * (1 + Math.ceil((pw * bitsPerPixel) / 8));
  }
  let inflated: Buffer;
  try {
    // The declared size bounds the output: a zip bomb stops at what the header promised.
    inflated = inflateSync(Buffer.concat(idat), { maxOutputLength: expected + 1 });
  } catch (e) {
    throw new PhotoError('damaged', `PNG 图像数据无法解压：${(e as Error).message}`);
  }
  if (inflated.length < expected) throw new PhotoError('damaged', 'PNG 图像数据不完整');

  // Samples widened to 8 bits (16-bit keeps its high byte, rounded), `channels` per pixel.
  let samples: Uint8Array = new Uint8Array(h.width * h.height * channels);
  const scale = h.colorType === 3 ? 1 : 255 / ((1 << Math.min(h.bitDepth, 8)) - 1);
  // Transparent colour key (gray or RGB), compared at the file's own bit depth.
  const keyed = trns && (h.colorType === 0 || h.colorType === 2) ? new Uint8Array(h.width * h.height) : null;
  let at = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const pw = Math.ceil((h.width - x0) / dx),
      ph = Math.ceil((h.height - y0) / dy);
    if (!pw || !ph) continue;
    const rowBytes = Math.ceil((pw * bitsPerPixel) / 8);
    const rows = unfilter(inflated, at, ph, rowBytes, bpp);
    at += ph * (1 + rowBytes);
    if (h.bitDepth === 8 && !h.interlace && !keyed) {
      // The common case: the unfiltered rows are the samples.
      samples = rows;
      break;
    }
    for (let y = 0; y < ph; y++) {
      const row = y * rowBytes;
      for (let x = 0; x < pw; x++) {
        const o = ((y0 + y * dy) * h.width + x0 + x * dx) * channels;
        let isKey = keyed !== null;
        for (let c = 0; c < channels; c++) {
          let raw: number;
          if (h.bitDepth === 16) {
            const i = row + (x * channels + c) * 2;
            raw = (rows[i] << 8) | rows[i + 1];
            samples[o + c] = Math.min(255, Math.round(raw / 257));
          } else if (h.bitDepth === 8) {
            raw = rows[row + x * channels + c];
            samples[o + c] = raw;
          } else {
            const bit = x * h.bitDepth;
            raw = (rows[row + (bit >> 3)] >> (8 - h.bitDepth - (bit & 7))) & ((1 << h.bitDepth) - 1);
            samples[o + c] = Math.round(raw * scale);
          }
          if (isKey && keyed) {
            if (raw !== ((trns![c * 2] << 8) | trns![c * 2 + 1])) isKey = false;
          }
        }
        if (keyed && isKey) keyed[o / channels] = 1;
      }
    }
  }

  const n = h.width * h.height;
  let data: Uint8Array;
  let alpha: Uint8Array | null = null;
  let space: PhotoSpace;
  switch (h.colorType) {
    case 0:
      space = 'gray';
      data = samples;
      break;
    case 2:
      space = 'rgb';
      data = samples;
      break;
    case 4:
      space = 'gray';
      data = new Uint8Array(n);
      alpha = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        data[i] = samples[2 * i];
        alpha[i] = samples[2 * i + 1];
      }
      break;
    case 6:
      space = 'rgb';
      data = new Uint8Array(n * 3);
      alpha = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        data[3 * i] = samples[4 * i];
        data[3 * i + 1] = samples[4 * i + 1];
        data[3 * i + 2] = samples[4 * i + 2];
        alpha[i] = samples[4 * i + 3];
      }
      break;
    default: {
      // Palette: a palette of greys stays grey (one ink, no separation needed).
      const pal = palette!;
      const entries = Math.floor(pal.length / 3);
      let grey = true;
      for (let e = 0; e < entries; e++)
        if (pal[3 * e] !== pal[3 * e + 1] || pal[3 * e] !== pal[3 * e + 2]) {
          grey = false;
          break;
        }
      space = grey ? 'gray' : 'rgb';
      const ch = grey ? 1 : 3;
      data = new Uint8Array(n * ch);
      let transparent = false;
      if (trns) for (let e = 0; e < trns.length; e++) if (trns[e] < 255) transparent = true;
      if (transparent) alpha = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const e = samples[i];
        if (e >= entries) throw new PhotoError('damaged', `PNG 已损坏：调色板没有第 ${e} 色`);
        if (grey) data[i] = pal[3 * e];
        else {
          data[3 * i] = pal[3 * e];
          data[3 * i + 1] = pal[3 * e + 1];
          data[3 * i + 2] = pal[3 * e + 2];
        }
        if (alpha) alpha[i] = e < trns!.length ? trns![e] : 255;
      }
    }
  }
  if (keyed) {
    alpha = new Uint8Array(n);
    for (let i = 0; i < n; i++) alpha[i] = keyed[i] ? 0 : 255;
  }
  return { width: h.width, height: h.height, space, data, alpha };
}
