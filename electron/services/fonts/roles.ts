// Roles set in faces the newsroom chooses: `书宋=Noto Serif CJK SC` on the command line (and, the
// same way, a machine's or an edition's mapping). A face is named by registry id, installed-face
// id (sys-…), PostScript name, family name (English or Chinese, optionally with its style), or a
// font file's path (a collection's face as path#index or path#PostScriptName).
import { existsSync } from 'node:fs';
import { installedFaces, readFaces, registryEntry, type InstalledFace } from './discover';
import { loadFontSet, type NodeFontSet } from './index';

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

/** Applies `ROLE=FACE` settings to the font set; returns what each role is now set in. */
export function applyFontOptions(specs: string[], set: NodeFontSet = loadFontSet(), opts: { cacheDir?: string } = {}): { role: string; face: string }[] {
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
