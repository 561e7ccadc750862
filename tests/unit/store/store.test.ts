import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  EditionStore,
  EditionFileError,
  EditError,
  createDatabase,
  SCHEMA_VERSION,
  readEditionFile,
  checkEditionFile,
} from '../../../electron/services/store';
import { makeEdition, pseudoBytes } from '../../support/generated-edition';
import type { Block } from '../../../engine/model/types';
import { validateEdition } from '../../../engine/model/validate';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'banmian-store-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const para = (text: string): Block => ({ type: 'paragraph', children: [{ text }] });

describe('edition file', () => {
  it('round-trips a whole edition: what is written is what is read, after closing and reopening', () => {
    const ed = makeEdition({ pages: 4, articles: 12, photos: 3 });
    ed.styles = { 正文: { size: '小五', face: 'noto-serif-sc-400' } };
    ed.comments = [
      {
        id: 'c1',
        article: 'a2',
        author: '张编辑',
        at: '2023-02-16T09:00:00.000Z',
        text: '核实人名',
        anchor: { block: 3, offset: 4, length: 3 },
      },
    ];
    EditionStore.create(join(dir, 'x.banmian'), ed).close();
    const back = readEditionFile(join(dir, 'x.banmian'));
    expect(back.articles.map((a) => a.blocks)).toEqual(ed.articles.map((a) => a.blocks));
    expect(back.pages).toEqual(ed.pages);
    expect(back.assets).toEqual(ed.assets);
    expect(back.styles).toEqual(ed.styles);
    expect(back.comments).toEqual(ed.comments);
    expect(back).toEqual(validateEdition(ed));
    // A closed edition is one self-contained file, ready to be mailed.
    expect(existsSync(join(dir, 'x.banmian-wal'))).toBe(false);
  });

  it('acknowledges each edit after commit with a growing sequence number, and keeps it across reopening', () => {
    const path = join(dir, 'x.banmian');
    const store = EditionStore.create(path, makeEdition({ pages: 1, articles: 2, photos: 0 }));
    const a1 = store.updateArticle('a1', [para('第一稿')]);
    const a2 = store.updateArticle('a1', [para('第二稿')]);
    expect(a2.seq).toBe(a1.seq + 1);
    // Another connection sees the committed edit while the editor still has the file open.
    const other = new Database(path, { readonly: true });
    expect(
      JSON.parse(
        (other.prepare("SELECT blocks FROM articles WHERE id = 'a1'").get() as { blocks: string }).blocks,
      )[0].children[0].text,
    ).toBe('第二稿');
    other.close();
    store.close();
    const again = EditionStore.open(path);
    expect(again.getArticle('a1').blocks).toEqual([para('第二稿')]);
    expect(again.getArticle('a1').slug).toBe('第二稿');
    expect(again.editSeq).toBe(a2.seq);
    again.close();
  });

  it('applies a batch of edits as one transaction: one bad edit and nothing changes', () => {
    const store = EditionStore.create(
      join(dir, 'x.banmian'),
      makeEdition({ pages: 2, articles: 3, photos: 0 }),
    );
    const before = store.load();
    const seq = store.editSeq;
    expect(() =>
      store.applyEdit([
        { op: 'updateArticle', id: 'a1', blocks: [para('改了')] },
        { op: 'setArticleStatus', id: 'a2', status: 'final' },
        { op: 'updateArticle', id: 'a3', blocks: [{ type: 'poem', children: [] } as unknown as Block] },
      ]),
    ).toThrow(/a3.*unknown block type "poem"/);
    expect(store.load()).toEqual(before);
    expect(store.editSeq).toBe(seq);
    expect(() => store.applyEdit({ op: 'removeArticle', id: 'a1' })).toThrow(EditError);
    expect(() => store.applyEdit({ op: 'removeArticle', id: 'a1' })).toThrow(/placed on page 1/);
    store.close();
  });

  it('edits pages, placements, styles and comments', () => {
    let store = EditionStore.create(
      join(dir, 'x.banmian'),
      makeEdition({ pages: 2, articles: 4, photos: 0 }),
    );
    const pl = store.load().pages[0].placements[0];
    store.applyEdit([
      {
        op: 'setPlacement',
        page: 'p1',
        index: 0,
        placement: { ...pl, regions: [{ col: 0, cols: 4, line: 13, lines: 30 }] },
      },
      {
        op: 'addPage',
        page: { id: 'p0', number: 9, section: '封面', template: 'sikai', placements: [] },
        position: 0,
      },
      { op: 'updatePage', id: 'p2', section: '社区' },
      { op: 'setEditionInfo', issue: 8, paper: { name: '徐汇报', serial: 'CN 31-0000' } },
      { op: 'setStyle', name: '主题', style: { size: '一号' } },
      { op: 'addComment', comment: { article: 'a1', text: '标题太长' } },
    ]);
    const ed = store.load();
    expect(ed.pages.map((p) => p.id)).toEqual(['p0', 'p1', 'p2']);
    expect(ed.pages[1].placements[0].regions).toEqual([{ col: 0, cols: 4, line: 13, lines: 30 }]);
    expect(ed.pages[2].section).toBe('社区');
    expect(ed.issue).toBe(8);
    expect(ed.paper.serial).toBe('CN 31-0000');
    expect(ed.styles).toEqual({ 主题: { size: '一号' } });
    const [c] = store.comments('a1');
    expect(c.text).toBe('标题太长');
    store.applyEdit({ op: 'resolveComment', id: c.id, resolved: true });
    expect(store.comments('a1')[0].resolved).toBe(true);
    // A comment keeps where it stands: its words, or — once they were all cut — the quote of them.
    store.applyEdit([
      {
        op: 'addComment',
        comment: { id: 'k1', article: 'a2', text: '核实数字', anchor: { block: 1, offset: 3, length: 4 } },
      },
      {
        op: 'addComment',
        comment: {
          id: 'k2',
          article: 'a2',
          text: '这句删了？',
          detached: { block: 1, offset: 7, quote: '二〇二三年' },
        },
      },
    ]);
    store.close();
    const again = EditionStore.open(join(dir, 'x.banmian'));
    expect(again.comments('a2').map(({ id, anchor, detached }) => ({ id, anchor, detached }))).toEqual([
      { id: 'k1', anchor: { block: 1, offset: 3, length: 4 }, detached: undefined },
      { id: 'k2', anchor: undefined, detached: { block: 1, offset: 7, quote: '二〇二三年' } },
    ]);
    store = again;
    store.applyEdit({ op: 'removePage', id: 'p0' });
    expect(store.load().pages.map((p) => p.number)).toEqual([1, 2]);
    expect(validateEdition(store.load()).pages).toHaveLength(2);
    store.close();
  });

  it('stores each photo once, addressed by its content hash', () => {
    const store = EditionStore.create(
      join(dir, 'x.banmian'),
      makeEdition({ pages: 1, articles: 1, photos: 0 }),
    );
    const bytes = pseudoBytes(50_000, 3);
    const id1 = store.putAsset({
      bytes,
      mime: 'image/jpeg',
      pixelWidth: 10,
      pixelHeight: 10,
      colorSpace: 'rgb',
    });
    const id2 = store.putAsset({
      bytes: bytes.slice(),
      mime: 'image/jpeg',
      pixelWidth: 10,
      pixelHeight: 10,
      colorSpace: 'rgb',
    });
    expect(id1).toBe(id2);
    expect(id1).toMatch(/^[0-9a-f]{64}$/);
    expect(store.connection.prepare('SELECT COUNT(*) FROM blobs').pluck().get()).toBe(1);
    expect(store.load({ photoData: false }).assets.find((a) => a.id === id1)).toEqual({
      id: id1,
      mime: 'image/jpeg',
      pixelWidth: 10,
      pixelHeight: 10,
      colorSpace: 'rgb',
      data: '',
    });
    expect(Buffer.compare(store.assetBytes(id1), Buffer.from(bytes))).toBe(0);
    store.close();
  });

  it('Save As writes a complete, compact copy and leaves the original open', () => {
    const store = EditionStore.create(
      join(dir, 'x.banmian'),
      makeEdition({ pages: 2, articles: 5, photos: 2 }),
    );
    store.updateArticle('a1', [para('另存前的修改')]);
    store.saveAs(join(dir, 'copy.banmian'));
    expect(() => store.saveAs(join(dir, 'copy.banmian'))).toThrow(/already exists/);
    const copy = EditionStore.open(join(dir, 'copy.banmian'));
    expect(copy.load()).toEqual(store.load());
    copy.close();
    store.close();
  });

  it('refuses to create over an existing file, and leaves nothing behind when the edition is invalid', () => {
    const path = join(dir, 'x.banmian');
    writeFileSync(path, 'precious');
    expect(() => EditionStore.create(path, makeEdition({ pages: 1, articles: 1, photos: 0 }))).toThrow(
      /already exists/,
    );
    expect(readFileSync(path, 'utf8')).toBe('precious');
    const bad = makeEdition({ pages: 1, articles: 1, photos: 0 });
    bad.pages[0].placements[0].article = 'nobody';
    expect(() => EditionStore.create(join(dir, 'y.banmian'), bad)).toThrow(
      /names the article "nobody", which the edition does not have/,
    );
    expect(existsSync(join(dir, 'y.banmian'))).toBe(false);
  });
});

describe('refusing files that are not editions we can open', () => {
  function refused(path: string, problem: string, message: RegExp) {
    const before = existsSync(path) ? readFileSync(path) : null;
    const mtime = existsSync(path) ? statSync(path).mtimeMs : 0;
    let err: unknown;
    try {
      EditionStore.open(path).close();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EditionFileError);
    expect((err as EditionFileError).problem).toBe(problem);
    expect((err as Error).message).toMatch(message);
    if (before) {
      expect(Buffer.compare(readFileSync(path), before)).toBe(0);
      expect(statSync(path).mtimeMs).toBe(mtime);
    }
  }

  it('a missing file, an empty file, a text file, a JSON file', () => {
    refused(join(dir, 'none.banmian'), 'missing', /does not exist/);
    writeFileSync(join(dir, 'empty.banmian'), '');
    refused(join(dir, 'empty.banmian'), 'empty', /empty file/);
    writeFileSync(join(dir, 'story.banmian'), '本报讯 2月15日，徐汇区……');
    refused(join(dir, 'story.banmian'), 'not-edition', /not a Banmian edition.*not a SQLite database/);
    writeFileSync(join(dir, 'e.banmian'), '{"id": "x"}');
    refused(join(dir, 'e.banmian'), 'not-edition', /JSON/);
  });

  it("another program's SQLite database", () => {
    const db = new Database(join(dir, 'other.db'));
    db.exec('CREATE TABLE t(x); INSERT INTO t VALUES (1);');
    db.close();
    refused(join(dir, 'other.db'), 'not-edition', /SQLite database but not a Banmian edition/);
  });

  it('an edition from a newer Banmian', () => {
    const path = join(dir, 'future.banmian');
    EditionStore.create(path, makeEdition({ pages: 1, articles: 1, photos: 0 })).close();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    refused(
      path,
      'newer',
      new RegExp(
        `newer version of Banmian \\(edition format ${SCHEMA_VERSION + 1}; this version reads up to ${SCHEMA_VERSION}\\)`,
      ),
    );
  });

  it('a damaged edition', () => {
    const path = join(dir, 'broken.banmian');
    EditionStore.create(path, makeEdition({ pages: 4, articles: 30, photos: 2 })).close();
    const bytes = readFileSync(path);
    // Scribble over the middle of the file, as a failing disk or a bad copy would.
    for (let i = 4096 * 3; i < 4096 * 6; i++) bytes[i] = (i * 31) & 0xff;
    writeFileSync(path, bytes);
    refused(path, 'corrupt', /damaged/);
  });
});

describe('migrations', () => {
  it('opens a file of the first schema version, upgrades it and keeps its content', () => {
    const path = join(dir, 'v1.banmian');
    const db = createDatabase(path, 1);
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
    db.prepare('INSERT INTO pages VALUES (?, ?, ?, ?, ?)').run('p1', 0, 1, '要闻', 'duikai');
    db.prepare('INSERT INTO articles VALUES (?, ?, ?, ?, ?)').run(
      'a1',
      0,
      '旧稿',
      'edited',
      JSON.stringify([para('去年的稿子')]),
    );
    db.prepare('INSERT INTO placements VALUES (?, ?, ?, ?)').run(
      'p1',
      0,
      'a1',
      JSON.stringify({ article: 'a1', regions: [{ col: 0, cols: 2, line: 13, lines: 20 }], photos: [] }),
    );
    db.close();
    // Read-only, it is brought up to date in memory only: the file stays as it was.
    const ro = EditionStore.open(path, { readOnly: true });
    expect(ro.schemaVersion).toBe(SCHEMA_VERSION);
    expect(ro.load().articles[0].slug).toBe('旧稿');
    ro.close();
    expect(checkEditionFile(path).schemaVersion).toBe(1);

    const store = EditionStore.open(path, { author: '李编辑' });
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
    const ed = store.load();
    expect(ed.id).toBe('old');
    expect(ed.articles[0]).toEqual({
      id: 'a1',
      slug: '旧稿',
      status: 'edited',
      blocks: [para('去年的稿子')],
    });
    expect(ed.pages[0].placements[0].article).toBe('a1');
    // What version 2 added works on the upgraded file.
    store.updateArticle('a1', [para('今年的稿子')]);
    expect(store.revisions('a1').map((r) => r.chars)).toEqual([5]);
    store.applyEdit({ op: 'addComment', comment: { article: 'a1', text: '可以' } });
    store.close();
    expect(EditionStore.open(path, { readOnly: true }).schemaVersion).toBe(SCHEMA_VERSION);
  });
});
