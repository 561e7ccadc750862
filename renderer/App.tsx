// The window: toolbar, navigator, page view, article editor, placement inspector, export and
// preflight. Opens the sample edition when nothing else is open. Each command (save, undo, export,
// zoom …) is defined once and reached from the toolbar, the keyboard and the desktop menu alike.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Editor } from 'slate';
import type { EditorPlace, MenuCommand, RecentEditionInfo } from '../electron/api';
import type { Edition } from '../engine/model/types';
import type { Template } from '../engine/templates';
import { api, onMenuCommand } from './api';
import { ArticleEditor, BLOCK_LABELS, currentBlockType, setBlockType, toggleMark } from './editor/ArticleEditor';
import { articleCounts, fitLabel, fitState, oversetSpans } from './editor/fit';
import { loadScreenFonts, type ScreenFonts } from './fonts';
import { PageView } from './page/PageView';
import { ExportPanel, PreflightPanel } from './panels/ExportPanel';
import { ProofPanel } from './panels/ProofPanel';
import { FilePanel, type FileMode, type NewEditionForm } from './panels/FilePanel';
import { Inspector } from './panels/Inspector';
import { CommentsPanel } from './panels/CommentsPanel';
import { Navigator, STATUS_LABELS } from './panels/Navigator';
import { EditionSession, type SaveState } from './state/session';
import type { ArticleStatus, BlockType } from '../engine/model/types';

type Loading = { stage: string; done?: number; total?: number; error?: string };

/** How long the editor must pause before an autosave; never while an IME composes. */
const AUTOSAVE_MS = 1500;

/** Goes back to where the editor was: page, article, caret. */
function goToPlace(session: EditionSession, place: EditorPlace): void {
  if (place.page && session.edition.pages.some((p) => p.number === place.page)) session.goToPage(place.page);
  if (place.article && session.article(place.article)) {
    session.openArticle(place.article, place.block !== undefined ? { block: place.block, offset: place.offset ?? 0 } : undefined);
  }
}

function saveLabel(s: SaveState, hasFile: boolean): string {
  if (!hasFile) return '未保存 · 尚无文件';
  switch (s.kind) {
    case 'saving': return '正在保存…';
    case 'unsaved': return '未保存';
    case 'failed': return '保存失败';
    case 'saved': return s.at ? `已保存 ${s.at.toTimeString().slice(0, 5)}` : '已保存';
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
        const [{ templates }, { recovery }] = await Promise.all([api.call('templates.all', {}), api.call('edition.recent', {})]);
        // After a crash the edition that was open comes back where the editor was; otherwise the sample.
        let opened: { edition: Edition; path: string | null; label: string | null } | null = null;
        if (recovery) {
          setLoading({ stage: `正在恢复 ${recovery.label}…` });
          try {
            const r = await api.call('edition.open', { path: recovery.path });
            if (r.edition) opened = { edition: r.edition, path: r.path, label: r.label ?? r.path };
          } catch { /* the file cannot be opened now: the sample opens, and the recent list still names it */ }
        }
        if (!opened) {
          setLoading({ stage: '正在打开示例期次…' });
          opened = { edition: (await api.call('edition.openSample', {})).edition, path: null, label: null };
        }
        // Metrics for the characters the edition uses; glyphs come as the page view paints.
        const f = await loadScreenFonts(api, [opened.edition, templates]);
        if (cancelled) return;
        setFonts(f);
        const s = new EditionSession(opened.edition, f.fontSet, templates as Record<string, Template>);
        if (opened.path) {
          s.path = opened.path;
          s.label = opened.label;
          if (recovery) goToPlace(s, recovery.place);
        }
        setSession(s);
      } catch (e) {
        if (!cancelled) setLoading({ stage: '无法打开', error: (e as Error).message });
      }
    })();
    return () => { cancelled = true; };
  }, []);

  if (!session || !fonts) {
    return (
      <div className="loading">
        <div className="brand">版面</div>
        <p>{loading.stage}{loading.total ? ` ${loading.done}/${loading.total}` : ''}</p>
        {loading.error && <p className="error" role="alert">{loading.error}</p>}
      </div>
    );
  }
  return <Workspace session={session} fonts={fonts} />;
}

function Workspace({ session, fonts }: { session: EditionSession; fonts: ScreenFonts }) {
  useSyncExternalStore(session.subscribe, session.getVersion);
  const [zoom, setZoom] = useState(1);
  const [showGrid, setShowGrid] = useState(true);
  const [preview, setPreview] = useState(false);
  const [panel, setPanel] = useState<'export' | 'preflight' | 'proof' | null>(null);
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
  /** Bumped by the 批注 button and Ctrl+Alt+M: the comments panel opens its form on the selection. */
  const [commentAsk, setCommentAsk] = useState(0);

  useEffect(() => { void api.call('app.info', {}).then((i) => { setCanChooseFiles(i.canChooseFiles); setUser(i.user ?? ''); }, () => {}); }, []);
  const refreshRecent = useCallback(async () => {
    try { const r = await api.call('edition.recent', {}); setRecent(r.recent); setDocuments(r.documents); } catch { /* the list stays as it was */ }
  }, []);
  useEffect(() => { void refreshRecent(); }, [refreshRecent]);

  useEffect(() => {
    fonts.onOutlines(() => session.repaint());
    fonts.onFontSet((f) => session.setFonts(f));
    // The first screen is ready when the page's glyphs have come and are painted (read by npm run bench).
    void fonts.settled().then(() => fonts.settled()).then(() => requestAnimationFrame(() => performance.mark('bm-first-screen')));
  }, [fonts, session]);

  const ed = session.edition;
  const page = ed.pages.find((p) => p.number === session.currentPage);
  const template = page ? session.templates[page.template] : undefined;
  const display = session.pages.get(session.currentPage);
  const article = session.article(session.currentArticle);

  const fitZoom = useCallback(() => {
    const el = document.querySelector('.page-scroller');
    if (!el || !display) return;
    setZoom(Math.max(0.1, Math.min((el.clientWidth - 20) / (display.width + 72), (el.clientHeight - 20) / (display.height + 72))));
  }, [display]);
  useEffect(() => { fitZoom(); }, [session]); // eslint-disable-line react-hooks/exhaustive-deps

  const place = useCallback((): EditorPlace => {
    const sel = session.selection && session.selection.article === session.currentArticle ? session.selection.focus : null;
    return { page: session.currentPage, ...(session.currentArticle ? { article: session.currentArticle } : {}), ...(sel ? { block: sel.block, offset: sel.offset } : {}) };
  }, [session]);

  // Autosave writes only the articles and pages changed since the last save, as store edits.
  const inFlight = useRef<Promise<void> | null>(null);
  const autosave = useCallback(async function autosave(): Promise<void> {
    if (!session.path) return;
    // Saving mid-composition would store half-typed pinyin: wait for the input method to commit.
    if (session.isComposing()) { await new Promise((r) => setTimeout(r, 300)); return autosave(); }
    if (inFlight.current) await inFlight.current;
    if (!session.dirty || !session.path) return;
    const path = session.path;
    const sent = session.pendingChanges();
    session.savingStarted();
    const run = (async () => {
      try {
        const comments = sent.comments.upsert.length || sent.comments.remove.length ? { comments: sent.comments } : {};
        const r = await api.call('edition.autosave', { path, articles: sent.articles, pages: sent.pages, ...comments, place: place() });
        if (session.path === path) session.changesSaved(sent, new Date(r.savedAt));
      } catch (e) {
        session.saveFailed((e as Error).message);
        setMessage(`保存失败：${(e as Error).message}（修改仍在窗口中，可用“另存为”保存）`);
      }
    })();
    inFlight.current = run;
    await run;
    inFlight.current = null;
  }, [session, place]);

  const showFile = useCallback((mode: FileMode) => { setFileError(null); setFileMode(mode); void refreshRecent(); }, [refreshRecent]);

  const closeCurrent = useCallback(async () => {
    if (session.path) { await autosave(); await api.call('edition.close', { path: session.path }).catch(() => {}); }
  }, [session, autosave]);

  const fileAction = useCallback(async (what: () => Promise<void>) => {
    setFileBusy(true);
    setFileError(null);
    try { await what(); setFileMode(null); void refreshRecent(); } catch (e) { setFileError((e as Error).message); } finally { setFileBusy(false); }
  }, [refreshRecent]);

  const openPath = useCallback((path?: string) => fileAction(async () => {
    if (session.dirty && !session.path && !window.confirm('示例期次的修改尚未保存为文件，打开其他期次将丢失这些修改。继续吗？')) return;
    await closeCurrent();
    const r = await api.call('edition.open', path ? { path } : {});
    if (!r.edition) return;
    session.replaceEdition(r.edition as Edition, r.path, r.label ?? r.path);
    setMessage(r.path ? `已打开 ${r.label ?? r.path}` : '已打开（JSON 交换文件：请“另存为”期次文件后再编辑保存）');
  }), [session, closeCurrent, fileAction]);

  const newEdition = useCallback((form: NewEditionForm) => fileAction(async () => {
    await closeCurrent();
    const r = await api.call('edition.new', form);
    if (!r.edition) return;
    session.replaceEdition(r.edition as Edition, r.path, r.label ?? r.path);
    setMessage(`已新建 ${r.label ?? r.path}`);
  }), [session, closeCurrent, fileAction]);

  const saveAs = useCallback((path?: string) => fileAction(async () => {
    // The open file is brought up to date first, then copied whole (its revisions go along).
    if (session.path) await autosave();
    if (session.save.kind === 'failed' && session.path) throw new Error(session.save.message);
    const from = session.path;
    const r = await api.call('edition.saveAs', { ...(from ? { from } : { edition: session.edition }), ...(path ? { path } : {}) });
    if (r.cancelled || !r.path) return;
    session.markSaved(r.path, r.label ?? r.path);
    setMessage(`已另存为 ${r.label ?? r.path}`);
  }), [session, autosave, fileAction]);

  const openSample = useCallback(async () => {
    try {
      if (session.dirty && !session.path && !window.confirm('当前期次的修改尚未保存为文件，打开示例将丢失这些修改。继续吗？')) return;
      await closeCurrent();
      session.replaceEdition((await api.call('edition.openSample', {})).edition, null);
      void refreshRecent();
    } catch (e) {
      setMessage(`无法打开：${(e as Error).message}`);
    }
  }, [session, closeCurrent, refreshRecent]);

  // In the desktop app the system dialog is the whole interaction; in a browser, the panel asks for a name.
  const fileCommand = useCallback((mode: FileMode) => {
    if (canChooseFiles && mode === 'open') void openPath();
    else if (canChooseFiles && mode === 'save-as') void saveAs();
    else showFile(mode);
  }, [canChooseFiles, openPath, saveAs, showFile]);

  const run = useCallback((c: MenuCommand) => {
    switch (c) {
      case 'undo': session.undo(); break;
      case 'redo': session.redo(); break;
      case 'save': if (session.path) void autosave(); else fileCommand('save-as'); break;
      case 'save-as': fileCommand('save-as'); break;
      case 'new': showFile('new'); break;
      case 'open': fileCommand('open'); break;
      case 'open-recent': showFile('open'); break;
      case 'open-sample': void openSample(); break;
      case 'proof': setPanel('proof'); break;
      case 'export': setPanel('export'); break;
      case 'preflight': setPanel('preflight'); break;
      case 'zoom-in': setZoom((z) => Math.min(8, z * 1.25)); break;
      case 'zoom-out': setZoom((z) => Math.max(0.1, z / 1.25)); break;
      case 'zoom-fit': fitZoom(); break;
      case 'zoom-actual': setZoom(1); break;
      case 'toggle-grid': setShowGrid((g) => !g); break;
    }
  }, [session, autosave, fileCommand, showFile, openSample, fitZoom]);

  useEffect(() => onMenuCommand(run), [run]);

  const choices = useMemo(() => ({
    recent,
    onNew: () => run('new'),
    onOpen: () => run('open'),
    onOpenRecent: (path: string) => void openPath(path),
    onSample: () => run('open-sample'),
  }), [recent, run, openPath]);

  // Keyboard shortcuts outside the text (inside it, the editor handles its own).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const k = e.key.toLowerCase();
      // Ctrl+S saves from anywhere, the text included, and also mid-composition: autosave itself
      // waits for the input method to commit, so the request is kept rather than dropped.
      if (mod && !e.altKey && !e.shiftKey && k === 's') { e.preventDefault(); run('save'); return; }
      if (e.isComposing) return;
      // 批注 works from inside the text too: it is about the text selected there (Word's Ctrl+Alt+M).
      if (mod && e.altKey && k === 'm') { e.preventDefault(); setCommentAsk((n) => n + 1); return; }
      const t = e.target as HTMLElement;
      if (t.closest('[data-slate-editor]') || /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName)) return;
      if (!mod) return;
      const map: Record<string, MenuCommand> = { z: e.shiftKey ? 'redo' : 'undo', y: 'redo', s: e.shiftKey ? 'save-as' : 'save', o: 'open', n: 'new', e: 'export', '=': 'zoom-in', '-': 'zoom-out', '0': 'zoom-fit', '1': 'zoom-actual' };
      if (map[k]) { e.preventDefault(); run(map[k]); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run]);

  // Closing the window with unsaved work asks first (the desktop app shows its own dialog for it).
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => { if (session.dirty) { e.preventDefault(); e.returnValue = ''; } };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [session]);

  // Autosave to the edition's file once the editor pauses; a composition in progress postpones it.
  useEffect(() => {
    if (!session.dirty || !session.path) return;
    let t = setTimeout(function attempt() {
      if (session.isComposing()) { t = setTimeout(attempt, AUTOSAVE_MS); return; }
      void autosave();
    }, AUTOSAVE_MS);
    return () => clearTimeout(t);
  }, [session, session.version, session.dirty, session.path, autosave]);

  // Where the editor is, for reopening there after a crash: sent when the page or article changes.
  const placeKey = `${session.path}|${session.currentPage}|${session.currentArticle}`;
  useEffect(() => {
    if (!session.path) return;
    const t = setTimeout(() => { if (session.path) void api.call('edition.place', { path: session.path, place: place() }).catch(() => {}); }, 400);
    return () => clearTimeout(t);
  }, [placeKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const fits = article ? [...session.pages.values()].flatMap((p) => p.fits.filter((f) => f.article === article.id)) : [];
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
          <span>{ed.date}{ed.issue != null ? ` · 第 ${ed.issue} 期` : ''}</span>
          <span className="file-label" data-testid="file-label" title={session.path ?? ''}>{session.label ?? (session.path ? '' : '示例（未存为文件）')}</span>
        </div>
        <div className="group">
          <button onClick={() => run('new')} title="新建期次 Ctrl+N" data-testid="file-new">新建</button>
          <button onClick={() => run('open')} title="打开期次 Ctrl+O" data-testid="file-open">打开</button>
          <button onClick={() => run('save-as')} title="另存为 Ctrl+Shift+S" data-testid="file-save-as">另存为</button>
        </div>
        <div className="group">
          <button onClick={() => run('undo')} disabled={!session.history.canUndo} title="撤销 Ctrl+Z" data-testid="undo">撤销</button>
          <button onClick={() => run('redo')} disabled={!session.history.canRedo} title="重做 Ctrl+Y">重做</button>
        </div>
        <div className="group">
          <button onClick={() => run('zoom-out')} title="缩小">−</button>
          <span className="zoom" data-testid="zoom">{Math.round(zoom * 100)}%</span>
          <button onClick={() => run('zoom-in')} title="放大">＋</button>
          <button onClick={() => run('zoom-fit')}>适合</button>
          <button onClick={() => run('zoom-actual')}>100%</button>
        </div>
        <div className="group">
          <label className="check"><input type="checkbox" checked={showGrid} onChange={(e) => setShowGrid(e.target.checked)} />网格</label>
          <label className="check"><input type="checkbox" checked={preview} onChange={(e) => setPreview(e.target.checked)} data-testid="preview" />印刷预览</label>
        </div>
        <div className="spacer" />
        <div className="group">
          <button onClick={() => run('preflight')}>印前检查</button>
          <button onClick={() => run('export')} data-testid="export">导出 PDF</button>
          <button onClick={() => run('proof')} data-testid="proof-open">校对</button>
          <button onClick={() => run('save')} className={`save-state save-${session.path ? session.save.kind : 'nofile'}`} data-testid="save-state"
            title={session.save.kind === 'failed' ? session.save.message : session.path ? `自动保存到 ${session.label ?? session.path}；Ctrl+S 立即保存` : '另存为期次文件后自动保存'}>
            {saveLabel(session.save, !!session.path)}
          </button>
        </div>
      </header>

      <Navigator session={session} glyphs={fonts.thumbnailGlyphs} choices={choices} />

      <main className="page-area">
        <PageView session={session} page={display} template={template} zoom={zoom} showGrid={showGrid} preview={preview} glyphs={fonts.glyphs} onZoom={onZoom} />
        {panel === 'preflight' && <PreflightPanel session={session} onClose={() => setPanel(null)} />}
        {panel === 'proof' && <ProofPanel session={session} onClose={() => setPanel(null)} />}
      </main>

      <aside className="editor-pane">
        {article ? (
          <>
            <div className="article-head">
              <div className="slug-line">
                <b>{article.slug || article.id}</b>
                <select value={article.status} onChange={(e) => session.setArticleMeta(article.id, '稿件状态', { status: e.target.value as ArticleStatus })} aria-label="稿件状态">
                  {Object.entries(STATUS_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
                </select>
              </div>
              <div className="figures">
                <span data-testid="char-count">字数 {counts.all}</span>
                <span className="muted">正文 {counts.body}</span>
                <span className={`fit fit-${fit.kind}`} data-testid="fit-figure">{fitLabel(fit)}</span>
                {fit.kind === 'under' && fit.chars != null && <span className="muted">可再写约 {fit.chars} 字</span>}
                {fit.kind === 'over' && <span className="muted">超出部分在下文以红色标出</span>}
              </div>
            </div>
            <div className="block-bar" onMouseDown={(e) => e.preventDefault()}>
              <select value={blockType ?? ''} onChange={(e) => { if (editor) { setBlockType(editor, e.target.value as BlockType); repaint((n) => n + 1); } }} aria-label="段落类型">
                <option value="" disabled>段落类型</option>
                {blockTypes.map(([k, v]) => <option key={k} value={k}>{v}</option>)}
              </select>
              <button onClick={() => editor && toggleMark(editor, 'bold')} title="加粗 Ctrl+B"><b>粗</b></button>
              <button onClick={() => editor && toggleMark(editor, 'emphasis')} title="强调 Ctrl+I"><em>斜</em></button>
              <button onClick={() => setCommentAsk((n) => n + 1)} title="给选中的文字加批注 Ctrl+Alt+M" data-testid="comment-add">批注</button>
            </div>
            <div className="editor-scroll">
              <ArticleEditor key={`${session.generation}:${article.id}`} session={session} article={article} onEditor={onEditor} overset={overset} />
            </div>
            <CommentsPanel session={session} article={article.id} user={user} ask={commentAsk} />
            <Inspector session={session} template={template} />
          </>
        ) : <p className="hint">从左侧选择一篇稿件。</p>}
      </aside>

      <footer className="status">
        <span>第 {session.currentPage} 版 {page?.section ?? ''}</span>
        <span>{template?.name ?? ''}</span>
        <span data-testid="layout-ms">排版 {session.lastLayoutMs.toFixed(1)} ms</span>
        {session.layoutError && <span className="error" role="alert">排版出错：{session.layoutError}</span>}
        {display?.missing.length ? <span className="warn">缺字 {display.missing.length}</span> : null}
        {message && <span className="msg">{message}</span>}
      </footer>

      {panel === 'export' && <ExportPanel session={session} onClose={() => setPanel(null)} />}
      {fileMode && (
        <FilePanel mode={fileMode} typed={!canChooseFiles} documents={documents} recent={recent} templates={session.templates}
          suggested={`${ed.paper.name.replace(/[\\/:*?"<>|\s]+/g, '_')}-${ed.date}`} busy={fileBusy} error={fileError}
          onOpen={(p) => void openPath(p)} onNew={(f) => void newEdition(f)} onSaveAs={(p) => void saveAs(p)} onClose={() => setFileMode(null)} />
      )}
    </div>
  );
}
