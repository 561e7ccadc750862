export * from './types';
export { validateEdition, EditionError } from './validate';
export type { EditionProblem } from './validate';
export { migrateEdition, MIGRATIONS } from './migrate';
export type { Migration } from './migrate';
export { articleChains } from './chain';
export type { PlacementPart, ChainProblem } from './chain';
