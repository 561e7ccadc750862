// Photos for the PDF. Grey and CMYK JPEGs pass through untouched (DCTDecode: no recompression,
// no quality loss); CMYK JPEGs get an inverting /Decode only when they carry Adobe's APP14
// marker, whose writers store CMYK inverted (pdfkit always inverts: #1391). For the press, RGB
// photos are separated to CMYK (photo.ts) and embedded with Flate; proofs keep them as they are,
// JPEGs passed through and PNGs through pdfkit's decoder.
import type { Asset } from '../../../engine/model/types';
import type { PdfDoc, PdfkitRef } from './document';
import { flateWithPredictor, preparePrintPhoto, type PrepareOptions } from './photo';
import { checkJpegComplete, checkJpegSupported, decodePng, jpegFrame, pngHeader } from './raster';

/** `orientation`: the JPEG's EXIF orientation (1–8), which the painter applies when drawing it. */
export interface EmbeddedImage {
  name: string;
  ref: PdfkitRef;
  orientation?: number;
}

function passThroughJpeg(doc: PdfDoc, bytes: Buffer, mask?: PdfkitRef): PdfkitRef {
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
  if (mask) ref.data.SMask = mask;
  ref.end(bytes);
  return ref;
}

function pdfkitImage(doc: PdfDoc, bytes: Buffer): PdfkitRef {
  const image = (
    doc as unknown as { openImage(b: Buffer): { obj?: PdfkitRef; embed(d: unknown): void } }
  ).openImage(bytes);
  if (!image.obj) image.embed(doc);
  return image.obj!;
}

/**
 * Embeds an asset once per document; returns the XObject to paint. `print` (ink limit and
 * transparency handling) gives the press's version: CMYK or grey only, 8 bits.
 */
export function embedImage(
  doc: PdfDoc,
  asset: Asset,
  bytes: Buffer,
  name: string,
  print?: PrepareOptions,
  upright?: Buffer,
): EmbeddedImage {
  if (!print) {
    // A photo turned by its EXIF orientation goes in turned (upright), at its own resolution.
    if (upright) return { name, ref: passThroughJpeg(doc, upright) };
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
  if (!photo.jpeg)
    return { name, ref: asset.mime === 'image/jpeg' ? passThroughJpeg(doc, bytes) : pdfkitImage(doc, bytes) };
  const ref = passThroughJpeg(
    doc,
    photo.jpeg,
    photo.alpha ? smask(doc, photo.alpha, photo.width, photo.height) : undefined,
  );
  return { name, ref };
}

function smask(doc: PdfDoc, alpha: Uint8Array, width: number, height: number): PdfkitRef {
  const mask = flateWithPredictor(alpha, width, height, 1);
  const ref = doc.ref({
    Type: 'XObject',
    Subtype: 'Image',
    BitsPerComponent: 8,
    Width: width,
    Height: height,
    ColorSpace: 'DeviceGray',
    Filter: 'FlateDecode',
    DecodeParms: mask.parms,
  });
  ref.end(mask.data);
  return ref;
}

/** 8-bit samples as a Flate image XObject (grey, RGB or CMYK by the sample count), with a soft mask for alpha. */
function flateImage(
  doc: PdfDoc,
  pixels: Uint8Array,
  width: number,
  height: number,
  colors: 1 | 3 | 4,
  alpha: Uint8Array | null,
): PdfkitRef {
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
  if (alpha) dict.SMask = smask(doc, alpha, width, height);
  const ref = doc.ref(dict);
  ref.end(body.data);
  return ref;
}
