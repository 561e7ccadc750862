// Headlines broken between words: real headlines of the sample page and phrases of the news-prose
// corpus set as headlines, in areas that take two or three lines (or columns, for 竖题). Every break
// falls between words, lines come out of even length, and an editor's soft break still wins.
import { describe, expect, it } from 'vitest';
import type { DisplayPage, GlyphRun } from '../../../engine/display/types';
import { layoutEdition } from '../../../engine/layout';
import { R, article, articleRuns, copy, ctx, edition, expectNothingLost } from '../../support/layout';

/** Words a line must never be broken inside. */
const WORDS = [
  '多层',
  '第三次',
  '区委',
  '网络安全',
  '信息化',
  '委员会',
  '深化',
  '改革',
  '第一次',
  '会议',
  '召开',
  '举行',
  '学习强国',
  '线下',
  '课堂',
  '人民代表大会',
  '第十七届',
  '行政中心',
  '开幕',
  '加装',
  '电梯',
  '1,086台',
  '累计',
  '完成',
  '既有',
  '多层',
  '住宅',
  '徐汇区',
  '打造',
];

/** The headline's lines (or columns), each as its text. */
function headLines(page: DisplayPage, vertical = false): string[] {
  const runs = articleRuns(page, 'h').filter((r) => r.role === 'headline');
  const key = (r: GlyphRun, g: GlyphRun['glyphs'][number]) => Math.round(vertical ? r.x + g.x : r.y + g.y);
  const lines = new Map<number, string>();
  for (const r of runs) for (const g of r.glyphs) lines.set(key(r, g), (lines.get(key(r, g)) ?? '') + g.text);
  const keys = [...lines.keys()].sort((a, b) => (vertical ? b - a : a - b)); // 竖题 beside the body on the right: columns right to left
  return keys.map((k) => lines.get(k)!);
}

function expectWordBreaks(lines: string[], text: string): void {
  expect(lines.join('')).toBe(text.replace('\n', ''));
  let at = 0;
  for (const l of lines.slice(0, -1)) {
    at += l.length;
    for (const w of WORDS) {
      for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) {
        expect(at > i && at < i + w.length, `${lines.join(' / ')} breaks inside ${w}`).toBe(false);
      }
    }
  }
}

function horizontal(text: string, cols: number) {
  const a = article('h', [
    ['headline', text],
    ['paragraph', copy(60)],
  ]);
  const page = layoutEdition(
    edition(
      [a],
      [
        {
          article: 'h',
          headline: { area: R(0, cols, 11, 14), orientation: 'horizontal', align: 'center' },
          regions: [R(0, 2, 25, 20)],
          photos: [],
        },
      ],
    ),
    ctx,
  ).pages[0];
  expect(page.fits[0].oversetLines).toBe(0);
  expectNothingLost(page, a);
  return headLines(page);
}

describe('horizontal headlines break between words, in lines of even length', () => {
  it('区委网络安全和信息化委员会会议举行 (the sample: it needed a soft break) in two lines', () => {
    const text = '区委网络安全和信息化委员会会议举行';
    const lines = horizontal(text, 2);
    expect(lines).toHaveLength(2);
    expectWordBreaks(lines, text);
    expect(Math.abs(lines[0].length - lines[1].length)).toBeLessThanOrEqual(3);
  });

  it('区第十七届人民代表大会第三次会议在区行政中心开幕 (news prose) in three lines', () => {
    const text = '区第十七届人民代表大会第三次会议在区行政中心开幕';
    const lines = horizontal(text, 2);
    expect(lines).toHaveLength(3);
    expectWordBreaks(lines, text);
    // The narrowest measure that keeps three lines: 区第十七届 / 人民代表大会第三次 / 会议在区行政中心开幕.
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(10);
  });

  it('区委全面深化改革委员会第一次会议召开 in a single column, four lines or more', () => {
    const text = '区委全面深化改革委员会第一次会议召开';
    const lines = horizontal(text, 1);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expectWordBreaks(lines, text);
  });

  it('徐汇区打造“学习强国”线下课堂 in two lines, never 学习 / 强国', () => {
    const text = '徐汇区打造“学习强国”线下课堂';
    const lines = horizontal(text, 1);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expectWordBreaks(lines, text);
  });

  it.each([['全区已累计完成既有多层住宅加装电梯1,086台'], ['老旧小区加装电梯的事居民盼了很多年']])(
    'news prose set as a headline: %s',
    (text) => {
      for (const cols of [1, 2]) {
        const lines = horizontal(text, cols);
        expect(lines.length).toBeGreaterThanOrEqual(2);
        expectWordBreaks(lines, text);
      }
    },
  );

  it('an editor’s soft break still wins, even inside a word', () => {
    expect(horizontal('区委网络安全和信息化\n委员会会议举行', 2)).toEqual([
      '区委网络安全和信息化',
      '委员会会议举行',
    ]);
    expect(horizontal('区委网络安\n全和信息化委员会会议举行', 2)).toEqual([
      '区委网络安',
      '全和信息化委员会会议举行',
    ]);
  });
});

describe('竖题 break between words, in columns of even length', () => {
  function vertical(text: string, lines: number) {
    const a = article('h', [
      ['headline', text],
      ['paragraph', copy(200)],
    ]);
    const pl = {
      article: 'h',
      headline: {
        area: R(3, 1, 20, lines, { indentLeft: lines < 10 ? 9 : 11 }),
        orientation: 'vertical' as const,
        align: 'left' as const,
        style: '次主题',
      },
      regions: [R(2, 1, 20, 30, { indentRight: 6 })],
      photos: [],
    };
    const page = layoutEdition(edition([a], [pl]), ctx).pages[0];
    expectNothingLost(page, a);
    return headLines(page, true);
  }

  it('区委全面深化改革委员会第一次会议召开 in two columns', () => {
    const text = '区委全面深化改革委员会第一次会议召开';
    const cols = vertical(text, 11);
    expect(cols).toHaveLength(2);
    expectWordBreaks(cols, text);
    expect(Math.abs(cols[0].length - cols[1].length)).toBeLessThanOrEqual(3);
  });

  it('区委网络安全和信息化委员会会议举行 in three columns', () => {
    const text = '区委网络安全和信息化委员会会议举行';
    const cols = vertical(text, 8);
    expect(cols).toHaveLength(3);
    expectWordBreaks(cols, text);
  });

  it('a soft break starts a new column', () => {
    expect(vertical('区委网络安全\n和信息化委员会会议举行', 30)).toEqual([
      '区委网络安全',
      '和信息化委员会会议举行',
    ]);
  });
});
