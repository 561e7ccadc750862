// What a print page carries outside the bleed — crop marks, registration targets, the slug line — and
// the label at the head of a proof page, with the export time they state.
import type { Cmyk, DisplayPage } from '../../../engine/display/types';
import { mmToPt } from '../../../engine/units';
import { roundName } from '../../../engine/proof/round';
import { cmykOp, num } from './content';
import { LABEL_FACE, PROOF_RED, labelRun, paintRun, setOverprint, type PageContext } from './page';

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
const SLUG_FACE = 'noto-sans-sc-400';

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local date and time with its offset: what the slug line and proof label say. */
export function formatExportTime(t: Date): string {
  const off = -t.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return `${t.getFullYear()}-${pad2(t.getMonth() + 1)}-${pad2(t.getDate())} ${pad2(t.getHours())}:${pad2(t.getMinutes())}:${pad2(t.getSeconds())} UTC${sign}${pad2(Math.floor(Math.abs(off) / 60))}:${pad2(Math.abs(off) % 60)}`;
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
export function paintMarks(ctx: PageContext, page: DisplayPage, slugText: string) {
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

/** Proof pages say so at the head, with their round (一校 …), so a proof is never mistaken for the plate file. */
export function paintProofLabel(ctx: PageContext, page: DisplayPage, when: string, round?: number) {
  const y = Math.max(12, page.typeArea.y * 0.42);
  const label = round ? `${roundName(round)}样` : '校样';
  paintRun(
    ctx,
    labelRun(label, LABEL_FACE, 14, page.width - page.typeArea.x - 14 * label.length - 2, y, PROOF_RED),
  );
  const which = round ? `  ${roundName(round)}` : '';
  paintRun(
    ctx,
    labelRun(
      `第${page.number}版 ${page.section}${which}  ${when}`,
      SLUG_FACE,
      6.5,
      page.typeArea.x,
      y,
      PROOF_RED,
    ),
  );
}
