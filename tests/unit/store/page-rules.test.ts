// A page's rules, and a story's type, tint, box style and 分栏线, saved in the edition file and read back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EditionStore, createDatabase, readEditionFile } from '../../../electron/services/store';
import { pageListEdits } from '../../../electron/services/api-services';
import { makeEdition } from '../../support/generated-edition';
import { validateEdition } from '../../../engine/model/validate';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'banmian-rules-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("a page's rules and a story's style in the edition file", () => {
  it('saves the editor’s rules, automatic rules off, and a story’s type, tint, box and 分栏线, and reopens them', () => {
    const ed = makeEdition({ pages: 2, articles: 4, photos: 0 });
    ed.pages[0].rules = [
      { line: 30, col: 0, cols: 2, style: 'double' },
      { gutter: 1, line: 5, lines: 10, style: 'dotted' },
    ];
    ed.pages[0].autoRules = false;
    ed.pages[1].placements[0] = {
      ...ed.pages[1].placements[0],
      type: { body: { size: 10.5, leading: 28, tracking: -0.02, role: '黑体', align: 'start', indent: 0 } },
      tint: { c: 0, m: 0, y: 20, k: 10 },
      box: { inset: 1, weight: 1.5, style: 'double', corner: 0.5 },
      columnRules: 'thin',
    };
    const path = join(dir, 'x.banmian');
    EditionStore.create(path, ed).close();
    const back = readEditionFile(path);
    expect(back.pages).toEqual(validateEdition(ed).pages);
    expect(back.pages[0].rules).toHaveLength(2);
    expect(back.pages[0].autoRules).toBe(false);
    expect(back.pages[1].placements[0].tint).toEqual({ c: 0, m: 0, y: 20, k: 10 });
  });

  it('takes rule changes through autosave’s page list, and clears them', () => {
    const ed = makeEdition({ pages: 1, articles: 2, photos: 0 });
    const path = join(dir, 'x.banmian');
    const store = EditionStore.create(path, ed);
    const stored = store.load();
    const withRules = stored.pages.map(({ placements: _p, ...p }) => ({
      ...p,
      rules: [{ line: 12, col: 1, cols: 3, style: 'thick' as const }],
      autoRules: false,
    }));
    store.applyEdit(pageListEdits(stored.pages, withRules));
    store.close();
    let back = readEditionFile(path);
    expect(back.pages[0].rules).toEqual([{ line: 12, col: 1, cols: 3, style: 'thick' }]);
    expect(back.pages[0].autoRules).toBe(false);
    const again = EditionStore.open(path);
    const cleared = again.load().pages.map(({ placements: _p, rules: _r, autoRules: _a, ...p }) => p);
    again.applyEdit(pageListEdits(again.load().pages, cleared));
    again.close();
    back = readEditionFile(path);
    expect(back.pages[0].rules).toBeUndefined();
    expect(back.pages[0].autoRules).toBeUndefined();
  });

  it('brings a schema 3 file up to date: its pages have no rules until drawn', () => {
    const path = join(dir, 'old.banmian');
    const db = createDatabase(path, 3);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    db.prepare('INSERT INTO meta VALUES (?, ?)').run(
      'edition',
      JSON.stringify({
        schemaVersion: 1,
        id: 'old',
        paper: { name: '徐汇报' },
        date: '2022-12-30',
        issue: 50,
      }),
    );
    db.prepare('INSERT INTO pages(id, position, number, section, template) VALUES (?, ?, ?, ?, ?)').run(
      'p0',
      0,
      2,
      '综合新闻',
      'duikai',
    );
    db.close();
    const store = EditionStore.open(path);
    store.applyEdit([
      {
        op: 'addPage',
        page: {
          id: 'p1',
          number: 1,
          section: '要闻',
          template: 'duikai',
          placements: [],
          rules: [{ line: 3, col: 0, cols: 1, style: 'thin' }],
        },
      },
    ]);
    store.close();
    const back = readEditionFile(path);
    expect(Object.fromEntries(back.pages.map((p) => [p.id, p.rules]))).toEqual({
      p0: undefined,
      p1: [{ line: 3, col: 0, cols: 1, style: 'thin' }],
    });
    expect(new Database(path, { readonly: true }).pragma('user_version', { simple: true })).toBeGreaterThan(
      3,
    );
  });
});
