// Ghostscript's default_cmyk.icc standing in for a printing plant's profile, and a templates folder
// (a copy of the installed one) that holds it as `plant.icc`, as a newsroom adds its plant's file.
import { copyFileSync, cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../electron/services/paths';

export const PLANT_PROFILE = [
  '/usr/share/color/icc/ghostscript/default_cmyk.icc',
  ...['10.00.0', '10.05.1', '9.56.1'].map((v) => `/usr/share/ghostscript/${v}/iccprofiles/default_cmyk.icc`),
].find(existsSync)!;

/** A new folder: the installed templates plus the plant's profile as plant.icc. */
export function templatesWithPlantProfile(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'banmian-templates-')), 'templates');
  cpSync(join(projectRoot(), 'templates'), dir, { recursive: true });
  copyFileSync(PLANT_PROFILE, join(dir, 'plant.icc'));
  return dir;
}
