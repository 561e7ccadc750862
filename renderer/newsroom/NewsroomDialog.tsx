// 连接编辑部 / 发布到编辑部: the server's address and the editor's sign-in, then the server's editions
// (open one: the session then runs through NewsroomLink) or publishing the open stand-alone edition.
import { useState } from 'react';
import type { EditionSummary } from '../../newsroom/shared/protocol';
import { ROLE_LABELS } from '../../newsroom/shared/protocol';
import { api } from '../api';
import type { EditionSession } from '../state/session';
import { linkOf } from './link';
import { closeNewsroomEdition, openNewsroomEdition } from './open';
import { usePresence } from './use-presence';

export type NewsroomDialogMode = 'connect' | 'publish';

let signedIn: { server: string; who: string } | null = null;

export function NewsroomDialog({
  session,
  mode,
  onClose,
  onMessage,
}: {
  session: EditionSession;
  mode: NewsroomDialogMode;
  onClose(): void;
  onMessage(m: string): void;
}) {
  const [server, setServer] = useState(signedIn?.server ?? '');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [who, setWho] = useState<string | null>(signedIn?.who ?? null);
  const [editions, setEditions] = useState<EditionSummary[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (job: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await job();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const list = async () => setEditions((await api.call('newsroom.editions', {})).editions);
  const connect = () =>
    run(async () => {
      const r = await api.call('newsroom.connect', { server: server.trim(), login: login.trim(), password });
      setPassword('');
      const name = `${r.person.name}（${ROLE_LABELS[r.person.role]}）`;
      signedIn = { server: r.server, who: name };
      setWho(name);
      if (mode === 'connect') await list();
    });
  const open = (id: string) =>
    run(async () => {
      await openNewsroomEdition(session, id);
      onMessage(`已打开编辑部期次 ${id}`);
      onClose();
    });
  const standAlone = (id: string) =>
    run(async () => {
      const { edition } = await api.call('newsroom.edition', { edition: id });
      closeNewsroomEdition();
      session.replaceEdition(edition, null, null);
      onMessage(`已取回 ${id} 为单机期次：请“另存为”保存为文件`);
      onClose();
    });
  const publish = () =>
    run(async () => {
      const { id } = await api.call('newsroom.publish', { edition: session.edition });
      onMessage(`已发布到编辑部：${id}`);
      onClose();
    });

  return (
    <div
      className="dialog newsroom-dialog"
      role="dialog"
      aria-label="连接编辑部"
      data-testid="newsroom-dialog"
    >
      <h3>{mode === 'publish' ? '发布到编辑部' : '连接编辑部'}</h3>
      {!who ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void connect();
          }}
        >
          <label>
            服务器地址
            <input
              aria-label="服务器地址"
              value={server}
              onChange={(e) => setServer(e.target.value)}
              placeholder="例如 http://192.168.1.20:7420"
              autoFocus
            />
          </label>
          <label>
            登录名
            <input aria-label="登录名" value={login} onChange={(e) => setLogin(e.target.value)} />
          </label>
          <label>
            密码
            <input
              aria-label="密码"
              type="password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          <div className="buttons">
            <button type="button" onClick={onClose}>
              取消
            </button>
            <button
              className="primary"
              type="submit"
              disabled={busy || !server.trim() || !login || !password}
            >
              登录
            </button>
          </div>
        </form>
      ) : (
        <>
          <p>
            已登录：{who}
            <button
              type="button"
              onClick={() =>
                void run(async () => {
                  await api.call('newsroom.disconnect', {});
                  signedIn = null;
                  setWho(null);
                  setEditions(null);
                })
              }
            >
              退出登录
            </button>
          </p>
          {mode === 'publish' ? (
            <p>
              把当前期次（{session.edition.paper.name} {session.edition.date}
              ）发布到编辑部，大家就能一起编辑。
              {linkOf(session) ? '当前期次已是编辑部期次。' : ''}
            </p>
          ) : editions === null ? (
            <button onClick={() => void run(list)}>列出期次</button>
          ) : editions.length ? (
            <ul className="newsroom-editions" data-testid="newsroom-editions">
              {editions.map((e) => (
                <li key={e.id}>
                  <button
                    disabled={busy}
                    onClick={() => void open(e.id)}
                    data-testid={`newsroom-edition-${e.id}`}
                  >
                    {e.paper} {e.date}
                  </button>
                  <small>
                    {e.pages} 版 · {e.articles} 篇稿件 · {e.id}
                  </small>
                  <button
                    disabled={busy}
                    onClick={() => void standAlone(e.id)}
                    title="取回这一期的当前内容，作为单机期次另存为文件"
                    data-testid={`newsroom-standalone-${e.id}`}
                  >
                    取回为单机期次
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p>服务器上还没有期次。</p>
          )}
          <div className="buttons">
            <button onClick={onClose}>关闭</button>
            {mode === 'publish' && (
              <button className="primary" disabled={busy || !!linkOf(session)} onClick={() => void publish()}>
                发布
              </button>
            )}
          </div>
        </>
      )}
      {busy && <p>请稍候…</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** 离线 / 在线 / 已同步: the toolbar's mark for a newsroom edition. */
export function ConnectionBadge({ session }: { session: EditionSession }) {
  const link = usePresence(session);
  if (!link) return null;
  const label = { offline: '离线', online: '在线', synced: '已同步' }[link.state];
  return (
    <span className={`newsroom-state newsroom-${link.state}`} data-testid="newsroom-state" title="编辑部连接">
      {label}
    </span>
  );
}
