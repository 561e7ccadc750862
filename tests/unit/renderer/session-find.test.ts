// 全部替换 across the edition is one undo step (and one redo step), autosave sends the articles it
// changed, and locked articles (定稿) are left as they are.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadFontSet } from '../../../electron/services/fonts';
import { loadSampleEdition } from '../../../electron/services/sample';
import { loadTemplates } from '../../../electron/services/templates';
import type { FontSet } from '../../../engine/fonts/metrics';
import type { Template } from '../../../engine/templates';
import { articlesInOrder, findInArticles } from '../../../engine/text/find';
import { EditionSession } from '../../../renderer/state/session';
import { replaceHits } from '../../../renderer/panels/FindReplace';
import { restoreOps } from '../../../renderer/panels/HistoryPanel';

let fonts: FontSet;
let templates: Record<string, Template>;
beforeAll(() => {
  fonts = loadFontSet();
  templates = loadTemplates();
});

const count = (s: EditionSession, q: string) => findInArticles(articlesInOrder(s.edition), q).length;

describe('replace all', () => {
  it('is one undoable step over several articles, saved by autosave', () => {
    const s = new EditionSession(loadSampleEdition(), fonts, templates);
    const hits = findInArticles(articlesInOrder(s.edition), '的');
    const articles = new Set(hits.map((h) => h.article));
    expect(articles.size).toBeGreaterThan(1);
    const r = replaceHits(s, hits, '之', '全部替换');
    expect(r).toEqual({ replaced: hits.length, locked: 0 });
    expect(count(s, '的')).toBe(0);
    expect(new Set(s.pendingChanges().articles.map((a) => a.id))).toEqual(articles);
    expect(s.history.size).toBe(1);
    s.undo();
    expect(count(s, '的')).toBe(hits.length);
    expect(s.edition.articles).toEqual(loadSampleEdition().articles);
    s.redo();
    expect(count(s, '的')).toBe(0);
  });

  it('leaves locked articles as they are and counts them', () => {
    const s = new EditionSession(loadSampleEdition(), fonts, templates);
    const hits = findInArticles(articlesInOrder(s.edition), '的');
    const locked = hits[0].article;
    s.setArticleMeta(locked, '稿件状态', { status: 'final' });
    const r = replaceHits(s, hits, '之');
    expect(r.locked).toBe(hits.filter((h) => h.article === locked).length);
    expect(findInArticles([s.article(locked)!], '的')).toHaveLength(r.locked);
  });

  it('restoring a revision replaces the blocks and undoes', () => {
    const s = new EditionSession(loadSampleEdition(), fonts, templates);
    const a = s.edition.articles[0];
    const target = [{ type: 'paragraph' as const, children: [{ text: '旧版本的正文' }] }];
    s.applyTextChanges('恢复历史版本', [{ article: a.id, ops: restoreOps(a.blocks, target) }]);
    expect(s.article(a.id)!.blocks).toEqual(target);
    s.undo();
    expect(s.article(a.id)!.blocks).toEqual(a.blocks);
  });
});
