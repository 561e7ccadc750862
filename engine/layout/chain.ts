// Stories continued across pages (转版): a story flowed through the text columns of all its parts at
// once, each page's share of it, and the jump lines （下转第N版）/（上接第M版） in the template's style.
import type { LayoutWarning, MissingGlyph } from '../display/types';
import type { FontSet } from '../fonts/metrics';
import type { Article, Edition, Page } from '../model/types';
import type { Template } from '../templates/types';
import type { ComposedLine } from '../compose/types';
import { articleChains, type PlacementPart } from '../model/chain';
import { composeCached } from './cache';
import { missingOf } from './emit';
import { flow, flowBalanced, type FlowResult, type PlacedLine } from './flow';
import { verticalFonts, verticalRegion } from './vertical';
import { PageGrid, type TextColumn } from './grid';
import { hanNumber } from './masters';
import { articleParagraphs, type ParagraphSpec } from './runs';
import { openChars, openRows, reserveRow, wrapColumns, wrapVertical } from './wrap';
import { boxGeometry, clipRect, pageWraps, rowsInside } from './box';
import { LayoutError, pageTemplate, type LayoutContext } from './context';
import { placementType, storyTemplate } from './story';
import { reserveJumpHeadline } from './jump-headline';

/** Stories continued across pages (转版), and their flows once worked out, for one layout run. */
export interface EditionChains {
  chains: Map<string, PlacementPart[]>;
  flows: Map<string, ChainFlow>;
}

export function editionChains(edition: Edition): EditionChains {
  const { chains, problems } = articleChains(edition);
  if (problems.length)
    throw new LayoutError(
      problems.map((p) => `page ${p.page}, placement ${p.index + 1} (${p.article}): ${p.message}`),
    );
  return { chains, flows: new Map() };
}

/** One page's share of a story continued across pages. */
export interface ChainPartFlow {
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

export interface ChainFlow {
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
export function jumpLine(
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

  const { body } = articleParagraphs(
    storyTemplate(head.t, placementType(parts[0].placement), parts[0].placement.headline?.style),
    a,
    {
      headlineArea: !!parts[0].placement.headline,
      headlineStyle: parts[0].placement.headline?.style,
    },
  );
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

/**
 * This page's share of a story continued across pages (undefined for a story on one page), the whole
 * story flowed once per layout run; a continuation left empty is a warning.
 */
export function chainPart(
  edition: Edition,
  page: Page,
  a: Article,
  ctx: LayoutContext,
  chains: EditionChains,
  warnings: LayoutWarning[],
): ChainPartFlow | undefined {
  const parts = chains.chains.get(a.id);
  if (!parts || parts.length < 2) return undefined;
  let flowed = chains.flows.get(a.id);
  if (!flowed) {
    flowed = flowChain(edition, a, parts, ctx);
    chains.flows.set(a.id, flowed);
  }
  const part = flowed.parts[parts.findIndex((p) => p.page === page.number)];
  if (part.continuedFrom !== undefined && !part.placed.length && !part.lastPart) {
    warnings.push({
      code: 'continuation-empty',
      article: a.id,
      message: `稿件“${a.slug}”在第 ${part.continuedFrom} 版已排完，本版的接续部分是空的，却仍要转到第 ${part.continuesOn} 版`,
    });
  } else if (part.continuedFrom !== undefined && !part.placed.length) {
    warnings.push({
      code: 'continuation-empty',
      article: a.id,
      message: `稿件“${a.slug}”在第 ${part.continuedFrom} 版已排完，本版的接续部分是空的：去掉转版，或删去这里的版位`,
    });
  }
  return part;
}
