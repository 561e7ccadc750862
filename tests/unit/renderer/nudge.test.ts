// ← / → with the selection tool: frames nudged by whole 字, folded back into the column at a whole
// column and gutter, refused off the type area or onto another story, with the reason.
import { describe, expect, it } from 'vitest';
import type { Page } from '../../../engine/model/types';
import { nudgeFrames, nudgeRect } from '../../../renderer/page/nudge';
import { gridOf, moveProblem, rectToPoints } from '../../../renderer/state/placing';
import { R, templates } from '../../support/layout';

const t = templates.sikai;
const em = t.body.size;

const page = (): Page => ({
  id: 'p1',
  number: 2,
  section: '',
  template: 'sikai',
  placements: [
    {
      article: 'a',
      headline: { area: R(0, 2, 10, 4), orientation: 'horizontal', align: 'left' },
      regions: [R(0, 2, 14, 40)],
      photos: [{ block: 2, area: R(0, 1, 14, 10), fit: 'fill', captionLines: 1 }],
    },
    { article: 'b', regions: [R(2, 2, 10, 30)], photos: [] },
  ],
  ads: [{ id: 'ad1', label: '银行', col: 2, cols: 2, line: 60, lines: 10 }],
});
const ok = (r: ReturnType<typeof nudgeFrames>): Page => {
  if (!r || 'refused' in r) throw new Error(`not moved: ${JSON.stringify(r)}`);
  return r.page;
};

describe('nudging frames by whole 字', () => {
  it('moves a photo frame by 1 and 5 字; the selection box is drawn n × em to the right', () => {
    const p0 = page();
    let p = ok(nudgeFrames(t, p0, [{ kind: 'photo', article: 'a', index: 0 }], 1));
    p = ok(nudgeFrames(t, p, [{ kind: 'photo', article: 'a', index: 0 }], 5));
    const f = p.placements[0].photos[0].area;
    expect(f).toEqual(R(0, 1, 14, 10, { shift: 6 }));
    expect(p.placements[0].regions).toEqual(p0.placements[0].regions);
    const g = gridOf(t);
    expect(rectToPoints(g, f).x - rectToPoints(g, p0.placements[0].photos[0].area).x).toBeCloseTo(6 * em, 6);
    // And back to no shift at all (no key left behind).
    const back = ok(nudgeFrames(t, p, [{ kind: 'photo', article: 'a', index: 0 }], -6));
    expect(back.placements[0].photos[0].area).toEqual(R(0, 1, 14, 10));
  });

  it('moves a whole story (regions, headline, photos) and an ad slot; a whole column and gutter folds into col', () => {
    const step = Math.round((t.grid.columnWidth + t.grid.gutter) / em);
    expect(nudgeRect(t, R(0, 1, 1, 1, { shift: step - 1 }), 1)).toEqual(R(1, 1, 1, 1));
    expect(nudgeRect(t, R(1, 1, 1, 1), -step)).toEqual(R(0, 1, 1, 1));
    // Into the gutter between a and b, no further.
    const p = ok(nudgeFrames(t, page(), [{ kind: 'story', article: 'b' }], -1));
    expect(p.placements[1].regions[0]).toEqual(R(2, 2, 10, 30, { shift: -1 }));
    expect(nudgeFrames(t, p, [{ kind: 'story', article: 'b' }], -1)).toHaveProperty('refused');
    const whole = ok(nudgeFrames(t, page(), [{ kind: 'story', article: 'a' }], 1));
    const moved = whole.placements[0];
    expect([moved.headline!.area, ...moved.regions, moved.photos[0].area].map((r) => r.shift)).toEqual([
      1, 1, 1,
    ]);
    const a = ok(nudgeFrames(t, page(), [{ kind: 'ad', id: 'ad1' }], -1));
    expect(a.ads![0]).toMatchObject({ col: 2, shift: -1 });
  });

  it('refuses a nudge past the type area or onto another story, saying why', () => {
    const left = nudgeFrames(t, page(), [{ kind: 'story', article: 'a' }], -1);
    expect(left).toEqual({ refused: '对象左移 1 字会超出版心' });
    const right = nudgeFrames(t, page(), [{ kind: 'ad', id: 'ad1' }], 1);
    expect(right).toEqual({ refused: '对象右移 1 字会超出版心' });
    // Story a's right edge meets story b's left edge across one gutter (1 字): two 字 lands on it.
    expect(nudgeFrames(t, page(), [{ kind: 'story', article: 'a' }], 1)).not.toHaveProperty('refused');
    const onto = nudgeFrames(t, page(), [{ kind: 'story', article: 'a' }], 2, (id) => `稿${id}`);
    expect(onto).toEqual({ refused: '对象右移 2 字会压在稿件“稿b”上：先腾出位置' });
    // A photo frame over its own story's text is what it is for; onto its headline area it is not.
    const photo = [{ kind: 'photo' as const, article: 'a', index: 0 }];
    expect(nudgeFrames(t, page(), photo, 5)).not.toHaveProperty('refused');
  });

  it('a story nudged into the next column is seen there when a drag moves it onto a story in that column', () => {
    const story = (shift?: number) => ({
      article: 'a',
      regions: [R(0, 2, 10, 20, shift ? { shift } : {})],
      photos: [],
    });
    const b = { article: 'b', regions: [R(2, 2, 35, 10)], photos: [] };
    const by = { dCol: 0, dLine: 25 };
    expect(moveProblem(gridOf(t), [story(), b], story(), by)).toBeNull();
    expect(moveProblem(gridOf(t), [story(5), b], story(5), by)).toMatch(/压在稿件“b”上/);
  });
});
