// Role mapping as data: a template's `fonts`, the machine's fonts.json and the edition's `fonts`,
// strongest last; a face this machine lacks falls back to the next one asked for, and says so.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFontMapping } from '../../../engine/fonts/mapping';
import { PartialFontSet } from '../../../engine/fonts/partial';
import type { MetricsTable } from '../../../engine/fonts/table';
import type { GlyphRun } from '../../../engine/display/types';
import type { Edition } from '../../../engine/model/types';
import { nodeServices } from '../../../electron/services/api-services';
import { initialCodePoints } from '../../../renderer/fonts';
import { layoutEdition } from '../../../engine/layout';
import { validateEdition, EditionError } from '../../../engine/model/validate';
import { TemplateError, validateTemplate } from '../../../engine/templates';
import { loadFontSet } from '../../../electron/services/fonts';
import { roleTable, templateRoleTable, useEditionFonts } from '../../../electron/services/fonts/mapping';
import { preflight } from '../../../electron/services/preflight';
import { loadSampleEdition } from '../../../electron/services/sample';
import { EditionStore } from '../../../electron/services/store';
import { loadTemplates } from '../../../electron/services/templates';
import { templatesDir } from '../../../electron/services/paths';

const dir = mkdtempSync(join(tmpdir(), 'banmian-mapping-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sikai = JSON.parse(readFileSync(join(templatesDir(), 'sikai.json'), 'utf8'));
const emptyConfig = join(dir, 'none');
const fileOf = (id: string) => basename(loadFontSet().face(id).path);

describe('role mapping data', () => {
  it('checks the shape: role names are one word, faces are text', () => {
    expect(checkFontMapping({ 书宋: 'Noto Serif CJK SC' }, 'fonts')).toEqual({ mapping: { 书宋: 'Noto Serif CJK SC' }, problems: [] });
    expect(checkFontMapping(['书宋'], 'fonts').problems[0].message).toMatch(/must map role names/);
    expect(checkFontMapping({ 书宋: 3 }, 'fonts').problems[0]).toMatchObject({ field: 'fonts.书宋', message: expect.stringMatching(/must name a face/) });
    expect(checkFontMapping({ 'a b': 'x' }, 'fonts').problems[0].message).toMatch(/one word/);
  });

  it('role names come from the font registry, and a template may name a role of its own', () => {
    const roles = roleTable();
    expect(roles['书宋']).toBe('noto-serif-sc-400');
    expect(roles['黑体']).toBe('noto-sans-sc-500');
    const raw = structuredClone(sikai);
    raw.fonts = { 长宋: 'Noto Serif CJK SC' };
    raw.paragraphStyles['主题'].face = '长宋';
    const t = validateTemplate(raw, 'sikai', 'templates/sikai.json', templateRoleTable(raw.fonts));
    const face = t.paragraphStyles['主题'].face;
    expect(fileOf(face)).toBe('NotoSerifCJK-Regular.ttc');
    expect(t.fonts).toEqual({ 长宋: 'Noto Serif CJK SC' });
    // Without the template's `fonts` the role is unknown; a bad mapping names the field.
    const bad = structuredClone(raw);
    delete bad.fonts;
    expect(() => validateTemplate(bad, 'sikai', 'templates/sikai.json', roleTable())).toThrow(/unknown face "长宋"/);
    bad.fonts = { 书宋: '' };
    try { validateTemplate(bad, 'sikai', 'x.json', roleTable()); expect.unreachable(); } catch (e) {
      expect(e).toBeInstanceOf(TemplateError);
      expect((e as TemplateError).problems.map((p) => p.field)).toContain('fonts.书宋');
    }
  });

  it('an edition\'s fonts are validated, stored and read back', () => {
    const ed = loadSampleEdition();
    expect(() => validateEdition({ ...ed, fonts: { 书宋: 7 } }, 'x')).toThrow(EditionError);
    const path = join(dir, 'a.banmian');
    const store = EditionStore.create(path, { ...ed, fonts: { 黑体: 'Noto Sans CJK SC' } });
    store.applyEdit([{ op: 'setFont', role: '书宋', face: 'Noto Serif CJK SC' }]);
    store.applyEdit([{ op: 'setFont', role: '黑体', face: null }]);
    expect(() => store.applyEdit([{ op: 'setFont', role: '书宋', face: ' ' }])).toThrow(/must name a face/);
    store.close();
    const again = EditionStore.open(path);
    expect(again.load().fonts).toEqual({ 书宋: 'Noto Serif CJK SC' });
    again.close();
  });

  it('edition over machine over template; a face not on this machine falls back and is reported', { timeout: 180_000 }, () => {
    const templates = loadTemplates();
    const ed = { ...loadSampleEdition(), fonts: { 书宋: '方正书宋_GBK' } };
    // Nothing else asked for: 书宋 stays in the registry's face, and says why.
    let notes = useEditionFonts(ed, templates, { configDir: emptyConfig });
    expect(notes).toEqual([expect.objectContaining({ role: '书宋', wanted: '方正书宋_GBK', source: 'edition', usedFace: 'noto-serif-sc-400' })]);
    expect(notes[0].message).toBe('字体角色 书宋：本期设定要用的字体 “方正书宋_GBK” 本机没有，改用 思源宋体 常规 (Noto Serif SC Regular)');
    expect(fileOf('noto-serif-sc-400')).toBe('NotoSerifSC_400Regular.ttf');
    // The machine's fonts.json names an installed face: the role falls back to that.
    const machine = join(dir, 'machine');
    rmSync(machine, { recursive: true, force: true });
    mkdirSync(machine, { recursive: true });
    writeFileSync(join(machine, 'fonts.json'), JSON.stringify({ roles: { 书宋: 'Noto Serif CJK SC', 黑体: 'Noto Sans CJK SC' } }));
    notes = useEditionFonts(ed, templates, { configDir: machine });
    expect(notes.map((n) => n.role)).toEqual(['书宋']);
    expect(fileOf('noto-serif-sc-400')).toBe('NotoSerifCJK-Regular.ttc');
    expect(fileOf('noto-sans-sc-500')).toBe('NotoSansCJK-Regular.ttc');
    // The edition's own choice, when installed, wins over the machine's.
    notes = useEditionFonts({ ...ed, fonts: { 黑体: 'LXGW WenKai' } }, templates, { configDir: machine });
    expect(notes).toEqual([]);
    expect(fileOf('noto-sans-sc-500')).toBe('LXGWWenKai-Regular.ttf');
    useEditionFonts({ ...ed, fonts: {} }, templates, { configDir: emptyConfig });
    expect(fileOf('noto-sans-sc-500')).toBe('NotoSansSC_500Medium.ttf');
  });

  it('preflight warns which role fell back to what', () => {
    const templates = loadTemplates();
    const ed = { ...loadSampleEdition(), fonts: { 标宋: '方正小标宋_GBK' } };
    process.env.BANMIAN_CONFIG_DIR = emptyConfig;
    try {
      useEditionFonts(ed, templates);
      const list = layoutEdition(ed, { fonts: loadFontSet(), templates }, { pages: [1] });
      const f = preflight(ed, list, { templates }).filter((x) => x.code === 'font-role-fallback');
      expect(f).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('字体角色 标宋：本期设定要用的字体 “方正小标宋_GBK” 本机没有') })]);
    } finally {
      delete process.env.BANMIAN_CONFIG_DIR;
      useEditionFonts({ ...ed, fonts: {} }, templates, { configDir: emptyConfig });
    }
  });
});

describe('the page view under a role mapping', () => {
  it('lays out as Node does, with the mapped face and a rare character, from what the API sends', { timeout: 180_000 }, async () => {
    const services = nodeServices({}, { configDir: emptyConfig });
    const templates = loadTemplates();
    const ed: Edition = { ...loadSampleEdition(), fonts: { 书宋: 'LXGW WenKai', 黑体: 'Noto Sans CJK SC' } };
    const a1 = ed.articles.find((a) => a.id === 'a1')!;
    ed.articles = ed.articles.map((a) => (a === a1 ? { ...a, blocks: [...a.blocks.slice(0, 3), { type: 'byline', children: [{ text: '记者 𠀎明' }] }, ...a.blocks.slice(3)] as typeof a.blocks } : a));
    expect(services.useEditionFonts(ed.fonts, ['sikai'])).toEqual([]);
    const faces = services.faces();
    const chains = Object.fromEntries(faces.map((f) => [f.id, [f.id, ...f.fallback]]));
    const screen = JSON.parse(JSON.stringify(services.screenTables([...initialCodePoints([ed, templates])])));
    const rare = new Map(Object.entries(screen.rare as Record<string, string>).map(([k, v]) => [Number(k), v]));
    const partial = new PartialFontSet(new Map((screen.tables as MetricsTable[]).map((t) => [t.id, t])), chains, services.roleFaces(), () => {}, rare, services.fontAliases());
    const node = layoutEdition(ed, { fonts: loadFontSet(), templates }, { pages: [1] }).pages[0];
    const shown = layoutEdition(ed, { fonts: partial, templates }, { pages: [1] }).pages[0];
    expect(shown.items).toEqual(node.items);
    // a1's first paragraph (block 4, 正文 in 书宋) and its byline's rare character (block 3, 署名 in 黑体).
    const faceOf = (block: number, ch?: string) => node.items.find((i): i is GlyphRun => i.kind === 'glyphs'
      && i.glyphs.some((g) => g.src.article === 'a1' && g.src.block === block && (!ch || g.text === ch)))!.face;
    expect(fileOf(faceOf(4))).toBe('LXGWWenKai-Regular.ttf');
    expect(fileOf(faceOf(3, '明'))).toBe('NotoSansCJK-Regular.ttc');
    expect(fileOf(faceOf(3, '𠀎'))).toBe('LXGWWenKai-Regular.ttf');
    services.useEditionFonts(undefined, ['sikai']);
  });

  it('autosave writes the edition\'s mapping into its file', () => {
    const services = nodeServices({}, { configDir: emptyConfig });
    const path = join(dir, 'b.banmian');
    EditionStore.create(path, loadSampleEdition()).close();
    services.autosave(path, [], [], undefined, { fonts: { 书宋: 'lxgw-wenkai-400-system' } });
    services.autosave(path, [], [], undefined, { fonts: { 标宋: 'Noto Serif CJK SC Bold' } });
    expect(services.openEdition(path).fonts).toEqual({ 标宋: 'Noto Serif CJK SC Bold' });
  });
});
