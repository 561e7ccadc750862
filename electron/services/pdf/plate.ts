// How photos go to the plate for an export: the plant's output profile, the registered condition, the
// rendering intent and the photos' resolution — the caller's (the command line's) when given, else
// the edition's own (`output`), else the first page's template's, else the defaults. The painter and
// the whole-job preflight (export and `banmian preflight`) ask the same question here, so the check
// sees what the plate will get.
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Edition } from '../../../engine/model/types';
import { PROFILE_FILE_NAME } from '../../../engine/model/output';
import type { RenderingIntent, Template } from '../../../engine/templates/types';
import { templatesDir } from '../paths';
import { readOutputProfile } from '../photos/profile';
import { PRESET_TABLE, type PdfPreset } from '../../api/presets';

export interface PlateGiven {
  outputProfile?: string;
  resolution?: number;
  intent?: RenderingIntent;
  outputCondition?: string;
}

export interface PlateSettings {
  profileFile?: string;
  resolution?: number;
  intent: RenderingIntent;
  condition?: string;
}

/**
 * The file of a profile an edition names: a plain file name in the templates folder. The edition is
 * data from anywhere, so it never reaches a path outside that folder.
 */
export function editionProfilePath(name: string): string {
  if (!PROFILE_FILE_NAME.test(name))
    throw new Error(
      `输出特性文件须是模板文件夹中的 .icc 文件名（an edition's output profile is a file name in the templates folder）：${name}`,
    );
  const file = join(templatesDir(), name);
  if (!existsSync(file))
    throw new Error(
      `模板文件夹中没有输出特性文件 ${name}（no such profile in the templates folder: ${templatesDir()}）`,
    );
  return file;
}

export function plateSettings(
  edition: Edition,
  firstPage: number,
  templates: Record<string, Template> | undefined,
  given: PlateGiven,
): PlateSettings {
  const template = templates?.[edition.pages.find((p) => p.number === firstPage)?.template ?? ''];
  const own = edition.output ?? {};
  const profileFile =
    given.outputProfile ??
    (own.profile ? editionProfilePath(own.profile) : undefined) ??
    (template?.outputProfile ? resolve(templatesDir(), template.outputProfile) : undefined);
  return {
    profileFile,
    resolution: given.resolution ?? own.resolution ?? template?.resolution,
    intent: given.intent ?? own.intent ?? template?.renderingIntent ?? 'perceptual',
    condition: given.outputCondition ?? own.condition ?? template?.outputCondition,
  };
}

/** Preflight's photo options: the plate export will make, for a print preset; none for a proof (RGB kept). */
export function preflightPhotos(
  preset: PdfPreset,
  edition: Edition,
  firstPage: number,
  templates: Record<string, Template> | undefined,
  given: PlateGiven = {},
) {
  if (!PRESET_TABLE[preset].print) return undefined;
  const s = plateSettings(edition, firstPage, templates, given);
  return {
    outputProfile: s.profileFile,
    resolution: s.resolution,
    intent: s.intent,
    outputCondition: s.condition,
  };
}

/** The CMYK output profiles in the templates folder an edition can name: file name and description. */
export function availableOutputProfiles(): { file: string; description: string }[] {
  let names: string[];
  try {
    names = readdirSync(templatesDir()).filter((f) => PROFILE_FILE_NAME.test(f));
  } catch {
    return [];
  }
  const out: { file: string; description: string }[] = [];
  for (const file of names.sort()) {
    try {
      out.push({ file, description: readOutputProfile(join(templatesDir(), file)).description });
    } catch {
      // Not a CMYK output profile: not offered.
    }
  }
  return out;
}
