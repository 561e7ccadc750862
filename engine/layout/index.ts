// Page layout: an edition's pages, with their templates, set into the display list — the one output
// that the screen and the PDF both draw. Pure and deterministic: same edition, same list.
import type {
  ArticleFit,
  DisplayItem,
  DisplayList,
  DisplayPage,
  GlyphRun,
  LayoutWarning,
  MissingGlyph,
} from '../display/types';
import type { FontSet } from '../fonts/metrics';
import type { Article, Asset, Edition, Page, Placement } from '../model/types';
import { emitLine, lineSize, missingOf, overprints } from './emit';
import { flow, flowBalanced, type FlowResult } from './flow';
import { emitVerticalLine, verticalFonts, verticalRegion, type VerticalRegion } from './vertical';
import { PageGrid, type TextColumn } from './grid';
import { setHorizontalHeadline, setVerticalHeadline } from './headline';
import { masterFields, setMasterItems } from './masters';
import { editorRules, separatorRules } from './rules';
import { overlapWarnings } from './overlap';
import { adItems } from './ads';
import { GAP_ROLE, articleParagraphs, blockText, roleOf } from './runs';
import { wrapColumns, wrapVertical, type WrapObject } from './wrap';
import { LayoutError, pageTemplate, type LayoutContext } from './context';
import { boxGeometry, clipRect, pageWraps, rowsInside } from './box';
import { pageProblems } from './problems';
import { chainPart, editionChains, jumpLine, type ChainPartFlow, type EditionChains } from './chain';
import { setPhoto } from './photo';
import { countChars } from '../text/count';
import { boxItems, columnRuleItems, placementType, storyTemplate, tintItem } from './story';

export { PageGrid, EM_ASCENT } from './grid';
export { verticalItems } from './headline';
export { WRAP_STANDOFF, MIN_MEASURE, wrapObjects, type WrapObject } from './wrap';
export { hanNumber, weekday } from './masters';
export { LayoutError, styleProblems, type LayoutContext } from './context';
export { pageProblems, type PageProblem } from './problems';
export type { EditionChains } from './chain';

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

export { countChars } from '../text/count';

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
    const part = chainPart(edition, page, a, ctx, chains, warnings);
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
  warnings.unshift(...overlapWarnings(page, grid, (id) => articles.get(id)?.slug ?? id));
  if (warnings.length) out.warnings = warnings;
  if (wraps.length) out.wraps = wraps.map(({ row: _r, rows: _n, ...area }) => area);
  return out;
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
  const tint = tintItem(pl, grid, box?.rect ?? null);
  if (tint) items.push(tint);
  if (box) items.push(...boxItems(pl, grid, box.rect));

  const { headline, body } = articleParagraphs(storyTemplate(t, placementType(pl), pl.headline?.style), a, {
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
  items.push(...columnRuleItems(pl, columns, grid));
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
    // A line holding larger type than its style (a selected word's 字号) keeps the body's baseline
    // grid: it stands on the baseline of its last row.
    const y =
      size > p.spec.style.size && p.rows > 1
        ? grid.baseline(p.row + p.rows - 1, p.spec.style.size, 1)
        : grid.baseline(p.row, size, p.rows);
    emitLine(p.line, p.x, y, roleOf(p.spec.type), runs);
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

export { overprints };
