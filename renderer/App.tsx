// The window: toolbar, navigator, page view, article editor, placement inspector, export and
// preflight. Opens the sample edition when nothing else is open. Each command (save, undo, export,
// zoom …) is defined once and reached from the toolbar, the keyboard and the desktop menu alike.
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { Editor } from 'slate';
import type { MenuCommand } from '../electron/api';
import type { Edition } from '../engine/model/types';
import type { Template } from '../engine/templates';
import { api, onMenuCommand } from './api';
import { ArticleEditor, BLOCK_LABELS, currentBlockType, setBlockType, toggleMark } from './editor/ArticleEditor';
import { articleCounts, fitLabel, fitState, oversetSpans } from './editor/fit';
import { loadScreenFonts, type ScreenFonts } from './fonts';
import { PageView } from './page/PageView';
import { ExportPanel, PreflightPanel } from './panels/ExportPanel';
import { Inspector } from './panels/Inspector';
import { Navigator, STATUS_LABELS } from './panels/Navigator';
import { EditionSession } from './state/session';
import type { ArticleStatus, BlockType } from '../engine/model/types';

type Loading = { stage: string; done?: number; total?: number; error?: string };

/** How long the editor must pause before an autosave; never while an IME composes. */
const AUTOSAVE_MS = 3000;

export function App() {
  const [session, setSession] = useState<EditionSession | null>(null);
  const [fonts, setFonts] = useState<ScreenFonts | null>(null);
  const [loading, setLoading] = useState<Loading>({ stage: '正在连接…' });

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        setLoading({ stage: '正在载入字体…' });
        const f = await loadScreenFonts(api, (done, total) => !cancelled && setLoading({ stage: '正在载入字体…', done, total }));
        setLoading({ stage: '正在打开示例期次…' });
        const [{ templates }, { edition }] = await Promise.all([api.call('templates.all', {}), api.call('edition.openSample', {})]);
        if (cancelled) return;
        setFonts(f);
        setSession(new EditionSession(edition, f.fontSet, templates as Record<string, Template>));
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
  const [panel, setPanel] = useState<'export' | 'preflight' | null>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [, repaint] = useState(0);

  useEffect(() => { fonts.onOutlines(() => session.repaint()); }, [fonts, session]);

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

  const save = useCallback(async function save(chooseFile = false): Promise<void> {
    // Saving mid-composition would store half-typed pinyin: wait for the input method to commit.
    if (session.isComposing()) { setTimeout(() => void save(chooseFile), 300); return; }
    try {
      const r = await api.call('edition.save', { edition: session.edition, path: session.path ?? undefined, chooseFile });
      if (!r.cancelled) { session.markSaved(r.path); setMessage(`已保存 ${r.path ?? ''}`); }
    } catch (e) {
      setMessage(`保存失败：${(e as Error).message}`);
    }
  }, [session]);

  const open = useCallback(async (sample: boolean) => {
    try {
      if (sample) { session.replaceEdition((await api.call('edition.openSample', {})).edition, null); return; }
      const r = await api.call('edition.open', {});
      if (r.edition) session.replaceEdition(r.edition as Edition, r.path);
    } catch (e) {
      setMessage(`无法打开：${(e as Error).message}`);
    }
  }, [session]);

  const run = useCallback((c: MenuCommand) => {
    switch (c) {
      case 'undo': session.undo(); break;
      case 'redo': session.redo(); break;
      case 'save': void save(false); break;
      case 'save-as': void save(true); break;
      case 'open': void open(false); break;
      case 'open-sample': void open(true); break;
      case 'export': setPanel('export'); break;
      case 'preflight': setPanel('preflight'); break;
      case 'zoom-in': setZoom((z) => Math.min(8, z * 1.25)); break;
      case 'zoom-out': setZoom((z) => Math.max(0.1, z / 1.25)); break;
      case 'zoom-fit': fitZoom(); break;
      case 'zoom-actual': setZoom(1); break;
      case 'toggle-grid': setShowGrid((g) => !g); break;
    }
  }, [session, save, open, fitZoom]);

  useEffect(() => onMenuCommand(run), [run]);

  // Keyboard shortcuts outside the text (inside it, the editor handles its own).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing) return;
      const t = e.target as HTMLElement;
      if (t.closest('[data-slate-editor]') || /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName)) return;
      const mod = e.ctrlKey || e.metaKey;
      if (!mod) return;
      const k = e.key.toLowerCase();
      const map: Record<string, MenuCommand> = { z: e.shiftKey ? 'redo' : 'undo', y: 'redo', s: 'save', e: 'export', '=': 'zoom-in', '-': 'zoom-out', '0': 'zoom-fit', '1': 'zoom-actual' };
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
      void save(false);
    }, AUTOSAVE_MS);
    return () => clearTimeout(t);
  }, [session, session.version, session.dirty, session.path, save]);

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
          <button onClick={() => run('save')} className={session.dirty ? 'dirty' : ''}>{session.dirty ? '保存 •' : '已保存'}</button>
        </div>
      </header>

      <Navigator session={session} glyphs={fonts.glyphs} />

      <main className="page-area">
        <PageView session={session} page={display} template={template} zoom={zoom} showGrid={showGrid} preview={preview} glyphs={fonts.glyphs} onZoom={onZoom} />
        {panel === 'preflight' && <PreflightPanel session={session} onClose={() => setPanel(null)} />}
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
            </div>
            <div className="editor-scroll">
              <ArticleEditor key={`${session.generation}:${article.id}`} session={session} article={article} onEditor={onEditor} overset={overset} />
            </div>
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
    </div>
  );
}
