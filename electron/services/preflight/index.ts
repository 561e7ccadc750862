// Preflight: what would stop the presses or embarrass the paper, found before the PDF is made.
// One module for export (print presets refuse on errors), the CLI and the UI. It reads the
// edition and its display list — the same list the PDF painter draws — so it checks what prints.
// The checks are grouped by what they look at: ink.ts, fonts.ts, photos.ts; text set or not set
// (overset, missing glyphs, layout warnings, unplaced stories) is checked here.
import type { DisplayList } from '../../../engine/display/types';
import type { Edition } from '../../../engine/model/types';
import { useEditionFonts } from '../fonts/mapping';
import { checkFallbacks, checkFonts } from './fonts';
import { checkInk, checkOverprint, inkLimitOf } from './ink';
import { checkImages, profileName } from './photos';
import { outputProfilePath } from '../pdf/photo';
import { INTENT_NAMES } from '../photos/intent';
import { PRESET_TABLE } from '../../api/presets';
import { PREFLIGHT_DEFAULTS, type Finding, type PreflightOptions, type Severity } from './types';

export { PREFLIGHT_DEFAULTS, type Finding, type PreflightOptions, type Severity } from './types';
export { inkLimitOf } from './ink';
export { photoReport, preparePreflightPhotos, type PhotoFacts } from './photos';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Checks the pages of a display list (and the edition they come from) for print problems. */
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

/** Counts by severity, for summaries and exit codes. */
export function tally(findings: Finding[]): Record<Severity, number> {
  const t: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) t[f.severity]++;
  return t;
}
