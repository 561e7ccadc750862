// 转版 by dragging: the overset mark of a story's last part (超 N 字) is a handle on the page view; dropped
// on another page's thumbnail it continues the story there, in the largest free space (the inspector's
// 转版 does the same), and layout sets （下转第N版）/（上接第M版）. Refusals say why.
import type { DragEvent } from 'react';
import type { DisplayPage, OversetMark } from '../../engine/display/types';
import type { EditionSession } from '../state/session';
import { continueStory } from '../commands/steps';

export const OVERSET_MIME = 'application/x-banmian-overset';

/** Whether a drag carries an overset mark (its data is readable only on drop). */
export const carriesOverset = (e: DragEvent) => e.dataTransfer.types.includes(OVERSET_MIME);

/**
 * A drop of an overset mark on page `to`: the story goes on there. False when the drag was not an
 * overset mark (the caller handles it); a drop on the mark's own page does nothing.
 */
export function dropOverset(e: DragEvent, session: EditionSession, to: number): boolean {
  if (!carriesOverset(e)) return false;
  e.preventDefault();
  let data: { article?: unknown; page?: unknown };
  try {
    data = JSON.parse(e.dataTransfer.getData(OVERSET_MIME));
  } catch {
    return true;
  }
  if (typeof data.article !== 'string' || typeof data.page !== 'number' || data.page === to) return true;
  if (continueStory(session, data.page, to, data.article)) session.goToPage(to);
  return true;
}

/** The overset marks of a page view, as draggable handles over the painted marks. */
export function OversetHandles({
  page,
  zoom,
  pasteboard,
}: {
  page: DisplayPage | undefined;
  zoom: number;
  pasteboard: number;
}) {
  if (!page) return null;
  const marks = page.items.filter((it): it is OversetMark => it.kind === 'overset');
  const size = 7; // the painted mark's side, in points
  return (
    <>
      {marks.map((m) => (
        <div
          key={m.article}
          className="overset-handle"
          draggable
          role="button"
          aria-label={`超 ${m.chars} 字：拖到另一版的缩略图上转版`}
          title={`超 ${m.chars} 字：拖到另一版的缩略图上转版（下转/上接自动排）`}
          data-testid={`overset-${m.article}`}
          style={{
            left: (m.x - size + pasteboard) * zoom,
            top: (m.y - size + pasteboard) * zoom,
            minWidth: size * zoom,
            height: size * zoom,
          }}
          onMouseDown={(e) => e.stopPropagation()}
          onDragStart={(e) => {
            e.dataTransfer.setData(OVERSET_MIME, JSON.stringify({ article: m.article, page: page.number }));
            e.dataTransfer.effectAllowed = 'copyMove';
          }}
        >
          <span>超 {m.chars} 字</span>
        </div>
      ))}
    </>
  );
}
