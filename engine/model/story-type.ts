// Reading a placement's style fields from a file: the story's type over the template (字体, 字号, 行距,
// 字距, alignment, indent), its 底纹 tint, 分栏线 and box style. Everything checked, with the
// field named, like the rest of validate.ts.
import type { Placement, RuleStyle, TypeOverride } from './types';

type Obj = Record<string, unknown>;
type Fail = (path: string, message: string) => void;
type Num = (v: unknown, path: string, min: number, max: number) => number;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const ALIGNS: readonly NonNullable<TypeOverride['align']>[] = ['justify', 'start', 'center', 'end'];
const RULES: readonly RuleStyle[] = ['thin', 'thick', 'double', 'dotted'];
const BOX_STYLES = ['solid', 'double', 'dotted'] as const;

/** Limits of a type override: sizes 4–200 pt, 字距 ±0.5 em, indent 0–10 字, 长/扁 50–200 %. */
export const TYPE_LIMITS = {
  size: [4, 200],
  leading: [4, 400],
  tracking: [-0.5, 0.5],
  indent: [0, 10],
  scale: [0.5, 2],
} as const;

function typeOverride(v: unknown, path: string, fail: Fail, num: Num): TypeOverride | undefined {
  if (v === undefined) return undefined;
  if (!isObj(v)) {
    fail(path, 'must be an object of type settings (role, size, leading, tracking, align, indent, scale)');
    return undefined;
  }
  const o: TypeOverride = {};
  if (v.role !== undefined) {
    if (typeof v.role !== 'string' || !v.role)
      fail(`${path}.role`, 'must be a font role name (书宋, 黑体 …)');
    else o.role = v.role;
  }
  for (const k of ['size', 'leading', 'tracking', 'indent', 'scale'] as const)
    if (v[k] !== undefined) o[k] = num(v[k], `${path}.${k}`, TYPE_LIMITS[k][0], TYPE_LIMITS[k][1]);
  if (v.align !== undefined) {
    if (!ALIGNS.includes(v.align as TypeOverride['align'] & string))
      fail(`${path}.align`, `must be one of ${ALIGNS.join(', ')}, got ${JSON.stringify(v.align)}`);
    else o.align = v.align as TypeOverride['align'];
  }
  return Object.keys(o).length ? o : undefined;
}

/** Reads `type`, `tint`, `columnRules` and the box's style from `pl` into `placement`. */
export function readStoryFields(pl: Obj, placement: Placement, pp: string, fail: Fail, num: Num): void {
  if (pl.type !== undefined) {
    if (!isObj(pl.type)) fail(`${pp}.type`, 'must be an object { body, headline }');
    else {
      const body = typeOverride(pl.type.body, `${pp}.type.body`, fail, num);
      const headline = typeOverride(pl.type.headline, `${pp}.type.headline`, fail, num);
      if (body || headline) placement.type = { ...(body ? { body } : {}), ...(headline ? { headline } : {}) };
    }
  }
  if (pl.tint !== undefined) {
    if (!isObj(pl.tint)) fail(`${pp}.tint`, 'must be a CMYK tint { c, m, y, k } in percent');
    else {
      const t = pl.tint;
      placement.tint = {
        c: num(t.c ?? 0, `${pp}.tint.c`, 0, 100),
        m: num(t.m ?? 0, `${pp}.tint.m`, 0, 100),
        y: num(t.y ?? 0, `${pp}.tint.y`, 0, 100),
        k: num(t.k ?? 0, `${pp}.tint.k`, 0, 100),
      };
    }
  }
  if (pl.columnRules !== undefined) {
    if (!RULES.includes(pl.columnRules as RuleStyle))
      fail(`${pp}.columnRules`, `must be one of ${RULES.join(', ')}, got ${JSON.stringify(pl.columnRules)}`);
    else placement.columnRules = pl.columnRules as RuleStyle;
  }
  if (placement.box && isObj(pl.box)) {
    const b = pl.box;
    if (b.weight !== undefined) placement.box.weight = num(b.weight, `${pp}.box.weight`, 0.1, 6);
    if (b.corner !== undefined) placement.box.corner = num(b.corner, `${pp}.box.corner`, 0, 5);
    if (b.style !== undefined) {
      if (!BOX_STYLES.includes(b.style as 'solid'))
        fail(`${pp}.box.style`, `must be one of ${BOX_STYLES.join(', ')}, got ${JSON.stringify(b.style)}`);
      else placement.box.style = b.style as 'solid';
    }
  }
}
