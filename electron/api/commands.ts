// The one table of commands: what each is called (Chinese, English), its shortcut and where it sits in
// the desktop menu. The main process builds the menu from it (electron/main/menu.ts); the renderer's
// keymap, toolbar buttons and command palette read it too, and renderer/commands/actions.ts says what
// each command does and when it can run. To add a command: an entry here, then its action there.

/** The desktop menus, in order. */
export const MENUS = {
  file: { zh: '文件', en: 'File' },
  edit: { zh: '编辑', en: 'Edit' },
  insert: { zh: '插入', en: 'Insert' },
  layout: { zh: '版面', en: 'Layout' },
  view: { zh: '视图', en: 'View' },
} as const;
export type MenuId = keyof typeof MENUS;

/**
 * Where a shortcut works in the window: `anywhere` (the text being typed included), `outside-text`
 * (not while typing in the article editor or a field), `text` (the article editor's own key: the
 * keymap leaves it to the editor, and the desktop menu shows it without taking it).
 */
export type KeyScope = 'anywhere' | 'outside-text' | 'text';

export interface CommandSpec {
  readonly id: string;
  readonly zh: string;
  readonly en: string;
  /** A longer Chinese description for tooltips and the palette. */
  readonly hint?: string;
  /** Electron accelerator syntax (`CmdOrCtrl+Shift+S`, `V`); CmdOrCtrl is Cmd on macOS. */
  readonly shortcut?: string;
  /** The macOS menu's shortcut where it differs. */
  readonly macShortcut?: string;
  /** Further keys the window answers to (not shown in the menu). */
  readonly alsoKeys?: readonly string[];
  /** Default `outside-text`. */
  readonly scope?: KeyScope;
  /** Menu and separator group (items of one group sit together; groups are split by separators). */
  readonly menu?: { readonly in: MenuId; readonly group: number };
  /** A view that is on or off: the desktop menu shows it as a check box that follows the window. */
  readonly toggle?: boolean;
}

export const COMMANDS = [
  // 文件
  { id: 'new', zh: '新建期次…', en: 'New Edition…', shortcut: 'CmdOrCtrl+N', menu: { in: 'file', group: 1 } },
  {
    id: 'open',
    zh: '打开期次…',
    en: 'Open Edition…',
    shortcut: 'CmdOrCtrl+O',
    menu: { in: 'file', group: 1 },
  },
  { id: 'open-recent', zh: '最近的期次…', en: 'Open Recent…', menu: { in: 'file', group: 1 } },
  { id: 'open-sample', zh: '打开示例期次', en: 'Open Sample Edition', menu: { in: 'file', group: 1 } },
  {
    id: 'open-sample-fukan',
    zh: '打开副刊示例',
    en: 'Open Literary Page Sample',
    hint: '副刊示例：竖排稿件',
    menu: { in: 'file', group: 1 },
  },
  {
    id: 'save',
    zh: '保存',
    en: 'Save',
    shortcut: 'CmdOrCtrl+S',
    scope: 'anywhere',
    menu: { in: 'file', group: 2 },
  },
  {
    id: 'save-as',
    zh: '另存为…',
    en: 'Save As…',
    shortcut: 'CmdOrCtrl+Shift+S',
    menu: { in: 'file', group: 2 },
  },
  {
    id: 'export',
    zh: '导出 PDF…',
    en: 'Export PDF…',
    shortcut: 'CmdOrCtrl+E',
    menu: { in: 'file', group: 3 },
  },
  {
    id: 'preflight',
    zh: '印前检查',
    en: 'Preflight',
    shortcut: 'CmdOrCtrl+Shift+E',
    menu: { in: 'file', group: 3 },
  },
  {
    id: 'proof',
    zh: '导入校样…',
    en: 'Import Proof…',
    hint: '校对：读入批注过的校样 PDF',
    menu: { in: 'file', group: 3 },
  },
  {
    id: 'newsroom-connect',
    zh: '连接编辑部…',
    en: 'Connect to Newsroom…',
    hint: '登录编辑部服务器，打开大家一起编辑的期次',
    menu: { in: 'file', group: 4 },
  },
  {
    id: 'newsroom-publish',
    zh: '发布到编辑部…',
    en: 'Publish to Newsroom…',
    hint: '把当前的单机期次发布到编辑部服务器',
    menu: { in: 'file', group: 4 },
  },
  // 编辑
  {
    id: 'user-name',
    zh: '署名…',
    en: 'Your Name…',
    hint: '批注、修改记录和稿件状态变更所用的署名',
    menu: { in: 'file', group: 4 },
  },
  { id: 'undo', zh: '撤销', en: 'Undo', shortcut: 'CmdOrCtrl+Z', menu: { in: 'edit', group: 1 } },
  {
    id: 'redo',
    zh: '重做',
    en: 'Redo',
    shortcut: 'CmdOrCtrl+Y',
    macShortcut: 'Cmd+Shift+Z',
    alsoKeys: ['CmdOrCtrl+Shift+Z'],
    menu: { in: 'edit', group: 1 },
  },
  {
    id: 'comment',
    zh: '批注',
    en: 'Comment',
    hint: '给选中的文字加批注',
    shortcut: 'CmdOrCtrl+Alt+M',
    scope: 'anywhere',
    menu: { in: 'edit', group: 3 },
  },
  {
    id: 'bold',
    zh: '加粗',
    en: 'Bold',
    shortcut: 'CmdOrCtrl+B',
    scope: 'text',
    menu: { in: 'edit', group: 3 },
  },
  {
    id: 'emphasis',
    zh: '强调',
    en: 'Emphasis',
    shortcut: 'CmdOrCtrl+I',
    scope: 'text',
    menu: { in: 'edit', group: 3 },
  },
  {
    id: 'find',
    zh: '查找替换…',
    en: 'Find and Replace…',
    hint: '在稿件、本版或整期中查找替换',
    shortcut: 'CmdOrCtrl+F',
    alsoKeys: ['CmdOrCtrl+H'],
    menu: { in: 'edit', group: 4 },
  },
  {
    id: 'terms',
    zh: '文字检查',
    en: 'Check Terms',
    hint: '错别字与敏感词',
    menu: { in: 'edit', group: 4 },
  },
  {
    id: 'history',
    zh: '历史版本',
    en: 'Revision History',
    hint: '当前稿件的历史版本：比较与恢复',
    menu: { in: 'edit', group: 4 },
  },
  // 插入
  {
    id: 'import-stories',
    zh: '导入稿件…',
    en: 'Import Stories…',
    hint: '导入 .docx、.txt、.md 稿件（也可把文件拖到稿件列表或版面上）',
    shortcut: 'CmdOrCtrl+D',
    scope: 'anywhere',
    menu: { in: 'insert', group: 1 },
  },
  {
    id: 'new-article',
    zh: '新建稿件',
    en: 'New Story',
    hint: '新建一篇空稿件',
    menu: { in: 'insert', group: 1 },
  },
  {
    id: 'place-photo',
    zh: '置入图片…',
    en: 'Place Photo…',
    hint: '把 JPEG、PNG 图片置入当前稿件（也可把图片拖到版面上）',
    menu: { in: 'insert', group: 1 },
  },
  // 版面
  {
    id: 'tool-select',
    zh: '选择工具',
    en: 'Selection Tool',
    hint: '选择工具：选择、移动版面上的稿件、图框和广告位（Esc 回到此工具）',
    shortcut: 'V',
    menu: { in: 'layout', group: 1 },
  },
  {
    id: 'tool-text',
    zh: '文字工具',
    en: 'Text Tool',
    hint: '文字工具：点版面放置光标',
    shortcut: 'T',
    menu: { in: 'layout', group: 1 },
  },
  {
    id: 'page-add',
    zh: '添加版面',
    en: 'Add Page',
    hint: '在当前版面之后添加一个空版面（与当前版面同一模板）',
    menu: { in: 'layout', group: 2 },
  },
  {
    id: 'page-duplicate',
    zh: '复制版面',
    en: 'Duplicate Page',
    hint: '复制当前版面的版式（模板、版名、广告位），不含稿件',
    menu: { in: 'layout', group: 2 },
  },
  {
    id: 'page-delete',
    zh: '删除版面',
    en: 'Delete Page',
    hint: '删除当前版面；版上的稿件回到稿件列表',
    menu: { in: 'layout', group: 2 },
  },
  {
    id: 'continue',
    zh: '转版到下一版',
    en: 'Continue on Next Page',
    hint: '当前稿件转到下一版的空白处（另选版面用右侧的“转至”）',
    menu: { in: 'layout', group: 3 },
  },
  {
    id: 'fonts',
    zh: '字体…',
    en: 'Fonts…',
    hint: '字体角色与本机字体',
    menu: { in: 'layout', group: 4 },
  },
  {
    id: 'styles',
    zh: '样式…',
    en: 'Styles…',
    hint: '本期的段落样式：字号、字体、行距、字距、对齐（用此样式的稿件随之改变）',
    menu: { in: 'layout', group: 4 },
  },
  // 视图
  { id: 'zoom-in', zh: '放大', en: 'Zoom In', shortcut: 'CmdOrCtrl+=', menu: { in: 'view', group: 1 } },
  { id: 'zoom-out', zh: '缩小', en: 'Zoom Out', shortcut: 'CmdOrCtrl+-', menu: { in: 'view', group: 1 } },
  { id: 'zoom-fit', zh: '适合窗口', en: 'Fit Page', shortcut: 'CmdOrCtrl+0', menu: { in: 'view', group: 1 } },
  {
    id: 'zoom-actual',
    zh: '实际大小',
    en: 'Actual Size',
    shortcut: 'CmdOrCtrl+1',
    menu: { in: 'view', group: 1 },
  },
  {
    id: 'toggle-grid',
    zh: '显示网格',
    en: 'Show Grid',
    shortcut: "CmdOrCtrl+'",
    menu: { in: 'view', group: 2 },
    toggle: true,
  },
  {
    id: 'toggle-preview',
    zh: '印刷预览',
    en: 'Print Preview',
    hint: '按印刷效果显示：不显示网格、参考线和屏幕标记',
    menu: { in: 'view', group: 2 },
    toggle: true,
  },
  {
    id: 'palette',
    zh: '命令面板…',
    en: 'Command Palette…',
    hint: '按名称查找并执行命令',
    shortcut: 'CmdOrCtrl+K',
    alsoKeys: ['CmdOrCtrl+Shift+P'],
    scope: 'anywhere',
    menu: { in: 'view', group: 3 },
  },
] as const satisfies readonly CommandSpec[];

export type CommandId = (typeof COMMANDS)[number]['id'];
export const COMMAND_IDS = COMMANDS.map((c) => c.id) as unknown as readonly [CommandId, ...CommandId[]];

const BY_ID = new Map<string, CommandSpec>(COMMANDS.map((c) => [c.id, c]));
export const commandSpec = (id: CommandId): CommandSpec => BY_ID.get(id)!;

/** Menu items that are the system's own (cut, copy, quit …), with the group they join in their menu. */
export const MENU_ROLES: readonly {
  in: MenuId;
  group: number;
  role: 'cut' | 'copy' | 'paste' | 'selectAll' | 'togglefullscreen';
  zh: string;
  en: string;
}[] = [
  { in: 'edit', group: 2, role: 'cut', zh: '剪切', en: 'Cut' },
  { in: 'edit', group: 2, role: 'copy', zh: '复制', en: 'Copy' },
  { in: 'edit', group: 2, role: 'paste', zh: '粘贴', en: 'Paste' },
  { in: 'edit', group: 2, role: 'selectAll', zh: '全选', en: 'Select All' },
  { in: 'view', group: 4, role: 'togglefullscreen', zh: '全屏', en: 'Full Screen' },
];
