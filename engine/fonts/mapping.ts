// Role mappings as data: `{ "书宋": "方正书宋_GBK", "楷体": "LXGW WenKai" }` — in a template (`fonts`),
// an edition (`fonts`) and a machine's fonts.json. A role is an editor's name for a use of type;
// the face is named as `--font` names it (face id, family, PostScript name or file). The engine only
// checks the shape; Node resolves the faces (electron/services/fonts/mapping.ts).

export type FontMapping = Record<string, string>;

export interface MappingProblem { field: string; message: string }

/** Checks a mapping's shape: role names and face names are non-empty text. */
export function checkFontMapping(v: unknown, field: string): { mapping: FontMapping; problems: MappingProblem[] } {
  const problems: MappingProblem[] = [];
  const mapping: FontMapping = {};
  if (v === undefined) return { mapping, problems };
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    problems.push({ field, message: 'must map role names to faces, e.g. { "书宋": "Noto Serif CJK SC" }' });
    return { mapping, problems };
  }
  for (const [role, face] of Object.entries(v as Record<string, unknown>)) {
    if (!role.trim() || /[=\s]/.test(role)) problems.push({ field: `${field}.${role}`, message: 'a role name is one word without spaces or "="' });
    else if (typeof face !== 'string' || !face.trim()) problems.push({ field: `${field}.${role}`, message: `must name a face (text), got ${JSON.stringify(face)}` });
    else mapping[role] = face.trim();
  }
  return { mapping, problems };
}

/** Where a role's face was asked for, strongest last. */
export const MAPPING_SOURCES = ['template', 'machine', 'edition'] as const;
export type MappingSource = (typeof MAPPING_SOURCES)[number];
export const SOURCE_NAMES: Record<MappingSource, string> = { template: '版式模板', machine: '本机设定', edition: '本期设定' };

/**
 * Per role, the faces asked for, strongest first (edition, then machine, then template): the first
 * one installed sets the role; the role's registry face is the last resort.
 */
export function mappingWishes(layers: Partial<Record<MappingSource, FontMapping>>): Map<string, { source: MappingSource; face: string }[]> {
  const out = new Map<string, { source: MappingSource; face: string }[]>();
  for (const source of [...MAPPING_SOURCES].reverse()) {
    for (const [role, face] of Object.entries(layers[source] ?? {})) {
      const list = out.get(role) ?? [];
      list.push({ source, face });
      out.set(role, list);
    }
  }
  return out;
}
