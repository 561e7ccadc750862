// Recognising a proof page by its copy, for proofs whose identification a rewriting tool dropped:
// the text a PDF reader extracts from the page, and where each piece of it starts, are compared
// with the lines of a laid-out page. Marks are only mapped by geometry onto a page whose every line
// stands where it stood and says what it said; a page most of whose copy lines still match is the
// same page re-set since, and gets none.
import type { DisplayPage } from '../display/types';
import type { PageText } from './types';

/** Points a piece of text may be off its line's baseline or glyph origin (tools round coordinates). */
const SLACK = 0.75;

/** Share of its copy lines a page must still have to count as the same page, re-set. */
const SAME_PAGE = 0.5;

/** A stretch of glyphs the painter writes with one text position: where it starts and ends. */
interface Segment {
  y: number;
  x0: number;
  x1: number;
  text: string;
  origins: number[];
  copy: boolean;
}

interface Line {
  y: number;
  /** Text of the line's segments in order along the baseline, whitespace removed. */
  text: string;
  /** Where each glyph starts: a piece of extracted text always begins at one. */
  origins: number[];
  segments: Segment[];
  /** The line carries article text (not the masthead or a placeholder). */
  copy: boolean;
}

const squeeze = (s: string) => s.replace(/\s+/g, '').normalize('NFKC');

/**
 * The page's baselines with their text, as the painter writes them: a horizontal run is one piece
 * per baseline (a shifted or turned glyph starts another); in a vertical run each glyph is its own.
 */
function pageLines(page: DisplayPage): Line[] {
  const segs: Segment[] = [];
  for (const item of page.items) {
    if (item.kind !== 'glyphs' || !item.glyphs.length) continue;
    const copy = item.role !== 'master' && item.role !== 'placeholder' && item.role !== 'mark';
    const gs = item.glyphs;
    let i = 0;
    while (i < gs.length) {
      let j = i + 1;
      if (!item.vertical && !gs[i].rotate) while (j < gs.length && gs[j].y === gs[i].y && !gs[j].rotate) j++;
      const part = gs.slice(i, j);
      const text = squeeze(part.map((g) => g.text).join(''));
      if (text) {
        const last = part[part.length - 1];
        segs.push({
          y: item.y + part[0].y,
          x0: item.x + part[0].x,
          x1: item.x + last.x + Math.max(last.advance, item.vertical ? item.size : 0),
          text,
          origins: part.map((g) => item.x + g.x),
          copy: copy && part.some((g) => !!g.src.article),
        });
      }
      i = j;
    }
  }
  segs.sort((a, b) => a.y - b.y || a.x0 - b.x0);
  const lines: Line[] = [];
  for (const s of segs) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - s.y) <= SLACK / 2) last.segments.push(s);
    else lines.push({ y: s.y, text: '', origins: [], segments: [s], copy: false });
  }
  for (const l of lines) {
    l.segments.sort((a, b) => a.x0 - b.x0);
    l.text = l.segments.map((s) => s.text).join('');
    l.origins = l.segments.flatMap((s) => s.origins);
    l.copy = l.segments.some((s) => s.copy);
  }
  return lines;
}

export interface PageMatch {
  /** Copy lines (article text) whose text and glyph origins match, of all the laid-out page has. */
  matched: number;
  total: number;
  /** Every line matches, and the proof has no text inside the type area that the page lacks. */
  exact: boolean;
  /** The page is this page of the edition, as it stands or re-set since. */
  same: boolean;
}

/** Compares a proof page's extracted text with a laid-out page. */
export function matchPageText(page: DisplayPage, pieces: PageText[]): PageMatch {
  const lines = pageLines(page);
  const got = lines.map(() => [] as PageText[]);
  let extra = 0;
  const ta = page.typeArea;
  for (const p of pieces) {
    let best = -1;
    let bestDy = Infinity;
    // Lines are sorted by baseline; a binary search would do, but a page has a few hundred.
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      const dy = Math.abs(l.y - p.y);
      if (dy > SLACK || dy >= bestDy) continue;
      if (!l.segments.some((s) => p.x >= s.x0 - SLACK && p.x <= s.x1 + SLACK)) continue;
      best = i;
      bestDy = dy;
    }
    if (best >= 0) got[best].push(p);
    else if (
      p.x >= ta.x - SLACK &&
      p.x <= ta.x + ta.w + SLACK &&
      p.y >= ta.y - SLACK &&
      p.y <= ta.y + ta.h + SLACK
    )
      extra++;
  }
  let matched = 0,
    total = 0,
    all = true;
  lines.forEach((l, i) => {
    const ps = got[i].sort((a, b) => a.x - b.x);
    const ok =
      squeeze(ps.map((p) => p.text).join('')) === l.text &&
      ps.every((p) => l.origins.some((x) => Math.abs(x - p.x) <= SLACK));
    if (!ok) all = false;
    if (l.copy) {
      total++;
      if (ok) matched++;
    }
  });
  const exact = all && extra === 0 && lines.length > 0;
  return { matched, total, exact, same: exact || (total > 0 && matched / total >= SAME_PAGE) };
}
