// Preflight: what would stop the presses or embarrass the paper, found before the PDF is made.
// One module for export (print presets refuse on errors), the CLI and the UI. It reads the
// edition and its display list — the same list the PDF painter draws — so it checks what prints.
import type {
  Box,
  Cmyk,
  DisplayList,
  DisplayPage,
  GlyphRun,
  ImageItem,
  Rule,
} from '../../../engine/display/types';
import type { Asset, Edition } from '../../../engine/model/types';
import { DEFAULT_INK_LIMIT } from '../../../engine/templates/validate';
import type { Template } from '../../../engine/templates/types';
import { useEditionFonts } from '../fonts/mapping';
import { embeddable, loadFontSet } from '../fonts';
import {
  inkInFrame,
  inkUnder,
  photoHeader,
  preparePrintPhoto,
  preparePrintPhotos,
  outputProfilePath,
  PRINT_PHOTO_DEFAULTS,
  type PrintPhoto,
  type Treatment,
} from '../pdf/photo';
import { INTENT_NAMES } from '../photos/intent';
import { readOutputProfile } from '../photos/profile';
import type { RenderingIntent } from '../../../engine/templates/types';
import { PhotoError, checkJpegSupported, checkPixelCount, jpegFrame, type PhotoSpace } from '../pdf/raster';
import { PRESET_TABLE, type PdfPreset } from '../../api/presets';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  severity: Severity;
  /** Stable English code for tools and tests: overset, missing-glyph, image-rgb … */
  code: string;
  /** What an editor reads, in Chinese. */
  message: string;
  /** Page number in the edition, or null for edition-wide findings. */
  page: number | null;
  article: string | null;
  /** Where on the page (points from the trim's top-left) or in the text (block and UTF-16 offset). */
  position?: { x: number; y: number } | { block: number; offset: number };
}

export interface PreflightOptions {
  preset: PdfPreset;
  /** Total area coverage limit, percent (C+M+Y+K), when the caller sets one (export --ink-limit): it
   *  wins over the page template's `inkLimit`, which is newsprint's 240 % unless the template says otherwise. */
  inkLimit?: number;
  /** Effective resolution under which a photo is flagged, pixels per inch. */
  minPpi: number;
  /** Templates by id, for their ink limits. */
  templates?: Record<string, Template>;
  /** How photos go to the plate: the plant's output profile and the output resolution (default 300 ppi). */
  photos?: {
    outputProfile?: string;
    resolution?: number;
    intent?: RenderingIntent;
    outputCondition?: string;
  };
}

export const PREFLIGHT_DEFAULTS: PreflightOptions = { preset: 'print-x1a', minPpi: 200 };

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const tac = (c: Cmyk): number => c.c + c.m + c.y + c.k;
const fmtPct = (v: number): string => `${Math.round(v)}%`;

/** The total ink limit on a page: the caller's when given, else its template's, else newsprint's 240 %. */
export function inkLimitOf(
  page: { number: number },
  edition: Edition,
  o: Pick<PreflightOptions, 'inkLimit' | 'templates'>,
): number {
  if (o.inkLimit !== undefined) return o.inkLimit;
  const tpl = edition.pages.find((p) => p.number === page.number)?.template;
  return (tpl ? o.templates?.[tpl]?.inkLimit : undefined) ?? DEFAULT_INK_LIMIT;
}

function checkInk(page: DisplayPage, limit: number, out: Finding[]) {
  const seen = new Set<string>();
  const flag = (c: Cmyk, what: string, x: number, y: number, article: string | null) => {
    const t = tac(c);
    if (t <= limit + 1e-9) return;
    const key = `${c.c}/${c.m}/${c.y}/${c.k}/${what}/${article}`;
    if (seen.has(key)) return; // one finding per colour and kind is enough to act on
    seen.add(key);
    out.push({
      severity: 'error',
      code: 'ink-limit',
      page: page.number,
      article,
      position: { x, y },
      message: `${what}颜色 C${c.c} M${c.m} Y${c.y} K${c.k} 总墨量 ${fmtPct(t)}，超过上限 ${fmtPct(limit)}`,
    });
  };
  for (const item of page.items) {
    if (item.kind === 'glyphs') flag(item.color, '文字', item.x, item.y, item.glyphs[0]?.src.article || null);
    else if (item.kind === 'rule') flag(item.color, '线条', item.x1, item.y1, null);
    else if (item.kind === 'box') {
      if (item.fill) flag(item.fill, '底色', item.x, item.y, null);
      if (item.stroke) flag(item.stroke.color, '边框', item.x, item.y, null);
    }
  }
}

/**
 * Overprint mistakes a plate-maker would catch: white set to overprint vanishes on press; small
 * text in rich black (K plus C/M/Y) shows coloured fringes at the slightest misregistration.
 */
function checkOverprint(page: DisplayPage, out: Finding[]) {
  const isWhite = (c: Cmyk) => c.c + c.m + c.y + c.k === 0;
  for (const item of page.items) {
    if (item.kind === 'glyphs' && item.glyphs.length) {
      const g = item.glyphs[0];
      const at = g.src.article ? { block: g.src.block, offset: g.src.offset } : { x: item.x, y: item.y };
      if (item.overprint && isWhite(item.color)) {
        out.push({
          severity: 'error',
          code: 'white-overprint',
          page: page.number,
          article: g.src.article || null,
          position: at,
          message: '白色文字设为叠印：印刷时会消失',
        });
      } else if (item.color.k >= 100 && item.color.c + item.color.m + item.color.y > 0 && item.size < 12) {
        out.push({
          severity: 'warning',
          code: 'rich-black-text',
          page: page.number,
          article: g.src.article || null,
          position: at,
          message: `${item.size}pt 小字用了四色黑 (C${item.color.c} M${item.color.m} Y${item.color.y} K${item.color.k})：套印稍有偏差就会出彩边，应只用 K100`,
        });
      }
    } else if (
      (item.kind === 'rule' && item.overprint && isWhite(item.color)) ||
      (item.kind === 'box' &&
        item.overprint &&
        ((item.fill && isWhite(item.fill)) || (item.stroke && isWhite(item.stroke.color))))
    ) {
      const x = item.kind === 'rule' ? item.x1 : item.x,
        y = item.kind === 'rule' ? item.y1 : item.y;
      out.push({
        severity: 'error',
        code: 'white-overprint',
        page: page.number,
        article: null,
        position: { x, y },
        message: '白色线条或底色设为叠印：印刷时会消失',
      });
    }
  }
}

/** Runs set in a fallback face: the block's own face lacked the character (a different design shows). */
function checkFallbacks(page: DisplayPage, out: Finding[]) {
  const fonts = loadFontSet();
  const byBlock = new Map<string, GlyphRun[]>();
  for (const item of page.items) {
    if (item.kind !== 'glyphs' || !item.glyphs.length) continue;
    const src = item.glyphs[0].src;
    if (!src.article) continue;
    const key = `${src.article}\u0000${src.block}`;
    const list = byBlock.get(key) ?? [];
    list.push(item);
    byBlock.set(key, list);
  }
  for (const runs of byBlock.values()) {
    const faces = [...new Set(runs.map((r) => r.face))];
    for (const run of runs) {
      const inChain = faces.find((f) => f !== run.face && fonts.fallbackChain(f).includes(run.face));
      // A rare character comes from a face outside every chain of the block's faces (NodeFontSet.rareFace).
      const rare = inChain
        ? undefined
        : faces.find((f) => f !== run.face && !fonts.fallbackChain(run.face).includes(f));
      const primary = inChain ?? rare;
      if (!primary) continue;
      const lacking = run.glyphs.filter((g) => {
        const cp = g.text.codePointAt(0);
        return cp !== undefined && !fonts.face(primary).has(cp);
      });
      if (!lacking.length) continue;
      const g = lacking[0];
      out.push({
        severity: 'warning',
        code: 'font-fallback',
        page: page.number,
        article: g.src.article,
        position: { block: g.src.block, offset: g.src.offset },
        message: inChain
          ? `“${lacking.map((l) => l.text).join('')}” 不在字体 ${primary} 中，以后备字体 ${run.face} 排出`
          : `生僻字“${lacking.map((l) => l.text).join('')}” 不在字体 ${primary} 及其后备字体中，以另有此字的字体 ${run.face} 排出`,
      });
    }
    for (const run of runs) {
      if (!run.face.endsWith('-system')) continue;
      const g = run.glyphs[0];
      out.push({
        severity: 'warning',
        code: 'font-system',
        page: page.number,
        article: g.src.article,
        position: { block: g.src.block, offset: g.src.offset },
        message: `“${run.glyphs.map((x) => x.text).join('')}” 用了本机系统字体 ${run.face}：别的电脑上排版可能不同`,
      });
    }
  }
}

function checkFonts(pages: DisplayPage[], out: Finding[]) {
  const faces = new Set<string>();
  for (const p of pages)
    for (const item of p.items) if (item.kind === 'glyphs' && item.glyphs.length) faces.add(item.face);
  for (const id of [...faces].sort()) {
    try {
      if (!embeddable(id))
        out.push({
          severity: 'error',
          code: 'font-not-embeddable',
          page: null,
          article: null,
          message: `字体 ${id} 的授权不允许嵌入 PDF`,
        });
    } catch (e) {
      out.push({
        severity: 'error',
        code: 'font-missing',
        page: null,
        article: null,
        message: `字体 ${id} 无法载入：${(e as Error).message}`,
      });
    }
  }
}

/** What preflight found out about one placed photo: what the press gets and how sharp it prints. */
export interface PhotoFacts {
  page: number;
  article: string | null;
  asset: string;
  /** The frame on the page, points from the trim's top-left. */
  frame: { x: number; y: number; w: number; h: number };
  /** Pixels in the file (not what the asset record says). */
  pixels: { width: number; height: number };
  /** Effective resolution: pixels over the size the whole image is printed at (crop and fill included). */
  ppi: number;
  source: PhotoSpace;
  /** How the photo reaches the plate (print presets), null for proofs. */
  treatment: Treatment | null;
  /** Highest total ink of a pixel inside the frame, percent (print presets). */
  maxInk: number | null;
  maxInkAt: { x: number; y: number } | null;
}

const PHOTO_ERROR_CODE: Record<PhotoError['kind'], string> = {
  damaged: 'image-damaged',
  unsupported: 'image-unsupported',
  'too-large': 'image-too-large',
};

function photoError(
  e: unknown,
  asset: Asset,
  page: number,
  article: string | null,
  at: { x: number; y: number },
): Finding {
  if (e instanceof PhotoError) {
    const what = e.kind === 'damaged' ? '无法读取' : e.kind === 'too-large' ? '太大' : '格式不受支持';
    return {
      severity: 'error',
      code: PHOTO_ERROR_CODE[e.kind],
      page,
      article,
      position: at,
      message: `照片 ${asset.id} ${what}：${e.message}`,
    };
  }
  return {
    severity: 'error',
    code: 'image-damaged',
    page,
    article,
    position: at,
    message: `照片 ${asset.id} 无法读取：${(e as Error).message}`,
  };
}

function examinePhoto(
  page: DisplayPage,
  item: ImageItem,
  edition: Edition,
  o: PreflightOptions,
  inkLimit: number,
  out: Finding[],
  printed: PrintPhoto[],
): PhotoFacts | null {
  const print = PRESET_TABLE[o.preset].print;
  const article = item.article ?? null;
  const at = { x: item.x, y: item.y };
  const asset = edition.assets.find((a) => a.id === item.asset);
  if (!asset) {
    out.push({
      severity: 'error',
      code: 'image-missing',
      page: page.number,
      article,
      position: at,
      message: `照片 ${item.asset} 不在本期稿件的素材里`,
    });
    return null;
  }
  const bytes = Buffer.from(asset.data, 'base64');
  let header: ReturnType<typeof photoHeader>;
  try {
    header = photoHeader(asset, bytes);
    if (asset.mime === 'image/jpeg') checkJpegSupported(jpegFrame(bytes));
    checkPixelCount(header.width, header.height);
  } catch (e) {
    out.push(photoError(e, asset, page.number, article, at));
    return null;
  }
  // Effective resolution: the file's pixels over the size the whole image prints at; a cropped or
  // filled frame enlarges the image, and that is what lowers the resolution.
  const ppi = Math.min(header.width / (item.imageW / 72), header.height / (item.imageH / 72));
  const facts: PhotoFacts = {
    page: page.number,
    article,
    asset: asset.id,
    frame: { x: item.x, y: item.y, w: item.w, h: item.h },
    pixels: { width: header.width, height: header.height },
    ppi,
    source: header.space,
    treatment: null,
    maxInk: null,
    maxInkAt: null,
  };
  if (ppi < o.minPpi) {
    out.push({
      severity: 'warning',
      code: 'image-low-resolution',
      page: page.number,
      article,
      position: at,
      message: `照片有效分辨率 ${Math.round(ppi)} ppi，低于 ${o.minPpi} ppi，印出来会发虚`,
    });
  }
  const resolution = o.photos?.resolution ?? PRINT_PHOTO_DEFAULTS.resolution;
  if (print && ppi >= o.minPpi && ppi < resolution - 0.5) {
    out.push({
      severity: 'info',
      code: 'image-upsampled',
      page: page.number,
      article,
      position: at,
      message: `照片有效分辨率 ${Math.round(ppi)} ppi，低于输出分辨率 ${resolution} ppi：按原有像素输出，由输出设备放大`,
    });
  }
  if (!print) {
    if (header.space === 'rgb')
      out.push({
        severity: 'info',
        code: 'image-rgb',
        page: page.number,
        article,
        position: at,
        message: '照片是 RGB 色彩：校样保留 RGB，印刷文件导出时转为 CMYK',
      });
    return facts;
  }
  let photo: PrintPhoto;
  try {
    photo = preparePrintPhoto(asset, bytes, {
      inkLimit,
      transparency: PRESET_TABLE[o.preset].transparency,
      ...o.photos,
    });
  } catch (e) {
    out.push(photoError(e, asset, page.number, article, at));
    return null;
  }
  facts.treatment = photo.treatment;
  facts.source = photo.source; // the pixels' own word: a palette of greys is grey
  printed.push(photo);
  if (photo.source === 'rgb') {
    out.push({
      severity: 'info',
      code: 'image-rgb',
      page: page.number,
      article,
      position: at,
      message:
        photo.treatment === 'gray'
          ? `照片是 RGB 色彩（${photo.rgbProfile}）但只有灰色：导出时转为灰度，只用黑墨`
          : `照片是 RGB 色彩（${photo.rgbProfile}）：导出时按输出特性文件（${profileName(photo.outputProfile)}）转为 CMYK，再现意图${INTENT_NAMES[photo.intent]}，总墨量不超过 ${fmtPct(inkLimit)}`,
    });
  }
  if (photo.treatment === 'converted') {
    out.push({
      severity: 'info',
      code: 'image-cmyk-converted',
      page: page.number,
      article,
      position: at,
      message: `照片是另一印刷条件的 CMYK：导出时按输出特性文件（${profileName(photo.outputProfile)}）转换，再现意图${INTENT_NAMES[photo.intent]}，总墨量不超过 ${fmtPct(inkLimit)}`,
    });
  }
  if (photo.flattened) {
    out.push({
      severity: 'warning',
      code: 'image-transparency',
      page: page.number,
      article,
      position: at,
      message: '照片带透明通道：PDF/X-1a 不允许透明，导出时在纸白上拼合（底下的底色或文字不会透出）',
    });
  }
  const ink = inkInFrame(photo, item, inkLimit);
  if (ink) {
    facts.maxInk = ink.max;
    facts.maxInkAt = ink.at;
    if (ink.overShare > 0) {
      out.push({
        severity: 'error',
        code: 'ink-limit',
        page: page.number,
        article,
        position: ink.at,
        message: `照片 ${asset.id} 印出总墨量最高 ${fmtPct(ink.max)}，超过上限 ${fmtPct(inkLimit)}（超限部分占图框内 ${ink.overShare < 0.001 ? '不到 0.1' : (ink.overShare * 100).toFixed(1)}%）：请按新闻纸特性重新分色`,
      });
    }
  }
  return facts;
}

function checkImages(
  page: DisplayPage,
  edition: Edition,
  o: PreflightOptions,
  inkLimit: number,
  out: Finding[],
  photos?: PhotoFacts[],
) {
  const print = PRESET_TABLE[o.preset].print;
  // Photos already painted, with what the plate gets: objects painted after them may overprint them.
  const under: { item: ImageItem; photo: PrintPhoto }[] = [];
  for (const item of page.items) {
    if (item.kind === 'box' && item.role === 'ad-slot') {
      out.push({
        severity: print ? 'error' : 'warning',
        code: 'ad-empty',
        page: page.number,
        article: null,
        position: { x: item.x, y: item.y },
        message: '广告位未填：版上留给广告的位置还没有放入广告',
      });
    }
    if (item.kind === 'box' && item.role === 'empty-photo') {
      out.push({
        severity: print ? 'error' : 'warning',
        code: 'photo-empty',
        page: page.number,
        article: null,
        position: { x: item.x, y: item.y },
        message: '图片框是空的：没有放入照片',
      });
    }
    if (
      print &&
      under.length &&
      (item.kind === 'glyphs' || item.kind === 'rule' || item.kind === 'box') &&
      item.overprint
    )
      checkOverprintOnPhotos(page, item, under, inkLimit, out);
    if (item.kind !== 'image') continue;
    const printed: PrintPhoto[] = [];
    const facts = examinePhoto(page, item, edition, o, inkLimit, out, printed);
    if (facts) photos?.push(facts);
    if (printed.length) under.push({ item, photo: printed[0] });
  }
}

/**
 * An ink limit is about areas (drying, set-off, show-through), so only areas count: fills, rules
 * and frames of 2 pt or more, and type of 12 pt or more. A K hairline round a photo or a K credit
 * in small type overprinting a photo is press practice (GWG: black type up to 12 pt overprints).
 */
const AREA_RULE = 2;
const AREA_TYPE = 12;

/** Where an overprinting object puts ink that counts: solid extents (rules, boxes) or the em boxes of its glyphs. */
function extents(item: GlyphRun | Rule | Box): {
  rects: { x: number; y: number; w: number; h: number; color: Cmyk }[];
  solid: boolean;
} {
  if (item.kind === 'rule') {
    if (item.width < AREA_RULE) return { solid: true, rects: [] };
    const half = item.width / 2;
    return {
      solid: true,
      rects: [
        {
          x: Math.min(item.x1, item.x2) - half,
          y: Math.min(item.y1, item.y2) - half,
          w: Math.abs(item.x2 - item.x1) + item.width,
          h: Math.abs(item.y2 - item.y1) + item.width,
          color: item.color,
        },
      ],
    };
  }
  if (item.kind === 'box') {
    const rects: { x: number; y: number; w: number; h: number; color: Cmyk }[] = [];
    if (item.fill) rects.push({ x: item.x, y: item.y, w: item.w, h: item.h, color: item.fill });
    if (item.stroke && item.stroke.width >= AREA_RULE) {
      const { width: sw, color } = item.stroke,
        h = sw / 2;
      rects.push(
        { x: item.x - h, y: item.y - h, w: item.w + sw, h: sw, color },
        { x: item.x - h, y: item.y + item.h - h, w: item.w + sw, h: sw, color },
        { x: item.x - h, y: item.y - h, w: sw, h: item.h + sw, color },
        { x: item.x + item.w - h, y: item.y - h, w: sw, h: item.h + sw, color },
      );
    }
    return { solid: true, rects };
  }
  if (item.size < AREA_TYPE) return { solid: false, rects: [] };
  // Glyphs cover part of their em box only: what the box finds is what the ink can reach.
  return {
    solid: false,
    rects: item.glyphs.map((g) => ({
      x: item.x + g.x,
      y: item.y + g.y - item.size * 0.88,
      w: item.vertical ? item.size : g.advance,
      h: item.size,
      color: item.color,
    })),
  };
}

function checkOverprintOnPhotos(
  page: DisplayPage,
  item: GlyphRun | Rule | Box,
  under: { item: ImageItem; photo: PrintPhoto }[],
  limit: number,
  out: Finding[],
) {
  const { rects, solid } = extents(item);
  let worst: { max: number; at: { x: number; y: number }; color: Cmyk } | null = null;
  for (const { item: img, photo } of under) {
    for (const r of rects) {
      if (tac(r.color) === 0) continue;
      const found = inkUnder(photo, img, r, r.color);
      if (found && (!worst || found.max > worst.max)) worst = { ...found, color: r.color };
    }
  }
  if (!worst || worst.max <= limit + 0.2) return;
  const what = item.kind === 'glyphs' ? '文字' : item.kind === 'rule' ? '线条' : '底色或边框';
  const article = item.kind === 'glyphs' ? item.glyphs[0]?.src.article || null : null;
  const c = worst.color;
  out.push({
    severity: solid ? 'error' : 'warning',
    code: 'ink-limit-overprint',
    page: page.number,
    article,
    position: worst.at,
    message: `${what}（C${c.c} M${c.m} Y${c.y} K${c.k}）叠印在照片上，叠加后总墨量${solid ? '' : '最高可达'} ${fmtPct(worst.max)}，超过上限 ${fmtPct(limit)}：改为挖空（不叠印）或移开`,
  });
}

/** Checks the pages of a display list (and the edition they come from) for print problems. */
function profileName(path: string): string {
  try {
    return readOutputProfile(path).description;
  } catch {
    return path.replace(/^.*[\\/]/, '');
  }
}

/**
 * Prepares the photos a print preflight looks at (decoded, separated and reduced by libvips off
 * the JavaScript thread); preflight and photoReport read them. Proofs need nothing prepared.
 */
export async function preparePreflightPhotos(
  edition: Edition,
  displayList: DisplayList,
  options: Partial<PreflightOptions> = {},
): Promise<void> {
  const o: PreflightOptions = { ...PREFLIGHT_DEFAULTS, ...options };
  if (!PRESET_TABLE[o.preset].print) return;
  await preparePrintPhotos(edition, displayList.pages, (page) => ({
    inkLimit: inkLimitOf(page, edition, o),
    transparency: PRESET_TABLE[o.preset].transparency,
    ...o.photos,
  }));
}

export function preflight(
  edition: Edition,
  displayList: DisplayList,
  options: Partial<PreflightOptions> = {},
): Finding[] {
  const o: PreflightOptions = { ...PREFLIGHT_DEFAULTS, ...options };
  const out: Finding[] = [];
  const condition = o.photos?.outputCondition;
  if (condition && PRESET_TABLE[o.preset].print)
    out.push({
      severity: 'info',
      code: 'output-condition',
      page: null,
      article: null,
      message:
        `输出条件为注册特性 ${condition}（http://www.color.org）` +
        (o.preset === 'print-x4' ? '，PDF/X-4 须嵌入特性文件，嵌入的是分色所用的' : '，PDF 不嵌入特性文件') +
        `；照片按输出特性文件（${profileName(outputProfilePath(o.photos ?? {}))}）分色，` +
        `再现意图${INTENT_NAMES[o.photos?.intent ?? 'perceptual']}：请确认它与 ${condition} 相符`,
    });
  for (const page of displayList.pages) {
    for (const fit of page.fits) {
      if (fit.oversetLines > 0 || fit.oversetChars > 0) {
        const mark = page.items.find((i) => i.kind === 'overset' && i.article === fit.article);
        out.push({
          severity: 'error',
          code: 'overset',
          page: page.number,
          article: fit.article,
          position: mark && mark.kind === 'overset' ? { x: mark.x, y: mark.y } : undefined,
          message: `稿件超版 ${fit.oversetLines} 行（${fit.oversetChars} 字）未排入：“${fit.oversetText.slice(0, 12)}${fit.oversetText.length > 12 ? '…' : ''}”`,
        });
      }
    }
    for (const m of page.missing) {
      out.push({
        severity: 'error',
        code: 'missing-glyph',
        page: page.number,
        article: m.article,
        position: { block: m.block, offset: m.offset },
        message: `字符“${m.char}”(U+${m.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) 在 ${m.face} 及其后备字体中都没有，无法排出`,
      });
    }
    // Layout's own warnings: overlapping stories would print one over the other.
    for (const w of page.warnings ?? []) {
      out.push({
        severity: w.code === 'overlap' ? 'error' : 'warning',
        code: `layout-${w.code}`,
        page: page.number,
        article: w.article,
        position: w.box ? { x: w.box.x, y: w.box.y } : undefined,
        message: w.message,
      });
    }
    checkFallbacks(page, out);
    checkOverprint(page, out);
    const limit = inkLimitOf(page, edition, o);
    checkImages(page, edition, o, limit, out);
    checkInk(page, limit, out);
  }
  checkFonts(displayList.pages, out);
  // Roles whose face (the template's, the machine's or the edition's) is not on this machine.
  if (o.templates) {
    for (const f of useEditionFonts(edition, o.templates))
      out.push({
        severity: 'warning',
        code: 'font-role-fallback',
        page: null,
        article: null,
        message: f.message,
      });
  }

  const placed = new Set(edition.pages.flatMap((p) => p.placements.map((pl) => pl.article)));
  for (const a of edition.articles) {
    if (!placed.has(a.id))
      out.push({
        severity: 'warning',
        code: 'article-unplaced',
        page: null,
        article: a.id,
        message: `稿件“${a.slug}”没有上版`,
      });
  }
  return out.sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.page ?? 0) - (b.page ?? 0),
  );
}

/** Each placed photo with its effective resolution, colour, treatment for the press and peak ink. */
export function photoReport(
  edition: Edition,
  displayList: DisplayList,
  options: Partial<PreflightOptions> = {},
): PhotoFacts[] {
  const o: PreflightOptions = { ...PREFLIGHT_DEFAULTS, ...options };
  const photos: PhotoFacts[] = [];
  for (const page of displayList.pages)
    checkImages(page, edition, o, inkLimitOf(page, edition, o), [], photos);
  return photos;
}

/** Counts by severity, for summaries and exit codes. */
export function tally(findings: Finding[]): Record<Severity, number> {
  const t: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) t[f.severity]++;
  return t;
}
