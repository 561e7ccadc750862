// fonts/registry.json: which files stand behind the face ids the layout and the PDF use.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fontsDir } from '../paths';
import { packagedFontFile } from '../resources';

export interface RegistryFace {
  id: string;
  name: string;
  /** Editors' names for what the face is used as: 书宋, 标宋, 黑体 … */
  roles: string[];
  /** Either an npm package and a file inside it … */
  package?: string;
  file?: string;
  /** … or an absolute path on the machine (optional system faces). */
  path?: string;
  /** Face inside a TrueType/OpenType collection (.ttc). */
  postscriptName?: string;
  /** Missing optional faces are left out of fallback chains; missing required faces are an error. */
  optional?: boolean;
  licence: string;
  licenceFile: string;
  fallback: string[];
}

export interface RoleSubstitute { role: string; face: string; reason: string }

export interface FontRegistry {
  faces: RegistryFace[];
  substitutes: RoleSubstitute[];
}

const FORMAT = 'banmian-font-registry/1';

function fail(msg: string): never {
  throw new Error(`fonts/registry.json: ${msg}`);
}

/** Reads and checks the registry; every reference inside it must resolve to a declared face. */
export function readRegistry(path = join(fontsDir(), 'registry.json')): FontRegistry {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    fail(`cannot read (${(e as Error).message})`);
  }
  const r = raw as { format?: unknown; faces?: unknown; substitutes?: unknown };
  if (r.format !== FORMAT) fail(`format must be "${FORMAT}"`);
  if (!Array.isArray(r.faces) || r.faces.length === 0) fail('"faces" must be a non-empty array');
  const faces = r.faces as RegistryFace[];
  const ids = new Set<string>();
  for (const f of faces) {
    if (typeof f.id !== 'string' || !/^[a-z0-9-]+$/.test(f.id)) fail(`face id ${JSON.stringify(f.id)} must be lowercase letters, digits and dashes`);
    if (ids.has(f.id)) fail(`face "${f.id}" is declared twice`);
    ids.add(f.id);
    if (!(f.package && f.file) && !f.path) fail(`face "${f.id}" needs "package" and "file", or "path"`);
    if (typeof f.licence !== 'string' || typeof f.licenceFile !== 'string') fail(`face "${f.id}" must record its licence and licence file`);
    if (!existsSync(join(fontsDir(), f.licenceFile))) fail(`licence file ${f.licenceFile} of face "${f.id}" is missing from fonts/`);
    if (!Array.isArray(f.roles) || !Array.isArray(f.fallback)) fail(`face "${f.id}" needs "roles" and "fallback" arrays`);
  }
  for (const f of faces) for (const fb of f.fallback) if (!ids.has(fb)) fail(`face "${f.id}" falls back to undeclared face "${fb}"`);
  const substitutes = (Array.isArray(r.substitutes) ? r.substitutes : []) as RoleSubstitute[];
  for (const s of substitutes) if (!ids.has(s.face)) fail(`substitute for ${s.role} names undeclared face "${s.face}"`);
  return { faces, substitutes };
}

/** Absolute path of a face's font file, or null when an optional face is not installed. */
export function resolveFacePath(face: RegistryFace): string | null {
  const path = face.path ?? packagedFontFile(face.package!, face.file!);
  if (path && existsSync(path)) return path;
  if (face.optional) return null;
  if (!face.path) throw new Error(`font file ${face.package}/${face.file} (face "${face.id}") is not installed: run npm ci`);
  throw new Error(`font file for face "${face.id}" is missing: ${path}`);
}
