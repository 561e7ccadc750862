// Thumbnails greek small text: a body line is one grey bar, a headline is still drawn as type.
import { describe, expect, it } from 'vitest';
import type { DisplayPage, GlyphRun } from '../../../engine/display/types';
import { paintPage, type GlyphSource } from '../../../renderer/page/paint';

const CHARS = [...'区内各街镇将分批组织全'];

function run(size: number, text: string, y: number): GlyphRun {
  return {
    kind: 'glyphs',
    face: 'serif',
    size,
    color: { c: 0, m: 0, y: 0, k: 1 },
    overprint: false,
    x: 20,
    y,
    vertical: false,
    role: size > 20 ? 'headline' : 'body',
    glyphs: [...text].map((t, i) => ({
      gid: CHARS.indexOf(t) + 1,
      text: t,
      x: i * size,
      y: 0,
      advance: size,
      src: { article: 'a1', block: 0, offset: i },
    })),
  } as unknown as GlyphRun;
}

/** A 2D context that records the calls that draw. */
function recorder() {
  const calls: string[] = [];
  const ctx = new Proxy(
    {},
    {
      get: (_t, key) =>
        typeof key === 'string' && ['fillText', 'fillRect', 'fill'].includes(key)
          ? (...a: number[]) => calls.push(`${key} ${a.map((n) => Math.round(Number(n))).join(',')}`)
          : () => {},
      set: () => true,
    },
  ) as unknown as CanvasRenderingContext2D;
  return { ctx, calls };
}

const glyphs: GlyphSource = {
  family: () => 'bm-serif',
  cmapGlyph: (_f, t) => CHARS.indexOf(t) + 1,
  outline: () => undefined,
};
const page = {
  number: 1,
  width: 800,
  height: 1100,
  items: [run(40, '全区', 80), run(9, '区内各街镇将分批组织', 200), run(9, '区内各街镇将分批组织', 215)],
} as unknown as DisplayPage;

describe('greeking in thumbnails', () => {
  it('draws text smaller than the limit as one bar per line, spanning its glyphs, and larger text as glyphs', () => {
    const { ctx, calls } = recorder();
    paintPage(ctx, page, { scale: 0.15, originX: 0, originY: 0, glyphs, greekBelow: 4 });
    const text = calls.filter((c) => c.startsWith('fillText'));
    const bars = calls.filter((c) => c.startsWith('fillRect')).slice(1); // after the paper
    expect(text).toHaveLength(2); // 全区 at 40 pt is 6 px
    expect(bars).toEqual(['fillRect 20,193,90,7', 'fillRect 20,208,90,7']);
  });

  it('draws every glyph without a limit, as the page view and the print comparison do', () => {
    const { ctx, calls } = recorder();
    paintPage(ctx, page, { scale: 0.15, originX: 0, originY: 0, glyphs });
    expect(calls.filter((c) => c.startsWith('fillText'))).toHaveLength(22);
  });
});
