// The window: toolbar, navigator, page view, article editor, placement inspector, export and
// preflight. Opens the sample edition when nothing else is open. Each command (save, undo, export,
// zoom …) is defined once and reached from the toolbar, the keyboard and the desktop menu alike.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Editor } from 'slate';
import { ApiError, type EditorPlace, type MenuCommand, type RecentEditionInfo } from '../electron/api';
import type { Edition } from '../engine/model/types';
import type { Template } from '../engine/templates';
import { api, onMenuCommand, UNREACHABLE } from './api';
import {
  ArticleEditor,
  BLOCK_LABELS,
  currentBlockType,
  setBlockType,
  toggleMark,
} from './editor/ArticleEditor';
import { articleCounts, fitLabel, fitState, oversetSpans } from './editor/fit';
import { loadScreenFonts, type ScreenFonts } from './fonts';
import { PageView } from './page/PageView';
import { ObjectTools } from './page/ObjectTools';
import { ExportPanel, PreflightPanel } from './panels/ExportPanel';
import { ProofPanel } from './panels/ProofPanel';
import { FontsPanel } from './panels/FontsPanel';
import { FilePanel, type FileMode, type NewEditionForm } from './panels/FilePanel';
import { Inspector } from './panels/Inspector';
import { ImportDialog, type ImportControls } from './panels/ImportDialog';
import { CommentsPanel } from './panels/CommentsPanel';
import { Navigator, STATUS_LABELS } from './panels/Navigator';
import { EditionSession, type SaveState } from './state/session';
import { allKeptEdits, changeCount, forgetEdits, keepEdits, keptEdits } from './state/unsaved';
import type { ArticleStatus, BlockType } from '../engine/model/types';

type Loading = { stage: string; done?: number; total?: number; error?: string };

/** How long the editor must pause before an autosave; never while an IME composes. */
const AUTOSAVE_MS = 1500;

/** Pauses between attempts while a save does not go through (the host away or restarting). */
const RETRY_MS = [1000, 2000, 4000, 8000, 10_000];

/**
 * Why edits wait: the host does not answer (`away`), or it answered with a failure (`message`) that is
 * worth trying again (`retrying`) or not (a conflict: the file changed underneath, or is read-only).
 */
type Waiting = { away: boolean; retrying: boolean; message: string };

/** The browser's storage for edits not yet saved; null where the page may not use it. */
function pageStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Goes back to where the editor was: page, article, caret. */
function goToPlace(session: EditionSession, place: EditorPlace): void {
  if (place.page && session.edition.pages.some((p) => p.number === place.page)) session.goToPage(place.page);
  if (place.article && session.article(place.article)) {
    session.openArticle(
      place.article,
      place.block !== undefined ? { block: place.block, offset: place.offset ?? 0 } : undefined,
    );
  }
}

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

function saveLabel(
  s: SaveState,
  hasFile: boolean,
  waiting: Waiting | null,
  unsaved: number,
  readOnly = false,
): string {
  if (!hasFile) return '未保存 · 尚无文件';
  if (readOnly) return '只读 · 修改请另存为';
  if (waiting?.retrying && unsaved)
    return waiting.away ? `有 ${unsaved} 处修改尚未保存，正在重试…` : `有 ${unsaved} 处修改尚未保存`;
  switch (s.kind) {
    case 'saving':
      return '正在保存…';
    case 'unsaved':
      return '未保存';
    case 'failed':
      return '保存失败';
    case 'saved':
      return s.at ? `已保存 ${s.at.toTimeString().slice(0, 5)}` : '已保存';
  }
}

export function App() {
  const [session, setSession] = useState<EditionSession | null>(null);
  const [fonts, setFonts] = useState<ScreenFonts | null>(null);
  const [loading, setLoading] = useState<Loading>({ stage: '正在连接…' });

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        setLoading({ stage: '正在打开…' });
        // Asked for at once, beside the templates: what opens most often, unused after a crash.
        const sample = api.call('edition.openSample', {});
        sample.catch(() => {
          /* asked again below if it is needed */
        });
        const [{ templates }, { recovery, recent }] = await Promise.all([
          api.call('templates.all', {}),
          api.call('edition.recent', {}),
        ]);
        // After a crash the edition that was open comes back where the editor was; otherwise the sample.
        let opened: {
          edition: Edition;
          path: string | null;
          label: string | null;
          readOnly?: boolean;
        } | null = null;
        if (recovery) {
          setLoading({ stage: `正在恢复 ${recovery.label}…` });
          try {
            const r = await api.call('edition.open', { path: recovery.path });
            if (r.edition)
              opened = { edition: r.edition, path: r.path, label: r.label ?? r.path, readOnly: !!r.readOnly };
          } catch {
            /* the file cannot be opened now: the sample opens, and the recent list still names it */
          }
        }
        // Edits this browser kept for a file that never acknowledged them: that file opens, and they come back.
        const storage = pageStorage();
        for (const kept of opened || !storage ? [] : allKeptEdits(storage)) {
          const entry = recent.find((r) => r.label === kept.label && r.exists);
          if (!entry) continue;
          try {
            const r = await api.call('edition.open', { path: entry.path });
            if (r.edition?.id === kept.edition && r.path) {
              opened = { edition: r.edition, path: r.path, label: r.label ?? r.path };
              break;
            }
          } catch {
            /* not openable now: the next, or the sample */
          }
        }
        if (!opened) {
          setLoading({ stage: '正在打开示例期次…' });
          const ed = await sample.catch(() => api.call('edition.openSample', {}));
          opened = { edition: ed.edition, path: null, label: null };
        }
        // Metrics for the characters the edition uses; glyphs come as the page view paints.
        const f = await loadScreenFonts(api, [opened.edition, templates], opened.edition);
        if (cancelled) return;
        setFonts(f);
        const s = new EditionSession(opened.edition, f.fontSet, templates as Record<string, Template>);
        if (opened.path) {
          s.setFile(opened.path, opened.label, !!opened.readOnly);
          if (recovery) goToPlace(s, recovery.place);
        }
        // The shown page's glyphs are asked for now, while React renders the workspace, not after the
        // page view's first paint finds them missing.
        for (const it of s.pages.get(s.currentPage)?.items ?? []) {
          if (it.kind === 'glyphs') for (const g of it.glyphs) f.glyphs.cmapGlyph(it.face, g.text);
        }
        setSession(s);
      } catch (e) {
        if (!cancelled) setLoading({ stage: '无法打开', error: (e as Error).message });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  if (!session || !fonts) {
    return (
      <div className="loading">
        <div className="brand">版面</div>
        <p>
          {loading.stage}
          {loading.total ? ` ${loading.done}/${loading.total}` : ''}
        </p>
        {loading.error && (
          <p className="error" role="alert">
            {loading.error}
          </p>
        )}
      </div>
    );
  }
  return <Workspace session={session} fonts={fonts} onFonts={setFonts} />;
}

function Workspace({
  session,
  fonts,
  onFonts,
}: {
  session: EditionSession;
  fonts: ScreenFonts;
  onFonts(f: ScreenFonts): void;
}) {
  useSyncExternalStore(session.subscribe, session.getVersion);
  const [zoom, setZoom] = useState(1);
  const [showGrid, setShowGrid] = useState(true);
  const [preview, setPreview] = useState(false);
  const [panel, setPanel] = useState<'export' | 'preflight' | 'proof' | 'fonts' | null>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [, repaint] = useState(0);
  const [fileMode, setFileMode] = useState<FileMode | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [fileBusy, setFileBusy] = useState(false);
  const [recent, setRecent] = useState<RecentEditionInfo[]>([]);
  const [documents, setDocuments] = useState<string | null>(null);
  const [canChooseFiles, setCanChooseFiles] = useState(false);
  const [user, setUser] = useState('');
  /** 导入稿件, 新建稿件, 置入图片 (panels/ImportDialog.tsx): driven by Ctrl+D and by files dropped on the window. */
  const importer = useRef<ImportControls | null>(null);
  const onImportControls = useCallback((c: ImportControls) => {
    importer.current = c;
  }, []);
  const onDragOver = useCallback((e: React.DragEvent) => {
    if (e.dataTransfer.types.includes('Files')) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);
  const onDropFiles = useCallback((e: React.DragEvent) => {
    if (!e.dataTransfer.files.length) return;
    e.preventDefault();
    e.stopPropagation();
    void importer.current?.importFiles([...e.dataTransfer.files]);
  }, []);
  /** Bumped by the 批注 button and Ctrl+Alt+M: the comments panel opens its form on the selection. */
  const [commentAsk, setCommentAsk] = useState(0);

  // An edition whose role mapping names faces this machine lacks says so when it opens.
  useEffect(() => {
    if (fonts.fallbacks.length) setMessage(fonts.fallbacks.map((f) => f.message).join('；'));
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    void api.call('app.info', {}).then(
      (i) => {
        setCanChooseFiles(i.canChooseFiles);
        setUser(i.user ?? '');
      },
      () => {},
    );
  }, []);
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

  useEffect(() => {
    fonts.onOutlines(() => session.repaint());
    fonts.onFontSet((f) => session.setFonts(f));
    // The first screen is ready when the page's glyphs have come and are painted (read by npm run bench).
    void fonts
      .settled()
      .then(() => fonts.settled())
      .then(() => requestAnimationFrame(() => performance.mark('bm-first-screen')));
  }, [fonts, session]);

  const ed = session.edition;
  const page = ed.pages.find((p) => p.number === session.currentPage);
  const template = page ? session.templates[page.template] : undefined;
  const display = session.pages.get(session.currentPage);
  const article = session.article(session.currentArticle);

  const fitZoom = useCallback(() => {
    const el = document.querySelector('.page-scroller');
    if (!el || !display) return;
    setZoom(
      Math.max(
        0.1,
        Math.min(
          (el.clientWidth - 20) / (display.width + 72),
          (el.clientHeight - 20) / (display.height + 72),
        ),
      ),
    );
  }, [display]);
  useEffect(() => {
    fitZoom();
  }, [session]); // eslint-disable-line react-hooks/exhaustive-deps

  const place = useCallback((): EditorPlace => {
    const sel =
      session.selection && session.selection.article === session.currentArticle
        ? session.selection.focus
        : null;
    return {
      page: session.currentPage,
      ...(session.currentArticle ? { article: session.currentArticle } : {}),
      ...(sel ? { block: sel.block, offset: sel.offset } : {}),
    };
  }, [session]);

  // Autosave writes only the articles and pages changed since the last save, as store edits. An edit
  // counts as saved only when the file's commit answers; until then it is kept in the browser's storage,
  // and a save that does not go through is tried again, the status saying how many edits wait.
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
          place: place(),
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
    [session, place],
  );
  autosaveRef.current = autosave;

  // A role set in another face for this edition: the screen fonts are loaded for the new mapping
  // (the same faces the PDF uses) and the pages laid out again; the mapping is saved with the edition.
  const setFontRole = useCallback(
    async (role: string, face: string | null) => {
      session.setFontRole(role, face);
      const f = await loadScreenFonts(api, [session.edition, session.templates], session.edition);
      onFonts(f);
      session.setFonts(f.fontSet);
      if (f.fallbacks.some((x) => x.role === role))
        setMessage(
          f.fallbacks
            .filter((x) => x.role === role)
            .map((x) => x.message)
            .join('；'),
        );
      void autosave();
    },
    [session, onFonts, autosave],
  );
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
  }, [session, session.generation, session.path]);

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

  const showFile = useCallback(
    (mode: FileMode) => {
      setFileError(null);
      setFileMode(mode);
      void refreshRecent();
    },
    [refreshRecent],
  );

  const closeCurrent = useCallback(async () => {
    if (session.path) {
      await autosave();
      await api.call('edition.close', { path: session.path }).catch(() => {});
    }
  }, [session, autosave]);

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
        setMessage(
          !r.path
            ? '已打开（JSON 交换文件：请“另存为”期次文件后再编辑保存）'
            : r.readOnly
              ? `已只读打开 ${r.label ?? r.path}：文件在只读介质或只读文件夹中，可阅读、导出和印前检查；修改不会保存到它，请另存为到可写的位置`
              : `已打开 ${r.label ?? r.path}`,
        );
      }),
    [session, closeCurrent, fileAction],
  );

  const repair = useCallback(
    (path?: string) =>
      fileAction(async () => {
        const r = await api.call('edition.repair', path ? { path } : {});
        session.replaceEdition(r.edition as Edition, r.path, r.label ?? r.path);
        const list = r.changes.map((c) => c.message);
        setMessage(
          `已修复并打开 ${r.label ?? r.path}（原文件保持原样）${list.length ? `，修复了 ${list.length} 处：${list.slice(0, 5).join('；')}${list.length > 5 ? ' …' : ''}` : '：没有发现需要修复的地方'}`,
        );
      }),
    [session, fileAction],
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
    [session, closeCurrent, fileAction],
  );

  const saveAs = useCallback(
    (path?: string) =>
      fileAction(async () => {
        // The open file is brought up to date first, then copied whole (its revisions go along). When its
        // edits could not be saved to it, what the window holds is written instead, so nothing is left behind.
        if (session.path) await autosave();
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
        if (retry.current.timer) clearTimeout(retry.current.timer);
        retry.current = { timer: null, attempts: 0, failed: false };
        setWaiting(null);
        setMessage(`已另存为 ${r.label ?? r.path}`);
      }),
    [session, autosave, fileAction],
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
    [session, closeCurrent, refreshRecent],
  );

  // In the desktop app the system dialog is the whole interaction; in a browser, the panel asks for a name.
  const fileCommand = useCallback(
    (mode: FileMode) => {
      if (canChooseFiles && mode === 'open') void openPath();
      else if (canChooseFiles && mode === 'save-as') void saveAs();
      else showFile(mode);
    },
    [canChooseFiles, openPath, saveAs, showFile],
  );

  const run = useCallback(
    (c: MenuCommand) => {
      switch (c) {
        case 'undo':
          session.undo();
          break;
        case 'redo':
          session.redo();
          break;
        case 'save':
          if (session.path && !session.readOnly) void autosave();
          else fileCommand('save-as');
          break;
        case 'save-as':
          fileCommand('save-as');
          break;
        case 'new':
          showFile('new');
          break;
        case 'open':
          fileCommand('open');
          break;
        case 'open-recent':
          showFile('open');
          break;
        case 'open-sample':
          void openSample();
          break;
        case 'proof':
          setPanel('proof');
          break;
        case 'export':
          setPanel('export');
          break;
        case 'preflight':
          setPanel('preflight');
          break;
        case 'zoom-in':
          setZoom((z) => Math.min(8, z * 1.25));
          break;
        case 'zoom-out':
          setZoom((z) => Math.max(0.1, z / 1.25));
          break;
        case 'zoom-fit':
          fitZoom();
          break;
        case 'zoom-actual':
          setZoom(1);
          break;
        case 'toggle-grid':
          setShowGrid((g) => !g);
          break;
      }
    },
    [session, autosave, fileCommand, showFile, openSample, fitZoom],
  );

  useEffect(() => onMenuCommand(run), [run]);

  const choices = useMemo(
    () => ({
      recent,
      onNew: () => run('new'),
      onOpen: () => run('open'),
      onOpenRecent: (path: string) => void openPath(path),
      onSample: () => run('open-sample'),
      onSampleFukan: () => void openSample('fukan'),
    }),
    [recent, run, openPath, openSample],
  );

  // Keyboard shortcuts outside the text (inside it, the editor handles its own).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const k = e.key.toLowerCase();
      // Ctrl+S saves from anywhere, the text included, and also mid-composition: autosave itself
      // waits for the input method to commit, so the request is kept rather than dropped.
      if (mod && !e.altKey && !e.shiftKey && k === 's') {
        e.preventDefault();
        run('save');
        return;
      }
      if (e.isComposing) return;
      // 批注 works from inside the text too: it is about the text selected there (Word's Ctrl+Alt+M).
      if (mod && e.altKey && k === 'm') {
        e.preventDefault();
        setCommentAsk((n) => n + 1);
        return;
      }
      // 导入稿件 (Ctrl+D, as in FIT and InDesign's Place) from anywhere, the text included.
      if (mod && !e.altKey && !e.shiftKey && k === 'd') {
        e.preventDefault();
        importer.current?.chooseStories();
        return;
      }
      const t = e.target as HTMLElement;
      if (t.closest('[data-slate-editor]') || /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName)) return;
      if (!mod) return;
      const map: Record<string, MenuCommand> = {
        z: e.shiftKey ? 'redo' : 'undo',
        y: 'redo',
        s: e.shiftKey ? 'save-as' : 'save',
        o: 'open',
        n: 'new',
        e: 'export',
        '=': 'zoom-in',
        '-': 'zoom-out',
        '0': 'zoom-fit',
        '1': 'zoom-actual',
      };
      if (map[k]) {
        e.preventDefault();
        run(map[k]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run]);

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
        void api.call('edition.place', { path: session.path, place: place() }).catch(() => {});
    }, 400);
    return () => clearTimeout(t);
  }, [placeKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const fits = article
    ? [...session.pages.values()].flatMap((p) => p.fits.filter((f) => f.article === article.id))
    : [];
  const fit = fitState(fits);
  const oversetKey = JSON.stringify(oversetSpans(fits));
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const overset = useMemo(() => oversetSpans(fits), [oversetKey]);
  const counts = article ? articleCounts(article) : { body: 0, all: 0 };
  const blockType = editor ? currentBlockType(editor) : null;

  const onEditor = useCallback((e: Editor | null) => setEditor(e), []);
  const onZoom = useCallback((z: number) => setZoom(z), []);

  const blockTypes = useMemo(() => Object.entries(BLOCK_LABELS) as [BlockType, string][], []);

  return (
    <div className="workspace">
      <header className="toolbar">
        <div className="edition-title">
          <b>{ed.paper.name}</b>
          <span>
            {ed.date}
            {ed.issue != null ? ` · 第 ${ed.issue} 期` : ''}
          </span>
          <span className="file-label" data-testid="file-label" title={session.path ?? ''}>
            {session.label ?? (session.path ? '' : '示例（未存为文件）')}
          </span>
        </div>
        <div className="group">
          <button onClick={() => run('new')} title="新建期次 Ctrl+N" data-testid="file-new">
            新建
          </button>
          <button onClick={() => run('open')} title="打开期次 Ctrl+O" data-testid="file-open">
            打开
          </button>
          <button onClick={() => run('save-as')} title="另存为 Ctrl+Shift+S" data-testid="file-save-as">
            另存为
          </button>
        </div>
        <ImportDialog session={session} onMessage={setMessage} controls={onImportControls} />
        <div className="group">
          <button
            onClick={() => run('undo')}
            disabled={!session.history.canUndo}
            title="撤销 Ctrl+Z"
            data-testid="undo"
          >
            撤销
          </button>
          <button onClick={() => run('redo')} disabled={!session.history.canRedo} title="重做 Ctrl+Y">
            重做
          </button>
        </div>
        <div className="group">
          <button onClick={() => run('zoom-out')} title="缩小">
            −
          </button>
          <span className="zoom" data-testid="zoom">
            {Math.round(zoom * 100)}%
          </span>
          <button onClick={() => run('zoom-in')} title="放大">
            ＋
          </button>
          <button onClick={() => run('zoom-fit')}>适合</button>
          <button onClick={() => run('zoom-actual')}>100%</button>
        </div>
        <ObjectTools session={session} template={template} />
        <div className="group">
          <label className="check">
            <input type="checkbox" checked={showGrid} onChange={(e) => setShowGrid(e.target.checked)} />
            网格
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={preview}
              onChange={(e) => setPreview(e.target.checked)}
              data-testid="preview"
            />
            印刷预览
          </label>
        </div>
        <div className="spacer" />
        <div className="group">
          <button onClick={() => run('preflight')}>印前检查</button>
          <button onClick={() => run('export')} data-testid="export">
            导出 PDF
          </button>
          <button onClick={() => run('proof')} data-testid="proof-open">
            校对
          </button>
          <button
            onClick={() => setPanel('fonts')}
            data-testid="fonts-open"
            className={fonts.fallbacks.length ? 'has-warning' : undefined}
            title={
              fonts.fallbacks.length ? fonts.fallbacks.map((f) => f.message).join('\n') : '字体角色与本机字体'
            }
          >
            字体{fonts.fallbacks.length ? ' ⚠' : ''}
          </button>
          <button
            onClick={() => run('save')}
            className={`save-state save-${session.path ? session.save.kind : 'nofile'}`}
            data-testid="save-state"
            title={
              session.save.kind === 'failed'
                ? session.save.message
                : session.readOnly
                  ? `${session.label ?? session.path} 是只读的（只读介质、只读文件夹或没有写权限）：可阅读、导出和印前检查，修改请另存为到可写的位置`
                  : session.path
                    ? `自动保存到 ${session.label ?? session.path}；Ctrl+S 立即保存`
                    : '另存为期次文件后自动保存'
            }
          >
            {saveLabel(
              session.save,
              !!session.path,
              waiting,
              waiting && session.dirty ? changeCount(session.pendingChanges()) : 0,
              session.readOnly,
            )}
          </button>
        </div>
      </header>

      <div
        className="navigator-drop"
        onDragOver={onDragOver}
        onDrop={onDropFiles}
        data-testid="navigator-drop"
      >
        <Navigator session={session} glyphs={fonts.thumbnailGlyphs} choices={choices} />
      </div>

      <main className="page-area" onDragOver={onDragOver} onDrop={onDropFiles}>
        <PageView
          session={session}
          page={display}
          template={template}
          zoom={zoom}
          showGrid={showGrid}
          preview={preview}
          glyphs={fonts.glyphs}
          onZoom={onZoom}
        />
        {panel === 'preflight' && <PreflightPanel session={session} onClose={() => setPanel(null)} />}
        {panel === 'proof' && <ProofPanel session={session} onClose={() => setPanel(null)} />}
        {panel === 'fonts' && (
          <FontsPanel
            session={session}
            fallbacks={fonts.fallbacks}
            onSetRole={setFontRole}
            onClose={() => setPanel(null)}
          />
        )}
      </main>

      <aside className="editor-pane">
        {article ? (
          <>
            <div className="article-head">
              <div className="slug-line">
                <b>{article.slug || article.id}</b>
                <select
                  value={article.status}
                  onChange={(e) =>
                    session.setArticleMeta(article.id, '稿件状态', {
                      status: e.target.value as ArticleStatus,
                    })
                  }
                  aria-label="稿件状态"
                >
                  {Object.entries(STATUS_LABELS).map(([k, v]) => (
                    <option key={k} value={k}>
                      {v}
                    </option>
                  ))}
                </select>
              </div>
              <div className="figures">
                <span data-testid="char-count">字数 {counts.all}</span>
                <span className="muted">正文 {counts.body}</span>
                <span className={`fit fit-${fit.kind}`} data-testid="fit-figure">
                  {fitLabel(fit)}
                </span>
                {fit.kind === 'under' && fit.chars != null && (
                  <span className="muted">可再写约 {fit.chars} 字</span>
                )}
                {fit.kind === 'over' && <span className="muted">超出部分在下文以红色标出</span>}
              </div>
            </div>
            <div className="block-bar" onMouseDown={(e) => e.preventDefault()}>
              <select
                value={blockType ?? ''}
                onChange={(e) => {
                  if (editor) {
                    setBlockType(editor, e.target.value as BlockType);
                    repaint((n) => n + 1);
                  }
                }}
                aria-label="段落类型"
              >
                <option value="" disabled>
                  段落类型
                </option>
                {blockTypes.map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
              <button onClick={() => editor && toggleMark(editor, 'bold')} title="加粗 Ctrl+B">
                <b>粗</b>
              </button>
              <button onClick={() => editor && toggleMark(editor, 'emphasis')} title="强调 Ctrl+I">
                <em>斜</em>
              </button>
              <button
                onClick={() => setCommentAsk((n) => n + 1)}
                title="给选中的文字加批注 Ctrl+Alt+M"
                data-testid="comment-add"
              >
                批注
              </button>
            </div>
            <div className="editor-scroll">
              <ArticleEditor
                key={`${session.generation}:${article.id}`}
                session={session}
                article={article}
                onEditor={onEditor}
                overset={overset}
              />
            </div>
            <CommentsPanel session={session} article={article.id} user={user} ask={commentAsk} />
            <Inspector session={session} template={template} />
          </>
        ) : (
          <p className="hint">从左侧选择一篇稿件。</p>
        )}
      </aside>

      <footer className="status">
        <span>
          第 {session.currentPage} 版 {page?.section ?? ''}
        </span>
        <span>{template?.name ?? ''}</span>
        <span data-testid="layout-ms">排版 {session.lastLayoutMs.toFixed(1)} ms</span>
        {session.layoutError && (
          <span className="error" role="alert">
            排版出错：{session.layoutError}
          </span>
        )}
        {session.refusal && (
          <span className="error" role="alert" data-testid="refusal">
            {session.refusal}
          </span>
        )}
        {display?.missing.length ? <span className="warn">缺字 {display.missing.length}</span> : null}
        {message && <span className="msg">{message}</span>}
      </footer>

      {panel === 'export' && (
        <ExportPanel session={session} onClose={() => setPanel(null)} flush={autosave} />
      )}
      {fileMode && (
        <FilePanel
          mode={fileMode}
          typed={!canChooseFiles}
          documents={documents}
          recent={recent}
          templates={session.templates}
          suggested={`${ed.paper.name.replace(/[\\/:*?"<>|\s]+/g, '_')}-${ed.date}`}
          busy={fileBusy}
          error={fileError}
          onOpen={(p) => void openPath(p)}
          onNew={(f) => void newEdition(f)}
          onSaveAs={(p) => void saveAs(p)}
          onRepair={() => void repair()}
          onClose={() => setFileMode(null)}
        />
      )}
    </div>
  );
}
