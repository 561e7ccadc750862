// Roles set in faces the newsroom chooses: `书宋=Noto Serif CJK SC` on the command line (and, the
// same way, a machine's or an edition's mapping). A face is named by registry id, installed-face
// id (sys-…), PostScript name, family name (English or Chinese, optionally with its style), or a
// font file's path (a collection's face as path#index or path#PostScriptName).
import { existsSync } from 'node:fs';
import { installedFaces, readFaces, registryEntry, type InstalledFace } from './discover';
import { loadFontSet, useFontSet, type NodeFontSet } from './index';

export class FontMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FontMappingError';
  }
}

function pickInstalled(spec: string, faces: InstalledFace[]): InstalledFace | undefined {
  const s = spec.trim().toLowerCase();
  const byName = (f: InstalledFace, name: string | null) => !!name && (name.toLowerCase() === s || `${name} ${f.style}`.toLowerCase() === s);
  // A family alone means its regular style when it has several.
  const regular = (list: InstalledFace[]) => list.find((f) => /^(regular|book|normal|常规)$/i.test(f.style)) ?? list[0];
  return faces.find((f) => f.id === s || f.postscriptName.toLowerCase() === s)
    ?? faces.find((f) => byName(f, `${f.family} ${f.style}`) || byName(f, f.familyZh && `${f.familyZh} ${f.style}`))
    ?? regular(faces.filter((f) => byName(f, f.family) || byName(f, f.familyZh)));
}

/** The face id a spec names, adding installed faces and files to the font set as needed. */
export function resolveFaceSpec(spec: string, set: NodeFontSet = loadFontSet(), opts: { cacheDir?: string } = {}): string {
  if (set.registry.faces.some((f) => f.id === spec)) return spec;
  const [file, sub] = spec.split('#');
  if (existsSync(file)) {
    const faces = readFaces(file);
    if (!faces.length) throw new FontMappingError(`“${file}” 不是可用的字体文件 (not a font file)`);
    const f = sub === undefined ? faces[0] : /^\d+$/.test(sub) ? faces[Number(sub)] : faces.find((x) => x.postscriptName === sub);
    if (!f) throw new FontMappingError(`字体文件 “${file}” 里没有 “${sub}” (no such face in the collection)`);
    // A file named directly is known by its path, so two copies of one face (an original and an
    // edited one) are two faces.
    const entry = registryEntry(f);
    entry.id = `file-${f.postscriptName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${hash(file)}`;
    set.addFace(entry);
    return entry.id;
  }
  const found = pickInstalled(spec, installedFaces({ cacheDir: opts.cacheDir }));
  if (!found) throw new FontMappingError(`找不到字体 “${spec}”：不是字体库里的字体，也不是本机安装的字体 (no such face; see banmian fonts)`);
  set.addFace(registryEntry(found));
  return found.id;
}

function hash(s: string): string {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

/**
 * Applies `ROLE=FACE` settings: a new process-wide font set with these roles mapped (the faces
 * already opened are shared). Returns what each role is now set in.
 */
export function applyFontOptions(specs: string[], opts: { cacheDir?: string } = {}): { role: string; face: string }[] {
  const set = loadFontSet().derive();
  const out: { role: string; face: string }[] = [];
  for (const s of specs) {
    const eq = s.indexOf('=');
    if (eq <= 0 || eq === s.length - 1) throw new FontMappingError(`--font “${s}”：要写成 角色=字体，例如 书宋=Noto Serif CJK SC (ROLE=FACE)`);
    const role = s.slice(0, eq).trim(), spec = s.slice(eq + 1).trim();
    if (!set.roleFace(role)) throw new FontMappingError(`--font “${s}”：没有 “${role}” 这个字体角色 (unknown role; roles: ${roleNames(set).join(' ')})`);
    const face = resolveFaceSpec(spec, set, opts);
    set.mapRole(role, face);
    out.push({ role, face });
  }
  useFontSet(set);
  return out;
}

/** Role names the registry knows. */
export function roleNames(set: NodeFontSet = loadFontSet()): string[] {
  return [...new Set([...set.registry.faces.flatMap((f) => f.roles), ...set.registry.substitutes.map((s) => s.role)])];
}

/** `--font ROLE=FACE` options (repeatable) taken out of a command's arguments. */
export function takeFontOptions(argv: string[]): { specs: string[]; rest: string[] } {
  const specs: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { rest.push(...argv.slice(i)); break; }
    if (a === '--font') {
      if (argv[i + 1] === undefined) throw new FontMappingError('option --font needs a value (ROLE=FACE)');
      specs.push(argv[++i]);
    } else if (a.startsWith('--font=')) specs.push(a.slice(7));
    else rest.push(a);
  }
  return { specs, rest };
}

export interface FontReport {
  roles: { role: string; face: string; substitute: boolean; reason?: string; chain: readonly string[] }[];
  faces: { id: string; name: string; source: 'bundled' | 'system' | 'installed'; roles: string[]; file: string | null; postscriptName?: string;
    format?: 'TrueType' | 'CFF'; collection?: boolean; fsType?: number; embeddable?: boolean; coverage?: InstalledFace['coverage'] }[];
}

/** Roles with the faces that set them on this machine, and every face: what `banmian fonts` and the 字体 screen show. */
export function fontReport(opts: { cacheDir?: string; extraFolders?: string[] } = {}): FontReport {
  const set = loadFontSet();
  const aliases = set.aliases();
  const roles = roleNames(set).map((role) => {
    const r = set.roleFace(role)!;
    return { role, face: aliases[r.face] ?? r.face, substitute: r.substitute, ...(r.reason ? { reason: r.reason } : {}), chain: set.fallbackChain(r.face) };
  });
  const installed = installedFaces(opts);
  const byFile = new Map(installed.map((f) => [`${f.file}#${f.postscriptName}`, f]));
  const faces: FontReport['faces'] = [];
  const seen = new Set<string>();
  for (const f of set.registry.faces) {
    const path = set.path(f.id);
    const inst = path ? installed.find((x) => x.file === path && (!f.postscriptName || x.postscriptName === f.postscriptName)) : undefined;
    if (inst) seen.add(`${inst.file}#${inst.postscriptName}`);
    const facts = inst ?? (path ? readFaces(path).find((x) => !f.postscriptName || x.postscriptName === f.postscriptName) : undefined);
    const mappedRoles = roles.filter((r) => r.face === f.id).map((r) => r.role);
    faces.push({
      id: f.id, name: f.name, source: f.package ? 'bundled' : 'system', roles: [...new Set([...f.roles, ...mappedRoles])], file: path,
      ...(facts ? { postscriptName: facts.postscriptName, format: facts.format, collection: facts.collection, fsType: facts.fsType, embeddable: facts.embeddable, coverage: facts.coverage } : {}),
    });
  }
  for (const [key, f] of byFile) {
    if (seen.has(key) || faces.some((x) => x.id === f.id)) continue;
    faces.push({ id: f.id, name: registryEntry(f).name, source: 'installed', roles: roles.filter((r) => r.face === f.id).map((r) => r.role), file: f.file, postscriptName: f.postscriptName,
      format: f.format, collection: f.collection, fsType: f.fsType, embeddable: f.embeddable, coverage: f.coverage });
  }
  return { roles, faces };
}
