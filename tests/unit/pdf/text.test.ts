// Text a reader can trust: what poppler and pdf.js extract from the sample page's print and proof
// PDFs is each composed line whole, in reading order, each story contiguous — although squeezed
// punctuation puts glyphs inside their neighbours' em boxes.
import { beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { DisplayList, GlyphRun } from '../../../engine/display/types';
import type { Edition } from '../../../engine/model/types';
import { layoutEdition } from '../../../engine/layout';
import { loadFontSet } from '../../../electron/services/fonts';
import { exportPdf } from '../../../electron/services/pdf';
import { loadSampleEdition } from '../../../electron/services/sample';
import { loadTemplates } from '../../../electron/services/templates';
import { pdftotext } from '../../support/pdf-tools';

const TIME = new Date('2026-11-28T12:00:00Z');

interface Line {
  article: string;
  text: string;
  y: number;
}

/**
 * The page's lines as layout set them, in display-list order: runs sharing an origin and a story
 * are one line. A space stands where the source skips text (spaces layout sets as gaps) or passes
 * to another block (a dateline run in to its paragraph).
 */
function composedLines(list: DisplayList): Line[] {
  const lines: Line[] = [];
  let prev: GlyphRun | null = null;
  let block = NaN,
    next = NaN;
  for (const item of list.pages[0].items) {
    if (item.kind !== 'glyphs' || !item.glyphs.length || item.vertical) {
      prev = null;
      continue;
    }
    const article = item.glyphs[0].src.article;
    if (!(prev && prev.x === item.x && prev.y === item.y && prev.glyphs[0].src.article === article)) {
      lines.push({ article, text: '', y: item.y });
      block = NaN;
    }
    const line = lines[lines.length - 1];
    for (const g of item.glyphs) {
      if (line.text && (g.src.block !== block || g.src.offset > next) && !/\s$/.test(line.text))
        line.text += ' ';
      line.text += g.text;
      block = g.src.block;
      next = g.src.offset + g.text.length;
    }
    prev = item;
  }
  return lines;
}

/** pdf.js's text of page 1 as a viewer's search and copy see it: items run on, a line ends at EOL. */
async function pdfjsText(pdf: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, useSystemFonts: false }).promise;
  try {
    const content = await (await doc.getPage(1)).getTextContent();
    let text = '';
    for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
    return text;
  } finally {
    await doc.destroy();
  }
}

/** Each story's lines must appear in `extracted` as consecutive lines, stories in page order. */
function expectStoriesWhole(
  extracted: string[],
  lines: Line[],
  same: (got: string, want: string) => boolean,
) {
  const stories = new Map<string, Line[]>();
  for (const l of lines) if (l.article) stories.set(l.article, [...(stories.get(l.article) ?? []), l]);
  expect(stories.size).toBeGreaterThanOrEqual(4);
  let at = 0;
  for (const [article, want] of stories) {
    const start = extracted.findIndex((t, i) => i >= at && same(t, want[0].text));
    expect(start, `${article} starts with “${want[0].text}” after line ${at}`).toBeGreaterThanOrEqual(0);
    const got = extracted.slice(start, start + want.length);
    got.forEach((t, i) =>
      expect(same(t, want[i].text), `${article} line ${i + 1}: “${t}” should be “${want[i].text}”`).toBe(
        true,
      ),
    );
    at = start + want.length;
  }
}

let edition: Edition;
let list: DisplayList;
let lines: Line[];
let x1a: Buffer;
let proof: Buffer;

beforeAll(async () => {
  edition = loadSampleEdition();
  list = layoutEdition(edition, { fonts: loadFontSet(), templates: loadTemplates() }, { pages: [1] });
  lines = composedLines(list);
  x1a = await exportPdf(list, edition, { preset: 'print-x1a', exportTime: TIME });
  proof = await exportPdf(list, edition, { preset: 'proof', exportTime: TIME });
});

describe('text of the sample page as readers extract it', () => {
  it('the sample has what this is about: lines with squeezed punctuation', () => {
    // A squeezed mark leaves the next glyph less than its em after it: poppler's old line breaks.
    const squeezed = list.pages[0].items
      .filter((r): r is GlyphRun => r.kind === 'glyphs' && r.role === 'body')
      .filter((r) =>
        r.glyphs.some(
          (g, i) =>
            i > 0 &&
            g.x - r.glyphs[i - 1].x < r.size * 0.75 &&
            /[“‘，。、）]/.test(r.glyphs[i - 1].text + g.text),
        ),
      );
    expect(squeezed.length).toBeGreaterThan(30);
    expect(lines.filter((l) => l.article).length).toBeGreaterThan(150);
  });

  for (const preset of ['print-x1a', 'proof'] as const) {
    it(`pdftotext -raw gives every line of every story whole and in reading order (${preset})`, () => {
      const raw = pdftotext(preset === 'proof' ? proof : x1a, 1, true).split('\n');
      expectStoriesWhole(raw, lines, (a, b) => a === b);
    });
  }

  it('a search across a squeezed quote or comma finds the phrase', () => {
    const raw = pdftotext(x1a, 1, true);
    for (const phrase of [
      '联合“学习强国”上海',
      '2月15日，徐汇区委宣传',
      '同谱新篇章———‘学习强国’徐汇',
      '“学习强国”学习平台，为更好利',
    ]) {
      expect(raw, phrase).toContain(phrase);
    }
  });

  it('copying a story gives back its paragraphs exactly, line breaks aside', () => {
    const raw = pdftotext(x1a, 1, true).replace(/\n/g, '');
    let checked = 0;
    for (const a of edition.articles) {
      for (const b of a.blocks) {
        if (b.type !== 'paragraph') continue;
        const text = b.children.map((c) => c.text).join('');
        if (text.length < 20) continue;
        expect(raw, `${a.id}: ${text.slice(0, 20)}…`).toContain(text);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('the slug line and marks come after the stories, never inside one', () => {
    const raw = pdftotext(x1a, 1, true).split('\n');
    const slug = raw.findIndex((l) => l.includes('PDF/X-1a') && l.includes('导出'));
    const lastStoryLine = lines.filter((l) => l.article).at(-1)!.text;
    expect(slug).toBeGreaterThan(raw.lastIndexOf(lastStoryLine));
  });

  it('the slug line and marks are marked as artifacts of the sheet, the stories are not', async () => {
    const doc = await getDocument({ data: new Uint8Array(x1a), verbosity: 0 }).promise;
    try {
      const content = await (await doc.getPage(1)).getTextContent({ includeMarkedContent: true });
      const tags: string[] = [];
      let artifact = '',
        other = '';
      for (const item of content.items) {
        if ('type' in item) {
          if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps')
            tags.push((item as { tag?: string }).tag ?? ''); // pdf.js gives the tag, its types omit it
          else if (item.type === 'endMarkedContent') tags.pop();
        } else if (tags.includes('Artifact')) artifact += item.str;
        else other += item.str;
      }
      expect(artifact).toContain('PDF/X-1a');
      expect(artifact).toContain('导出');
      expect(other).not.toContain('导出');
      expect(other.replace(/ /g, '')).toContain(lines.find((l) => l.article)!.text.replace(/ /g, ''));
    } finally {
      await doc.destroy();
    }
  });

  it('pdf.js reads the same lines in the same order (its only liberty: a space at a visible gap)', async () => {
    // pdf.js ignores /ActualText; it follows positions, and opens a space where type leaves a gap
    // of a tenth of an em or more (CJK–Latin spacing, a dash set apart). Nothing else may differ.
    const text = (await pdfjsText(x1a)).split('\n');
    expectStoriesWhole(text, lines, (a, b) => a.replace(/ /g, '') === b.replace(/ /g, ''));
    expect(text.join('\n')).toContain('联合“学习强国”上海');
  });
});
