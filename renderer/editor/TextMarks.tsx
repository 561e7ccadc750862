// Type for selected text: 字号, 字体 (a role of the template) and 字距 of the words selected in the
// article editor, as marks on their Slate text (TextLeaf.size, role, tracking) like 加粗; layout sets
// them in the paragraph's lines (a line holding larger type takes the rows it needs). Each change is
// an editor operation, so it undoes and autosaves like typing.
import { Editor, Range } from 'slate';
import type { Template } from '../../engine/templates';
import { HAO_SIZES } from '../../engine/units';

type Mark = 'size' | 'role' | 'tracking';

function setMark(editor: Editor, mark: Mark, value: number | string | undefined): void {
  if (!editor.selection || Range.isCollapsed(editor.selection)) return;
  if (value === undefined) Editor.removeMark(editor, mark);
  else Editor.addMark(editor, mark, value);
}

export function TextMarks({ editor, template }: { editor: Editor | null; template?: Template | null }) {
  const marks = (editor?.selection && Editor.marks(editor)) as Record<string, unknown> | null;
  const size = typeof marks?.size === 'number' ? String(marks.size) : '';
  const role = typeof marks?.role === 'string' ? marks.role : '';
  const tracking = typeof marks?.tracking === 'number' ? String(Math.round(marks.tracking * 1000) / 10) : '';
  const none = !editor?.selection || Range.isCollapsed(editor.selection);
  const title = none ? '先在稿件中选中文字' : undefined;
  return (
    <span className="text-marks" role="group" aria-label="选中文字">
      <select
        aria-label="选中文字字号"
        title={title}
        disabled={!editor}
        value={size}
        onChange={(e) =>
          editor && setMark(editor, 'size', e.target.value ? Number(e.target.value) : undefined)
        }
      >
        <option value="">字号</option>
        {Object.entries(HAO_SIZES).map(([name, pt]) => (
          <option key={name} value={String(pt)}>
            {name}（{pt} pt）
          </option>
        ))}
      </select>
      <select
        aria-label="选中文字字体"
        title={title}
        disabled={!editor}
        value={role}
        onChange={(e) => editor && setMark(editor, 'role', e.target.value || undefined)}
      >
        <option value="">字体</option>
        {Object.keys(template?.roles ?? {}).map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <select
        aria-label="选中文字字距"
        title={title}
        disabled={!editor}
        value={tracking}
        onChange={(e) =>
          editor && setMark(editor, 'tracking', e.target.value ? Number(e.target.value) / 100 : undefined)
        }
      >
        <option value="">字距</option>
        {Array.from({ length: 21 }, (_, i) => i - 10).map((n) => (
          <option key={n} value={String(n)}>
            {n > 0 ? '+' : ''}
            {n}%
          </option>
        ))}
      </select>
    </span>
  );
}
