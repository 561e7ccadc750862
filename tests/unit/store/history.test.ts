import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EditionStore } from '../../../electron/services/store';
import { diffArticles, formatDiff } from '../../../engine/history/diff';
import { makeEdition } from '../../support/generated-edition';
import type { Block } from '../../../engine/model/types';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'banmian-history-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const body = (text: string): Block[] => [
  { type: 'headline', children: [{ text: '徐汇区打造线下课堂' }] },
  { type: 'paragraph', children: [{ text }] },
];

describe('article history', () => {
  it('keeps a revision per editing burst, with when and by whom, not one per keystroke', () => {
    let t = Date.parse('2023-02-16T08:00:00Z');
    const now = () => new Date(t);
    const path = join(dir, 'x.banmian');
    EditionStore.create(path, makeEdition({ pages: 1, articles: 1, photos: 0 }), {
      author: '王记者',
      now,
    }).close();

    // 王记者 types a sentence, one autosave per keystroke.
    let store = EditionStore.open(path, { author: '王记者', now });
    const sentence = '2月15日，徐汇区委宣传部举办活动。';
    for (let i = 1; i <= Array.from(sentence).length; i++) {
      t += 400;
      store.updateArticle('a1', body(sentence.slice(0, i)));
    }
    store.close();
    // Half an hour later 张编辑 corrects it.
    t += 30 * 60_000;
    store = EditionStore.open(path, { author: '张编辑', now });
    store.updateArticle('a1', body('2月15日，徐汇区委宣传部联合举办活动。'));
    t += 1000;
    store.updateArticle('a1', body('2月15日，徐汇区委宣传部联合平台举办活动。'));

    const revs = store.revisions('a1');
    // The state at creation, then what 王记者 left, by 王记者 at the time of the last keystroke.
    expect(revs.map((r) => r.author)).toEqual(['王记者', '王记者']);
    expect(revs[1].at).toBe(
      new Date(Date.parse('2023-02-16T08:00:00Z') + 400 * Array.from(sentence).length).toISOString(),
    );
    expect(store.revision(revs[1].id).blocks).toEqual(body(sentence));

    // Compare what 王记者 wrote with what is there now.
    expect(formatDiff(diffArticles(store.revision(revs[1].id).blocks, store.getArticle('a1').blocks))).toBe(
      '徐汇区打造线下课堂\n2月15日，徐汇区委宣传部{+联合平台+}举办活动。',
    );

    // Restoring puts 王记者's text back, and the replaced text is itself kept.
    store.restoreRevision(revs[1].id);
    expect(store.getArticle('a1').blocks).toEqual(body(sentence));
    const after = store.revisions('a1');
    expect(after.slice(-2).map((r) => r.note)).toEqual([
      `before restoring revision ${revs[1].id}`,
      `restored revision ${revs[1].id}`,
    ]);
    expect(store.revision(after[after.length - 2].id).blocks).toEqual(
      body('2月15日，徐汇区委宣传部联合平台举办活动。'),
    );
    store.close();
  });

  it("records a named revision on request, and keeps a removed article's history", () => {
    const store = EditionStore.create(
      join(dir, 'x.banmian'),
      makeEdition({ pages: 1, articles: 2, photos: 0 }),
      { author: '李编辑' },
    );
    store.applyEdit({ op: 'setPlacements', page: 'p1', placements: [] });
    const rev = store.commitRevision('a2', '送校样');
    expect(rev).toMatchObject({ article: 'a2', author: '李编辑', note: '送校样' });
    store.applyEdit({ op: 'removeArticle', id: 'a2' });
    expect(() => store.getArticle('a2')).toThrow(/no article a2/);
    expect(store.revisions('a2').map((r) => r.note)).toEqual(['created', '送校样', 'removed']);
    store.close();
  });
});
