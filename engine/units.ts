// Units. Everything inside the engine is in PDF points (1/72 in) — design invariant 5.
// Templates and the CLI may speak mm, Chinese size names (号) or grid units; they are converted here, once.

export const PT_PER_MM = 72 / 25.4;

export function mmToPt(mm: number): number {
  return mm * PT_PER_MM;
}

export function ptToMm(pt: number): number {
  return pt / PT_PER_MM;
}

/**
 * Chinese size names (号数制) in DTP points, the "word" system that ctex and GB/T 40070—2021 use
 * (ctex `tab:zihao`, GB/T 40070—2021; table in docs/cjk-typesetting.md §6.1).
 */
export const HAO_SIZES: Readonly<Record<string, number>> = Object.freeze({
  初号: 42,
  小初: 36,
  一号: 26,
  小一: 24,
  二号: 22,
  小二: 18,
  三号: 16,
  小三: 15,
  四号: 14,
  小四: 12,
  五号: 10.5,
  小五: 9,
  六号: 7.5,
  小六: 6.5,
  七号: 5.5,
  八号: 5,
});

/** Parses a size given as a number of points, "9pt", "3.2mm" or a size name such as 小五. */
export function parseSize(input: string | number): number {
  if (typeof input === 'number') {
    if (!(input > 0) || !Number.isFinite(input))
      throw new RangeError(`size must be a positive number of points, got ${input}`);
    return input;
  }
  const s = input.trim();
  if (s in HAO_SIZES) return HAO_SIZES[s];
  const m = /^(\d+(?:\.\d+)?)\s*(pt|mm)?$/.exec(s);
  if (!m)
    throw new RangeError(
      `unknown size "${input}": use points (9 or 9pt), millimetres (3.2mm) or a size name (${Object.keys(HAO_SIZES).join(' ')})`,
    );
  const v = Number(m[1]);
  if (!(v > 0)) throw new RangeError(`size must be positive, got "${input}"`);
  return m[2] === 'mm' ? mmToPt(v) : v;
}
