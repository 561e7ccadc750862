import { describe, expect, it } from 'vitest';
import { layoutEdition } from '../../../engine/layout';
import { verticalBodyProblem, verticalHeadlineProblem } from '../../../engine/layout/vertical-fit';
import type { GlyphRun } from '../../../engine/display/types';
import type { Placement } from '../../../engine/model/types';
import { R, article, copy, ctx, edition, templates } from '../../support/layout';

const sikai = templates.sikai;
const a = article('a', [
  ['headline', '徐汇区打造学习强国线下课堂'],
  ['paragraph', copy(600)],
]);

describe('竖排 in a wide area', () => {
  it('sets the body of a wide region in full columns, each as long as the region is high', () => {
    const pl: Placement = { article: 'a', regions: [R(0, 4, 12, 12)], photos: [], vertical: true };
    const page = layoutEdition(edition([a], [pl]), ctx).pages[0];
    const runs = page.items.filter(
      (i): i is GlyphRun => i.kind === 'glyphs' && i.vertical && i.role === 'body',
    );
    // 12 lines of 14.3 pt hold 19 characters of 9 pt: every column but the last is full, give or take
    // the compression of its marks and a paragraph's first-line indent.
    const perColumn = new Map<number, number>();
    for (const r of runs) perColumn.set(r.x, (perColumn.get(r.x) ?? 0) + r.glyphs.length);
    const counts = [...perColumn.values()].slice(0, -1);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(16);
    expect(verticalBodyProblem(sikai, pl)).toBeNull();
  });

  it('says why a 竖题 or 竖排 body would get a character or two a column, and how high the area must be', () => {
    const low: Placement = {
      article: 'a',
      headline: { area: R(0, 3, 12, 4), orientation: 'vertical', align: 'center' },
      regions: [R(0, 3, 16, 2)],
      photos: [],
    };
    // 一号 (26 pt) in 4 lines of 14.3 pt: two characters a column.
    expect(verticalHeadlineProblem(sikai, low, a)).toBe(
      '标题区高 4 行，主题（26 pt）竖排每列只能放 2 个字；请把标题占行加大到 22 行左右再改竖排',
    );
    expect(verticalBodyProblem(sikai, low)).toBe(
      '文字区高 2 行，竖排每列只能放 3 个字；请把文字区的行数加大到至少 3 行再改竖排',
    );
    const tall = { ...low, headline: { ...low.headline!, area: R(0, 1, 12, 22) } };
    expect(verticalHeadlineProblem(sikai, tall, a)).toBeNull();
  });
});
