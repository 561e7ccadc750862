// The role mapping an edition is set with: the registry's roles, then the templates' `fonts`, the
// machine's fonts.json (in the user's config folder), the edition's own `fonts` — strongest last. A
// face that is not on this machine is skipped and the role falls back to the next one asked for (at
// last the registry's face); each fall-back is a note the app shows and preflight reports.
import { existsSync, readFileSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';
import type { Edition } from '../../../engine/model/types';
import type { Template } from '../../../engine/templates';
import { checkFontMapping, mappingWishes, SOURCE_NAMES, type FontMapping, type MappingSource } from '../../../engine/fonts/mapping';
import { loadFontSet, useFontSet, type NodeFontSet } from './index';
import { resolveFaceSpec, roleNames } from './roles';

export interface RoleFallback {
  role: string;
  /** The face asked for and where (template, machine, edition). */
  wanted: string;
  source: MappingSource;
  /** The face id the role is set in instead. */
  usedFace: string;
  message: string;
}

/** The user's config folder (fonts.json lives there); BANMIAN_CONFIG_DIR overrides it. */
export function userConfigDir(): string {
  const env = process.env;
  if (env.BANMIAN_CONFIG_DIR) return env.BANMIAN_CONFIG_DIR;
  if (platform() === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'banmian');
  if (platform() === 'darwin') return join(homedir(), 'Library', 'Application Support', 'banmian');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'banmian');
}

/** The machine's role mapping: `{ "roles": { "书宋": "方正书宋_GBK" } }` in fonts.json. A broken file is reported, not used. */
export function machineFontMapping(dir = userConfigDir()): { mapping: FontMapping; problems: string[] } {
  const file = join(dir, 'fonts.json');
  if (!existsSync(file)) return { mapping: {}, problems: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { mapping: {}, problems: [`${file}: 不是有效的 JSON (${(e as Error).message})`] };
  }
  const roles = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { roles?: unknown }).roles : raw;
  const { mapping, problems } = checkFontMapping(roles, 'roles');
  return { mapping, problems: problems.map((p) => `${file}: ${p.field}: ${p.message}`) };
}

/** Role names and the registry face ids they stand for, for reading templates (their style faces). */
export function roleTable(set: NodeFontSet = loadFontSet()): Record<string, string> {
  return Object.fromEntries(roleNames(set).map((r) => [r, set.roleFace(r)!.face]));
}

/** Role → face id for the roles a template adds in `fonts` (the first face named that is installed, or 书宋's). */
export function templateRoleTable(fonts: unknown, set: NodeFontSet = loadFontSet()): Record<string, string> {
  const table = roleTable(set);
  const { mapping } = checkFontMapping(fonts, 'fonts');
  for (const [role, spec] of Object.entries(mapping)) {
    if (Object.hasOwn(table, role)) continue;
    try {
      table[role] = resolveFaceSpec(spec, set);
    } catch {
      // Not on this machine: the new role is set in the body face until it is (the edition's note says so).
      table[role] = table['书宋'];
    }
  }
  return table;
}

let root: NodeFontSet | null = null;
let current: { key: string; set: NodeFontSet; fallbacks: RoleFallback[] } | null = null;

/**
 * Makes the process font set the one this edition is set with and returns the roles that fell back.
 * Roles mapped on the command line (--font) before the first call stay as they are.
 */
export function useEditionFonts(edition: Pick<Edition, 'fonts' | 'pages'>, templates: Record<string, Template>, opts: { configDir?: string } = {}): RoleFallback[] {
  root ??= loadFontSet();
  const template: FontMapping = {};
  for (const p of edition.pages) Object.assign(template, templates[p.template]?.fonts ?? {});
  const machine = machineFontMapping(opts.configDir).mapping;
  const layers = { template, machine, edition: edition.fonts ?? {} };
  const key = JSON.stringify(layers);
  if (current?.key === key) { useFontSet(current.set); return current.fallbacks; }
  const set = root.derive();
  const pinned = new Set(Object.keys(root.aliases()));
  const fallbacks: RoleFallback[] = [];
  for (const [role, wishes] of mappingWishes(layers)) {
    const r = set.roleFace(role);
    if (!r || pinned.has(r.face)) continue;
    let chosen: string | null = null;
    const missed: { source: MappingSource; face: string }[] = [];
    for (const w of wishes) {
      try { chosen = resolveFaceSpec(w.face, set); break; } catch { missed.push(w); }
    }
    if (chosen) set.mapRole(role, chosen);
    const used = chosen ?? r.face;
    const name = set.registry.faces.find((f) => f.id === used)?.name ?? used;
    for (const m of missed) {
      fallbacks.push({ role, wanted: m.face, source: m.source, usedFace: used,
        message: `字体角色 ${role}：${SOURCE_NAMES[m.source]}要用的字体 “${m.face}” 本机没有，改用 ${name}` });
    }
  }
  current = { key, set, fallbacks };
  useFontSet(set);
  return fallbacks;
}
