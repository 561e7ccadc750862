// The renderer's side of a newsroom edition talks to the newsroom only through this interface: the
// Node side (the desktop main process, the test host) holds the WebSocket to the server, the sign-in
// token and the offline replica, and passes Yjs updates and presence to and fro. The page never sees
// a token and its CSP stays `connect-src 'self'`.
import type { Refused, Role } from '../../newsroom/shared/protocol';

/** offline: no server (edits are kept by the Node side's replica); online: connected; synced: every open document is up to date. */
export type ConnectionState = 'offline' | 'online' | 'synced';

/** A Yjs relative position as `Y.relativePositionToJSON` writes it. */
export type RelativePositionJSON = Record<string, unknown>;

/** Who is where: one person's presence (Hocuspocus awareness), the same shape for everyone. */
export interface PresenceState {
  user: { login: string; name: string; role: Role; color: string };
  /** The Yjs client id this person's documents write with: tells whose typing a text update is. */
  client: number;
  page: number | null;
  article: string | null;
  /** The selection in `article`'s copy as Yjs relative positions (slate-yjs `RelativeRange`). */
  selection: { anchor: RelativePositionJSON; focus: RelativePositionJSON } | null;
}

export type TransportEvent =
  /** An update of a document (by its protocol name, `edition/<id>/layout`, `edition/<id>/copy/<article>`) from elsewhere. */
  | { type: 'update'; doc: string; update: Uint8Array }
  /** Everything known of `doc` has been delivered (after `open`, and again after a reconnect). */
  | { type: 'synced'; doc: string }
  /** Everybody else's presence, by awareness client. */
  | { type: 'presence'; others: ReadonlyMap<number, PresenceState> }
  /** The server refused a change sent from here; it sets the document back itself (an update follows). */
  | { type: 'refused'; refused: Refused }
  | { type: 'state'; state: ConnectionState };

export interface NewsroomTransport {
  readonly state: ConnectionState;
  /** Starts following a document: its state arrives as `update` events, then `synced`. */
  open(doc: string): void;
  close(doc: string): void;
  /** A local update of a document (Y.Doc `update` event with a local origin). */
  send(doc: string, update: Uint8Array): void;
  /** This person's presence (null: gone). */
  setPresence(state: PresenceState | null): void;
  /** A photo placed here (base64): stored on the server by its hash, in order before the updates that follow. */
  putPhoto?(data: string): void;
  /** A photo's bytes (base64) by its hash; null when not to be had now (offline, or not on the server yet). */
  photo?(sha256: string): Promise<string | null>;
  /** Returns the function that stops listening. */
  listen(listener: (e: TransportEvent) => void): () => void;
}
