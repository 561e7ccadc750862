// 文字检查: the copy checked against term lists — 错别字/易错词 (a wrong form and the right one) and
// 敏感词 (words a newsroom does not print, with what to write instead or why). The lists are text
// files shipped with the app (terms/*.txt) that a newsroom may edit: one entry a line,
//   错误写法  正确写法  [说明]      (typos: fields separated by spaces or a tab)
//   敏感词    [建议写法|-]  [说明]   (a file whose name starts with "sensitive")
// lines starting with # are comments. The check is one pass over each block's text, the terms
// indexed by their first character.
import type { Article } from '../model/types';
import { leavesText } from './find';

export type TermKind = 'typo' | 'sensitive';

export interface Term {
  kind: TermKind;
  term: string;
  /** What to write instead, when there is one. */
  suggestion?: string;
  note?: string;
}

export interface TermFinding extends Term {
  article: string;
  block: number;
  offset: number;
  length: number;
  /** In Chinese, as the findings list shows it. */
  message: string;
}

/** A problem in a list file, line by line, in Chinese. */
export interface TermListProblem {
  list: string;
  line: number;
  message: string;
}

export function parseTermList(name: string, text: string): { terms: Term[]; problems: TermListProblem[] } {
  const kind: TermKind = /^sensitive/i.test(name) ? 'sensitive' : 'typo';
  const terms: Term[] = [];
  const problems: TermListProblem[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      const [term, suggestion, ...rest] = line.split(/[\t \u3000]+/);
      const note = rest.join(' ') || undefined;
      if (kind === 'typo' && (!suggestion || suggestion === '-')) {
        problems.push({ list: name, line: i + 1, message: `“${term}”缺少正确写法` });
        return;
      }
      if (suggestion === term) {
        problems.push({ list: name, line: i + 1, message: `“${term}”的正确写法与错误写法相同` });
        return;
      }
      terms.push({
        kind,
        term,
        ...(suggestion && suggestion !== '-' ? { suggestion } : {}),
        ...(note ? { note } : {}),
      });
    });
  return { terms, problems };
}

export class TermChecker {
  private byFirst = new Map<number, Term[]>();
  readonly size: number;

  constructor(terms: Term[]) {
    const seen = new Set<string>();
    for (const t of terms) {
      if (!t.term || seen.has(t.term)) continue;
      seen.add(t.term);
      const k = t.term.charCodeAt(0);
      const list = this.byFirst.get(k) ?? [];
      list.push(t);
      this.byFirst.set(k, list);
    }
    // The longest term first: 一股作气 is reported as itself, not as a shorter entry inside it.
    for (const list of this.byFirst.values()) list.sort((a, b) => b.term.length - a.term.length);
    this.size = seen.size;
  }

  static fromLists(lists: { name: string; text: string }[]): {
    checker: TermChecker;
    problems: TermListProblem[];
  } {
    const parsed = lists.map((l) => parseTermList(l.name, l.text));
    return {
      checker: new TermChecker(parsed.flatMap((p) => p.terms)),
      problems: parsed.flatMap((p) => p.problems),
    };
  }

  /** Terms in one text: offsets, non-overlapping, first to last. */
  inText(text: string): { offset: number; term: Term }[] {
    const out: { offset: number; term: Term }[] = [];
    for (let i = 0; i < text.length;) {
      const list = this.byFirst.get(text.charCodeAt(i));
      const hit = list?.find((t) => text.startsWith(t.term, i));
      if (hit) {
        out.push({ offset: i, term: hit });
        i += hit.term.length;
      } else i++;
    }
    return out;
  }

  /** Every finding in these articles, article by article, block by block. */
  check(articles: Article[]): TermFinding[] {
    const out: TermFinding[] = [];
    for (const a of articles)
      a.blocks.forEach((b, block) => {
        for (const { offset, term } of this.inText(leavesText(b)))
          out.push({
            ...term,
            article: a.id,
            block,
            offset,
            length: term.term.length,
            message: termMessage(term),
          });
      });
    return out;
  }
}

export function termMessage(t: Term): string {
  const note = t.note ? `（${t.note}）` : '';
  if (t.kind === 'typo') return `“${t.term}”应为“${t.suggestion}”${note}`;
  return `敏感词“${t.term}”${t.suggestion ? `，宜作“${t.suggestion}”` : ''}${note}`;
}
