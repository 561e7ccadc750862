// What a photo's metadata says that the page needs: the EXIF orientation (cameras store the pixels as
// the sensor saw them and a tag saying how to turn them), and the caption the photographer or the
// agency wrote (IPTC Caption-Abstract in Photoshop's APP13, or XMP dc:description).

/** JPEG segments before the image data: marker and payload. */
function* jpegSegments(b: Uint8Array): Generator<{ marker: number; at: number; len: number }> {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return;
    const marker = b[i + 1];
    if (marker === 0xd9 || marker === 0xda) return;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const len = (b[i + 2] << 8) | b[i + 3];
    if (len < 2 || i + 2 + len > b.length) return;
    yield { marker, at: i + 4, len: len - 2 };
    i += 2 + len;
  }
}

const latin1 = (b: Uint8Array, at: number, n: number) =>
  Buffer.from(b.subarray(at, at + n)).toString('latin1');

/** The EXIF orientation (1–8) of a JPEG; 1 when it has none or it cannot be read. */
export function jpegOrientation(b: Uint8Array): number {
  for (const s of jpegSegments(b)) {
    if (s.marker !== 0xe1 || latin1(b, s.at, 6) !== 'Exif\0\0') continue;
    const t = s.at + 6;
    const end = s.at + s.len;
    const le = latin1(b, t, 2) === 'II';
    if (!le && latin1(b, t, 2) !== 'MM') return 1;
    const u16 = (p: number) => (p + 2 > end ? -1 : le ? b[p] | (b[p + 1] << 8) : (b[p] << 8) | b[p + 1]);
    const u32 = (p: number) =>
      p + 4 > end
        ? -1
        : le
          ? (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) + b[p + 3] * 0x1000000
          : b[p] * 0x1000000 + ((b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]);
    const ifd = u32(t + 4);
    if (ifd < 0) return 1;
    const n = u16(t + ifd);
    for (let k = 0; k < n && k < 1000; k++) {
      const e = t + ifd + 2 + k * 12;
      if (u16(e) === 0x0112) {
        const v = u16(e + 8);
        return v >= 1 && v <= 8 ? v : 1;
      }
    }
    return 1;
  }
  return 1;
}

/** Whether an orientation turns the photo a quarter (its width and height swap on the page). */
export const turnsQuarter = (orientation: number) => orientation >= 5 && orientation <= 8;

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    /* older agencies: GB18030 */
  }
  try {
    return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

/** IPTC Caption-Abstract (2:120) from Photoshop's image resources (8BIM 0x0404). */
function iptcCaption(b: Uint8Array, at: number, len: number): string | null {
  if (latin1(b, at, 14) !== 'Photoshop 3.0\0') return null;
  let i = at + 14;
  const end = at + len;
  while (i + 12 <= end && latin1(b, i, 4) === '8BIM') {
    const id = (b[i + 4] << 8) | b[i + 5];
    const nameLen = b[i + 6];
    let p = i + 6 + 1 + nameLen;
    if ((1 + nameLen) % 2) p++;
    if (p + 4 > end) return null;
    const size = b[p] * 0x1000000 + ((b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]);
    p += 4;
    if (id === 0x0404) {
      let q = p;
      while (q + 5 <= Math.min(end, p + size)) {
        if (b[q] !== 0x1c) break;
        const rec = b[q + 1],
          ds = b[q + 2],
          n = (b[q + 3] << 8) | b[q + 4];
        if (rec === 2 && ds === 120) return decode(b.subarray(q + 5, q + 5 + n)).trim() || null;
        q += 5 + n;
      }
    }
    i = p + size + (size % 2);
  }
  return null;
}

const XMP_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** dc:description from an XMP packet (its first language alternative). */
export function xmpCaption(xml: string): string | null {
  const m = /<dc:description\b[^>]*>([\s\S]*?)<\/dc:description>/.exec(xml);
  if (!m) return null;
  const li = /<rdf:li\b[^>]*>([\s\S]*?)<\/rdf:li>/.exec(m[1]);
  const text = (li ? li[1] : m[1])
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(
            e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10),
          )
        : (XMP_ENTITIES[e] ?? all),
    )
    .trim();
  return text || null;
}

/** The caption a photo carries: IPTC first (newsroom systems write it), then XMP; JPEG and PNG (iTXt XMP). */
export function photoCaption(b: Uint8Array): string | null {
  let xmp: string | null = null;
  for (const s of jpegSegments(b)) {
    if (s.marker === 0xed) {
      const c = iptcCaption(b, s.at, s.len);
      if (c) return c;
    }
    if (s.marker === 0xe1 && latin1(b, s.at, 29) === 'http://ns.adobe.com/xap/1.0/\0')
      xmp ??= Buffer.from(b.subarray(s.at + 29, s.at + s.len)).toString('utf8');
  }
  if (b.length > 8 && b[0] === 0x89 && latin1(b, 1, 3) === 'PNG') {
    let i = 8;
    while (i + 12 <= b.length) {
      const n = b[i] * 0x1000000 + ((b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]);
      const type = latin1(b, i + 4, 4);
      if (type === 'iTXt' && latin1(b, i + 8, 18) === 'XML:com.adobe.xmp\0' && b[i + 8 + 18] === 0) {
        // keyword, compression flag 0, method, language tag\0, translated keyword\0, text
        let p = i + 8 + 18 + 2;
        for (let z = 0; z < 2; z++) {
          while (p < i + 8 + n && b[p] !== 0) p++;
          p++;
        }
        xmp = Buffer.from(b.subarray(p, i + 8 + n)).toString('utf8');
      }
      if (type === 'IEND') break;
      i += 12 + n;
    }
  }
  return xmp ? xmpCaption(xmp) : null;
}
