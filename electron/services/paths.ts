// Folders of the product's data, through the one resolver (resources.ts); projectRoot is the source
// checkout, for tests and development tools only.
import { resourcePath } from './resources';

export { projectRoot } from './resources';
export const fontsDir = (): string => resourcePath('fonts');
export const templatesDir = (): string => resourcePath('templates');
