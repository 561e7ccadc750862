import { describe, expect, it } from 'vitest';
import type { Box, DisplayPage, GlyphRun, ImageItem, OversetMark } from '../../../engine/display/types';
import { LayoutError, PageGrid, layoutEdition, layoutPage, verticalItems } from '../../../engine/layout';
import type { Asset } from '../../../engine/model/types';
import { loadSampleEdition } from '../../../electron/services/sample';
import {
  R,
  article,
  articleRuns,
  copy,
  ctx,
  edition,
  expectInsideAreas,
  expectNothingLost,
  expectOnBaselineGrid,
  fonts,
  glyphBox,
  inside,
  templates,
} from '../../support/layout';

const sikai = templates.sikai;
const duikai = templates.duikai;

describe('the sample edition', () => {
  const ed = loadSampleEdition();
  const list = layoutEdition(ed, ctx);
  const page = list.pages[0];

  it('places its four articles on page 1, none overset and none with more than a few empty lines', () => {
    expect(page.fits.map((f) => f.article).sort()).toEqual(['a1', 'a2', 'a3', 'a4']);
    for (const f of page.fits) {
      expect(f.oversetLines, f.article).toBe(0);
      expect(f.oversetChars, f.article).toBe(0);
      expect(f.undersetLines, f.article).toBeLessThanOrEqual(3);
    }
    expect(page.items.some((i) => i.kind === 'overset')).toBe(false);
    expect(page.missing).toEqual([]);
  });

  it("keeps every glyph inside its article's areas and the type area, on the baseline grid, and loses nothing", () => {
    expectInsideAreas(page, sikai, ed.pages[0].placements);
    expectOnBaselineGrid(page, sikai);
    for (const a of ed.articles) expectNothingLost(page, a);
  });

  it("sets the masthead: the paper's name large, the date with its weekday", () => {
    const master = page.items.filter((i): i is GlyphRun => i.kind === 'glyphs' && i.role === 'master');
    const texts = master.map((r) => r.glyphs.map((g) => g.text).join(''));
    expect(texts).toContain('徐汇报');
    expect(texts).toContain('2023年2月17日');
    expect(texts).toContain('星期五');
    const name = master.find((r) => r.glyphs.map((g) => g.text).join('') === '徐汇报')!;
    expect(name.size).toBeGreaterThanOrEqual(60);
    // The edition has no issue number: the line that would print it is left out, not printed half empty.
    expect(texts.some((t) => /^第.*期/.test(t))).toBe(false);
  });

  it('runs the dateline in at the head of the first paragraph, in 黑体, with a one-字 gap', () => {
    const runs = articleRuns(page, 'a1');
    const dateline = runs.find((r) => r.role === 'dateline')!;
    expect(dateline.glyphs.map((g) => g.text).join('')).toBe('本报讯');
    expect(dateline.face).toBe('noto-sans-sc-500');
    const body = runs.find((r) => r.role === 'body' && r.y === dateline.y)!;
    const lastD = dateline.glyphs[dateline.glyphs.length - 1];
    const gap = body.x + body.glyphs[0].x - (dateline.x + lastD.x + lastD.advance);
    // One 字 (9 pt), give or take the line's justification.
    expect(gap).toBeGreaterThan(8);
    expect(gap).toBeLessThan(11);
    // The gap is not text: nothing of the article is drawn for it.
    expect(runs.flatMap((r) => r.glyphs).some((g) => g.text === '\u3000')).toBe(false);
  });

  it('boxes the photo story, with its photo beside a 12-字 measure and two 15-字 columns below', () => {
    const box = page.items.find((i): i is Box => i.kind === 'box' && i.role === 'article-box')!;
    expect(box).toBeDefined();
    const runs = articleRuns(page, 'a2');
    for (const r of runs)
      for (const g of r.glyphs)
        expect(inside(glyphBox(r, g), { x: box.x + 9, y: box.y, w: box.w - 18, h: box.h })).toBe(true);
    const img = page.items.find((i): i is ImageItem => i.kind === 'image')!;
    expect(img.article).toBe('a2');
    // Effective resolution of the photo in its frame: at least 200 ppi.
    expect((img.pixelWidth / img.imageW) * 72).toBeGreaterThanOrEqual(200);
    const widths = new Set(
      runs
        .filter((r) => r.role === 'body')
        .map((r) => {
          const last = r.glyphs[r.glyphs.length - 1];
          return Math.round((last.x + last.advance) / 9);
        }),
    );
    expect(widths.has(12)).toBe(true);
    expect(widths.has(15)).toBe(true);
  });

  it('is identical for identical input', () => {
    const again = layoutEdition(loadSampleEdition(), ctx);
    expect(JSON.stringify(again)).toBe(JSON.stringify(list));
    expect(JSON.parse(JSON.stringify(list))).toEqual(list);
  });
});

describe('flow through regions', () => {
  it('runs text down each column then the next, and marks and counts what does not fit', () => {
    const a = article('x', [
      ['paragraph', copy(400)],
      ['paragraph', copy(300, 2)],
    ]);
    const pl = { article: 'x', regions: [R(0, 2, 20, 8)], photos: [] };
    const page = layoutEdition(edition([a], [pl]), ctx).pages[0];
    const fit = page.fits[0];
    expect(fit.linesAvailable).toBe(16);
    expect(fit.linesUsed).toBe(16);
    expect(fit.oversetLines).toBeGreaterThan(20);
    expect(fit.undersetLines).toBe(0);
    // The overset is the tail of the article, counted in characters.
    const all = a.blocks.map((b) => b.children[0].text).join('');
    expect(all.endsWith(fit.oversetText)).toBe(true);
    expect(fit.oversetChars).toBe([...fit.oversetText].length);
    const mark = page.items.find((i): i is OversetMark => i.kind === 'overset')!;
    const grid = new PageGrid(templates.sikai);
    expect(mark).toMatchObject({ article: 'x', lines: fit.oversetLines, chars: fit.oversetChars });
    expect(mark.x).toBeCloseTo(grid.colX(1) + templates.sikai.grid.columnWidth, 6);
    expect(mark.y).toBeCloseTo(grid.rowTop(28), 6);
    // Down the first column, then the second: the first column's rows fill before the second starts.
    const body = articleRuns(page, 'x');
    const col1 = body.filter((r) => r.x < grid.colX(1) - 1);
    const col2 = body.filter((r) => r.x >= grid.colX(1) - 1);
    expect(new Set(col1.map((r) => r.y)).size).toBe(8);
    expect(new Set(col2.map((r) => r.y)).size).toBe(8);
    expect(
      Math.max(...col1.flatMap((r) => r.glyphs.map((g) => g.src.offset + 1000 * g.src.block))),
    ).toBeLessThan(Math.min(...col2.flatMap((r) => r.glyphs.map((g) => g.src.offset + 1000 * g.src.block))));
    expectNothingLost(page, a);
  });

  it('counts underset lines when the copy is short', () => {
    const a = article('x', [['paragraph', copy(60)]]);
    const page = layoutEdition(edition([a], [{ article: 'x', regions: [R(1, 1, 20, 10)], photos: [] }]), ctx)
      .pages[0];
    // 60 characters in 17-字 lines after a 2-字 indent: 4 lines.
    expect(page.fits[0]).toMatchObject({
      linesUsed: 4,
      linesAvailable: 10,
      undersetLines: 6,
      undersetChars: 6 * 17,
      oversetLines: 0,
    });
  });

  it('flows an L-shape: beside a photo in a narrow measure, then full width below', () => {
    const a = article('x', [
      ['photo', '图为座谈会现场'],
      ['paragraph', copy(500)],
    ]);
    const pl = {
      article: 'x',
      photos: [
        { block: 0, area: R(0, 2, 20, 10, { indentRight: 13 }), fit: 'fill' as const, captionLines: 2 },
      ],
      regions: [R(0, 2, 20, 10, { indentLeft: 23, columns: 1 }), R(0, 2, 30, 10)],
    };
    const page = layoutEdition(edition([a], [pl]), ctx).pages[0];
    const runs = articleRuns(page, 'x').filter((r) => r.role === 'body');
    const grid = new PageGrid(templates.sikai);
    const beside = runs.filter((r) => r.y < grid.rowTop(30));
    const below = runs.filter((r) => r.y > grid.rowTop(30));
    expect(beside.every((r) => r.x === grid.colX(0) + 23 * 9)).toBe(true);
    expect(beside.every((r) => r.glyphs.every((g) => g.x + g.advance <= 12 * 9 + 0.01))).toBe(true);
    expect(below.length).toBeGreaterThan(0);
    expectInsideAreas(page, templates.sikai, [pl]);
    expectOnBaselineGrid(page, templates.sikai);
    expectNothingLost(page, a);
    // Caption under the picture, in the caption style.
    const caption = page.items.find((i): i is GlyphRun => i.kind === 'glyphs' && i.role === 'caption')!;
    const img = page.items.find((i): i is Box => i.kind === 'box' && i.role === 'empty-photo')!;
    expect(caption.glyphs.map((g) => g.text).join('')).toBe('图为座谈会现场');
    expect(caption.size).toBe(7.5);
    expect(caption.y - caption.size * 0.88).toBeGreaterThan(img.y + img.h);
  });

  it('balances the columns of the last region when asked', () => {
    const a = article('x', [['paragraph', copy(700)]]);
    const plain = layoutEdition(edition([a], [{ article: 'x', regions: [R(0, 4, 20, 30)], photos: [] }]), ctx)
      .pages[0];
    const balanced = layoutEdition(
      edition([a], [{ article: 'x', regions: [R(0, 4, 20, 30)], photos: [], balance: true }]),
      ctx,
    ).pages[0];
    const perColumn = (p: DisplayPage) => {
      const g = new PageGrid(templates.sikai);
      return [0, 1, 2, 3].map(
        (c) =>
          new Set(
            articleRuns(p, 'x')
              .filter((r) => r.x >= g.colX(c) - 1 && r.x < g.colX(c) + 100)
              .map((r) => r.y),
          ).size,
      );
    };
    const before = perColumn(plain);
    const after = perColumn(balanced);
    expect(before[0]).toBe(30);
    expect(Math.max(...after) - Math.min(...after)).toBeLessThanOrEqual(1);
    expect(after.reduce((x, y) => x + y)).toBe(before.reduce((x, y) => x + y));
    expect(balanced.fits[0].undersetLines).toBe(plain.fits[0].undersetLines);
  });

  it('lines up body lines across all columns of the page and every article', () => {
    const arts = [0, 1, 2].map((i) =>
      article(`a${i}`, [
        ['headline', '标题' + i],
        ['dateline', '本报讯'],
        ['paragraph', copy(300, i)],
        ['crosshead', '小标题'],
        ['paragraph', copy(200, i + 3)],
      ]),
    );
    const pls = [
      {
        article: 'a0',
        headline: { area: R(0, 2, 13, 4), orientation: 'horizontal' as const, align: 'center' as const },
        regions: [R(0, 2, 17, 12)],
        photos: [],
      },
      {
        article: 'a1',
        headline: { area: R(2, 2, 13, 3), orientation: 'horizontal' as const, align: 'left' as const },
        regions: [R(2, 2, 16, 14)],
        photos: [],
      },
      {
        article: 'a2',
        box: { inset: 1 },
        headline: { area: R(0, 4, 32, 4), orientation: 'horizontal' as const, align: 'center' as const },
        regions: [R(0, 4, 36, 10)],
        photos: [],
      },
    ];
    const page = layoutEdition(edition(arts, pls), ctx).pages[0];
    expectOnBaselineGrid(page, templates.sikai);
    expectInsideAreas(page, templates.sikai, pls);
    for (const a of arts) expectNothingLost(page, a);
  });

  it('moves a crosshead that would end a column to the top of the next (no 背题)', () => {
    // Fill column 1 so that the crosshead would land on its last row.
    const grid = new PageGrid(templates.sikai);
    for (let n = 10; n < 40; n++) {
      const a = article('x', [
        ['paragraph', copy(n * 15 + 3)],
        ['crosshead', '小标题在此'],
        ['paragraph', copy(200, 4)],
      ]);
      const page = layoutEdition(
        edition([a], [{ article: 'x', regions: [R(0, 2, 20, 10)], photos: [] }]),
        ctx,
      ).pages[0];
      const cross = articleRuns(page, 'x').find((r) => r.role === 'crosshead')!;
      // Only the first column has a next one to move to.
      if (!cross || cross.x > grid.colX(1) - 1) continue;
      expect(cross.y, 'a crosshead on the last row of a column').toBeLessThan(grid.baseline(29, 9) - 0.01);
    }
  });
});

describe('headlines', () => {
  const blocks: [import('../../../engine/model/types').BlockType, string][] = [
    ['kicker', '开局之年'],
    ['headline', '徐汇打造线下课堂'],
    ['subhead', '开启知识竞赛活动'],
    ['paragraph', copy(200)],
  ];

  it('stacks kicker, headline and subhead centred in an area of whole body lines', () => {
    const a = article('h', blocks);
    const area = R(0, 3, 20, 6);
    const page = layoutEdition(
      edition(
        [a],
        [
          {
            article: 'h',
            headline: { area, orientation: 'horizontal', align: 'center' },
            regions: [R(0, 3, 26, 8)],
            photos: [],
          },
        ],
      ),
      ctx,
    ).pages[0];
    const runs = articleRuns(page, 'h');
    const kicker = runs.find((r) => r.role === 'kicker')!;
    const head = runs.find((r) => r.role === 'headline')!;
    const sub = runs.find((r) => r.role === 'subhead')!;
    expect(kicker.y).toBeLessThan(head.y);
    expect(head.y).toBeLessThan(sub.y);
    expect(head.size).toBe(26);
    const rect = new PageGrid(sikai).rect(area);
    // Centred: the headline's ink is as far from the left of the area as from the right.
    const first = head.glyphs[0];
    const last = head.glyphs[head.glyphs.length - 1];
    const left = head.x + first.x - rect.x;
    const right = rect.x + rect.w - (head.x + last.x + last.advance);
    expect(Math.abs(left - right)).toBeLessThan(1);
    for (const r of [kicker, head, sub])
      for (const g of r.glyphs) expect(inside(glyphBox(r, g), rect)).toBe(true);
  });

  it('breaks a headline of several lines into lines of even length, still centred', () => {
    // Seven characters of 一号 in one column: five would fit the first line, leaving two; set 4 + 3.
    const a = article('h', [
      ['headline', '徐汇召开专题会'],
      ['paragraph', copy(50)],
    ]);
    const area = R(0, 1, 20, 5);
    const page = layoutEdition(
      edition(
        [a],
        [
          {
            article: 'h',
            headline: { area, orientation: 'horizontal', align: 'center' },
            regions: [R(0, 1, 25, 8)],
            photos: [],
          },
        ],
      ),
      ctx,
    ).pages[0];
    const runs = articleRuns(page, 'h').filter((r) => r.role === 'headline');
    expect(runs.map((r) => r.glyphs.length)).toEqual([4, 3]);
    const rect = new PageGrid(sikai).rect(area);
    for (const r of runs) {
      const first = r.glyphs[0];
      const last = r.glyphs[r.glyphs.length - 1];
      const left = r.x + first.x - rect.x;
      const right = rect.x + rect.w - (r.x + last.x + last.advance);
      expect(Math.abs(left - right)).toBeLessThan(1);
    }
  });

  it("sets a left-aligned headline flush with the area's left edge", () => {
    const a = article('h', blocks);
    const area = R(1, 2, 20, 5);
    const page = layoutEdition(
      edition(
        [a],
        [
          {
            article: 'h',
            headline: { area, orientation: 'horizontal', align: 'left' },
            regions: [R(1, 2, 25, 8)],
            photos: [],
          },
        ],
      ),
      ctx,
    ).pages[0];
    const head = articleRuns(page, 'h').find((r) => r.role === 'headline')!;
    expect(head.x + head.glyphs[0].x).toBeCloseTo(new PageGrid(sikai).colX(1), 3);
  });

  it('oversets headline lines that do not fit their area, and keeps them', () => {
    const a = article('h', [
      ['headline', '这是一条很长很长的主标题需要两行甚至三行才能排下的标题'],
      ['paragraph', copy(50)],
    ]);
    const page = layoutEdition(
      edition(
        [a],
        [
          {
            article: 'h',
            headline: { area: R(0, 1, 20, 3), orientation: 'horizontal', align: 'center' },
            regions: [R(0, 1, 23, 8)],
            photos: [],
          },
        ],
      ),
      ctx,
    ).pages[0];
    expect(page.fits[0].oversetLines).toBeGreaterThan(0);
    expectNothingLost(page, a);
  });

  describe('vertical (竖题)', () => {
    const vblocks: [import('../../../engine/model/types').BlockType, string][] = [
      ['headline', '“两会”GDP增长5%，2023年新篇章'],
      ['paragraph', copy(300)],
    ];

    function vertical(order: 'left' | 'right') {
      const a = article('v', vblocks);
      const area =
        order === 'right' ? R(3, 1, 20, 30, { indentLeft: 13 }) : R(0, 1, 20, 30, { indentRight: 13 });
      const regions =
        order === 'right' ? [R(2, 2, 20, 30, { indentRight: 4 })] : [R(0, 2, 20, 30, { indentLeft: 4 })];
      const pl = {
        article: 'v',
        headline: { area, orientation: 'vertical' as const, align: 'left' as const, style: '次主题' },
        regions,
        photos: [],
      };
      const page = layoutEdition(edition([a], [pl]), ctx).pages[0];
      return { a, pl, page, runs: articleRuns(page, 'v').filter((r) => r.role === 'headline') };
    }

    it('runs down the column with vert forms, upright Han, rotated Latin words and side-by-side two-digit numbers', () => {
      const { page, runs, a, pl } = vertical('right');
      expect(runs.every((r) => r.vertical)).toBe(true);
      const glyphs = runs.flatMap((r) => r.glyphs.map((g) => ({ ...g, run: r })));
      const byText = (t: string) => glyphs.filter((g) => g.text === t);
      const face = fonts.face('noto-serif-sc-700');
      // Vertical forms for punctuation: the `vert` glyph, not the horizontal one.
      for (const ch of ['“', '，']) {
        const g = byText(ch)[0];
        expect(g.gid).toBe(face.verticalGlyphId(ch.codePointAt(0)!));
        expect(g.gid).not.toBe(face.glyphId(ch.codePointAt(0)!));
      }
      // GDP is an acronym: upright letter by letter. 2023 is a longer number: rotated.
      expect(byText('G')[0].rotate).toBeUndefined();
      expect(byText('2').filter((g) => g.rotate).length).toBeGreaterThan(0);
      // 5 stands upright alone; no two-digit number here: see the next test.
      expect(byText('5')[0].rotate).toBeUndefined();
      // Top to bottom: source order follows y.
      const han = glyphs.filter(
        (g) => !g.rotate && g.run.size === glyphs[0].run.size && /\p{Script=Han}/u.test(g.text),
      );
      for (let i = 1; i < han.length; i++)
        if (han[i].run === han[i - 1].run) expect(han[i].y).toBeGreaterThan(han[i - 1].y);
      expectInsideAreas(page, templates.sikai, [pl]);
      expectNothingLost(page, a);
    });

    it('sets a two-digit number side by side within one em', () => {
      const a = article('v', [
        ['headline', '第16届大会'],
        ['paragraph', copy(40)],
      ]);
      const page = layoutEdition(
        edition(
          [a],
          [
            {
              article: 'v',
              headline: { area: R(3, 1, 20, 20, { indentLeft: 13 }), orientation: 'vertical', align: 'left' },
              regions: [R(2, 1, 20, 20)],
              photos: [],
            },
          ],
        ),
        ctx,
      ).pages[0];
      const runs = articleRuns(page, 'v').filter((r) => r.role === 'headline');
      const one = runs.flatMap((r) => r.glyphs.map((g) => ({ g, r }))).find((x) => x.g.text === '1')!;
      const six = runs.flatMap((r) => r.glyphs.map((g) => ({ g, r }))).find((x) => x.g.text === '6')!;
      expect(one.r).toBe(six.r);
      expect(six.g.y).toBe(one.g.y);
      expect(six.g.x).toBeGreaterThan(one.g.x);
      expect(six.g.x + six.g.advance - one.g.x).toBeLessThanOrEqual(sikai.paragraphStyles['主题'].size);
      expect(verticalItems('第16届').map((i) => i.kind)).toEqual(['upright', 'combined', 'upright']);
    });

    it('keeps a rotated Latin word in one column', () => {
      // Eight Han of 16 pt, then the word: in a column of ten ems it would straddle the break.
      const a = article('v', [
        ['headline', '徐汇滨江西岸智塔Shanghai科创金融'],
        ['paragraph', copy(40)],
      ]);
      const page = layoutEdition(
        edition(
          [a],
          [
            {
              article: 'v',
              headline: {
                area: R(3, 1, 20, 11, { indentLeft: 8 }),
                orientation: 'vertical',
                align: 'left',
                style: '次主题',
              },
              regions: [R(2, 1, 20, 20)],
              photos: [],
            },
          ],
        ),
        ctx,
      ).pages[0];
      const letters = articleRuns(page, 'v').flatMap((r) =>
        r.glyphs.filter((g) => /[a-z]/i.test(g.text)).map(() => r.x),
      );
      expect(letters).toHaveLength(8);
      expect(new Set(letters).size).toBe(1);
      expect(page.fits[0].oversetLines).toBe(0);
    });

    it('reads its columns left to right when it stands left of the body, right to left when right of it', () => {
      const long = '徐汇区委全面深化改革委员会第一次会议召开部署全年改革任务';
      for (const side of ['left', 'right'] as const) {
        const a = article('v', [
          ['headline', long],
          ['paragraph', copy(100)],
        ]);
        const area =
          side === 'right' ? R(3, 1, 20, 10, { indentLeft: 8 }) : R(0, 1, 20, 10, { indentRight: 8 });
        const regions = side === 'right' ? [R(2, 1, 20, 20)] : [R(1, 1, 20, 20)];
        const page = layoutEdition(
          edition(
            [a],
            [
              {
                article: 'v',
                headline: { area, orientation: 'vertical', align: 'left', style: '次主题' },
                regions,
                photos: [],
              },
            ],
          ),
          ctx,
        ).pages[0];
        expect(page.fits[0].oversetLines).toBe(0);
        const cols = articleRuns(page, 'v')
          .filter((r) => r.role === 'headline')
          .sort((x, y) => x.glyphs[0].src.offset - y.glyphs[0].src.offset);
        expect(cols.length).toBeGreaterThan(1);
        if (side === 'left') expect(cols[1].x).toBeGreaterThan(cols[0].x);
        else expect(cols[1].x).toBeLessThan(cols[0].x);
        // No column starts with a closing mark.
        for (const c of cols) expect('，。、）」'.includes(c.glyphs[0].text)).toBe(false);
      }
    });
  });
});

describe('photos', () => {
  const asset: Asset = {
    id: 'img1',
    mime: 'image/png',
    pixelWidth: 1200,
    pixelHeight: 600,
    colorSpace: 'gray',
    data: '',
  };

  function photoPage(fit: 'fit' | 'fill', withAsset: boolean, cropX?: number) {
    const a = article(
      'p',
      [
        ['photo', ''],
        ['paragraph', copy(80)],
      ],
      withAsset ? 'img1' : null,
    );
    const ed = edition(
      [a],
      [
        {
          article: 'p',
          photos: [{ block: 0, area: R(0, 2, 20, 12), fit, captionLines: 0, cropX }],
          regions: [R(2, 1, 20, 12)],
        },
      ],
    );
    if (withAsset) ed.assets.push(asset);
    return layoutEdition(ed, ctx).pages[0];
  }

  it('fills the frame, cropping the overflow, or fits the whole picture inside it', () => {
    const fill = photoPage('fill', true).items.find((i): i is ImageItem => i.kind === 'image')!;
    expect(fill.imageW).toBeGreaterThanOrEqual(fill.w - 1e-6);
    expect(fill.imageH).toBeCloseTo(fill.h, 6);
    expect(fill.imageX + fill.imageW / 2).toBeCloseTo(fill.x + fill.w / 2, 6);
    const fit = photoPage('fit', true).items.find((i): i is ImageItem => i.kind === 'image')!;
    expect(fit.imageW).toBeLessThanOrEqual(fit.w + 1e-6);
    expect(fit.imageH).toBeLessThanOrEqual(fit.h + 1e-6);
    expect(fit.imageW / fit.imageH).toBeCloseTo(2, 6);
    // Cropped to the left edge: the image's left edge on the frame's.
    const left = photoPage('fill', true, -1).items.find((i): i is ImageItem => i.kind === 'image')!;
    expect(left.imageX).toBeCloseTo(left.x, 6);
  });

  it('aligns the picture with the text beside it, em top to em foot', () => {
    const page = photoPage('fill', true);
    const img = page.items.find((i): i is ImageItem => i.kind === 'image')!;
    const grid = new PageGrid(sikai);
    expect(img.y).toBeCloseTo(grid.baseline(20, 9) - 9 * 0.88, 6);
    expect(img.y + img.h).toBeCloseTo(grid.baseline(31, 9) + 9 * 0.12, 6);
  });

  it('shows an empty frame as a labelled placeholder, never as white space', () => {
    const page = photoPage('fill', false);
    expect(page.items.some((i) => i.kind === 'image')).toBe(false);
    const box = page.items.find((i): i is Box => i.kind === 'box' && i.role === 'empty-photo')!;
    expect(box.fill).toBeDefined();
    const label = page.items.find((i): i is GlyphRun => i.kind === 'glyphs' && i.role === 'placeholder')!;
    expect(label.glyphs.map((g) => g.text).join('')).toBe('待放图片');
    for (const g of label.glyphs) expect(inside(glyphBox(label, g), box)).toBe(true);
  });

  it("draws the placeholder label in the face the template's 黑体 role stands for", () => {
    const label = (p: DisplayPage) =>
      p.items.find((i): i is GlyphRun => i.kind === 'glyphs' && i.role === 'placeholder')!;
    expect(label(photoPage('fill', false)).face).toBe(sikai.roles['黑体']);
    const ed = edition(
      [article('p', [['photo', '']])],
      [
        {
          article: 'p',
          photos: [{ block: 0, area: R(0, 2, 20, 12), fit: 'fill', captionLines: 0 }],
          regions: [],
        },
      ],
    );
    const mapped = { ...sikai, roles: { ...sikai.roles, 黑体: 'noto-serif-sc-700' } };
    const page = layoutEdition(ed, { fonts, templates: { ...templates, sikai: mapped } }).pages[0];
    expect(label(page).face).toBe('noto-serif-sc-700');
  });
});

describe('captions', () => {
  it('oversets what does not fit the caption lines, and the caption of a photo with no frame', () => {
    const long =
      '图为座谈会现场，各银行代表结合各自发展理念、业务开展、金融产品等方面进行了详细介绍，气氛热烈';
    const a = article('p', [
      ['photo', long],
      ['paragraph', copy(80)],
      ['photo', '未上版的图片说明'],
    ]);
    const page = layoutEdition(
      edition(
        [a],
        [
          {
            article: 'p',
            photos: [{ block: 0, area: R(0, 1, 20, 8), fit: 'fill', captionLines: 1 }],
            regions: [R(1, 1, 20, 12)],
          },
        ],
      ),
      ctx,
    ).pages[0];
    const fit = page.fits[0];
    expect(fit.overset?.map((o) => o.block)).toEqual([0, 2]);
    expect(fit.overset?.[1].text).toBe('未上版的图片说明');
    expect(fit.oversetLines).toBeGreaterThan(0);
    expectNothingLost(page, a);
  });
});

describe('pages and masters', () => {
  it('puts the running head with paper, date, page number and section, and a rule, on pages after the first', () => {
    const a = article('x', [['paragraph', copy(100)]]);
    const b = article('y', [['paragraph', copy(100)]]);
    const list = layoutEdition(
      edition([a, b], [{ article: 'x', regions: [R(0, 1, 13, 10)], photos: [] }], 'duikai', [
        [{ article: 'y', regions: [R(0, 1, 0, 10)], photos: [] }],
      ]),
      ctx,
    );
    const p2 = list.pages[1];
    const texts = p2.items
      .filter((i): i is GlyphRun => i.kind === 'glyphs' && i.role === 'master')
      .map((r) => r.glyphs.map((g) => g.text).join(''));
    expect(texts.join('|')).toContain('徐汇报');
    expect(texts.join('|')).toContain('2023年2月17日');
    expect(texts.join('|')).toContain('第2版');
    expect(texts.join('|')).toContain('综合新闻');
    const rule = p2.items.find((i) => i.kind === 'rule')!;
    expect(rule.kind === 'rule' && rule.y1 < p2.typeArea.y).toBe(true);
    // Page 1 has the masthead with the issue numbers, and no running head.
    const p1 = list.pages[0].items
      .filter((i): i is GlyphRun => i.kind === 'glyphs' && i.role === 'master')
      .map((r) => r.glyphs.map((g) => g.text).join(''));
    expect(p1).toContain('第12期总第3456期');
    expect(p1.some((t) => t.includes('综合新闻'))).toBe(false);
  });

  it('lays out only the pages asked for, and refuses a page the edition does not have', () => {
    const a = article('x', [['paragraph', copy(100)]]);
    const b = article('y', [['paragraph', copy(100)]]);
    const ed = edition([a, b], [{ article: 'x', regions: [R(0, 1, 13, 10)], photos: [] }], 'duikai', [
      [{ article: 'y', regions: [R(0, 1, 0, 10)], photos: [] }],
    ]);
    expect(layoutEdition(ed, ctx, { pages: [2] }).pages.map((p) => p.number)).toEqual([2]);
    expect(() => layoutEdition(ed, ctx, { pages: [5] })).toThrow(/page 5: the edition has no such page/);
  });

  it('reports characters no face has, with their source, and never draws them', () => {
    const a = article('x', [['paragraph', '开头\u{E123}结尾，正文继续。']]);
    const page = layoutEdition(edition([a], [{ article: 'x', regions: [R(0, 1, 13, 5)], photos: [] }]), ctx)
      .pages[0];
    expect(page.missing).toEqual([
      expect.objectContaining({ article: 'x', block: 0, offset: 2, char: '\u{E123}' }),
    ]);
    expect(
      articleRuns(page, 'x')
        .flatMap((r) => r.glyphs)
        .some((g) => g.text === '\u{E123}' || g.gid === 0),
    ).toBe(false);
  });

  it('refuses placements off the grid or inside the masthead, and unknown templates, naming the page and placement', () => {
    const a = article('x', [['paragraph', copy(100)]]);
    expect(() =>
      layoutEdition(edition([a], [{ article: 'x', regions: [R(3, 2, 20, 5)], photos: [] }]), ctx),
    ).toThrow(/page 1, placement 1 \(x\): region 1: columns 4–5 run past the grid's 4 columns/);
    expect(() =>
      layoutEdition(edition([a], [{ article: 'x', regions: [R(0, 1, 65, 10)], photos: [] }]), ctx),
    ).toThrow(/lines 66–75 run past the grid's 70 lines/);
    expect(() =>
      layoutEdition(edition([a], [{ article: 'x', regions: [R(0, 1, 2, 10)], photos: [] }]), ctx),
    ).toThrow(/inside the masthead/);
    expect(() =>
      layoutEdition(edition([a], [{ article: 'x', regions: [R(-1, 1, 20, 10)], photos: [] }]), ctx),
    ).toThrow(/region 1: col must be a whole number from 0, got -1/);
    expect(() =>
      layoutEdition(edition([a], [{ article: 'x', regions: [R(0, 1, 20, 0)], photos: [] }]), ctx),
    ).toThrow(/lines must be a whole number of at least 1, got 0/);
    expect(() =>
      layoutEdition(edition([a], [{ article: 'x', regions: [R(0, 1, 20, 10)], photos: [] }], 'tabloid'), ctx),
    ).toThrow(LayoutError);
    expect(() =>
      layoutPage(edition([a], []), { ...edition([a], []).pages[0], template: 'nope' }, ctx),
    ).toThrow(/template "nope", which is not installed/);
  });

  it('lays out a 对开 broadsheet page on its 8-column grid of 13 字', () => {
    const arts = Array.from({ length: 8 }, (_, i) =>
      article(`a${i}`, [
        ['headline', `第${i + 1}条新闻标题`],
        ['dateline', '本报讯'],
        ['paragraph', copy(260, i)],
        ['paragraph', copy(180, i + 1)],
      ]),
    );
    const pls = arts.map((a, i) => ({
      article: a.id,
      headline: {
        area: R((i % 4) * 2, 2, 13 + Math.floor(i / 4) * 40, 3),
        orientation: 'horizontal' as const,
        align: 'center' as const,
      },
      regions: [R((i % 4) * 2, 2, 16 + Math.floor(i / 4) * 40, 16)],
      photos: [],
    }));
    const page = layoutEdition(edition(arts, pls, 'duikai'), ctx).pages[0];
    expect(page.typeArea.w).toBe(111 * 9);
    expectOnBaselineGrid(page, duikai);
    expectInsideAreas(page, duikai, pls);
    for (const a of arts) expectNothingLost(page, a);
    // 13 字 columns: a full body line is 117 pt.
    const line = articleRuns(page, 'a0').find((r) => r.role === 'body' && r.glyphs.length > 12)!;
    const last = line.glyphs[line.glyphs.length - 1];
    expect(last.x + last.advance).toBeCloseTo(117, 1);
  });
});

describe('edition styles', () => {
  it("sets the body in the edition's own size when it changes 正文, and refuses a style the template lacks", () => {
    const a = article('x', [['paragraph', copy(200)]]);
    const ed = edition([a], [{ article: 'x', regions: [R(0, 1, 20, 20)], photos: [] }]);
    ed.styles = { 正文: { size: '五号', face: '黑体' } };
    const page = layoutEdition(ed, ctx).pages[0];
    const body = articleRuns(page, 'x');
    expect(body.every((r) => r.size === 10.5 && r.face === 'noto-sans-sc-500')).toBe(true);
    expectNothingLost(page, a);
    ed.styles = { 正文: { size: '小八' } };
    expect(() => layoutEdition(ed, ctx)).toThrow(/edition test: styles.正文.size: unknown size name "小八"/);
    ed.styles = { 标题: { size: '一号' } };
    expect(() => layoutEdition(ed, ctx)).toThrow(
      /styles.标题: the template "sikai" has no style of that name/,
    );
  });
});

describe('incremental relayout', () => {
  it('gives each article its own glyph sources even when two carry the same text', () => {
    const text = copy(120);
    const a = article('first', [['paragraph', text]]);
    const b = article('second', [['paragraph', text]]);
    const page = layoutEdition(
      edition(
        [a, b],
        [
          { article: 'first', regions: [R(0, 1, 20, 10)], photos: [] },
          { article: 'second', regions: [R(1, 1, 20, 10)], photos: [] },
        ],
      ),
      ctx,
    ).pages[0];
    const grid = new PageGrid(sikai);
    const runs = page.items.filter((i): i is GlyphRun => i.kind === 'glyphs' && i.role === 'body');
    for (const r of runs) {
      const want = r.x < grid.colX(1) ? 'first' : 'second';
      expect(r.glyphs.every((g) => g.src.article === want)).toBe(true);
    }
  });

  it('after an edit, shows the edited text and is the same as a layout from scratch', () => {
    const ed = loadSampleEdition();
    layoutEdition(ed, ctx);
    const para = ed.articles[2].blocks.find((b) => b.type === 'paragraph')!;
    para.children[0].text = '【更正】' + para.children[0].text;
    const after = layoutEdition(ed, ctx);
    const fresh = layoutEdition(JSON.parse(JSON.stringify(ed)), {
      fonts: { face: (id: string) => fonts.face(id), fallbackChain: (id: string) => fonts.fallbackChain(id) },
      templates,
    });
    expect(JSON.stringify(after)).toBe(JSON.stringify(fresh));
    expect(
      articleRuns(after.pages[0], 'a3')
        .flatMap((r) => r.glyphs.map((g) => g.text))
        .join(''),
    ).toContain('【更正】');
  });
});
