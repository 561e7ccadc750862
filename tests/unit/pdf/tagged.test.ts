// The PDF reads in order: a structure tree (Document → Art per story → H/P per block, Figure for
// photos) for every preset, artifacts for what belongs to the sheet, checked with poppler's pdfinfo
// and pdf.js's structure-tree reader, as e-paper and archive systems read these files.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { layoutEdition } from '../../../engine/layout';
import { loadFontSet } from '../../../electron/services/fonts';
import { exportPdf } from '../../../electron/services/pdf';
import { loadSampleEdition } from '../../../electron/services/sample';
import { loadTemplates } from '../../../electron/services/templates';
import { readFileSync } from 'node:fs';
import { pdfinfo, tool, withFile } from '../../support/pdf-tools';

const TIME = new Date('2023-02-16T13:30:00Z');

interface Node {
  role?: string;
  type?: string;
  id?: string;
  alt?: string;
  children?: Node[];
}

/** Each marked-content id of page 1 with the text inside it. */
async function pageOne(pdf: Buffer): Promise<{ tree: Node; text: Map<string, string> }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0, useSystemFonts: false }).promise;
  try {
    const page = await doc.getPage(1);
    const tree = (await page.getStructTree()) as Node;
    const content = await page.getTextContent({ includeMarkedContent: true });
    const text = new Map<string, string>();
    let open: string | null = null;
    for (const item of content.items as { type?: string; id?: string; str?: string }[]) {
      if (item.type === 'beginMarkedContentProps') open = item.id ?? null;
      else if (item.type === 'endMarkedContent') open = null;
      else if (open && item.str !== undefined) text.set(open, (text.get(open) ?? '') + item.str);
    }
    return { tree, text };
  } finally {
    await doc.destroy();
  }
}

const textOf = (n: Node, text: Map<string, string>): string =>
  n.type === 'content' ? (text.get(n.id!) ?? '') : (n.children ?? []).map((c) => textOf(c, text)).join('');

describe('tagged PDF', () => {
  const edition = loadSampleEdition();
  const list = layoutEdition(edition, { fonts: loadFontSet(), templates: loadTemplates() });

  for (const preset of ['print-x4', 'proof', 'print-x1a'] as const) {
    it(`${preset}: tagged, in zh-CN, the stories in reading order with their headlines and paragraphs`, async () => {
      const pdf = await exportPdf(list, edition, { preset, exportTime: TIME, force: true });
      expect(pdfinfo(pdf).Tagged).toBe('yes');
      const raw = pdf.toString('latin1');
      expect(raw).toContain('/Marked true');
      expect(raw).toContain('/Lang (zh-CN)');
      const { tree, text } = await pageOne(pdf);
      const [document] = tree.children!;
      expect(document.role).toBe('Document');
      const arts = document.children!.filter((n) => n.role === 'Art');
      // Every story on the page, in the order layout placed them.
      const onPage = [
        ...new Set(
          list.pages[0].items
            .flatMap((i) =>
              i.kind === 'glyphs' && i.role !== 'master' && i.role !== 'mark'
                ? [i.glyphs[0]?.src.article]
                : [],
            )
            .filter(Boolean),
        ),
      ];
      expect(arts).toHaveLength(onPage.length);
      arts.forEach((art, i) => {
        const story = edition.articles.find((a) => a.id === onPage[i])!;
        const blocks = art.children!.filter((n) => n.role === 'P' || n.role?.startsWith('H'));
        // The headline leads, as H1, with the story's headline text.
        const headline = story.blocks.find((b) => b.type === 'headline');
        if (headline) {
          const h1 = art.children!.find((n) => n.role === 'H1')!;
          expect(textOf(h1, text).replace(/\s/g, '')).toBe(
            headline.children
              .map((c) => c.text)
              .join('')
              .replace(/\s/g, ''),
          );
        }
        // Each paragraph of the story whose lines are on the page is one P holding all its lines, in order.
        const paragraphs = blocks
          .filter((n) => n.role === 'P')
          .map((n) => textOf(n, text).replace(/\s/g, ''));
        expect(paragraphs.length, story.id).toBeGreaterThan(0);
        const first = story.blocks
          .find((b) => b.type === 'paragraph')!
          .children.map((c) => c.text)
          .join('')
          .replace(/\s/g, '');
        // (A dateline is run in to the first paragraph's first line: that line is the dateline's P.)
        expect(paragraphs.join(''), story.id).toContain(first.slice(0, 20));
        // Lines whole: no P holds a fragment of another story.
        for (const other of edition.articles.filter((a) => a.id !== story.id)) {
          const start = other.blocks
            .find((b) => b.type === 'paragraph')
            ?.children.map((c) => c.text)
            .join('')
            .replace(/\s/g, '')
            .slice(0, 12);
          if (start) expect(paragraphs.join(''), `${story.id} holds ${other.id}`).not.toContain(start);
        }
      });
      // Photos are figures with their caption as alternate text.
      const figures = arts.flatMap((a) => a.children!.filter((n) => n.role === 'Figure'));
      const photos = list.pages[0].items.filter((i) => i.kind === 'image').length;
      expect(figures).toHaveLength(photos);
      for (const f of figures) expect(f.alt).toBeTruthy();
    });
  }
});

describe('article threads', () => {
  it('follow each story from column to column and across the pages it continues on', async () => {
    const edition = loadSampleEdition();
    const list = layoutEdition(edition, { fonts: loadFontSet(), templates: loadTemplates() });
    const pdf = await exportPdf(list, edition, { preset: 'print-x4', exportTime: TIME, force: true });
    const plain = withFile(pdf, (p, dir) => {
      tool('qpdf', ['--qdf', '--object-streams=disable', p, `${dir}/q.pdf`]);
      return readFileSync(`${dir}/q.pdf`, 'latin1');
    });
    const threads = (/\/Threads \[([^\]]*)\]/.exec(plain)?.[1] ?? '')
      .trim()
      .split(/\s+R\s*/)
      .filter(Boolean);
    // One thread per story with body text on the page.
    const stories = new Set(
      list.pages[0].items.flatMap((i) =>
        i.kind === 'glyphs' && i.role === 'body' && !i.vertical ? [i.glyphs[0]?.src.article] : [],
      ),
    );
    expect(threads).toHaveLength(stories.size);
    // A bead per column: as many as the distinct column starts of each story's body lines.
    const columns = [...stories].reduce(
      (n, a) =>
        n +
        new Set(
          list.pages[0].items.flatMap((i) =>
            i.kind === 'glyphs' && i.role === 'body' && i.glyphs[0]?.src.article === a
              ? [Math.round(i.x)]
              : [],
          ),
        ).size,
      0,
    );
    expect(plain.match(/\/Type \/Bead/g)).toHaveLength(columns);
    expect(columns).toBeGreaterThan(stories.size); // stories run over more than one column
    expect(plain).toMatch(/\/B \[/);
  });
});
