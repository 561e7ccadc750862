// What each command of the table (electron/api/commands.ts) does in the window, and when it cannot
// run (`disabled` answers the reason, in Chinese, or null). The toolbar, the keys, the desktop menu
// and the command palette all run commands through `runCommand`.
import type { Editor } from 'slate';
import type { CommandId } from '../../electron/api';
import { toggleMark } from '../editor/ArticleEditor';
import { objectSelection } from '../page/selection';
import type { FileMode } from '../panels/FilePanel';
import type { ImportControls } from '../panels/ImportDialog';
import { linkOf } from '../newsroom/link';
import { addPage, deletePage, duplicatePage } from '../state/pages';
import type { EditionSession } from '../state/session';
import { addedPage, confirmDeletePage, continueStory, pageStep } from './steps';

export type Panel = 'export' | 'preflight' | 'proof' | 'fonts' | 'find' | 'terms' | 'history' | 'styles';

/** What a command may act on: the session and the window around it. */
export interface CommandContext {
  session: EditionSession;
  editor: Editor | null;
  files: {
    /** The system dialog in the desktop app, the file panel in a browser. */
    command(mode: 'open' | 'save-as'): void;
    show(mode: FileMode): void;
    openSample(name?: 'news' | 'fukan'): void;
    save(): void;
  };
  importer(): ImportControls | null;
  setPanel(p: Panel | null): void;
  zoomBy(factor: number): void;
  setZoom(z: number): void;
  fitZoom(): void;
  toggleGrid(): void;
  togglePreview(): void;
  /** Which of the table's check-box commands (`toggle`) are on now. */
  toggled: Partial<Record<CommandId, boolean>>;
  askComment(): void;
  /** 连接编辑部 / 发布到编辑部 (renderer/newsroom/NewsroomDialog.tsx). */
  newsroom(mode: 'connect' | 'publish'): void;
  /** 署名: the editor's name, asked again (panels/Workflow.tsx UserNameDialog). */
  askUserName(): void;
  openPalette(): void;
  message(m: string): void;
}

export interface CommandAction {
  run(ctx: CommandContext): void;
  disabled?(ctx: CommandContext): string | null;
}

const currentPage = ({ session }: CommandContext) =>
  session.edition.pages.find((p) => p.number === session.currentPage);

const needsArticle = ({ session }: CommandContext) => (session.currentArticle ? null : '先打开一篇稿件');
const needsText = (ctx: CommandContext) =>
  needsArticle(ctx) ?? (ctx.editor ? null : '先在右侧的稿件中选中文字');

/** The page after the current one (转版's usual target), and why there is none. */
function nextPage(ctx: CommandContext): { from: number; to: number; article: string } | string {
  const { session } = ctx;
  const article = session.currentArticle;
  if (!article) return '先打开一篇稿件';
  if (!session.pagesOf(article).includes(session.currentPage)) return '当前稿件不在本版上';
  const to = session.edition.pages.find((p) => p.number > session.currentPage);
  if (!to) return '本版之后没有版面';
  return { from: session.currentPage, to: to.number, article };
}

const pageEdit = (ctx: CommandContext, why: string | null) => {
  if (why) ctx.message(why);
};

export const ACTIONS: Record<CommandId, CommandAction> = {
  new: { run: (c) => c.files.show('new') },
  open: { run: (c) => c.files.command('open') },
  'open-recent': { run: (c) => c.files.show('open') },
  'open-sample': { run: (c) => c.files.openSample() },
  'newsroom-connect': { run: (c) => c.newsroom('connect') },
  'newsroom-publish': {
    run: (c) => c.newsroom('publish'),
    disabled: (c) => (linkOf(c.session) ? '当前期次已在编辑部' : null),
  },
  'open-sample-fukan': { run: (c) => c.files.openSample('fukan') },
  save: { run: (c) => c.files.save() },
  'save-as': { run: (c) => c.files.command('save-as') },
  export: { run: (c) => c.setPanel('export') },
  preflight: { run: (c) => c.setPanel('preflight') },
  proof: { run: (c) => c.setPanel('proof') },
  undo: {
    run: (c) => c.session.undo(),
    disabled: (c) => (c.session.history.canUndo ? null : '没有可撤销的操作'),
  },
  redo: {
    run: (c) => c.session.redo(),
    disabled: (c) => (c.session.history.canRedo ? null : '没有可重做的操作'),
  },
  comment: { run: (c) => c.askComment(), disabled: needsArticle },
  'user-name': { run: (c) => c.askUserName() },
  bold: { run: (c) => c.editor && toggleMark(c.editor, 'bold'), disabled: needsText },
  emphasis: { run: (c) => c.editor && toggleMark(c.editor, 'emphasis'), disabled: needsText },
  'import-stories': { run: (c) => c.importer()?.chooseStories() },
  'new-article': { run: (c) => c.importer()?.newArticle() },
  'place-photo': { run: (c) => c.importer()?.choosePhoto() },
  'tool-select': { run: (c) => objectSelection(c.session).setTool('select') },
  'tool-text': { run: (c) => objectSelection(c.session).setTool('text') },
  'page-add': {
    run: (c) => {
      const pages = c.session.edition.pages;
      const cur = currentPage(c);
      const template = cur?.template ?? Object.keys(c.session.templates)[0];
      pageEdit(c, pageStep(c.session, '添加版面', addPage(pages, template, cur?.number), addedPage(pages)));
    },
  },
  'page-duplicate': {
    run: (c) => {
      const pages = c.session.edition.pages;
      const cur = currentPage(c);
      if (cur)
        pageEdit(c, pageStep(c.session, '复制版面', duplicatePage(pages, cur.number), addedPage(pages)));
    },
    disabled: (c) => (currentPage(c) ? null : '没有当前版面'),
  },
  'page-delete': {
    run: (c) => {
      const cur = currentPage(c);
      if (cur && confirmDeletePage(cur))
        pageEdit(c, pageStep(c.session, '删除版面', deletePage(c.session.edition.pages, cur.number)));
    },
    disabled: (c) => (c.session.edition.pages.length < 2 ? '期次至少要有一个版面' : null),
  },
  continue: {
    run: (c) => {
      const n = nextPage(c);
      if (typeof n === 'string') c.message(`转版未执行：${n}`);
      else continueStory(c.session, n.from, n.to, n.article);
    },
    disabled: (c) => {
      const n = nextPage(c);
      return typeof n === 'string' ? n : null;
    },
  },
  fonts: { run: (c) => c.setPanel('fonts') },
  styles: { run: (c) => c.setPanel('styles') },
  find: { run: (c) => c.setPanel('find') },
  terms: { run: (c) => c.setPanel('terms') },
  history: { run: (c) => c.setPanel('history'), disabled: needsArticle },
  'zoom-in': { run: (c) => c.zoomBy(1.25) },
  'zoom-out': { run: (c) => c.zoomBy(1 / 1.25) },
  'zoom-fit': { run: (c) => c.fitZoom() },
  'zoom-actual': { run: (c) => c.setZoom(1) },
  'toggle-grid': { run: (c) => c.toggleGrid() },
  'toggle-preview': { run: (c) => c.togglePreview() },
  palette: { run: (c) => c.openPalette() },
};

/** Why the command cannot run now, or null. */
export const whyDisabled = (id: CommandId, ctx: CommandContext): string | null =>
  ACTIONS[id].disabled?.(ctx) ?? null;

/** Runs a command unless it cannot run now (then the status line says why). */
export function runCommand(id: CommandId, ctx: CommandContext): void {
  const why = whyDisabled(id, ctx);
  if (why) ctx.message(why);
  else ACTIONS[id].run(ctx);
}

/** What the desktop menu shows: the check boxes that are on, and the commands that cannot run now. */
export function menuState(ctx: CommandContext): { checked: CommandId[]; disabled: CommandId[] } {
  const ids = Object.keys(ACTIONS) as CommandId[];
  return {
    checked: ids.filter((id) => ctx.toggled[id]),
    disabled: ids.filter((id) => whyDisabled(id, ctx) !== null),
  };
}
