import { beforeAll, describe, expect, it } from 'vitest';
import type { DisplayList, DisplayPage, GlyphRun } from '../../../engine/display/types';
import { mmToPt } from '../../../engine/units';
import { exportPdf, PreflightRefusal } from '../../../electron/services/pdf';
import { generateNewsprintProfile, newsprintProfile } from '../../../electron/services/pdf/icc';
import { layoutEdition } from '../../../engine/layout';
import type { Edition } from '../../../engine/model/types';
import { loadFontSet } from '../../../electron/services/fonts';
import { loadSampleEdition } from '../../../electron/services/sample';
import { loadTemplates } from '../../../electron/services/templates';
import { sampleDisplayList, sampleEdition, samplePage } from '../../support/sample-edition';
import {
  box,
  inkcov,
  pdffonts,
  pdfinfo,
  pdftotext,
  qpdfCheck,
  qpdfObjects,
  renderCmyk,
} from '../../support/pdf-tools';

const TIME = new Date('2023-02-16T13:30:00Z');
const edition = sampleEdition(2);
let list: DisplayList;
/** The built-in sample edition, laid out by the real layout engine. */
let sample: Edition;
let sampleList: DisplayList;
let sampleX1a: Buffer;
let x1a: Buffer;
let x4: Buffer;
let proof: Buffer;

const squash = (s: string) => s.replace(/[\s\u3000]/g, '');

const layOut = (e: Edition) => layoutEdition(e, { fonts: loadFontSet(), templates: loadTemplates() });

beforeAll(async () => {
  sample = loadSampleEdition();
  sampleList = layOut(sample);
  sampleX1a = await exportPdf(sampleList, sample, { preset: 'print-x1a', exportTime: TIME });
  list = sampleDisplayList(2);
  x1a = await exportPdf(list, edition, { preset: 'print-x1a', exportTime: TIME });
  x4 = await exportPdf(list, edition, { preset: 'print-x4', exportTime: TIME, pages: [1] });
  proof = await exportPdf(list, edition, {
    preset: 'proof',
    exportTime: TIME,
    pages: [1],
    comments: [
      {
        id: 'c1',
        article: 'a1',
        author: '王编辑',
        at: '2023-02-16T10:00:00Z',
        text: '核对活动名称',
        anchor: { block: 1, offset: 10, length: 8 },
      },
      { id: 'c2', article: 'a3', author: '李校对', at: '2023-02-16T10:05:00Z', text: '标题再短些' },
    ],
  });
});

describe('print PDF as the plant checks it', () => {
  it('embeds every font as a subset with a Unicode map', () => {
    const fonts = pdffonts(sampleX1a);
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    for (const f of fonts) {
      expect(f, f.name).toMatchObject({ emb: true, sub: true, uni: true, encoding: 'Identity-H' });
      expect(f.name).toMatch(/^[A-Z]{6}\+Noto/);
    }
  });

  it('gives back the whole sample text, each article’s blocks in reading order', () => {
    // Content-stream order is reading order: the painter writes runs in display-list order.
    // (poppler's default mode guesses columns from gaps; a 1-字 gutter defeats the guess.)
    const text = squash(pdftotext(sampleX1a, 1, true));
    let blocks = 0;
    for (const a of sample.articles) {
      let at = 0;
      for (const b of a.blocks) {
        const t = squash(b.children.map((c) => c.text).join(''));
        if (!t) continue;
        const i = text.indexOf(t, at);
        expect(i, `${a.id}: ${t.slice(0, 20)}`).toBeGreaterThanOrEqual(at);
        at = i + t.length;
        blocks++;
      }
    }
    expect(blocks).toBeGreaterThan(20);
  });

  it('sets MediaBox = trim + bleed + slug, with TrimBox and a 3 mm BleedBox on every page', () => {
    const info = pdfinfo(x1a);
    expect(info['PDF version']).toBe('1.4');
    expect(info['PDF subtype']).toBe('PDF/X-1a:2003');
    expect(info.Pages).toBe('2');
    const page = list.pages[0];
    const trim = box(info.TrimBox),
      bleed = box(info.BleedBox),
      media = box(info.MediaBox);
    expect(trim[2] - trim[0]).toBeCloseTo(page.width, 1);
    expect(trim[3] - trim[1]).toBeCloseTo(page.height, 1);
    expect(trim[0] - bleed[0]).toBeCloseTo(mmToPt(3), 1);
    expect(bleed[0] - media[0]).toBeGreaterThan(mmToPt(10)); // room for marks and the slug line
    const pages = Object.values(qpdfObjects(x1a)).filter(
      (o) => (o.value as Record<string, unknown> | undefined)?.['/Type'] === '/Page',
    );
    expect(pages).toHaveLength(2);
    for (const p of pages)
      expect(Object.keys(p.value as object)).toEqual(expect.arrayContaining(['/TrimBox', '/BleedBox']));
  });

  it('carries the PDF/X-1a identification, output intent and trailer ID', () => {
    const objects = qpdfObjects(x1a);
    const values = Object.values(objects).map((o) => o.value as Record<string, unknown> | undefined);
    const info = values.find((v) => v?.['/GTS_PDFXVersion'])!;
    expect(info['/GTS_PDFXVersion']).toBe('u:PDF/X-1a:2003');
    expect(info['/GTS_PDFXConformance']).toBe('u:PDF/X-1a:2003');
    expect(info['/Trapped']).toBe('/False');
    expect(info['/ModDate']).toBe('u:D:20230216133000Z');
    expect(info['/Title']).toBe('u:徐汇报 2023-02-16 第7期 2版');
    const catalog = values.find((v) => v?.['/Type'] === '/Catalog')!;
    expect(catalog['/OutputIntents']).toHaveLength(1);
    const intent = objects[`obj:${(catalog['/OutputIntents'] as string[])[0]}`].value as Record<
      string,
      unknown
    >;
    expect(intent).toMatchObject({ '/S': '/GTS_PDFX', '/OutputConditionIdentifier': 'u:IFRA26' });
    const profile = objects[`obj:${intent['/DestOutputProfile']}`].stream!.dict;
    expect(profile['/N']).toBe(4);
    expect(x1a.toString('latin1')).toMatch(/\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/);
    // Nothing a PDF/X-1a checker rejects: no annotations, no transparency, no base-14 fonts.
    const all = JSON.stringify(objects);
    expect(all).not.toMatch(/"\/Annots"|"\/SMask"|"\/ca"|"\/CA"|Helvetica|"\/UserUnit"/);
  });

  it('identifies PDF/X-4 in the XMP packet as well', () => {
    expect(pdfinfo(x4)['PDF subtype']).toBe('PDF/X-4');
    expect(pdfinfo(x4)['PDF version']).toBe('1.6');
    const xmp = x4.toString('utf8');
    expect(xmp).toContain('<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>');
    expect(xmp).toContain('<pdf:Trapped>False</pdf:Trapped>');
    expect(xmp).toContain('<xmp:ModifyDate>2023-02-16T13:30:00Z</xmp:ModifyDate>');
  });

  it('prints a text-only page in black ink alone', async () => {
    for (const [c, m, y, k] of inkcov(x1a)) {
      expect([c, m, y]).toEqual([0, 0, 0]);
      expect(k).toBeGreaterThan(0.02);
    }
    // The sample page's text is black only too once its red masthead and photo are taken away.
    const textOnly = {
      ...sampleList,
      pages: sampleList.pages.map((p) => ({
        ...p,
        items: p.items.filter(
          (i) =>
            i.kind === 'glyphs' &&
            i.role !== 'master' &&
            i.color.k === 100 &&
            i.color.c + i.color.m + i.color.y === 0,
        ),
      })),
    };
    const pdf = await exportPdf(textOnly, sample, { preset: 'print-x1a', exportTime: TIME });
    for (const [c, m, y, k] of inkcov(pdf)) {
      expect([c, m, y]).toEqual([0, 0, 0]);
      expect(k).toBeGreaterThan(0.02);
    }
  });

  it('overprints black text on a tint and knocks out where the list says so', async () => {
    const page = samplePage(1);
    const lines = page.items
      .filter((i): i is GlyphRun => i.kind === 'glyphs' && i.role === 'body')
      .slice(2, 4);
    page.items = [
      {
        kind: 'box',
        x: lines[0].x - 4,
        y: lines[0].y - 20,
        w: 170,
        h: 40,
        fill: { c: 100, m: 0, y: 0, k: 0 },
        overprint: false,
        role: 'tint',
      },
      { ...lines[0], overprint: true },
      { ...lines[1], overprint: false },
    ];
    const pdf = await exportPdf({ ...list, pages: [page] }, edition, {
      preset: 'print-x1a',
      exportTime: TIME,
    });
    const dpi = 150,
      s = dpi / 72;
    const r = renderCmyk(pdf, dpi);
    const plates = (run: GlyphRun) => {
      let cyanHoles = 0,
        black = 0;
      for (let y = Math.round((run.y - 7) * s); y < Math.round((run.y + 1) * s); y++) {
        for (let x = Math.round(run.x * s); x < Math.round((run.x + 150) * s); x++) {
          const i = (y * r.width + x) * 4;
          if (r.data[i] < 128) cyanHoles++;
          if (r.data[i + 3] > 128) black++;
        }
      }
      return { cyanHoles, black };
    };
    const over = plates(lines[0]),
      knock = plates(lines[1]);
    expect(over.black).toBeGreaterThan(300);
    expect(over.cyanHoles).toBe(0);
    expect(knock.cyanHoles).toBeGreaterThan(300);
  });

  it('passes qpdf --check', () => {
    for (const pdf of [sampleX1a, x1a, x4, proof])
      expect(qpdfCheck(pdf)).toMatch(/No syntax or stream encoding errors/);
  });

  it('is byte-identical for identical input and export time, and not otherwise', async () => {
    const again = await exportPdf(layOut(loadSampleEdition()), loadSampleEdition(), {
      preset: 'print-x1a',
      exportTime: TIME,
    });
    expect(again.equals(sampleX1a)).toBe(true);
    const later = await exportPdf(sampleList, sample, {
      preset: 'print-x1a',
      exportTime: new Date(TIME.getTime() + 60_000),
    });
    expect(later.equals(sampleX1a)).toBe(false);
  });

  it('keeps the sample page under 250 KB with all its faces and photo', () => {
    expect(sampleX1a.length).toBeLessThan(250 * 1024);
  });

  it('writes the slug line with paper, page and export time outside the trim', () => {
    const text = pdftotext(x1a, 2);
    expect(text).toMatch(
      /徐汇报 2023-02-16 第7期 第2版 综合新闻\s+PDF\/X-1a\s+导出 2023-02-16 \d\d:\d\d:00 UTC[+-]\d\d:\d\d/,
    );
  });
});

describe('proof PDF', () => {
  it('has trim-size pages marked 校样 and no print boxes beyond the trim', () => {
    const info = pdfinfo(proof);
    const media = box(info.MediaBox);
    expect(media[2]).toBeCloseTo(list.pages[0].width, 1);
    expect(info['PDF subtype']).toBeUndefined();
    expect(pdftotext(proof)).toContain('校样');
  });

  it('carries editors’ comments as annotations with appearance streams', () => {
    const objects = Object.values(qpdfObjects(proof)).map(
      (o) => o.value as Record<string, unknown> | undefined,
    );
    const annots = objects.filter((v) => v?.['/Type'] === '/Annot');
    expect(annots.map((a) => a!['/Subtype']).sort()).toEqual(['/Highlight', '/Text']);
    for (const a of annots) expect(a!['/AP']).toHaveProperty('/N');
    const hl = annots.find((a) => a!['/Subtype'] === '/Highlight')!;
    expect(hl['/Contents']).toBe('u:核对活动名称');
    expect(hl['/T']).toBe('u:王编辑');
    expect((hl['/QuadPoints'] as number[]).length % 8).toBe(0);
  });
});

describe('refusals', () => {
  const overset = (): DisplayPage => ({
    ...samplePage(1),
    fits: [
      {
        article: 'a1',
        linesUsed: 10,
        linesAvailable: 10,
        oversetLines: 3,
        oversetChars: 40,
        undersetLines: 0,
        oversetText: '未排入的文字',
      },
    ],
  });

  it('refuses to print a page with overset text unless forced', async () => {
    const dl = { ...list, pages: [overset()] };
    await expect(exportPdf(dl, edition, { preset: 'print-x1a', exportTime: TIME })).rejects.toBeInstanceOf(
      PreflightRefusal,
    );
    await expect(exportPdf(dl, edition, { preset: 'print-x1a', exportTime: TIME })).rejects.toThrow(
      /overset/,
    );
    const forced = await exportPdf(dl, edition, { preset: 'print-x1a', exportTime: TIME, force: true });
    expect(forced.subarray(0, 8).toString()).toBe('%PDF-1.4');
    // Proofs always go out: editors need them precisely when text is overset.
    await expect(exportPdf(dl, edition, { preset: 'proof', exportTime: TIME })).resolves.toBeInstanceOf(
      Buffer,
    );
  });

  it('says which pages do not exist', async () => {
    await expect(exportPdf(list, edition, { preset: 'proof', pages: [9] })).rejects.toThrow(/no page 9/);
  });
});

describe('output profile', () => {
  it('is the committed, deterministic ICC v2 CMYK output profile', () => {
    const p = newsprintProfile();
    expect(generateNewsprintProfile().equals(p)).toBe(true);
    expect(p.readUInt32BE(0)).toBe(p.length);
    expect(p.toString('latin1', 12, 24)).toBe('prtrCMYKLab ');
    expect(p.toString('latin1', 36, 40)).toBe('acsp');
    const tags = new Set(
      Array.from({ length: p.readUInt32BE(128) }, (_, i) => p.toString('latin1', 132 + i * 12, 136 + i * 12)),
    );
    for (const t of ['desc', 'cprt', 'wtpt', 'A2B0', 'A2B1', 'A2B2', 'B2A0', 'B2A1', 'B2A2', 'gamt'])
      expect(tags.has(t), t).toBe(true);
  });
});
