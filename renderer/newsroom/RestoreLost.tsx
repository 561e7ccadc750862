// 恢复我的改动 next to the status line's message when others' concurrent writes replaced mine in a
// shared edition (conflicts-ui.ts): one click writes mine back for everyone.
import type { EditionSession } from '../state/session';
import { linkOf } from './link';

export function RestoreLost({ session }: { session: EditionSession }) {
  const lost = linkOf(session)?.lostWrites;
  if (!lost?.pending.length) return null;
  return (
    <button
      className="small"
      data-testid="restore-lost"
      title={lost.pending.map((o) => o.message).join('\n')}
      onClick={() => lost.restore()}
    >
      恢复我的改动
    </button>
  );
}
