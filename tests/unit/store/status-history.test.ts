// 稿件状态 and 署名 in the file: a status change (定稿, and reopening it) is a revision signed by the
// name set in the app's settings, kept across a restart of the services; the name is refused blank.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeServices } from '../../../electron/services/api-services';
import { SettingsFile } from '../../../electron/services/settings';
import { EditionStore } from '../../../electron/services/store';
import { makeEdition } from '../../support/generated-edition';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'banmian-status-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('status changes and the signing name', () => {
  it('records each status change as a revision signed by the author', () => {
    const store = EditionStore.create(
      join(dir, 'e.banmian'),
      makeEdition({ pages: 1, articles: 1, photos: 0 }),
    );
    const id = store.listArticles()[0].id;
    store.setAuthor('李校对');
    store.applyEdit({ op: 'setArticleStatus', id, status: 'final' });
    store.applyEdit({ op: 'setArticleStatus', id, status: 'edited' });
    const revs = store.revisions(id).filter((r) => r.note.startsWith('稿件状态'));
    expect(revs.map((r) => [r.author, r.note])).toEqual([
      ['李校对', expect.stringMatching(/→ 定稿$/)],
      ['李校对', '稿件状态：定稿 → 已编'],
    ]);
    expect(store.revision(revs[1].id).status).toBe('edited');
    store.close();
  });

  it('the name is kept in the settings and signs the files the services open', () => {
    const stateDir = join(dir, 'state');
    const s1 = nodeServices({}, { stateDir });
    expect(s1.userSet!()).toBe(false);
    expect(() => s1.setUserName!('  ')).toThrow('署名不能为空');
    expect(s1.setUserName!(' 王 编辑 ')).toBe('王 编辑');
    const s2 = nodeServices({}, { stateDir });
    expect(s2.userSet!()).toBe(true);
    expect(s2.userName!()).toBe('王 编辑');
    expect(new SettingsFile(stateDir).read()).toEqual({ userName: '王 编辑' });
  });
});
