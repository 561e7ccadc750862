// Properties over real text set in the real faces (Noto Serif SC via fontkit), at the widths
// newspapers use, in every punctuation style and strictness.
import { beforeAll, describe, expect, it } from 'vitest';
import { composeParagraph } from '../../../engine/compose';
import type {
  BreakingMode,
  ComposedParagraph,
  ComposeOptions,
  PunctuationStyle,
  Strictness,
} from '../../../engine/compose/types';
import { HOUSE_STYLES } from '../../../engine/compose/house';
import type { FontSet } from '../../../engine/fonts/metrics';
import { loadFontSet } from '../../../electron/services/fonts';
import { newsProse, sampleArticles } from '../../support/news-prose';

const SIZE = 9; // 小五
const FACE = 'noto-serif-sc-400';

// The prohibitions, written out from cjk-typesetting.md §1.3 rather than taken from the engine.
const NO_START_BASIC = new Set([...'。，、；：？！．”’」』）》〉】〗〕］｝·～–／/％']);
const NO_END_BASIC = new Set([...'“‘「『（《〈【〖〔［｛￥＄']);

let fonts: FontSet;
let corpus: string[];
beforeAll(() => {
  fonts = loadFontSet();
  corpus = [...sampleArticles().flatMap((a) => a.paragraphs), ...newsProse()];
});

function compose(
  text: string,
  ems: number,
  style: PunctuationStyle,
  strictness: Strictness,
  breaking?: BreakingMode,
  extra: Partial<ComposeOptions> = {},
): ComposedParagraph {
  return composeParagraph(
    [{ text, face: FACE, size: SIZE, src: { article: 'p', block: 0, offset: 0 } }],
    { em: SIZE, measure: ems * SIZE, style, strictness, breaking, ...extra },
    fonts,
  );
}

// Every configuration with the default optimum-fit breaker, and a few with first-fit, which
// unjustified text and `breaking: 'greedy'` still use.
const CONFIGS: [number, PunctuationStyle, Strictness, BreakingMode?][] = [
  [17, 'newspaper', 'basic'],
  [13, 'newspaper', 'basic'],
  [11, 'newspaper', 'gb'],
  [27, 'newspaper', 'strict'],
  [17, 'quanjiao', 'basic'],
  [12, 'kaiming', 'gb'],
  [15, 'banjiao', 'basic'],
  [20, 'hangmobanjiao', 'strict'],
  [9, 'quanjiao', 'none'],
  [17, 'newspaper', 'basic', 'greedy'],
  [11, 'newspaper', 'gb', 'greedy'],
  [20, 'hangmobanjiao', 'strict', 'greedy'],
];

// The newspaper house style (what templates and the compose command use), also tightened by 3 %.
const HOUSE = HOUSE_STYLES.newspaper;
const HOUSE_CONFIGS: [
  number,
  PunctuationStyle,
  Strictness,
  BreakingMode | undefined,
  Partial<ComposeOptions>,
][] = [
  [17, 'newspaper', 'basic', undefined, { house: HOUSE }],
  [13, 'newspaper', 'basic', undefined, { house: HOUSE }],
  [11, 'newspaper', 'gb', undefined, { house: HOUSE }],
  [27, 'newspaper', 'strict', undefined, { house: HOUSE }],
  [17, 'newspaper', 'basic', undefined, { house: HOUSE, tracking: -0.03 }],
  [12, 'quanjiao', 'basic', undefined, { house: HOUSE }],
  [17, 'newspaper', 'basic', 'greedy', { house: HOUSE }],
];

const ALL: [number, PunctuationStyle, Strictness, BreakingMode | undefined, Partial<ComposeOptions>][] = [
  ...CONFIGS.map(
    (c) =>
      [c[0], c[1], c[2], c[3], {}] as [
        number,
        PunctuationStyle,
        Strictness,
        BreakingMode | undefined,
        Partial<ComposeOptions>,
      ],
  ),
  ...HOUSE_CONFIGS,
];

describe.each(ALL)('%s em, %s, %s %s %o', (ems, style, strictness, breaking, extra) => {
  it('loses nothing, breaks no prohibition, justifies every line but the last to the measure, and keeps sources', () => {
    const measure = ems * SIZE;
    let lines = 0;
    for (const text of corpus) {
      const p = compose(text, ems, style, strictness, breaking, extra);
      expect(p.lines.map((l) => l.text).join('')).toBe(text);
      expect(p.missing).toEqual([]);
      p.lines.forEach((l, i) => {
        lines++;
        const where = `${JSON.stringify(l.text)} in ${text.slice(0, 12)}…`;
        const first = l.text[0];
        const lastCh = l.text[l.text.length - 1];
        const next = p.lines[i + 1];
        if (strictness !== 'none' && l.breakKind !== 'emergency') {
          if (i > 0) expect(NO_START_BASIC.has(first), `starts with ${first}: ${where}`).toBe(false);
          if (next) expect(NO_END_BASIC.has(lastCh), `ends with ${lastCh}: ${where}`).toBe(false);
          if (strictness === 'strict' && i > 0) expect(/^(——|……)/.test(l.text), where).toBe(false);
        }
        if (next && l.breakKind !== 'emergency') {
          // —— and …… are never split, nor is a multi-digit number (GB/T 15835).
          expect(lastCh === '—' && next.text[0] === '—', where).toBe(false);
          expect(lastCh === '…' && next.text[0] === '…', where).toBe(false);
          expect(/[0-9.,%]$/.test(l.text) && /^[0-9.,%％]/.test(next.text), where).toBe(false);
        }
        if (next)
          expect(Math.abs(l.width - measure), `width ${l.width} of ${where}`).toBeLessThanOrEqual(0.01);
        else expect(l.width).toBeLessThanOrEqual(measure + 0.01);
        let x = -Infinity;
        for (const [gi, g] of l.glyphs.entries()) {
          expect(g.x + 1e-9 >= x - SIZE, where).toBe(true); // origins advance (a trimmed opener may sit half an em back)
          x = g.x;
          expect(g.src.offset, where).toBe(
            l.start + l.glyphs.slice(0, gi).reduce((n, h) => n + h.text.length, 0),
          );
        }
        if (extra.house && next && l.breakKind !== 'emergency') {
          // The house's limit on squeezing (marks by CLREQ, CJK–Latin spaces) holds on every line.
          const squeezed = -['word-space', 'interpunct', 'bracket', 'comma', 'cjk-latin', 'period'].reduce(
            (n, k) => n + Math.min(0, l.adjustments[k] ?? 0),
            0,
          );
          expect(squeezed, where).toBeLessThanOrEqual(extra.house.maxSqueeze * SIZE + 0.01);
        }
      });
    }
    expect(lines).toBeGreaterThan(300);
  });
});

it('is deterministic', () => {
  const a = corpus.map((t) => compose(t, 17, 'newspaper', 'basic'));
  const b = corpus.map((t) => compose(t, 17, 'newspaper', 'basic'));
  expect(JSON.stringify(a)).toBe(JSON.stringify(b));
});

describe('the printed page', () => {
  it('sets 面”“学习大巡礼”“强国精选课”“一起来 as one full 17-em line, as the paper printed it', () => {
    const a1 = sampleArticles().find((a) => a.id === 'a1')!;
    const text = a1.paragraphs.find((t) => t.includes('学习大巡礼'))!;
    const p = compose(text, 17, 'newspaper', 'basic');
    const line = p.lines.find((l) => l.text === '面”“学习大巡礼”“强国精选课”“一起来');
    expect(line, p.lines.map((l) => l.text).join('\n')).toBeDefined();
    expect(line!.text.length).toBe(20);
    expect(line!.width).toBeCloseTo(17 * SIZE, 2);
    // Each ”“ takes one em between them: the line is exactly full, with nothing stretched or squeezed.
    expect(line!.naturalWidth).toBeCloseTo(17 * SIZE, 2);
    expect(line!.adjustments['inter-character']).toBeUndefined();
  });

  it('sets a 黑体 本报讯 dateline ahead of the 书宋 paragraph', () => {
    const a3 = sampleArticles().find((a) => a.id === 'a3')!;
    const runs = [
      {
        text: a3.dateline! + '　',
        face: 'noto-sans-sc-500',
        size: SIZE,
        role: 'dateline',
        src: { article: 'a3', block: 1, offset: 0 },
      },
      { text: a3.paragraphs[0], face: FACE, size: SIZE, src: { article: 'a3', block: 2, offset: 0 } },
    ];
    const p = composeParagraph(runs, { em: SIZE, measure: 17 * SIZE }, fonts);
    const g = p.lines[0].glyphs;
    expect(g.slice(0, 3).map((x) => x.face)).toEqual([
      'noto-sans-sc-500',
      'noto-sans-sc-500',
      'noto-sans-sc-500',
    ]);
    expect(g[4].face).toBe(FACE);
    expect(g[4].src).toEqual({ article: 'a3', block: 2, offset: 0 });
    expect(p.lines[0].width).toBeCloseTo(17 * SIZE, 2);
  });
});

describe('in the real faces', () => {
  it('sets —— as exactly two ems with its ink unbroken, though the face draws — at 0.89 em', () => {
    const p = compose('同谱新篇章——学习强国', 100, 'newspaper', 'basic');
    const g = p.lines[0].glyphs;
    const [d1, d2] = g.filter((x) => x.text === '—');
    const next = g[g.indexOf(d2) + 1];
    const prev = g[g.indexOf(d1) - 1];
    expect(next.x - (prev.x + prev.advance) - 0).toBeCloseTo(2 * SIZE, 6); // the unit's two frames
    expect(d1.advance + d2.advance).toBeCloseTo(2 * SIZE, 6);
    const ink = (fonts.face(FACE).advance(0x2014) / 1000) * SIZE;
    expect(d2.x - d1.x).toBeCloseTo(ink, 6); // the second dash starts where the first one's ink ends
  });
});
