// The edition as it crosses the API is checked by the engine's own validation (engine/model), the
// same check a file gets when it is opened: one definition of a valid edition, problems named by
// their path, nothing dropped.
import { EditionError, validateEdition, type Edition } from '../../engine/model';
import { SchemaError, type Schema } from './schema';

export const EditionSchema: Schema<Edition> = {
  expected: 'an edition',
  parse(value, path = '') {
    try {
      return validateEdition(value, path || 'edition');
    } catch (e) {
      if (e instanceof EditionError) {
        const first = e.problems
          .slice(0, 5)
          .map((p) => `${p.path}: ${p.message}`)
          .join('; ');
        const more = e.problems.length > 5 ? ` (and ${e.problems.length - 5} more)` : '';
        throw new SchemaError(
          path || 'edition',
          'a valid edition',
          value,
          `not a valid edition: ${first}${more}`,
        );
      }
      throw e;
    }
  },
};
