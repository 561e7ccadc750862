// Page painting: the display list's items (glyph runs, rules, boxes, photos, overset marks) as PDF
// content, each line of type a tagged span; layout decided every glyph's place, nothing here measures.
import type { Cmyk, DisplayPage, GlyphRun, ImageItem } from '../../../engine/display/types';
import { resolveGlyph } from '../../../engine/fonts/metrics';
import type { Edition } from '../../../engine/model/types';
import { loadFontSet, type FontkitFace } from '../fonts';
import { cmykOp, glyphRunOps, num, writeToUnicodeAsBfchar, type FontSlot, type PdfkitFont } from './content';
import { type PdfDoc, type PdfkitRef } from './document';
import { embedImage, type EmbeddedImage } from './images';
import { type PrepareOptions } from './photo';
import { ARTIFACT_OPEN, StructureBuilder } from './tags';
import { CopyingTrueTypeSubset, canCopySubset } from './subset';
import { CopyingCffSubset, canCopyCffSubset } from './cff-subset';
import { boxPath } from './shapes';

export const PROOF_RED: Cmyk = { c: 0, m: 100, y: 100, k: 0 };
export const LABEL_FACE = 'noto-sans-sc-700';

export interface PageContext {
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

export function slot(ctx: PageContext, faceId: string): FontSlot {
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

export function setOverprint(ctx: PageContext, on: boolean) {
  if (ctx.overprint === on) return;
  // Text and rules in 100 % K overprint so misregistration never shows paper around them.
  const name = on ? 'GsOP' : 'GsKO';
  ctx.doc.page.ext_gstates[name] = on ? ctx.gs.op : ctx.gs.ko;
  ctx.out.push(`/${name} gs`);
  ctx.overprint = on;
}

/** A line of text set by the painter itself (slug line, proof label), with the registry's faces. */
export function labelRun(
  text: string,
  faceId: string,
  size: number,
  x: number,
  y: number,
  color: Cmyk,
): GlyphRun {
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

export function paintRun(ctx: PageContext, run: GlyphRun) {
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

export function paintItems(ctx: PageContext, page: DisplayPage) {
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
        const rect = boxPath(item, num);
        ctx.out.push(ARTIFACT_OPEN);
        if (item.fill) ctx.out.push(cmykOp(item.fill, false), rect, 'f');
        if (item.stroke)
          ctx.out.push(
            cmykOp(item.stroke.color, true),
            `${num(item.stroke.width)} w`,
            item.stroke.dash?.length ? `[${item.stroke.dash.map(num).join(' ')}] 0 d` : '[] 0 d',
            rect,
            'S',
          );
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
