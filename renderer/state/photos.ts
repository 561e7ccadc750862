// Photos decoded for the painter, by asset id. Decoding is off the main thread; the caller repaints
// as each one arrives.
import type { Asset } from '../../engine/model/types';

export class PhotoDecoder {
  readonly images = new Map<string, ImageBitmap>();

  decode(assets: Asset[], arrived: () => void): void {
    if (typeof createImageBitmap !== 'function') return;
    for (const a of assets) {
      if (this.images.has(a.id)) continue;
      const bin = atob(a.data);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      createImageBitmap(new Blob([bytes], { type: a.mime }), { imageOrientation: 'from-image' }).then(
        (bmp) => {
          this.images.set(a.id, bmp);
          arrived();
        },
        () => {
          /* an undecodable photo stays a grey frame; preflight reports the asset */
        },
      );
    }
  }
}
