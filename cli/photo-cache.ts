// Photos prepared for print (separated, resampled) are kept in the user's cache folder, keyed by their
// content and the plate settings (electron/services/pdf/photo-store.ts): exporting or checking an
// edition again skips libvips, whose loading alone costs a command tens of milliseconds.
import { join } from 'node:path';
import { userCacheDir } from './compile-cache';
import { keepPrintPhotosIn } from '../electron/services/pdf/photo-store';

export function keepPhotosInCache(): void {
  keepPrintPhotosIn(join(userCacheDir(), 'print-photos'));
}
