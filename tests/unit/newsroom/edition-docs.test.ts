import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Edition } from '../../../engine/model/types';
import { validateEdition } from '../../../engine/model/validate';
import {
  applyEditionToLayout,
  docsToEdition,
  editionToDocs,
  layoutMap,
} from '../../../newsroom/shared/edition-docs';
import { copyContent } from '../../../newsroom/shared/copy-doc';

const SAMPLES = join(__dirname, '../../../electron/services/sample');
const sample = (name: string): Edition =>
  validateEdition(JSON.parse(readFileSync(join(SAMPLES, `${name}.edition.json`), 'utf8')));

function roundTrip(ed: Edition): Edition {
  const { layout, copies } = editionToDocs(ed, 'zhangming');
  // Through the wire, as a replica gets them.
  const layout2 = new Y.Doc();
  Y.applyUpdate(layout2, Y.encodeStateAsUpdate(layout));
  const copies2 = new Map(
    [...copies].map(([id, d]) => {
      const c = new Y.Doc();
      Y.applyUpdate(c, Y.encodeStateAsUpdate(d));
      return [id, c];
    }),
  );
  const data = new Map(ed.assets.map((a) => [a.id, a.data]));
  return validateEdition(docsToEdition(layout2, copies2, (id) => data.get(id)));
}

/** The sample with everything an edition may hold: photos, comments, styles, fonts, ads, guides, rules, a 转版 chain. */
function everything(): Edition {
  const ed = structuredClone(sample('district-news'));
  const lead = ed.articles[0];
  ed.styles = { 正文: { size: 10.5 }, 主题: { role: '黑体' } };
  ed.fonts = { 书宋: 'Noto Serif SC' };
  ed.comments = [
    {
      id: 'c1',
      article: lead.id,
      author: '张明',
      at: '2026-05-01T08:00:00Z',
      text: '核实数字',
      anchor: { block: 0, offset: 1, length: 2 },
    },
    {
      id: 'c0',
      article: lead.id,
      author: '李华',
      at: '2026-05-01T09:00:00Z',
      text: '已删',
      detached: { block: 1, offset: 0, quote: '旧' },
      resolved: true,
    },
  ];
  lead.blocks.push({
    type: 'paragraph',
    children: [{ text: '加粗', bold: true }, { text: '普通' }, { text: '大字', size: 14, role: '黑体' }],
  });
  const page = ed.pages[0];
  page.rules = [
    { line: 34, col: 0, cols: 4, style: 'thin' },
    { gutter: 2, line: 40, lines: 10, style: 'dotted' },
  ];
  page.autoRules = false;
  page.ads = [{ id: 'ad1', label: '某银行', col: 0, cols: 2, line: 70, lines: 8 }];
  page.guides = [
    { axis: 'h', at: 100 },
    { axis: 'v', at: 72.5 },
  ];
  const p2 = structuredClone(page);
  p2.id = 'p2';
  p2.number = 2;
  p2.section = '综合新闻';
  delete p2.rules;
  delete p2.ads;
  delete p2.guides;
  p2.placements = [{ ...structuredClone(page.placements[0]), headline: undefined, jumpHeadline: true }];
  delete p2.placements[0].headline;
  page.placements[0].continuesOn = { page: 2 };
  ed.pages.push(p2);
  return ed;
}

describe('edition ⇄ Yjs documents', () => {
  for (const name of ['district-news', 'fukan'])
    it(`round-trips the ${name} sample`, () => {
      const ed = sample(name);
      expect(roundTrip(ed)).toEqual(ed);
    });

  it('round-trips an empty comment list and none', () => {
    const ed = sample('fukan');
    expect(ed.comments).toBeUndefined();
    expect(roundTrip({ ...ed, comments: [] })).toEqual({ ...ed, comments: [] });
  });

  it('round-trips photos, comments, styles, fonts, ads, guides, rules and a 转版 chain', () => {
    const ed = validateEdition(everything());
    expect(ed.pages[1].placements[0].article).toBe(ed.pages[0].placements[0].article);
    expect(roundTrip(ed)).toEqual(ed);
  });

  it('keeps each copy in the shape @slate-yjs/core reads: one XmlText per block, marks as formatting', () => {
    const ed = validateEdition(everything());
    const { copies } = editionToDocs(ed);
    const content = copyContent(copies.get(ed.articles[0].id)!);
    const delta = content.toDelta() as { insert: Y.XmlText }[];
    expect(delta).toHaveLength(ed.articles[0].blocks.length);
    const last = delta[delta.length - 1].insert;
    expect(last.getAttributes()).toEqual({ type: 'paragraph' });
    expect(last.toDelta()).toEqual([
      { insert: '加粗', attributes: { bold: true } },
      { insert: '普通' },
      { insert: '大字', attributes: { size: 14, role: '黑体' } },
    ]);
  });

  it('writes only what changed, records who wrote it, and deletes what is gone', () => {
    const ed = validateEdition(everything());
    const { layout } = editionToDocs(ed, 'system');
    const next = structuredClone(ed);
    next.pages[0].placements[1].regions[0].lines = 30;
    next.articles[2].status = 'final';
    next.comments = next.comments!.slice(1);
    const written = applyEditionToLayout(layout, next, 'zhangming');
    expect(written.map((w) => `${w.map}/${w.key}/${w.entry ? w.entry.by : 'deleted'}`).sort()).toEqual([
      `articles/${ed.articles[2].id}.status/zhangming`,
      'comments/c1/deleted',
      `placements/${ed.pages[0].placements[1].article}#0/zhangming`,
    ]);
    expect(layoutMap(layout, 'pages').get('p1')!.by).toBe('system');
    expect(
      docsToEdition(layout, editionToDocs(next).copies, (id) => ed.assets.find((a) => a.id === id)?.data),
    ).toEqual(next);
    expect(applyEditionToLayout(layout, next, 'zhangming')).toEqual([]);
  });

  it('moves a page by writing its order only, and concurrent reorders neither duplicate nor lose a page', () => {
    const ed = validateEdition(everything());
    const third = structuredClone(ed.pages[1]);
    third.id = 'p3';
    third.number = 3;
    third.placements = [];
    ed.pages.push(third);
    const a = editionToDocs(ed).layout;
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const moveA = structuredClone(ed);
    moveA.pages = [ed.pages[2], ed.pages[0], ed.pages[1]];
    const moveB = structuredClone(ed);
    moveB.pages = [ed.pages[1], ed.pages[0], ed.pages[2]];
    const wa = applyEditionToLayout(a, moveA, 'li');
    applyEditionToLayout(b, moveB, 'wang');
    expect(wa.map((w) => `${w.map}/${w.key}`)).toEqual(['pages/p3']);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const ids = (d: Y.Doc): string[] => docsToEdition(d, new Map()).pages.map((p) => p.id);
    expect(ids(a)).toEqual(ids(b));
    expect([...ids(a)].sort()).toEqual(['p1', 'p2', 'p3']);
  });
});
