// The options that say how photos go to the plate (--output-profile, --output-condition, --intent,
// --resolution), read once for export and preflight; over the edition's and the template's settings
// (electron/services/pdf/plate.ts decides which applies).
import type { Edition } from '../engine/model/types';
import { RESOLUTION_RANGE } from '../engine/model/output';
import {
  CONDITION_NAME,
  RENDERING_INTENTS,
  type RenderingIntent,
  type Template,
} from '../engine/templates/types';
import { preflightPhotos, type PlateGiven } from '../electron/services/pdf/plate';
import { readOutputProfile } from '../electron/services/photos/profile';
import { UsageError } from './io';
import type { PdfPreset } from '../electron/api/presets';

export const PLATE_OPTIONS = ['output-profile', 'resolution', 'intent', 'output-condition'] as const;

/** The plate options given on the command line, checked; absent ones left to the edition and template. */
export function parsePlateOptions(opts: Record<string, string | boolean | undefined>): PlateGiven {
  const outputProfile = typeof opts['output-profile'] === 'string' ? opts['output-profile'] : undefined;
  if (outputProfile) {
    try {
      readOutputProfile(outputProfile);
    } catch (e) {
      throw new UsageError(`--output-profile: ${(e as Error).message}`);
    }
  }
  let resolution: number | undefined;
  if (opts.resolution !== undefined) {
    resolution = Number(opts.resolution);
    if (!Number.isFinite(resolution) || resolution < RESOLUTION_RANGE[0] || resolution > RESOLUTION_RANGE[1])
      throw new UsageError(
        `--resolution "${opts.resolution}" is not a resolution in ppi (${RESOLUTION_RANGE.join('–')})`,
      );
  }
  const intent = typeof opts.intent === 'string' ? opts.intent : undefined;
  if (intent !== undefined && !(RENDERING_INTENTS as readonly string[]).includes(intent))
    throw new UsageError(`--intent "${intent}" is not one of ${RENDERING_INTENTS.join(', ')}`);
  const outputCondition = typeof opts['output-condition'] === 'string' ? opts['output-condition'] : undefined;
  if (outputCondition !== undefined && !CONDITION_NAME.test(outputCondition))
    throw new UsageError(
      `--output-condition "${outputCondition}" is not a registered characterization name (e.g. FOGRA39, IFRA26, CGATS21_CRPC5)`,
    );
  return { outputProfile, resolution, intent: intent as RenderingIntent | undefined, outputCondition };
}

/** Preflight's photo options for the pages from `firstPage`: the plate as export will make it (print presets). */
export function platePhotos(
  preset: PdfPreset,
  edition: Edition,
  firstPage: number,
  templates: Record<string, Template>,
  given: PlateGiven,
) {
  try {
    return preflightPhotos(preset, edition, firstPage, templates, given);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
