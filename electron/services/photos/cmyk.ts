// CMYK samples after separation: the total ink limited per pixel, and the samples wrapped as a TIFF
// so libvips reads them as CMYK (decode.ts separates; the PDF's plate photos are written from these).

/**
 * Total ink at most `limitPct` per pixel: cyan, magenta and yellow reduced in proportion so the
 * black plate (the profile's black generation, which carries the detail) is kept; black alone over
 * the limit is cut to it.
 */
export function limitInk(cmyk: Uint8Array, limitPct: number): void {
  const limit = Math.floor((limitPct * 255) / 100);
  // Four samples read as one word: most pixels are under the limit and cost one load and three adds.
  const aligned = cmyk.byteOffset % 4 === 0;
  const words = aligned ? new Uint32Array(cmyk.buffer, cmyk.byteOffset, cmyk.length >> 2) : null;
  for (let i = 0; i < cmyk.length; i += 4) {
    if (words) {
      const v = words[i >> 2];
      if ((v & 255) + ((v >>> 8) & 255) + ((v >>> 16) & 255) + (v >>> 24) <= limit) continue;
    }
    const k = cmyk[i + 3];
    const cmy = cmyk[i] + cmyk[i + 1] + cmyk[i + 2];
    if (cmy + k <= limit) continue;
    if (k >= limit) {
      cmyk[i] = cmyk[i + 1] = cmyk[i + 2] = 0;
      cmyk[i + 3] = limit;
      continue;
    }
    const f = (limit - k) / cmy;
    cmyk[i] = Math.floor(cmyk[i] * f);
    cmyk[i + 1] = Math.floor(cmyk[i + 1] * f);
    cmyk[i + 2] = Math.floor(cmyk[i + 2] * f);
  }
}

/** An uncompressed CMYK TIFF around 8-bit ink samples, so libvips reads them as CMYK, not RGBA. */
export function cmykTiff(data: Uint8Array, width: number, height: number): Buffer {
  const entries: [number, number, number, number][] = [
    [256, 4, 1, width],
    [257, 4, 1, height],
    [258, 3, 4, 0],
    [259, 3, 1, 1],
    [262, 3, 1, 5],
    [273, 4, 1, 0],
    [277, 3, 1, 4],
    [278, 4, 1, height],
    [279, 4, 1, data.length],
    [284, 3, 1, 1],
    [332, 3, 1, 1],
  ];
  const ifdSize = 2 + entries.length * 12 + 4;
  const bpsAt = 8 + ifdSize;
  const dataAt = bpsAt + 8;
  const head = Buffer.alloc(dataAt);
  head.write('II', 0, 'latin1');
  head.writeUInt16LE(42, 2);
  head.writeUInt32LE(8, 4);
  head.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, count, value], i) => {
    const e = 10 + i * 12;
    head.writeUInt16LE(tag, e);
    head.writeUInt16LE(type, e + 2);
    head.writeUInt32LE(count, e + 4);
    if (tag === 258) head.writeUInt32LE(bpsAt, e + 8);
    else if (tag === 273) head.writeUInt32LE(dataAt, e + 8);
    else if (type === 3) head.writeUInt16LE(value, e + 8);
    else head.writeUInt32LE(value, e + 8);
  });
  for (let i = 0; i < 4; i++) head.writeUInt16LE(8, bpsAt + 2 * i);
  return Buffer.concat([head, data]);
}
