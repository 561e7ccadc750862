// An edition names its own output condition (`output`: the plant's profile from the templates folder,
// a registered condition, the rendering intent, the photos' resolution): validated and repaired,
// stored in the .banmian file and opened again, and honoured by export and preflight in the order
// command line > edition > template > default.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Edition } from '../../../engine/model/types';
import { validateEdition } from '../../../engine/model';
import { repairEdition } from '../../../engine/model/repair';
import Database from 'better-sqlite3';
import { EditionStore, readEditionFile } from '../../../electron/services/store';
import { repairEditionFile } from '../../../electron/services/store/repair';
import { editsBetween } from '../../../electron/services/edition-edits';
import { plateSettings, availableOutputProfiles } from '../../../electron/services/pdf/plate';
import { loadSampleEdition } from '../../../electron/services/sample';
import { loadTemplates } from '../../../electron/services/templates';
import { cliInProcess } from '../../support/cli';
import { PLANT_PROFILE, templatesWithPlantProfile } from '../../support/plant-profile';
import { outputIntent } from '../../support/pdf-tools';

const PLANT = PLANT_PROFILE;
const dir = mkdtempSync(join(tmpdir(), 'banmian-edition-output-'));
const templatesCopy = templatesWithPlantProfile();
const before = process.env.BANMIAN_TEMPLATES;

beforeAll(() => {
  process.env.BANMIAN_TEMPLATES = templatesCopy;
});
afterAll(() => {
  if (before === undefined) delete process.env.BANMIAN_TEMPLATES;
  else process.env.BANMIAN_TEMPLATES = before;
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(templatesCopy, '..'), { recursive: true, force: true });
});

const withOutput = (output: unknown): Edition => ({ ...loadSampleEdition(), output }) as Edition;

describe('the edition’s output condition in the model', () => {
  it('keeps a sound setting and refuses a profile outside the templates folder', () => {
    const ok = validateEdition(
      withOutput({ profile: 'plant.icc', condition: 'FOGRA39', intent: 'relative', resolution: 200 }),
    );
    expect(ok.output).toEqual({
      profile: 'plant.icc',
      condition: 'FOGRA39',
      intent: 'relative',
      resolution: 200,
    });
    for (const profile of [
      '../plant.icc',
      '/etc/plant.icc',
      'sub/plant.icc',
      '..\\x.icc',
      '.hidden.icc',
      'x.txt',
    ])
      expect(() => validateEdition(withOutput({ profile }))).toThrow(/output\.profile/);
    expect(() => validateEdition(withOutput({ intent: 'vivid' }))).toThrow(/output\.intent/);
    expect(() => validateEdition(withOutput({ resolution: 10 }))).toThrow(/output\.resolution/);
    expect(() => validateEdition(withOutput({ condition: 'x y' }))).toThrow(/output\.condition/);
    expect(validateEdition(withOutput({})).output).toBeUndefined();
  });

  it('repair keeps the sound settings and drops the others, saying so', () => {
    const { edition, changes } = repairEdition(
      withOutput({ profile: '../../etc/x.icc', intent: 'absolute' }),
    );
    expect(edition.output).toEqual({ intent: 'absolute' });
    expect(changes.map((c) => c.where)).toContain('output.profile');
  });
});

describe('the edition’s output condition in the .banmian file', () => {
  it('is saved, opens again, is changed by an edit (the autosave’s) and cleared back to the template’s', () => {
    const file = join(dir, 'out.banmian');
    const output = { condition: 'IFRA26', intent: 'saturation' as const, resolution: 150 };
    EditionStore.create(file, withOutput(output)).close();
    let store = EditionStore.open(file);
    expect(store.load().output).toEqual(output);
    // The autosave's edits: only what changed.
    const next = { ...store.load(), output: { profile: 'plant.icc', intent: 'relative' as const } };
    const edits = editsBetween(store.load(), next);
    expect(edits).toEqual([{ op: 'setOutput', output: next.output }]);
    store.applyEdit(edits);
    // A bad setting is refused and loses nothing.
    expect(() => store.applyEdit([{ op: 'setOutput', output: { profile: '../x.icc' } }])).toThrow(
      /output\.profile/,
    );
    store.close();
    store = EditionStore.open(file);
    expect(store.load().output).toEqual({ profile: 'plant.icc', intent: 'relative' });
    store.applyEdit([{ op: 'setOutput', output: null }]);
    store.close();
    store = EditionStore.open(file);
    expect(store.load().output).toBeUndefined();
    expect(editsBetween(store.load(), store.load())).toEqual([]);
    store.close();
  });
});

describe('a .banmian file whose output condition was tampered with', () => {
  it('is refused when opened, and repaired into a file that keeps what is sound', () => {
    const file = join(dir, 'tampered.banmian');
    EditionStore.create(file, withOutput({ intent: 'absolute' })).close();
    const db = new Database(file);
    db.prepare("UPDATE meta SET value = ? WHERE key = 'output'").run(
      JSON.stringify({ intent: 'absolute', profile: '../../../etc/plant.icc' }),
    );
    db.close();
    expect(() => readEditionFile(file)).toThrow(/output\.profile|输出特性文件/);
    const fixed = join(dir, 'fixed.banmian');
    const r = repairEditionFile(file, fixed);
    expect(r.changes.map((c) => c.where)).toContain('output.profile');
    expect(readEditionFile(fixed).output).toEqual({ intent: 'absolute' });
  });
});

describe('export and preflight honour it', () => {
  it('command line over edition over template over default, decided in one place', () => {
    const templates = loadTemplates();
    const ed = withOutput({ profile: 'plant.icc', intent: 'relative', condition: 'FOGRA39' });
    const id = ed.pages[0].template;
    const own = {
      ...templates,
      [id]: { ...templates[id], renderingIntent: 'absolute' as const, resolution: 120 },
    };
    const first = ed.pages[0].number;
    expect(plateSettings(ed, first, own, {})).toEqual({
      profileFile: join(templatesCopy, 'plant.icc'),
      resolution: 120,
      intent: 'relative',
      condition: 'FOGRA39',
    });
    expect(plateSettings(ed, first, own, { intent: 'perceptual', outputCondition: 'IFRA26' })).toMatchObject({
      intent: 'perceptual',
      condition: 'IFRA26',
    });
    expect(plateSettings(loadSampleEdition(), first, own, {}).intent).toBe('absolute');
    expect(plateSettings(loadSampleEdition(), first, templates, {}).intent).toBe('perceptual');
    expect(availableOutputProfiles().map((p) => p.file)).toEqual(['plant.icc']);
  });

  it('the PDF/X-4 output intent embeds the edition’s profile byte for byte; the command line’s condition wins', async () => {
    const json = join(dir, 'plant.json');
    writeFileSync(json, JSON.stringify(withOutput({ profile: 'plant.icc' })));
    const out = join(dir, 'plant.pdf');
    const r = await cliInProcess('export', json, '-o', out, '--preset', 'print-x4', '--force');
    expect(r.code, r.err).toBe(0);
    const { dict, profile } = outputIntent(readFileSync(out));
    expect(dict['/OutputConditionIdentifier']).toBe('u:Custom');
    expect(profile!.equals(readFileSync(PLANT))).toBe(true);

    const cond = join(dir, 'cond.json');
    writeFileSync(cond, JSON.stringify(withOutput({ condition: 'FOGRA39' })));
    const x1a = join(dir, 'cond.pdf');
    expect((await cliInProcess('export', cond, '-o', x1a, '--force')).code).toBe(0);
    expect(outputIntent(readFileSync(x1a)).dict).toMatchObject({
      '/OutputConditionIdentifier': 'u:FOGRA39',
      '/RegistryName': 'u:http://www.color.org',
    });
    expect(
      (await cliInProcess('export', cond, '-o', x1a, '--force', '--output-condition', 'IFRA26')).code,
    ).toBe(0);
    expect(outputIntent(readFileSync(x1a)).dict['/OutputConditionIdentifier']).toBe('u:IFRA26');
  });

  it('an edition naming a profile the templates folder lacks is refused, writing nothing', async () => {
    const json = join(dir, 'missing.json');
    writeFileSync(json, JSON.stringify(withOutput({ profile: 'absent.icc' })));
    const r = await cliInProcess('export', json, '-o', join(dir, 'missing.pdf'), '--force');
    expect(r.code).toBe(2);
    expect(r.err).toContain('模板文件夹中没有输出特性文件 absent.icc');
    expect(readdirSync(dir).some((f) => f.startsWith('missing') && f.endsWith('.pdf'))).toBe(false);
    // A proof names no output condition: it is made all the same.
    const proof = await cliInProcess(
      'export',
      json,
      '-o',
      join(dir, 'missing-proof.pdf'),
      '--preset',
      'proof',
    );
    expect(proof.code, proof.err).toBe(0);
  });

  it('banmian preflight --intent checks the photos as they will be separated, over the edition’s intent', async () => {
    const ed = withOutput({ intent: 'absolute' });
    const photo = ed.assets[0];
    const w = photo.pixelWidth,
      h = photo.pixelHeight;
    const rgba = Buffer.alloc(w * h * 4);
    for (let i = 0; i < w * h; i++) rgba.set([200, 60, Math.round(40 + ((i % w) / w) * 80), 255], i * 4);
    Object.assign(photo, {
      mime: 'image/jpeg',
      colorSpace: 'rgb',
      data: jpeg.encode({ width: w, height: h, data: rgba }, 90).data.toString('base64'),
    });
    const json = join(dir, 'rgb.json');
    writeFileSync(json, JSON.stringify(ed));
    const rgbFinding = async (...args: string[]) => {
      const r = await cliInProcess('preflight', json, '--json', ...args);
      const f = (JSON.parse(r.out) as { code: string; message: string }[]).find(
        (x) => x.code === 'image-rgb',
      );
      return f?.message ?? `(none) ${r.err}`;
    };
    expect(await rgbFinding()).toContain('再现意图绝对比色');
    expect(await rgbFinding('--intent', 'relative')).toContain('再现意图相对比色');
    const named = await rgbFinding('--output-profile', PLANT);
    expect(named).toMatch(/输出特性文件（[^）]+）/);
    expect(named).not.toEqual(await rgbFinding());
    const cond = await cliInProcess('preflight', json, '--json', '--output-condition', 'FOGRA39');
    expect(cond.out).toContain('输出条件为注册特性 FOGRA39');
    const bad = await cliInProcess('preflight', json, '--intent', 'vivid');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--intent "vivid" is not one of');
  });
});
