// How a preflight finding is printed, by `preflight` and by `export` when preflight refuses or warns.
import type { Finding } from '../electron/services/preflight';

const LABEL: Record<Finding['severity'], string> = {
  error: '错误 error',
  warning: '警告 warning',
  info: '提示 info',
};

export function formatFinding(f: Finding): string {
  const where = [f.page != null ? `第${f.page}版` : '全期', f.article ? `稿件 ${f.article}` : '']
    .filter(Boolean)
    .join(' ');
  const pos = f.position
    ? 'block' in f.position
      ? ` 第${f.position.block}段第${f.position.offset}字`
      : ` (${f.position.x.toFixed(0)}, ${f.position.y.toFixed(0)} pt)`
    : '';
  return `  ${LABEL[f.severity]}  ${f.code}  ${where}${pos}: ${f.message}`;
}
