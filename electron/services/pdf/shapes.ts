// Path operators for a box: a plain rectangle (`re`, as every box was drawn before box styles), or a
// rectangle with round corners of the box's radius (four Bézier quarter circles).
import type { Box } from '../../../engine/display/types';

/** Control-point distance of a cubic Bézier quarter circle, as a fraction of its radius. */
const KAPPA = 0.5522847498;

export function boxPath(b: Box, num: (v: number) => string): string {
  const r = Math.min(b.radius ?? 0, b.w / 2, b.h / 2);
  if (!(r > 0)) return `${num(b.x)} ${num(b.y)} ${num(b.w)} ${num(b.h)} re`;
  const { x, y, w, h } = b;
  const k = r * KAPPA;
  const p = (...v: number[]) => v.map(num).join(' ');
  return [
    `${p(x + r, y)} m`,
    `${p(x + w - r, y)} l`,
    `${p(x + w - r + k, y, x + w, y + r - k, x + w, y + r)} c`,
    `${p(x + w, y + h - r)} l`,
    `${p(x + w, y + h - r + k, x + w - r + k, y + h, x + w - r, y + h)} c`,
    `${p(x + r, y + h)} l`,
    `${p(x + r - k, y + h, x, y + h - r + k, x, y + h - r)} c`,
    `${p(x, y + r)} l`,
    `${p(x, y + r - k, x + r - k, y, x + r, y)} c h`,
  ].join(' ');
}
