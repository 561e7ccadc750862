// Tagged PDF: the structure tree that gives the page its reading order. Document → Art per story
// (in the order the stories first appear) → H1/H2/H3/P per block of the story, Figure (with Alt,
// the photo's caption) per photo; each line of type is one marked-content sequence of its block,
// across pages (a continued story's element gathers its lines from every page). What belongs to
// the sheet and not to a story — masthead, running head, folio, jump lines, rules, boxes, crop
// marks, proof labels — is marked as an artifact. Catalog: MarkInfo /Marked true, /Lang zh-CN.
import type { GlyphRun, ImageItem } from '../../../engine/display/types';
import type { Block, Edition } from '../../../engine/model/types';
import { utf16Hex } from './content';
import type { PdfDoc, PdfkitRef } from './document';

const BLOCK_ROLE: Record<Block['type'], string> = {
  headline: 'H1',
  kicker: 'H2',
  subhead: 'H2',
  crosshead: 'H3',
  paragraph: 'P',
  dateline: 'P',
  byline: 'P',
  source: 'P',
  photo: 'Caption',
};

interface Content {
  page: PdfkitRef;
  mcid: number;
}
interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}
interface PageMarks {
  ref: PdfkitRef;
  owners: BlockNode[];
  /** Trim box origin on the media box and the media height: page points to PDF user space. */
  margin: number;
  mediaH: number;
  /** Each story's columns on this page (by the column's left edge), for its article thread. */
  columns: Map<string, Map<number, Rect>>;
}
interface BlockNode {
  role: string;
  content: Content[];
  alt?: string;
}

export const ARTIFACT_OPEN = '/Artifact BMC';

export class StructureBuilder {
  private readonly stories = new Map<string, Map<string, BlockNode>>();
  private readonly pages: PageMarks[] = [];
  private page: PageMarks | null = null;

  constructor(
    private readonly doc: PdfDoc,
    private readonly edition: Edition,
  ) {}

  /** A new page: its dictionary gets its key into the parent tree. */
  beginPage(
    ref: PdfkitRef,
    dict: Record<string, unknown>,
    geometry: { margin: number; mediaH: number },
  ): void {
    dict.StructParents = this.pages.length;
    this.page = { ref, owners: [], ...geometry, columns: new Map() };
    this.pages.push(this.page);
  }

  /** The line's extent joins its story's column on this page (horizontal body text only). */
  private column(article: string, runs: readonly GlyphRun[]): void {
    const r = runs[0];
    if (r.vertical || r.role !== 'body') return;
    const last = runs[runs.length - 1];
    const g = last.glyphs[last.glyphs.length - 1];
    const rect = { x1: r.x, y1: r.y - r.size, x2: last.x + g.x + g.advance, y2: r.y + r.size * 0.25 };
    let cols = this.page!.columns.get(article);
    if (!cols) this.page!.columns.set(article, (cols = new Map()));
    const key = Math.round(r.x);
    const c = cols.get(key);
    if (!c) cols.set(key, rect);
    else {
      c.x1 = Math.min(c.x1, rect.x1);
      c.y1 = Math.min(c.y1, rect.y1);
      c.x2 = Math.max(c.x2, rect.x2);
      c.y2 = Math.max(c.y2, rect.y2);
    }
  }

  private node(article: string, key: string, role: string): BlockNode {
    let story = this.stories.get(article);
    if (!story) this.stories.set(article, (story = new Map()));
    let n = story.get(key);
    if (!n) story.set(key, (n = { role, content: [] }));
    return n;
  }

  private mark(n: BlockNode): number {
    const p = this.page!;
    const mcid = p.owners.length;
    p.owners.push(n);
    n.content.push({ page: p.ref, mcid });
    return mcid;
  }

  /** Opens a line of type: a Span of its block (with the line's text as ActualText), or an artifact. */
  openLine(runs: readonly GlyphRun[], text: string): string {
    const first = runs[0].glyphs[0].src;
    const article = this.edition.articles.find((a) => a.id === first.article);
    const role = runs[0].role;
    if (!article || first.block < 0 || role === 'mark' || role === 'master' || role === 'placeholder')
      return ARTIFACT_OPEN;
    const block = article.blocks[first.block];
    const n = this.node(article.id, `b${first.block}`, block ? BLOCK_ROLE[block.type] : 'P');
    this.column(article.id, runs);
    return `/Span <</MCID ${this.mark(n)} /ActualText ${utf16Hex(text)}>> BDC`;
  }

  /** Opens a photo: a Figure of its story, its caption as the alternate text. */
  openFigure(item: ImageItem): string {
    const article = item.article ? this.edition.articles.find((a) => a.id === item.article) : undefined;
    const block = article?.blocks.find((b) => b.type === 'photo' && b.asset === item.asset);
    const caption = block ? block.children.map((c) => c.text).join('') : '';
    const n = this.node(article?.id ?? '', `f${item.asset}`, 'Figure');
    n.alt ??= caption || '照片';
    return `/Figure <</MCID ${this.mark(n)}>> BDC`;
  }

  /** Writes the structure tree and marks the document tagged. */
  finish(): void {
    const doc = this.doc;
    const root = doc.ref({ Type: 'StructTreeRoot' });
    const document = doc.ref({ Type: 'StructElem', S: 'Document', P: root, Lang: new String('zh-CN') });
    const refs = new Map<BlockNode, PdfkitRef>();
    const arts: PdfkitRef[] = [];
    for (const [article, blocks] of this.stories) {
      const art = doc.ref({ Type: 'StructElem', S: article ? 'Art' : 'Div', P: document });
      const title = this.edition.articles.find((a) => a.id === article)?.slug;
      if (title) art.data.T = new String(title);
      const kids: PdfkitRef[] = [];
      // Blocks in the story's order (headline, then the text), figures where their photo block is.
      const order = (key: string) =>
        key.startsWith('b') ? Number(key.slice(1)) : this.photoBlockIndex(article, key.slice(1));
      for (const [, n] of [...blocks].sort((a, b) => order(a[0]) - order(b[0]))) {
        // On one page (most blocks): the page on the element and bare MCIDs; across pages, references.
        const onePage = n.content.every((c) => c.page === n.content[0].page);
        const el = onePage
          ? doc.ref({
              Type: 'StructElem',
              S: n.role,
              P: art,
              Pg: n.content[0].page,
              K: n.content.map((c) => c.mcid),
            })
          : doc.ref({
              Type: 'StructElem',
              S: n.role,
              P: art,
              K: n.content.map((c) => ({ Type: 'MCR', Pg: c.page, MCID: c.mcid })),
            });
        if (n.alt !== undefined) el.data.Alt = new String(n.alt);
        refs.set(n, el);
        kids.push(el);
      }
      art.data.K = kids;
      arts.push(art);
    }
    document.data.K = arts;
    const nums: unknown[] = [];
    this.pages.forEach((p, i) =>
      nums.push(
        i,
        p.owners.map((n) => refs.get(n)!),
      ),
    );
    const parentTree = doc.ref({ Nums: nums });
    root.data.K = [document];
    root.data.ParentTree = parentTree;
    root.data.ParentTreeNextKey = this.pages.length;
    for (const r of [...refs.values(), ...arts, document, parentTree]) r.end();
    // pdfkit ends the root and the MarkInfo dictionary itself as the document ends.
    doc._root.data.StructTreeRoot = root;
    doc._root.data.MarkInfo = doc.ref({ Marked: true });
    doc._root.data.Lang = new String('zh-CN');
    this.threads();
  }

  /**
   * The page's beads, before pdfkit writes its dictionary (as the next page begins): one per column
   * of each story, left to right. finish() links them into each story's article thread.
   */
  endPage(dict: Record<string, unknown>): void {
    const p = this.page!;
    const beads: PdfkitRef[] = [];
    for (const [article, cols] of p.columns) {
      let list = this.beads.get(article);
      if (!list) this.beads.set(article, (list = []));
      for (const [, c] of [...cols].sort((x, y) => x[0] - y[0])) {
        const R = [
          p.margin + c.x1,
          p.mediaH - p.margin - c.y2,
          p.margin + c.x2,
          p.mediaH - p.margin - c.y1,
        ].map((v) => Math.round(v * 100) / 100);
        const bead = this.doc.ref({ Type: 'Bead', P: p.ref, R });
        list.push(bead);
        beads.push(bead);
      }
    }
    if (beads.length) dict.B = beads;
  }

  private readonly beads = new Map<string, PdfkitRef[]>();

  /**
   * Article threads: each story's columns as beads, page by page and left to right, so e-paper
   * readers follow the story from column to column and on to the page it continues on.
   */
  private threads(): void {
    const threads: PdfkitRef[] = [];
    for (const article of this.stories.keys()) {
      const story = this.edition.articles.find((a) => a.id === article);
      const beads = this.beads.get(article);
      if (!story || !beads?.length) continue;
      const thread = this.doc.ref({ Type: 'Thread', I: { Title: new String(story.slug) }, F: beads[0] });
      beads.forEach((b, i) =>
        Object.assign(b.data, {
          T: thread,
          N: beads[(i + 1) % beads.length],
          V: beads[(i - 1 + beads.length) % beads.length],
        }),
      );
      for (const b of beads) b.end();
      thread.end();
      threads.push(thread);
    }
    if (threads.length) this.doc._root.data.Threads = threads;
  }

  private photoBlockIndex(article: string, asset: string): number {
    const a = this.edition.articles.find((x) => x.id === article);
    const i = a ? a.blocks.findIndex((b) => b.type === 'photo' && b.asset === asset) : -1;
    return i < 0 ? 1e9 : i - 0.5;
  }
}
