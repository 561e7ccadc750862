// A test double of the newsroom server and of the Node side that talks to it, for the renderer's
// newsroom link: `Relay` keeps one Y.Doc per document name and passes updates and presence between
// `MemoryTransport`s; a transport keeps the Node side's replica of every document it opened, so
// edits made while it is paused (offline) are merged both ways on `resume`. Messages wait in a queue
// until `flush`, so edits made on two screens before a flush are concurrent, as over a network.
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { copyContent } from '../../newsroom/shared/copy-doc';
import { LAYOUT_MAPS } from '../../newsroom/shared/edition-docs';
import { parseDocName, type Refused } from '../../newsroom/shared/protocol';
import type {
  ConnectionState,
  NewsroomTransport,
  PresenceState,
  TransportEvent,
} from '../../renderer/newsroom/transport';

const TRIED = Symbol('tried');

export class Relay {
  readonly docs = new Map<string, Y.Doc>();
  private readonly connected = new Set<MemoryTransport>();
  private readonly presence = new Map<MemoryTransport, PresenceState>();
  private queue: (() => void)[] = [];
  /** The server's photos (base64) by their SHA-256. */
  readonly photos = new Map<string, string>();
  /** The server's check of an update: a refusal, or null to keep it. */
  check: ((doc: string, update: Uint8Array) => Omit<Refused, 'type' | 'doc'> | null) | null = null;

  constructor(seed?: Map<string, Y.Doc>) {
    for (const [name, doc] of seed ?? []) this.docs.set(name, doc);
  }

  doc(name: string): Y.Doc {
    let d = this.docs.get(name);
    if (!d) this.docs.set(name, (d = new Y.Doc()));
    return d;
  }

  later(f: () => void): void {
    this.queue.push(f);
  }

  /** Delivers every message, and the messages they cause, until none is left. */
  flush(): void {
    for (let i = 0; i < 10_000 && this.queue.length; i++) this.queue.shift()!();
    if (this.queue.length) throw new Error('relay never settles');
  }

  connect(t: MemoryTransport): void {
    this.connected.add(t);
  }

  disconnect(t: MemoryTransport): void {
    this.connected.delete(t);
    this.setPresence(t, null);
  }

  receive(from: MemoryTransport, name: string, update: Uint8Array): void {
    const doc = this.doc(name);
    const refused = this.check?.(name, update);
    if (!refused) {
      Y.applyUpdate(doc, update);
      for (const t of this.connected)
        if (t !== from && t.follows(name)) this.later(() => t.deliver(name, update));
      return;
    }
    // Refused: the sender is told, and the change is undone for everyone (the sender has it already).
    this.later(() => from.emit({ type: 'refused', refused: { type: 'refused', doc: name, ...refused } }));
    const n = parseDocName(name);
    const scope = n?.kind === 'layout' ? LAYOUT_MAPS.map((m) => doc.getMap(m)) : [copyContent(doc)];
    const undo = new Y.UndoManager(scope, { trackedOrigins: new Set([TRIED]), captureTimeout: 0 });
    const sv = Y.encodeStateVector(doc);
    Y.applyUpdate(doc, update, TRIED);
    undo.undo();
    undo.destroy();
    const both = Y.encodeStateAsUpdate(doc, sv);
    for (const t of this.connected) if (t.follows(name)) this.later(() => t.deliver(name, both));
  }

  setPresence(t: MemoryTransport, state: PresenceState | null): void {
    if (state) this.presence.set(t, state);
    else this.presence.delete(t);
    for (const o of this.connected) {
      const others = new Map([...this.presence].filter(([k]) => k !== o).map(([, v]) => [v.client, v]));
      this.later(() => o.emit({ type: 'presence', others }));
    }
  }
}

export class MemoryTransport implements NewsroomTransport {
  private _state: ConnectionState = 'synced';
  private readonly replicas = new Map<string, Y.Doc>();
  private readonly listeners = new Set<(e: TransportEvent) => void>();
  private presence: PresenceState | null = null;
  /** Photos kept on this side (placed here or fetched), and those placed offline, still to go up. */
  private readonly photos = new Map<string, string>();
  private readonly unsent = new Set<string>();
  /** Photos asked for (by hash), in order. */
  readonly asked: string[] = [];

  constructor(private readonly relay: Relay) {
    relay.connect(this);
  }

  get state(): ConnectionState {
    return this._state;
  }
  get online(): boolean {
    return this._state !== 'offline';
  }

  follows(name: string): boolean {
    return this.replicas.has(name);
  }

  open(name: string): void {
    if (!this.replicas.has(name)) this.replicas.set(name, new Y.Doc());
    this.syncWithServer(name);
  }

  close(name: string): void {
    this.replicas.delete(name);
  }

  send(name: string, update: Uint8Array): void {
    const r = this.replicas.get(name);
    if (!r) throw new Error(`sent on a document not open: ${name}`);
    Y.applyUpdate(r, update);
    if (this.online) this.relay.later(() => this.relay.receive(this, name, update));
  }

  putPhoto(data: string): void {
    const sha = createHash('sha256').update(Buffer.from(data, 'base64')).digest('hex');
    this.photos.set(sha, data);
    this.unsent.add(sha);
    if (this.online) this.sendPhotos();
  }

  photo(sha256: string): Promise<string | null> {
    this.asked.push(sha256);
    const data = this.photos.get(sha256) ?? (this.online ? this.relay.photos.get(sha256) : undefined);
    if (data) this.photos.set(sha256, data);
    return Promise.resolve(data ?? null);
  }

  private sendPhotos(): void {
    for (const sha of this.unsent) {
      const data = this.photos.get(sha)!;
      this.relay.later(() => this.relay.photos.set(sha, data));
    }
    this.unsent.clear();
  }

  setPresence(state: PresenceState | null): void {
    this.presence = state;
    if (this.online) this.relay.setPresence(this, state);
  }

  listen(l: (e: TransportEvent) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  emit(e: TransportEvent): void {
    for (const l of this.listeners) l(e);
  }

  /** From the server: into the replica, then to the renderer. */
  deliver(name: string, update: Uint8Array): void {
    const r = this.replicas.get(name);
    if (!r) return;
    Y.applyUpdate(r, update);
    this.emit({ type: 'update', doc: name, update });
  }

  /** The network goes: edits stay in the replica. */
  pause(): void {
    this._state = 'offline';
    this.relay.disconnect(this);
    this.emit({ type: 'state', state: 'offline' });
  }

  /** The network is back: each open document is merged both ways, presence sent again. */
  resume(): void {
    this._state = 'online';
    this.relay.connect(this);
    this.emit({ type: 'state', state: 'online' });
    this.sendPhotos();
    for (const name of this.replicas.keys()) this.syncWithServer(name);
    if (this.presence) this.relay.setPresence(this, this.presence);
    this.relay.later(() => {
      this._state = 'synced';
      this.emit({ type: 'state', state: 'synced' });
    });
  }

  private syncWithServer(name: string): void {
    const r = this.replicas.get(name)!;
    if (!this.online) {
      this.relay.later(() => {
        this.emit({ type: 'update', doc: name, update: Y.encodeStateAsUpdate(r) });
        this.emit({ type: 'synced', doc: name });
      });
      return;
    }
    this.relay.later(() => {
      const server = this.relay.doc(name);
      const mine = Y.encodeStateAsUpdate(r, Y.encodeStateVector(server));
      this.relay.receive(this, name, mine);
      const theirs = Y.encodeStateAsUpdate(server, Y.encodeStateVector(r));
      Y.applyUpdate(r, theirs);
      this.emit({ type: 'update', doc: name, update: theirs });
      this.emit({ type: 'synced', doc: name });
    });
  }
}
