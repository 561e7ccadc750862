// Photos as export will print them: each placed photo read and checked (damaged, unsupported, too
// large, resolution), prepared for the plate (colour, ink) and reported; empty frames and ad slots.
import type { DisplayList, DisplayPage, ImageItem } from '../../../engine/display/types';
import type { Asset, Edition } from '../../../engine/model/types';
import {
  inkInFrame,
  photoHeader,
  preparePrintPhoto,
  preparePrintPhotos,
  PRINT_PHOTO_DEFAULTS,
  type PrintPhoto,
  type Treatment,
} from '../pdf/photo';
import { readOutputProfile } from '../photos/profile';
import { INTENT_NAMES } from '../photos/intent';
import { PhotoError, checkJpegSupported, checkPixelCount, jpegFrame, type PhotoSpace } from '../pdf/raster';
import { PRESET_TABLE } from '../../api/presets';
import { checkOverprintOnPhotos, fmtPct, inkLimitOf } from './ink';
import { PREFLIGHT_DEFAULTS, type Finding, type PreflightOptions } from './types';

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

export function checkImages(
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

export function profileName(path: string): string {
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
