// The shared 版面计划 in the pages panel (page-plan.ts): on each thumbnail a 已签发 mark and the
// page's 责任编辑, for everyone; for the page shown, 签发本版 (值班总编 only: disabled with the
// reason for others) and the 责任编辑 chosen among those present (版面编辑 and 值班总编).
import { useEffect, useReducer, useState } from 'react';
import type { EditionSession } from '../state/session';
import { linkOf, type NewsroomLink } from './link';
import {
  onPlanChange,
  pageEditorOf,
  plannable,
  setPageEditor,
  setSignOff,
  signOffOf,
  whyNotPlan,
  whyNotSign,
} from './page-plan';

/** The session's newsroom link, the component drawn again when the layout document or presence changes. */
function usePlanLink(session: EditionSession): NewsroomLink | undefined {
  const link = linkOf(session);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!link) return undefined;
    const stops = [onPlanChange(link, redraw), link.subscribe(redraw)];
    return () => stops.forEach((s) => s());
  }, [link]);
  return link;
}

const day = (iso: string): string => iso.slice(5, 16).replace('T', ' ');

/** Under a page's thumbnail: 已签发 and 责编 (nothing for a stand-alone edition). */
export function PlanTag({ session, page }: { session: EditionSession; page: string }) {
  const link = usePlanLink(session);
  if (!link) return null;
  const signed = signOffOf(link, page);
  const editor = pageEditorOf(link, page);
  if (!signed && !editor) return null;
  return (
    <div className="plan-tag" data-testid="plan-tag">
      {signed && (
        <span className="signed" title={`${signed.by} 签发于 ${day(signed.at)}`}>
          已签发
        </span>
      )}
      {editor && <span className="page-editor">责编 {editor.name}</span>}
    </div>
  );
}

/** The page shown: 签发本版 / 撤销签发 and its 责任编辑. */
export function PagePlanControls({ session, page }: { session: EditionSession; page: string }) {
  const link = usePlanLink(session);
  const [error, setError] = useState<string | null>(null);
  if (!link) return null;
  const signed = !!signOffOf(link, page);
  const noSign = whyNotSign(link);
  const noPlan = whyNotPlan(link);
  const editor = pageEditorOf(link, page);
  const people = plannable(link);
  if (editor && !people.some((p) => p.login === editor.login)) people.push(editor);
  return (
    <div className="page-plan">
      <button
        disabled={!!noSign}
        title={noSign ?? (signed ? '撤销本版的签发' : '签发本版：值班总编确认本版可以付印')}
        onClick={() => setError(setSignOff(link, page, !signed))}
        data-testid="page-signoff"
      >
        {signed ? '撤销签发' : '签发本版'}
      </button>
      <label title={noPlan ?? '本版的责任编辑，编辑部所有人可见'}>
        责任编辑{' '}
        <select
          aria-label="责任编辑"
          disabled={!!noPlan}
          value={editor?.login ?? ''}
          onChange={(e) =>
            setError(setPageEditor(link, page, people.find((p) => p.login === e.target.value) ?? null))
          }
          data-testid="page-editor"
        >
          <option value="">（未定）</option>
          {people.map((p) => (
            <option key={p.login} value={p.login}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
