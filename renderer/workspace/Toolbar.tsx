// The window's toolbar, two lines of fixed height (a frame's X/Y/W/H never move the page): the
// edition, file commands, 插入 (import, new story, photo), undo, the palette, print commands and the
// save state; below, the page tools (selection, text, a frame's position, align), zoom, grid, preview. Every button runs a
// command of the table (renderer/commands), with its name and shortcut as the tooltip.
import { ConnectionBadge } from '../newsroom/NewsroomDialog';
import { useSyncExternalStore } from 'react';
import { commandSpec } from '../../electron/api';
import type { Template } from '../../engine/templates';
import { CommandButton, CommandMenu } from '../commands/CommandButton';
import { shortcutLabel } from '../commands/keys';
import { commandTitle, type Commands } from '../commands/useCommands';
import type { ScreenFonts } from '../fonts';
import { ObjectTools } from '../page/ObjectTools';
import { ImportDialog, type ImportControls } from '../panels/ImportDialog';
import type { EditionSession, SaveState } from '../state/session';
import { changeCount } from '../state/unsaved';
import type { Waiting } from './useAutosave';

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

export interface ToolbarProps {
  session: EditionSession;
  template: Template | undefined;
  commands: Commands;
  fonts: ScreenFonts;
  zoom: number;
  showGrid: boolean;
  onShowGrid(on: boolean): void;
  preview: boolean;
  onPreview(on: boolean): void;
  waiting: Waiting | null;
  onMessage(m: string): void;
  onImportControls(c: ImportControls): void;
}

export function Toolbar(p: ToolbarProps) {
  const { session, commands } = p;
  const ed = session.edition;
  const fallbacks = p.fonts.fallbacks;
  return (
    <header className="toolbar">
      <div className="toolbar-row">
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
          <CommandButton commands={commands} id="new" data-testid="file-new">
            新建
          </CommandButton>
          <CommandButton commands={commands} id="open" data-testid="file-open">
            打开
          </CommandButton>
          <CommandButton commands={commands} id="save-as" data-testid="file-save-as">
            另存为
          </CommandButton>
        </div>
        <ImportDialog session={session} onMessage={p.onMessage} controls={p.onImportControls}>
          {(busy) => (
            <CommandMenu
              commands={commands}
              label="插入"
              ids={['import-stories', 'new-article', 'place-photo']}
              disabled={busy}
            />
          )}
        </ImportDialog>
        <div className="group">
          <CommandButton commands={commands} id="undo" data-testid="undo" />
          <CommandButton commands={commands} id="redo" />
        </div>
        <div className="spacer" />
        <div className="group">
          <CommandButton commands={commands} id="palette" data-testid="palette-open" aria-label="命令面板">
            命令…
          </CommandButton>
          <CommandButton commands={commands} id="find" data-testid="find-open">
            查找替换
          </CommandButton>
          <CommandButton commands={commands} id="terms" data-testid="terms-open" />
          <CommandButton commands={commands} id="preflight" />
          <CommandButton commands={commands} id="export" data-testid="export">
            导出 PDF
          </CommandButton>
          <CommandButton commands={commands} id="proof" data-testid="proof-open">
            校对
          </CommandButton>
          <CommandButton
            commands={commands}
            id="fonts"
            data-testid="fonts-open"
            className={fallbacks.length ? 'has-warning' : undefined}
            title={fallbacks.length ? fallbacks.map((f) => f.message).join('\n') : undefined}
          >
            字体{fallbacks.length ? ' ⚠' : ''}
          </CommandButton>
          <SaveStatus session={session} commands={commands} waiting={p.waiting} />
          <ConnectionBadge session={session} />
        </div>
      </div>
      <div className="toolbar-row page-tools">
        <ObjectTools session={session} template={p.template} />
        <div className="spacer" />
        <div className="group">
          <CommandButton commands={commands} id="zoom-out" aria-label="缩小">
            −
          </CommandButton>
          <span className="zoom" data-testid="zoom">
            {Math.round(p.zoom * 100)}%
          </span>
          <CommandButton commands={commands} id="zoom-in" aria-label="放大">
            ＋
          </CommandButton>
          <CommandButton commands={commands} id="zoom-fit">
            适合
          </CommandButton>
          <CommandButton commands={commands} id="zoom-actual">
            100%
          </CommandButton>
        </div>
        <div className="group">
          <label className="check" title={commandTitle(commandSpec('toggle-grid'))}>
            <input type="checkbox" checked={p.showGrid} onChange={(e) => p.onShowGrid(e.target.checked)} />
            网格
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={p.preview}
              onChange={(e) => p.onPreview(e.target.checked)}
              data-testid="preview"
            />
            印刷预览
          </label>
        </div>
      </div>
    </header>
  );
}

/**
 * The save state (已保存 / 未保存 / 正在保存…): it follows every change at once, typed text included,
 * while the rest of the toolbar follows typing after the frame (useSettledSession).
 */
function SaveStatus({
  session,
  commands,
  waiting,
}: {
  session: EditionSession;
  commands: Commands;
  waiting: Waiting | null;
}) {
  useSyncExternalStore(session.subscribe, session.getVersion);
  return (
    <CommandButton
      commands={commands}
      id="save"
      className={`save-state save-${session.path ? session.save.kind : 'nofile'}`}
      data-testid="save-state"
      title={
        session.save.kind === 'failed'
          ? session.save.message
          : session.readOnly
            ? `${session.label ?? session.path} 是只读的（只读介质、只读文件夹或没有写权限）：可阅读、导出和印前检查，修改请另存为到可写的位置`
            : session.path
              ? `自动保存到 ${session.label ?? session.path}；${shortcutLabel(commandSpec('save').shortcut!)} 立即保存`
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
    </CommandButton>
  );
}
