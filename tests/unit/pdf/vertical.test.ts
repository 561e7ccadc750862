// A 竖排 story in print: the built-in sample 副刊 page (`fukan`: a story set in vertical columns right
// to left under a 竖题, round a photo in the foot of its columns, a horizontal one below it) exported to PDF reads in
// reading order with pdftotext -raw, and embeds only the faces the page asks for.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DisplayList, GlyphRun } from '../../../engine/display/types';
import type { Edition } from '../../../engine/model/types';
import { layoutEdition } from '../../../engine/layout';
import { loadFontSet } from '../../../electron/services/fonts';
import { loadSampleEdition } from '../../../electron/services/sample';
import { exportPdf } from '../../../electron/services/pdf';
import { loadTemplates } from '../../../electron/services/templates';
import { pdffonts, pdftotext } from '../../support/pdf-tools';

let edition: Edition;
let pdf: Buffer;
let list: DisplayList;

beforeAll(async () => {
  edition = loadSampleEdition('fukan');
  list = layoutEdition(edition, { fonts: loadFontSet(), templates: loadTemplates() });
  expect(list.pages[0].fits.every((f) => f.oversetChars === 0)).toBe(true);
  pdf = await exportPdf(list, edition, { preset: 'print-x1a', exportTime: new Date('2026-12-01T00:00:00Z') });
});

describe('the 副刊 page with a 竖排 story, in print', () => {
  it('pdftotext -raw reads the vertical story in order: its 竖题, then each paragraph whole, then the next story', () => {
    const raw = pdftotext(pdf, 1, true).replace(/\n/g, '');
    const [vertical, horizontal] = edition.articles;
    const texts = (i: number) =>
      edition.articles[i].blocks.map((b) => b.children.map((c) => c.text).join(''));
    let at = raw.indexOf(texts(0)[0]); // the 竖题
    expect(at, vertical.id).toBeGreaterThanOrEqual(0);
    at += texts(0)[0].length;
    expect(raw.slice(at, at + 3)).toBe(texts(0)[1]); // the dateline, run in
    for (const t of texts(0).slice(2)) {
      // paragraphs, after the dateline
      const i = raw.indexOf(t, at);
      expect(i, t.slice(0, 16)).toBeGreaterThanOrEqual(at);
      expect(i - at, t.slice(0, 16)).toBeLessThan(12); // nothing else between the paragraphs
      at = i + t.length;
    }
    expect(raw.indexOf(texts(1)[1]), horizontal.id).toBeGreaterThan(at);
  });

  it('gives each column of the vertical story as one extracted line, its 纵中横 numbers and rotated words in place', () => {
    const raw = pdftotext(pdf, 1, true).split('\n');
    const columns = new Map<number, GlyphRun['glyphs']>();
    for (const r of list.pages[0].items) {
      if (r.kind !== 'glyphs' || !r.vertical || r.role !== 'body' || r.glyphs[0]?.src.article !== 'f1')
        continue;
      columns.set(r.x, [...(columns.get(r.x) ?? []), ...r.glyphs]);
    }
    expect(columns.size).toBeGreaterThan(20);
    for (const glyphs of columns.values()) {
      const text = glyphs
        .sort((p, q) => p.src.block - q.src.block || p.src.offset - q.src.offset)
        .map((g) => g.text)
        .join('');
      expect(
        raw.some((l) => l.replace(/^本报讯 /, '') === text),
        text,
      ).toBe(true);
    }
  });

  it('embeds only the expected faces, as subsets with Unicode maps', () => {
    const fonts = pdffonts(pdf);
    for (const f of fonts) {
      expect(f.name.replace(/^[A-Z]{6}\+/, ''), f.name).toMatch(
        /^Noto(Serif|Sans)SC-(Regular|Medium|Bold|Black)$/,
      );
      expect(f.emb && f.sub && f.uni, f.name).toBe(true);
    }
    expect(fonts.length).toBeLessThanOrEqual(5);
  });
});
