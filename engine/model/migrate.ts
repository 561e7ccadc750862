// Edition files outlive the program that wrote them. Each schema change adds one step here, from
// version N to N+1, and every file is walked up the chain to the current version on reading;
// a file from a newer program is refused rather than half-understood.
import { EDITION_SCHEMA_VERSION } from './types';

export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/** Steps by the version they read: MIGRATIONS[1] turns a version-1 document into version 2. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = Object.freeze({
  // Version 1 is the first and current schema.
});

export function migrateEdition(
  doc: Record<string, unknown>,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  target: number = EDITION_SCHEMA_VERSION,
): Record<string, unknown> {
  const v = doc.schemaVersion;
  if (v === undefined) throw new Error('is missing: this does not look like a Banmian edition');
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw new Error(`${JSON.stringify(v)} is not a schema version`);
  if (v > target)
    throw new Error(
      `the edition was written by a newer Banmian (schema ${v}; this one reads up to ${target}); it is left untouched`,
    );
  let out = doc;
  for (let at = v; at < target; at++) {
    const step = migrations[at];
    if (!step) throw new Error(`no migration from schema ${at} to ${at + 1}`);
    // Steps get a copy: the caller's document is never changed, so a failed read loses nothing.
    out = { ...step(structuredClone(out)), schemaVersion: at + 1 };
  }
  return out;
}
