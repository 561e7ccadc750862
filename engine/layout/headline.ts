// One idea: the headline block, horizontal or 竖题, kept whole because both share the stacking rules.
// The headline block: 引题, 主题 and 副题 stacked in their area, which is a whole number of body lines
// (CLREQ: a heading's height is counted in lines of the text), centred in it top to bottom.
// Or a 竖题: the same blocks set vertically beside the body with `vert` glyph forms.
import type { ComposedLine, ComposedParagraph } from '../compose/types';
import type { GlyphRun, MissingGlyph, PlacedGlyph } from '../display/types';
import { BLACK } from '../display/types';
import type { FontSet } from '../fonts/metrics';
import { resolveGlyph } from '../fonts/metrics';
import { composeCached, type MeasurePlan } from './cache';
import { emitLine, missingOf, overprints } from './emit';
import { EM_ASCENT, type PageGrid, type Rect } from './grid';
import { roleOf, type ParagraphSpec } from './runs';
import { wordBoundaries } from '../text/words';

export interface HeadlineResult {
  runs: GlyphRun[];
  /** Text that did not fit the area, by block: kept and counted as overset. */
  overset: { block: number; offset: number; text: string }[];
  oversetLines: number;
  missing: MissingGlyph[];
}

/** Space between the 引题, 主题 and 副题, as a fraction of the body line. */
const BLOCK_GAP = 0.35;

export function setHorizontalHeadline(
  specs: ParagraphSpec[],
  area: Rect,
  align: 'left' | 'center',
  grid: PageGrid,
  fonts: FontSet,
): HeadlineResult {
  const res: HeadlineResult = { runs: [], overset: [], oversetLines: 0, missing: [] };
  const lines: { spec: ParagraphSpec; line: ComposedLine; height: number; dx: number }[] = [];
  for (const s of specs) {
    // Broken between words (engine/text/words.ts), the lines balanced; a soft break still breaks.
    const spec: ParagraphSpec = {
      ...s,
      style: { ...s.style, align: align === 'left' ? 'start' : 'center', indent: 0 },
      key: `${s.key}|${align}|words`,
      words: true,
    };
    const { para, measure } = balanced(spec, area.w, fonts);
    missingOf(para.missing, res.missing);
    // Set in a narrower measure, the block still sits centred (or flush left) in the area.
    const dx = align === 'center' ? (area.w - measure) / 2 : 0;
    for (const line of para.lines) lines.push({ spec, line, height: spec.style.lineHeight, dx });
  }
  let total = 0;
  lines.forEach((l, i) => {
    total += l.height + (i > 0 && lines[i - 1].spec !== l.spec ? BLOCK_GAP * grid.pitch : 0);
  });
  // Centred in the area; when it cannot fit, it starts at the top and the lines past the foot are overset.
  let y = area.y + Math.max(0, (area.h - total) / 2);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (i > 0 && lines[i - 1].spec !== l.spec) y += BLOCK_GAP * grid.pitch;
    const size = l.spec.style.size;
    const emTop = y + (l.height - size) / 2;
    if (emTop + size > area.y + area.h + 0.01) {
      for (const rest of lines.slice(i)) {
        res.overset.push({
          block: rest.spec.block,
          offset: rest.line.glyphs[0]?.src.offset ?? 0,
          text: rest.line.text,
        });
        res.oversetLines++;
      }
      break;
    }
    emitLine(l.line, area.x + l.dx, emTop + size * EM_ASCENT, roleOf(l.spec.type), res.runs);
    y += l.height;
  }
  return res;
}

/**
 * A headline that takes several lines is set with lines of even length, as a typesetter breaks it:
 * the narrowest measure that keeps the same number of lines (never a lone character on the last).
 */
function balanced(
  spec: ParagraphSpec,
  width: number,
  fonts: FontSet,
): { para: ComposedParagraph; measure: number } {
  const plan = (w: number): MeasurePlan => ({ widths: [w], counts: [Infinity] });
  const full = composeCached(spec, plan(width), fonts);
  const n = full.lines.length;
  if (n < 2) return { para: full, measure: width };
  let natural = 0;
  for (const l of full.lines) natural += l.naturalWidth;
  // Search in whole ems of the headline's size: the lines' lengths are counted in characters.
  const em = spec.style.size;
  let lo = Math.max(1, Math.floor(natural / n / em));
  let hi = Math.floor(width / em);
  let best = { para: full, measure: width };
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const para = composeCached(spec, plan(mid * em), fonts);
    if (para.lines.length === n && para.lines.every((l) => l.width <= mid * em + 0.01)) {
      best = { para, measure: mid * em };
      hi = mid - 1;
    } else lo = mid + 1;
  }
  return best;
}

// Vertical setting -----------------------------------------------------------------------------

/** Characters that may not start a vertical column (closing marks, pauses): the column breaks one earlier. */
const NO_START = new Set([...'，。、；：？！）」』》〉】〕”’…—·']);

interface VItem {
  text: string;
  offset: number;
  kind: 'upright' | 'rotated' | 'combined';
  /** Start offset of the Latin word a rotated letter belongs to. */ word?: number;
}
/** A unit set in a vertical column: its advance down the column and the face asked for. */
interface VGlyph {
  item: VItem;
  adv: number;
  face: string;
  /** Position in the block's text. */ at: number;
}

/** Splits text into vertical units (CLREQ §5.1): Han and marks upright; numbers of two digits side by
 *  side in one em (直书横向); acronyms of up to three capitals upright letter by letter; other Latin
 *  words and longer numbers rotated 90° clockwise. Offsets are UTF-16 units into `text`. */
export function verticalItems(text: string): VItem[] {
  const out: VItem[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const word = /^(?:[0-9]+(?:[.,][0-9]+)*|[A-Za-z][A-Za-z.'’-]*)/.exec(rest);
    if (word) {
      const w = word[0];
      const kind =
        /^[0-9]$/.test(w) || /^[A-Z]{1,3}$/.test(w)
          ? 'upright'
          : /^[0-9]{2}$/.test(w)
            ? 'combined'
            : 'rotated';
      if (kind === 'combined') out.push({ text: w, offset: i, kind });
      else
        for (let k = 0; k < w.length; k++)
          out.push(
            kind === 'rotated'
              ? { text: w[k], offset: i + k, kind, word: i }
              : { text: w[k], offset: i + k, kind },
          );
      i += w.length;
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    out.push({ text: ch, offset: i, kind: 'upright' });
    i += ch.length;
  }
  return out;
}

interface Col {
  spec: ParagraphSpec;
  items: VGlyph[];
  height: number;
}

const OPENERS = new Set([...'“‘（《〈「『【〔［｛']);

/** Fills columns no longer than `maxH` with one block, top to bottom, breaking between words
 *  (engine/text/words.ts) where it can; a soft break starts a new column. */
function fillColumns(spec: ParagraphSpec, maxH: number, fonts: FontSet): Col[] {
  const size = spec.style.size;
  const words = wordBoundaries(spec.runs.map((r) => r.text).join(''));
  const startsColumn = (items: VGlyph[], j: number): boolean =>
    words[items[j].at] === 1 && !NO_START.has(items[j].item.text) && !OPENERS.has(items[j - 1].item.text);
  const cols: Col[] = [];
  let col: Col = { spec, items: [], height: 0 };
  cols.push(col);
  let base = 0;
  for (const r of spec.runs) {
    const face = fonts.face(r.face);
    for (const it of verticalItems(r.text)) {
      if (it.text === '\n') {
        if (col.items.length) {
          col = { spec, items: [], height: 0 };
          cols.push(col);
        }
        continue;
      }
      let adv: number;
      if (it.kind === 'rotated') {
        const g = resolveGlyph(fonts, r.face, it.text.codePointAt(0)!);
        adv = (g ? g.advanceEm : 0.5) * size;
      } else if (it.kind === 'combined') adv = size;
      else
        adv = face.has(it.text.codePointAt(0)!)
          ? (face.verticalAdvance(it.text.codePointAt(0)!) / face.unitsPerEm) * size
          : size;
      const glyph: VGlyph = {
        item: {
          ...it,
          offset: it.offset + r.src.offset,
          word: it.word === undefined ? undefined : it.word + r.src.offset,
        },
        adv,
        face: r.face,
        at: base + it.offset,
      };
      if (col.height + adv > maxH + 0.01 && col.items.length) {
        col.items.push(glyph); // looked at with the rest of the column, then moved on
        col.height += adv;
        const n = col.items.length - 1;
        // Where the next column starts: at the unit that overflows when a word starts there, else at
        // the last word start in the column (the word moves over whole, when it fits one column).
        let from = -1;
        if (startsColumn(col.items, n)) from = n;
        else {
          let height = 0;
          for (let j = n; j > 0; j--) {
            height += col.items[j].adv;
            if (height > maxH + 0.01) break;
            if (startsColumn(col.items, j)) {
              from = j;
              break;
            }
          }
        }
        if (from < 0) {
          // No word start to break at (a word longer than the column): a rotated Latin word still
          // moves over whole, and no column starts with a closing mark.
          const word = glyph.item.word;
          const sameWord = word !== undefined ? col.items.findIndex((g) => g.item.word === word) : -1;
          if (sameWord > 0) from = sameWord;
          else if (NO_START.has(it.text) && n > 1) from = n - 1;
          else from = n;
        }
        const moved = col.items.splice(from);
        for (const g of moved) col.height -= g.adv;
        col = { spec, items: moved, height: moved.reduce((h, g) => h + g.adv, 0) };
        cols.push(col);
        continue;
      }
      col.items.push(glyph);
      col.height += adv;
    }
    base += r.text.length;
  }
  return cols;
}

/**
 * Sets a vertical headline: each block in columns top to bottom, columns side by side. A headline to the
 * left of its body reads its columns left to right, one to the right reads right to left (papers' habit).
 */
export function setVerticalHeadline(
  specs: ParagraphSpec[],
  area: Rect,
  align: 'left' | 'center',
  order: 'ltr' | 'rtl',
  grid: PageGrid,
  fonts: FontSet,
): HeadlineResult {
  const res: HeadlineResult = { runs: [], overset: [], oversetLines: 0, missing: [] };
  const cols: Col[] = [];
  for (const spec of specs) {
    let blockCols = fillColumns(spec, area.h, fonts);
    // Columns of even length, as a typesetter breaks them: the shortest column (in whole ems) that
    // needs no more columns. An editor's soft break decides the columns itself.
    if (blockCols.length > 1 && !spec.runs.some((r) => r.text.includes('\n'))) {
      const em = spec.style.size;
      let total = 0;
      for (const c of blockCols) total += c.height;
      let lo = Math.max(1, Math.floor(total / blockCols.length / em));
      let hi = Math.floor(area.h / em);
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const tried = fillColumns(spec, mid * em, fonts);
        if (tried.length === blockCols.length && tried.every((c) => c.height <= mid * em + 0.01)) {
          blockCols = tried;
          hi = mid - 1;
        } else lo = mid + 1;
      }
    }
    cols.push(...blockCols);
  }
  // Column pitch: the size plus a quarter, with a wider gap between blocks.
  const widths = cols.map((c) => c.spec.style.size * 1.25);
  let total = 0;
  cols.forEach((c, i) => {
    total += widths[i] + (i > 0 && cols[i - 1].spec !== c.spec ? BLOCK_GAP * grid.pitch : 0);
  });
  const fitsAcross = total <= area.w + 0.01;
  let x =
    order === 'ltr'
      ? area.x + Math.max(0, (area.w - total) / 2)
      : area.x + area.w - Math.max(0, (area.w - total) / 2);
  for (let i = 0; i < cols.length; i++) {
    const c = cols[i];
    const w = widths[i];
    const gap = i > 0 && cols[i - 1].spec !== c.spec ? BLOCK_GAP * grid.pitch : 0;
    const left = order === 'ltr' ? x + gap : x - gap - w;
    if (!fitsAcross && (left < area.x - 0.01 || left + w > area.x + area.w + 0.01)) {
      for (const rest of cols.slice(i)) {
        res.overset.push({
          block: rest.spec.block,
          offset: rest.items[0]?.item.offset ?? 0,
          text: rest.items.map((t) => t.item.text).join(''),
        });
        res.oversetLines++;
      }
      break;
    }
    x = order === 'ltr' ? left + w : left;
    setColumn(c, left + w / 2, area.y + (align === 'center' ? (area.h - c.height) / 2 : 0), fonts, res);
  }
  return res;
}

function setColumn(
  c: { spec: ParagraphSpec; items: VGlyph[] },
  centre: number,
  top: number,
  fonts: FontSet,
  res: HeadlineResult,
): void {
  const size = c.spec.style.size;
  const color = c.spec.style.color ?? BLACK;
  const role = roleOf(c.spec.type);
  const main: GlyphRun = {
    kind: 'glyphs',
    face: c.spec.style.face,
    size,
    color,
    overprint: overprints(color),
    x: centre,
    y: top,
    vertical: true,
    glyphs: [],
    role,
  };
  const extra: GlyphRun[] = [];
  let pen = 0;
  for (const { item, adv, face: faceId } of c.items) {
    const src = { article: c.spec.runs[0].src.article, block: c.spec.block, offset: item.offset };
    if (item.kind === 'combined') {
      // Two digits side by side inside one em: scaled down so the pair is no wider than the em.
      const g1 = resolveGlyph(fonts, faceId, item.text.codePointAt(0)!);
      const g2 = resolveGlyph(fonts, faceId, item.text.codePointAt(1)!);
      if (!g1 || !g2) {
        missingPair(item, src, faceId, g1, g2, res);
        pen += adv;
        continue;
      }
      const width = g1.advanceEm + g2.advanceEm;
      const s = size * Math.min(1, 0.95 / width);
      const x0 = -(width * s) / 2;
      const y = pen + (size - s) / 2 + s * EM_ASCENT;
      const run: GlyphRun = { ...main, face: g1.face, size: s, glyphs: [], role };
      run.glyphs.push({ gid: g1.gid, text: item.text[0], x: x0, y, advance: g1.advanceEm * s, src });
      run.glyphs.push({
        gid: g2.gid,
        text: item.text[1],
        x: x0 + g1.advanceEm * s,
        y,
        advance: g2.advanceEm * s,
        src: { ...src, offset: src.offset + 1 },
      });
      extra.push(run);
      pen += adv;
      continue;
    }
    const cp = item.text.codePointAt(0)!;
    const g = resolveGlyph(fonts, faceId, cp);
    if (!g) {
      res.missing.push({
        article: src.article,
        block: src.block,
        offset: src.offset,
        char: item.text,
        face: faceId,
      });
      pen += adv;
      continue;
    }
    let pg: PlacedGlyph;
    if (item.kind === 'rotated') {
      // Rotated 90° clockwise about its origin: the baseline runs down the column, a third of the
      // em left of the centre, so the letters' body sits centred on it.
      pg = { gid: g.gid, text: item.text, x: -0.33 * size, y: pen, advance: adv, src, rotate: true };
    } else {
      const face = fonts.face(g.face);
      const gid = face.verticalGlyphId(cp);
      const hAdv = g.advanceEm * size;
      pg = { gid, text: item.text, x: -hAdv / 2, y: pen + size * EM_ASCENT, advance: adv, src };
    }
    let run = g.face === main.face ? main : extra.find((r) => r.face === g.face && r.size === size);
    if (!run) {
      run = { ...main, face: g.face, glyphs: [] };
      extra.push(run);
    }
    run.glyphs.push(pg);
    pen += adv;
  }
  if (main.glyphs.length) res.runs.push(main);
  res.runs.push(...extra.filter((r) => r.glyphs.length));
}

function missingPair(
  item: VItem,
  src: { article: string; block: number; offset: number },
  face: string,
  g1: unknown,
  g2: unknown,
  res: HeadlineResult,
): void {
  if (!g1)
    res.missing.push({
      article: src.article,
      block: src.block,
      offset: src.offset,
      char: item.text[0],
      face,
    });
  if (!g2)
    res.missing.push({
      article: src.article,
      block: src.block,
      offset: src.offset + 1,
      char: item.text[1],
      face,
    });
}
