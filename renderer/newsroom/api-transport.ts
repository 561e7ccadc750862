// The NewsroomTransport over the app's API: the Node side holds the connection to the newsroom
// server; the page follows documents, sends its updates and presence with `newsroom.*` calls (in
// order, one at a time: a document is followed before its first update goes; updates of one document
// waiting together are merged into one call) and takes events with a long poll.
import * as Y from 'yjs';
import { NEWSROOM_UPDATE_MAX_BYTES } from '../../electron/api';
import { api } from '../api';
import type { PresenceState } from './transport';
import type { ConnectionState, NewsroomTransport, TransportEvent } from './transport';

type Outgoing =
  | { kind: 'follow'; doc: string; follow: boolean }
  | { kind: 'send'; doc: string; updates: Uint8Array[] }
  | { kind: 'presence'; state: PresenceState | null }
  | { kind: 'photo'; data: string };

function toBase64(u: Uint8Array): string {
  let s = '';
  for (let i = 0; i < u.length; i += 0x8000) s += String.fromCharCode(...u.subarray(i, i + 0x8000));
  return btoa(s);
}
function fromBase64(b: string): Uint8Array {
  const s = atob(b);
  const u = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);
  return u;
}

export class ApiTransport implements NewsroomTransport {
  private _state: ConnectionState;
  private readonly listeners = new Set<(e: TransportEvent) => void>();
  private readonly outbox: Outgoing[] = [];
  private sending = false;
  private stopped = false;
  private after = 0;

  constructor(
    state: ConnectionState,
    private readonly tell: (message: string) => void = () => {},
  ) {
    this._state = state;
    void this.pollLoop();
  }

  get state(): ConnectionState {
    return this._state;
  }

  open(doc: string): void {
    this.queue({ kind: 'follow', doc, follow: true });
  }
  close(doc: string): void {
    this.queue({ kind: 'follow', doc, follow: false });
  }
  send(doc: string, update: Uint8Array): void {
    const last = this.outbox.at(-1);
    if (last?.kind === 'send' && last.doc === doc) last.updates.push(update);
    else this.queue({ kind: 'send', doc, updates: [update] });
  }
  setPresence(state: PresenceState | null): void {
    const last = this.outbox.at(-1);
    if (last?.kind === 'presence') last.state = state;
    else this.queue({ kind: 'presence', state });
  }
  putPhoto(data: string): void {
    this.queue({ kind: 'photo', data });
  }
  async photo(sha256: string): Promise<string | null> {
    try {
      return (await api.call('newsroom.photo', { sha256 })).data;
    } catch {
      return null;
    }
  }
  listen(listener: (e: TransportEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops polling (the edition was closed). */
  stop(): void {
    this.stopped = true;
  }

  private queue(o: Outgoing): void {
    this.outbox.push(o);
    void this.flush();
  }

  private async flush(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      for (let o = this.outbox.shift(); o; o = this.outbox.shift()) {
        try {
          if (o.kind === 'follow') await api.call('newsroom.follow', { doc: o.doc, follow: o.follow });
          else if (o.kind === 'photo') await api.call('newsroom.photoPut', { data: o.data });
          else if (o.kind === 'presence')
            await api.call('newsroom.presence', { state: o.state as unknown as Record<string, unknown> });
          else {
            const merged = o.updates.length === 1 ? o.updates[0] : Y.mergeUpdates(o.updates);
            // Merged only while it stays within one message's limit.
            const parts = merged.length <= NEWSROOM_UPDATE_MAX_BYTES ? [merged] : o.updates;
            for (const u of parts) await api.call('newsroom.send', { doc: o.doc, update: toBase64(u) });
          }
        } catch (e) {
          this.tell(`编辑部连接出错：${(e as Error).message}`);
        }
      }
    } finally {
      this.sending = false;
    }
  }

  private emit(e: TransportEvent): void {
    for (const l of this.listeners) l(e);
  }

  private async pollLoop(): Promise<void> {
    while (!this.stopped) {
      let events;
      try {
        events = (await api.call('newsroom.poll', { after: this.after })).events;
      } catch {
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      if (this.stopped) return;
      for (const e of events) {
        this.after = e.seq;
        if (e.type === 'update' && e.doc && e.update !== undefined)
          this.emit({ type: 'update', doc: e.doc, update: fromBase64(e.update) });
        else if (e.type === 'synced' && e.doc) this.emit({ type: 'synced', doc: e.doc });
        else if (e.type === 'presence' && Array.isArray(e.others))
          this.emit({ type: 'presence', others: new Map(e.others as [number, PresenceState][]) });
        else if (e.type === 'refused' && e.refused)
          this.emit({
            type: 'refused',
            refused: { type: 'refused', ...e.refused, code: e.refused.code as 'forbidden' },
          });
        else if (e.type === 'state' && e.state) {
          this._state = e.state;
          this.emit({ type: 'state', state: e.state });
        }
      }
    }
  }
}
