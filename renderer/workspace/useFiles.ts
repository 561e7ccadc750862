// Edition files: open, new, Save As, the recent list, the samples and 修复. In the desktop app the
// system dialog is the whole interaction; in a browser the file panel (panels/FilePanel.tsx) asks
// for a name. Opening another edition first brings the open file up to date and closes it.
import { closeNewsroomEdition, keepReplica, resumeReplica } from '../newsroom/open';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, type RecentEditionInfo } from '../../electron/api';
import type { Edition } from '../../engine/model/types';
import { api } from '../api';
import type { FileMode, NewEditionForm } from '../panels/FilePanel';
import type { EditionSession } from '../state/session';
import { forgetEdits } from '../state/unsaved';
import { pageStorage, type Autosave } from './useAutosave';

/**
 * Calls `write` without replacing anything; when the file is already there, asks the editor and only
 * on their word calls again, allowed to replace it. Null when the editor declined.
 */
async function askingToReplace<T>(write: (overwrite: boolean) => Promise<T>): Promise<T | null> {
  try {
    return await write(false);
  } catch (e) {
    if (!(e instanceof ApiError) || e.code !== 'exists') throw e;
    if (!window.confirm(`${e.message.split('；')[0]}。要替换它吗？原文件的内容将被取代。`)) return null;
    return write(true);
  }
}

export function useFiles(
  session: EditionSession,
  autosave: Autosave,
  canChooseFiles: boolean,
  setMessage: (m: string) => void,
) {
  const [fileMode, setFileMode] = useState<FileMode | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [fileBusy, setFileBusy] = useState(false);
  const [recent, setRecent] = useState<RecentEditionInfo[]>([]);
  const [documents, setDocuments] = useState<string | null>(null);
  const { save: saveNow, settled } = autosave;

  const refreshRecent = useCallback(async () => {
    try {
      const r = await api.call('edition.recent', {});
      setRecent(r.recent);
      setDocuments(r.documents);
    } catch {
      /* the list stays as it was */
    }
  }, []);
  useEffect(() => {
    void refreshRecent();
  }, [refreshRecent]);

  const showFile = useCallback(
    (mode: FileMode) => {
      setFileError(null);
      setFileMode(mode);
      void refreshRecent();
    },
    [refreshRecent],
  );

  const closeCurrent = useCallback(async () => {
    // A newsroom edition stops here: the next edition must never reach its documents.
    closeNewsroomEdition();
    if (session.path) {
      await saveNow();
      await api.call('edition.close', { path: session.path }).catch(() => {});
    }
  }, [session, saveNow]);

  const fileAction = useCallback(
    async (what: () => Promise<void>) => {
      setFileBusy(true);
      setFileError(null);
      try {
        await what();
        setFileMode(null);
        void refreshRecent();
      } catch (e) {
        setFileError((e as Error).message);
        // The desktop app opens through its own dialog: the panel then shows why (and 修复 when it can).
        setFileMode((m) => m ?? 'open');
      } finally {
        setFileBusy(false);
      }
    },
    [refreshRecent],
  );

  const openPath = useCallback(
    (path?: string) =>
      fileAction(async () => {
        if (
          session.dirty &&
          !session.path &&
          !window.confirm('示例期次的修改尚未保存为文件，打开其他期次将丢失这些修改。继续吗？')
        )
          return;
        await closeCurrent();
        const r = await api.call('edition.open', path ? { path } : {});
        if (!r.edition) return;
        session.replaceEdition(r.edition as Edition, r.path, r.label ?? r.path);
        session.setFile(session.path, session.label, !!r.readOnly);
        // The offline replica of a newsroom edition: it opens from the file, offline until 连接编辑部.
        if (r.path && !r.readOnly && (await resumeReplica(session, r.path)))
          return setMessage(`已打开 ${r.label ?? r.path}（编辑部期次的离线副本：联网后请“连接编辑部”）`);
        setMessage(
          !r.path
            ? '已打开（JSON 交换文件：请“另存为”期次文件后再编辑保存）'
            : r.readOnly
              ? `已只读打开 ${r.label ?? r.path}：文件在只读介质或只读文件夹中，可阅读、导出和印前检查；修改不会保存到它，请另存为到可写的位置`
              : `已打开 ${r.label ?? r.path}`,
        );
      }),
    [session, closeCurrent, fileAction, setMessage],
  );

  const repair = useCallback(
    (path?: string) =>
      fileAction(async () => {
        const r = await api.call('edition.repair', path ? { path } : {});
        closeNewsroomEdition();
        session.replaceEdition(r.edition as Edition, r.path, r.label ?? r.path);
        const list = r.changes.map((c) => c.message);
        setMessage(
          `已修复并打开 ${r.label ?? r.path}（原文件保持原样）${list.length ? `，修复了 ${list.length} 处：${list.slice(0, 5).join('；')}${list.length > 5 ? ' …' : ''}` : '：没有发现需要修复的地方'}`,
        );
      }),
    [session, fileAction, setMessage],
  );

  const newEdition = useCallback(
    (form: NewEditionForm) =>
      fileAction(async () => {
        await closeCurrent();
        const r = await askingToReplace((overwrite) =>
          api.call('edition.new', { ...form, ...(overwrite ? { overwrite } : {}) }),
        );
        if (!r?.edition) return;
        session.replaceEdition(r.edition as Edition, r.path, r.label ?? r.path);
        setMessage(`已新建 ${r.label ?? r.path}`);
      }),
    [session, closeCurrent, fileAction, setMessage],
  );

  const saveAs = useCallback(
    (path?: string) =>
      fileAction(async () => {
        // The open file is brought up to date first, then copied whole (its revisions go along). When its
        // edits could not be saved to it, what the window holds is written instead, so nothing is left behind.
        if (session.path) await saveNow();
        const from = session.path && !session.dirty ? session.path : null;
        const left = session.path ? { id: session.edition.id, label: session.label ?? session.path } : null;
        const r = await askingToReplace((overwrite) =>
          api.call('edition.saveAs', {
            ...(from ? { from } : { edition: session.edition }),
            ...(path ? { path } : {}),
            ...(overwrite ? { overwrite } : {}),
          }),
        );
        if (!r || r.cancelled || !r.path) return;
        const storage = pageStorage();
        if (left && storage) forgetEdits(storage, left.id, left.label);
        session.markSaved(r.path, r.label ?? r.path);
        settled();
        // A newsroom edition saved as a file: the file keeps its documents from now on (offline replica).
        await keepReplica(session);
        setMessage(`已另存为 ${r.label ?? r.path}`);
      }),
    [session, saveNow, settled, fileAction, setMessage],
  );

  const openSample = useCallback(
    async (name?: 'news' | 'fukan') => {
      try {
        if (
          session.dirty &&
          !session.path &&
          !window.confirm('当前期次的修改尚未保存为文件，打开示例将丢失这些修改。继续吗？')
        )
          return;
        await closeCurrent();
        session.replaceEdition((await api.call('edition.openSample', name ? { name } : {})).edition, null);
        void refreshRecent();
      } catch (e) {
        setMessage(`无法打开：${(e as Error).message}`);
      }
    },
    [session, closeCurrent, refreshRecent, setMessage],
  );

  // In the desktop app the system dialog is the whole interaction; in a browser, the panel asks for a name.
  const fileCommand = useCallback(
    (mode: 'open' | 'save-as') => {
      if (canChooseFiles && mode === 'open') void openPath();
      else if (canChooseFiles && mode === 'save-as') void saveAs();
      else showFile(mode);
    },
    [canChooseFiles, openPath, saveAs, showFile],
  );

  /** 保存: autosave at once, or Save As for an edition without a (writable) file. */
  const save = useCallback(() => {
    if (session.path && !session.readOnly) void saveNow();
    else fileCommand('save-as');
  }, [session, saveNow, fileCommand]);

  return {
    panel: {
      mode: fileMode,
      error: fileError,
      busy: fileBusy,
      close: () => setFileMode(null),
    },
    recent,
    documents,
    showFile,
    fileCommand,
    save,
    openPath,
    repair,
    newEdition,
    saveAs,
    openSample,
  };
}

export type Files = ReturnType<typeof useFiles>;
