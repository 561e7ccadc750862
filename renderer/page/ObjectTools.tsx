// The tools bar of the page: 选择工具 / 文字工具 (V / T as in InDesign, commands of the table; Esc back
// to the selection tool), and for the selected frames their X/Y/W/H on the grid (栏/行) or in mm, align and distribute.
// The keys act only outside the text: typing in the article editor or a field never reaches them.
import { useEffect, useState, useSyncExternalStore, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { commandSpec } from '../../electron/api';
import type { GridRect, Page } from '../../engine/model/types';
import { commandTitle } from '../commands/useCommands';
import type { Template } from '../../engine/templates';
import type { EditionSession } from '../state/session';
import { useSettledSession } from '../state/use-session';
import {
  alignFrames,
  commitPage,
  deleteFrames,
  frameBounds,
  liveFrames,
  moveFrames,
  objectSelection,
  setFrameBounds,
  type Alignment,
  type FrameRef,
} from './selection';
import { gridOf } from './PageView';
import { nudgeFrames } from './nudge';
import { rectToPoints, type GridMetrics } from '../state/placing';

const MM = 25.4 / 72;

/** Whether a key press belongs to text being typed (the article editor, a field, an input method). */
function typing(e: KeyboardEvent): boolean {
  if (e.isComposing) return true;
  const t = e.target as HTMLElement | null;
  if (!t || !t.closest) return false;
  return (
    !!t.closest('[data-slate-editor], [contenteditable="true"]') ||
    /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName)
  );
}

const frameName = (f: FrameRef) => (f.kind === 'ad' ? '广告位' : f.kind === 'photo' ? '图框' : '稿件');

export function ObjectTools({
  session,
  template,
}: {
  session: EditionSession;
  template: Template | undefined;
}) {
  const sel = objectSelection(session);
  useSyncExternalStore(sel.subscribe, sel.getVersion);
  useSettledSession(session);
  const page = session.edition.pages.find((p) => p.number === session.currentPage);
  const frames = liveFrames(page, sel.frames);
  const grid = template ? gridOf(template) : null;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e) || e.ctrlKey || e.metaKey || e.altKey) return;
      const k = e.key;
      if (k === 'Escape') {
        e.preventDefault();
        if (sel.tool === 'select') sel.select([]);
        else sel.setTool('select');
        return;
      }
      if (sel.tool !== 'select') return;
      const pg = session.edition.pages.find((p) => p.number === session.currentPage);
      const live = liveFrames(pg, sel.frames);
      if (!pg || !live.length || !template) return;
      if (k === 'Delete' || k === 'Backspace') {
        e.preventDefault();
        const label = live.every((f) => f.kind === 'story') ? '从版面撤下稿件' : '删除对象';
        const next = deleteFrames(session.edition.pages, pg.number, live);
        if (session.changePages(label, next)) sel.select([]);
        return;
      }
      const step = e.shiftKey ? 5 : 1;
      const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[
        k
      ];
      if (!d) return;
      e.preventDefault();
      if (d[0]) {
        // Sideways by whole 字 (the mouse still snaps to columns).
        const r = nudgeFrames(template, pg, live, d[0], (id) => session.article(id)?.slug ?? id);
        if (r && 'refused' in r) session.refuse('移动对象', r.refused);
        else if (r) commitPage(session, '移动对象', r.page);
        return;
      }
      const next = moveFrames(gridOf(template), pg, live, d[0], d[1]);
      if (next) commitPage(session, '移动对象', next);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session, sel, template]);

  const align = (how: Alignment) => {
    if (!page || !grid) return;
    const next = alignFrames(grid, page, frames, how);
    if (next) commitPage(session, how.startsWith('distribute') ? '分布对象' : '对齐对象', next);
  };

  return (
    <div className="group object-tools" role="toolbar" aria-label="工具">
      <button
        aria-label="选择工具"
        title={commandTitle(commandSpec('tool-select'))}
        aria-pressed={sel.tool === 'select'}
        className={sel.tool === 'select' ? 'on' : ''}
        onClick={() => sel.setTool('select')}
        data-testid="tool-select"
      >
        选择
      </button>
      <button
        aria-label="文字工具"
        title={commandTitle(commandSpec('tool-text'))}
        aria-pressed={sel.tool === 'text'}
        className={sel.tool === 'text' ? 'on' : ''}
        onClick={() => sel.setTool('text')}
        data-testid="tool-text"
      >
        文字
      </button>
      {sel.tool === 'select' && page && grid && frames.length === 1 && (
        <FrameFields session={session} page={page} grid={grid} frame={frames[0]} />
      )}
      {sel.tool === 'select' && frames.length > 1 && (
        <span className="align" data-testid="align-tools">
          <span className="muted">{frames.length} 个对象</span>
          <button aria-label="左对齐" title="左对齐（以先选的对象为准）" onClick={() => align('left')}>
            ⇤
          </button>
          <button aria-label="右对齐" title="右对齐" onClick={() => align('right')}>
            ⇥
          </button>
          <button aria-label="顶对齐" title="顶对齐" onClick={() => align('top')}>
            ⤒
          </button>
          <button aria-label="底对齐" title="底对齐" onClick={() => align('bottom')}>
            ⤓
          </button>
          <button
            aria-label="水平分布"
            title="水平分布（三个以上）"
            disabled={frames.length < 3}
            onClick={() => align('distribute-h')}
          >
            ↔
          </button>
          <button
            aria-label="垂直分布"
            title="垂直分布（三个以上）"
            disabled={frames.length < 3}
            onClick={() => align('distribute-v')}
          >
            ↕
          </button>
        </span>
      )}
    </div>
  );
}

type Unit = 'grid' | 'mm';

/** X/Y/W/H of one frame, committed on Enter or when a field is left; checked before anything changes. */
function FrameFields({
  session,
  page,
  grid,
  frame,
}: {
  session: EditionSession;
  page: Page;
  grid: GridMetrics;
  frame: FrameRef;
}) {
  const [unit, setUnit] = useState<Unit>('grid');
  const [error, setError] = useState<string | null>(null);
  const b = frameBounds(page, frame);
  const shown = b ? fieldsOf(grid, b, unit) : null;
  const key = `${JSON.stringify(b)}|${unit}`;
  const [draft, setDraft] = useState(shown);
  const [draftKey, setDraftKey] = useState(key);
  if (draftKey !== key) {
    setDraftKey(key);
    setDraft(shown);
  }
  if (!b || !shown || !draft) return null;

  const commit = () => {
    const values = draft.map((v) => Number(String(v).trim()));
    if (values.some((v) => !Number.isFinite(v))) {
      setError('请输入数字');
      return;
    }
    const to =
      unit === 'grid'
        ? { col: values[0] - 1, line: values[1] - 1, cols: values[2], lines: values[3] }
        : fromMm(grid, values);
    if (unit === 'grid' && !values.every(Number.isInteger)) {
      setError('栏和行须是整数');
      return;
    }
    if (to.cols < 1 || to.lines < 1) {
      setError('宽和高至少 1 栏、1 行');
      return;
    }
    if (to.col === b.col && to.line === b.line && to.cols === b.cols && to.lines === b.lines) {
      setError(null);
      setDraft(shown);
      return;
    }
    const r = setFrameBounds(grid, page, frame, to);
    if ('refused' in r) {
      setError(r.refused);
      return;
    }
    setError(null);
    if (!commitPage(session, `设置${frameName(frame)}位置`, r.page)) setError(session.refusal ?? '未执行');
  };
  const onKey = (e: ReactKeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      setDraft(shown);
      setError(null);
      (e.target as HTMLElement).blur();
    }
  };
  const names = ['X', 'Y', 'W', 'H'];
  // A frame nudged off its columns says by how many 字 beside its column.
  const off = b.shift ? `${b.shift > 0 ? '+' : '−'}${Math.abs(b.shift)}字` : '';
  const units = unit === 'grid' ? ['栏', '行', '栏', '行'] : ['mm', 'mm', 'mm', 'mm'];
  return (
    <span className="frame-fields" data-testid="frame-fields">
      <span className="muted">{frameName(frame)}</span>
      {names.map((n, i) => (
        <label key={n} className="field">
          {n}
          <input
            aria-label={`${n}（${units[i]}）`}
            value={draft[i]}
            size={4}
            onChange={(e) => setDraft(draft.map((v, j) => (j === i ? e.target.value : v)))}
            onKeyDown={onKey}
            onBlur={commit}
          />
          <small>{i === 0 && unit === 'grid' ? units[i] + off : units[i]}</small>
        </label>
      ))}
      <select aria-label="单位" value={unit} onChange={(e) => setUnit(e.target.value as Unit)}>
        <option value="grid">栏/行</option>
        <option value="mm">毫米</option>
      </select>
      {error && (
        <span className="error" role="alert" data-testid="frame-error">
          {error}
        </span>
      )}
    </span>
  );
}

function fieldsOf(g: GridMetrics, r: GridRect, unit: Unit): string[] {
  if (unit === 'grid') return [r.col + 1, r.line + 1, r.cols, r.lines].map(String);
  const p = rectToPoints(g, r);
  return [p.x, p.y, p.w, p.h].map((v) => (v * MM).toFixed(1));
}

/** Millimetres from the trim's top-left to the nearest whole columns and lines of the grid. */
function fromMm(g: GridMetrics, [x, y, w, h]: number[]): GridRect {
  const step = g.columnWidth + g.gutter;
  const col = Math.round((x / MM - g.x) / step);
  const line = Math.round((y / MM - g.y) / g.pitch);
  return {
    col,
    line,
    cols: Math.max(1, Math.round((w / MM + g.gutter) / step)),
    lines: Math.max(1, Math.round(h / MM / g.pitch)),
  };
}
