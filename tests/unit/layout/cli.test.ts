import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../../cli/main';
import type { DisplayList } from '../../../engine/display/types';
import { loadSampleEdition } from '../../../electron/services/sample';
import { R, article, copy, edition, glyphBox } from '../../support/layout';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => {
    out += c;
  });
  stderr.on('data', (c) => {
    err += c;
  });
  const code = await main(argv, { stdin: new PassThrough(), stdout, stderr });
  return { code, out, err };
}

const tmp = mkdtempSync(join(tmpdir(), 'banmian-layout-'));

describe('banmian layout', () => {
  it('--sample --summary: four articles placed, none overset, no missing glyphs', async () => {
    const { code, out } = await cli('layout', '--sample', '--summary');
    expect(code).toBe(0);
    expect(out).toMatch(/徐汇报 2023-02-17 {2}page 1 要闻 \(sikai\) {2}4 articles placed/);
    for (const id of ['a1', 'a2', 'a3', 'a4'])
      expect(out).toMatch(
        new RegExp(
          `^  ${id} +\\d+/\\d+ +lines  fits, underset \\d lines, \\d+ chars \\(余 \\d 行 / \\d+ 字\\)`,
          'm',
        ),
      );
    expect(out).not.toMatch(/OVERSET/);
    expect(out).toMatch(/missing glyphs: none/);
  });

  it('--sample fukan: the 副刊 page, its story set vertically, nothing overset; an unknown sample is refused', async () => {
    const { code, out } = await cli('layout', '--sample', 'fukan', '--json');
    expect(code).toBe(0);
    const list = JSON.parse(out) as DisplayList;
    const runs = list.pages[0].items.filter(
      (i) => i.kind === 'glyphs' && i.role === 'body' && i.glyphs.some((g) => g.src.article === 'f1'),
    );
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.every((r) => r.kind === 'glyphs' && r.vertical)).toBe(true);
    expect(list.pages[0].fits.map((f) => f.oversetChars)).toEqual([0, 0]);
    // Its photo stands in the foot of the vertical columns, which go round it (图文互斥), no overlap.
    const photo = list.pages[0].wraps!.find((w) => w.kind === 'photo' && w.article === 'f1')!;
    const boxes = runs.flatMap((r) => (r.kind === 'glyphs' ? r.glyphs.map((g) => glyphBox(r, g)) : []));
    const beside = boxes.filter((b) => b.x1 > photo.x && b.x0 < photo.x + photo.w);
    expect(beside.length).toBeGreaterThan(0);
    expect(beside.filter((b) => b.y1 > photo.y - 0.05)).toEqual([]);
    expect(list.pages[0].warnings ?? []).toEqual([]);
    const bad = await cli('layout', '--sample', 'sports', '--summary');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--sample \[news\|fukan\]/);
  });

  it('--json prints the display list of the page asked for', async () => {
    const { code, out } = await cli('layout', '--sample', '--page', '1', '--json');
    expect(code).toBe(0);
    const list = JSON.parse(out) as DisplayList;
    expect(list.version).toBe(1);
    expect(list.pages.map((p) => p.number)).toEqual([1]);
    expect(list.pages[0].items.some((i) => i.kind === 'image')).toBe(true);
  });

  it('lays out an edition file, shows overset in both units, and fails on it when asked', async () => {
    const e = edition(
      [
        article('x', [
          ['headline', '标题'],
          ['paragraph', copy(600)],
        ]),
      ],
      [{ article: 'x', regions: [R(0, 1, 20, 10)], photos: [] }],
    );
    const file = join(tmp, 'over.json');
    writeFileSync(file, JSON.stringify(e));
    const { code, out } = await cli('layout', file, '--summary');
    expect(code).toBe(0);
    expect(out).toMatch(/x +10\/10 +lines {2}OVERSET \d+ lines, \d+ chars \(超 \d+ 行 \/ \d+ 字\)/);
    expect((await cli('layout', file, '--summary', '--fail-on-overset')).code).toBe(1);
  });

  it('refuses bad input with a clear message and exit 3, and bad options with exit 2', async () => {
    const broken = join(tmp, 'broken.json');
    writeFileSync(broken, '{"schemaVersion": 1, ');
    let r = await cli('layout', broken, '--summary');
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/broken\.json is not valid JSON/);
    const bad = structuredClone(loadSampleEdition()) as unknown as Record<string, any>;
    bad.pages[0].placements[0].regions[0].col = 3;
    const off = join(tmp, 'off.json');
    writeFileSync(off, JSON.stringify(bad));
    r = await cli('layout', off, '--summary');
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/page 1, placement 1 \(a1\): region 1: columns 4–6 run past the grid's 4 columns/);
    r = await cli('layout', join(tmp, 'none.json'), '--summary');
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/no such edition file: .*none\.json/);
    expect((await cli('layout', '--sample')).code).toBe(2);
    expect((await cli('layout', '--sample', '--page', 'two', '--json')).err).toMatch(
      /--page "two" is not a page number/,
    );
    expect((await cli('layout', '--sample', '--page', '4', '--json')).err).toMatch(
      /page 4: the edition has no such page/,
    );
  });
});
