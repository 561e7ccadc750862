import { describe, expect, it } from 'vitest';
import { Break, breakOpportunities } from '../../../engine/text/breaks';
import type { Strictness } from '../../../engine/compose/types';

/** The text with | at every place a line may break. */
function seg(text: string, strictness: Strictness = 'basic'): string {
  const ops = breakOpportunities(text, strictness);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (i > 0 && ops[i] !== Break.Never) out += '|';
    out += text[i];
  }
  return out;
}

describe('UAX #14 tailored for GB/T 15834 (cjk-typesetting.md §1.6, §1.7)', () => {
  it.each([
    // Cases UAX #14 gets wrong for mainland text.
    ['戴蒙·林道夫', '戴|蒙·|林|道|夫'],
    ['十～二十', '十～|二|十'],
    ['一九四九—一九五〇', '一|九|四|九—|一|九|五|〇'],
    ['他说“好”吧', '他|说|“好”|吧'],
    ['春眠/处处', '春|眠/|处|处'],
    // Cases it already gets right, and must keep.
    ['注意：这个！', '注|意：|这|个！'],
    ['增长12.5%以上', '增|长|12.5%|以|上'],
    ['价格￥100元', '价|格|￥100|元'],
    ['日期2024-05-01', '日|期|2024-05-01'],
    ['使用TypeScript编写', '使|用|TypeScript|编|写'],
    ['增长12.5％', '增|长|12.5％'],
    ['hello world', 'hello |world'],
    ['《人民日报》报道', '《人|民|日|报》|报|道'],
    ['好。”他说', '好。”|他|说'],
  ])('%s → %s', (text, expected) => {
    expect(seg(text)).toBe(expected);
  });

  it('keeps ——, ……, ⋯⋯ and a run of three dashes whole', () => {
    expect(seg('目标——建设')).toBe('目|标|——|建|设');
    expect(seg('沉默了……良久')).toBe('沉|默|了|……|良|久');
    expect(seg('篇章———学习')).toBe('篇|章|———|学|习');
    expect(seg('等等⋯⋯')).toBe('等|等|⋯⋯');
  });

  it('never breaks inside a surrogate pair or before a combining mark', () => {
    expect(seg('𠀀𠀁')).toBe('𠀀|𠀁');
    expect(seg('葛\uFE00藤')).toBe('葛\uFE00|藤');
  });

  describe('strictness levels (CLREQ §1.1)', () => {
    it('none: marks may start a line, units still hold', () => {
      expect(seg('他说，好', 'none')).toBe('他|说|，|好');
      expect(seg('“好”', 'none')).toBe('“|好|”');
      expect(seg('12.5％', 'none')).toBe('12.5％');
      expect(seg('目标——', 'none')).toBe('目|标|——');
    });
    it('basic: a solidus may end a line', () => {
      expect(seg('春眠/处处', 'basic')).toBe('春|眠/|处|处');
    });
    it('gb: a solidus may neither start nor end a line', () => {
      expect(seg('春眠/处处', 'gb')).toBe('春|眠/处|处');
      expect(seg('春眠／处处', 'gb')).toBe('春|眠／处|处');
    });
    it('strict: —— and …… do not start a line either', () => {
      expect(seg('目标——建设', 'strict')).toBe('目|标——|建|设');
      expect(seg('沉默了……良久', 'strict')).toBe('沉|默|了……|良|久');
    });
    it.each([
      '。',
      '，',
      '、',
      '：',
      '；',
      '？',
      '！',
      '”',
      '’',
      '」',
      '』',
      '）',
      '》',
      '〉',
      '】',
      '〗',
      '〕',
      '］',
      '｝',
      '·',
      '～',
      '–',
      '／',
    ])('basic: nothing breaks before %s', (mark) => {
      expect(seg(`甲${mark}乙`)).toBe(`甲${mark}|乙`);
    });
    it.each(['“', '‘', '「', '『', '（', '《', '〈', '【', '〖', '〔', '［', '｛'])(
      'basic: nothing breaks after %s',
      (mark) => {
        expect(seg(`甲${mark}乙`)).toBe(`甲|${mark}乙`);
      },
    );
  });
});
