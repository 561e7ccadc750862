// `--sample [NAME]`: the built-in sample editions on the command line.
import type { Edition } from '../engine/model/types';
import { SAMPLE_NAMES, isSampleName, loadSampleEdition } from '../electron/services/sample';
import { UsageError } from './io';

/** The sample `--sample [news|fukan]` names (the words after --sample): news unless one is given. */
export function sampleEdition(positional: string[]): Edition {
  if (positional.length === 0) return loadSampleEdition();
  if (positional.length === 1 && isSampleName(positional[0])) return loadSampleEdition(positional[0]);
  throw new UsageError(
    `give either an edition file or --sample [${SAMPLE_NAMES.join('|')}], not both (got ${positional.join(' ')})`,
  );
}
