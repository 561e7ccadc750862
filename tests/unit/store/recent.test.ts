import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecentEditions } from '../../../electron/services/store/recent';

let dir: string;
let config: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'banmian-recent-'));
  config = join(dir, 'config');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const edition = (name: string) => {
  const p = join(dir, name);
  writeFileSync(p, '');
  return p;
};

describe('recent editions and reopening after a crash', () => {
  it('lists editions newest first, once each, up to the limit, marking those gone from disk', () => {
    const [a, b, c] = ['a.banmian', 'b.banmian', 'c.banmian'].map(edition);
    const recent = new RecentEditions(config, { max: 2 });
    recent.opened(a, '徐汇报 2023-02-16');
    recent.opened(b);
    recent.opened(a, '徐汇报 2023-02-17');
    expect(new RecentEditions(config, { max: 2 }).list().map((r) => [r.path, r.title])).toEqual([
      [a, '徐汇报 2023-02-17'],
      [b, undefined],
    ]);
    recent.opened(c);
    rmSync(b);
    expect(new RecentEditions(config, { max: 2 }).list().map((r) => [r.path, r.exists])).toEqual([
      [c, true],
      [a, true],
    ]);
  });

  it('offers to reopen the edition a crashed run left open, where the editor was', () => {
    const a = edition('a.banmian');
    const run1 = new RecentEditions(config);
    run1.opened(a);
    run1.place({ page: 3, article: 'a7', block: 4, offset: 120 });
    // The process dies here: no closed() call. The next run starts.
    expect(new RecentEditions(config).recovery()).toMatchObject({
      path: a,
      place: { page: 3, article: 'a7', block: 4, offset: 120 },
    });
  });

  it('offers nothing after a clean close, or when the file is gone', () => {
    const a = edition('a.banmian');
    const run1 = new RecentEditions(config);
    run1.opened(a);
    run1.closed(a);
    expect(new RecentEditions(config).recovery()).toBeNull();
    const run2 = new RecentEditions(config);
    run2.opened(a);
    rmSync(a);
    expect(new RecentEditions(config).recovery()).toBeNull();
  });

  it('starts afresh from an unreadable state file, keeping it aside', () => {
    const recent = new RecentEditions(config);
    recent.opened(edition('a.banmian'));
    writeFileSync(join(config, 'recent-editions.json'), '{ broken');
    const again = new RecentEditions(config);
    expect(again.list()).toEqual([]);
    expect(existsSync(join(config, 'recent-editions.json.unreadable'))).toBe(true);
  });
});
