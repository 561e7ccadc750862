// Pixel size and colour space of a JPEG or PNG, from its header, for the asset record (effective ppi
// and RGB checks in preflight need them). Anything else is reported by name so the editor can convert it.
// The size is the photo as it is seen: a JPEG whose EXIF orientation turns it a quarter has its width
// and height swapped (the painters turn the pixels, photo-meta.ts).
import { jpegOrientation, turnsQuarter } from './photo-meta';

export interface ImageInfo {
  mime: 'image/jpeg' | 'image/png';
  pixelWidth: number;
  pixelHeight: number;
  colorSpace: 'rgb' | 'cmyk' | 'gray';
}

/** A name for an image format we do not take, for the message; null when it is not an image we know. */
export function otherImageKind(b: Uint8Array): string | null {
  const s = Buffer.from(b.subarray(0, 8)).toString('latin1');
  if (s.startsWith('GIF8')) return 'GIF';
  if (s.startsWith('II*\0') || s.startsWith('MM\0*')) return 'TIFF';
  if (s.startsWith('BM')) return 'BMP';
  if (b[0] === 0xd7 && b[1] === 0xcd && b[2] === 0xc6 && b[3] === 0x9a) return 'WMF';
  if (
    b[0] === 0x01 &&
    b[1] === 0 &&
    b[2] === 0 &&
    b[3] === 0 &&
    Buffer.from(b.subarray(40, 44)).toString('latin1') === ' EMF'
  )
    return 'EMF';
  if (s.startsWith('RIFF') && Buffer.from(b.subarray(8, 12)).toString('latin1') === 'WEBP') return 'WebP';
  return null;
}

export function imageInfo(b: Uint8Array): ImageInfo | null {
  if (b.length > 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) {
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const colorType = b[25];
    return {
      mime: 'image/png',
      pixelWidth: v.getUint32(16),
      pixelHeight: v.getUint32(20),
      colorSpace: colorType === 0 || colorType === 4 ? 'gray' : 'rgb',
    };
  }
  if (b.length > 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) {
        i++;
        continue;
      }
      const marker = b[i + 1];
      if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0xff) {
        i += marker === 0xff ? 1 : 2;
        continue;
      }
      const len = (b[i + 2] << 8) | b[i + 3];
      // Start-of-frame markers carry the size; C4, C8 and CC are not frames.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        const h = (b[i + 5] << 8) | b[i + 6];
        const w = (b[i + 7] << 8) | b[i + 8];
        const comps = b[i + 9];
        const turned = turnsQuarter(jpegOrientation(b));
        return {
          mime: 'image/jpeg',
          pixelWidth: turned ? h : w,
          pixelHeight: turned ? w : h,
          colorSpace: comps === 1 ? 'gray' : comps === 4 ? 'cmyk' : 'rgb',
        };
      }
      i += 2 + len;
    }
    return null;
  }
  return null;
}
