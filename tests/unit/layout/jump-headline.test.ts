// 接转标题: the 主题 as one line, shortened to what the column holds, the head kept.
import { describe, expect, it } from 'vitest';
import { headlineText, shortened } from '../../../engine/layout/jump-headline';

describe('continuation headline text', () => {
  it('is the 主题 without spaces, or none', () => {
    const a = (blocks: { type: string; text: string }[]) => ({
      id: 'x',
      slug: 'x',
      status: 'draft' as const,
      blocks: blocks.map((b) => ({ type: b.type, children: [{ text: b.text }] })),
    });
    expect(
      headlineText(
        a([
          { type: 'kicker', text: '引' },
          { type: 'headline', text: '乙镇 春耕' },
        ]) as never,
      ),
    ).toBe('乙镇春耕');
    expect(headlineText(a([{ type: 'paragraph', text: '正文' }]) as never)).toBeNull();
  });
  it('keeps a 主题 that fits, shortens a longer one to the column with ……', () => {
    expect(shortened('乙镇春耕生产全面展开', 10)).toBe('乙镇春耕生产全面展开');
    expect(shortened('乙镇春耕生产全面展开', 8)).toBe('乙镇春耕生产……');
    expect(Array.from(shortened('乙镇春耕生产全面展开', 8))).toHaveLength(8);
    expect(shortened('乙镇春耕', 2)).toBe('乙镇');
  });
});
