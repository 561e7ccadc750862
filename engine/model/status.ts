// 稿件状态: the workflow an article goes through, 草稿 → 待编 → 已编 → 待校 → 定稿 → 签发. 定稿 and
// 签发 lock the copy: typing in it asks to reopen first (recorded in the article's history).
import type { ArticleStatus } from './types';

/** Every status a file may hold, in workflow order (已校 is kept for files of earlier versions). */
export const ARTICLE_STATUSES = [
  'draft',
  'to-edit',
  'edited',
  'to-proof',
  'proofed',
  'final',
  'signed',
] as const;

export const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: '草稿',
  'to-edit': '待编',
  edited: '已编',
  'to-proof': '待校',
  proofed: '已校',
  final: '定稿',
  signed: '签发',
};

/** The statuses the workflow offers (已校 only where an article already has it). */
export const WORKFLOW: ArticleStatus[] = ['draft', 'to-edit', 'edited', 'to-proof', 'final', 'signed'];

/** Whether the copy is locked: 定稿 and 签发. */
export const isLocked = (s: ArticleStatus | undefined): boolean => s === 'final' || s === 'signed';

/** The status a locked article goes back to when it is reopened for editing. */
export const REOPENED: ArticleStatus = 'edited';

/** How a status change reads in an article's history: 稿件状态：定稿 → 已编. */
export const statusNote = (from: ArticleStatus, to: ArticleStatus): string =>
  `稿件状态：${STATUS_LABELS[from] ?? from} → ${STATUS_LABELS[to] ?? to}`;

/** The statuses offered for an article now in `current` (the workflow, and its own when outside it). */
export const statusChoices = (current: ArticleStatus): ArticleStatus[] =>
  WORKFLOW.includes(current)
    ? WORKFLOW
    : ARTICLE_STATUSES.filter((s) => s === current || WORKFLOW.includes(s));
