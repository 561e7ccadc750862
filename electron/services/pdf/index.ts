// The PDF painter: draws a display list, and only the display list, for the press (PDF/X-1a,
// PDF/X-4) or for proofreaders. Layout decided every glyph's place; nothing here measures text.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Cmyk, DisplayList, DisplayPage, GlyphRun, ImageItem } from '../../../engine/display/types';
import { resolveGlyph } from '../../../engine/fonts/metrics';
import type { ArticleComment, Edition } from '../../../engine/model/types';
import { mmToPt } from '../../../engine/units';
import { loadFontSet, type FontkitFace } from '../fonts';
import { inkLimitOf, preflight, PREFLIGHT_DEFAULTS, type Finding, type PreflightOptions } from '../preflight';
import { cmykOp, glyphRunOps, num, writeToUnicodeAsBfchar, type FontSlot, type PdfkitFont } from './content';
import { createDocument, finish, xmpPacket, type PdfDoc, type PdfkitRef } from './document';
import { OUTPUT_CONDITION, OUTPUT_CONDITION_IDENTIFIER, newsprintProfile } from './icc';
import { embedImage, type EmbeddedImage } from './images';
import { preparePrintPhotos, type PrepareOptions } from './photo';
import { uprightJpeg } from '../photos/decode';
import { readOutputProfile } from '../photos/profile';
import { resourcePath } from '../resources';
import { ARTIFACT_OPEN, StructureBuilder } from './tags';
import { CopyingCffSubset, CopyingTrueTypeSubset, canCopyCffSubset, canCopySubset } from './subset';
import { PROOF_INFO_KEY, proofIdentity } from '../proof/identity';

export type PdfPreset = 'print-x1a' | 'print-x4' | 'proof';
export const PRESETS: readonly PdfPreset[] = ['print-x1a', 'print-x4', 'proof'];

export interface ExportOptions {
  preset: PdfPreset;
  /** Page numbers of the edition to export (all pages of the display list when absent). */
  pages?: number[];
  /** The time written into the file and its slug line; fixed time gives byte-identical files. */
  exportTime?: Date;
  /** Export although preflight found errors (print presets refuse otherwise). */
  force?: boolean;
  /** Editors' comments for proofs; the edition's unresolved comments when absent. */
  comments?: ArticleComment[];
  /** Passed to preflight (total ink limit and the like). */
  preflight?: Partial<PreflightOptions>;
  /** Told the print preflight's findings (warnings included) before the page is painted. */
  onFindings?(findings: Finding[]): void;
  /** The plant's CMYK output profile (an ICC file): the output intent embeds it and photos are separated with it. */
  outputProfile?: string;
  /** Output resolution for photos, ppi (default 300): larger photos are reduced to it in print. */
  resolution?: number;
  /** Called after each page is painted, for progress reports. */
  onPage?: (done: number, total: number, pageNumber: number) => void;
}

/** Print presets refuse files that would fail at the plant; the findings say why. */
export class PreflightRefusal extends Error {
  constructor(readonly findings: Finding[]) {
    const errors = findings.filter((f) => f.severity === 'error');
    super(
      `preflight found ${errors.length} error(s); export refused (use force to export anyway):\n` +
        errors.map((f) => `  ${f.code}: ${f.message}`).join('\n'),
    );
    this.name = 'PreflightRefusal';
  }
}

/** Geometry of marks outside the bleed, in points. */
export const MARKS = {
  /** Crop marks start this far outside the bleed edge… */
  gap: mmToPt(1),
  length: mmToPt(6),
  lineWidth: 0.25,
  /** …and the slug beyond the bleed holds marks and the slug line. */
  slug: mmToPt(12),
  targetRadius: mmToPt(2.2),
};

const REGISTRATION: Cmyk = { c: 100, m: 100, y: 100, k: 100 };
const PROOF_RED: Cmyk = { c: 0, m: 100, y: 100, k: 0 };
const SLUG_FACE = 'noto-sans-sc-400';
const LABEL_FACE = 'noto-sans-sc-700';

interface PageContext {
  doc: PdfDoc;
  out: string[];
  overprint: boolean | null;
  gs: { op: PdfkitRef; ko: PdfkitRef };
  slots: Map<string, FontSlot>;
  /** Embedded photos by asset (and ink limit); null for a photo that could not be read. */
  images: Map<string, EmbeddedImage | null>;
  edition: Edition;
  print: boolean;
  /** How photos reach the plate on this page (print presets only). */
  photos: PrepareOptions | null;
  /** Proofs: JPEGs turned upright by their EXIF orientation, by asset. */
  upright: Map<string, Buffer>;
  /** The structure tree being built (reading order). */
  tags: StructureBuilder;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local date and time with its offset: what the slug line and proof label say. */
export function formatExportTime(t: Date): string {
  const off = -t.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return `${t.getFullYear()}-${pad2(t.getMonth() + 1)}-${pad2(t.getDate())} ${pad2(t.getHours())}:${pad2(t.getMinutes())}:${pad2(t.getSeconds())} UTC${sign}${pad2(Math.floor(Math.abs(off) / 60))}:${pad2(Math.abs(off) % 60)}`;
}

/**
 * The face as pdfkit's EmbeddedFont sees it. pdfkit asks fontkit for glyph 0's advance, which
 * decodes a CJK face's whole loca and metrics tables (65 000 glyphs) through fontkit's structure
 * library, and makes a fontkit subset; the face already knows the advance, and TrueType faces
 * and CFF faces subset by copying (subset.ts). Everything else reads through to the fontkit font.
 */
function pdfkitSource(face: FontkitFace): unknown {
  const font = face.font as unknown as { getGlyph(gid: number): unknown };
  const createSubset = canCopySubset(face.font)
    ? () => new CopyingTrueTypeSubset(face.font, (gids) => face.loadGlyphs(gids))
    : canCopyCffSubset(face.font)
      ? () => new CopyingCffSubset(face.font, face.font.postscriptName || face.id)
      : null;
  if (!createSubset) return face.font;
  return Object.create(face.font, {
    getGlyph: {
      value: (gid: number) => (gid === 0 ? { advanceWidth: face.glyphAdvance(0) } : font.getGlyph(gid)),
    },
    createSubset: { value: createSubset },
  });
}

function slot(ctx: PageContext, faceId: string): FontSlot {
  let s = ctx.slots.get(faceId);
  if (!s) {
    const face = loadFontSet().face(faceId);
    ctx.doc.font(pdfkitSource(face));
    const font = ctx.doc._font as PdfkitFont;
    if (!ctx.print) writeToUnicodeAsBfchar(font);
    s = { face, font, name: font.id };
    ctx.slots.set(faceId, s);
  }
  ctx.doc.page.fonts[s.name] = s.font.ref();
  return s;
}

function setOverprint(ctx: PageContext, on: boolean) {
  if (ctx.overprint === on) return;
  // Text and rules in 100 % K overprint so misregistration never shows paper around them.
  const name = on ? 'GsOP' : 'GsKO';
  ctx.doc.page.ext_gstates[name] = on ? ctx.gs.op : ctx.gs.ko;
  ctx.out.push(`/${name} gs`);
  ctx.overprint = on;
}

/** A line of text set by the painter itself (slug line, proof label), with the registry's faces. */
function labelRun(text: string, faceId: string, size: number, x: number, y: number, color: Cmyk): GlyphRun {
  const fonts = loadFontSet();
  const glyphs: GlyphRun['glyphs'] = [];
  const runs: GlyphRun[] = [];
  let pen = 0;
  let face = faceId;
  const flush = () => {
    if (glyphs.length)
      runs.push({
        kind: 'glyphs',
        face,
        size,
        color,
        overprint: false,
        x,
        y,
        vertical: false,
        glyphs: glyphs.splice(0),
        role: 'mark',
      });
  };
  let offset = 0;
  for (const ch of text) {
    const r = resolveGlyph(fonts, faceId, ch.codePointAt(0)!);
    if (r) {
      if (r.face !== face) {
        flush();
        face = r.face;
      }
      glyphs.push({
        gid: r.gid,
        text: ch,
        x: pen,
        y: 0,
        advance: r.advanceEm * size,
        src: { article: '', block: 0, offset },
      });
      pen += r.advanceEm * size;
    }
    offset += ch.length;
  }
  flush();
  // Painter-set labels stay in one face in practice; a fallback face would start its own run.
  return runs.length === 1 ? runs[0] : { ...runs[0], glyphs: runs.flatMap((r) => r.glyphs) };
}

function paintRun(ctx: PageContext, run: GlyphRun) {
  if (!run.glyphs.length) return;
  setOverprint(ctx, run.overprint);
  ctx.out.push(cmykOp(run.color, false), glyphRunOps(run, slot(ctx, run.face)));
}

function paintImage(ctx: PageContext, item: ImageItem) {
  const asset = ctx.edition.assets.find((a) => a.id === item.asset);
  if (!asset) return; // preflight reports the missing photo; print presets refuse before this
  // Pages with different ink limits get their own separation of the same RGB photo.
  const key = ctx.photos ? `${asset.id}|${ctx.photos.inkLimit}` : asset.id;
  let img = ctx.images.get(key);
  if (img === undefined) {
    try {
      img = embedImage(
        ctx.doc,
        asset,
        Buffer.from(asset.data, 'base64'),
        `Im${ctx.images.size + 1}`,
        ctx.photos ?? undefined,
        ctx.upright.get(asset.id),
      );
    } catch {
      // Preflight names the photo and why; print presets refuse unless forced. A proof still goes
      // out (editors need it most when something is wrong), with the frame marked.
      img = null;
    }
    ctx.images.set(key, img);
  }
  if (!img) {
    ctx.out.push(ARTIFACT_OPEN);
    paintUnreadablePhoto(ctx, item);
    ctx.out.push('EMC');
    return;
  }
  ctx.doc.page.xobjects[img.name] = img.ref;
  setOverprint(ctx, false);
  ctx.out.push(
    ctx.tags.openFigure(item),
    'q',
    `${num(item.x)} ${num(item.y)} ${num(item.w)} ${num(item.h)} re W n`,
    // Image space is y-up; the page is y-down: flip while scaling the unit square to the image box
    // (a photo with an EXIF orientation was embedded turned upright).
    `${num(item.imageW)} 0 0 ${num(-item.imageH)} ${num(item.imageX)} ${num(item.imageY + item.imageH)} cm`,
    `/${img.name} Do`,
    'Q',
    'EMC',
  );
}

/** A frame whose photo cannot be read: crossed through, and in proofs labelled. */
function paintUnreadablePhoto(ctx: PageContext, item: ImageItem) {
  setOverprint(ctx, false);
  const color = ctx.print ? { c: 0, m: 0, y: 0, k: 100 } : PROOF_RED;
  ctx.out.push(
    cmykOp(color, true),
    '0.5 w',
    '[] 0 d',
    `${num(item.x)} ${num(item.y)} ${num(item.w)} ${num(item.h)} re S`,
    `${num(item.x)} ${num(item.y)} m ${num(item.x + item.w)} ${num(item.y + item.h)} l S`,
    `${num(item.x + item.w)} ${num(item.y)} m ${num(item.x)} ${num(item.y + item.h)} l S`,
  );
  if (!ctx.print) paintRun(ctx, labelRun('照片无法读取', LABEL_FACE, 8, item.x + 4, item.y + 12, PROOF_RED));
}

/** Runs continue one line when they share its origin and story: layout emits a line's runs together
 *  (a vertical column's too: its upright, rotated and 纵中横 runs all start at the column's head). */
function sameLine(a: GlyphRun, b: GlyphRun): boolean {
  return (
    a.vertical === b.vertical &&
    a.x === b.x &&
    a.y === b.y &&
    a.glyphs[0]?.src.article === b.glyphs[0]?.src.article
  );
}

/**
 * The text a line of type stands for: its glyphs' text in source order. Spaces inside a line are
 * set as gaps, not glyphs, where layout drops them (the running head's, a dateline's em space), so
 * a jump in the source offsets within a block, or a change of block within the line (a dateline
 * run in to its paragraph), is given back as one space and the words stay apart when copied.
 */
export function lineText(runs: readonly GlyphRun[]): string {
  let text = '';
  let block = NaN,
    next = NaN;
  // A vertical column may paint its side runs (a 竖题's other faces, two-digit numbers) after the
  // main one: its text is read in source order.
  const glyphs = runs[0]?.vertical
    ? runs
        .flatMap((r) => r.glyphs)
        .sort((p, q) =>
          p.src.article < q.src.article
            ? -1
            : p.src.article > q.src.article
              ? 1
              : p.src.block - q.src.block || p.src.offset - q.src.offset,
        )
    : runs.flatMap((r) => r.glyphs);
  {
    for (const g of glyphs) {
      if (text && (g.src.block !== block || g.src.offset > next) && !/\s$/.test(text) && !/^\s/.test(g.text))
        text += ' ';
      text += g.text;
      block = g.src.block;
      next = g.src.offset + g.text.length;
    }
  }
  return text;
}

function paintItems(ctx: PageContext, page: DisplayPage) {
  const items = page.items;
  // The run that opened the line span still open, if any.
  let line: GlyphRun | null = null;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (line && !(item.kind === 'glyphs' && item.glyphs.length && sameLine(line, item))) {
      ctx.out.push('EMC');
      line = null;
    }
    if (!line && item.kind === 'glyphs' && item.glyphs.length) {
      const runs = [item];
      for (let j = i + 1; j < items.length; j++) {
        const next = items[j];
        if (next.kind !== 'glyphs' || !next.glyphs.length || !sameLine(item, next)) break;
        runs.push(next);
      }
      ctx.out.push(ctx.tags.openLine(runs, lineText(runs)));
      line = item;
    }
    switch (item.kind) {
      case 'glyphs':
        paintRun(ctx, item);
        break;
      case 'rule':
        setOverprint(ctx, item.overprint);
        ctx.out.push(
          ARTIFACT_OPEN,
          cmykOp(item.color, true),
          `${num(item.width)} w`,
          item.dash?.length ? `[${item.dash.map(num).join(' ')}] 0 d` : '[] 0 d',
          `${num(item.x1)} ${num(item.y1)} m ${num(item.x2)} ${num(item.y2)} l S`,
          'EMC',
        );
        break;
      case 'box': {
        setOverprint(ctx, item.overprint);
        const rect = `${num(item.x)} ${num(item.y)} ${num(item.w)} ${num(item.h)} re`;
        ctx.out.push(ARTIFACT_OPEN);
        if (item.fill) ctx.out.push(cmykOp(item.fill, false), rect, 'f');
        if (item.stroke)
          ctx.out.push(cmykOp(item.stroke.color, true), `${num(item.stroke.width)} w`, '[] 0 d', rect, 'S');
        ctx.out.push('EMC');
        break;
      }
      case 'image':
        paintImage(ctx, item);
        break;
      case 'overset':
        // Overset is a fact for editors, never ink on a plate: only proofs show the mark.
        if (!ctx.print) {
          setOverprint(ctx, false);
          const s = 9;
          ctx.out.push(
            ARTIFACT_OPEN,
            cmykOp(PROOF_RED, false),
            `${num(item.x - s)} ${num(item.y - s)} ${s} ${s} re f`,
          );
          paintRun(ctx, labelRun(`超${item.lines}行`, LABEL_FACE, 6, item.x + 2, item.y - 2, PROOF_RED));
          ctx.out.push('EMC');
        }
        break;
    }
  }
  if (line) ctx.out.push('EMC');
}

function circle(cx: number, cy: number, r: number): string {
  const k = 0.5523 * r;
  return [
    `${num(cx + r)} ${num(cy)} m`,
    `${num(cx + r)} ${num(cy + k)} ${num(cx + k)} ${num(cy + r)} ${num(cx)} ${num(cy + r)} c`,
    `${num(cx - k)} ${num(cy + r)} ${num(cx - r)} ${num(cy + k)} ${num(cx - r)} ${num(cy)} c`,
    `${num(cx - r)} ${num(cy - k)} ${num(cx - k)} ${num(cy - r)} ${num(cx)} ${num(cy - r)} c`,
    `${num(cx + k)} ${num(cy - r)} ${num(cx + r)} ${num(cy - k)} ${num(cx + r)} ${num(cy)} c`,
    'S',
  ].join('\n');
}

/** Crop marks, registration targets and the slug line, in registration colour outside the bleed. */
function paintMarks(ctx: PageContext, page: DisplayPage, slugText: string) {
  const { width: W, height: H, bleed } = page;
  const start = bleed + MARKS.gap;
  const end = start + MARKS.length;
  setOverprint(ctx, false);
  const o = ctx.out;
  // Marks and slug belong to the sheet, not the page's copy: marked as a pagination artifact so
  // readers that follow marked content leave them out of reading order, search and copy.
  o.push('/Artifact <</Type /Pagination>> BDC');
  o.push(cmykOp(REGISTRATION, true), `${MARKS.lineWidth} w`, '[] 0 d');
  for (const [x, sx] of [
    [0, -1],
    [W, 1],
  ] as const) {
    for (const [y, sy] of [
      [0, -1],
      [H, 1],
    ] as const) {
      o.push(`${num(x + sx * start)} ${num(y)} m ${num(x + sx * end)} ${num(y)} l S`);
      o.push(`${num(x)} ${num(y + sy * start)} m ${num(x)} ${num(y + sy * end)} l S`);
    }
  }
  const d = bleed + MARKS.gap + MARKS.length / 2;
  const r = MARKS.targetRadius;
  for (const [cx, cy] of [
    [W / 2, -d],
    [W / 2, H + d],
    [-d, H / 2],
    [W + d, H / 2],
  ]) {
    o.push(circle(cx, cy, r), circle(cx, cy, r / 2));
    o.push(
      `${num(cx - r * 1.5)} ${num(cy)} m ${num(cx + r * 1.5)} ${num(cy)} l S`,
      `${num(cx)} ${num(cy - r * 1.5)} m ${num(cx)} ${num(cy + r * 1.5)} l S`,
    );
  }
  paintRun(ctx, labelRun(slugText, SLUG_FACE, 6, end + mmToPt(2), H + bleed + MARKS.gap + 7, REGISTRATION));
  o.push('EMC');
}

/** Proof pages say so at the head, so a proof is never mistaken for the plate file. */
function paintProofLabel(ctx: PageContext, page: DisplayPage, when: string) {
  const y = Math.max(12, page.typeArea.y * 0.42);
  paintRun(ctx, labelRun('校样', LABEL_FACE, 14, page.width - page.typeArea.x - 30, y, PROOF_RED));
  paintRun(
    ctx,
    labelRun(`第${page.number}版 ${page.section}  ${when}`, SLUG_FACE, 6.5, page.typeArea.x, y, PROOF_RED),
  );
}

interface Quad {
  x1: number;
  x2: number;
  top: number;
  bottom: number;
}

/** Where a comment's anchored text sits on a page: one quad per glyph run it touches. */
function commentQuads(page: DisplayPage, c: ArticleComment): Quad[] {
  const quads: Quad[] = [];
  if (!c.anchor) return quads;
  const { block, offset, length } = c.anchor;
  const fonts = loadFontSet();
  for (const item of page.items) {
    if (item.kind !== 'glyphs' || item.vertical) continue;
    let q: Quad | null = null;
    for (const g of item.glyphs) {
      if (
        g.src.article !== c.article ||
        g.src.block !== block ||
        g.src.offset < offset ||
        g.src.offset >= offset + Math.max(1, length)
      )
        continue;
      const face = fonts.face(item.face);
      const top = item.y + g.y - (face.ascender / face.unitsPerEm) * item.size;
      const bottom = item.y + g.y - (face.descender / face.unitsPerEm) * item.size;
      if (!q) q = { x1: item.x + g.x, x2: item.x + g.x + g.advance, top, bottom };
      else {
        q.x2 = Math.max(q.x2, item.x + g.x + g.advance);
        q.top = Math.min(q.top, top);
        q.bottom = Math.max(q.bottom, bottom);
      }
    }
    if (q) quads.push(q);
  }
  return quads;
}

function firstGlyphOf(page: DisplayPage, article: string): { x: number; y: number } | null {
  for (const item of page.items)
    if (item.kind === 'glyphs' && item.glyphs.length && item.glyphs[0].src.article === article)
      return { x: item.x, y: item.y };
  return null;
}

/** Editors' comments as highlight or note annotations, each with an appearance stream. */
function annotate(ctx: PageContext, page: DisplayPage, comments: ArticleComment[], mediaH: number) {
  const doc = ctx.doc;
  const flip = (y: number) => mediaH - y;
  for (const c of comments) {
    const quads = commentQuads(page, c);
    const common = {
      Type: 'Annot',
      Contents: new String(c.text),
      T: new String(c.author),
      NM: new String(`comment-${c.id}`),
      M: new Date(c.at),
      CreationDate: new Date(c.at),
      F: 4,
      Subj: new String('批注'),
      C: [1, 0.85, 0],
    };
    if (quads.length) {
      const x1 = Math.min(...quads.map((q) => q.x1)),
        x2 = Math.max(...quads.map((q) => q.x2));
      const top = Math.min(...quads.map((q) => q.top)),
        bottom = Math.max(...quads.map((q) => q.bottom));
      const rect = [x1, flip(bottom), x2, flip(top)].map(num).map(Number);
      const qp = quads.flatMap((q) =>
        [q.x1, flip(q.top), q.x2, flip(q.top), q.x1, flip(q.bottom), q.x2, flip(q.bottom)].map((v) =>
          Number(num(v)),
        ),
      );
      const ms = doc.ref({ Type: 'ExtGState', BM: 'Multiply', ca: 0.6 });
      ms.end();
      const ap = doc.ref({
        Type: 'XObject',
        Subtype: 'Form',
        BBox: rect,
        Resources: { ExtGState: { GsHL: ms } },
      });
      ap.end(
        [
          '/GsHL gs',
          '0 0.15 1 0 k',
          ...quads.map(
            (q) => `${num(q.x1)} ${num(flip(q.bottom))} ${num(q.x2 - q.x1)} ${num(q.bottom - q.top)} re f`,
          ),
        ].join('\n'),
      );
      const a = doc.ref({ ...common, Subtype: 'Highlight', Rect: rect, QuadPoints: qp, AP: { N: ap } });
      a.end();
      doc.page.annotations.push(a);
    } else {
      const at = firstGlyphOf(page, c.article);
      if (!at) continue;
      const x = Math.max(2, at.x - 18),
        y = flip(at.y);
      const rect = [x, y, x + 14, y + 14].map(num).map(Number);
      const ap = doc.ref({ Type: 'XObject', Subtype: 'Form', BBox: rect });
      ap.end(
        `0 0.15 1 0 k 0 0 0 0.8 K 0.5 w ${num(x + 0.5)} ${num(y + 0.5)} 13 13 re B ${num(x + 3)} ${num(y + 9.5)} m ${num(x + 11)} ${num(y + 9.5)} l ${num(x + 3)} ${num(y + 7)} m ${num(x + 11)} ${num(y + 7)} l ${num(x + 3)} ${num(y + 4.5)} m ${num(x + 9)} ${num(y + 4.5)} l S`,
      );
      const a = doc.ref({
        ...common,
        Subtype: 'Text',
        Rect: rect,
        Name: 'Comment',
        Open: false,
        AP: { N: ap },
      });
      a.end();
      doc.page.annotations.push(a);
    }
  }
}

function title(edition: Edition, pages: DisplayPage[]): string {
  const issue = edition.issue != null ? ` 第${edition.issue}期` : '';
  const which = pages.length === 1 ? ` 第${pages[0].number}版 ${pages[0].section}` : ` ${pages.length}版`;
  return `${edition.paper.name} ${edition.date}${issue}${which}`;
}

/** Renders the chosen pages of a display list to one PDF. */
export async function exportPdf(
  displayList: DisplayList,
  edition: Edition,
  options: ExportOptions,
): Promise<Buffer> {
  if (!PRESETS.includes(options.preset))
    throw new Error(`unknown PDF preset "${options.preset}" (use ${PRESETS.join(', ')})`);
  const print = options.preset !== 'proof';
  const wanted = options.pages;
  const pages = wanted ? displayList.pages.filter((p) => wanted.includes(p.number)) : displayList.pages;
  if (wanted) {
    const missing = wanted.filter((n) => !displayList.pages.some((p) => p.number === n));
    if (missing.length) throw new Error(`the edition has no page ${missing.join(', ')}`);
  }
  if (!pages.length) throw new Error('nothing to export: no pages');

  // The plant's profile and the photos' resolution: the command's, else the first page's template's.
  const template =
    options.preflight?.templates?.[edition.pages.find((p) => p.number === pages[0].number)?.template ?? ''];
  const profileFile =
    options.outputProfile ??
    (template?.outputProfile ? resolve(resourcePath('templates'), template.outputProfile) : undefined);
  const resolution = options.resolution ?? template?.resolution;
  const plant = print && profileFile ? readOutputProfile(profileFile) : null;
  const photoOptions = (page: DisplayPage): PrepareOptions => ({
    inkLimit: inkLimitOf(page, edition, { ...PREFLIGHT_DEFAULTS, ...options.preflight }),
    transparency: options.preset === 'print-x1a' ? 'flatten' : 'keep',
    outputProfile: plant?.path,
    resolution,
  });
  const upright = new Map<string, Buffer>();
  if (print) {
    await preparePrintPhotos(edition, pages, photoOptions);
    const findings = preflight(
      edition,
      { ...displayList, pages },
      { preset: options.preset, ...options.preflight, photos: { outputProfile: plant?.path, resolution } },
    );
    options.onFindings?.(findings);
    if (!options.force && findings.some((f) => f.severity === 'error')) throw new PreflightRefusal(findings);
  } else {
    for (const a of edition.assets) {
      if (
        a.mime !== 'image/jpeg' ||
        !pages.some((p) => p.items.some((i) => i.kind === 'image' && i.asset === a.id))
      )
        continue;
      try {
        const up = await uprightJpeg(Buffer.from(a.data, 'base64'));
        if (up) upright.set(a.id, up);
      } catch {
        // Unreadable: the painter crosses the frame out.
      }
    }
  }

  const exportTime = options.exportTime ?? new Date();
  const when = formatExportTime(exportTime);
  const docTitle = title(edition, pages);
  const hash = createHash('md5');
  hash.update(
    JSON.stringify({
      preset: options.preset,
      time: exportTime.getTime(),
      edition: edition.id,
      list: displayList.edition,
    }),
  );
  for (const p of pages) hash.update(JSON.stringify(p));
  const id = hash.digest();
  const hex = id.toString('hex');
  const documentId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  const pdfx =
    options.preset === 'print-x1a' ? 'PDF/X-1a:2003' : options.preset === 'print-x4' ? 'PDF/X-4' : undefined;

  const info: Record<string, string | Date> = {
    Title: docTitle,
    Subject: `${edition.paper.name} ${edition.date}`,
    Creator: 'Banmian 版面',
    Producer: 'Banmian 版面 (pdfkit)',
    CreationDate: exportTime,
    ModDate: exportTime,
  };
  if (pdfx) info.GTS_PDFXVersion = pdfx;
  // Proofs name their edition and pages, so proofreaders' marks can come back to the right text:
  // in the information dictionary and again in the XMP packet, which readers that rewrite the
  // whole file on save keep while dropping information entries they do not know.
  const proofId = print ? undefined : proofIdentity(edition.id, pages, exportTime);
  if (proofId) info[PROOF_INFO_KEY] = proofId;
  if (options.preset === 'print-x1a') info.GTS_PDFXConformance = pdfx!;
  const doc = createDocument({
    version: options.preset === 'print-x4' ? '1.6' : '1.4',
    info,
    names: { Trapped: 'False' },
    id,
    xmp: xmpPacket({
      title: docTitle,
      creator: 'Banmian 版面',
      producer: 'Banmian 版面 (pdfkit)',
      created: exportTime.toISOString().replace(/\.\d+Z$/, 'Z'),
      pdfx: options.preset === 'print-x4' ? pdfx : undefined,
      trapped: 'False',
      documentId,
      proof: proofId,
    }),
  });

  if (print) {
    // The plant's own profile, byte for byte, named by its description (PDF/X: 'Custom' condition);
    // else the built-in newsprint profile under the registered characterization it models.
    const profile = doc.ref({ N: 4 });
    profile.end(plant?.bytes ?? newsprintProfile());
    const intent = doc.ref({
      Type: 'OutputIntent',
      S: 'GTS_PDFX',
      OutputConditionIdentifier: new String(plant ? 'Custom' : OUTPUT_CONDITION_IDENTIFIER),
      OutputCondition: new String(plant ? plant.description : OUTPUT_CONDITION),
      RegistryName: new String('http://www.color.org'),
      Info: new String(plant ? plant.description : OUTPUT_CONDITION),
      DestOutputProfile: profile,
    });
    intent.end();
    doc._root.data.OutputIntents = [intent];
  }
  const op = doc.ref({ Type: 'ExtGState', OP: true, op: true, OPM: 1 });
  op.end();
  const ko = doc.ref({ Type: 'ExtGState', OP: false, op: false, OPM: 0 });
  ko.end();

  const slots = new Map<string, FontSlot>();
  const images = new Map<string, EmbeddedImage | null>();
  const tags = new StructureBuilder(doc, edition);
  const comments = print ? [] : (options.comments ?? (edition.comments ?? []).filter((c) => !c.resolved));
  let done = 0;
  for (const page of pages) {
    const margin = print ? page.bleed + MARKS.slug : 0;
    const mediaW = page.width + 2 * margin;
    const mediaH = page.height + 2 * margin;
    doc.addPage({ size: [mediaW, mediaH], margin: 0 });
    const dict = doc.page.dictionary.data;
    tags.beginPage(doc.page.dictionary, dict, { margin, mediaH });
    delete dict.UserUnit; // a PDF 1.6 key pdfkit adds to every page; PDF/X-1a files are PDF 1.4
    if (print) {
      dict.TrimBox = [margin, margin, margin + page.width, margin + page.height];
      dict.BleedBox = [
        margin - page.bleed,
        margin - page.bleed,
        margin + page.width + page.bleed,
        margin + page.height + page.bleed,
      ];
    }
    const photos = print ? photoOptions(page) : null;
    const ctx: PageContext = {
      doc,
      out: [],
      overprint: null,
      gs: { op, ko },
      slots,
      images,
      edition,
      print,
      photos,
      upright,
      tags,
    };
    // pdfkit set a y-down matrix for the media box; move the origin to the trim box's top-left.
    ctx.out.push('q', `1 0 0 1 ${num(margin)} ${num(margin)} cm`);
    paintItems(ctx, page);
    if (print)
      paintMarks(
        ctx,
        page,
        `${title(edition, [page])}  ${options.preset === 'print-x1a' ? 'PDF/X-1a' : 'PDF/X-4'}  导出 ${when}`,
      );
    else {
      ctx.out.push(ARTIFACT_OPEN);
      paintProofLabel(ctx, page, when);
      ctx.out.push('EMC');
    }
    ctx.out.push('Q');
    doc.addContent(ctx.out.join('\n'));
    if (!print && comments.length) annotate(ctx, page, comments, mediaH);
    tags.endPage(dict);
    done++;
    options.onPage?.(done, pages.length, page.number);
  }
  tags.finish();
  return finish(doc);
}

export type { Finding } from '../preflight';
