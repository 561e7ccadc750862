// A frame nudged off its columns (GridRect.shift, AdSlot.shift) is saved in the edition file and read
// back, through a whole save and through the placing edit autosave sends; one past the type area is
// refused by the store and nothing changes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EditionStore, readEditionFile } from '../../../electron/services/store';
import { makeEdition } from '../../support/generated-edition';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'banmian-shift-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('a nudged frame in the edition file', () => {
  it('keeps a region’s and an ad slot’s shift through create and reopen, and through a placing edit', () => {
    const ed = makeEdition({ pages: 1, articles: 2, photos: 0 });
    const pl = ed.pages[0].placements[1];
    expect(pl.regions[0].col).toBeGreaterThan(0);
    pl.regions[0] = { ...pl.regions[0], shift: -3 };
    ed.pages[0].ads = [{ id: 'ad1', label: '银行', col: 1, cols: 2, line: 80, lines: 10, shift: 5 }];
    const path = join(dir, 'x.banmian');
    EditionStore.create(path, ed).close();
    let back = readEditionFile(path);
    expect(back.pages[0].placements[1].regions[0].shift).toBe(-3);
    expect(back.pages[0].ads![0].shift).toBe(5);

    const store = EditionStore.open(path);
    const stored = store.load();
    const moved = stored.pages[0].placements.map((p, i) =>
      i === 1 ? { ...p, regions: [{ ...p.regions[0], shift: -2 }] } : p,
    );
    store.applyEdit([{ op: 'setPlacements', page: stored.pages[0].id, placements: moved }]);
    // Past the type area's left edge: refused, the file keeps what it had.
    const past = stored.pages[0].placements.map((p, i) =>
      i === 0 ? { ...p, regions: [{ ...p.regions[0], col: 0, shift: -1 }] } : p,
    );
    expect(() =>
      store.applyEdit([{ op: 'setPlacements', page: stored.pages[0].id, placements: past }]),
    ).toThrow();
    store.close();
    back = readEditionFile(path);
    expect(back.pages[0].placements[1].regions[0].shift).toBe(-2);
    expect(back.pages[0].placements[0].regions[0].shift).toBeUndefined();
  });
});
