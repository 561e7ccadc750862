// The CMYK output profile embedded in the PDF/X output intent.
//
// Why generated: PDF/X needs exactly one output intent with a CMYK ('prtr') profile. The free
// profiles on this platform are not ours to ship (Ghostscript's default_cmyk.icc is AGPL; the
// WAN-IFRA and FOGRA profiles forbid redistribution or are absent), so Banmian builds a small
// ICC v2 profile of its own: a model of coldset newsprint after ISO 12647-3 — paper L* 82,
// tone value increase 26 % at 40 %, heavy GCR, total ink limited to 240 %. The output intent
// names the registered characterization IFRA26 so the plant's RIP applies its own profile;
// ours serves soft-proofing and validators. It is generated deterministically (fixed date).
import { readFileSync } from 'node:fs';
import { resourcePath } from '../resources';

const D50 = [0.9642, 1.0, 0.8249];

/** Newsprint paper white, absolute (ISO 12647-3:2013 paper: L* 82, a* 0, b* 3). */
const PAPER_LAB: [number, number, number] = [82, 0, 3];

/** Each ink's absorption in three bands (long, middle, short wavelengths), solid, relative to paper. */
const ABSORPTION: number[][] = [
  [0.8, 0.35, 0.12], // cyan
  [0.1, 0.78, 0.4], // magenta
  [0.02, 0.08, 0.85], // yellow
  [0.88, 0.88, 0.88], // black
];

// Band (linear sRGB primaries) to XYZ, Bradford-adapted to D50.
const M = [
  [0.4360747, 0.3850649, 0.1430804],
  [0.2225045, 0.7168786, 0.0606169],
  [0.0139322, 0.0971045, 0.7141733],
];

/** Inverse of a 3 × 3 matrix (colour-space matrices, Jacobians). */
export function invert3(m: number[][]): number[][] {
  const [a, b, c] = m[0],
    [d, e, f] = m[1],
    [g, h, i] = m[2];
  const A = e * i - f * h,
    B = -(d * i - f * g),
    C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    [A / det, -(b * i - c * h) / det, (b * f - c * e) / det],
    [B / det, (a * i - c * g) / det, -(a * f - c * d) / det],
    [C / det, -(a * h - b * g) / det, (a * e - b * d) / det],
  ];
}
const M_INV = invert3(M);

/** Tone value increase: 26 % at 40 % nominal, the ISO 12647-3 coldset curve shape. */
const TVI_GAIN = 0.26 / (4 * 0.4 * 0.6);
const effective = (t: number): number => t + 4 * TVI_GAIN * t * (1 - t);
function nominal(e: number): number {
  // Inverse of the quadratic: (4g)t² − (1+4g)t + e = 0, the root in 0…1.
  const a = 4 * TVI_GAIN,
    b = -(1 + 4 * TVI_GAIN);
  return Math.min(1, Math.max(0, (-b - Math.sqrt(b * b - 4 * a * e)) / (2 * a)));
}

function bandsOf(e: number[]): number[] {
  return [0, 1, 2].map((band) => e.reduce((r, ei, ink) => r * (1 - ei * ABSORPTION[ink][band]), 1));
}

const fLab = (t: number): number => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
function xyzToLab(x: number, y: number, z: number): [number, number, number] {
  const fx = fLab(x / D50[0]),
    fy = fLab(y / D50[1]),
    fz = fLab(z / D50[2]);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}
const fInv = (t: number): number => (t ** 3 > 216 / 24389 ? t ** 3 : (116 * t - 16) / (24389 / 27));
function labToXyz(L: number, a: number, b: number): number[] {
  const fy = (L + 16) / 116;
  return [D50[0] * fInv(fy + a / 500), D50[1] * fInv(fy), D50[2] * fInv(fy - b / 200)];
}

/** Media-relative Lab of a nominal CMYK (fractions 0…1): paper is L* 100. */
export function cmykToLab(cmyk: number[]): [number, number, number] {
  const r = bandsOf(cmyk.map(effective));
  const xyz = M.map((row) => row[0] * r[0] + row[1] * r[1] + row[2] * r[2]);
  return xyzToLab(xyz[0], xyz[1], xyz[2]);
}

/**
 * Solves effective C, M, Y for target band reflectances with K fixed (Newton on optical density).
 * Written with scalars: photo separation samples it thousands of times (same arithmetic, same order).
 */
function solveCmy(target: number[], k: number): number[] {
  const e = [0.3, 0.3, 0.3];
  const dT0 = -Math.log(Math.max(target[0], 1e-4)),
    dT1 = -Math.log(Math.max(target[1], 1e-4)),
    dT2 = -Math.log(Math.max(target[2], 1e-4));
  const [A0, A1, A2, A3] = ABSORPTION;
  const J = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let iter = 0; iter < 30; iter++) {
    const r0 =
      -Math.log(1 - k * A3[0]) -
      (0 + Math.log(1 - e[0] * A0[0]) + Math.log(1 - e[1] * A1[0]) + Math.log(1 - e[2] * A2[0])) -
      dT0;
    const r1 =
      -Math.log(1 - k * A3[1]) -
      (0 + Math.log(1 - e[0] * A0[1]) + Math.log(1 - e[1] * A1[1]) + Math.log(1 - e[2] * A2[1])) -
      dT1;
    const r2 =
      -Math.log(1 - k * A3[2]) -
      (0 + Math.log(1 - e[0] * A0[2]) + Math.log(1 - e[1] * A1[2]) + Math.log(1 - e[2] * A2[2])) -
      dT2;
    if (Math.max(Math.abs(r0), Math.abs(r1), Math.abs(r2)) < 1e-6) break;
    for (let band = 0; band < 3; band++) {
      for (let ink = 0; ink < 3; ink++)
        J[band][ink] = ABSORPTION[ink][band] / (1 - e[ink] * ABSORPTION[ink][band]);
    }
    const Ji = invert3(J);
    for (let ink = 0; ink < 3; ink++) {
      const step = Ji[ink][0] * r0 + Ji[ink][1] * r1 + Ji[ink][2] * r2;
      e[ink] = Math.min(1, Math.max(0, e[ink] - step));
    }
  }
  return e;
}

export const TOTAL_INK_LIMIT = 2.4;

/** Nominal CMYK for a media-relative Lab, with heavy GCR and the 240 % limit. */
export function labToCmyk(L: number, a: number, b: number): number[] {
  const xyz = labToXyz(L, a, b);
  return bandsToCmyk(M_INV.map((row) => row[0] * xyz[0] + row[1] * xyz[1] + row[2] * xyz[2]));
}

/**
 * Nominal CMYK for band reflectances relative to paper. The bands are linear sRGB's primaries
 * (see M), so an sRGB photo separates through exactly the model the output profile's B2A tables
 * were sampled from: sRGB → Lab → CMYK collapses to linearising and calling this.
 */
export function bandsToCmyk(linear: number[], inkLimit = TOTAL_INK_LIMIT): number[] {
  const bands = linear.map((v) => Math.min(1, Math.max(1e-4, v)));
  const cmy0 = solveCmy(bands, 0);
  // Heavy GCR (newsprint practice): the grey component above 10 % goes to black.
  const grey = Math.min(...cmy0);
  const k = Math.min(1, Math.max(0, (grey - 0.1) / 0.9) * 0.95);
  const cmy = solveCmy(bands, k);
  let out = [...cmy.map(nominal), nominal(k)];
  const total = out.reduce((s, v) => s + v, 0);
  if (total > inkLimit) {
    // Over the limit, colour gives way and black stays: shadows keep their depth and detail.
    const cmyTotal = out[0] + out[1] + out[2];
    const f = Math.max(0, (inkLimit - out[3]) / cmyTotal);
    out = [out[0] * f, out[1] * f, out[2] * f, out[3]];
  }
  return out;
}

class Writer {
  private chunks: number[] = [];
  get length(): number {
    return this.chunks.length;
  }
  u8(v: number) {
    this.chunks.push(v & 0xff);
  }
  u16(v: number) {
    this.u8(v >> 8);
    this.u8(v);
  }
  u32(v: number) {
    this.u16(v >>> 16);
    this.u16(v & 0xffff);
  }
  s15f16(v: number) {
    const x = Math.round(v * 65536);
    this.u32(x < 0 ? x + 0x100000000 : x);
  }
  ascii(s: string) {
    for (const ch of s) this.u8(ch.charCodeAt(0));
  }
  pad4() {
    while (this.chunks.length % 4) this.u8(0);
  }
  bytes(): Buffer {
    return Buffer.from(this.chunks);
  }
}

function textDescription(s: string): Buffer {
  const w = new Writer();
  w.ascii('desc');
  w.u32(0);
  w.u32(s.length + 1);
  w.ascii(s);
  w.u8(0);
  w.u32(0);
  w.u32(0); // no Unicode description
  w.u16(0);
  w.u8(0);
  for (let i = 0; i < 67; i++) w.u8(0); // no ScriptCode description
  return w.bytes();
}

function text(s: string): Buffer {
  const w = new Writer();
  w.ascii('text');
  w.u32(0);
  w.ascii(s);
  w.u8(0);
  return w.bytes();
}

function xyzTag(xyz: number[]): Buffer {
  const w = new Writer();
  w.ascii('XYZ ');
  w.u32(0);
  for (const v of xyz) w.s15f16(v);
  return w.bytes();
}

function identityMatrix(w: Writer) {
  for (let i = 0; i < 9; i++) w.s15f16(i % 4 === 0 ? 1 : 0);
}

/** lut16Type with identity curves; `node` maps grid coordinates (0…1 per input) to outputs (0…1). */
function lut16(inputs: number, outputs: number, grid: number, node: (x: number[]) => number[]): Buffer {
  const w = new Writer();
  w.ascii('mft2');
  w.u32(0);
  w.u8(inputs);
  w.u8(outputs);
  w.u8(grid);
  w.u8(0);
  identityMatrix(w);
  w.u16(2);
  w.u16(2);
  for (let i = 0; i < inputs; i++) {
    w.u16(0);
    w.u16(0xffff);
  }
  const total = grid ** inputs;
  for (let n = 0; n < total; n++) {
    const x: number[] = [];
    let rest = n;
    for (let i = inputs - 1; i >= 0; i--) {
      x[i] = (rest % grid) / (grid - 1);
      rest = Math.floor(rest / grid);
    }
    for (const v of node(x)) w.u16(Math.round(Math.min(1, Math.max(0, v)) * 0xffff));
  }
  for (let i = 0; i < outputs; i++) {
    w.u16(0);
    w.u16(0xffff);
  }
  return w.bytes();
}

function lut8(inputs: number, outputs: number, grid: number, node: (x: number[]) => number[]): Buffer {
  const w = new Writer();
  w.ascii('mft1');
  w.u32(0);
  w.u8(inputs);
  w.u8(outputs);
  w.u8(grid);
  w.u8(0);
  identityMatrix(w);
  for (let i = 0; i < inputs; i++) for (let v = 0; v < 256; v++) w.u8(v);
  const total = grid ** inputs;
  for (let n = 0; n < total; n++) {
    const x: number[] = [];
    let rest = n;
    for (let i = inputs - 1; i >= 0; i--) {
      x[i] = (rest % grid) / (grid - 1);
      rest = Math.floor(rest / grid);
    }
    for (const v of node(x)) w.u8(Math.round(Math.min(1, Math.max(0, v)) * 255));
  }
  for (let i = 0; i < outputs; i++) for (let v = 0; v < 256; v++) w.u8(v);
  return w.bytes();
}

// Legacy (v2) 16-bit Lab encoding: L 0…100 → 0…0xFF00, a/b −128…127.996 → 0…0xFFFF.
const encodeLab = ([L, a, b]: number[]): number[] => [
  (L * 652.8) / 65535,
  ((a + 128) * 256) / 65535,
  ((b + 128) * 256) / 65535,
];
const decodeLab = (x: number[]): [number, number, number] => [
  (x[0] * 65535) / 652.8,
  (x[1] * 65535) / 256 - 128,
  (x[2] * 65535) / 256 - 128,
];

function deltaE(p: number[], q: number[]): number {
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

export const PROFILE_DESCRIPTION = 'Banmian newsprint CMYK (ISO 12647-3 coldset model, TVI 26%, TAC 240%)';
export const OUTPUT_CONDITION = 'Newspaper coldset on newsprint (ISO 12647-3:2013, IFRA26)';
export const OUTPUT_CONDITION_IDENTIFIER = 'IFRA26';

// The generated profile is kept as a file (resources.ts: 'colour-profile'): building it takes a third
// of a second, too slow for every export.

let cached: Buffer | null = null;

/** The profile bytes, as committed (tests check they equal a fresh generation). */
export function newsprintProfile(): Buffer {
  return (cached ??= readFileSync(resourcePath('colour-profile')));
}

/** Builds the ICC v2 output profile (about 27 KB), deterministically. */
export function generateNewsprintProfile(): Buffer {
  const a2b = lut16(4, 3, 7, (x) => encodeLab(cmykToLab(x)));
  const b2a = lut16(3, 4, 11, (x) => {
    const [L, a, b] = decodeLab(x);
    return labToCmyk(Math.min(100, L), a, b);
  });
  const gamut = lut8(3, 1, 9, (x) => {
    const lab = decodeLab([(x[0] * 255) / 256, x[1], x[2]]);
    const back = cmykToLab(labToCmyk(Math.min(100, lab[0]), lab[1], lab[2]));
    return [deltaE(back, lab) > 5 ? 1 : 0];
  });
  const paper = labToXyz(...PAPER_LAB);
  const tags: [string, Buffer][] = [
    ['desc', textDescription(PROFILE_DESCRIPTION)],
    ['cprt', text('No copyright, use freely. Generated by Banmian.')],
    ['wtpt', xyzTag(paper)],
    ['A2B0', a2b],
    ['A2B1', a2b],
    ['A2B2', a2b],
    ['B2A0', b2a],
    ['B2A1', b2a],
    ['B2A2', b2a],
    ['gamt', gamut],
  ];
  // Tags sharing the same data share one copy, as ICC allows.
  const blobs: Buffer[] = [];
  const offsets = new Map<Buffer, number>();
  let offset = 128 + 4 + tags.length * 12;
  const entries: [string, number, number][] = [];
  for (const [sig, data] of tags) {
    if (!offsets.has(data)) {
      offsets.set(data, offset);
      const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
      blobs.push(padded);
      offset += padded.length;
    }
    entries.push([sig, offsets.get(data)!, data.length]);
  }
  const size = offset;
  const h = new Writer();
  h.u32(size);
  h.u32(0);
  h.u32(0x02100000);
  h.ascii('prtr');
  h.ascii('CMYK');
  h.ascii('Lab ');
  for (const v of [2026, 1, 1, 0, 0, 0]) h.u16(v);
  h.ascii('acsp');
  h.u32(0);
  h.u32(0);
  h.u32(0);
  h.u32(0);
  h.u32(0);
  h.u32(0);
  h.u32(0); // perceptual
  for (const v of D50) h.s15f16(v);
  h.u32(0);
  while (h.length < 128) h.u8(0);
  h.u32(tags.length);
  for (const [sig, off, len] of entries) {
    h.ascii(sig);
    h.u32(off);
    h.u32(len);
  }
  return Buffer.concat([h.bytes(), ...blobs]);
}
