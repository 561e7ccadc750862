// Folders of the product's data, through the one resolver (resources.ts); projectRoot is the source
// checkout, for tests and development tools only.
import { resourcePath } from './resources';

export { projectRoot } from './resources';
export const fontsDir = (): string => resourcePath('fonts');
/** The installed page templates; BANMIAN_TEMPLATES names another folder of them (a newsroom's own set, or a test's copy). */
export const templatesDir = (): string => process.env.BANMIAN_TEMPLATES || resourcePath('templates');
