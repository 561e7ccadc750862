// Opening a newsroom edition in the window's session: the Node side opens it, a NewsroomLink binds
// it to the session over the API transport, and the session's edition file, when it is the edition's
// offline replica, keeps its documents. One newsroom edition at a time.
import { api } from '../api';
import type { EditionSession } from '../state/session';
import { ApiTransport } from './api-transport';
import { NewsroomLink } from './link';

let current: { link: NewsroomLink; transport: ApiTransport; edition: string } | null = null;

/** A colour per person, the same on every screen. */
export function personColor(login: string): string {
  let h = 0;
  for (const c of login) h = (h * 31 + c.codePointAt(0)!) % 360;
  return `hsl(${h}, 70%, 42%)`;
}

/**
 * Opens a newsroom edition in the session. The session's edition file keeps the documents' Yjs state
 * (its offline replica) when it already is this edition's replica, or with `adopt` (the file was just
 * saved from this newsroom edition); any other file is left alone and the session goes on without one.
 */
export async function openNewsroomEdition(
  session: EditionSession,
  edition: string,
  adopt = false,
): Promise<void> {
  closeNewsroomEdition();
  let path = session.path;
  if (path && !adopt && (await api.call('newsroom.replica', { path })).replica?.edition !== edition)
    path = null;
  const r = await api.call('newsroom.open', path ? { edition, path } : { edition });
  const transport = new ApiTransport(r.state, (m) => session.tell(m));
  if (!path) session.replaceEdition(session.edition, null, `编辑部 ${edition}`);
  const link = new NewsroomLink(session, transport, edition, {
    ...r.person,
    color: personColor(r.person.login),
  });
  current = { link, transport, edition };
  await link.start();
}

export function closeNewsroomEdition(): void {
  if (!current) return;
  current.link.stop();
  current.transport.stop();
  current = null;
}

/** A file just opened that is a newsroom edition's replica: the edition opened from it (offline). */
export async function resumeReplica(session: EditionSession, path: string): Promise<boolean> {
  closeNewsroomEdition();
  const { replica } = await api.call('newsroom.replica', { path });
  if (!replica) return false;
  await openNewsroomEdition(session, replica.edition);
  return true;
}

/** After 另存为 of a newsroom edition: the new file becomes its replica (the edition opened again on it). */
export async function keepReplica(session: EditionSession): Promise<void> {
  const edition = current?.link?.session === session ? current.edition : undefined;
  if (edition && session.path) await openNewsroomEdition(session, edition, true);
}
