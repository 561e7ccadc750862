// Autosave: once the editor pauses (never while an input method composes), the articles and pages
// changed since the last save go to the file as store edits. An edit counts as saved only when the
// file's commit answers; until then it is kept in the browser's storage, a save that does not go
// through is tried again, and the status says how many edits wait. Also: where the editor is, sent
// for reopening there after a crash, and a question before the window closes with unsaved work.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, type EditorPlace } from '../../electron/api';
import { api, UNREACHABLE } from '../api';
import type { EditionSession } from '../state/session';
import { changeCount, forgetEdits, keepEdits, keptEdits } from '../state/unsaved';

/** How long the editor must pause before an autosave; never while an IME composes. */
const AUTOSAVE_MS = 1500;

/** Pauses between attempts while a save does not go through (the host away or restarting). */
const RETRY_MS = [1000, 2000, 4000, 8000, 10_000];

/**
 * Why edits wait: the host does not answer (`away`), or it answered with a failure (`message`) that is
 * worth trying again (`retrying`) or not (a conflict: the file changed underneath, or is read-only).
 */
export type Waiting = { away: boolean; retrying: boolean; message: string };

/** The browser's storage for edits not yet saved; null where the page may not use it. */
export function pageStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Where the editor is: page, article, caret. */
export function editorPlace(session: EditionSession): EditorPlace {
  const sel =
    session.selection && session.selection.article === session.currentArticle
      ? session.selection.focus
      : null;
  return {
    page: session.currentPage,
    ...(session.currentArticle ? { article: session.currentArticle } : {}),
    ...(sel ? { block: sel.block, offset: sel.offset } : {}),
  };
}

export interface Autosave {
  /** Saves now what waits (after a composition commits); resolves when the file answered. */
  save(): Promise<void>;
  waiting: Waiting | null;
  /** Everything waiting went elsewhere (Save As): no retries, nothing waits. */
  settled(): void;
}

export function useAutosave(session: EditionSession, setMessage: (m: string) => void): Autosave {
  const inFlight = useRef<Promise<void> | null>(null);
  const [waiting, setWaiting] = useState<Waiting | null>(null);
  const retry = useRef<{ timer: ReturnType<typeof setTimeout> | null; attempts: number; failed: boolean }>({
    timer: null,
    attempts: 0,
    failed: false,
  });
  const autosaveRef = useRef<() => Promise<void>>(async () => {});
  /** Whether the browser took the waiting edits (it may refuse: storage full or disabled). */
  const kept = useRef(true);
  const autosave = useCallback(
    async function autosave(): Promise<void> {
      if (!session.path || session.readOnly) return;
      // Saving mid-composition would store half-typed pinyin: wait for the input method to commit.
      if (session.isComposing()) {
        await new Promise((r) => setTimeout(r, 300));
        return autosave();
      }
      if (inFlight.current) await inFlight.current;
      if (!session.dirty || !session.path) return;
      const path = session.path;
      const sent = session.pendingChanges();
      session.savingStarted();
      const send = (to: string) => {
        const comments =
          sent.comments.upsert.length || sent.comments.remove.length ? { comments: sent.comments } : {};
        return api.call('edition.autosave', {
          path: to,
          articles: sent.articles,
          pages: sent.pages,
          ...comments,
          ...(sent.removeArticles ? { removeArticles: sent.removeArticles } : {}),
          ...(sent.pageList ? { pageList: sent.pageList } : {}),
          ...(sent.fonts ? { fonts: sent.fonts } : {}),
          ...(sent.styles ? { styles: sent.styles } : {}),
          ...(sent.output !== undefined ? { output: sent.output } : {}),
          place: editorPlace(session),
        });
      };
      const run = (async () => {
        try {
          let to = path;
          let r;
          try {
            r = await send(to);
          } catch (e) {
            if (!(e instanceof ApiError) || e.code !== 'not-open') throw e;
            // The host was restarted and no longer counts the file as open in this window: name it again.
            to = (await api.call('edition.reattach', { path, id: session.edition.id })).path;
            if (session.path === path) session.setFile(to, session.label);
            r = await send(to);
          }
          if (session.path === to) session.changesSaved(sent, new Date(r.savedAt));
          if (retry.current.timer) clearTimeout(retry.current.timer);
          retry.current = { ...retry.current, timer: null, attempts: 0 };
          // The file answers again: what was typed meanwhile is saved by the next autosave, as usual.
          if (retry.current.failed)
            setMessage(session.dirty ? '已重新连接，正在保存其余修改…' : '之前未保存的修改已保存');
          retry.current.failed = false;
          setWaiting(null);
        } catch (e) {
          const message = (e as Error).message;
          const where = kept.current
            ? '修改保存在本浏览器中'
            : '修改只在本窗口中（浏览器未能保存它们），请勿关闭或刷新本页';
          const away = (e as { reason?: string }).reason === UNREACHABLE;
          session.saveFailed(message);
          retry.current.failed = true;
          // The host away, restarting, locked or failing: try again. A refusal (a path, a file now holding
          // another edition, a file changed underneath) would only be refused again.
          const again =
            away || !(e instanceof ApiError) || ['failed', 'unauthorized', 'not-open'].includes(e.code);
          setWaiting({ away, retrying: again, message });
          setMessage(
            away
              ? `本机服务没有应答：${where}，服务恢复后自动保存`
              : `保存失败：${message}（${where}${again ? '，正在重试' : ''}${e instanceof ApiError && (e.code === 'unauthorized' || e.code === 'refused') ? '' : '；也可“另存为”新文件'}）`,
          );
          if (again) {
            if (retry.current.timer) clearTimeout(retry.current.timer);
            const ms = RETRY_MS[Math.min(retry.current.attempts, RETRY_MS.length - 1)];
            retry.current = {
              timer: setTimeout(() => {
                retry.current.timer = null;
                void autosaveRef.current();
              }, ms),
              attempts: retry.current.attempts + 1,
              failed: true,
            };
          }
        }
      })();
      inFlight.current = run;
      await run;
      inFlight.current = null;
    },
    [session, setMessage],
  );
  autosaveRef.current = autosave;

  const settled = useCallback(() => {
    if (retry.current.timer) clearTimeout(retry.current.timer);
    retry.current = { timer: null, attempts: 0, failed: false };
    setWaiting(null);
  }, []);

  useEffect(
    () => () => {
      if (retry.current.timer) clearTimeout(retry.current.timer);
    },
    [],
  );

  // Edits the file never acknowledged, kept for this file in an earlier page, come back as unsaved changes.
  useEffect(() => {
    const storage = pageStorage();
    if (!storage || !session.path || session.dirty) return;
    const kept = keptEdits(storage, session.edition.id, session.label ?? session.path);
    if (!kept || !changeCount(kept)) return;
    session.restoreEdits(kept);
    setMessage(`已恢复 ${changeCount(kept)} 处上次未保存的修改，正在保存…`);
  }, [session, session.generation, session.path, setMessage]);

  // What waits to be saved is kept in the browser after every change (not mid-composition), and dropped
  // once the file has it all.
  useEffect(() => {
    const storage = pageStorage();
    kept.current = !!storage;
    if (!storage || !session.path) return;
    const label = session.label ?? session.path;
    if (!session.dirty) forgetEdits(storage, session.edition.id, label);
    else if (!session.isComposing())
      kept.current = keepEdits(storage, session.edition.id, label, session.path, session.pendingChanges());
  }, [session, session.version, session.path]);

  // Closing the window with unsaved work asks first (the desktop app shows its own dialog for it).
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (session.dirty) {
        e.preventDefault();
        e.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [session]);

  // Autosave to the edition's file once the editor pauses; a composition in progress postpones it.
  useEffect(() => {
    if (!session.dirty || !session.path || session.readOnly) return;
    let t = setTimeout(function attempt() {
      if (session.isComposing()) {
        t = setTimeout(attempt, AUTOSAVE_MS);
        return;
      }
      void autosave();
    }, AUTOSAVE_MS);
    return () => clearTimeout(t);
  }, [session, session.version, session.dirty, session.path, autosave]);

  // Where the editor is, for reopening there after a crash: sent when the page or article changes.
  const placeKey = `${session.path}|${session.currentPage}|${session.currentArticle}`;
  useEffect(() => {
    if (!session.path) return;
    const t = setTimeout(() => {
      if (session.path)
        void api.call('edition.place', { path: session.path, place: editorPlace(session) }).catch(() => {});
    }, 400);
    return () => clearTimeout(t);
  }, [placeKey]); // eslint-disable-line react-hooks/exhaustive-deps

  return { save: autosave, waiting, settled };
}
