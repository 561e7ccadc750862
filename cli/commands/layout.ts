// banmian layout: lays out an edition's pages and prints the display list (--json) or each article's
// copyfit (--summary): lines used of lines available, overset and underset, and missing glyphs.
import type { CliIO } from '../io';
import { FONT_HELP, withFontOptions } from '../font-options';
import { EXIT, UsageError } from '../io';
import { parseArgs } from '../options';
import type { DisplayList } from '../../engine/display/types';
import { LayoutError, layoutEdition } from '../../engine/layout';
import type { Edition } from '../../engine/model/types';
import { TemplateError } from '../../engine/templates';
import { loadFontSet } from '../../electron/services/fonts';
import { useEditionFonts } from '../../electron/services/fonts/mapping';
import { parsePages, readEdition } from '../edition-input';
import { loadTemplates } from '../../electron/services/templates';
import { SUMMARIES } from '../summaries';

export const summary = SUMMARIES.layout;

const HELP = `usage: banmian layout <edition.json | edition.banmian | --sample> [--page N] (--json | --summary)

  --sample [NAME]   a built-in sample edition: news (default), fukan (竖排 副刊)
  --page LIST       only these pages, e.g. 1 or 1,3-4
  --json            print the display list as JSON
  --summary         print each article's fit: lines used of available, overset and underset, missing glyphs
  --fail-on-overset exit 1 when any article is overset
${FONT_HELP}`;

export function formatSummary(edition: Edition, list: DisplayList): string {
  const out: string[] = [];
  const slugs = new Map(edition.articles.map((a) => [a.id, a.slug]));
  for (const page of list.pages) {
    const tpl = edition.pages.find((p) => p.number === page.number)?.template ?? '';
    out.push(
      `${list.edition.paper} ${list.edition.date}  page ${page.number} ${page.section} (${tpl})  ${page.fits.length} article${page.fits.length === 1 ? '' : 's'} placed`,
    );
    for (const f of page.fits) {
      const state =
        f.oversetLines || f.oversetChars
          ? `OVERSET ${f.oversetLines} lines, ${f.oversetChars} chars (超 ${f.oversetLines} 行 / ${f.oversetChars} 字)`
          : `fits, underset ${f.undersetLines} lines, ${f.undersetChars ?? 0} chars (余 ${f.undersetLines} 行 / ${f.undersetChars ?? 0} 字)`;
      const jump = [
        f.continuedFrom !== undefined ? `from page ${f.continuedFrom}` : '',
        f.continuesOn !== undefined ? `continues on page ${f.continuesOn}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      out.push(
        `  ${f.article.padEnd(6)} ${String(f.linesUsed).padStart(4)}/${String(f.linesAvailable).padEnd(4)} lines  ${state}${jump ? `  (${jump})` : ''}  ${slugs.get(f.article) ?? ''}`,
      );
    }
    for (const w of page.warnings ?? []) out.push(`  warning ${w.code}: ${w.message}`);
    if (page.missing.length) {
      out.push(`  missing glyphs: ${page.missing.length}`);
      for (const m of page.missing.slice(0, 20))
        out.push(
          `    U+${m.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} ${m.char}  ${m.article ?? '(master)'} block ${m.block} offset ${m.offset}  in ${m.face}`,
        );
      if (page.missing.length > 20) out.push(`    … and ${page.missing.length - 20} more`);
    } else out.push('  missing glyphs: none');
  }
  return out.join('\n') + '\n';
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { opts, positional } = parseArgs(withFontOptions(argv), {
    values: ['page'],
    flags: ['sample', 'json', 'summary', 'fail-on-overset', 'help'],
  });
  if (opts.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  if (!opts.json && !opts.summary)
    throw new UsageError("say what to print: --json (the display list) or --summary (each article's fit)");
  if (opts.json && opts.summary) throw new UsageError('--json and --summary go one at a time');
  const pages = opts.page !== undefined ? parsePages(opts.page, 'page') : undefined;
  const edition = readEdition(positional, opts.sample === true);
  let list: DisplayList;
  try {
    useEditionFonts(edition, loadTemplates());
    list = layoutEdition(edition, { fonts: loadFontSet(), templates: loadTemplates() }, { pages });
  } catch (e) {
    if (e instanceof LayoutError || e instanceof TemplateError)
      throw new UsageError(e.message, EXIT.badInput);
    throw e;
  }
  if (opts.json) io.stdout.write(JSON.stringify(list) + '\n');
  else io.stdout.write(formatSummary(edition, list));
  const overset = list.pages.some((p) => p.fits.some((f) => f.oversetLines > 0 || f.oversetChars > 0));
  return overset && opts['fail-on-overset'] ? EXIT.findings : EXIT.ok;
}
