// Photos for the tests, made here: an RGB scene (JPEG through jpeg-js's encoder, PNG through a
// small encoder below, in any colour type, bit depth and interlace), CMYK JPEGs with Adobe's APP14
// marker from Ghostscript, and a committed progressive JPEG (libjpeg's cjpeg -progressive).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import type { ImageItem } from '../../engine/display/types';
import type { Asset } from '../../engine/model/types';
import { projectRoot } from '../../electron/services/paths';
import { crc32 } from 'node:zlib';

/** The RGB scene: four quadrants (red, sky blue, mid grey, near black) over a 64 × 48 frame. */
export const QUADRANTS: [number, number, number][] = [
  [220, 30, 30],
  [51, 128, 204],
  [128, 128, 128],
  [12, 12, 16],
];

export function scene(w = 64, h = 48): Uint8Array {
  const d = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const q = QUADRANTS[(y < h / 2 ? 0 : 2) + (x < w / 2 ? 0 : 1)];
      d.set(q, (y * w + x) * 3);
    }
  }
  return d;
}

export function rgbJpeg(w = 64, h = 48, rgb = scene(w, h)): Buffer {
  const rgba = Buffer.alloc(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    rgba[4 * i] = rgb[3 * i];
    rgba[4 * i + 1] = rgb[3 * i + 1];
    rgba[4 * i + 2] = rgb[3 * i + 2];
    rgba[4 * i + 3] = 255;
  }
  return jpeg.encode({ width: w, height: h, data: rgba }, 95).data;
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * A PNG of `samples` (one value per channel, at the bit depth given: 0…2^depth−1), filters
 * cycling through all five kinds so the decoder's every filter is exercised; Adam7 on request.
 */
export function png(o: {
  width: number;
  height: number;
  colorType: number;
  bitDepth: number;
  samples: number[];
  palette?: number[];
  trns?: number[];
  interlace?: boolean;
}): Buffer {
  const ch = CHANNELS[o.colorType];
  const bits = ch * o.bitDepth;
  const passes = o.interlace
    ? [
        [0, 0, 8, 8],
        [4, 0, 8, 8],
        [0, 4, 4, 8],
        [2, 0, 4, 4],
        [0, 2, 2, 4],
        [1, 0, 2, 2],
        [0, 1, 1, 2],
      ]
    : [[0, 0, 1, 1]];
  const out: number[] = [];
  let rowNo = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const pw = Math.ceil((o.width - x0) / dx),
      ph = Math.ceil((o.height - y0) / dy);
    if (!pw || !ph) continue;
    const rowBytes = Math.ceil((pw * bits) / 8);
    const bpp = Math.max(1, bits >> 3);
    let prev = new Uint8Array(rowBytes);
    for (let y = 0; y < ph; y++) {
      const raw = new Uint8Array(rowBytes);
      for (let x = 0; x < pw; x++) {
        for (let c = 0; c < ch; c++) {
          const v = o.samples[((y0 + y * dy) * o.width + x0 + x * dx) * ch + c];
          if (o.bitDepth === 16) {
            raw[(x * ch + c) * 2] = v >> 8;
            raw[(x * ch + c) * 2 + 1] = v & 0xff;
          } else if (o.bitDepth === 8) raw[x * ch + c] = v;
          else {
            const bit = (x * ch + c) * o.bitDepth;
            raw[bit >> 3] |= v << (8 - o.bitDepth - (bit & 7));
          }
        }
      }
      const filter = rowNo++ % 5;
      out.push(filter);
      for (let i = 0; i < rowBytes; i++) {
        const a = i >= bpp ? raw[i - bpp] : 0,
          b = prev[i],
          c = i >= bpp ? prev[i - bpp] : 0;
        const pa = Math.abs(b - c),
          pb = Math.abs(a - c),
          pc = Math.abs(a + b - 2 * c);
        const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
        out.push((raw[i] - pred) & 0xff);
      }
      prev = raw;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(o.width, 0);
  ihdr.writeUInt32BE(o.height, 4);
  ihdr[8] = o.bitDepth;
  ihdr[9] = o.colorType;
  ihdr[12] = o.interlace ? 1 : 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(o.palette ? [chunk('PLTE', Buffer.from(o.palette))] : []),
    ...(o.trns ? [chunk('tRNS', Buffer.from(o.trns))] : []),
    chunk('IDAT', deflateSync(Buffer.from(out))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A CMYK JPEG from Ghostscript (it writes Adobe's APP14 marker and stores CMYK inverted), without
 * the ICC profile Ghostscript tags it with: CMYK separated for this press, whose ink goes as it is.
 */
export function cmykJpeg(
  cmyk: [number, number, number, number],
  px = 40,
  dark?: [number, number, number, number],
): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-photo-'));
  try {
    const out = join(dir, 'p.jpg');
    const ps =
      `${cmyk.join(' ')} setcmykcolor 0 0 ${px} ${px} rectfill` +
      (dark ? ` ${dark.join(' ')} setcmykcolor ${px / 2} 0 ${px / 2} ${px / 2} rectfill` : '') +
      ' showpage';
    execFileSync('gs', [
      '-q',
      '-dSAFER',
      '-dBATCH',
      '-dNOPAUSE',
      '-sDEVICE=jpegcmyk',
      '-dJPEGQ=95',
      `-g${px}x${px}`,
      '-r72',
      '-o',
      out,
      '-c',
      ps,
    ]);
    return withoutIcc(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 48 × 32, progressive: left half RGB 200 40 40, right half RGB 40 90 200 (made with cjpeg -progressive -quality 95). */
export function progressiveJpeg(): Buffer {
  return readFileSync(join(projectRoot(), 'tests', 'fixtures', 'progressive.jpg'));
}

export function asset(
  id: string,
  mime: Asset['mime'],
  data: Buffer,
  w: number,
  h: number,
  colorSpace: Asset['colorSpace'],
): Asset {
  return { id, mime, pixelWidth: w, pixelHeight: h, colorSpace, data: data.toString('base64') };
}

/** A photo frame at (100, 100) showing the whole image `widthPt` wide (uncropped). */
export function frame(
  a: Asset,
  widthPt: number,
  heightPt = (widthPt * a.pixelHeight) / a.pixelWidth,
): ImageItem {
  return {
    kind: 'image',
    asset: a.id,
    x: 100,
    y: 100,
    w: widthPt,
    h: heightPt,
    imageX: 100,
    imageY: 100,
    imageW: widthPt,
    imageH: heightPt,
    pixelWidth: a.pixelWidth,
    pixelHeight: a.pixelHeight,
    article: 'a1',
  };
}

/** Adobe RGB (1998) as its ICC profile states it: D50-adapted colorants, gamma 563/256. */
export const ADOBE_RGB = {
  name: 'Adobe RGB (1998)',
  r: [0.60974, 0.31111, 0.01947],
  g: [0.20528, 0.62567, 0.06087],
  b: [0.14919, 0.06322, 0.74457],
  gamma: 563 / 256,
};

/** A matrix/TRC RGB ICC v2 profile (desc, wtpt, r/g/bXYZ, r/g/bTRC as one-gamma curves). */
export function iccProfile(p: typeof ADOBE_RGB): Buffer {
  const s15 = (v: number) => {
    const b = Buffer.alloc(4);
    b.writeInt32BE(Math.round(v * 65536));
    return b;
  };
  const xyz = (v: number[]) => Buffer.concat([Buffer.from('XYZ \0\0\0\0', 'latin1'), ...v.map(s15)]);
  const desc = Buffer.concat([
    Buffer.from('desc\0\0\0\0', 'latin1'),
    Buffer.from([0, 0, 0, p.name.length + 1]),
    Buffer.from(p.name + '\0', 'latin1'),
    Buffer.alloc(4 + 4 + 3 + 67),
  ]);
  const curv = Buffer.concat([
    Buffer.from('curv\0\0\0\0', 'latin1'),
    Buffer.from([0, 0, 0, 1]),
    Buffer.from([Math.floor(p.gamma), Math.round((p.gamma % 1) * 256)]),
    Buffer.alloc(2),
  ]);
  const tags: [string, Buffer][] = [
    ['desc', desc],
    ['wtpt', xyz([0.9642, 1, 0.8249])],
    ['rXYZ', xyz(p.r)],
    ['gXYZ', xyz(p.g)],
    ['bXYZ', xyz(p.b)],
    ['rTRC', curv],
    ['gTRC', curv],
    ['bTRC', curv],
  ];
  let offset = 128 + 4 + 12 * tags.length;
  const dir: Buffer[] = [],
    data: Buffer[] = [];
  for (const [sig, body] of tags) {
    const padded = Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)]);
    const e = Buffer.alloc(12);
    e.write(sig, 0, 'latin1');
    e.writeUInt32BE(offset, 4);
    e.writeUInt32BE(body.length, 8);
    dir.push(e);
    data.push(padded);
    offset += padded.length;
  }
  const head = Buffer.alloc(128);
  head.writeUInt32BE(offset, 0);
  head.writeUInt32BE(0x02100000, 8);
  head.write('mntrRGB XYZ ', 12, 'latin1');
  head.write('acsp', 36, 'latin1');
  const count = Buffer.alloc(4);
  count.writeUInt32BE(tags.length);
  return Buffer.concat([head, count, ...dir, ...data]);
}

/** The JPEG with the profile embedded as APP2 ICC_PROFILE segments, as Photoshop writes it. */
export function withIcc(jpg: Buffer, icc: Buffer): Buffer {
  const seg = Buffer.concat([
    Buffer.from([0xff, 0xe2, 0, 0]),
    Buffer.from('ICC_PROFILE\0', 'latin1'),
    Buffer.from([1, 1]),
    icc,
  ]);
  seg.writeUInt16BE(seg.length - 2, 2);
  return Buffer.concat([jpg.subarray(0, 2), seg, jpg.subarray(2)]);
}

/** The PNG with the profile in an iCCP chunk (before IDAT). */
export function pngWithIcc(pngBytes: Buffer, icc: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from('Adobe RGB\0\0', 'latin1'), deflateSync(icc)]);
  const at = pngBytes.indexOf(Buffer.from('IDAT')) - 4;
  return Buffer.concat([pngBytes.subarray(0, at), chunk('iCCP', body), pngBytes.subarray(at)]);
}

/** The JPEG without its APP2 ICC_PROFILE segments. */
export function withoutIcc(jpg: Buffer): Buffer {
  const parts: Buffer[] = [jpg.subarray(0, 2)];
  let pos = 2;
  while (pos + 4 <= jpg.length && jpg[pos] === 0xff && jpg[pos + 1] !== 0xda) {
    const len = jpg.readUInt16BE(pos + 2);
    if (!(jpg[pos + 1] === 0xe2 && jpg.toString('latin1', pos + 4, pos + 15) === 'ICC_PROFILE'))
      parts.push(jpg.subarray(pos, pos + 2 + len));
    pos += 2 + len;
  }
  parts.push(jpg.subarray(pos));
  return Buffer.concat(parts);
}
