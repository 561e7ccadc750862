// The inspector's 转版 control: the page a story is continued on, and the button that continues it.
import { useState } from 'react';
import { continueStory } from '../commands/steps';
import type { EditionSession } from '../state/session';

/**
 * 转版: continue the story on another page, in the largest free space there; （下转第N版）and
 * （上接第M版）are set by layout. A page that cannot take it is refused with the reason.
 */
export function ContinueOn({
  session,
  page,
  article,
}: {
  session: EditionSession;
  page: number;
  article: string;
}) {
  const others = session.edition.pages.filter((p) => p.number !== page);
  const [to, setTo] = useState<number | null>(null);
  if (!others.length) return null;
  const target = others.find((p) => p.number === to) ?? others[0];
  return (
    <span className="row">
      <label className="sel">
        <span>转至</span>
        <select aria-label="转至版面" value={target.number} onChange={(e) => setTo(Number(e.target.value))}>
          {others.map((p) => (
            <option key={p.id} value={p.number}>
              第 {p.number} 版 {p.section}
            </option>
          ))}
        </select>
      </label>
      <button
        className="small"
        aria-label="转版"
        onClick={() => continueStory(session, page, target.number, article)}
      >
        转版
      </button>
    </span>
  );
}
