import { describe, expect, it } from 'vitest';
import { composeParagraph } from '../../../engine/compose';
import { EM, fonts, run, set, texts } from '../../support/compose';

describe('push-in before push-out (先挤进，后推出, cjk-typesetting.md §1.4)', () => {
  it('pushes a comma into the line by squeezing another comma', () => {
    const p = set('一二三，四五六七八九，一二', 10);
    const l = p.lines[0];
    expect(l.text).toBe('一二三，四五六七八九，');
    expect(l.breakKind).toBe('push-in');
    expect(l.width).toBeCloseTo(100, 9);
    expect(l.adjustments.comma).toBeCloseTo(-5, 9);
    expect(l.adjustments['line-end']).toBeCloseTo(-5, 9);
  });

  it('pushes the last character down when nothing on the line can give', () => {
    const p = set('一二三四五六七八九十，一二', 10);
    expect(texts(p)).toEqual(['一二三四五六七八九', '十，一二']);
    expect(p.lines[0].breakKind).toBe('push-out');
    expect(p.lines[0].width).toBeCloseTo(100, 9);
    expect(p.lines[0].adjustments['inter-character']).toBeCloseTo(10, 9);
  });

  it('hangs a single comma instead of pushing out, when asked', () => {
    const p = set('一二三四五六七八九十，一二', 10, { hanging: true });
    expect(texts(p)).toEqual(['一二三四五六七八九十，', '一二']);
    const l = p.lines[0];
    expect(l.breakKind).toBe('hang');
    expect(l.width).toBeCloseTo(100, 9);
    expect(l.glyphs[10].x).toBeCloseTo(100, 9);
  });

  it('does not hang a mark that follows another mark', () => {
    const p = set('一二三四五六七八九”，一二三', 10, { hanging: true, style: 'quanjiao' });
    expect(p.lines[0].breakKind).not.toBe('hang');
  });

  it('moves an opening quote at a line end to the next line', () => {
    const p = set('一二三四五六七八九“十”一二', 10);
    expect(texts(p)[0]).toBe('一二三四五六七八九');
    expect(texts(p)[1].startsWith('“')).toBe(true);
  });

  it('strict keeps —— off the line start, basic lets it begin one', () => {
    expect(texts(set('一二三四五六七八九——十一二', 10, { strictness: 'basic' }))).toEqual([
      '一二三四五六七八九',
      '——十一二',
    ]);
    expect(texts(set('一二三四五六七八九——十一二', 10, { strictness: 'strict' }))).toEqual([
      '一二三四五六七八',
      '九——十一二',
    ]);
  });

  it('with no prohibitions (none), a comma may start a line', () => {
    const p = set('一二三四五六七八九十，一二', 10, { strictness: 'none' });
    expect(texts(p)).toEqual(['一二三四五六七八九十', '，一二']);
  });

  it('squeezes brackets before commas before periods (CLREQ reduction priority)', () => {
    // One em too wide; the quotes (priority 4) give it all, the comma (5) nothing, and in 全角式
    // the period is never squeezed mid-line.
    const p = set('甲“乙”丙，丁。戊己庚辛壬癸子丑', 10, { style: 'quanjiao' });
    const l = p.lines[0];
    expect(l.text).toBe('甲“乙”丙，丁。戊己庚');
    expect(l.breakKind).toBe('push-in');
    expect(l.adjustments.bracket).toBeCloseTo(-10, 9);
    expect(l.adjustments.comma).toBeUndefined();
    expect(l.adjustments.period).toBeUndefined();
    expect(l.width).toBeCloseTo(100, 9);
  });
});

describe('justification', () => {
  it('sets pure Han on the grid: every line exactly the measure, the last start-aligned', () => {
    const text =
      '天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈';
    const p = set(text.slice(0, 40), 17, { indent: 2 });
    expect(p.lines.map((l) => l.text.length)).toEqual([15, 17, 8]);
    for (const l of p.lines.slice(0, -1)) expect(l.width).toBeCloseTo(170, 9);
    const last = p.lines[2];
    expect(last.breakKind).toBe('end');
    expect(last.width).toBeCloseTo(80, 9);
    expect(last.glyphs.map((g) => g.x)).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
    expect(p.lines[0].glyphs[0].x).toBe(20);
  });

  it('honours a configurable indent', () => {
    const p = set('天地玄黄宇宙洪荒', 17, { indent: 1 });
    expect(p.lines[0].glyphs[0].x).toBe(10);
    expect(p.lines[0].indent).toBe(10);
  });

  it('lets the measure vary by line, as beside and then below a photo', () => {
    const text = '天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜';
    const p = set(text, 0, { measure: (i) => (i < 2 ? 120 : 170) });
    expect(p.lines.map((l) => l.text.length)).toEqual([12, 12, 16]);
    expect(p.lines[0].measure).toBe(120);
    expect(p.lines[2].measure).toBe(170);
  });

  it('centres and end-aligns headline lines without stretching them', () => {
    const c = set('版面', 10, { align: 'center' });
    expect(c.lines[0].glyphs[0].x).toBe(40);
    const e = set('版面', 10, { align: 'end' });
    expect(e.lines[0].glyphs[0].x).toBe(80);
  });
});

describe('CJK–Latin spacing (cjk-typesetting.md §3)', () => {
  it('puts a quarter em between Han and Latin or digits', () => {
    // 4 Han + ABC (3 × 6.5 pt) + two ¼-em gaps
    const p = set('中文ABC中文', 100);
    expect(p.lines[0].width).toBeCloseTo(40 + 19.5 + 5, 9);
    const g = p.lines[0].glyphs;
    expect(g[2].x - (g[1].x + 10)).toBeCloseTo(2.5, 9);
  });

  it('puts none next to punctuation', () => {
    const p = set('中，ABC。', 100, { style: 'quanjiao' });
    expect(p.lines[0].width).toBeCloseTo(10 + 10 + 19.5 + 5, 9);
  });

  it('puts none at line edges', () => {
    const p = set('一二三四五六七八九十ABC', 10);
    expect(texts(p)).toEqual(['一二三四五六七八九十', 'ABC']);
    expect(p.lines[0].adjustments['cjk-latin']).toBeUndefined();
    expect(p.lines[1].glyphs[0].x).toBe(0);
  });

  it('shrinks the spacing towards an eighth of an em, all gaps equally, before a line breaks', () => {
    // The rest sets as 11 + 3 characters, so no orphan on the last line weighs on the first break
    // (optimal.test.ts shows what the breaker does when one would).
    const p = set('中A中A中A中A中A中中中中中中中中中中中中中中', 11);
    const l = p.lines[0];
    expect(l.text).toBe('中A中A中A中A中A中');
    expect(l.width).toBeCloseTo(110, 9);
    expect(l.adjustments['cjk-latin']).toBeCloseTo(-7.5, 9);
    for (let i = 0; i + 1 < l.glyphs.length; i++) {
      const space = l.glyphs[i + 1].x - l.glyphs[i].x - (l.glyphs[i].text === 'A' ? 6.5 : 10);
      expect(space).toBeCloseTo(1.75, 9);
      expect(space).toBeGreaterThanOrEqual(EM / 8);
    }
  });

  it('stretches Han–Latin spacing (up to ½ em) before Han gaps', () => {
    const p = set('一二三四五六七AB八九十一二', 10);
    const l = p.lines[0];
    expect(l.text).toBe('一二三四五六七AB八');
    expect(l.naturalWidth).toBeCloseTo(98, 9);
    expect(l.adjustments['cjk-latin']).toBeCloseTo(2, 9);
    expect(l.adjustments['inter-character']).toBeUndefined();
    // More slack than the spacing can take: the rest goes to the seven other gaps, none inside AB.
    const q = set('一二三四五六七AB八九十一二', 9.4);
    const m = q.lines[0];
    expect(m.text).toBe('一二三四五六七AB');
    expect(m.adjustments['cjk-latin']).toBeCloseTo(2.5, 9);
    expect(m.adjustments['inter-character']).toBeCloseTo(6, 9);
    const [a, b] = m.glyphs.slice(-2);
    expect(b.x - a.x).toBeCloseTo(6.5, 9);
    expect(m.width).toBeCloseTo(94, 9);
  });
});

describe('unbreakable units', () => {
  it('never splits a number with separators, a percent, a date or a Latin word', () => {
    for (const unit of ['12.5%', '2024-05-01', '￥1,234.56', 'TypeScript']) {
      const text = `一二三四五六七${unit}八九十`;
      const p = set(text, 9);
      expect(
        p.lines.some((l) => l.text.includes(unit)),
        unit,
      ).toBe(true);
    }
  });

  it('breaks inside a word only when it is wider than the measure (emergency)', () => {
    const p = set('一Pneumonoultramicroscopicsilicovolcanoconiosis二', 10);
    expect(p.lines.some((l) => l.breakKind === 'emergency')).toBe(true);
    expect(texts(p).join('')).toBe('一Pneumonoultramicroscopicsilicovolcanoconiosis二');
  });
});

describe('orphans (孤字)', () => {
  const text = '一二三四五六七八九十一二三四五六七八九十二。';
  it('keeps a lone character and its mark off the last line', () => {
    const p = set(text, 10);
    expect(texts(p)).toEqual(['一二三四五六七八九十', '一二三四五六七八九', '十二。']);
    expect(p.lines[1].breakKind).toBe('orphan');
    expect(p.lines[1].width).toBeCloseTo(100, 9);
  });
  it('can be turned off', () => {
    const p = set(text, 10, { orphanControl: false });
    expect(texts(p)[2]).toBe('二。');
  });
});

describe('runs, sources and missing characters', () => {
  it('sets a 黑体 dateline before a 书宋 paragraph, each glyph with its source offset', () => {
    const runs = [
      run('本报讯', {
        face: 'noto-sans-sc-500',
        role: 'dateline',
        src: { article: 'a1', block: 3, offset: 0 },
      }),
      run('（记者 王）2月15日，', { src: { article: 'a1', block: 3, offset: 3 } }),
    ];
    const p = composeParagraph(runs, { em: EM, measure: 170 }, fonts);
    const g = p.lines[0].glyphs;
    expect(g.slice(0, 3).map((x) => x.face)).toEqual([
      'noto-sans-sc-500',
      'noto-sans-sc-500',
      'noto-sans-sc-500',
    ]);
    expect(g[0].role).toBe('dateline');
    expect(g[3].face).toBe('noto-serif-sc-400');
    expect(g.map((x) => x.src.offset)).toEqual([...Array(g.length).keys()]);
    expect(p.lines[0].ascent).toBeCloseTo(9, 9); // the sans face's 0.9 em
  });

  it('sets a larger run at its own size', () => {
    const p = composeParagraph(
      [
        run('甲乙'),
        run('丙', { size: 20, src: { article: 'a1', block: 0, offset: 2 } }),
        run('丁', { src: { article: 'a1', block: 0, offset: 3 } }),
      ],
      { em: EM, measure: 200, indent: 0 },
      fonts,
    );
    const g = p.lines[0].glyphs;
    expect(g[3].x - g[2].x).toBe(20);
    expect(p.lines[0].ascent).toBeCloseTo(17.6, 9);
  });

  it('takes a character from the fallback face, and reports one no face has', () => {
    const p = set('甲𠀀乙\uE000丙', 100);
    const g = p.lines[0].glyphs;
    expect(g[1].face).toBe('synthetic-ext');
    expect(g[1].text).toBe('𠀀');
    expect(g[3]).toMatchObject({ gid: 0, missing: true, text: '\uE000' });
    expect(p.missing).toEqual([
      { char: '\uE000', index: 4, src: { article: 'a1', block: 0, offset: 4 }, face: 'noto-serif-sc-400' },
    ]);
    expect(p.lines[0].text).toBe('甲𠀀乙\uE000丙');
  });

  it('is deterministic', () => {
    const a = set('“学习强国”上海学习平台，2023年使用TypeScript编写了12.5%的代码——真的……好吗？！', 17);
    const b = set('“学习强国”上海学习平台，2023年使用TypeScript编写了12.5%的代码——真的……好吗？！', 17);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('refuses bad options with a clear message', () => {
    expect(() => set('甲', 0)).toThrow(/measure/);
    expect(() => set('甲', 10, { style: 'fancy' as never })).toThrow(/punctuation style "fancy"/);
    expect(() => set('甲', 10, { strictness: 'lax' as never })).toThrow(/strictness "lax"/);
    expect(() => set('甲', 10, { indent: -1 })).toThrow(/indent/);
    expect(() => set('甲', 10, { measure: () => Number.NaN })).toThrow(/line 0/);
  });
});
