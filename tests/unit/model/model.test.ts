import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EDITION_SCHEMA_VERSION,
  EditionError,
  MIGRATIONS,
  migrateEdition,
  validateEdition,
} from '../../../engine/model';
import { projectRoot } from '../../../electron/services/paths';
import { SAMPLE_EDITION_FILE, loadSampleEdition } from '../../../electron/services/sample';
import { samplePageArticles } from '../../support/sample-page';

const sampleRaw = JSON.parse(readFileSync(join(projectRoot(), SAMPLE_EDITION_FILE), 'utf8'));

function problems(change: (e: Record<string, any>) => void): string[] {
  const e = structuredClone(sampleRaw);
  change(e);
  try {
    validateEdition(e, 'sample.json');
  } catch (err) {
    expect(err).toBeInstanceOf(EditionError);
    return (err as EditionError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  return [];
}

describe('the built-in sample edition', () => {
  it('is the district page: 徐汇报 of 2023-02-17, page 1 要闻 on the 四开 template, four articles and the photo', () => {
    const e = loadSampleEdition();
    expect(e.paper.name).toBe('徐汇报');
    expect(e.date).toBe('2023-02-17');
    expect(e.pages).toHaveLength(1);
    expect(e.pages[0]).toMatchObject({ number: 1, section: '要闻', template: 'sikai' });
    expect(e.articles.map((a) => a.id)).toEqual(['a1', 'a2', 'a3', 'a4']);
    const a1 = e.articles[0];
    expect(a1.blocks.map((b) => b.type)).toEqual([
      'headline',
      'subhead',
      'dateline',
      'paragraph',
      'paragraph',
      'paragraph',
      'paragraph',
      'paragraph',
      'paragraph',
    ]);
    expect(e.articles[1].blocks[0]).toMatchObject({ type: 'photo', asset: e.assets[0].id });
    expect(e.assets[0]).toMatchObject({ mime: 'image/png', colorSpace: 'gray' });
    // The photo is really there: a PNG of the size the asset says.
    const png = Buffer.from(e.assets[0].data, 'base64');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(e.assets[0].pixelWidth);
    expect(png.readUInt32BE(20)).toBe(e.assets[0].pixelHeight);
  });

  it('carries the sample content word for word', () => {
    const e = loadSampleEdition();
    for (const a of samplePageArticles()) {
      const ours = e.articles.find((x) => x.id === a.id)!;
      const paras = ours.blocks
        .filter((b) => b.type === 'paragraph')
        .map((b) => b.children.map((l) => l.text).join(''));
      expect(paras).toEqual(a.paragraphs);
      // The editor's soft line breaks in a headline are layout, not copy.
      if (a.headline)
        expect(ours.blocks.find((b) => b.type === 'headline')!.children[0].text.replace(/\n/g, '')).toBe(
          a.headline,
        );
    }
  });

  it('returns a fresh copy each time: an editor changing one does not change the next', () => {
    const a = loadSampleEdition();
    a.articles[0].blocks.length = 0;
    expect(loadSampleEdition().articles[0].blocks.length).toBeGreaterThan(0);
  });
});

describe('edition validation names each problem by its path', () => {
  it('accepts the sample and keeps what it does not use itself (styles, comments)', () => {
    expect(problems(() => {})).toEqual([]);
    const e = structuredClone(sampleRaw);
    e.styles = { 正文: { size: '五号' } };
    e.comments = [{ id: 'c1', article: 'a1', author: '编辑', at: '2023-02-16T10:00:00Z', text: '核对人名' }];
    const v = validateEdition(e);
    expect(v.styles).toEqual(e.styles);
    expect(v.comments).toEqual(e.comments);
  });

  it('refuses placements of articles the edition does not have, and an article placed twice', () => {
    expect(
      problems((e) => {
        e.pages[0].placements[0].article = 'zz';
      }),
    ).toContain('pages[0].placements[0].article: names the article "zz", which the edition does not have');
    expect(
      problems((e) => {
        e.pages[0].placements[1].article = 'a1';
      })[0],
    ).toMatch(/^pages\[0\].placements\[1\].article: "a1" is already placed at pages\[0\].placements\[0\]/);
  });

  it('refuses bad grid rects, bad dates, photo frames on non-photo blocks and unknown assets', () => {
    expect(
      problems((e) => {
        e.pages[0].placements[0].regions[0].cols = 0;
      }),
    ).toEqual(['pages[0].placements[0].regions[0].cols: must be between 1 and 9007199254740991, got 0']);
    expect(
      problems((e) => {
        e.date = '2023-02-30';
      }),
    ).toEqual(['date: "2023-02-30" is not a date written YYYY-MM-DD']);
    const a2 = sampleRaw.pages[0].placements.findIndex((p: { article: string }) => p.article === 'a2');
    expect(
      problems((e) => {
        e.pages[0].placements[a2].photos[0].block = 1;
      }),
    ).toEqual([`pages[0].placements[${a2}].photos[0].block: block 1 of "a2" is not a photo`]);
    expect(
      problems((e) => {
        e.articles[1].blocks[0].asset = 'feed';
      }),
    ).toEqual(['articles[1].blocks[0].asset: names the asset "feed", which the edition does not have']);
    expect(
      problems((e) => {
        e.articles[0].blocks[0].type = 'title';
      })[0],
    ).toMatch(/^articles\[0\].blocks\[0\].type: must be one of kicker, headline/);
  });

  it('fills what a hand-written file may leave out: photos, status, slug, the Slate leaf of an empty block', () => {
    const e = structuredClone(sampleRaw);
    delete e.pages[0].placements[0].photos;
    delete e.articles[0].status;
    delete e.articles[0].slug;
    e.articles[0].blocks[0].children = [];
    const v = validateEdition(e);
    expect(v.pages[0].placements[0].photos).toEqual([]);
    expect(v.articles[0].status).toBe('draft');
    expect(v.articles[0].blocks[0].children).toEqual([{ text: '' }]);
    expect(v.articles[0].slug).toBe('a1');
  });
});

describe('schema migrations', () => {
  it('reads the first schema version as current, and refuses a newer or missing one without touching it', () => {
    expect(EDITION_SCHEMA_VERSION).toBe(1);
    expect(migrateEdition(structuredClone(sampleRaw))).toEqual(sampleRaw);
    expect(
      problems((e) => {
        e.schemaVersion = 7;
      }),
    ).toEqual([
      'schemaVersion: the edition was written by a newer Banmian (schema 7; this one reads up to 1); it is left untouched',
    ]);
    expect(
      problems((e) => {
        delete e.schemaVersion;
      }),
    ).toEqual(['schemaVersion: is missing: this does not look like a Banmian edition']);
    expect(
      problems((e) => {
        e.schemaVersion = '1';
      }),
    ).toEqual(['schemaVersion: "1" is not a schema version']);
    expect(Object.keys(MIGRATIONS)).toEqual([]);
  });

  it("walks a document up the chain from version 1, step by step, leaving the caller's copy as it was", () => {
    const steps = {
      1: (d: Record<string, any>) => ({ ...d, paper: { ...d.paper, title: d.paper.name } }),
      2: (d: Record<string, any>) => {
        delete d.paper.name;
        return d;
      },
    };
    const before = structuredClone(sampleRaw);
    const out = migrateEdition(before, steps, 3) as Record<string, any>;
    expect(out.schemaVersion).toBe(3);
    expect(out.paper).toEqual({ title: '徐汇报' });
    expect(before).toEqual(sampleRaw);
    expect(() => migrateEdition(before, { 1: steps[1] }, 3)).toThrow('no migration from schema 2 to 3');
  });
});
