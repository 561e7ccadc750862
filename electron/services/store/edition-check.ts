// The loader's check of a stored edition, the same on opening and before every commit.
import type { Edition } from '../../../engine/model/types';
import { EditionError, problemsInChinese, validateEdition } from '../../../engine/model/validate';
import { pageProblems, styleProblems } from '../../../engine/layout';
import type { Template } from '../../../engine/templates';
import { loadTemplate } from '../templates';
import { REPAIRABLE } from '../../api/repair';
import { EditionFileError } from './errors';

/**
 * The loader's whole check of a stored edition, the same on opening and before every commit: the
 * model's validation, and every placement inside its page's grid and below the masthead (pages on an
 * installed template; an unknown one is layout's to report). Throws EditionError.
 */
export function checkedEdition(
  stored: Edition,
  path: string,
  template: (id: string) => Template | undefined,
): Edition {
  const ed = validateEdition(stored, path);
  const ids = new Set(ed.articles.map((a) => a.id));
  const problems = ed.pages.flatMap((page) => {
    if (!page.placements.length && !page.rules?.length && !page.ads?.length) return [];
    const t = template(page.template);
    return t ? pageProblems(page, t, ids).map((p) => ({ path: `pages(${page.number})`, ...p })) : [];
  });
  problems.push(...styleProblems(ed, template));
  if (problems.length) throw new EditionError(problems, path);
  return ed;
}

/** A page's template as installed, or undefined (unknown or unreadable: layout reports it, the store does not judge). */
export function installedTemplate(id: string): Template | undefined {
  try {
    return loadTemplate(id);
  } catch {
    return undefined;
  }
}

export function invalidFile(path: string, zh: string, detail: string): EditionFileError {
  return new EditionFileError(
    'invalid',
    path,
    `${path} 无法打开：其中的期次有错（${zh}）。文件没有改动；${REPAIRABLE}：banmian edition repair ${path} -o 修复后.banmian 保留所有完好的稿件、历史版本、批注和图片。\n${detail}`,
  );
}

/** The loader's check of a stored edition: a refusal names the problems in Chinese and the way out. */
export function validEdition(
  stored: Edition,
  path: string,
  template: (id: string) => Template | undefined = installedTemplate,
): Edition {
  try {
    return checkedEdition(stored, path, template);
  } catch (e) {
    if (!(e instanceof EditionError)) throw e;
    throw invalidFile(path, problemsInChinese(e.problems), e.message);
  }
}
