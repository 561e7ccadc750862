// How photos go to the plate for an export: the plant's output profile and the photos' resolution,
// the caller's when given, else the first page's template's. The painter and the CLI's whole-job
// preflight ask the same question here, so the check sees what the plate will get.
import { resolve } from 'node:path';
import type { Edition } from '../../../engine/model/types';
import type { RenderingIntent, Template } from '../../../engine/templates/types';
import { resourcePath } from '../resources';

export function plateSettings(
  edition: Edition,
  firstPage: number,
  templates: Record<string, Template> | undefined,
  given: { outputProfile?: string; resolution?: number; intent?: RenderingIntent; outputCondition?: string },
): { profileFile?: string; resolution?: number; intent: RenderingIntent; condition?: string } {
  const template = templates?.[edition.pages.find((p) => p.number === firstPage)?.template ?? ''];
  const profileFile =
    given.outputProfile ??
    (template?.outputProfile ? resolve(resourcePath('templates'), template.outputProfile) : undefined);
  return {
    profileFile,
    resolution: given.resolution ?? template?.resolution,
    intent: given.intent ?? template?.renderingIntent ?? 'perceptual',
    condition: given.outputCondition ?? template?.outputCondition,
  };
}
