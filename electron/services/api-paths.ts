// Which files and folders the page may name: paths inside the documents folder (browser host), and the
// names exports are given.
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Edition } from '../../engine/model/types';
import { Refusal, type ExportPreset } from '../api';
import { roundName } from '../../engine/proof/round';

/** A path the page is not allowed to use. The message is for the editor. */
export class PathRefused extends Refusal {
  constructor(message: string) {
    super('refused', message);
    this.name = 'PathRefused';
  }
}

export function realOrNearest(p: string): string {
  // A file that does not exist yet is judged by the real path of the folder it would go into.
  let cur = p;
  const tail: string[] = [];
  for (;;) {
    try {
      return resolve(realpathSync(cur), ...tail.reverse());
    } catch {
      /* not there yet */
    }
    const up = dirname(cur);
    if (up === cur) return p;
    tail.push(cur.slice(up.length + 1));
    cur = up;
  }
}

/**
 * A name typed in the browser host's dialog as a path inside `docs`: relative names are taken from the
 * documents folder; anything that leads outside it (.., an absolute path elsewhere, a link out) is refused.
 */
export function confinedPath(docs: string, typed: string, kind: 'open' | 'save'): string {
  if (typed.includes('\0') || !typed.trim()) throw new PathRefused('请输入文件名');
  let name = typed.trim();
  if (kind === 'save' && !/\.banmian$/i.test(name)) name += '.banmian';
  if (kind === 'open' && !/\.(banmian|json)$/i.test(name))
    throw new PathRefused(`“${typed}”不是期次文件：只能打开 .banmian 或 .json 文件`);
  const root = realOrNearest(resolve(docs));
  const abs = resolve(root, name);
  const real = realOrNearest(abs);
  const rel = relative(root, real);
  if (!rel || rel.startsWith('..') || isAbsolute(rel))
    throw new PathRefused(`“${typed}”不在文档文件夹 ${docs} 中；只能打开和保存其中的文件`);
  return real;
}

/** File names the printer expects: paper date, page number, preset, and a proof's round (一校 …). */
export function exportFileName(
  edition: Edition,
  page: number | null,
  preset: ExportPreset,
  round?: number,
): string {
  const paper = edition.paper.name.replace(/[\\/:*?"<>|\s]+/g, '_');
  const what = page === null ? 'all' : `p${String(page).padStart(2, '0')}`;
  return `${paper}_${edition.date}_${what}_${preset}${round ? `_${roundName(round)}` : ''}.pdf`;
}
