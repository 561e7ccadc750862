// banmian export: lays out an edition and writes print or proof PDFs. Files appear complete or not
// at all: each is written beside its destination under a temporary name, then renamed (atomic-write.ts).
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { CliIO } from '../io';
import { FONT_HELP, withFontOptions } from '../font-options';
import { EXIT, UsageError, parseArgs } from '../io';
import type { Edition } from '../../engine/model/types';
import { layoutEdition } from '../../engine/layout';
import { loadEditionFile } from '../../electron/services/edition-file';
import { loadFontSet } from '../../electron/services/fonts';
import { useEditionFonts } from '../../electron/services/fonts/mapping';
import { exportPdf, PRESETS, PreflightRefusal, type PdfPreset } from '../../electron/services/pdf';
import { sampleEdition } from '../sample';
import { preflight, preparePreflightPhotos } from '../../electron/services/preflight';
import { readOutputProfile } from '../../electron/services/photos/profile';
import { loadTemplates } from '../../electron/services/templates';
import { formatFinding } from './preflight';
import { writeAside, type AsideFile } from '../../electron/services/atomic-write';
import { SUMMARIES } from '../summaries';
import { userCacheDir } from '../compile-cache';
import { keepPrintPhotosIn } from '../../electron/services/pdf/photo-store';

export const summary = SUMMARIES.export;

const HELP = `usage: banmian export <edition.banmian | edition.json | --sample> -o out.pdf [options]

Lays out the edition and writes a PDF. Print presets run preflight first and refuse on errors.

  -o, --output FILE   the PDF to write (with --split: FILE-01.pdf, FILE-02.pdf … by page number)
  --preset P          ${PRESETS.join(' | ')}; default print-x1a
  --pages LIST        page numbers, e.g. 1,3-4; default all pages
  --split             one PDF per page, named by page number, as printing plants want
  --force             export although preflight found errors (they are still listed)
  --ink-limit PCT     total ink limit in percent, for the check and for separating RGB
                      photos; default 240 (newsprint); separation never exceeds 240
  --output-profile FILE.icc
                      the printing plant's CMYK profile: the PDF/X output intent embeds
                      it (named by its description) and photos are separated with it;
                      default: the built-in newsprint profile (IFRA26 model)
  --resolution PPI    output resolution for photos; larger photos are reduced to it
                      (default 300)
  --time ISO          export time written into the file and slug line (default: now);
                      the same edition and time give a byte-identical file
  --sample [NAME]     a built-in sample edition instead of a file: news (default),
                      fukan (a 副刊 page set vertically, 竖排)
${FONT_HELP}
exit codes: 0 written, 1 refused by preflight, 2 usage, 3 bad edition file, 4 cannot write output
`;

/** "1,3-4" → [1, 3, 4]. */
function parsePages(spec: string): number[] {
  const out = new Set<number>();
  for (const part of spec.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) throw new UsageError(`--pages "${spec}": "${part}" is not a page number or range (e.g. 1,3-4)`);
    const a = Number(m[1]),
      b = m[2] ? Number(m[2]) : a;
    if (a < 1 || b < a) throw new UsageError(`--pages "${spec}": "${part}" is not a valid range`);
    for (let n = a; n <= b; n++) out.add(n);
  }
  return [...out].sort((x, y) => x - y);
}

/** The pages a command works on: those of `--pages`, or every page; a page the edition lacks is a usage error. */
export function choosePages(edition: Edition, spec: string | true | undefined): number[] {
  const numbers = edition.pages.map((p) => p.number);
  const pages = typeof spec === 'string' ? parsePages(spec) : numbers;
  const unknown = pages.filter((n) => !numbers.includes(n));
  if (unknown.length)
    throw new UsageError(`the edition has no page ${unknown.join(', ')} (it has ${numbers.join(', ')})`);
  return pages;
}

/** `--ink-limit 220` or `220%`; undefined when not given (the template's limit then applies). */
export function parseInkLimit(value: string | true | undefined): number | undefined {
  if (typeof value !== 'string') return undefined;
  const limit = Number(value.replace(/%$/, ''));
  if (!(limit > 0 && limit <= 400))
    throw new UsageError(`--ink-limit "${value}" is not a percentage between 1 and 400`);
  return limit;
}

export function readEdition(positional: string[], sample: boolean): Edition {
  if (sample) return sampleEdition(positional);
  if (positional.length !== 1)
    throw new UsageError(
      positional.length
        ? `one edition file, please (got ${positional.length})`
        : 'which edition? give a file (.banmian or .json) or --sample',
    );
  try {
    return loadEditionFile(positional[0]);
  } catch (e) {
    throw new UsageError((e as Error).message, EXIT.badInput);
  }
}

/** Photos prepared for print are kept in the user's cache folder: exporting an edition again skips libvips. */
export function keepPhotosInCache(): void {
  keepPrintPhotosIn(join(userCacheDir(), 'print-photos'));
}

function pageFile(output: string, page: number): string {
  const ext = extname(output) || '.pdf';
  return join(dirname(output), `${basename(output, extname(output))}-${String(page).padStart(2, '0')}${ext}`);
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { opts, positional } = parseArgs(withFontOptions(argv), {
    values: ['output', 'o', 'preset', 'pages', 'time', 'ink-limit', 'output-profile', 'resolution'],
    flags: ['split', 'force', 'sample', 'help'],
  });
  if (opts.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const output = (opts.output ?? opts.o) as string | undefined;
  if (typeof output !== 'string') throw new UsageError('where to? give -o out.pdf');
  const preset = (opts.preset ?? 'print-x1a') as PdfPreset;
  if (!PRESETS.includes(preset))
    throw new UsageError(`--preset "${opts.preset}" is not a preset; use one of ${PRESETS.join(', ')}`);
  let exportTime: Date | undefined;
  if (typeof opts.time === 'string') {
    exportTime = new Date(opts.time);
    if (Number.isNaN(exportTime.getTime()))
      throw new UsageError(`--time "${opts.time}" is not a date and time (e.g. 2023-02-16T21:30:00+08:00)`);
  }
  const inkLimit = parseInkLimit(opts['ink-limit']);
  const outputProfile = typeof opts['output-profile'] === 'string' ? opts['output-profile'] : undefined;
  if (outputProfile) {
    try {
      readOutputProfile(outputProfile);
    } catch (e) {
      throw new UsageError(`--output-profile: ${(e as Error).message}`);
    }
  }
  let resolution: number | undefined;
  if (opts.resolution !== undefined) {
    resolution = Number(opts.resolution);
    if (!Number.isFinite(resolution) || resolution < 72 || resolution > 2400)
      throw new UsageError(`--resolution "${opts.resolution}" is not a resolution in ppi (72–2400)`);
  }
  const photos = { outputProfile, resolution };
  const outDir = dirname(output) || '.';
  if (!existsSync(outDir) || !statSync(outDir).isDirectory())
    throw new UsageError(`cannot write ${output}: folder ${outDir} does not exist`, EXIT.output);

  const edition = readEdition(positional, opts.sample === true);
  const pages = choosePages(edition, opts.pages);
  keepPhotosInCache();

  const templates = loadTemplates();
  useEditionFonts(edition, templates);
  const list = layoutEdition(edition, { fonts: loadFontSet(), templates }, { pages });
  if (preset !== 'proof') {
    // Checked once for the whole job, before anything is written: a refused job writes no file.
    const chosen = { ...list, pages: list.pages.filter((p) => pages.includes(p.number)) };
    await preparePreflightPhotos(edition, chosen, { preset, templates, inkLimit, photos });
    const findings = preflight(edition, chosen, { preset, templates, inkLimit, photos });
    const errors = findings.filter((f) => f.severity === 'error');
    if (errors.length && opts.force !== true) {
      io.stderr.write(`preflight refused the export (${preset}):\n`);
      for (const f of findings) io.stderr.write(formatFinding(f) + '\n');
      io.stderr.write('nothing was written; fix the errors, or export with --force\n');
      return EXIT.findings;
    }
    for (const f of findings) if (f.severity !== 'info') io.stderr.write(formatFinding(f) + '\n');
  }
  const many = pages.length > 1;
  const progress = (done: number, total: number, n: number) => {
    if (many) io.stderr.write(`  第${n}版 ${done}/${total}\n`);
  };
  const jobs = opts.split
    ? pages.map((n) => ({ file: pageFile(output, n), pages: [n] }))
    : [{ file: output, pages }];
  const written: AsideFile[] = [];
  try {
    for (const job of jobs) {
      // A turn of the event loop between pages, so Ctrl+C or SIGTERM is handled mid-job (atomic-write.ts
      // removes the pages written so far) rather than after the last page.
      await new Promise<void>((r) => setImmediate(r));
      let pdf: Buffer;
      try {
        pdf = await exportPdf(list, edition, {
          preset,
          pages: job.pages,
          exportTime,
          force: opts.force === true,
          preflight: { templates, inkLimit },
          outputProfile,
          resolution: photos.resolution,
          onPage: progress,
        });
      } catch (e) {
        if (e instanceof PreflightRefusal) {
          io.stderr.write(`preflight refused the export (${preset}):\n`);
          for (const f of e.findings) io.stderr.write(formatFinding(f) + '\n');
          io.stderr.write('nothing was written; fix the errors, or export with --force\n');
          return EXIT.findings;
        }
        throw e;
      }
      try {
        written.push(writeAside(job.file, pdf));
      } catch (e) {
        throw new UsageError(`cannot write ${job.file}: ${(e as Error).message}`, EXIT.output);
      }
    }
    // Only when every PDF of the job is complete do any of them take their real names.
    for (const w of written) {
      try {
        w.commit({ overwrite: true });
      } catch (e) {
        throw new UsageError(`cannot write ${w.target}: ${(e as Error).message}`, EXIT.output);
      }
    }
  } finally {
    for (const w of written) w.discard();
  }
  for (const w of written) io.stdout.write(`${w.target}\n`);
  return EXIT.ok;
}
