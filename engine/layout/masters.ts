// Master items: the 报头 on page 1, the 报眉 with its rule on the others, the folio. Their text is the
// template's pattern filled from the edition; an item whose fields the edition lacks is left out
// rather than printed half empty.
import type { DisplayItem, GlyphRun, MissingGlyph } from '../display/types';
import type { FontSet } from '../fonts/metrics';
import { resolveGlyph } from '../fonts/metrics';
import type { Edition, Page } from '../model/types';
import type { MasterItem, MasterText, Template } from '../templates/types';
import { overprints } from './emit';

const HAN_DIGITS = '〇一二三四五六七八九';
const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** 1–99 in Han numerals, as page numbers are named (第十二版). */
export function hanNumber(n: number): string {
  if (n < 10) return HAN_DIGITS[n];
  if (n < 20) return '十' + (n % 10 ? HAN_DIGITS[n % 10] : '');
  if (n < 100) return HAN_DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? HAN_DIGITS[n % 10] : '');
  return String(n);
}

/** Day of the week of an ISO date, from the date alone (no clock, no time zone). */
export function weekday(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  // Zeller-style count of days since a fixed Sunday.
  const a = Math.floor((14 - m) / 12);
  const yy = y - a;
  const mm = m + 12 * a - 2;
  const dow =
    (d + yy + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) + Math.floor((31 * mm) / 12)) %
    7;
  return WEEKDAYS[dow];
}

export function masterFields(e: Edition, page: Page): Record<string, string | null> {
  const [y, m, d] = e.date.split('-').map(Number);
  return {
    paper: e.paper.name,
    date: `${y}年${m}月${d}日`,
    weekday: weekday(e.date),
    page: String(page.number),
    pages: String(e.pages.length),
    pageHan: hanNumber(page.number),
    section: page.section || null,
    issue: e.issue === null ? null : String(e.issue),
    totalIssue: e.totalIssue == null ? null : String(e.totalIssue),
    serial: e.paper.serial ?? null,
  };
}

function fill(pattern: string, fields: Record<string, string | null>): string | null {
  let missing = false;
  const text = pattern.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = fields[k];
    if (v == null || v === '') missing = true;
    return v ?? '';
  });
  return missing ? null : text;
}

/**
 * Where each text item's baseline goes. Items on one side of the masthead (the 报眼's date, weekday,
 * issue and serial lines) form a stack; when the edition lacks an item's fields it is left out, and
 * the items above it move down into the lowest places of the stack, so the stack stays bottom-aligned
 * with the paper's name and shows no hole where the missing line would have been.
 */
function stackedBaselines(items: MasterItem[], texts: (string | null)[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const anchor of ['left', 'center', 'right'] as const) {
    const stack = items
      .map((it, i) => ({ it, i }))
      .filter((x) => x.it.kind === 'text' && x.it.anchor === anchor);
    const places = stack.map((x) => (x.it as MasterText).baseline).sort((a, b) => a - b);
    const shown = stack
      .filter((x) => texts[x.i] !== null)
      .sort((a, b) => (a.it as MasterText).baseline - (b.it as MasterText).baseline);
    // Items on one line (the running head's) are not a stack: they keep their places.
    if (new Set(places).size !== places.length) {
      for (const x of shown) out.set(x.i, (x.it as MasterText).baseline);
      continue;
    }
    shown.forEach((x, k) => out.set(x.i, places[places.length - shown.length + k]));
  }
  return out;
}

export function setMasterItems(
  items: MasterItem[],
  t: Template,
  fields: Record<string, string | null>,
  fonts: FontSet,
  out: DisplayItem[],
  missing: MissingGlyph[],
): void {
  const ta = t.typeArea;
  const texts = items.map((item) => (item.kind === 'text' ? fill(item.text, fields) : null));
  const baselines = stackedBaselines(items, texts);
  items.forEach((item, index) => {
    if (item.kind === 'rule') {
      out.push({
        kind: 'rule',
        x1: ta.x + item.x1,
        y1: ta.y + item.y1,
        x2: ta.x + item.x2,
        y2: ta.y + item.y2,
        width: item.width,
        color: item.color,
        overprint: overprints(item.color),
      });
      return;
    }
    const text = texts[index];
    if (text === null) return;
    // Glyphs first, to know the width for right and centre anchors.
    const glyphs: { face: string; gid: number; text: string; adv: number; offset: number }[] = [];
    let width = 0;
    let offset = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const g = resolveGlyph(fonts, item.face, cp);
      if (!g) {
        missing.push({ article: null, block: index, offset, char: ch, face: item.face });
      } else {
        const adv = g.advanceEm * item.size;
        glyphs.push({ face: g.face, gid: g.gid, text: ch, adv, offset });
        width += adv + item.tracking * item.size;
      }
      offset += ch.length;
    }
    if (glyphs.length) width -= item.tracking * item.size;
    const x =
      item.anchor === 'left'
        ? ta.x + item.dx
        : item.anchor === 'right'
          ? ta.x + ta.w - width + item.dx
          : ta.x + (ta.w - width) / 2 + item.dx;
    const y = ta.y + (baselines.get(index) ?? item.baseline);
    let run: GlyphRun | null = null;
    let pen = 0;
    for (const g of glyphs) {
      if (!run || run.face !== g.face) {
        run = {
          kind: 'glyphs',
          face: g.face,
          size: item.size,
          color: item.color,
          overprint: overprints(item.color),
          x,
          y,
          vertical: false,
          glyphs: [],
          role: 'master',
        };
        out.push(run);
      }
      // Master text is the template's, not an article's: its source names the master item.
      if (g.text.trim())
        run.glyphs.push({
          gid: g.gid,
          text: g.text,
          x: pen,
          y: 0,
          advance: g.adv,
          src: { article: '', block: index, offset: g.offset },
        });
      pen += g.adv + item.tracking * item.size;
    }
  });
}
