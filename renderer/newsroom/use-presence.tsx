// Presence in the UI: the 正在编辑：… tag on a story others have open, and others' carets and
// selections in the article editor (decorations, drawn by RemoteCaretLeaf).
import { useSyncExternalStore, type ReactNode } from 'react';
import { Range, Text, type NodeEntry } from 'slate';
import { ROLE_LABELS } from '../../newsroom/shared/protocol';
import type { EditionSession } from '../state/session';
import { linkOf, presence } from './link';

/** Re-renders when anyone's presence changes; the link of the session, if the edition is shared. */
export function usePresence(session: EditionSession) {
  useSyncExternalStore(presence.subscribe, presence.version, presence.version);
  return linkOf(session);
}

/** 正在编辑：张明 on a story someone else has open. */
export function EditingTag({ session, article }: { session: EditionSession; article: string }) {
  const names = usePresence(session)?.editorsOf(article) ?? [];
  if (!names.length) return null;
  return (
    <span className="editing-by" data-testid={`editing-${article}`}>
      正在编辑：{names.join('、')}
    </span>
  );
}

/** 在线: everybody else in a shared edition, with their role, page and the story they have open. */
export function PeopleList({ session }: { session: EditionSession }) {
  const link = usePresence(session);
  if (!link) return null;
  const slug = (id: string) => session.article(id)?.slug || id;
  return (
    <section className="people" data-testid="people">
      <h2>
        在线 <small>{link.state === 'offline' ? '离线：改动会在联网后合并' : ''}</small>
      </h2>
      <ul>
        {link.people.map((p) => (
          <li key={p.client}>
            <span className="person-dot" style={{ backgroundColor: p.user.color }} />
            {p.user.name}
            <small>
              {ROLE_LABELS[p.user.role]}
              {p.page !== null ? ` · 第${p.page}版` : ''}
              {p.article ? ` · ${slug(p.article)}` : ''}
            </small>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Marks a decorated leaf carries: another person's selection, or the character beside their caret. */
export interface RemoteMarks {
  remoteColor?: string;
  remoteName?: string;
  /** The caret stands before or after this leaf's text. */
  remoteCaret?: 'before' | 'after';
}

/**
 * Decorations for one text node: others' selections tinted, and each caret as the character beside
 * it (before it, or after it at a node's start), which the leaf draws as a coloured bar with the name.
 */
export function remoteDecorations(
  session: EditionSession,
  article: string,
  [node, path]: NodeEntry,
): Range[] {
  const link = linkOf(session);
  if (!link || !Text.isText(node) || !link.editorsOf(article).length) return [];
  const out: Range[] = [];
  for (const c of link.caretsIn(article)) {
    const marks = { remoteColor: c.color, remoteName: c.name };
    const here = Range.intersection(c.range, {
      anchor: { path, offset: 0 },
      focus: { path, offset: node.text.length },
    });
    if (!Range.isCollapsed(c.range)) {
      if (here && !Range.isCollapsed(here)) out.push({ ...here, ...marks } as Range);
      continue;
    }
    const p = c.range.focus;
    if (p.path.join() !== path.join() || !node.text.length) continue;
    const at = p.offset > 0 ? p.offset - 1 : 0;
    out.push({
      anchor: { path, offset: at },
      focus: { path, offset: at + 1 },
      ...marks,
      remoteCaret: p.offset > 0 ? 'after' : 'before',
    } as Range);
  }
  return out;
}

/** A leaf others have selected or have their caret beside. */
export function RemoteLeaf({ marks, children }: { marks: RemoteMarks; children: ReactNode }) {
  if (!marks.remoteColor) return <>{children}</>;
  if (!marks.remoteCaret)
    return (
      <span
        className="remote-selection"
        style={{ backgroundColor: `color-mix(in srgb, ${marks.remoteColor} 25%, transparent)` }}
      >
        {children}
      </span>
    );
  return (
    <span
      className={`remote-caret remote-caret-${marks.remoteCaret}`}
      style={{ borderColor: marks.remoteColor }}
    >
      <span className="remote-name" contentEditable={false} style={{ backgroundColor: marks.remoteColor }}>
        {marks.remoteName}
      </span>
      {children}
    </span>
  );
}
