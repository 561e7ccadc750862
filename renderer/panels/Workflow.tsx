// 稿件状态 and 署名: the question asked when an edit is tried in a locked article (定稿, 签发) —
// reopening it sets it back to 已编, which the file records in the article's history — and the
// editor's name, asked once at the first start and kept in the app's settings.
import { useState } from 'react';
import { api } from '../api';
import { REOPENED, STATUS_LABELS } from '../../engine/model/status';
import type { EditionSession } from '../state/session';

export function ReopenDialog({ session }: { session: EditionSession }) {
  const id = session.reopenAsked;
  const article = session.article(id);
  if (!id || !article) return null;
  return (
    <div className="dialog" role="dialog" aria-label="重新打开稿件" data-testid="reopen-dialog">
      <h3>稿件已{STATUS_LABELS[article.status]}</h3>
      <p>
        “{article.slug || article.id}”已{STATUS_LABELS[article.status]}
        ，正文不能修改。要重新打开它继续编辑吗？ 稿件状态将改为“{STATUS_LABELS[REOPENED]}”，并记入历史版本。
      </p>
      <div className="buttons">
        <button onClick={() => session.askReopen(null)}>取消</button>
        <button
          className="primary"
          onClick={() => {
            session.askReopen(null);
            session.setArticleMeta(id, '重新打开稿件', { status: REOPENED });
          }}
        >
          重新打开
        </button>
      </div>
    </div>
  );
}

/**
 * The editor's name: asked once at the first start (no way round it), and again by the 署名…
 * command (`initial`, the name now, with 取消).
 */
export function UserNameDialog({
  initial = '',
  onSet,
  onCancel,
}: {
  initial?: string;
  onSet(name: string): void;
  onCancel?(): void;
}) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const changing = !!initial && !!onCancel;
  const save = async () => {
    try {
      onSet((await api.call('settings.setUser', { name: name.trim() })).user);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="dialog" role="dialog" aria-label="署名" data-testid="user-dialog">
      <h3>您的署名</h3>
      <p>
        批注、修改记录和稿件状态的变更都以此署名。
        {changing ? '修改后只用于今后的批注和记录，已有的署名不变。' : '只问这一次，可在“署名”中修改。'}
      </p>
      <input
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && name.trim()) void save();
          else if (e.key === 'Escape' && changing) onCancel!();
        }}
        aria-label="署名"
        placeholder="例如：张明"
        autoFocus
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="buttons">
        {changing && <button onClick={onCancel}>取消</button>}
        <button className="primary" disabled={!name.trim()} onClick={() => void save()}>
          确定
        </button>
      </div>
    </div>
  );
}
