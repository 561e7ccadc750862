// banmian export: lays out an edition and writes print or proof PDFs. Files appear complete or not
// at all: each is written beside its destination under a temporary name, then renamed (atomic-write.ts).
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { CliIO } from '../io';
import { FONT_HELP, withFontOptions } from '../font-options';
import { EXIT, UsageError } from '../io';
import { parseArgs } from '../options';
import { layoutEdition } from '../../engine/layout';
import { choosePages, choosePreset, parseInkLimit, readEdition } from '../edition-input';
import { loadFontSet } from '../../electron/services/fonts';
import { useEditionFonts } from '../../electron/services/fonts/mapping';
import { exportPdf } from '../../electron/services/pdf';
import { parsePlateOptions, platePhotos, PLATE_OPTIONS } from '../plate-options';
import { PRESET_TABLE, PRESETS } from '../../electron/api/presets';
import { preflight, preparePreflightPhotos } from '../../electron/services/preflight';
import { loadTemplates } from '../../electron/services/templates';
import { formatFinding } from '../findings';
import { writeAside, type AsideFile } from '../../electron/services/atomic-write';
import { SUMMARIES } from '../summaries';
import { MAX_ROUND, roundName } from '../../engine/proof/round';
import { keepPhotosInCache } from '../photo-cache';

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
  --round N           proofs: the round (校次) they carry: 1 一校, 2 二校 …; the label
                      says so and the round joins the file name (out-二校.pdf); a
                      round's file never replaces one already there
  --output-condition NAME
                      a registered characterization (ICC registry: FOGRA39, IFRA26,
                      CGATS21_CRPC5 …) as the PDF/X output condition: PDF/X-1a names it
                      without embedding a profile (PDF/X-4 must embed one: the profile
                      photos are separated with); photos are still separated with
                      --output-profile, else the built-in newsprint profile
  --intent I          rendering intent of the photos' separation to the output profile:
                      perceptual | relative | saturation | absolute; default the
                      edition's (output.intent), else the template's renderingIntent,
                      else perceptual. These four options override the edition's
                      output settings, which override the template's
  --time ISO          export time written into the file and slug line (default: now);
                      the same edition and time give a byte-identical file
  --sample [NAME]     a built-in sample edition instead of a file: news (default),
                      fukan (a 副刊 page set vertically, 竖排)
${FONT_HELP}
exit codes: 0 written, 1 refused by preflight, 2 usage, 3 bad edition file, 4 cannot write output
`;

function pageFile(output: string, page: number): string {
  const ext = extname(output) || '.pdf';
  return join(dirname(output), `${basename(output, extname(output))}-${String(page).padStart(2, '0')}${ext}`);
}

/** --round: a proof round 1–99 (一校 …); refused for print presets, which carry none. */
function proofRound(raw: string | boolean | undefined, preset: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_ROUND)
    throw new UsageError(`--round "${raw}" 不是校次（is not a proof round: 1–${MAX_ROUND}）`);
  if (PRESET_TABLE[preset as keyof typeof PRESET_TABLE].print)
    throw new UsageError(`--round 只用于校样（only proofs carry a round: use --preset proof）`);
  return n;
}

/** out.pdf → out-二校.pdf, unless the name already says the round. */
function roundFile(output: string, round: number): string {
  const name = roundName(round);
  if (basename(output).includes(name)) return output;
  const ext = extname(output);
  return join(dirname(output), `${basename(output, ext)}-${name}${ext || '.pdf'}`);
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { opts, positional } = parseArgs(withFontOptions(argv), {
    values: ['output', 'preset', 'pages', 'time', 'ink-limit', ...PLATE_OPTIONS, 'round'],
    flags: ['split', 'force', 'sample', 'help'],
    short: { o: 'output' },
  });
  if (opts.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  if (opts.output === undefined) throw new UsageError('where to? give -o out.pdf');
  const preset = choosePreset(opts.preset);
  const round = proofRound(opts.round, preset);
  const output = round ? roundFile(opts.output, round) : opts.output;
  let exportTime: Date | undefined;
  if (typeof opts.time === 'string') {
    exportTime = new Date(opts.time);
    if (Number.isNaN(exportTime.getTime()))
      throw new UsageError(`--time "${opts.time}" is not a date and time (e.g. 2023-02-16T21:30:00+08:00)`);
  }
  const inkLimit = parseInkLimit(opts['ink-limit']);
  const given = parsePlateOptions(opts);
  const outDir = dirname(output) || '.';
  if (!existsSync(outDir) || !statSync(outDir).isDirectory())
    throw new UsageError(`cannot write ${output}: folder ${outDir} does not exist`, EXIT.output);

  const edition = readEdition(positional, opts.sample === true);
  const pages = choosePages(edition, opts.pages);
  keepPhotosInCache();

  const templates = loadTemplates();
  useEditionFonts(edition, templates);
  const list = layoutEdition(edition, { fonts: loadFontSet(), templates }, { pages });
  if (PRESET_TABLE[preset].print) {
    // Checked once for the whole job, before anything is written: a refused job writes no file. The
    // painter is told so and does not check again.
    const photos = platePhotos(preset, edition, pages[0], templates, given);
    const chosen = { ...list, pages: list.pages.filter((p) => pages.includes(p.number)) };
    await preparePreflightPhotos(edition, chosen, { preset, templates, inkLimit, photos });
    const findings = preflight(edition, chosen, { preset, templates, inkLimit, photos });
    const errors = findings.filter((f) => f.severity === 'error');
    if (errors.length && opts.force !== true) {
      io.stderr.write(`preflight refused the export (${preset}):\n`);
      for (const f of findings) io.stderr.write(formatFinding(f, edition) + '\n');
      io.stderr.write('nothing was written; fix the errors, or export with --force\n');
      return EXIT.findings;
    }
    for (const f of findings)
      if (f.severity !== 'info' || f.code === 'output-condition')
        io.stderr.write(formatFinding(f, edition) + '\n');
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
      const pdf = await exportPdf(list, edition, {
        preset,
        pages: job.pages,
        exportTime,
        round,
        force: opts.force === true,
        checked: true,
        preflight: { templates, inkLimit },
        ...given,
        onPage: progress,
      });
      try {
        written.push(writeAside(job.file, pdf));
      } catch (e) {
        throw new UsageError(`cannot write ${job.file}: ${(e as Error).message}`, EXIT.output);
      }
    }
    const taken = round ? written.find((w) => existsSync(w.target)) : undefined;
    if (taken)
      throw new UsageError(
        `${roundName(round!)}的校样已存在：${taken.target}，不覆盖之前的校次（a proof of this round is already there; choose the next round）`,
        EXIT.output,
      );
    // Only when every PDF of the job is complete do any of them take their real names.
    for (const w of written) {
      try {
        w.commit({ overwrite: !round });
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
