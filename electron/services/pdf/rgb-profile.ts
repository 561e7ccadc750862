// The RGB a photo's pixels are in. Cameras and picture desks send Adobe RGB (1998) as often as
// sRGB; separated as if it were sRGB, an Adobe RGB photo prints flat and off in the greens. The
// profile embedded in the file (JPEG APP2 ICC_PROFILE, PNG iCCP) says, and matrix/TRC profiles
// (sRGB, Adobe RGB, Display P3, ProPhoto: every camera RGB) are read here; an untagged photo, or
// one with a profile of another kind, is taken as sRGB, the web's and most cameras' default.
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';

export interface RgbProfile {
  /** Stable key for caches: a digest of the profile bytes, or "srgb". */
  key: string;
  /** What the profile calls itself, for editors. */
  name: string;
  /** Encoded value (0…1) to linear, per channel. */
  toLinear: [(v: number) => number, (v: number) => number, (v: number) => number];
  /** Linear RGB to PCS XYZ (D50), rows X, Y, Z. */
  matrix: number[][];
}

const srgbLinear = (v: number): number => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);

/** sRGB as ICC profiles state it (Bradford-adapted to D50): the same matrix the newsprint model is built on. */
export const SRGB: RgbProfile = {
  key: 'srgb',
  name: 'sRGB',
  toLinear: [srgbLinear, srgbLinear, srgbLinear],
  matrix: [
    [0.4360747, 0.3850649, 0.1430804],
    [0.2225045, 0.7168786, 0.0606169],
    [0.0139322, 0.0971045, 0.7141733],
  ],
};

/** The ICC profile embedded in a JPEG (APP2 segments, in sequence order) or PNG (iCCP), if any. */
export function embeddedIcc(mime: string, buf: Uint8Array): Uint8Array | null {
  try {
    return mime === 'image/jpeg' ? jpegIcc(buf) : mime === 'image/png' ? pngIcc(buf) : null;
  } catch {
    return null; // a damaged profile is no profile: the photo is taken as sRGB
  }
}

function jpegIcc(buf: Uint8Array): Uint8Array | null {
  const parts: { seq: number; data: Uint8Array }[] = [];
  let pos = 2;
  while (pos + 4 <= buf.length && buf[pos] === 0xff) {
    const marker = buf[pos + 1];
    if (marker === 0xff) {
      pos++;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break;
    const len = (buf[pos + 2] << 8) | buf[pos + 3];
    if (
      marker === 0xe2 &&
      len > 16 &&
      String.fromCharCode(...buf.subarray(pos + 4, pos + 15)) === 'ICC_PROFILE' &&
      buf[pos + 15] === 0
    ) {
      parts.push({ seq: buf[pos + 16], data: buf.subarray(pos + 18, pos + 2 + len) });
    }
    pos += 2 + len;
  }
  if (!parts.length) return null;
  parts.sort((a, b) => a.seq - b.seq);
  return Buffer.concat(parts.map((p) => p.data));
}

function pngIcc(buf: Uint8Array): Uint8Array | null {
  let pos = 8;
  while (pos + 12 <= buf.length) {
    const len = ((buf[pos] << 24) >>> 0) + (buf[pos + 1] << 16) + (buf[pos + 2] << 8) + buf[pos + 3];
    const type = String.fromCharCode(buf[pos + 4], buf[pos + 5], buf[pos + 6], buf[pos + 7]);
    if (type === 'iCCP') {
      const body = buf.subarray(pos + 8, pos + 8 + len);
      const nul = body.indexOf(0);
      if (nul < 0 || body[nul + 1] !== 0) return null;
      return inflateSync(body.subarray(nul + 2), { maxOutputLength: 4 << 20 });
    }
    if (type === 'IDAT') return null;
    pos += 12 + len;
  }
  return null;
}

const s15f16 = (b: Buffer, p: number): number => b.readInt32BE(p) / 65536;

function curve(b: Buffer, at: number): ((v: number) => number) | null {
  const type = b.toString('latin1', at, at + 4);
  if (type === 'curv') {
    const n = b.readUInt32BE(at + 8);
    if (n === 0) return (v) => v;
    if (n === 1) {
      const g = b.readUInt16BE(at + 12) / 256;
      return (v) => v ** g;
    }
    const table = Array.from({ length: n }, (_, i) => b.readUInt16BE(at + 12 + 2 * i) / 65535);
    return (v) => {
      const x = Math.min(1, Math.max(0, v)) * (n - 1);
      const i = Math.min(n - 2, Math.floor(x));
      return table[i] + (table[i + 1] - table[i]) * (x - i);
    };
  }
  if (type === 'para') {
    const fn = b.readUInt16BE(at + 8);
    const p = Array.from({ length: 7 }, (_, i) =>
      at + 12 + 4 * i + 4 <= b.length ? s15f16(b, at + 12 + 4 * i) : 0,
    );
    const [g, a, bb, c, d, e, f] = p;
    switch (fn) {
      case 0:
        return (v) => v ** g;
      case 1:
        return (v) => (v >= -bb / a ? (a * v + bb) ** g : 0);
      case 2:
        return (v) => (v >= -bb / a ? (a * v + bb) ** g + c : c);
      case 3:
        return (v) => (v >= d ? (a * v + bb) ** g : c * v);
      case 4:
        return (v) => (v >= d ? (a * v + bb) ** g + e : c * v + f);
      default:
        return null;
    }
  }
  return null;
}

function description(b: Buffer, at: number): string {
  const type = b.toString('latin1', at, at + 4);
  if (type === 'desc')
    return b.toString('latin1', at + 12, at + 12 + Math.max(0, b.readUInt32BE(at + 8) - 1));
  if (type === 'mluc' && b.readUInt32BE(at + 8) > 0) {
    const len = b.readUInt32BE(at + 20),
      off = b.readUInt32BE(at + 24);
    const s = b.subarray(at + off, at + off + len);
    let out = '';
    for (let i = 0; i + 1 < s.length; i += 2) out += String.fromCharCode((s[i] << 8) | s[i + 1]);
    return out;
  }
  return '';
}

/** A matrix/TRC RGB profile read from ICC bytes, or null when the bytes are not one. */
export function readRgbProfile(bytes: Uint8Array): RgbProfile | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (
    b.length < 132 ||
    b.toString('latin1', 36, 40) !== 'acsp' ||
    b.toString('latin1', 16, 20) !== 'RGB ' ||
    b.toString('latin1', 20, 24) !== 'XYZ '
  )
    return null;
  const tags = new Map<string, number>();
  const count = b.readUInt32BE(128);
  for (let i = 0; i < count && 132 + 12 * i + 12 <= b.length; i++) {
    const e = 132 + 12 * i;
    const off = b.readUInt32BE(e + 4),
      len = b.readUInt32BE(e + 8);
    if (off + len <= b.length) tags.set(b.toString('latin1', e, e + 4), off);
  }
  const xyz = (tag: string): number[] | null => {
    const at = tags.get(tag);
    return at !== undefined && b.toString('latin1', at, at + 4) === 'XYZ '
      ? [s15f16(b, at + 8), s15f16(b, at + 12), s15f16(b, at + 16)]
      : null;
  };
  const r = xyz('rXYZ'),
    g = xyz('gXYZ'),
    bl = xyz('bXYZ');
  const trc = ['rTRC', 'gTRC', 'bTRC'].map((t) => (tags.has(t) ? curve(b, tags.get(t)!) : null));
  if (!r || !g || !bl || trc.some((c) => !c)) return null;
  const desc = tags.has('desc') ? description(b, tags.get('desc')!).trim() : '';
  return {
    key: createHash('sha1').update(b).digest('hex'),
    name: desc || 'RGB',
    toLinear: trc as RgbProfile['toLinear'],
    matrix: [
      [r[0], g[0], bl[0]],
      [r[1], g[1], bl[1]],
      [r[2], g[2], bl[2]],
    ],
  };
}

/** The photo's RGB: its embedded matrix/TRC profile, else sRGB. */
export function photoRgbProfile(mime: string, bytes: Uint8Array): RgbProfile {
  const icc = embeddedIcc(mime, bytes);
  return (icc && readRgbProfile(icc)) || SRGB;
}
