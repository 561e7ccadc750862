// One idea: the template's validation table (one Reader over the JSON), kept whole because every
// section reads through the same Reader and role table.
// Template files are written by people: every mistake is reported with the file, the field and
// what is wrong, all at once, so a template author fixes a file in one pass.
// Units are converted here, once: mm, pt, 号 names, and the grid's own units 字 (one body em),
// 行 (one body line) and 栏 (a column span with its gutters).
import type { Cmyk } from '../display/types';
import { BLACK } from '../display/types';
import type { BlockType } from '../model/types';
import { HAO_SIZES, mmToPt } from '../units';
import { HOUSE_STYLES, houseProblem, type HouseStyle } from '../compose/house';
import { checkFontMapping } from '../fonts/mapping';
import { CONDITION_NAME, RENDERING_INTENTS, type CharacterStyle, type MasterItem, type ParagraphStyle, type RenderingIntent, type Template, type TextAlign } from './types';

export const TEMPLATE_FORMAT = 1;
/** Newsprint's total ink limit, percent (ISO 12647-3 coldset practice), when a template sets none. */
export const DEFAULT_INK_LIMIT = 240;

/**
 * Roles (书宋, 标宋, 黑体 … and any role a template names in its `fonts`) and the face ids they stand
 * for: data from the font registry, given by the caller (electron/services/templates.ts).
 */
export type RoleTable = Readonly<Record<string, string>>;

const BLOCK_TYPES: readonly BlockType[] = ['kicker', 'headline', 'subhead', 'dateline', 'paragraph', 'crosshead', 'byline', 'source', 'photo'];
const ALIGNS: Record<string, TextAlign> = { justify: 'justify', left: 'start', start: 'start', center: 'center', centre: 'center', right: 'end', end: 'end' };

export interface TemplateProblem { file: string; field: string; message: string }

export class TemplateError extends Error {
  constructor(readonly problems: TemplateProblem[]) {
    super(problems.map((p) => `${p.file}: ${p.field}: ${p.message}`).join('\n'));
    this.name = 'TemplateError';
  }
}

/** Grid units known at a point of reading the file: 字 once the body size is read, 行 once the leading is. */
interface Units { zi?: number; hang?: number; lan?: { col: number; gutter: number } }

class Reader {
  readonly problems: TemplateProblem[] = [];
  constructor(readonly file: string, readonly roles: RoleTable = {}) {}

  fail(field: string, message: string): undefined {
    this.problems.push({ file: this.file, field, message });
    return undefined;
  }

  obj(v: unknown, field: string): Record<string, unknown> | undefined {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return this.fail(field, v === undefined ? 'is missing' : `must be an object, got ${describe(v)}`);
    return v as Record<string, unknown>;
  }

  str(v: unknown, field: string, optional = false): string | undefined {
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string' || !v.trim()) return this.fail(field, v === undefined ? 'is missing' : `must be a non-empty string, got ${describe(v)}`);
    return v;
  }

  int(v: unknown, field: string, min: number, max: number): number | undefined {
    if (typeof v !== 'number' || !Number.isInteger(v)) return this.fail(field, v === undefined ? 'is missing' : `must be a whole number, got ${describe(v)}`);
    if (v < min || v > max) return this.fail(field, `must be between ${min} and ${max}, got ${v}`);
    return v;
  }

  num(v: unknown, field: string, min: number, max: number): number | undefined {
    if (typeof v !== 'number' || !Number.isFinite(v)) return this.fail(field, v === undefined ? 'is missing' : `must be a number, got ${describe(v)}`);
    if (v < min || v > max) return this.fail(field, `must be between ${min} and ${max}, got ${v}`);
    return v;
  }

  /** A length: a number of points, or "12pt", "3mm", "2字", "1行", "2栏". */
  length(v: unknown, field: string, units: Units, opts: { allowNegative?: boolean; allowZero?: boolean } = {}): number | undefined {
    if (v === undefined) return this.fail(field, 'is missing');
    let pt: number | undefined;
    if (typeof v === 'number' && Number.isFinite(v)) pt = v;
    else if (typeof v === 'string') {
      const m = /^\s*(-?\d+(?:\.\d+)?)\s*(pt|mm|cm|字|行|栏)?\s*$/.exec(v);
      if (!m) return this.fail(field, `"${v}" is not a length: write points (9pt), millimetres (3mm), or grid units (2字, 1行, 2栏)`);
      const n = Number(m[1]);
      switch (m[2] ?? 'pt') {
        case 'pt': pt = n; break;
        case 'mm': pt = mmToPt(n); break;
        case 'cm': pt = mmToPt(n * 10); break;
        case '字':
          if (units.zi === undefined) return this.fail(field, `"${v}": 字 is not known here (it is the body size, read from body.size)`);
          pt = n * units.zi; break;
        case '行':
          if (units.hang === undefined) return this.fail(field, `"${v}": 行 is not known here (it is the body leading, read from body.leading)`);
          pt = n * units.hang; break;
        case '栏':
          if (!units.lan) return this.fail(field, `"${v}": 栏 is not known here (it is a column of the grid)`);
          pt = n * units.lan.col + Math.max(0, n - 1) * units.lan.gutter; break;
      }
    } else return this.fail(field, `must be a length such as "3mm", "9pt" or "2字", got ${describe(v)}`);
    if (pt === undefined) return undefined;
    if (pt < 0 && !opts.allowNegative) return this.fail(field, `must not be negative, got ${JSON.stringify(v)}`);
    if (pt === 0 && !opts.allowZero && !opts.allowNegative) return this.fail(field, `must be more than zero, got ${JSON.stringify(v)}`);
    return pt;
  }

  /** A type size: a 号 name (小五), or a length. */
  size(v: unknown, field: string, units: Units): number | undefined {
    if (typeof v === 'string' && v.trim() in HAO_SIZES) return HAO_SIZES[v.trim()];
    if (typeof v === 'string' && /号|^\s*[小初]/.test(v)) return this.fail(field, `unknown size name "${v}"; the names are ${Object.keys(HAO_SIZES).join(' ')}`);
    const pt = this.length(v, field, units);
    if (pt !== undefined && (pt < 3 || pt > 400)) return this.fail(field, `${round(pt)} pt is not a usable type size (3–400 pt)`);
    return pt;
  }

  face(v: unknown, field: string): string | undefined {
    const s = this.str(v, field);
    if (s === undefined) return undefined;
    if (Object.hasOwn(this.roles, s)) return this.roles[s];
    const ids = [...new Set(Object.values(this.roles))];
    if (ids.includes(s)) return s;
    return this.fail(field, `unknown face "${s}"; use a role (${Object.keys(this.roles).join(' ')}), a role the template names in "fonts", or a face id (${ids.join(', ')})`);
  }

  color(v: unknown, field: string): Cmyk | undefined {
    if (v === undefined) return BLACK;
    if (typeof v === 'string') {
      const s = v.replace(/\s+/g, '').toUpperCase();
      const out: Cmyk = { c: 0, m: 0, y: 0, k: 0 };
      const re = /([CMYK])(\d+(?:\.\d+)?)/gy;
      let m: RegExpExecArray | null;
      let pos = 0;
      while ((m = re.exec(s))) {
        const n = Number(m[2]);
        if (n > 100) return this.fail(field, `${m[1]}${m[2]}: ink percentages go from 0 to 100`);
        out[m[1].toLowerCase() as keyof Cmyk] = n;
        pos = re.lastIndex;
      }
      if (!s || pos !== s.length) return this.fail(field, `"${v}" is not a CMYK colour; write it as ink percentages, e.g. "K100" or "M100 Y100"`);
      return out;
    }
    const o = this.obj(v, field);
    if (!o) return undefined;
    const c: Partial<Cmyk> = {};
    for (const k of ['c', 'm', 'y', 'k'] as const) c[k] = o[k] === undefined ? 0 : this.num(o[k], `${field}.${k}`, 0, 100);
    return c.c === undefined || c.m === undefined || c.y === undefined || c.k === undefined ? undefined : (c as Cmyk);
  }

  unknownKeys(o: Record<string, unknown>, field: string, known: string[]): void {
    for (const k of Object.keys(o)) {
      if (!known.includes(k)) this.fail(field ? `${field}.${k}` : k, `unknown field; expected one of ${known.join(', ')}`);
    }
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return JSON.stringify(v);
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

const round = (n: number): number => Math.round(n * 100) / 100;

/**
 * Reads a template file's parsed JSON. `file` names it in errors (templates/sikai.json).
 * Throws TemplateError listing every problem found.
 */
export function validateTemplate(raw: unknown, id: string, file: string, roles: RoleTable = {}): Template {
  const rootRaw = raw as Record<string, unknown> | null;
  const mapped = checkFontMapping(rootRaw && typeof rootRaw === 'object' ? rootRaw.fonts : undefined, 'fonts');
  const r = new Reader(file, roles);
  for (const p of mapped.problems) r.fail(p.field, p.message);
  // A role the template names in `fonts` that the registry does not know needs its face from the caller.
  for (const role of Object.keys(mapped.mapping)) if (!Object.hasOwn(roles, role)) r.fail(`fonts.${role}`, `the face "${mapped.mapping[role]}" for the new role ${role} could not be resolved`);
  const root = r.obj(raw, '(file)');
  if (!root) throw new TemplateError(r.problems);
  r.unknownKeys(root, '', ['$comment', 'fonts', 'format', 'name', 'paper', 'trim', 'bleed', 'body', 'grid', 'margins', 'paragraphStyles', 'characterStyles', 'blockStyles', 'marks', 'dateline', 'rules', 'jump', 'masthead', 'runningHead', 'folio', 'inkLimit', 'outputProfile', 'resolution', 'renderingIntent', 'outputCondition', 'houseStyle', 'fit']);
  if (root.format !== TEMPLATE_FORMAT) r.fail('format', root.format === undefined ? `is missing (this version reads format ${TEMPLATE_FORMAT})` : `this version reads template format ${TEMPLATE_FORMAT}, the file says ${JSON.stringify(root.format)}`);
  const name = r.str(root.name, 'name');
  const format = r.str(root.paper, 'paper');

  const units: Units = {};
  const trimO = r.obj(root.trim, 'trim');
  const trimW = trimO && r.length(trimO.width, 'trim.width', units);
  const trimH = trimO && r.length(trimO.height, 'trim.height', units);
  const bleed = r.length(root.bleed, 'bleed', units, { allowZero: true });
  if (bleed !== undefined && bleed > mmToPt(10)) r.fail('bleed', `${round(bleed)} pt is more than the 10 mm a press needs`);
  // Total area coverage the press allows, in percent; newsprint (ISO 12647-3) is held to 240 %.
  const inkLimit = root.inkLimit === undefined ? DEFAULT_INK_LIMIT : r.int(root.inkLimit, 'inkLimit', 100, 400);
  const outputProfile = r.str(root.outputProfile, 'outputProfile', true);
  const resolution = root.resolution === undefined ? undefined : r.int(root.resolution, 'resolution', 72, 2400);
  const outputCondition = root.outputCondition === undefined ? undefined : typeof root.outputCondition === 'string' && CONDITION_NAME.test(root.outputCondition) ? root.outputCondition : r.fail('outputCondition', `must be a registered characterization name such as FOGRA39, IFRA26 or CGATS21_CRPC5, got ${describe(root.outputCondition)}`);
  const renderingIntent = root.renderingIntent === undefined ? undefined : (RENDERING_INTENTS as readonly unknown[]).includes(root.renderingIntent) ? (root.renderingIntent as RenderingIntent) : r.fail('renderingIntent', `must be one of ${RENDERING_INTENTS.join(', ')}, got ${describe(root.renderingIntent)}`);

  const bodyO = r.obj(root.body, 'body');
  const bodySize = bodyO && r.size(bodyO.size, 'body.size', units);
  if (bodySize !== undefined) units.zi = bodySize;
  const pitch = bodyO && r.length(bodyO.leading, 'body.leading', units);
  if (pitch !== undefined && bodySize !== undefined && pitch < bodySize) r.fail('body.leading', `${round(pitch)} pt is less than the body size ${bodySize} pt: lines would overlap`);
  if (pitch !== undefined) units.hang = pitch;
  if (bodyO) r.unknownKeys(bodyO, 'body', ['size', 'leading']);

  const gridO = r.obj(root.grid, 'grid');
  const columns = gridO && r.int(gridO.columns, 'grid.columns', 1, 20);
  const columnWidth = gridO && r.length(gridO.column, 'grid.column', units);
  const gutter = gridO && r.length(gridO.gutter, 'grid.gutter', units, { allowZero: true });
  if (columnWidth !== undefined && gutter !== undefined) units.lan = { col: columnWidth, gutter };
  if (gridO) r.unknownKeys(gridO, 'grid', ['columns', 'column', 'gutter', 'lines']);

  const marginsO = r.obj(root.margins, 'margins');
  const top = marginsO && r.length(marginsO.top, 'margins.top', units, { allowZero: true });
  let left: number | undefined;
  const typeW = columns !== undefined && columnWidth !== undefined && gutter !== undefined ? columns * columnWidth + (columns - 1) * gutter : undefined;
  if (marginsO) {
    if (marginsO.left === 'center' || marginsO.left === 'centre') left = trimW !== undefined && typeW !== undefined ? (trimW - typeW) / 2 : undefined;
    else left = r.length(marginsO.left, 'margins.left', units, { allowZero: true });
    r.unknownKeys(marginsO, 'margins', ['top', 'left']);
  }
  let lines: number | undefined;
  if (gridO && gridO.lines !== undefined) lines = r.int(gridO.lines, 'grid.lines', 4, 400);
  else if (gridO && trimH !== undefined && top !== undefined && pitch !== undefined) lines = Math.floor((trimH - 2 * top) / pitch);
  if (typeW !== undefined && left !== undefined && trimW !== undefined && left + typeW > trimW + 1e-6) {
    r.fail('grid', `${columns} columns of ${round(columnWidth!)} pt with ${round(gutter!)} pt gutters make ${round(typeW)} pt (${round(typeW / (72 / 25.4))} mm), which with the left margin does not fit the trim width ${round(trimW)} pt`);
  }
  if (lines !== undefined && pitch !== undefined && top !== undefined && trimH !== undefined && top + lines * pitch > trimH + 1e-6) {
    r.fail('grid.lines', `${lines} lines of ${round(pitch)} pt (${round(lines * pitch)} pt) below a top margin of ${round(top)} pt do not fit the trim height ${round(trimH)} pt`);
  }

  // Styles.
  const paragraphStyles: Record<string, ParagraphStyle> = {};
  const psO = r.obj(root.paragraphStyles, 'paragraphStyles');
  if (psO) {
    for (const [sname, v] of Object.entries(psO)) {
      const f = `paragraphStyles.${sname}`;
      const o = r.obj(v, f);
      if (!o) continue;
      r.unknownKeys(o, f, ['face', 'size', 'leading', 'align', 'indent', 'color', 'spaceBefore']);
      const face = r.face(o.face, `${f}.face`);
      const size = r.size(o.size, `${f}.size`, units);
      let lineHeight: number | undefined = size !== undefined ? size * 1.2 : undefined;
      if (o.leading !== undefined) {
        // A bare number is a multiple of the style's own size; a string is a length.
        if (typeof o.leading === 'number') lineHeight = size !== undefined ? (r.num(o.leading, `${f}.leading`, 0.8, 4) ?? 0) * size : undefined;
        else lineHeight = r.length(o.leading, `${f}.leading`, units);
      }
      let align: TextAlign = 'justify';
      if (o.align !== undefined) {
        if (typeof o.align === 'string' && o.align in ALIGNS) align = ALIGNS[o.align];
        else r.fail(`${f}.align`, `must be one of ${Object.keys(ALIGNS).join(', ')}, got ${describe(o.align)}`);
      }
      const indent = o.indent === undefined ? 0 : r.num(o.indent, `${f}.indent`, 0, 10);
      const color = r.color(o.color, `${f}.color`);
      const spaceBefore = o.spaceBefore === undefined ? 0 : r.int(o.spaceBefore, `${f}.spaceBefore`, 0, 10);
      if (face && size !== undefined && lineHeight && indent !== undefined && color && spaceBefore !== undefined) {
        paragraphStyles[sname] = { name: sname, face, size, lineHeight, align, indent, color, spaceBefore };
      }
    }
  }

  const characterStyles: Record<string, CharacterStyle> = {};
  const csO = root.characterStyles === undefined ? {} : r.obj(root.characterStyles, 'characterStyles');
  if (csO) {
    for (const [sname, v] of Object.entries(csO)) {
      const f = `characterStyles.${sname}`;
      const o = r.obj(v, f);
      if (!o) continue;
      r.unknownKeys(o, f, ['face', 'size', 'color']);
      const cs: CharacterStyle = { name: sname };
      if (o.face !== undefined) cs.face = r.face(o.face, `${f}.face`);
      if (o.size !== undefined) cs.size = r.size(o.size, `${f}.size`, units);
      if (o.color !== undefined) cs.color = r.color(o.color, `${f}.color`);
      characterStyles[sname] = cs;
    }
  }

  const blockStyles = {} as Record<BlockType, string>;
  const bsO = r.obj(root.blockStyles, 'blockStyles');
  if (bsO) {
    r.unknownKeys(bsO, 'blockStyles', [...BLOCK_TYPES]);
    for (const bt of BLOCK_TYPES) {
      if (bt === 'dateline') {
        // The dateline is run in: it takes a character style, from `dateline.style`.
        if (bsO[bt] !== undefined) r.fail('blockStyles.dateline', 'the dateline is run in at the start of the first paragraph; give its character style in dateline.style');
        continue;
      }
      const s = r.str(bsO[bt], `blockStyles.${bt}`);
      if (s === undefined) continue;
      if (!(s in (psO ?? {}))) r.fail(`blockStyles.${bt}`, `names the paragraph style "${s}", which paragraphStyles does not define`);
      else blockStyles[bt] = s;
    }
  }

  const marks: Template['marks'] = {};
  if (root.marks !== undefined) {
    const mO = r.obj(root.marks, 'marks');
    if (mO) {
      r.unknownKeys(mO, 'marks', ['bold', 'emphasis']);
      for (const k of ['bold', 'emphasis'] as const) {
        if (mO[k] === undefined) continue;
        const s = r.str(mO[k], `marks.${k}`);
        if (s !== undefined && !(s in characterStyles)) r.fail(`marks.${k}`, `names the character style "${s}", which characterStyles does not define`);
        else if (s !== undefined) marks[k] = s;
      }
    }
  }

  const dO = r.obj(root.dateline, 'dateline');
  let dateline: Template['dateline'] | undefined;
  if (dO) {
    r.unknownKeys(dO, 'dateline', ['style', 'gap']);
    const s = r.str(dO.style, 'dateline.style');
    const gap = r.length(dO.gap ?? 0, 'dateline.gap', units, { allowZero: true });
    if (s !== undefined && !(s in characterStyles)) r.fail('dateline.style', `names the character style "${s}", which characterStyles does not define`);
    else if (s !== undefined && gap !== undefined) dateline = { style: s, gap };
  }

  const rO = root.rules === undefined ? {} : r.obj(root.rules, 'rules');
  const rules = {
    box: rO && rO.box !== undefined ? r.length(rO.box, 'rules.box', units) : 0.75,
    photo: rO && rO.photo !== undefined ? r.length(rO.photo, 'rules.photo', units, { allowZero: true }) : 0.25,
    separator: rO && rO.separator !== undefined ? r.length(rO.separator, 'rules.separator', units) : 0.5,
  };
  if (rO) r.unknownKeys(rO, 'rules', ['box', 'photo', 'separator']);

  // Jump lines: without a `jump` entry, the body style set flush right, page numbers in Han numerals.
  const jump = { style: blockStyles.paragraph as string | undefined, continuedOn: '（下转第{pageHan}版）', continuedFrom: '（上接第{pageHan}版）' };
  if (root.jump !== undefined) {
    const jO = r.obj(root.jump, 'jump');
    if (jO) {
      r.unknownKeys(jO, 'jump', ['style', 'continuedOn', 'continuedFrom']);
      if (jO.style !== undefined) {
        const s = r.str(jO.style, 'jump.style');
        if (s !== undefined && !(s in paragraphStyles)) r.fail('jump.style', `names the paragraph style "${s}", which paragraphStyles does not define`);
        else jump.style = s;
      }
      for (const k of ['continuedOn', 'continuedFrom'] as const) {
        if (jO[k] === undefined) continue;
        const text = r.str(jO[k], `jump.${k}`);
        if (text === undefined) continue;
        const fields = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        if (fields.some((f) => f !== 'page' && f !== 'pageHan')) r.fail(`jump.${k}`, `"${text}": the only placeholders are {page} (2) and {pageHan} (二)`);
        else if (!fields.length) r.fail(`jump.${k}`, `"${text}" does not name the page: write {page} or {pageHan} where its number goes`);
        else jump[k] = text;
      }
    }
  }

  const masterItems = (v: unknown, field: string): MasterItem[] | undefined => {
    if (!Array.isArray(v)) return r.fail(field, v === undefined ? 'is missing' : `must be a list of items, got ${describe(v)}`);
    const out: MasterItem[] = [];
    v.forEach((item, i) => {
      const f = `${field}[${i}]`;
      const o = r.obj(item, f);
      if (!o) return;
      if (o.rule !== undefined) {
        r.unknownKeys(o, f, ['rule', 'y', 'x1', 'x2', 'width', 'color']);
        const y = r.length(o.y, `${f}.y`, units, { allowNegative: true });
        const x1 = o.x1 === undefined ? 0 : r.length(o.x1, `${f}.x1`, units, { allowNegative: true });
        const x2 = o.x2 === undefined ? typeW : r.length(o.x2, `${f}.x2`, units, { allowNegative: true });
        const width = r.length(o.width, `${f}.width`, units);
        const color = r.color(o.color, `${f}.color`);
        if (o.rule !== true) r.fail(`${f}.rule`, 'must be true for a rule item');
        if (y !== undefined && x1 !== undefined && x2 !== undefined && width !== undefined && color) out.push({ kind: 'rule', x1, y1: y, x2, y2: y, width, color });
        return;
      }
      r.unknownKeys(o, f, ['text', 'face', 'size', 'color', 'anchor', 'dx', 'baseline', 'tracking']);
      const text = r.str(o.text, `${f}.text`);
      if (text !== undefined) {
        for (const m of text.matchAll(/\{(\w+)\}/g)) {
          if (!MASTER_FIELDS.includes(m[1])) r.fail(`${f}.text`, `unknown placeholder {${m[1]}}; known: ${MASTER_FIELDS.map((x) => `{${x}}`).join(' ')}`);
        }
      }
      const face = r.face(o.face, `${f}.face`);
      const size = r.size(o.size, `${f}.size`, units);
      const color = r.color(o.color, `${f}.color`);
      const anchor = o.anchor === undefined ? 'left' : o.anchor;
      if (anchor !== 'left' && anchor !== 'center' && anchor !== 'right') r.fail(`${f}.anchor`, `must be left, center or right, got ${describe(anchor)}`);
      const dx = o.dx === undefined ? 0 : r.length(o.dx, `${f}.dx`, units, { allowNegative: true });
      const baseline = r.length(o.baseline, `${f}.baseline`, units, { allowNegative: true });
      const tracking = o.tracking === undefined ? 0 : r.num(o.tracking, `${f}.tracking`, -0.5, 2);
      if (text !== undefined && face && size !== undefined && color && dx !== undefined && baseline !== undefined && tracking !== undefined) {
        out.push({ kind: 'text', text, face, size, color, anchor: anchor as 'left', dx, baseline, tracking });
      }
    });
    return out;
  };

  let masthead: Template['masthead'];
  if (root.masthead !== undefined) {
    const o = r.obj(root.masthead, 'masthead');
    if (o) {
      r.unknownKeys(o, 'masthead', ['lines', 'items']);
      const ml = r.int(o.lines, 'masthead.lines', 1, lines ?? 400);
      const items = masterItems(o.items, 'masthead.items');
      if (ml !== undefined && items) masthead = { lines: ml, items };
    }
  }
  let runningHead: Template['runningHead'];
  if (root.runningHead !== undefined) {
    const o = r.obj(root.runningHead, 'runningHead');
    if (o) {
      r.unknownKeys(o, 'runningHead', ['items']);
      const items = masterItems(o.items, 'runningHead.items');
      if (items) runningHead = { items };
    }
  }
  let folio: Template['folio'];
  if (root.folio !== undefined) {
    const o = r.obj(root.folio, 'folio');
    if (o) {
      r.unknownKeys(o, 'folio', ['items']);
      const items = masterItems(o.items, 'folio.items');
      if (items) folio = { items };
    }
  }

  const house = houseStyle(r, root.houseStyle);
  const fit = fitLimits(r, root.fit, units);

  if (r.problems.length) throw new TemplateError(r.problems);
  // Every value below was checked above; a missing one would have been a problem.
  return {
    id,
    name: name!,
    format: format!,
    trim: { width: trimW!, height: trimH! },
    bleed: bleed!,
    inkLimit: inkLimit!,
    ...(outputProfile ? { outputProfile } : {}),
    ...(resolution ? { resolution } : {}),
    ...(renderingIntent ? { renderingIntent } : {}),
    ...(outputCondition ? { outputCondition } : {}),
    typeArea: { x: left!, y: top!, w: typeW!, h: lines! * pitch! },
    body: { size: bodySize!, pitch: pitch! },
    grid: { columns: columns!, columnWidth: columnWidth!, gutter: gutter!, lines: lines! },
    paragraphStyles,
    characterStyles,
    blockStyles,
    marks,
    dateline: dateline!,
    rules: { box: rules.box!, photo: rules.photo!, separator: rules.separator! },
    jump: { style: jump.style!, continuedOn: jump.continuedOn, continuedFrom: jump.continuedFrom },
    masthead,
    runningHead,
    folio,
    house: house!,
    ...(fit ? { fit } : {}),
    roles: { ...roles },
    ...(Object.keys(mapped.mapping).length ? { fonts: mapped.mapping } : {}),
  };
}

const HOUSE_FIELDS = ['name', 'base', '$comment', 'squeeze', 'maxSqueeze', 'maxOpen', 'cjkLatin', 'firstLine', 'longDash'];

/**
 * The house style: a built-in one by name ("newspaper", "even"), or an object stating the paper's
 * own over a built-in `base` (newspaper when not given). Lengths are ems of the body size; a limit
 * of "none" is no limit.
 */
function houseStyle(r: Reader, v: unknown): HouseStyle | undefined {
  const names = Object.keys(HOUSE_STYLES);
  if (v === undefined) return HOUSE_STYLES.newspaper;
  if (typeof v === 'string') {
    if (v in HOUSE_STYLES) return HOUSE_STYLES[v as keyof typeof HOUSE_STYLES];
    return r.fail('houseStyle', `unknown house style "${v}"; use one of ${names.join(' ')} or an object over one`);
  }
  const o = r.obj(v, 'houseStyle');
  if (!o) return undefined;
  r.unknownKeys(o, 'houseStyle', HOUSE_FIELDS);
  const baseName = o.base === undefined ? 'newspaper' : r.str(o.base, 'houseStyle.base');
  if (baseName === undefined) return undefined;
  if (!(baseName in HOUSE_STYLES)) return r.fail('houseStyle.base', `unknown house style "${baseName}"; use one of ${names.join(' ')}`);
  const base = HOUSE_STYLES[baseName as keyof typeof HOUSE_STYLES];
  const ems = (x: unknown, field: string, fallback: number): number | undefined => {
    if (x === undefined) return fallback;
    if (x === 'none') return Infinity;
    return r.num(x, field, 0, 20);
  };
  const choice = <T extends string>(x: unknown, field: string, options: readonly T[], fallback: T): T | undefined => {
    if (x === undefined) return fallback;
    if (typeof x === 'string' && (options as readonly string[]).includes(x)) return x as T;
    return r.fail(field, `must be one of ${options.join(' ')}, got ${describe(x)}`);
  };
  let cjkLatin: HouseStyle['cjkLatin'] | undefined = base.cjkLatin;
  if (o.cjkLatin !== undefined) {
    const c = r.obj(o.cjkLatin, 'houseStyle.cjkLatin');
    if (c) {
      r.unknownKeys(c, 'houseStyle.cjkLatin', ['ideal', 'min', 'max']);
      const ideal = ems(c.ideal, 'houseStyle.cjkLatin.ideal', base.cjkLatin.ideal);
      const min = ems(c.min, 'houseStyle.cjkLatin.min', Math.min(base.cjkLatin.min, ideal ?? 0));
      const max = ems(c.max, 'houseStyle.cjkLatin.max', Math.max(base.cjkLatin.max, ideal ?? 0));
      cjkLatin = ideal !== undefined && min !== undefined && max !== undefined ? { ideal, min, max } : undefined;
    } else cjkLatin = undefined;
  }
  const h = {
    name: o.name === undefined ? baseName : r.str(o.name, 'houseStyle.name'),
    squeeze: choice(o.squeeze, 'houseStyle.squeeze', ['keep-characters', 'even'] as const, base.squeeze),
    maxSqueeze: ems(o.maxSqueeze, 'houseStyle.maxSqueeze', base.maxSqueeze),
    maxOpen: ems(o.maxOpen, 'houseStyle.maxOpen', base.maxOpen),
    cjkLatin,
    firstLine: choice(o.firstLine, 'houseStyle.firstLine', ['like-others', 'even'] as const, base.firstLine),
    longDash: choice(o.longDash, 'houseStyle.longDash', ['two-em', 'per-dash'] as const, base.longDash),
  };
  if (Object.values(h).some((x) => x === undefined)) return undefined;
  const house = h as HouseStyle;
  const problem = houseProblem(house);
  if (problem) return r.fail('houseStyle', problem);
  return house;
}

export const MASTER_FIELDS = ['paper', 'date', 'weekday', 'page', 'pages', 'pageHan', 'section', 'issue', 'totalIssue', 'serial'];

/**
 * An edition's own style changes (Edition.styles: 正文 set in 五号 for this issue, say) laid over its
 * template's styles. Only the fields given change; the names must be the template's. Errors are
 * reported like a template's, against `source` (the edition).
 */
export function applyStyleOverrides(t: Template, styles: Record<string, Record<string, unknown>> | undefined, source = 'edition'): Template {
  if (!styles || !Object.keys(styles).length) return t;
  const r = new Reader(source, t.roles);
  const units: Units = { zi: t.body.size, hang: t.body.pitch, lan: { col: t.grid.columnWidth, gutter: t.grid.gutter } };
  const paragraphStyles = { ...t.paragraphStyles };
  const characterStyles = { ...t.characterStyles };
  for (const [name, o] of Object.entries(styles)) {
    const f = `styles.${name}`;
    if (!o || typeof o !== 'object') { r.fail(f, 'must be an object of style fields'); continue; }
    if (name in paragraphStyles) {
      r.unknownKeys(o, f, ['face', 'size', 'leading', 'align', 'indent', 'color', 'spaceBefore', 'tracking']);
      const s = { ...paragraphStyles[name] };
      if (o.face !== undefined) s.face = r.face(o.face, `${f}.face`) ?? s.face;
      if (o.size !== undefined) {
        const size = r.size(o.size, `${f}.size`, units);
        // A size change keeps the style's proportion of leading unless a leading is given; body text
        // (the 正文 style) stays on the baseline grid: its pitch until the size needs more (1.2 × size).
        if (size !== undefined && name === t.blockStyles.paragraph) {
          if (size * 1.1 > s.lineHeight) s.lineHeight = size * 1.2;
          s.size = size;
        } else if (size !== undefined) { s.lineHeight = (s.lineHeight / s.size) * size; s.size = size; }
      }
      if (o.tracking !== undefined) {
        const tr = r.num(o.tracking, `${f}.tracking`, -0.5, 0.5);
        if (tr) s.tracking = tr; else delete s.tracking;
      }
      if (o.leading !== undefined) {
        const lh = typeof o.leading === 'number' ? (r.num(o.leading, `${f}.leading`, 0.8, 4) ?? 0) * s.size : r.length(o.leading, `${f}.leading`, units);
        if (lh) s.lineHeight = lh;
      }
      if (o.align !== undefined) {
        if (typeof o.align === 'string' && o.align in ALIGNS) s.align = ALIGNS[o.align];
        else r.fail(`${f}.align`, `must be one of ${Object.keys(ALIGNS).join(', ')}, got ${describe(o.align)}`);
      }
      if (o.indent !== undefined) s.indent = r.num(o.indent, `${f}.indent`, 0, 10) ?? s.indent;
      if (o.color !== undefined) s.color = r.color(o.color, `${f}.color`) ?? s.color;
      if (o.spaceBefore !== undefined) s.spaceBefore = r.int(o.spaceBefore, `${f}.spaceBefore`, 0, 10) ?? s.spaceBefore;
      paragraphStyles[name] = s;
    } else if (name in characterStyles) {
      r.unknownKeys(o, f, ['face', 'size', 'color']);
      const s = { ...characterStyles[name] };
      if (o.face !== undefined) s.face = r.face(o.face, `${f}.face`);
      if (o.size !== undefined) s.size = r.size(o.size, `${f}.size`, units);
      if (o.color !== undefined) s.color = r.color(o.color, `${f}.color`);
      characterStyles[name] = s;
    } else {
      r.fail(f, `the template "${t.id}" has no style of that name (paragraph styles: ${Object.keys(paragraphStyles).join(' ')}; character styles: ${Object.keys(characterStyles).join(' ')})`);
    }
  }
  if (r.problems.length) throw new TemplateError(r.problems);
  return { ...t, paragraphStyles, characterStyles };
}

/**
 * 自动适合 limits (`fit`): the 主题 sizes 适合 may choose, `headline: [smallest, largest]` (号 names or
 * pt), and the 字距 a 挤一行 / 放一行 may use, `tracking: [tightest, loosest]` in percent of the em.
 */
function fitLimits(r: Reader, v: unknown, units: Units): Template['fit'] {
  if (v === undefined) return undefined;
  const o = r.obj(v, 'fit');
  if (!o) return undefined;
  r.unknownKeys(o, 'fit', ['headline', 'tracking']);
  const pair = (x: unknown, f: string, read: (y: unknown, g: string) => number | undefined): [number, number] | undefined => {
    if (x === undefined) return undefined;
    if (!Array.isArray(x) || x.length !== 2) { r.fail(f, 'must be a pair [smallest, largest]'); return undefined; }
    const a = read(x[0], `${f}[0]`);
    const b = read(x[1], `${f}[1]`);
    if (a === undefined || b === undefined) return undefined;
    if (a > b) { r.fail(f, `the first value (${a}) is larger than the second (${b})`); return undefined; }
    return [a, b];
  };
  const headline = pair(o.headline, 'fit.headline', (y, g) => r.size(y, g, units));
  const tracking = pair(o.tracking, 'fit.tracking', (y, g) => { const n = r.num(y, g, -50, 50); return n === undefined ? undefined : n / 100; });
  return { ...(headline ? { headline } : {}), ...(tracking ? { tracking } : {}) };
}
