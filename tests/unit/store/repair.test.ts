// A file the loader refuses is never a dead end: `banmian edition repair` keeps every intact article,
// revision, comment and photo, drops or unlinks what is broken, and lists what it changed. The broken
// files are made by writing invalid states straight into SQLite, past the store's checks.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cliInProcess } from '../../support/cli';
import { loadSampleEdition } from '../../../electron/services/sample';
import { EditionStore, EditionFileError, readEditionFile } from '../../../electron/services/store';
import { repairEditionFile } from '../../../electron/services/store/repair';
import type { Edition, Placement } from '../../../engine/model/types';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'banmian-repair-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const cli = cliInProcess;

const R = (col: number, cols: number, line: number, lines: number) => ({ col, cols, line, lines });

/**
 * The sample page plus two pages: a5 starts on page 2 and continues on page 3 (转版), a6 sits on page 3.
 * Each article has revisions and a2 (the photo story) a comment, so repair has history to keep.
 */
function goodFile(): { path: string; edition: Edition } {
  const ed = loadSampleEdition();
  const para = (t: string) => ({ type: 'paragraph' as const, children: [{ text: t }] });
  ed.articles.push(
    {
      id: 'a5',
      slug: '续稿',
      status: 'edited',
      blocks: [
        { type: 'headline', children: [{ text: '转版的稿件' }] },
        para('第一段。'.repeat(60)),
        para('第二段。'.repeat(60)),
      ],
    },
    { id: 'a6', slug: '短讯', status: 'draft', blocks: [para('一条短讯。')] },
  );
  ed.pages.push(
    {
      id: 'p2',
      number: 2,
      section: '综合新闻',
      template: 'sikai',
      placements: [
        {
          article: 'a5',
          headline: { area: R(0, 2, 0, 4), orientation: 'horizontal', align: 'left' },
          regions: [R(0, 2, 4, 10)],
          photos: [],
          continuesOn: { page: 3 },
        },
      ],
    },
    {
      id: 'p3',
      number: 3,
      section: '社区',
      template: 'sikai',
      placements: [
        { article: 'a5', regions: [R(2, 2, 0, 30)], photos: [] },
        { article: 'a6', regions: [R(0, 2, 0, 10)], photos: [] },
      ],
    },
  );
  ed.comments = [
    {
      id: 'c1',
      article: 'a2',
      author: '张编辑',
      at: '2023-02-16T09:00:00.000Z',
      text: '核实图片说明',
      anchor: { block: 1, offset: 0, length: 2 },
    },
  ];
  const path = join(dir, 'day.banmian');
  const store = EditionStore.create(path, ed, { author: '李编辑', revisionInterval: 0 });
  // A second revision of a1, so history is more than the file's creation.
  const a1 = store.getArticle('a1');
  store.updateArticle('a1', [...a1.blocks, para('补充一段。')]);
  store.updateArticle('a1', [...a1.blocks, para('补充一段，又改了。')]);
  const edition = store.load();
  store.close();
  return { path, edition };
}

/** Writes straight into the file, as a faulty older version of the app once did. */
function corrupt(path: string, sql: (db: Database.Database) => void): void {
  const db = new Database(path);
  sql(db);
  db.close();
}

const placementsOf = (db: Database.Database, page: string) =>
  (
    db
      .prepare('SELECT data FROM placements WHERE page_id = ? ORDER BY position')
      .pluck()
      .all(page) as string[]
  ).map((d) => JSON.parse(d) as Placement);
const setPlacements = (db: Database.Database, page: string, list: unknown[]) => {
  db.prepare('DELETE FROM placements WHERE page_id = ?').run(page);
  list.forEach((p, i) =>
    db
      .prepare('INSERT INTO placements(page_id, position, article_id, data) VALUES (?, ?, ?, ?)')
      .run(page, i, (p as Placement).article ?? '', typeof p === 'string' ? p : JSON.stringify(p)),
  );
};

const broken: {
  name: string;
  make(db: Database.Database): void;
  refusal: RegExp;
  changes: RegExp[];
  check(ed: Edition): void;
}[] = [
  {
    name: 'a continued story’s second part dragged onto page 1 without its link',
    make: (db) =>
      setPlacements(db, 'p1', [
        ...placementsOf(db, 'p1'),
        { article: 'a5', regions: [R(3, 1, 60, 10)], photos: [] },
      ]),
    refusal: /稿件“a5”在第 1、2、3 版上，但这几部分没有用转版连成一篇/,
    changes: [/撤下第 1 版上稿件“a5”的重复位置/],
    check: (ed) => {
      expect(ed.pages[0].placements.some((p) => p.article === 'a5')).toBe(false);
      expect(ed.pages[1].placements[0].continuesOn).toEqual({ page: 3 });
    },
  },
  {
    name: 'a photo block naming an asset that is not in the file',
    make: (db) => {
      const blocks = JSON.parse(
        db.prepare("SELECT blocks FROM articles WHERE id = 'a3'").pluck().get() as string,
      );
      blocks.push({ type: 'photo', asset: 'deadbeef', children: [{ text: '现场照片' }] });
      db.prepare("UPDATE articles SET blocks = ? WHERE id = 'a3'").run(JSON.stringify(blocks));
    },
    refusal: /图片“deadbeef”不在本期中/,
    changes: [/稿件“a3”第 \d+ 段的图片“deadbeef”不在文件中，改为空图框/],
    check: (ed) => {
      const a3 = ed.articles.find((a) => a.id === 'a3')!;
      expect(a3.blocks.at(-1)).toEqual({ type: 'photo', asset: null, children: [{ text: '现场照片' }] });
    },
  },
  {
    name: 'an article placed twice without a chain, and a placement of an article that does not exist',
    make: (db) =>
      setPlacements(db, 'p3', [
        ...placementsOf(db, 'p3'),
        { article: 'a6', regions: [R(0, 2, 40, 10)], photos: [] },
        { article: 'ghost', regions: [R(0, 1, 60, 5)], photos: [] },
      ]),
    refusal: /稿件“a6”上了两次版，却没有用转版连起来/,
    changes: [/删去第 3 版上稿件“a6”的重复位置/, /删去第 3 版上的稿件位置：稿件“ghost”不在本期中/],
    check: (ed) => expect(ed.pages[2].placements.map((p) => p.article)).toEqual(['a5', 'a6']),
  },
  {
    name: 'a region whose column count is not a number, and one that is numeric text',
    make: (db) => {
      const list = placementsOf(db, 'p1');
      (list[0].regions[0] as unknown as Record<string, unknown>).cols = 'wide';
      (list[1].regions[0] as unknown as Record<string, unknown>).lines = '39';
      setPlacements(db, 'p1', list);
    },
    refusal: /cols 应为整数，却是 "wide"/,
    changes: [/删去无法读取的文字区 1/, /lines "39" 改为 39/],
    check: (ed) => {
      expect(ed.pages[0].placements[0].regions).toEqual([]);
      expect(ed.pages[0].placements[0].headline).toBeDefined();
      expect(ed.pages[0].placements[1].regions[0].lines).toBe(39);
    },
  },
  {
    name: 'a region inside the masthead and a photo frame off the grid',
    make: (db) => {
      const list = placementsOf(db, 'p1');
      list[0].regions[0] = { ...list[0].regions[0], line: 2 };
      const a2 = list.find((p) => p.article === 'a2')!;
      a2.photos[0].area = { ...a2.photos[0].area, col: 3, cols: 3 };
      setPlacements(db, 'p1', list);
    },
    refusal: /稿件“a1”的文字区 1：从第 3 行开始，伸进了报头（第 1–10 行）/,
    changes: [/第 1 版稿件“a1”的文字区 1：移入版心、报头之下/, /第 1 版稿件“a2”的图框 1：移入版心、报头之下/],
    check: (ed) => {
      expect(ed.pages[0].placements[0].regions[0].line).toBe(10);
      const frame = ed.pages[0].placements.find((p) => p.article === 'a2')!.photos[0].area;
      expect(frame.col + frame.cols).toBeLessThanOrEqual(4);
    },
  },
  {
    name: 'a link to a page the edition does not have, and unreadable placement data',
    make: (db) => {
      const list = placementsOf(db, 'p2');
      list[0].continuesOn = { page: 7 };
      setPlacements(db, 'p2', list);
      db.prepare(
        "INSERT INTO placements(page_id, position, article_id, data) VALUES ('p3', 9, 'a6', '{\"article\": \"a6\", \"regi')",
      ).run();
    },
    refusal: /Unexpected|JSON|本期没有第 7 版/,
    changes: [
      /删去一处无法读取的稿件位置/,
      /第 2 版稿件“a5”转第 7 版，但那里没有它的后续部分，已断开转版/,
      /撤下第 3 版上稿件“a5”的重复位置/,
    ],
    check: (ed) => {
      expect(ed.pages[1].placements[0].continuesOn).toBeUndefined();
      expect(ed.pages[2].placements.map((p) => p.article)).toEqual(['a6']);
    },
  },
];

describe('banmian edition repair', () => {
  for (const b of broken) {
    it(`${b.name}: layout refuses it clearly, repair gives a file that opens with everything intact`, async () => {
      const { path, edition: good } = goodFile();
      corrupt(path, b.make);
      const bytes = readFileSync(path);

      // Refused, and saying how to get out.
      const laid = await cli('layout', path, '--summary');
      expect(laid.code).toBe(3);
      expect(laid.err).toMatch(b.refusal);
      expect(laid.err).toMatch(/可以修复：banmian edition repair/);
      expect((await cli('edition', 'export', path, '-o', join(dir, 'x.json'))).code).toBe(3);

      const out = join(dir, 'fixed.banmian');
      const r = await cli('edition', 'repair', path, '-o', out, '--json');
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const report = JSON.parse(r.out) as {
        changes: { kind: string; message: string }[];
        revisions: number;
        articles: number;
      };
      for (const c of b.changes) expect(report.changes.map((x) => x.message).join('\n')).toMatch(c);
      // The damaged file was only read.
      expect(readFileSync(path).equals(bytes)).toBe(true);

      // The repaired file opens, lays out, and keeps every article, photo, comment and revision.
      const fixed = readEditionFile(out);
      b.check(fixed);
      expect(fixed.articles.map((a) => a.id)).toEqual(good.articles.map((a) => a.id));
      for (const a of good.articles) {
        const now = fixed.articles.find((x) => x.id === a.id)!;
        if (a.id !== 'a3') expect(now.blocks).toEqual(a.blocks);
      }
      expect(fixed.assets).toEqual(good.assets);
      expect(fixed.comments).toEqual(good.comments);
      const before = EditionStore.open(path, { readOnly: true });
      const after = EditionStore.open(out, { readOnly: true });
      for (const a of good.articles) expect(after.revisions(a.id)).toEqual(before.revisions(a.id));
      expect(report.revisions).toBe(
        before.connection.prepare('SELECT COUNT(*) FROM revisions').pluck().get() as number,
      );
      before.close();
      after.close();
      expect((await cli('layout', out, '--summary')).code).toBe(0);
    });
  }

  it('an article whose text cannot be read comes back from its last revision; the human list is in Chinese', async () => {
    const { path } = goodFile();
    const store = EditionStore.open(path, { readOnly: true });
    const last = store.revision(store.revisions('a1').at(-1)!.id);
    store.close();
    corrupt(path, (db) =>
      db.prepare("UPDATE articles SET blocks = '[{\"type\": \"para' WHERE id = 'a1'").run(),
    );
    expect(() => readEditionFile(path)).toThrow(/有数据无法读取.*可以修复/);
    const out = join(dir, 'fixed.banmian');
    const r = await cli('edition', 'repair', path, '-o', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/修复了 1 处：\n {2}- 稿件“a1”的正文无法读取，恢复为最近的历史版本/);
    expect(r.out).toMatch(/6 篇稿件，1 张图片，1 条批注/);
    expect(r.out).toMatch(/保持原样/);
    expect(readEditionFile(out).articles[0].blocks).toEqual(last.blocks);
  });

  it('refuses to write over the damaged file or an existing file, and says what is wrong with a file that is not an edition', async () => {
    const { path } = goodFile();
    expect((await cli('edition', 'repair', path, '-o', path)).err).toMatch(/就是要修复的文件/);
    writeFileSync(join(dir, 'taken.banmian'), 'x');
    const taken = await cli('edition', 'repair', path, '-o', join(dir, 'taken.banmian'));
    expect(taken.code).toBe(4);
    expect(readFileSync(join(dir, 'taken.banmian'), 'utf8')).toBe('x');
    writeFileSync(join(dir, 'notes.banmian'), 'hello');
    const bad = await cli('edition', 'repair', join(dir, 'notes.banmian'), '-o', join(dir, 'y.banmian'));
    expect(bad.code).toBe(3);
    expect(bad.err).toMatch(/not a Banmian edition/);
    expect(existsSync(join(dir, 'y.banmian'))).toBe(false);
    // A sound file repairs to a copy with no changes.
    const ok = repairEditionFile(path, join(dir, 'copy.banmian'));
    expect(ok.changes).toEqual([]);
    expect(() => repairEditionFile(path, join(dir, 'copy.banmian'))).toThrow(EditionFileError);
  });
});
