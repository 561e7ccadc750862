// The Node side's event queue for the page's long poll: updates of one document merged until handed
// out, never merged into after, presence kept latest, a waiting poll woken at once, bounded batches.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NEWSROOM_POLL_MAX_EVENTS } from '../../../electron/api';
import { EventQueue } from '../../../electron/services/newsroom/events';

function typing(doc: Y.Doc, words: string[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  for (const w of words) doc.getText('t').insert(doc.getText('t').length, w);
  return out;
}

describe('the newsroom event queue', () => {
  it('merges updates of one document until a poll has taken them, and loses none', async () => {
    const q = new EventQueue();
    const updates = typing(new Y.Doc(), ['甲', '乙', '丙', '丁']);
    q.update('edition/e/copy/a', updates[0]);
    q.update('edition/e/copy/a', updates[1]);
    const first = await q.take(0, 0);
    expect(first).toHaveLength(1);
    // Arriving after the poll took the merged event: a new event, not merged into the one handed out.
    q.update('edition/e/copy/a', updates[2]);
    q.update('edition/e/copy/a', updates[3]);
    const second = await q.take(first[0].seq, 0);
    expect(second).toHaveLength(1);
    const mirror = new Y.Doc();
    for (const e of [...first, ...second]) if (e.type === 'update') Y.applyUpdate(mirror, e.update);
    expect(mirror.getText('t').toString()).toBe('甲乙丙丁');
  });

  it('keeps only the latest presence, wakes a waiting poll, and answers in bounded batches', async () => {
    const q = new EventQueue();
    const waiting = q.take(0, 20_000);
    q.push({ type: 'presence', others: [[1, { a: 1 }]] });
    expect(await waiting).toHaveLength(1);
    q.push({ type: 'presence', others: [[1, { a: 2 }]] });
    q.push({ type: 'presence', others: [[1, { a: 3 }]] });
    const latest = await q.take(1, 0);
    expect(latest).toEqual([expect.objectContaining({ type: 'presence', others: [[1, { a: 3 }]] })]);
    for (let i = 0; i < NEWSROOM_POLL_MAX_EVENTS + 10; i++)
      q.push({ type: 'synced', doc: `edition/e/copy/a${i}` });
    const batch = await q.take(latest[0].seq, 0);
    expect(batch).toHaveLength(NEWSROOM_POLL_MAX_EVENTS);
    expect(await q.take(batch.at(-1)!.seq, 0)).toHaveLength(10);
  });
});
