// The check of every message a client sends before Hocuspocus handles it: size and rate limits, and
// for a document update — decoded, tried on a copy (malformed: refused, the document untouched),
// judged by the edition's rules (CheckChange), written to PostgreSQL, and only then applied, so the
// acknowledgement Hocuspocus sends after this hook is never for an update the database lacks. A
// refused update is applied and at once undone (Y.UndoManager) so every replica, the sender's too,
// returns to where it was.
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { Person, Refused } from '../../newsroom/shared/protocol';

/** Hocuspocus's message types (y-protocols sync inside type 0 and 4). */
const SYNC = 0;
const SYNC_REPLY = 4;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

/** WebSocket close codes for a refused message: too big, policy (rate, malformed). */
const CLOSE_CODES: Record<Refused['code'], number> = {
  'too-large': 1009,
  rate: 1008,
  invalid: 1008,
  forbidden: 1008,
};

export class RefusedError extends Error {
  /** Read by Hocuspocus when it closes the connection for a thrown error (ASCII: ≤ 123 bytes). */
  code: number;
  reason: string;
  constructor(public refused: Refused) {
    super(refused.message);
    this.code = CLOSE_CODES[refused.code];
    this.reason = `refused: ${refused.code}`;
  }
}

/** The document update a raw client message carries, or null for any other message. */
export function updateOf(raw: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(raw);
  decoding.readVarString(decoder);
  const type = decoding.readVarUint(decoder);
  if (type !== SYNC && type !== SYNC_REPLY) return null;
  const step = decoding.readVarUint(decoder);
  if (step !== SYNC_STEP2 && step !== SYNC_UPDATE) return null;
  return decoding.readVarUint8Array(decoder);
}

/** A copy of `doc` (pending updates too), writing as the same Yjs client. */
export function cloneDoc(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc({ gc: false });
  copy.clientID = doc.clientID;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

export interface Tried {
  after: Y.Doc;
  /** False when the update holds nothing the document lacks (a repeat). */
  changed: boolean;
  /** It waits for content the document lacks (Yjs keeps it pending until that arrives). */
  waiting: boolean;
}

/** Applies `update` to a copy of `doc`; throws RefusedError('invalid') when it cannot be read. */
export function tryUpdate(doc: Y.Doc, update: Uint8Array, docName: string): Tried {
  const after = cloneDoc(doc);
  let changed = false;
  after.on('update', () => (changed = true));
  try {
    Y.applyUpdate(after, update);
  } catch {
    after.destroy();
    throw new RefusedError({
      type: 'refused',
      doc: docName,
      code: 'invalid',
      message: '修改数据无法识别，已拒绝',
    });
  }
  const pending = (d: Y.Doc) => d.store.pendingStructs !== null || d.store.pendingDs !== null;
  const pendingAfter = pending(after);
  // An update waiting for one it depends on changes nothing yet but must be kept all the same: Yjs
  // delivers out of order, and an honest replica's update may arrive before one it builds on (a
  // replica reopened from its file and reconnecting does this). Refusing it would strand that
  // replica. Known limit: the waiting part is judged with the update that completes it.
  return { after, changed: changed || pendingAfter, waiting: pendingAfter && !pending(doc) };
}

/**
 * Whether a person may send an update that waits for content the server lacks. The waiting part
 * is judged only with the update that completes it (someone else's, perhaps), so a copy update is
 * never taken from a 校对, who may not write copy at all. Layout updates are taken from everyone
 * (anyone may write statuses and comments there, and a replica reopened from its file sends such
 * updates honestly); a forged one cannot pass as someone else's, since every layout value names
 * its writer (`by`) and the completing update is judged with it.
 */
export function mayWait(kind: 'copy' | 'layout', person: Person): boolean {
  return kind === 'layout' || person.role !== 'proofreader';
}

const REFUSED_ORIGIN = Symbol('refused change');

/**
 * The update that applies `update` to `doc` and undoes it at once: applied to the document it leaves
 * the content as it was, while every replica that has `update` sees it undone.
 */
export function undoingUpdate(doc: Y.Doc, update: Uint8Array, applied: Y.Doc): Uint8Array {
  const copy = cloneDoc(doc);
  const scope = [...applied.share.keys()].map((key) => copy.get(key));
  const undo = new Y.UndoManager(scope, { trackedOrigins: new Set([REFUSED_ORIGIN]), captureTimeout: 0 });
  const written: Uint8Array[] = [];
  copy.on('update', (u: Uint8Array) => written.push(u));
  Y.transact(
    copy,
    (tr) => {
      Y.applyUpdate(copy, update);
      // Top-level types the server never named stay plain AbstractTypes, which report no change
      // to the UndoManager: mark them changed so it records the update.
      for (const type of scope) if (!tr.changedParentTypes.has(type)) tr.changedParentTypes.set(type, []);
    },
    REFUSED_ORIGIN,
  );
  undo.undo();
  undo.destroy();
  copy.destroy();
  return Y.mergeUpdates(written);
}

/** A token bucket: `rate` messages (or bytes) a second, bursts up to `burst`. */
export class TokenBucket {
  private tokens: number;
  private at = Date.now();
  constructor(
    private rate: number,
    private burst: number,
  ) {
    this.tokens = burst;
  }
  take(n = 1): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.rate);
    this.at = now;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}

/** Runs jobs for one key one after another. */
export class KeyedLock {
  private tails = new Map<string, Promise<unknown>>();
  run<T>(key: string, job: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(job, job);
    const tail = next.catch(() => {});
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}

/** Presence (awareness) client ids one connection may hold on one document. */
const PRESENCE_IDS = 4;

/**
 * Checks the presence states one connection sends for a document, drops those of clients another
 * connection shows, and sets each state's `user` to the signed-in person (its colour kept): the
 * refusal, or null. `mine` are the Yjs client ids this
 * connection already shows; `others(id)` says whether another connection shows `id`.
 */
export function checkPresence(
  states: Map<number, unknown>,
  person: Person,
  held: { mine: ReadonlySet<number>; others: (id: number) => boolean; maxBytes: number },
): Pick<Refused, 'code' | 'message'> | null {
  const ids = new Set(held.mine);
  for (const [id, state] of states) {
    if (!held.mine.has(id) && held.others(id)) {
      // Another connection's client (or this client's own, until its previous connection is seen
      // gone): not refused, so a reconnect never loops, but not passed on either.
      states.delete(id);
      continue;
    }
    if (typeof state !== 'object' || state === null || Array.isArray(state))
      return { code: 'invalid', message: '在线状态无法识别，已拒绝' };
    const bytes = Buffer.byteLength(JSON.stringify(state));
    if (bytes > held.maxBytes)
      return { code: 'too-large', message: `在线状态太大（${bytes} 字节，上限 ${held.maxBytes}），已拒绝` };
    ids.add(id);
    const claimed = (state as { user?: { color?: unknown } }).user;
    const color = typeof claimed?.color === 'string' ? claimed.color.slice(0, 32) : undefined;
    (state as { user: unknown }).user = {
      login: person.login,
      name: person.name,
      role: person.role,
      ...(color === undefined ? {} : { color }),
    };
  }
  if (ids.size > PRESENCE_IDS) return { code: 'invalid', message: '在线状态过多，已拒绝' };
  return null;
}
