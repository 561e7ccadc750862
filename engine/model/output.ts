// An edition's output condition (its `output`): the plant's profile, a registered characterization,
// the rendering intent and the photos' resolution, over the template's (electron/services/pdf/plate.ts).
import { CONDITION_NAME, RENDERING_INTENTS, type RenderingIntent } from '../templates/types';

export interface EditionOutput {
  /** The plant's ICC profile: a file name in the templates folder (never a path elsewhere). */
  profile?: string;
  /** A registered characterization named as the output condition (FOGRA39, IFRA26 …). */
  condition?: string;
  /** Rendering intent of the photos' separation. */
  intent?: RenderingIntent;
  /** Output resolution for photos, ppi. */
  resolution?: number;
}

/** A profile named by an edition: a plain .icc/.icm file name, no folder, not hidden. */
export const PROFILE_FILE_NAME = /^[^/\\.\0][^/\\\0]{0,199}\.ic[cm]$/i;
export const RESOLUTION_RANGE = [72, 2400] as const;

export interface OutputProblem {
  field: string;
  message: string;
  zh: string;
}

/** The fields of `raw` that are sound, and what is wrong with the others. */
export function checkEditionOutput(
  raw: unknown,
  path = 'output',
): { output: EditionOutput; problems: OutputProblem[] } {
  const output: EditionOutput = {};
  const problems: OutputProblem[] = [];
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ field: path, message: 'must be an object', zh: '输出条件设定无法读取' });
    return { output, problems };
  }
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (!['profile', 'condition', 'intent', 'resolution'].includes(k))
      problems.push({
        field: `${path}.${k}`,
        message: 'is not an output setting',
        zh: `输出条件没有“${k}”一项`,
      });
  if (o.profile !== undefined) {
    if (typeof o.profile === 'string' && PROFILE_FILE_NAME.test(o.profile)) output.profile = o.profile;
    else
      problems.push({
        field: `${path}.profile`,
        message: `must be the file name of an .icc profile in the templates folder, got ${JSON.stringify(o.profile)}`,
        zh: `输出特性文件须是模板文件夹中的 .icc 文件名，而不是 ${JSON.stringify(o.profile)}`,
      });
  }
  if (o.condition !== undefined) {
    if (typeof o.condition === 'string' && CONDITION_NAME.test(o.condition)) output.condition = o.condition;
    else
      problems.push({
        field: `${path}.condition`,
        message: `must be a registered characterization name such as FOGRA39 or IFRA26, got ${JSON.stringify(o.condition)}`,
        zh: `输出条件须是注册特性名（如 FOGRA39、IFRA26），而不是 ${JSON.stringify(o.condition)}`,
      });
  }
  if (o.intent !== undefined) {
    if ((RENDERING_INTENTS as readonly unknown[]).includes(o.intent))
      output.intent = o.intent as RenderingIntent;
    else
      problems.push({
        field: `${path}.intent`,
        message: `must be one of ${RENDERING_INTENTS.join(', ')}, got ${JSON.stringify(o.intent)}`,
        zh: `再现意图须是 ${RENDERING_INTENTS.join('、')} 之一`,
      });
  }
  if (o.resolution !== undefined) {
    const r = o.resolution;
    if (typeof r === 'number' && Number.isFinite(r) && r >= RESOLUTION_RANGE[0] && r <= RESOLUTION_RANGE[1])
      output.resolution = r;
    else
      problems.push({
        field: `${path}.resolution`,
        message: `must be a resolution in ppi (${RESOLUTION_RANGE.join('–')}), got ${JSON.stringify(r)}`,
        zh: `输出分辨率须在 ${RESOLUTION_RANGE.join('–')} ppi 之间`,
      });
  }
  return { output, problems };
}

/** True when the setting says nothing (stored as absent). */
export const emptyOutput = (o: EditionOutput | undefined): boolean => !o || Object.keys(o).length === 0;
