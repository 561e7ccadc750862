import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Edition } from '../../../engine/model/types';
import { validateEdition } from '../../../engine/model/validate';
import { applyEditionToLayout, docsToEdition, editionToDocs } from '../../../newsroom/shared/edition-docs';
import { overwrittenBy, restoreWrites } from '../../../newsroom/shared/conflicts';

const ed: Edition = validateEdition(
  JSON.parse(
    readFileSync(join(__dirname, '../../../electron/services/sample/district-news.edition.json'), 'utf8'),
  ),
);
const NAMES: Record<string, string> = { zhangming: '张明', lihua: '李华' };
const name = (login: string): string => NAMES[login] ?? login;

function twoReplicas(): [Y.Doc, Y.Doc] {
  const a = editionToDocs(ed).layout;
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return [a, b];
}
function sync(a: Y.Doc, b: Y.Doc): void {
  const ua = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  Y.applyUpdate(b, ua);
}
const moved = (line: number): Edition => {
  const next = structuredClone(ed);
  next.pages[0].placements[3].regions[0].line = line;
  return next;
};
const layoutOf = (d: Y.Doc): Edition => docsToEdition(d, new Map());

describe('concurrent layout writes', () => {
  it('two moves of the same story: both replicas end equal, one deterministic winner, the loser is told', () => {
    for (let round = 0; round < 6; round++) {
      const [a, b] = twoReplicas();
      const wa = applyEditionToLayout(a, moved(41), 'zhangming');
      const wb = applyEditionToLayout(b, moved(45), 'lihua');
      sync(a, b);
      expect(layoutOf(a)).toEqual(layoutOf(b));
      const line = layoutOf(a).pages[0].placements[3].regions[0].line;
      expect([41, 45]).toContain(line);
      // The same winner whichever way the updates travel.
      const [c, d] = [new Y.Doc(), new Y.Doc()];
      Y.applyUpdate(c, Y.encodeStateAsUpdate(b));
      Y.applyUpdate(c, Y.encodeStateAsUpdate(a));
      Y.applyUpdate(d, Y.encodeStateAsUpdate(a));
      Y.applyUpdate(d, Y.encodeStateAsUpdate(b));
      expect(layoutOf(c)).toEqual(layoutOf(a));
      expect(layoutOf(d)).toEqual(layoutOf(a));
      const [loser, winner] = line === 41 ? [wb, wa] : [wa, wb];
      const loserDoc = line === 41 ? b : a;
      const winnerLogin = line === 41 ? 'zhangming' : 'lihua';
      expect(overwrittenBy(winner, a, winnerLogin, name)).toEqual([]);
      const lost = overwrittenBy(loser, loserDoc, winnerLogin === 'zhangming' ? 'lihua' : 'zhangming', name);
      expect(lost.map((l) => l.message)).toEqual([
        `你对《${ed.articles.find((x) => x.id === 'a3')!.slug}》的移动被 ${name(winnerLogin)} 的改动取代`,
      ]);
      expect(lost[0].by).toBe(winnerLogin);
      // The loser's undo puts the move back, for everyone.
      restoreWrites(loserDoc, lost, winnerLogin === 'zhangming' ? 'lihua' : 'zhangming');
      sync(a, b);
      expect(layoutOf(a).pages[0].placements[3].regions[0].line).toBe(line === 41 ? 45 : 41);
      expect(layoutOf(b)).toEqual(layoutOf(a));
    }
  });

  it('edits of different things never conflict', () => {
    const [a, b] = twoReplicas();
    const ea = moved(41);
    ea.pages[0].guides = [{ axis: 'v', at: 100 }];
    ea.articles[0].slug = '线下课堂开课';
    const eb = structuredClone(ed);
    eb.articles[0].status = 'final';
    eb.pages[0].section = '要闻·头版';
    const wa = applyEditionToLayout(a, ea, 'zhangming');
    const wb = applyEditionToLayout(b, eb, 'lihua');
    sync(a, b);
    expect(overwrittenBy(wa, a, 'zhangming')).toEqual([]);
    expect(overwrittenBy(wb, b, 'lihua')).toEqual([]);
    const merged = layoutOf(a);
    expect(merged.pages[0].placements[3].regions[0].line).toBe(41);
    expect(merged.articles[0].status).toBe('final');
    expect(merged.pages[0].section).toBe('要闻·头版');
    expect(merged.pages[0].guides).toEqual([{ axis: 'v', at: 100 }]);
    expect(merged.articles[0].slug).toBe('线下课堂开课');
  });

  it('a status change lost to another names the status', () => {
    const [a, b] = twoReplicas();
    const ea = structuredClone(ed);
    ea.articles[1].status = 'to-proof';
    const eb = structuredClone(ed);
    eb.articles[1].status = 'final';
    const wa = applyEditionToLayout(a, ea, 'zhangming');
    const wb = applyEditionToLayout(b, eb, 'lihua');
    sync(a, b);
    const lost = [...overwrittenBy(wa, a, 'zhangming', name), ...overwrittenBy(wb, b, 'lihua', name)];
    expect(lost).toHaveLength(1);
    expect(lost[0].message).toMatch(/^你对《.+》状态的改动被 (张明|李华) 的改动取代$/);
  });
});
