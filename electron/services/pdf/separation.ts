// Separation of RGB photos for the newsprint press, through the same characterisation as the
// output intent's profile (icc.ts): heavy GCR, tone value increase, the total ink limit. A photo
// converted here prints as the profile the file declares says it will.
//
// The model solves for ink with Newton iterations, far too slow per pixel; it is sampled once per
// ink limit on a 17-point grid over gamma-encoded sRGB (steps even to the eye) and each pixel is
// interpolated tetrahedrally, the interpolation ICC colour engines use for 3-D tables.
import { TOTAL_INK_LIMIT, bandsToCmyk, cmykToLab, invert3 } from './icc';
import type { Raster } from './raster';
import { SRGB, type RgbProfile } from './rgb-profile';

const GRID = 17;

const tables = new Map<string, Float32Array>();

const linear = SRGB.toLinear[0];
const SRGB_FROM_XYZ = invert3(SRGB.matrix);

/**
 * The model's bands (linear sRGB primaries, relative to paper) for an encoded pixel of the
 * photo's RGB: through the profile's curves and matrix to XYZ, and from XYZ to the bands.
 * Colours outside sRGB's primaries fall outside 0…1 and are held to what the inks can do.
 */
function bands(profile: RgbProfile, r: number, g: number, b: number): number[] {
  if (profile === SRGB) return [linear(r), linear(g), linear(b)];
  const lin = [profile.toLinear[0](r), profile.toLinear[1](g), profile.toLinear[2](b)];
  const xyz = profile.matrix.map((row) => row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2]);
  return SRGB_FROM_XYZ.map((row) => row[0] * xyz[0] + row[1] * xyz[1] + row[2] * xyz[2]);
}

/** CMYK (0…255 per ink) at each grid node, index ((r * GRID + g) * GRID + b) * 4. */
function table(inkLimit: number, profile: RgbProfile = SRGB): Float32Array {
  const key = `${inkLimit}|${profile.key}`;
  let t = tables.get(key);
  if (t) return t;
  t = new Float32Array(GRID ** 3 * 4);
  for (let r = 0; r < GRID; r++) {
    for (let g = 0; g < GRID; g++) {
      for (let b = 0; b < GRID; b++) {
        const cmyk = bandsToCmyk(bands(profile, r / (GRID - 1), g / (GRID - 1), b / (GRID - 1)), inkLimit);
        const o = ((r * GRID + g) * GRID + b) * 4;
        for (let c = 0; c < 4; c++) t[o + c] = cmyk[c] * 255;
      }
    }
  }
  tables.set(key, t);
  return t;
}

/** The limit the separation keeps to: the page's limit, never above the profile's own 240 %. */
export function separationLimit(inkLimitPct: number): number {
  return Math.min(TOTAL_INK_LIMIT, inkLimitPct / 100);
}

/** One sRGB colour (0…255) separated, as 0…255 per ink. */
export function separateColor(rgb: [number, number, number], inkLimitPct = 240, profile: RgbProfile = SRGB): number[] {
  const out = new Uint8Array(4);
  separateInto(table(separationLimit(inkLimitPct), profile), rgb[0], rgb[1], rgb[2], out, 0, Math.floor((Math.min(inkLimitPct, 240) * 255) / 100));
  return [...out];
}

function separateInto(t: Float32Array, R: number, G: number, B: number, out: Uint8Array, o: number, maxSum: number): void {
  const step = 255 / (GRID - 1);
  const fr = R / step, fg = G / step, fb = B / step;
  const r0 = Math.min(GRID - 2, Math.floor(fr)), g0 = Math.min(GRID - 2, Math.floor(fg)), b0 = Math.min(GRID - 2, Math.floor(fb));
  const dr = fr - r0, dg = fg - g0, db = fb - b0;
  const base = ((r0 * GRID + g0) * GRID + b0) * 4;
  const R1 = GRID * GRID * 4, G1 = GRID * 4, B1 = 4;
  // Tetrahedral interpolation: the cube is split along its grey diagonal into six tetrahedra.
  let a1: number, a2: number, a3: number, w0: number, w1: number, w2: number, w3: number;
  if (dr >= dg) {
    if (dg >= db) { a1 = R1; a2 = R1 + G1; w0 = 1 - dr; w1 = dr - dg; w2 = dg - db; w3 = db; }
    else if (dr >= db) { a1 = R1; a2 = R1 + B1; w0 = 1 - dr; w1 = dr - db; w2 = db - dg; w3 = dg; }
    else { a1 = B1; a2 = R1 + B1; w0 = 1 - db; w1 = db - dr; w2 = dr - dg; w3 = dg; }
  } else {
    if (db >= dg) { a1 = B1; a2 = G1 + B1; w0 = 1 - db; w1 = db - dg; w2 = dg - dr; w3 = dr; }
    else if (db >= dr) { a1 = G1; a2 = G1 + B1; w0 = 1 - dg; w1 = dg - db; w2 = db - dr; w3 = dr; }
    else { a1 = G1; a2 = R1 + G1; w0 = 1 - dg; w1 = dg - dr; w2 = dr - db; w3 = db; }
  }
  a3 = R1 + G1 + B1;
  let sum = 0;
  for (let c = 0; c < 4; c++) {
    const v = w0 * t[base + c] + w1 * t[base + a1 + c] + w2 * t[base + a2 + c] + w3 * t[base + a3 + c];
    const q = v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
    out[o + c] = q;
    sum += q;
  }
  // Rounding four inks up can pass the limit by a step or two: take it back from the largest colour.
  while (sum > maxSum) {
    const c = out[o] >= out[o + 1] && out[o] >= out[o + 2] ? 0 : out[o + 1] >= out[o + 2] ? 1 : 2;
    if (!out[o + c]) break;
    out[o + c]--;
    sum--;
  }
}

const grayTables = new Map<string, Uint8Array>();

/**
 * For a neutral sRGB value (0…255), the DeviceGray value that prints the same lightness in black
 * ink alone on newsprint, through the output profile's model (its 26 % tone value increase
 * included). Black ink alone reaches only L* 41 on newsprint, so the photo's range is scaled into
 * what K can print (black point compensation) rather than its shadows being crushed to solid.
 */
export function neutralToGray(v: number, profile: RgbProfile = SRGB): number {
  let grayTable = grayTables.get(profile.key);
  if (!grayTable) {
    const t = new Uint8Array(256);
    const Lk = (k: number) => cmykToLab([0, 0, 0, k])[0];
    const Lmin = Lk(1);
    for (let i = 0; i < 256; i++) {
      // A neutral's luminance: the Y row of the profile's matrix sums to 1 (D50 white).
      const [R, G, B] = profile.toLinear.map((f) => f(i / 255));
      const Y = Math.min(1, Math.max(0, profile.matrix[1][0] * R + profile.matrix[1][1] * G + profile.matrix[1][2] * B));
      const L = Y > 216 / 24389 ? 116 * Math.cbrt(Y) - 16 : (24389 / 27) * Y;
      const target = Lmin + ((100 - Lmin) * L) / 100;
      let lo = 0, hi = 1;
      for (let n = 0; n < 24; n++) {
        const mid = (lo + hi) / 2;
        if (Lk(mid) > target) lo = mid; else hi = mid;
      }
      t[i] = 255 - Math.round(((lo + hi) / 2) * 255);
    }
    // The model's tone value increase closes up the last few percent of K (K92 already prints
    // as dark as solid): the darkest value is solid black, as a plate-maker expects.
    t[0] = 0;
    grayTable = t;
    grayTables.set(profile.key, t);
  }
  return grayTable[v];
}

/** True when every pixel of an RGB raster is neutral: a grey photo saved as RGB prints in black alone. */
export function isNeutral(r: Raster): boolean {
  const d = r.data;
  for (let i = 0; i < d.length; i += 3) if (d[i] !== d[i + 1] || d[i] !== d[i + 2]) return false;
  return true;
}

/** An RGB raster as 8-bit ink values, 4 per pixel, held to the ink limit (percent). */
export function separate(r: Raster, inkLimitPct: number, profile: RgbProfile = SRGB): Uint8Array {
  if (r.space !== 'rgb') throw new Error(`separate() takes RGB, not ${r.space}`);
  const t = table(separationLimit(inkLimitPct), profile);
  const maxSum = Math.floor((Math.min(inkLimitPct, TOTAL_INK_LIMIT * 100) * 255) / 100);
  const n = r.width * r.height;
  const out = new Uint8Array(n * 4);
  const d = r.data;
  // Photos repeat colours (skies, walls): the last colour's result is reused while it repeats.
  let last = -1;
  for (let i = 0; i < n; i++) {
    const R = d[3 * i], G = d[3 * i + 1], B = d[3 * i + 2];
    const key = (R << 16) | (G << 8) | B;
    if (key === last) {
      out[4 * i] = out[4 * i - 4]; out[4 * i + 1] = out[4 * i - 3]; out[4 * i + 2] = out[4 * i - 2]; out[4 * i + 3] = out[4 * i - 1];
      continue;
    }
    separateInto(t, R, G, B, out, 4 * i, maxSum);
    last = key;
  }
  return out;
}
