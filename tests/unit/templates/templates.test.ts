import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateError, validateTemplate } from '../../../engine/templates';
import { mmToPt } from '../../../engine/units';
import { listTemplateIds, loadTemplate, loadTemplates, readTemplateFile } from '../../../electron/services/templates';
import { templatesDir } from '../../../electron/services/paths';
import { roleTable } from '../../../electron/services/fonts/mapping';

const ROLES = roleTable();

const sikaiRaw = JSON.parse(readFileSync(join(templatesDir(), 'sikai.json'), 'utf8'));

/** The problems a changed copy of the 四开 template has, as "field: message" lines. */
function problems(change: (t: Record<string, any>) => void): string[] {
  const t = structuredClone(sikaiRaw);
  change(t);
  try {
    validateTemplate(t, 'sikai', 'templates/sikai.json', ROLES);
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateError);
    for (const p of (e as TemplateError).problems) expect(p.file).toBe('templates/sikai.json');
    expect((e as Error).message.startsWith('templates/sikai.json: ')).toBe(true);
    return (e as TemplateError).problems.map((p) => `${p.field}: ${p.message}`);
  }
  return [];
}

describe('installed templates', () => {
  it('has the 四开 tabloid: 275 × 390 mm, 4 columns of 17 字 at 小五 with 1-字 gutters', () => {
    const t = loadTemplate('sikai');
    expect(t.format).toBe('四开');
    expect(t.trim.width).toBeCloseTo(mmToPt(275), 6);
    expect(t.trim.height).toBeCloseTo(mmToPt(390), 6);
    expect(t.body.size).toBe(9);
    expect(t.grid).toMatchObject({ columns: 4, columnWidth: 17 * 9, gutter: 9 });
    expect(t.typeArea.w).toBe(71 * 9);
    // Centred across the trim; the type area is a whole number of lines.
    expect(t.typeArea.x * 2 + t.typeArea.w).toBeCloseTo(t.trim.width, 6);
    expect(t.typeArea.h).toBe(t.grid.lines * t.body.pitch);
    expect(t.typeArea.y + t.typeArea.h).toBeLessThan(t.trim.height);
  });

  it('has the 对开 broadsheet: 390 × 550 mm, 8 columns of 13 字, 111 字 across', () => {
    const t = loadTemplate('duikai');
    expect(t.trim.width).toBeCloseTo(mmToPt(390), 6);
    expect(t.trim.height).toBeCloseTo(mmToPt(550), 6);
    expect(t.grid).toMatchObject({ columns: 8, columnWidth: 13 * 9, gutter: 9 });
    expect(t.typeArea.w / t.body.size).toBe(111);
  });

  it('names styles as editors do, with 号 sizes turned into points, and maps every block to one', () => {
    for (const t of Object.values(loadTemplates())) {
      expect(t.paragraphStyles['正文']).toMatchObject({ face: 'noto-serif-sc-400', size: 9, indent: 2 });
      expect(t.paragraphStyles['主题']).toMatchObject({ face: 'noto-serif-sc-700', size: 26 });
      expect(t.paragraphStyles['副题'].face).toBe('noto-sans-sc-500');
      expect(t.characterStyles['电头'].face).toBe('noto-sans-sc-500');
      expect(t.paragraphStyles['图片说明'].size).toBe(7.5);
      for (const [block, style] of Object.entries(t.blockStyles)) expect(t.paragraphStyles[style], block).toBeDefined();
      expect(t.masthead?.items.some((i) => i.kind === 'text' && i.text === '{paper}')).toBe(true);
      expect(t.runningHead?.items.some((i) => i.kind === 'rule')).toBe(true);
      expect(t.folio?.items.length).toBeGreaterThan(0);
    }
    expect(listTemplateIds()).toEqual(['duikai', 'sikai']);
  });
});

describe('template errors name the file, the field and what is wrong', () => {
  it('a missing field', () => {
    expect(problems((t) => delete t.trim.width)).toEqual(['trim.width: is missing']);
  });

  it('a field of the wrong type', () => {
    expect(problems((t) => { t.grid.columns = '4'; })).toEqual(['grid.columns: must be a whole number, got "4"']);
    expect(problems((t) => { t.masthead.items = {}; })).toEqual(['masthead.items: must be a list of items, got an object']);
    expect(problems((t) => { t.inkLimit = 50; })).toEqual(['inkLimit: must be between 100 and 400, got 50']);
  });

  it('a length that is not one, or in a unit not known yet', () => {
    expect(problems((t) => { t.bleed = '3 inches'; })[0]).toMatch(/^bleed: "3 inches" is not a length/);
    expect(problems((t) => { t.body.leading = '1.5行'; })[0]).toMatch(/^body.leading: "1.5行": 行 is not known here/);
    expect(problems((t) => { t.trim.width = '-275mm'; })[0]).toMatch(/^trim.width: must not be negative/);
  });

  it('an unknown size name, and a size no one can read', () => {
    expect(problems((t) => { t.body.size = '小七'; })[0]).toMatch(/^body.size: unknown size name "小七"; the names are 初号 小初/);
    expect(problems((t) => { t.paragraphStyles['正文'].size = '0.5pt'; })[0]).toMatch(/0.5 pt is not a usable type size/);
  });

  it('an unknown face', () => {
    expect(problems((t) => { t.paragraphStyles['主题'].face = '华文行楷'; })[0]).toMatch(/^paragraphStyles.主题.face: unknown face "华文行楷"; use a role \(书宋 /);
  });

  it('a style that is referred to but not defined', () => {
    expect(problems((t) => { t.blockStyles.headline = '大标题'; })).toEqual(['blockStyles.headline: names the paragraph style "大标题", which paragraphStyles does not define']);
    expect(problems((t) => { t.dateline.style = '黑体电头'; })[0]).toMatch(/^dateline.style: names the character style "黑体电头"/);
    expect(problems((t) => { delete t.blockStyles.source; })).toEqual(['blockStyles.source: is missing']);
  });

  it('a grid that does not fit the trim', () => {
    expect(problems((t) => { t.grid.columns = 5; })[0]).toMatch(/^grid: 5 columns of 153 pt with 9 pt gutters make 801 pt .* does not fit the trim width/);
    expect(problems((t) => { t.grid.lines = 80; })[0]).toMatch(/^grid.lines: 80 lines of 14.3 pt .* do not fit the trim height/);
    expect(problems((t) => { t.body.leading = '8pt'; })[0]).toMatch(/^body.leading: 8 pt is less than the body size 9 pt/);
  });

  it('a colour that is not CMYK ink', () => {
    expect(problems((t) => { t.masthead.items[0].color = '#ff0000'; })[0]).toMatch(/^masthead.items\[0\].color: "#ff0000" is not a CMYK colour/);
    expect(problems((t) => { t.masthead.items[0].color = 'M120'; })[0]).toMatch(/ink percentages go from 0 to 100/);
  });

  it('an unknown placeholder, anchor or alignment', () => {
    expect(problems((t) => { t.runningHead.items[0].text = '{weather}'; })[0]).toMatch(/^runningHead.items\[0\].text: unknown placeholder \{weather\}/);
    expect(problems((t) => { t.runningHead.items[0].anchor = 'middle'; })[0]).toMatch(/anchor: must be left, center or right/);
    expect(problems((t) => { t.paragraphStyles['正文'].align = 'both'; })[0]).toMatch(/^paragraphStyles.正文.align: must be one of justify/);
  });

  it('a misspelt field, and a file from a later version', () => {
    expect(problems((t) => { t.grid.colums = 4; })).toEqual(['grid.colums: unknown field; expected one of columns, column, gutter, lines']);
    expect(problems((t) => { t.format = 2; })).toEqual(['format: this version reads template format 1, the file says 2']);
  });

  it('several mistakes at once, each reported', () => {
    const p = problems((t) => { delete t.bleed; t.body.size = 'big'; t.paragraphStyles['正文'].indent = -1; });
    expect(p.length).toBeGreaterThanOrEqual(3);
    expect(p.some((x) => x.startsWith('bleed:'))).toBe(true);
    expect(p.some((x) => x.startsWith('body.size:'))).toBe(true);
    expect(p.some((x) => x.startsWith('paragraphStyles.正文.indent:'))).toBe(true);
  });

  it('a file that is not JSON, with the line of the mistake; and an unknown template id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'banmian-tpl-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{\n  "format": 1,\n  "name": "x",\n  oops\n}\n');
    expect(() => readTemplateFile(file, 'broken', 'templates/broken.json')).toThrow(/templates\/broken.json: \(file\): is not valid JSON at line 4/);
    expect(() => loadTemplate('nope')).toThrow(/templates\/nope.json: \(file\): no such template; the installed ones are duikai, sikai/);
  });
});

describe('the house style (houseStyle)', () => {
  it('both templates state the newspaper house style, calibrated to print', () => {
    for (const id of ['sikai', 'duikai']) {
      const h = loadTemplate(id).house!;
      expect(h).toMatchObject({ name: 'newspaper', squeeze: 'keep-characters', maxSqueeze: 2, maxOpen: 2, firstLine: 'like-others', longDash: 'two-em' });
      expect(h.cjkLatin).toEqual({ ideal: 0.125, min: 0, max: 0.25 });
    }
  });

  it('takes a built-in one by name, a paper’s own over a base, and newspaper when none is named', () => {
    const read = (v: unknown) => { const t = structuredClone(sikaiRaw); if (v === undefined) delete t.houseStyle; else t.houseStyle = v; return validateTemplate(t, 'sikai', 'templates/sikai.json', ROLES).house!; };
    expect(read(undefined).name).toBe('newspaper');
    expect(read('even')).toMatchObject({ squeeze: 'even', maxOpen: Infinity, longDash: 'per-dash' });
    const own = read({ name: '晚报', base: 'newspaper', maxOpen: 1.5, maxSqueeze: 'none', cjkLatin: { ideal: 0.25 } });
    expect(own).toMatchObject({ name: '晚报', squeeze: 'keep-characters', maxOpen: 1.5, maxSqueeze: Infinity });
    expect(own.cjkLatin).toEqual({ ideal: 0.25, min: 0, max: 0.25 });
  });

  it('refuses what it cannot set, naming the field', () => {
    expect(problems((t) => { t.houseStyle = 'tabloid'; })).toEqual(['houseStyle: unknown house style "tabloid"; use one of newspaper even or an object over one']);
    expect(problems((t) => { t.houseStyle.squeeze = 'tight'; })).toEqual(['houseStyle.squeeze: must be one of keep-characters even, got "tight"']);
    expect(problems((t) => { t.houseStyle.maxOpen = -1; })).toEqual(['houseStyle.maxOpen: must be between 0 and 20, got -1']);
    expect(problems((t) => { t.houseStyle.cjkLatin = { ideal: 0.1, min: 0.2 }; })).toEqual(['houseStyle: cjkLatin must have 0 ≤ min ≤ ideal ≤ max ≤ 1 em, got 0.2, 0.1, 0.25']);
    expect(problems((t) => { t.houseStyle.squash = 1; })).toHaveLength(1);
  });
});
