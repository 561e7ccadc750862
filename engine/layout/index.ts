// Page layout: an edition's pages, with their templates, set into the display list — the one output
// that the screen and the PDF both draw. Pure and deterministic: same edition, same list.
import type {
  ArticleFit,
  Box,
  DisplayItem,
  DisplayList,
  DisplayPage,
  GlyphRun,
  ImageItem,
  LayoutWarning,
  MissingGlyph,
} from '../display/types';
import { BLACK } from '../display/types';
import type { FontSet } from '../fonts/metrics';
import type {
  Article,
  Asset,
  Edition,
  GridRect,
  Page,
  PhotoBlock,
  PhotoFrame,
  Placement,
} from '../model/types';
import type { Template } from '../templates/types';
import { TemplateError, applyStyleOverrides } from '../templates/validate';
import { composeCached } from './cache';
import { emitLine, lineSize, missingOf, overprints } from './emit';
import { flow, flowBalanced, type FlowResult, type PlacedLine } from './flow';
import { emitVerticalLine, verticalFonts, verticalRegion, type VerticalRegion } from './vertical';
import { EM_ASCENT, PageGrid, type Rect, type TextColumn } from './grid';
import { setHorizontalHeadline, setVerticalHeadline } from './headline';
import { reserveJumpHeadline } from './jump-headline';
import { hanNumber, masterFields, setMasterItems } from './masters';
import { checkRule, editorRules, separatorRules } from './rules';
import { overlapWarnings } from './overlap';
import { placeholderRun } from './placeholder';
import { adItems } from './ads';
import { GAP_ROLE, articleParagraphs, blockText, captionParagraph, roleOf, type ParagraphSpec } from './runs';
import type { ComposedLine } from '../compose/types';
import {
  openChars,
  openRows,
  reserveRow,
  wrapColumns,
  wrapObjects,
  wrapVertical,
  type WrapObject,
} from './wrap';
import { articleChains, type PlacementPart } from '../model/chain';

export { PageGrid, EM_ASCENT } from './grid';
export { verticalItems } from './headline';
export { WRAP_STANDOFF, MIN_MEASURE, wrapObjects, type WrapObject } from './wrap';
export { hanNumber, weekday } from './masters';

export interface LayoutContext {
  fonts: FontSet;
  templates: Record<string, Template>;
}

/** A page that cannot be laid out as asked (unknown template, article or a region off the grid). */
export class LayoutError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'LayoutError';
  }
}

export function layoutEdition(
  edition: Edition,
  ctx: LayoutContext,
  opts: { pages?: number[] } = {},
): DisplayList {
  const pages: DisplayPage[] = [];
  const problems: string[] = [];
  if (opts.pages) {
    for (const n of opts.pages)
      if (!edition.pages.some((p) => p.number === n))
        problems.push(
          `page ${n}: the edition has no such page (it has ${edition.pages.map((p) => p.number).join(', ') || 'none'})`,
        );
  }
  if (problems.length) throw new LayoutError(problems);
  const chains = editionChains(edition);
  for (const page of edition.pages) {
    if (opts.pages && !opts.pages.includes(page.number)) continue;
    pages.push(layoutPage(edition, page, ctx, chains));
  }
  return {
    version: 1,
    edition: { paper: edition.paper.name, date: edition.date, issue: edition.issue },
    pages,
  };
}

/** Stories continued across pages (转版), and their flows once worked out, for one layout run. */
export interface EditionChains {
  chains: Map<string, PlacementPart[]>;
  flows: Map<string, ChainFlow>;
}

function editionChains(edition: Edition): EditionChains {
  const { chains, problems } = articleChains(edition);
  if (problems.length)
    throw new LayoutError(
      problems.map((p) => `page ${p.page}, placement ${p.index + 1} (${p.article}): ${p.message}`),
    );
  return { chains, flows: new Map() };
}

/**
 * Non-space characters (code points, as /\s/u reads space): what an editor counts when a story is
 * 超 42 字. Every story on the page is counted on every keystroke, so this reads character codes
 * instead of testing a regular expression per character.
 */
export function countChars(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    } else if (isSpace(c)) continue;
    n++;
  }
  return n;
}

/** The code units /\s/u matches (ECMAScript WhiteSpace and LineTerminator). */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

// Templates with an edition's style changes applied, by the changes' content (an editor may change
// the styles object in place, so its identity says nothing).
const styled = new WeakMap<Template, Map<string, Template>>();

function pageTemplate(edition: Edition, page: Page, ctx: LayoutContext): Template {
  const base = ctx.templates[page.template];
  if (!base)
    throw new LayoutError([
      `page ${page.number}: uses the template "${page.template}", which is not installed (installed: ${Object.keys(ctx.templates).sort().join(', ') || 'none'})`,
    ]);
  if (!edition.styles || !Object.keys(edition.styles).length) return base;
  const key = JSON.stringify(edition.styles);
  let m = styled.get(base);
  if (!m) {
    m = new Map();
    styled.set(base, m);
  }
  let t = m.get(key);
  if (!t) {
    try {
      t = applyStyleOverrides(base, edition.styles, `edition ${edition.id}`);
    } catch (e) {
      throw new LayoutError(
        e instanceof TemplateError
          ? e.problems.map((p) => `${p.file}: ${p.field}: ${p.message}`)
          : [(e as Error).message],
      );
    }
    if (m.size > 50) m.clear();
    m.set(key, t);
  }
  return t;
}

/** A placement or rule that does not fit its page's template: the message, and what the editor reads. */
export interface PageProblem {
  message: string;
  zh: string;
}

/**
 * What keeps a page from being laid out on template `t`: placements of articles the edition lacks,
 * rectangles off the grid or inside the masthead, rules off the grid. Layout refuses a page with any;
 * the edition store refuses to commit one (so a saved edition always lays out).
 */
export function pageProblems(
  page: Page,
  t: Template,
  articles: ReadonlyMap<string, unknown> | ReadonlySet<string>,
): PageProblem[] {
  const grid = new PageGrid(t);
  const firstRow = page.number === 1 && t.masthead ? t.masthead.lines : 0;
  const problems: PageProblem[] = [];
  const zhNames: Record<string, string> = { headline: '标题区' };
  page.placements.forEach((pl, i) => {
    const where = `page ${page.number}, placement ${i + 1} (${pl.article})`;
    const story = `第 ${page.number} 版稿件“${pl.article}”`;
    if (!articles.has(pl.article))
      problems.push({
        message: `${where}: the edition has no article "${pl.article}"`,
        zh: `${story}不在本期中`,
      });
    const rects: [string, string, GridRect][] = [
      ...pl.regions.map((r, k) => [`region ${k + 1}`, `文字区 ${k + 1}`, r] as [string, string, GridRect]),
      ...pl.photos.map((p, k) => [`photo ${k + 1}`, `图框 ${k + 1}`, p.area] as [string, string, GridRect]),
    ];
    if (pl.headline) rects.push(['headline', zhNames.headline, pl.headline.area]);
    for (const [name, zh, r] of rects) {
      const p = grid.check(r);
      if (p)
        problems.push({
          message: `${where}: ${name}: ${p}`,
          zh: `${story}的${zh}：超出版心（${t.grid.columns} 栏 × ${t.grid.lines} 行）或太窄`,
        });
      else if (r.line < firstRow)
        problems.push({
          message: `${where}: ${name}: starts on line ${r.line + 1}, inside the masthead (lines 1–${firstRow})`,
          zh: `${story}的${zh}：从第 ${r.line + 1} 行开始，伸进了报头（第 1–${firstRow} 行）`,
        });
    }
  });
  for (const ad of page.ads ?? []) {
    const r = { col: ad.col, cols: ad.cols, line: ad.line, lines: ad.lines };
    const p = grid.check(r);
    const zh = `第 ${page.number} 版广告位“${ad.label || ad.id}”`;
    if (p)
      problems.push({
        message: `page ${page.number}, ad slot ${ad.id}: ${p}`,
        zh: `${zh}超出版心（${t.grid.columns} 栏 × ${t.grid.lines} 行）`,
      });
    else if (r.line < firstRow)
      problems.push({
        message: `page ${page.number}, ad slot ${ad.id}: starts on line ${r.line + 1}, inside the masthead (lines 1–${firstRow})`,
        zh: `${zh}从第 ${r.line + 1} 行开始，伸进了报头（第 1–${firstRow} 行）`,
      });
  }
  (page.rules ?? []).forEach((r, i) => {
    const p = checkRule(r, grid);
    if (p)
      problems.push({
        message: `page ${page.number}, rule ${i + 1}: ${p}`,
        zh: `第 ${page.number} 版第 ${i + 1} 条隔线超出版心`,
      });
  });
  return problems;
}

export function layoutPage(
  edition: Edition,
  page: Page,
  ctx: LayoutContext,
  chains: EditionChains = editionChains(edition),
): DisplayPage {
  const t = pageTemplate(edition, page, ctx);
  const grid = new PageGrid(t);
  const items: DisplayItem[] = [];
  const missing: MissingGlyph[] = [];
  const fits: ArticleFit[] = [];

  // Master items first: they are under everything else.
  const fields = masterFields(edition, page);
  if (page.number === 1 && t.masthead) setMasterItems(t.masthead.items, t, fields, ctx.fonts, items, missing);
  if (page.number !== 1 && t.runningHead)
    setMasterItems(t.runningHead.items, t, fields, ctx.fonts, items, missing);
  if (t.folio) setMasterItems(t.folio.items, t, fields, ctx.fonts, items, missing);

  const articles = new Map(edition.articles.map((a) => [a.id, a]));
  const problems = pageProblems(page, t, articles);
  if (problems.length) throw new LayoutError(problems.map((p) => p.message));

  // Rules between stories go under the stories' own items (a photo may cover a rule drawn by hand).
  items.push(...separatorRules(page, grid), ...editorRules(page, grid));
  items.push(...adItems(page.ads, grid, ctx.fonts, new Map(edition.assets.map((x) => [x.id, x]))));

  const warnings: LayoutWarning[] = [];
  const assets = new Map(edition.assets.map((a) => [a.id, a]));
  const wraps = pageWraps(page, grid);
  for (const pl of page.placements) {
    const a = articles.get(pl.article)!;
    const parts = chains.chains.get(a.id);
    let part: ChainPartFlow | undefined;
    if (parts && parts.length > 1) {
      let flowed = chains.flows.get(a.id);
      if (!flowed) {
        flowed = flowChain(edition, a, parts, ctx);
        chains.flows.set(a.id, flowed);
      }
      part = flowed.parts[parts.findIndex((p) => p.page === page.number)];
      if (part.continuedFrom !== undefined && !part.placed.length && !part.lastPart) {
        warnings.push({
          code: 'continuation-empty',
          article: a.id,
          message: `稿件 ${a.id} 在第 ${part.continuedFrom} 版已排完，本版的接续部分是空的，却仍要转到第 ${part.continuesOn} 版`,
        });
      } else if (part.continuedFrom !== undefined && !part.placed.length) {
        warnings.push({
          code: 'continuation-empty',
          article: a.id,
          message: `稿件 ${a.id} 在第 ${part.continuedFrom} 版已排完，本版的接续部分是空的：去掉转版，或删去这里的版位`,
        });
      }
    }
    fits.push(layoutPlacement(a, pl, grid, ctx.fonts, assets, items, missing, wraps, part));
  }

  const out: DisplayPage = {
    number: page.number,
    section: page.section,
    width: t.trim.width,
    height: t.trim.height,
    bleed: t.bleed,
    typeArea: { ...t.typeArea },
    items,
    fits,
    missing,
  };
  warnings.unshift(...overlapWarnings(page, grid));
  if (warnings.length) out.warnings = warnings;
  if (wraps.length) out.wraps = wraps.map(({ row: _r, rows: _n, ...area }) => area);
  return out;
}

/** The page's wrap objects: frames and headline areas as drawn (inside a box), marked stories whole. */
function pageWraps(page: Page, grid: PageGrid): WrapObject[] {
  return wrapObjects(page, grid, (pl, g, kind) =>
    kind === 'story' ? grid.rect(g) : clipRect(g, grid, boxGeometry(pl, grid)),
  );
}

interface BoxGeometry {
  rect: Rect;
  topRow: number;
  endRow: number;
  clip: { x0: number; x1: number };
}

/**
 * A boxed story's rule goes round all its areas, through the middle of its first and last rows, so the
 * space between rule and text is the same (half a line plus the line gap) inside and outside the box.
 */
function boxGeometry(pl: Placement, grid: PageGrid): BoxGeometry | null {
  if (!pl.box) return null;
  const rects = [...pl.regions, ...pl.photos.map((p) => p.area), ...(pl.headline ? [pl.headline.area] : [])];
  if (!rects.length) return null;
  const col0 = Math.min(...rects.map((r) => r.col));
  const col1 = Math.max(...rects.map((r) => r.col + r.cols));
  const topRow = Math.min(...rects.map((r) => r.line));
  const endRow = Math.max(...rects.map((r) => r.line + r.lines));
  const x = grid.colX(col0);
  const w = grid.spanWidth(col1 - col0);
  const y = grid.rowTop(topRow) + grid.pitch / 2;
  const h = grid.rowTop(endRow - 1) + grid.pitch / 2 - y;
  const inset = pl.box.inset * grid.em;
  return { rect: { x, y, w, h }, topRow, endRow, clip: { x0: x + inset, x1: x + w - inset } };
}

/** The rows of an area a box leaves for text: not the rows its rules run through. */
function rowsInside(g: GridRect, box: BoxGeometry | null): { row: number; rows: number } {
  let row = g.line;
  let end = g.line + g.lines;
  if (box) {
    if (row === box.topRow) row++;
    if (end === box.endRow) end--;
  }
  return { row, rows: Math.max(0, end - row) };
}

function clipRect(g: GridRect, grid: PageGrid, box: BoxGeometry | null): Rect {
  const r = grid.rect(g);
  const rows = rowsInside(g, box);
  let x0 = r.x;
  let x1 = r.x + r.w;
  if (box) {
    x0 = Math.max(x0, box.clip.x0);
    x1 = Math.min(x1, box.clip.x1);
  }
  return { x: x0, y: grid.rowTop(rows.row), w: x1 - x0, h: rows.rows * grid.pitch };
}

function layoutPlacement(
  a: Article,
  pl: Placement,
  grid: PageGrid,
  fonts: FontSet,
  assets: Map<string, Asset>,
  items: DisplayItem[],
  missing: MissingGlyph[],
  wraps: readonly WrapObject[],
  part?: ChainPartFlow,
): ArticleFit {
  const t = grid.t;
  const box = boxGeometry(pl, grid);
  if (box)
    items.push({
      kind: 'box',
      ...box.rect,
      stroke: { width: t.rules.box, color: BLACK },
      overprint: true,
      role: 'article-box',
    });

  const { headline, body } = articleParagraphs(t, a, {
    headlineArea: !!pl.headline,
    headlineStyle: pl.headline?.style,
  });
  const overset: { block: number; offset: number; text: string }[] = [];
  let oversetLines = 0;
  const runs: GlyphRun[] = [];

  if (pl.headline && headline.length) {
    const area = clipRect(pl.headline.area, grid, box);
    let res;
    if (pl.headline.orientation === 'vertical') {
      const first = pl.regions[0];
      const order = first && pl.headline.area.col + pl.headline.area.cols <= first.col ? 'ltr' : 'rtl';
      res = setVerticalHeadline(headline, area, pl.headline.align, order, grid, fonts);
    } else res = setHorizontalHeadline(headline, area, pl.headline.align, grid, fonts);
    runs.push(...res.runs);
    overset.push(...res.overset);
    oversetLines += res.oversetLines;
    missing.push(...res.missing);
  }

  // Photos in their frames; a photo block with no frame on the page (nor in any part of a story
  // continued across pages) has its caption overset, counted where the story ends.
  const framed = part ? part.framed : new Set(pl.photos.map((p) => p.block));
  for (const frame of pl.photos) {
    const block = a.blocks[frame.block];
    if (!block || block.type !== 'photo') continue;
    const r = setPhoto(a, frame, block, grid, box, fonts, assets, items, runs, missing);
    overset.push(...r.overset);
    oversetLines += r.oversetLines;
  }
  if (!part || part.lastPart) {
    a.blocks.forEach((b, i) => {
      if (b.type === 'photo' && !framed.has(i) && blockText(b.children))
        overset.push({ block: i, offset: 0, text: blockText(b.children) });
    });
  }

  // Body: text columns of every region in reading order — or this page's share of a story that runs
  // on across pages, flowed through all its parts at once.
  let columns: TextColumn[];
  let res: FlowResult;
  // 竖排: each region's columns right to left, composed with vertical metrics (./vertical.ts).
  let vregions: VerticalRegion[] | null = null;
  if (pl.vertical) vregions = pl.regions.map((g, i) => verticalRegion(clipRect(g, grid, box), i, grid));
  if (vregions && !part) {
    columns = vregions.map((v) => wrapVertical(v.column, v.rect, wraps, a.id, grid.pitch, grid.em));
    res = flow(body, columns, grid, verticalFonts(fonts));
  } else if (part) {
    columns = part.columns;
    res = part.flow;
  } else {
    columns = [];
    pl.regions.forEach((g, i) => {
      const rows = rowsInside(g, box);
      if (rows.rows > 0) columns.push(...grid.textColumns(g, i, box ? box.clip : null, rows));
    });
    columns = wrapColumns(columns, wraps, a.id, grid.em);
    res = (pl.balance ? flowBalanced : flow)(body, columns, grid, fonts);
  }
  for (const c of res.composed) missingOf(c.para.missing, missing);
  for (const p of res.placed) {
    if (vregions) {
      const v = vregions[p.column];
      // Set down from the top of its slot: the region's top, or below a wrap object over its head.
      emitVerticalLine(
        p.line,
        v.rect.x + v.rect.w - (p.row + p.rows / 2) * grid.pitch,
        p.x,
        roleOf(p.spec.type),
        fonts,
        runs,
      );
      continue;
    }
    const size = lineSize(p.line, p.spec.style.size);
    emitLine(p.line, p.x, grid.baseline(p.row, size, p.rows), roleOf(p.spec.type), runs);
  }
  if (part) {
    for (const j of part.jumps) {
      const v = vregions?.[j.column];
      const line = jumpLine(a.id, j.text, j.width, t, v ? verticalFonts(fonts) : fonts, missing, j.style);
      if (line && v)
        emitVerticalLine(line, v.rect.x + v.rect.w - (j.row + 0.5) * grid.pitch, j.x, 'mark', fonts, runs);
      else if (line)
        emitLine(line, j.x, grid.baseline(j.row, lineSize(line, t.body.size), j.rows ?? 1), 'mark', runs);
    }
  }
  for (const o of res.overset) {
    for (const line of o.lines) {
      // Text of the line by block: a run-in dateline line holds two blocks.
      let cur: { block: number; offset: number; text: string } | null = null;
      for (const g of line.glyphs) {
        if (g.role === GAP_ROLE) continue;
        if (cur && cur.block === g.src.block && cur.offset + cur.text.length === g.src.offset)
          cur.text += g.text;
        else {
          cur = { block: g.src.block, offset: g.src.offset, text: g.text };
          overset.push(cur);
        }
      }
    }
  }
  oversetLines += res.oversetLines;
  items.push(...runs);

  overset.sort((x, y) => x.block - y.block || x.offset - y.offset);
  // Lines of one block that ran over join into one stretch.
  for (let i = overset.length - 1; i > 0; i--) {
    const p = overset[i - 1];
    const q = overset[i];
    if (p.block === q.block && p.offset + p.text.length === q.offset) {
      p.text += q.text;
      overset.splice(i, 1);
    }
  }
  const oversetText = overset.map((o) => o.text).join('');
  const oversetChars = countChars(oversetText);
  if (overset.length) {
    const lastCol = columns[columns.length - 1];
    const lastV = vregions?.[vregions.length - 1];
    const anchor = lastV
      ? { x: lastV.rect.x, y: lastV.rect.y + lastV.rect.h }
      : lastCol
        ? { x: lastCol.x + lastCol.width, y: grid.rowTop(lastCol.row + lastCol.rows) }
        : pl.headline
          ? {
              x: grid.rect(pl.headline.area).x + grid.rect(pl.headline.area).w,
              y: grid.rowTop(pl.headline.area.line + pl.headline.area.lines),
            }
          : { x: t.typeArea.x + t.typeArea.w, y: t.typeArea.y + t.typeArea.h };
    items.push({ kind: 'overset', article: a.id, ...anchor, lines: oversetLines, chars: oversetChars });
  }
  let chars = 0;
  for (const b of a.blocks) chars += countChars(blockText(b.children));
  const fit: ArticleFit = {
    article: a.id,
    linesUsed: res.rowsUsed,
    linesAvailable: res.rowsAvailable,
    oversetLines,
    oversetChars,
    undersetLines: overset.length ? 0 : res.rowsAvailable - res.rowsUsed,
    undersetChars: overset.length ? 0 : res.emptyChars,
    oversetText,
    overset,
    chars,
  };
  if (part?.continuedFrom !== undefined) fit.continuedFrom = part.continuedFrom;
  if (part?.continuesOn !== undefined) fit.continuesOn = part.continuesOn;
  return fit;
}

/** One page's share of a story continued across pages. */
interface ChainPartFlow {
  columns: TextColumn[];
  /** The lines that landed in this part, with figures for this part alone; overset only in the last. */
  flow: FlowResult;
  placed: PlacedLine[];
  lastPart: boolean;
  continuedFrom?: number;
  continuesOn?: number;
  /** Jump lines: text, and the row and measure they take. */
  /** Jump lines, and the 接转标题 (`style`, `rows`: jump-headline.ts). */
  jumps: {
    text: string;
    x: number;
    width: number;
    row: number;
    column: number;
    rows?: number;
    style?: string;
  }[];
  /** Photo blocks framed in any part. */
  framed: Set<number>;
}

interface ChainFlow {
  parts: ChainPartFlow[];
}

/** A jump line's wording for the other page, in the template's numerals. */
function jumpText(pattern: string, page: number): string {
  return pattern.replace(/\{page\}/g, String(page)).replace(/\{pageHan\}/g, hanNumber(page));
}

/**
 * A jump line is one unbreakable unit on its own line, in the template's 转版 style. Its glyphs carry
 * the article (so a click finds the story) but block −1: they are no copy of it, and the run's role
 * 'mark' keeps them out of copyfit, hit-testing and proof marks.
 */
function jumpLine(
  article: string,
  text: string,
  width: number,
  t: Template,
  fonts: FontSet,
  missing: MissingGlyph[],
  styleName = t.jump.style,
): ComposedLine | null {
  const style = { ...t.paragraphStyles[styleName], indent: 0 };
  const spec: ParagraphSpec = {
    block: -1,
    type: 'paragraph',
    style,
    chars: text.length,
    runs: [
      {
        text,
        face: style.face,
        size: style.size,
        color: style.color,
        role: 'mark',
        src: { article, block: -1, offset: 0 },
      },
    ],
    key: `jump|${article}|${style.name}|${style.face}|${style.size}|${style.align}|${text}`,
  };
  let para = composeCached(spec, { widths: [width], counts: [Infinity] }, fonts);
  if (para.lines.length > 1) {
    // Narrower than the unit: it stays whole and stands out past the measure rather than break.
    let natural = 0;
    for (const l of para.lines) natural += l.naturalWidth;
    para = composeCached(spec, { widths: [natural + 1], counts: [Infinity] }, fonts);
  }
  missingOf(para.missing, missing);
  return para.lines[0] ?? null;
}

/**
 * Flows a story through the text columns of all its parts in reading order, as if they were one
 * placement: what does not fit the first part runs on into the next, and only what fits nowhere is
 * overset. The last line of each part but the last is kept for （下转第N版）, the first line of each
 * continuation for （上接第M版）.
 */
function flowChain(edition: Edition, a: Article, parts: PlacementPart[], ctx: LayoutContext): ChainFlow {
  const pages = parts.map((p) => edition.pages.find((pg) => pg.number === p.page)!);
  const grids = pages.map((pg) => new PageGrid(pageTemplate(edition, pg, ctx)));
  const head = grids[0];
  const problems: string[] = [];
  const where = (k: number) => `page ${parts[k].page}, placement ${parts[k].index + 1} (${a.id})`;
  const framed = new Set<number>();
  parts.forEach((p, k) => {
    const g = grids[k];
    if (g.t.body.size !== head.t.body.size || g.t.body.pitch !== head.t.body.pitch) {
      problems.push(
        `${where(k)}: continues a story from page ${parts[0].page} on a body grid of ${g.t.body.size} pt on ${g.t.body.pitch} pt lines, where it started on ${head.t.body.size} pt on ${head.t.body.pitch} pt: a story keeps its body grid across pages`,
      );
    }
    if (!!p.placement.vertical !== !!parts[0].placement.vertical)
      problems.push(
        `${where(k)}: a story keeps its 排向 across pages: set every part ${parts[0].placement.vertical ? '竖排' : '横排'} as on page ${parts[0].page}`,
      );
    if (k > 0 && p.placement.headline)
      problems.push(
        `${where(k)}: a continuation has no headline area of its own: the headline is set where the story starts, on page ${parts[0].page}`,
      );
    for (const f of p.placement.photos) {
      if (framed.has(f.block))
        problems.push(`${where(k)}: photo block ${f.block} is framed in another part of the story too`);
      framed.add(f.block);
    }
  });
  if (problems.length) throw new LayoutError(problems);
  const vertical = !!parts[0].placement.vertical;

  const { body } = articleParagraphs(head.t, a, {
    headlineArea: !!parts[0].placement.headline,
    headlineStyle: parts[0].placement.headline?.style,
  });
  const all: TextColumn[] = [];
  const ranges: [number, number][] = [];
  const jumps: ChainPartFlow['jumps'][] = [];
  parts.forEach((p, k) => {
    const grid = grids[k];
    const box = boxGeometry(p.placement, grid);
    let cols: TextColumn[] = [];
    const wraps = pageWraps(pages[k], grid);
    if (vertical) {
      // 竖排: one flow column per region (its columns right to left); the jump lines take the first
      // column of the part and its last.
      cols = p.placement.regions.map((g, i) => {
        const v = verticalRegion(clipRect(g, grid, box), k * 1000 + i, grid);
        return wrapVertical(v.column, v.rect, wraps, a.id, grid.pitch, grid.em);
      });
    } else {
      // Region numbers run on across parts: balancing looks for the story's last region.
      p.placement.regions.forEach((g, i) => {
        const rows = rowsInside(g, box);
        if (rows.rows > 0) cols.push(...grid.textColumns(g, k * 1000 + i, box ? box.clip : null, rows));
      });
      cols = wrapColumns(cols, wraps, a.id, grid.em);
    }
    // Jump lines take the first open row of the part and its last, clear of wrap objects.
    const own: ChainPartFlow['jumps'] = [];
    if (k > 0 && cols.length) {
      const j = reserveRow(cols[0], 'head');
      if (j) {
        own.push({
          text: jumpText(grid.t.jump.continuedFrom, parts[k - 1].page),
          x: j.x,
          width: j.width,
          row: j.row,
          column: 0,
        });
        cols[0] = j.column;
      }
    }
    if (k > 0 && p.placement.jumpHeadline && !vertical && cols.length) {
      const h = reserveJumpHeadline(a, grid.t, cols[0]);
      if (h) {
        own.push(h.headline);
        cols[0] = h.column;
      }
    }
    if (k < parts.length - 1 && cols.length) {
      const i = cols.length - 1;
      const j = reserveRow(cols[i], 'foot');
      if (j) {
        own.push({
          text: jumpText(grid.t.jump.continuedOn, parts[k + 1].page),
          x: j.x,
          width: j.width,
          row: j.row,
          column: i,
        });
        cols[i] = j.column;
      }
    }
    ranges.push([all.length, all.length + cols.length]);
    all.push(...cols);
    jumps.push(own);
  });
  const last = parts[parts.length - 1].placement;
  const res = vertical
    ? flow(body, all, head, verticalFonts(ctx.fonts))
    : (last.balance ? flowBalanced : flow)(body, all, head, ctx.fonts);

  return {
    parts: parts.map((_, k) => {
      const [c0, c1] = ranges[k];
      const columns = all.slice(c0, c1);
      const placed = res.placed
        .filter((l) => l.column >= c0 && l.column < c1)
        .map((l) => ({ ...l, column: l.column - c0 }));
      const lastPart = k === parts.length - 1;
      const ranOn = res.placed.some((l) => l.column >= c1);
      let rowsAvailable = 0;
      for (const c of columns) rowsAvailable += openRows(c);
      // Rows used, as flow counts them: whole columns up to the last written to, or all when the
      // story ran on into the next part; rows wrap objects take count for neither.
      let rowsUsed = 0;
      let emptyChars = 0;
      let lastCol = -1;
      let lastRow = 0;
      const end = placed[placed.length - 1];
      if (end) {
        lastCol = end.column;
        lastRow = end.row + end.rows - columns[end.column].row;
      }
      if (ranOn) {
        rowsUsed = rowsAvailable;
        lastCol = columns.length;
      } else {
        for (let c = 0; c < lastCol; c++) rowsUsed += openRows(columns[c]);
        if (lastCol >= 0) rowsUsed += openRows(columns[lastCol], lastRow);
      }
      columns.forEach((c, i) => {
        if (i > lastCol) emptyChars += openChars(c, 0, head.em);
        else if (i === lastCol) emptyChars += openChars(c, lastRow, head.em);
      });
      const flowed: FlowResult = {
        placed,
        overset: lastPart ? res.overset : [],
        oversetLines: lastPart ? res.oversetLines : 0,
        rowsUsed,
        rowsAvailable,
        emptyChars,
        // Missing glyphs are reported once, where the story starts.
        composed: k === 0 ? res.composed : [],
      };
      const out: ChainPartFlow = { columns, flow: flowed, placed, lastPart, jumps: jumps[k], framed };
      if (k > 0) out.continuedFrom = parts[k - 1].page;
      if (!lastPart) out.continuesOn = parts[k + 1].page;
      return out;
    }),
  };
}

function setPhoto(
  a: Article,
  frame: PhotoFrame,
  block: PhotoBlock,
  grid: PageGrid,
  box: BoxGeometry | null,
  fonts: FontSet,
  assets: Map<string, Asset>,
  items: DisplayItem[],
  runs: GlyphRun[],
  missing: MissingGlyph[],
): { overset: { block: number; offset: number; text: string }[]; oversetLines: number } {
  const t = grid.t;
  const area = clipRect(frame.area, grid, box);
  // The picture lines up with the text beside it: from the em top of its first row to the em foot of
  // its last; the caption rows follow.
  const lead = (grid.pitch - grid.em) / 2;
  const pictureRows = Math.max(1, area.h / grid.pitch - frame.captionLines);
  const x = area.x;
  const y = area.y + lead;
  const w = area.w;
  const h = pictureRows * grid.pitch - 2 * lead;
  const asset = block.asset ? assets.get(block.asset) : undefined;
  if (asset) {
    const scale = frame.scale
      ? frame.scale / 100
      : frame.fit === 'fit'
        ? Math.min(w / asset.pixelWidth, h / asset.pixelHeight)
        : Math.max(w / asset.pixelWidth, h / asset.pixelHeight);
    const iw = asset.pixelWidth * scale;
    const ih = asset.pixelHeight * scale;
    const img: ImageItem = {
      kind: 'image',
      asset: asset.id,
      x,
      y,
      w,
      h,
      imageX: x + ((w - iw) / 2) * (1 + (frame.cropX ?? 0)),
      imageY: y + ((h - ih) / 2) * (1 + (frame.cropY ?? 0)),
      imageW: iw,
      imageH: ih,
      pixelWidth: asset.pixelWidth,
      pixelHeight: asset.pixelHeight,
      article: a.id,
    };
    items.push(img);
    if (t.rules.photo > 0)
      items.push({
        kind: 'box',
        x,
        y,
        w,
        h,
        stroke: { width: t.rules.photo, color: BLACK },
        overprint: true,
        role: 'photo-frame',
      });
  } else {
    // An empty frame must not pass for white space on a proof: a tinted box, crossed, labelled.
    const empty: Box = {
      kind: 'box',
      x,
      y,
      w,
      h,
      stroke: { width: 0.5, color: BLACK },
      fill: { c: 0, m: 0, y: 0, k: 10 },
      overprint: false,
      role: 'empty-photo',
    };
    items.push(empty);
    items.push({
      kind: 'rule',
      x1: x,
      y1: y,
      x2: x + w,
      y2: y + h,
      width: 0.25,
      color: BLACK,
      overprint: true,
    });
    items.push({
      kind: 'rule',
      x1: x + w,
      y1: y,
      x2: x,
      y2: y + h,
      width: 0.25,
      color: BLACK,
      overprint: true,
    });
    items.push(
      placeholderRun(fonts, grid, { x, y, w, h }, block.asset ? '图片缺失' : '待放图片', {
        article: a.id,
        block: frame.block,
        offset: 0,
      }),
    );
  }

  const out = { overset: [] as { block: number; offset: number; text: string }[], oversetLines: 0 };
  const text = blockText(block.children);
  if (!text) return out;
  const spec = captionParagraph(t, a.id, frame.block, block.children);
  const para = composeCached(spec, { widths: [w], counts: [Infinity] }, fonts);
  missingOf(para.missing, missing);
  const lh = spec.style.lineHeight;
  const limit = area.y + area.h - lead;
  let top = y + h + lead;
  para.lines.forEach((line) => {
    if (top + lh > limit + 0.01 || frame.captionLines === 0) {
      const first = line.glyphs[0];
      out.overset.push({ block: frame.block, offset: first ? first.src.offset : 0, text: line.text });
      out.oversetLines++;
      return;
    }
    emitLine(line, x, top + (lh - spec.style.size) / 2 + spec.style.size * EM_ASCENT, 'caption', runs);
    top += lh;
  });
  return out;
}

export { overprints };
