// How a preflight finding is printed, by `preflight` and by `export` when preflight refuses or warns.
import type { Finding } from '../electron/services/preflight';
import type { Edition } from '../engine/model/types';

const LABEL: Record<Finding['severity'], string> = {
  error: '错误 error',
  warning: '警告 warning',
  info: '提示 info',
};

/** `edition`: names a finding's story by its slug (主题), as the editor knows it. */
export function formatFinding(f: Finding, edition?: Pick<Edition, 'articles'>): string {
  const story = f.article ? (edition?.articles.find((a) => a.id === f.article)?.slug ?? f.article) : '';
  const where = [f.page != null ? `第${f.page}版` : '全期', story ? `稿件“${story}”` : '']
    .filter(Boolean)
    .join(' ');
  const pos = f.position
    ? 'block' in f.position
      ? ` 第${f.position.block}段第${f.position.offset}字`
      : ` (${f.position.x.toFixed(0)}, ${f.position.y.toFixed(0)} pt)`
    : '';
  return `  ${LABEL[f.severity]}  ${f.code}  ${where}${pos}: ${f.message}`;
}
