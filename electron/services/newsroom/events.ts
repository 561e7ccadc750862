// The queue of newsroom events waiting for the renderer's poll: numbered, updates of one document
// that follow each other merged into one, bounded (the oldest presence and state events give way;
// updates are never dropped, only merged), and a waiter woken as soon as something arrives.
import * as Y from 'yjs';
import { NEWSROOM_POLL_MAX_EVENTS } from '../../api';

export type ConnectionState = 'offline' | 'online' | 'synced';

export type NewsroomEvent =
  | { type: 'update'; doc: string; update: Uint8Array }
  | { type: 'synced'; doc: string }
  | { type: 'presence'; others: [number, unknown][] }
  | { type: 'refused'; refused: { doc: string; code: string; message: string } }
  | { type: 'state'; state: ConnectionState };

/** An update bigger than this is not merged further: the next one starts a new event. */
const MERGE_UP_TO = 256 * 1024;

export class EventQueue {
  private queue: (NewsroomEvent & { seq: number; taken?: boolean })[] = [];
  private seq = 0;
  private waiters = new Set<() => void>();

  push(e: NewsroomEvent): void {
    // Only the latest presence matters.
    if (e.type === 'presence') this.queue = this.queue.filter((q) => q.type !== 'presence');
    this.queue.push({ ...e, seq: ++this.seq });
    for (const w of this.waiters) w();
    this.waiters.clear();
  }

  update(doc: string, update: Uint8Array): void {
    const last = this.queue.at(-1);
    if (last?.type === 'update' && !last.taken && last.doc === doc && last.update.length < MERGE_UP_TO) {
      last.update = Y.mergeUpdates([last.update, update]);
      return;
    }
    this.push({ type: 'update', doc, update });
  }

  /** Events after `after` (those up to it are forgotten), waiting up to `waitMs` for the first. */
  async take(after: number, waitMs: number): Promise<(NewsroomEvent & { seq: number })[]> {
    this.queue = this.queue.filter((q) => q.seq > after);
    if (!this.queue.length && waitMs > 0)
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, waitMs);
        this.waiters.add(done);
      });
    // A renderer that started again (after 0) gets what waits now.
    const out = this.queue.filter((q) => q.seq > after).slice(0, NEWSROOM_POLL_MAX_EVENTS);
    // Handed out: never merged into again (the renderer may already hold it).
    for (const q of out) q.taken = true;
    return out.map(({ taken: _taken, ...e }) => e as NewsroomEvent & { seq: number });
  }

  /** Forgets what waits (another edition opened); numbering goes on. */
  clear(): void {
    this.queue = [];
  }

  /** Wakes any poll waiting (the edition closed). */
  wake(): void {
    for (const w of this.waiters) w();
    this.waiters.clear();
  }
}
