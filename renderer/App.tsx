// The window: toolbar, navigator, page view, article editor, placement inspector, export and
// preflight. Opens the sample edition when nothing else is open (workspace/start.ts). Each command
// (save, undo, export, zoom …) is defined once, in the command table (electron/api/commands.ts, run by
// renderer/commands), and reached from the toolbar, the keyboard, the palette and the desktop menu alike.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Editor } from 'slate';
import type { CommandContext, Panel } from './commands/actions';
import { Palette } from './commands/Palette';
import { useCommands } from './commands/useCommands';
import type { ScreenFonts } from './fonts';
import { loadScreenFonts } from './fonts';
import { api } from './api';
import { PageView } from './page/PageView';
import { ExportPanel, PreflightPanel } from './panels/ExportPanel';
import { FilePanel } from './panels/FilePanel';
import { FontsPanel } from './panels/FontsPanel';
import type { ImportControls } from './panels/ImportDialog';
import { Navigator } from './panels/Navigator';
import { ProofPanel } from './panels/ProofPanel';
import { FindReplace } from './panels/FindReplace';
import { TermCheck } from './panels/TermCheck';
import { HistoryPanel } from './panels/HistoryPanel';
import { StylesPanel } from './panels/StylesPanel';
import { ReopenDialog, UserNameDialog } from './panels/Workflow';
import type { EditionSession } from './state/session';
import { useSettledSession } from './state/use-session';
import { EditorPane } from './workspace/EditorPane';
import { openFirstEdition } from './workspace/start';
import { Toolbar } from './workspace/Toolbar';
import { NewsroomDialog, type NewsroomDialogMode } from './newsroom/NewsroomDialog';
import { RestoreLost } from './newsroom/RestoreLost';
import { useAutosave } from './workspace/useAutosave';
import { useFiles } from './workspace/useFiles';

type Loading = { stage: string; done?: number; total?: number; error?: string };

export function App() {
  const [session, setSession] = useState<EditionSession | null>(null);
  const [fonts, setFonts] = useState<ScreenFonts | null>(null);
  const [loading, setLoading] = useState<Loading>({ stage: '正在连接…' });

  useEffect(() => {
    let cancelled = false;
    openFirstEdition(
      (stage) => setLoading({ stage }),
      () => cancelled,
    ).then(
      (r) => {
        if (!r) return;
        setFonts(r.fonts);
        setSession(r.session);
      },
      (e) => {
        if (!cancelled) setLoading({ stage: '无法打开', error: (e as Error).message });
      },
    );
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
  // Typed text re-renders the workspace after its frame: the page is painted straight after layout.
  useSettledSession(session);
  const [zoom, setZoom] = useState(1);
  const [showGrid, setShowGrid] = useState(true);
  const [preview, setPreview] = useState(false);
  const [panel, setPanel] = useState<Panel | null>(null);
  const [palette, setPalette] = useState(false);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [canChooseFiles, setCanChooseFiles] = useState(false);
  const [user, setUser] = useState('');
  const [askUser, setAskUser] = useState(false);
  const [newsroom, setNewsroom] = useState<NewsroomDialogMode | null>(null);
  /** Bumped by the 批注 command: the comments panel opens its form on the selection. */
  const [commentAsk, setCommentAsk] = useState(0);
  /** 导入稿件, 新建稿件, 置入图片 (panels/ImportDialog.tsx): driven by commands and by files dropped on the window. */
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

  // An edition whose role mapping names faces this machine lacks says so when it opens.
  useEffect(() => {
    if (fonts.fallbacks.length) setMessage(fonts.fallbacks.map((f) => f.message).join('；'));
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    void api.call('app.info', {}).then(
      (i) => {
        setCanChooseFiles(i.canChooseFiles);
        setUser(i.user ?? '');
        setAskUser(i.userSet === false);
      },
      () => {},
    );
  }, []);

  useEffect(() => {
    performance.mark('bm-workspace');
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
  // Before the browser paints: the first frame shows the page at its fitted size, not at 100 % first.
  useLayoutEffect(() => {
    fitZoom();
  }, [session]); // eslint-disable-line react-hooks/exhaustive-deps

  const autosave = useAutosave(session, setMessage);
  const files = useFiles(session, autosave, canChooseFiles, setMessage);

  // A role set in another face for this edition: the screen fonts are loaded for the new mapping
  // (the same faces the PDF uses) and the pages laid out again; the mapping is saved with the edition.
  const { save: saveNow } = autosave;
  const setFontRole = useCallback(
    async (role: string, face: string | null) => {
      session.setFontRole(role, face);
      const f = await loadScreenFonts(api, [session.edition, session.templates], session.edition);
      onFonts(f);
      session.setFonts(f.fontSet);
      const fell = f.fallbacks.filter((x) => x.role === role);
      if (fell.length) setMessage(fell.map((x) => x.message).join('；'));
      void saveNow();
    },
    [session, onFonts, saveNow],
  );

  const ctx: CommandContext = {
    session,
    editor,
    files: {
      command: files.fileCommand,
      show: files.showFile,
      openSample: (name) => void files.openSample(name),
      save: files.save,
    },
    importer: () => importer.current,
    setPanel,
    zoomBy: (f) => setZoom((z) => Math.max(0.1, Math.min(8, z * f))),
    setZoom,
    fitZoom,
    toggleGrid: () => setShowGrid((g) => !g),
    togglePreview: () => setPreview((p) => !p),
    toggled: { 'toggle-grid': showGrid, 'toggle-preview': preview },
    askComment: () => setCommentAsk((n) => n + 1),
    askUserName: () => setAskUser(true),
    newsroom: setNewsroom,
    openPalette: () => setPalette(true),
    message: setMessage,
  };
  const commands = useCommands(ctx);

  const { run } = commands;
  const { recent, openPath } = files;
  const choices = useMemo(
    () => ({
      recent,
      onNew: () => run('new'),
      onOpen: () => run('open'),
      onOpenRecent: (path: string) => void openPath(path),
      onSample: () => run('open-sample'),
      onSampleFukan: () => run('open-sample-fukan'),
    }),
    [recent, openPath, run],
  );

  const onZoom = useCallback((z: number) => setZoom(z), []);
  const closePanel = () => setPanel(null);

  return (
    <div className="workspace">
      <Toolbar
        session={session}
        template={template}
        commands={commands}
        fonts={fonts}
        zoom={zoom}
        showGrid={showGrid}
        onShowGrid={setShowGrid}
        preview={preview}
        onPreview={setPreview}
        waiting={autosave.waiting}
        onMessage={setMessage}
        onImportControls={onImportControls}
      />

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
        {panel === 'preflight' && <PreflightPanel session={session} onClose={closePanel} />}
        {panel === 'proof' && <ProofPanel session={session} onClose={closePanel} />}
        {panel === 'find' && <FindReplace session={session} onClose={closePanel} />}
        {panel === 'terms' && <TermCheck session={session} onClose={closePanel} />}
        {panel === 'history' && <HistoryPanel session={session} onClose={closePanel} />}
        {panel === 'styles' && <StylesPanel session={session} onClose={closePanel} />}
        {panel === 'fonts' && (
          <FontsPanel
            session={session}
            fallbacks={fonts.fallbacks}
            onSetRole={setFontRole}
            onClose={closePanel}
          />
        )}
      </main>

      <aside className="editor-pane">
        <EditorPane
          session={session}
          template={template}
          commands={commands}
          editor={editor}
          onEditor={setEditor}
          user={user}
          commentAsk={commentAsk}
        />
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
        <RestoreLost session={session} />
        {display?.missing.length ? <span className="warn">缺字 {display.missing.length}</span> : null}
        {message && (
          <span className="msg" data-testid="message">
            {message}
          </span>
        )}
      </footer>

      {panel === 'export' && <ExportPanel session={session} onClose={closePanel} flush={autosave.save} />}
      <ReopenDialog session={session} />
      {askUser && (
        <UserNameDialog
          initial={user}
          onCancel={() => setAskUser(false)}
          onSet={(name) => {
            setUser(name);
            setAskUser(false);
          }}
        />
      )}
      {files.panel.mode && (
        <FilePanel
          mode={files.panel.mode}
          typed={!canChooseFiles}
          documents={files.documents}
          recent={files.recent}
          templates={session.templates}
          suggested={`${ed.paper.name.replace(/[\\/:*?"<>|\s]+/g, '_')}-${ed.date}`}
          paper={ed.paper.name}
          busy={files.panel.busy}
          error={files.panel.error}
          onOpen={(p) => void files.openPath(p)}
          onNew={(f) => void files.newEdition(f)}
          onSaveAs={(p) => void files.saveAs(p)}
          onRepair={() => void files.repair()}
          onClose={files.panel.close}
        />
      )}
      {newsroom && (
        <NewsroomDialog
          session={session}
          mode={newsroom}
          onClose={() => setNewsroom(null)}
          onMessage={setMessage}
        />
      )}
      {palette && <Palette commands={commands} onClose={() => setPalette(false)} />}
    </div>
  );
}
