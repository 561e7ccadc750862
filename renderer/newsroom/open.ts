// Opening a newsroom edition in the window's session: the Node side opens it, a NewsroomLink binds
// it to the session over the API transport (the session's file, if any, is left: a newsroom edition
// is kept by the newsroom server and the Node side). One newsroom edition at a time.
import { api } from '../api';
import type { EditionSession } from '../state/session';
import { ApiTransport } from './api-transport';
import { NewsroomLink } from './link';

let current: { link: NewsroomLink; transport: ApiTransport } | null = null;

/** A colour per person, the same on every screen. */
export function personColor(login: string): string {
  let h = 0;
  for (const c of login) h = (h * 31 + c.codePointAt(0)!) % 360;
  return `hsl(${h}, 70%, 42%)`;
}

export async function openNewsroomEdition(session: EditionSession, edition: string): Promise<void> {
  closeNewsroomEdition();
  const r = await api.call('newsroom.open', { edition });
  const transport = new ApiTransport(r.state, (m) => session.tell(m));
  session.replaceEdition(session.edition, null, `编辑部 ${edition}`);
  const link = new NewsroomLink(session, transport, edition, {
    ...r.person,
    color: personColor(r.person.login),
  });
  current = { link, transport };
  await link.start();
}

export function closeNewsroomEdition(): void {
  if (!current) return;
  current.link.stop();
  current.transport.stop();
  current = null;
}
