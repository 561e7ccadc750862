// 缩放 of a photo frame in the inspector: the scale the image is shown at, in per cent (of its pixels at
// 72 ppi), typed and applied on Enter or when the field is left; 完整 / 裁满 give the image back to the
// frame. Each change is one undoable step.
import { useState } from 'react';
import type { PhotoFrame } from '../../engine/model/types';
import type { EditionSession } from '../state/session';
import { shownImage, shownScale, withFit, withScale } from '../page/photo-scale';
import { rectToPoints, type GridMetrics } from '../state/placing';

export function PhotoScaleField({
  session,
  page,
  article,
  grid,
  frame,
  index,
  onChange,
}: {
  session: EditionSession;
  page: number;
  article: string;
  grid: GridMetrics;
  frame: PhotoFrame;
  index: number;
  onChange(label: string, next: PhotoFrame): void;
}) {
  const img = shownImage(session.pages.get(page), article, rectToPoints(grid, frame.area));
  const shown = img ? String(shownScale(img)) : '';
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!img) return null;
  const commit = () => {
    if (draft === null) return;
    const v = Number(draft.replace(/[%％\s]/g, ''));
    setDraft(null);
    if (!Number.isFinite(v) || v <= 0) return setError('请输入大于 0 的百分数');
    setError(null);
    if (String(v) !== shown) onChange('缩放图片', withScale(frame, v));
  };
  return (
    <span className="photo-scale">
      <label className="field">
        <span>缩放</span>
        <input
          aria-label={`图框 ${index + 1} 缩放（%）`}
          data-testid={`photo-scale-${index}`}
          size={5}
          value={draft ?? shown}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setDraft(null);
          }}
          onBlur={commit}
        />
        <small>%</small>
      </label>
      <button
        className="small"
        aria-label={`图框 ${index + 1} 完整显示`}
        onClick={() => onChange('图片完整', withFit(frame, 'fit'))}
      >
        完整
      </button>
      <button
        className="small"
        aria-label={`图框 ${index + 1} 裁满`}
        onClick={() => onChange('图片裁满', withFit(frame, 'fill'))}
      >
        裁满
      </button>
      {error && (
        <span className="error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
