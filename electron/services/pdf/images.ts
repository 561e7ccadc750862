// Photos for the PDF. Grey and CMYK JPEGs pass through untouched (DCTDecode: no recompression,
// no quality loss); CMYK JPEGs get an inverting /Decode only when they carry Adobe's APP14
// marker, whose writers store CMYK inverted (pdfkit always inverts: #1391). For the press, RGB
// photos are separated to CMYK (photo.ts) and embedded with Flate; proofs keep them as they are,
// JPEGs passed through and PNGs through pdfkit's decoder.
import type { Asset } from '../../../engine/model/types';
import type { PdfDoc, PdfkitRef } from './document';
import { flateWithPredictor, preparePrintPhoto, type PrepareOptions } from './photo';
import { jpegOrientation } from '../import/photo-meta';
import { checkJpegComplete, checkJpegSupported, decodePng, jpegFrame, pngHeader } from './raster';

/** `orientation`: the JPEG's EXIF orientation (1–8), which the painter applies when drawing it. */
export interface EmbeddedImage { name: string; ref: PdfkitRef; orientation?: number }

function passThroughJpeg(doc: PdfDoc, bytes: Buffer): PdfkitRef {
  const info = jpegFrame(bytes);
  checkJpegSupported(info);
  checkJpegComplete(bytes);
  const ref = doc.ref({
    Type: 'XObject',
    Subtype: 'Image',
    BitsPerComponent: 8,
    Width: info.width,
    Height: info.height,
    ColorSpace: info.components === 1 ? 'DeviceGray' : info.components === 4 ? 'DeviceCMYK' : 'DeviceRGB',
    Filter: 'DCTDecode',
  });
  if (info.components === 4 && info.adobe) ref.data.Decode = [1, 0, 1, 0, 1, 0, 1, 0];
  ref.end(bytes);
  return ref;
}

function pdfkitImage(doc: PdfDoc, bytes: Buffer): PdfkitRef {
  const image = (doc as unknown as { openImage(b: Buffer): { obj?: PdfkitRef; embed(d: unknown): void } }).openImage(bytes);
  if (!image.obj) image.embed(doc);
  return image.obj!;
}

/**
 * Embeds an asset once per document; returns the XObject to paint. `print` (ink limit and
 * transparency handling) gives the press's version: CMYK or grey only, 8 bits.
 */
export function embedImage(doc: PdfDoc, asset: Asset, bytes: Buffer, name: string, print?: PrepareOptions): EmbeddedImage {
  const orientation = asset.mime === 'image/jpeg' ? jpegOrientation(bytes) : 1;
  return orientation === 1 ? embedUpright(doc, asset, bytes, name, print) : { ...embedUpright(doc, asset, bytes, name, print), orientation };
}

/**
 * The unit square of an image XObject onto the box the photo is seen in (x, y, w, h on the y-down
 * page), turned by its EXIF orientation: the `cm` operands.
 */
export function orientedMatrix(orientation: number, x: number, y: number, w: number, h: number): number[] {
  switch (orientation) {
    case 2: return [-w, 0, 0, -h, x + w, y + h];
    case 3: return [-w, 0, 0, h, x + w, y];
    case 4: return [w, 0, 0, h, x, y];
    case 5: return [0, h, -w, 0, x + w, y];
    case 6: return [0, h, w, 0, x, y];
    case 7: return [0, -h, w, 0, x, y + h];
    case 8: return [0, -h, -w, 0, x + w, y + h];
    default: return [w, 0, 0, -h, x, y + h];
  }
}

function embedUpright(doc: PdfDoc, asset: Asset, bytes: Buffer, name: string, print?: PrepareOptions): EmbeddedImage {
  if (!print) {
    if (asset.mime === 'image/jpeg') return { name, ref: passThroughJpeg(doc, bytes) };
    // pdfkit would write 16 bits per sample, which PDF 1.4 (the proof's version) does not have.
    if (pngHeader(bytes).bitDepth === 16) {
      const r = decodePng(bytes);
      return { name, ref: flateImage(doc, r.data, r.width, r.height, r.space === 'rgb' ? 3 : 1, r.alpha) };
    }
    // pdfkit passes a PNG's compressed rows through unread: decoded here first, so a damaged
    // file is caught instead of reaching the proof as noise.
    decodePng(bytes);
    return { name, ref: pdfkitImage(doc, bytes) };
  }
  const photo = preparePrintPhoto(asset, bytes, print);
  if (!photo.pixels) return { name, ref: asset.mime === 'image/jpeg' ? passThroughJpeg(doc, bytes) : pdfkitImage(doc, bytes) };
  return { name, ref: flateImage(doc, photo.pixels, photo.width, photo.height, photo.space === 'cmyk' ? 4 : 1, photo.alpha) };
}

/** 8-bit samples as a Flate image XObject (grey, RGB or CMYK by the sample count), with a soft mask for alpha. */
function flateImage(doc: PdfDoc, pixels: Uint8Array, width: number, height: number, colors: 1 | 3 | 4, alpha: Uint8Array | null): PdfkitRef {
  const body = flateWithPredictor(pixels, width, height, colors);
  const dict: Record<string, unknown> = {
    Type: 'XObject',
    Subtype: 'Image',
    BitsPerComponent: 8,
    Width: width,
    Height: height,
    ColorSpace: colors === 4 ? 'DeviceCMYK' : colors === 3 ? 'DeviceRGB' : 'DeviceGray',
    Filter: 'FlateDecode',
    DecodeParms: body.parms,
  };
  if (alpha) {
    const mask = flateWithPredictor(alpha, width, height, 1);
    const smask = doc.ref({ Type: 'XObject', Subtype: 'Image', BitsPerComponent: 8, Width: width, Height: height, ColorSpace: 'DeviceGray', Filter: 'FlateDecode', DecodeParms: mask.parms });
    smask.end(mask.data);
    dict.SMask = smask;
  }
  const ref = doc.ref(dict);
  ref.end(body.data);
  return ref;
}
