// What a typesetter checks at the head of a page: the 报眼 stack beside the paper's name shows no
// hole for a line the edition has nothing for, and the running head's rule keeps clear of the text.
import { describe, expect, it } from 'vitest';
import type { GlyphRun, Rule } from '../../../engine/display/types';
import { layoutEdition } from '../../../engine/layout';
import { loadSampleEdition } from '../../../electron/services/sample';
import { R, article, copy, ctx, edition, templates } from '../../support/layout';

const master = (items: { kind: string }[]) =>
  items.filter((i): i is GlyphRun => i.kind === 'glyphs' && (i as GlyphRun).role === 'master');
const text = (r: GlyphRun) => r.glyphs.map((g) => g.text).join('');

describe('master items', () => {
  it("closes up the masthead's right-hand stack when the edition has no issue numbers, keeping it level with the paper's name", () => {
    const page = layoutEdition(loadSampleEdition(), ctx).pages[0];
    const runs = master(page.items);
    const name = runs.find((r) => text(r) === '徐汇报')!;
    const right = ['2023年2月17日', '星期五', '今日1版'].map((t) => runs.find((r) => text(r) === t)!);
    // The last line of the stack stays where the template puts it, level with the name's baseline.
    expect(right[2].y).toBeCloseTo(page.typeArea.y + 6.7 * templates.sikai.body.pitch, 6);
    expect(Math.abs(right[2].y - name.y)).toBeLessThan(templates.sikai.body.pitch / 2);
    // The date and weekday move down into the places of the missing issue and serial lines.
    expect(right[1].y).toBeCloseTo(page.typeArea.y + 5.6 * templates.sikai.body.pitch, 6);
    expect(right[0].y).toBeCloseTo(page.typeArea.y + 4.5 * templates.sikai.body.pitch, 6);
    // With the numbers, every line keeps its own place.
    const full = layoutEdition(
      {
        ...loadSampleEdition(),
        issue: 12,
        totalIssue: 3456,
        paper: { name: '徐汇报', serial: 'CN 31-0000' },
      },
      ctx,
    ).pages[0];
    expect(master(full.items).find((r) => text(r) === '2023年2月17日')!.y).toBeCloseTo(
      full.typeArea.y + 1.6 * templates.sikai.body.pitch,
      6,
    );
  });

  it("keeps the running head's rule at least a line's lead clear of the first body line", () => {
    for (const id of ['sikai', 'duikai']) {
      const t = templates[id];
      const a = article('x', [['paragraph', copy(100)]]);
      const b = article('y', [['paragraph', copy(100)]]);
      const p2 = layoutEdition(
        edition([a, b], [{ article: 'x', regions: [R(0, 1, 13, 10)], photos: [] }], id, [
          [{ article: 'y', regions: [R(0, 1, 0, 10)], photos: [] }],
        ]),
        ctx,
      ).pages[1];
      const rule = p2.items.find((i): i is Rule => i.kind === 'rule')!;
      const first = p2.items.find((i): i is GlyphRun => i.kind === 'glyphs' && i.role === 'body')!;
      const emTop = first.y - t.body.size * 0.88;
      expect(emTop - rule.y1, id).toBeGreaterThan(t.body.size);
      // The head's own text sits above its rule.
      for (const r of master(p2.items).filter((m) => m.y < p2.typeArea.y))
        expect(r.y + r.size * 0.12, `${id} ${text(r)}`).toBeLessThan(rule.y1 - rule.width);
    }
  });
});
