// What the commands that read an edition share: the edition (a file, or `--sample [NAME]`), the
// pages asked for and the ink limit. Every command reads its edition through here, and so through
// the one edition reader (electron/services/edition-file.ts).
import type { Edition } from '../engine/model/types';
import { EditionLoadError, loadEditionFile } from '../electron/services/edition-file';
import { isPreset, PRESETS, type PdfPreset } from '../electron/api/presets';
import { EXIT, UsageError } from './io';
import { sampleEdition } from './sample';

/** The edition named by the positional arguments (one file), or the sample those name. */
export function readEdition(positional: string[], sample: boolean): Edition {
  if (sample) return sampleEdition(positional);
  if (positional.length !== 1)
    throw new UsageError(
      positional.length
        ? `one edition file, please (got ${positional.length})`
        : 'which edition? give a file (.banmian or .json) or --sample',
    );
  try {
    return loadEditionFile(positional[0]);
  } catch (e) {
    if (e instanceof EditionLoadError) throw new UsageError(e.message, EXIT.badInput);
    throw e;
  }
}

/** `--pages 1,3-4` (or `--page`) → [1, 3, 4]: sorted, each page once. */
export function parsePages(spec: string, option = 'pages'): number[] {
  const out = new Set<number>();
  for (const part of spec.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    const where = part === spec ? '' : ` ("${part}")`;
    if (!m) throw new UsageError(`--${option} "${spec}" is not a page number or range${where} (e.g. 1,3-4)`);
    const a = Number(m[1]),
      b = m[2] ? Number(m[2]) : a;
    if (a < 1 || b < a) throw new UsageError(`--${option} "${spec}" is not a valid range${where}`);
    for (let n = a; n <= b; n++) out.add(n);
  }
  return [...out].sort((x, y) => x - y);
}

/** The pages a command works on: those of `--pages`, or every page; a page the edition lacks is a usage error. */
export function choosePages(edition: Edition, spec: string | undefined): number[] {
  const numbers = edition.pages.map((p) => p.number);
  const pages = spec !== undefined ? parsePages(spec) : numbers;
  const unknown = pages.filter((n) => !numbers.includes(n));
  if (unknown.length)
    throw new UsageError(`the edition has no page ${unknown.join(', ')} (it has ${numbers.join(', ')})`);
  return pages;
}

/** `--ink-limit 220` or `220%`; undefined when not given (the template's limit then applies). */
export function parseInkLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const limit = Number(value.replace(/%$/, ''));
  if (!(limit > 0 && limit <= 400))
    throw new UsageError(`--ink-limit "${value}" is not a percentage between 1 and 400`);
  return limit;
}

/** `--preset P`: one of the presets (electron/api/presets.ts); print-x1a when not given. */
export function choosePreset(value: string | undefined): PdfPreset {
  const preset = value ?? 'print-x1a';
  if (!isPreset(preset))
    throw new UsageError(`--preset "${preset}" is not a preset; use one of ${PRESETS.join(', ')}`);
  return preset;
}
