// 文字检查: the shipped lists parse without problems and hold a few hundred pairs; findings name
// the place and what to write; a bad line is reported with its list and line.
import { describe, expect, it } from 'vitest';
import { readTermLists } from '../../../electron/services/terms';
import { parseTermList, TermChecker } from '../../../engine/text/terms';
import type { Article } from '../../../engine/model/types';

const article = (id: string, ...texts: string[]): Article => ({
  id,
  slug: id,
  status: 'draft',
  blocks: texts.map((text) => ({ type: 'paragraph', children: [{ text }] })),
});

describe('term check', () => {
  const lists = readTermLists();
  const { checker, problems } = TermChecker.fromLists(lists);

  it('ships a typo list of a few hundred pairs and a sensitive-word list, without problems', () => {
    expect(lists.map((l) => l.name)).toEqual(['sensitive.txt', 'typos.txt']);
    expect(problems).toEqual([]);
    expect(checker.size).toBeGreaterThan(300);
  });

  it("finds the issue's examples with the right form and where they are", () => {
    const f = checker.check([
      article('a', '工人正在按装空调，既使下雨也不停。', '大家再接再励，一股作气。'),
      article('b', '他迫不急待地打开信。'),
    ]);
    expect(f.map((x) => [x.article, x.block, x.offset, x.term, x.suggestion])).toEqual([
      ['a', 0, 4, '按装', '安装'],
      ['a', 0, 9, '既使', '即使'],
      ['a', 1, 2, '再接再励', '再接再厉'],
      ['a', 1, 7, '一股作气', '一鼓作气'],
      ['b', 0, 1, '迫不急待', '迫不及待'],
    ]);
    expect(f[0].message).toBe('“按装”应为“安装”');
  });

  it('reports sensitive words with their advice', () => {
    const f = checker.check([article('a', '记者采访了几位聋子。')]);
    expect(f).toHaveLength(1);
    expect(f[0].kind).toBe('sensitive');
    expect(f[0].message).toContain('聋人');
  });

  it('clean copy has no findings', () => {
    expect(checker.check([article('a', '工人正在安装空调，即使下雨也不停。')])).toEqual([]);
  });

  it('a line without its right form is a problem named by list and line', () => {
    const r = parseTermList('typos.txt', '# 注释\n按装 安装\n既使\n');
    expect(r.terms).toHaveLength(1);
    expect(r.problems).toEqual([{ list: 'typos.txt', line: 3, message: '“既使”缺少正确写法' }]);
  });
});
