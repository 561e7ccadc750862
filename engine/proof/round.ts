// 校次: a proof's round as the newsroom names it — 一校, 二校, 三校 … — in the proof's label, its file
// name and the 校对 panel.

const DIGITS = '〇一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九. */
function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens > 1 ? DIGITS[tens] : ''}十${ones ? DIGITS[ones] : ''}`;
}

/** The highest round a proof may carry. */
export const MAX_ROUND = 99;

/** 一校, 二校 … 九十九校. */
export function roundName(round: number): string {
  if (!Number.isInteger(round) || round < 1 || round > MAX_ROUND) throw new RangeError(`校次 ${round}`);
  return `${chineseNumber(round)}校`;
}
