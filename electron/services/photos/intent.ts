// The rendering intent photos are separated with. sharp (0.35) always asks libvips' lcms for the
// perceptual intent, so the other intents are reached through the profile lcms is given: a copy of
// the plant's profile whose perceptual slot (B2A0) holds the table of the intent asked for (B2A1,
// colorimetric; B2A2, saturation) — lcms then reads the table it would read for that intent, and for
// a version 2 profile without black point compensation the result is the same. Absolute
// colorimetric is the colorimetric table after scaling the colour by the source's media white over
// the paper's (lcms's absolute intent at full adaptation): sRGB's white is D50, so photo colours are
// scaled by D50 / the profile's media white, here in linear sRGB before lcms (clipped to the sRGB
// gamut where lcms would clip in Lab).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RENDERING_INTENTS, type RenderingIntent } from '../../../engine/templates/types';

export { RENDERING_INTENTS, type RenderingIntent };

/** The intents in the words preflight and the command line use. */
export const INTENT_NAMES: Record<RenderingIntent, string> = {
  perceptual: '可感知（perceptual）',
  relative: '相对比色（relative colorimetric）',
  saturation: '饱和度（saturation）',
  absolute: '绝对比色（absolute colorimetric）',
};

function tags(icc: Buffer): Map<string, number> {
  const at = new Map<string, number>();
  const count = icc.readUInt32BE(128);
  for (let i = 0; i < count && 132 + 12 * i + 12 <= icc.length; i++)
    at.set(icc.toString('latin1', 132 + 12 * i, 136 + 12 * i), 132 + 12 * i);
  return at;
}

/** The profile's media white point (wtpt), XYZ; D50 when it has none. */
export function mediaWhite(icc: Buffer): [number, number, number] {
  const e = tags(icc).get('wtpt');
  if (e === undefined) return [0.9642, 1, 0.8249];
  const at = icc.readUInt32BE(e + 4);
  return [0, 1, 2].map((k) => icc.readInt32BE(at + 8 + 4 * k) / 65536) as [number, number, number];
}

const made = new Map<string, string>();

/**
 * The profile file lcms is to be given for this intent: the plant's own for perceptual, else a copy
 * (in the temporary folder, named by content) whose B2A0 entry points at the intent's table.
 */
export function profileForIntent(path: string, intent: RenderingIntent): string {
  if (intent === 'perceptual') return path;
  const key = `${path}|${intent}`;
  const had = made.get(key);
  if (had && existsSync(had)) return had;
  const icc = Buffer.from(readFileSync(path));
  const at = tags(icc);
  const from = at.get(intent === 'saturation' ? 'B2A2' : 'B2A1');
  const to = at.get('B2A0');
  if (from !== undefined && to !== undefined) icc.copy(icc, to + 4, from + 4, from + 12);
  // The header's ID (MD5 of the profile) no longer matches a changed tag table: cleared, as allowed.
  icc.fill(0, 84, 100);
  const dir = join(tmpdir(), 'banmian-profiles');
  const file = join(dir, `${createHash('sha1').update(icc).digest('hex')}.icc`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const part = `${file}.${process.pid}.part`;
    writeFileSync(part, icc);
    renameSync(part, file);
  }
  made.set(key, file);
  return file;
}

// sRGB's colorants adapted to D50, as in the ICC's sRGB profile: linear RGB → PCS XYZ.
const M = [
  [0.4361, 0.3851, 0.1431],
  [0.2225, 0.7169, 0.0606],
  [0.0139, 0.0971, 0.7141],
];
const D50 = [0.9642, 1, 0.8249];

function invert3(m: number[][]): number[][] {
  const [a, b, c] = m[0],
    [d, e, f] = m[1],
    [g, h, i] = m[2];
  const det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  return [
    [(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
    [(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det],
    [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det],
  ];
}

/**
 * Absolute colorimetric ahead of the colorimetric table: 8-bit sRGB pixels (3 a pixel) scaled in
 * linear light by D50 / the paper's white, in place.
 */
export function scaleToPaperWhite(rgb: Uint8Array, paper: [number, number, number]): void {
  const inv = invert3(M);
  const s = D50.map((w, k) => w / paper[k]);
  // R = M⁻¹ · S · M, in linear sRGB.
  const r = inv.map((row) => [0, 1, 2].map((j) => row.reduce((t, v, k) => t + v * s[k] * M[k][j], 0)));
  const lin = new Float64Array(256);
  for (let v = 0; v < 256; v++) {
    const c = v / 255;
    lin[v] = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }
  const STEPS = 4096;
  const enc = new Uint8Array(STEPS + 1);
  for (let i = 0; i <= STEPS; i++) {
    const c = i / STEPS;
    enc[i] = Math.round(255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055));
  }
  const out = (v: number) => enc[Math.round(Math.min(1, Math.max(0, v)) * STEPS)];
  for (let i = 0; i + 2 < rgb.length; i += 3) {
    const a = lin[rgb[i]],
      b = lin[rgb[i + 1]],
      c = lin[rgb[i + 2]];
    rgb[i] = out(r[0][0] * a + r[0][1] * b + r[0][2] * c);
    rgb[i + 1] = out(r[1][0] * a + r[1][1] * b + r[1][2] * c);
    rgb[i + 2] = out(r[2][0] * a + r[2][1] * b + r[2][2] * c);
  }
}
