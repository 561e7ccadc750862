// The PDF painter: draws a display list, and only the display list, for the press (PDF/X-1a,
// PDF/X-4) or for proofreaders. Layout decided every glyph's place; nothing here measures text.
import { createHash } from 'node:crypto';
import type { DisplayList, DisplayPage } from '../../../engine/display/types';
import type { ArticleComment, Edition } from '../../../engine/model/types';
import type { RenderingIntent } from '../../../engine/templates/types';
import { inkLimitOf, preflight, PREFLIGHT_DEFAULTS, type Finding, type PreflightOptions } from '../preflight';
import { num, type FontSlot } from './content';
import { createDocument, finish, xmpPacket } from './document';
import { OUTPUT_CONDITION, OUTPUT_CONDITION_IDENTIFIER, newsprintProfile } from './icc';
import { type EmbeddedImage } from './images';
import { preparePrintPhotos, type PrepareOptions } from './photo';
import { uprightJpeg } from '../photos/decode';
import { readOutputProfile } from '../photos/profile';
import { plateSettings } from './plate';
import { ARTIFACT_OPEN, StructureBuilder } from './tags';
import { PROOF_INFO_KEY, proofIdentity } from '../proof/identity';
import { MARKS, formatExportTime, paintMarks, paintProofLabel } from './marks';
import { paintItems, type PageContext } from './page';
import { annotate } from './annotations';
import { roundName } from '../../../engine/proof/round';

import { isPreset, PRESET_TABLE, PRESETS, type PdfPreset } from '../../api/presets';

export { PRESETS, type PdfPreset } from '../../api/presets';

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
  /** The caller ran preflight on these pages and acted on its findings: it is not run again. */
  checked?: boolean;
  /** Passed to preflight (total ink limit and the like). */
  preflight?: Partial<PreflightOptions>;
  /** Told the print preflight's findings (warnings included) before the page is painted. */
  onFindings?(findings: Finding[]): void;
  /** The plant's CMYK output profile (an ICC file): the output intent embeds it and photos are separated with it. */
  outputProfile?: string;
  /** Output resolution for photos, ppi (default 300): larger photos are reduced to it in print. */
  resolution?: number;
  /** Proofs: the round (校次, 1 一校 …) the proof is labelled with and carries in its identification. */
  round?: number;
  /** A registered characterization named as the output condition (no profile embedded in PDF/X-1a). */
  outputCondition?: string;
  /** Rendering intent of the photos' separation; the template's, else perceptual. */
  intent?: RenderingIntent;
  /** Called after each page is painted, for progress reports. */
  onPage?: (done: number, total: number, pageNumber: number) => void;
}

/** Print presets refuse files that would fail at the plant; the findings say why. */
export class PreflightRefusal extends Error {
  constructor(readonly findings: Finding[]) {
    const errors = findings.filter((f) => f.severity === 'error');
    super(
      `印前检查发现 ${errors.length} 个错误，拒绝导出（preflight found ${errors.length} error(s); export refused, use force to export anyway）：\n` +
        errors.map((f) => `  ${f.code}: ${f.message}`).join('\n'),
    );
    this.name = 'PreflightRefusal';
  }
}

function title(edition: Edition, pages: DisplayPage[], round?: number): string {
  const issue = edition.issue != null ? ` 第${edition.issue}期` : '';
  const which = pages.length === 1 ? ` 第${pages[0].number}版 ${pages[0].section}` : ` ${pages.length}版`;
  return `${edition.paper.name} ${edition.date}${issue}${which}${round ? ` ${roundName(round)}` : ''}`;
}

/** Renders the chosen pages of a display list to one PDF. */
export async function exportPdf(
  displayList: DisplayList,
  edition: Edition,
  options: ExportOptions,
): Promise<Buffer> {
  if (!isPreset(options.preset))
    throw new Error(`unknown PDF preset "${options.preset}" (use ${PRESETS.join(', ')})`);
  const print = PRESET_TABLE[options.preset].print;
  const wanted = options.pages;
  const pages = wanted ? displayList.pages.filter((p) => wanted.includes(p.number)) : displayList.pages;
  if (wanted) {
    const missing = wanted.filter((n) => !displayList.pages.some((p) => p.number === n));
    if (missing.length)
      throw new Error(
        `本期次没有第 ${missing.join('、')} 版（the edition has no page ${missing.join(', ')}）`,
      );
  }
  if (!pages.length) throw new Error('没有可导出的版面（nothing to export: no pages）');

  // Proofs keep RGB and name no output condition: the plate's settings (and the plant's file) only in print.
  const { profileFile, resolution, intent, condition } = print
    ? plateSettings(edition, pages[0].number, options.preflight?.templates, options)
    : { profileFile: undefined, resolution: undefined, intent: undefined, condition: undefined };
  const plant = print && profileFile ? readOutputProfile(profileFile) : null;
  const photoOptions = (page: DisplayPage): PrepareOptions => ({
    inkLimit: inkLimitOf(page, edition, { ...PREFLIGHT_DEFAULTS, ...options.preflight }),
    transparency: PRESET_TABLE[options.preset].transparency,
    outputProfile: plant?.path,
    resolution,
    intent,
  });
  const upright = new Map<string, Buffer>();
  if (print) {
    await preparePrintPhotos(edition, pages, photoOptions);
  }
  if (print && !options.checked) {
    const findings = preflight(
      edition,
      { ...displayList, pages },
      {
        preset: options.preset,
        ...options.preflight,
        photos: { outputProfile: plant?.path, resolution, intent, outputCondition: condition },
      },
    );
    options.onFindings?.(findings);
    if (!options.force && findings.some((f) => f.severity === 'error')) throw new PreflightRefusal(findings);
  } else if (!print) {
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
  const round = print ? undefined : options.round;
  const docTitle = title(edition, pages, round);
  const hash = createHash('md5');
  hash.update(
    JSON.stringify({
      preset: options.preset,
      time: exportTime.getTime(),
      edition: edition.id,
      ...(round ? { round } : {}),
      list: displayList.edition,
    }),
  );
  for (const p of pages) hash.update(JSON.stringify(p));
  const id = hash.digest();
  const hex = id.toString('hex');
  const documentId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  const pdfx = PRESET_TABLE[options.preset].pdfx;

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
  const proofId = print ? undefined : proofIdentity(edition.id, pages, exportTime, round);
  if (proofId) info[PROOF_INFO_KEY] = proofId;
  if (options.preset === 'print-x1a') info.GTS_PDFXConformance = pdfx!;
  const doc = createDocument({
    version: PRESET_TABLE[options.preset].pdfVersion,
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
    // A registered characterization named instead: PDF/X-1a (ISO 15930-4) takes the name alone, the
    // reader supplying the registry's profile; PDF/X-4 (ISO 15930-7) needs a profile in the file, so
    // there the one photos are separated with goes in under the name.
    const named = condition !== undefined;
    const profile = !named || options.preset === 'print-x4' ? doc.ref({ N: 4 }) : null;
    profile?.end(plant?.bytes ?? newsprintProfile());
    const intent = doc.ref(
      named
        ? {
            Type: 'OutputIntent',
            S: 'GTS_PDFX',
            OutputConditionIdentifier: new String(condition),
            OutputCondition: new String(condition),
            RegistryName: new String('http://www.color.org'),
            ...(profile ? { DestOutputProfile: profile } : {}),
          }
        : {
            Type: 'OutputIntent',
            S: 'GTS_PDFX',
            OutputConditionIdentifier: new String(plant ? 'Custom' : OUTPUT_CONDITION_IDENTIFIER),
            OutputCondition: new String(plant ? plant.description : OUTPUT_CONDITION),
            RegistryName: new String('http://www.color.org'),
            Info: new String(plant ? plant.description : OUTPUT_CONDITION),
            DestOutputProfile: profile,
          },
    );
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
    if (print) paintMarks(ctx, page, `${title(edition, [page])}  ${pdfx?.split(':')[0]}  导出 ${when}`);
    else {
      ctx.out.push(ARTIFACT_OPEN);
      paintProofLabel(ctx, page, when, round);
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

export { MARKS, formatExportTime } from './marks';
export { lineText } from './page';
