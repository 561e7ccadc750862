import { describe, expect, it } from 'vitest';
import { diffText, diffArticles, diffStats, formatDiff, type DiffOp } from '../../../engine/history/diff';

const side = (ops: DiffOp[], k: 'delete' | 'insert') =>
  ops
    .filter((o) => o.op !== k)
    .map((o) => o.text)
    .join('');

describe('revision diff', () => {
  it('rebuilds both texts exactly, for any pair of texts', () => {
    let x = 12345;
    const rand = (n: number) => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) % n;
    };
    const alphabet = Array.from('的了是在徐汇区党员学习，。“”\n𠮷ab ');
    const make = (n: number) => Array.from({ length: n }, () => alphabet[rand(alphabet.length)]).join('');
    for (let i = 0; i < 300; i++) {
      const a = make(rand(60));
      // Half the pairs are edits of one text, half unrelated texts.
      const b =
        i % 2
          ? make(rand(60))
          : Array.from(a)
              .map((c) => (rand(6) === 0 ? make(rand(3)) : c))
              .join('');
      const ops = diffText(a, b);
      expect(side(ops, 'insert')).toBe(a);
      expect(side(ops, 'delete')).toBe(b);
      expect(ops.every((o) => o.text.length > 0)).toBe(true);
    }
  });

  it('shows a reworded clause as one change, not confetti of shared characters', () => {
    const a = '2月15日，徐汇区委宣传部在徐汇滨江党群服务中心共同举办活动。';
    const b = '2月15日，区委组织部在漕河泾开发区党群服务站举行了仪式。';
    const ops = diffText(a, b);
    expect(ops.filter((o) => o.op !== 'equal').length).toBeLessThanOrEqual(4);
    expect(formatDiff(ops)).toContain('2月15日，');
  });

  it('places a one-character correction exactly where it was made', () => {
    const ops = diffText('区委常委、宣传部长赵懿出席。', '区委常委、宣传部部长赵懿出席。');
    expect(formatDiff(ops)).toBe('区委常委、宣传部{+部+}长赵懿出席。');
  });

  it('keeps characters outside the basic plane whole', () => {
    const ops = diffText('吉祥𠮷利', '吉祥如意𠮷利');
    expect(ops.map((o) => o.text).join('')).toContain('𠮷');
    expect(side(ops, 'insert')).toBe('吉祥𠮷利');
  });

  it('compares articles paragraph by paragraph and counts what changed', () => {
    const para = (text: string) => ({ type: 'paragraph' as const, children: [{ text }] });
    const a = [
      { type: 'headline' as const, children: [{ text: '徐汇区打造线下课堂' }] },
      para('第一段不变。'),
      para('第二段有错字。'),
    ];
    const b = [
      { type: 'headline' as const, children: [{ text: '徐汇区打造线下课堂' }] },
      para('第一段不变。'),
      para('第二段没有错字。'),
      para('新加一段。'),
    ];
    const ops = diffArticles(a, b);
    expect(formatDiff(ops)).toBe('徐汇区打造线下课堂\n第一段不变。\n第二段{+没+}有错字。{+\n新加一段。+}');
    expect(diffStats(ops)).toEqual({ inserted: 7, deleted: 0, unchanged: 24 });
  });
});
