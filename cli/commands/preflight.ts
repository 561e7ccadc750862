// banmian preflight: lists what would stop the presses — overset, missing characters, fonts,
// photos (resolution, RGB), total ink, empty frames, unplaced articles — as text or JSON.
import type { CliIO } from '../io';
import { FONT_HELP, withFontOptions } from '../font-options';
import { EXIT } from '../io';
import { parseArgs } from '../options';
import { layoutEdition } from '../../engine/layout';
import { loadFontSet } from '../../electron/services/fonts';
import { useEditionFonts } from '../../electron/services/fonts/mapping';
import { PRESETS } from '../../electron/api/presets';
import {
  photoReport,
  preflight,
  preparePreflightPhotos,
  tally,
  type PhotoFacts,
} from '../../electron/services/preflight';
import { loadTemplates } from '../../electron/services/templates';
import { choosePages, choosePreset, parseInkLimit, readEdition } from '../edition-input';
import { formatFinding } from '../findings';
import { SUMMARIES } from '../summaries';
import { keepPhotosInCache } from '../photo-cache';
import { parsePlateOptions, platePhotos, PLATE_OPTIONS } from '../plate-options';

export const summary = SUMMARIES.preflight;

const HELP = `usage: banmian preflight <edition.banmian | edition.json | --sample> [options]

  --preset P        ${PRESETS.join(' | ')}; default print-x1a (proofs tolerate RGB photos)
  --pages LIST      page numbers, e.g. 1,3-4; default all pages
  --ink-limit PCT   total ink limit in percent; default 240 (newsprint)
  --output-profile FILE.icc, --output-condition NAME, --intent I, --resolution PPI
                    check the photos as export would separate them with these (see
                    banmian export --help); default the edition's, else the template's
  --json            findings as JSON: [{severity, code, message, page, article, position}]
  --photos          each placed photo instead: effective ppi, colour, how it reaches the
                    plate (as is, separated to CMYK, grey) and its highest total ink;
                    with --json: [{page, article, asset, frame, pixels, ppi, source, treatment, maxInk, maxInkAt}]
${FONT_HELP}
exit codes: 0 no errors (warnings may be listed), 1 errors found, 2 usage, 3 bad edition file
`;

const SPACE: Record<PhotoFacts['source'], string> = { gray: '灰度', rgb: 'RGB', cmyk: 'CMYK' };
const TREATMENT: Record<NonNullable<PhotoFacts['treatment']>, string> = {
  'as-is': '原样',
  separated: '转 CMYK',
  converted: '转本厂 CMYK',
  gray: '转灰度',
};

export function formatPhoto(p: PhotoFacts): string {
  const plate = p.treatment ? ` → ${TREATMENT[p.treatment]}` : '';
  const ink = p.maxInk != null ? `，最高墨量 ${Math.round(p.maxInk)}%` : '';
  return `  第${p.page}版${p.article ? ` 稿件 ${p.article}` : ''} 照片 ${p.asset.slice(0, 12)} (${p.frame.x.toFixed(0)}, ${p.frame.y.toFixed(0)} pt): ${p.pixels.width}×${p.pixels.height} 像素，有效 ${Math.round(p.ppi)} ppi，${SPACE[p.source]}${plate}${ink}`;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { opts, positional } = parseArgs(withFontOptions(argv), {
    values: ['preset', 'pages', 'ink-limit', ...PLATE_OPTIONS],
    flags: ['json', 'sample', 'help', 'photos'],
  });
  if (opts.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const preset = choosePreset(opts.preset);
  const inkLimit = parseInkLimit(opts['ink-limit']);
  const given = parsePlateOptions(opts);
  const edition = readEdition(positional, opts.sample === true);
  const pages = choosePages(edition, opts.pages);

  const templates = loadTemplates();
  useEditionFonts(edition, templates);
  const list = layoutEdition(edition, { fonts: loadFontSet(), templates }, { pages });
  const chosen = { ...list, pages: list.pages.filter((p) => pages.includes(p.number)) };
  keepPhotosInCache();
  const check = {
    preset,
    inkLimit,
    templates,
    photos: platePhotos(preset, edition, pages[0], templates, given),
  };
  await preparePreflightPhotos(edition, chosen, check);
  const findings = preflight(edition, chosen, check);
  if (opts.photos) {
    const photos = photoReport(edition, chosen, check);
    if (opts.json) io.stdout.write(JSON.stringify(photos, null, 2) + '\n');
    else {
      io.stdout.write(`${edition.paper.name} ${edition.date} — ${photos.length} 张照片, preset ${preset}\n`);
      for (const p of photos) io.stdout.write(formatPhoto(p) + '\n');
    }
    return tally(findings).error ? EXIT.findings : EXIT.ok;
  }
  const t = tally(findings);
  if (opts.json) {
    io.stdout.write(JSON.stringify(findings, null, 2) + '\n');
  } else {
    io.stdout.write(
      `${edition.paper.name} ${edition.date} — ${pages.length} 版, preset ${preset}: ${t.error} 错误, ${t.warning} 警告, ${t.info} 提示\n`,
    );
    for (const f of findings) io.stdout.write(formatFinding(f, edition) + '\n');
  }
  return t.error ? EXIT.findings : EXIT.ok;
}
