// Pathological inputs for the bounded-work benchmarks: a ~60 MB proof (the sample page with a large
// photo, as a proofreader's copy of a photo-heavy page weighs) and a 5 MB paragraph of Latin letters.
import { layoutEdition } from '../engine/layout';
import type { Edition } from '../engine/model/types';
import { loadFontSet } from '../electron/services/fonts';
import { exportPdf } from '../electron/services/pdf';
import { loadSampleEdition } from '../electron/services/sample';
import { loadTemplates } from '../electron/services/templates';

/**
 * A baseline JPEG of `mb` megabytes: real frame and scan headers, then scan data that never decodes
 * to anything sensible but is well-formed for a pass-through (no FF outside stuffing, one EOI).
 */
function bigJpeg(mb: number, w = 6000, h = 4000): Buffer {
  const sof = [
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    h >> 8,
    h & 0xff,
    w >> 8,
    w & 0xff,
    0x03,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
  ];
  const sos = [0xff, 0xda, 0x00, 0x0c, 0x03, 1, 0x00, 2, 0x11, 3, 0x11, 0x00, 0x3f, 0x00];
  const head = Buffer.from([0xff, 0xd8, ...sof, ...sos]);
  const body = Buffer.alloc(mb * 1048576);
  let seed = 11;
  for (let i = 0; i < body.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    body[i] = (seed >> 16) % 255;
  }
  return Buffer.concat([head, body, Buffer.from([0xff, 0xd9])]);
}

/** The sample edition whose photo is a `mb`-megabyte JPEG, and its proof PDF. */
export async function bigProof(mb = 60): Promise<{ edition: Edition; pdf: Buffer }> {
  const edition = loadSampleEdition();
  const jpg = bigJpeg(mb);
  const asset = edition.assets[0];
  edition.assets[0] = {
    ...asset,
    mime: 'image/jpeg',
    pixelWidth: 6000,
    pixelHeight: 4000,
    colorSpace: 'rgb',
    data: jpg.toString('base64'),
  };
  const list = layoutEdition(edition, { fonts: loadFontSet(), templates: loadTemplates() });
  const pdf = await exportPdf(list, edition, {
    preset: 'proof',
    exportTime: new Date('2023-02-16T13:30:00Z'),
  });
  return { edition, pdf };
}
