// The loser of a layout conflict is told, with undo: this editor's recent writes to the layout
// document are remembered; after others' updates merge (notably on reconnect), the ones replaced by
// someone's concurrent write are said in the status line (overwrittenBy) and 恢复我的改动 puts them
// back (restoreWrites, a normal layout write everyone receives). A write someone made after seeing
// mine (a later, deliberate change) is not a loss.
import * as Y from 'yjs';
import { overwrittenBy, restoreWrites, type Overwritten } from '../../newsroom/shared/conflicts';
import { layoutMap, type Written } from '../../newsroom/shared/edition-docs';

/** The origin of the restoring transaction: the link applies it to the session as a merged change. */
export const RESTORE = Symbol('newsroom-restore');

/** How many of my writes are remembered (the oldest go first). */
const KEPT = 2000;

interface Mine {
  w: Written;
  /** The Yjs item my write made (none for a deletion). */
  id: Y.ID | null;
}

const sameKey = (a: Written, b: Written): boolean => a.map === b.map && a.key === b.key;

export class LostWrites {
  private mine: Mine[] = [];
  private lost: Overwritten[] = [];

  constructor(
    private readonly layout: Y.Doc,
    private readonly me: string,
    private readonly tell: (message: string) => void,
    private readonly name: (login: string) => string = (l) => l,
  ) {}

  /** Writes of mine just made (applyEditionToLayout's result). */
  wrote(written: Written[]): void {
    for (const w of written) {
      this.mine = this.mine.filter((m) => !sameKey(m.w, w));
      this.mine.push({ w, id: w.entry ? (this.item(w)?.id ?? null) : null });
    }
    if (this.mine.length > KEPT) this.mine.splice(0, this.mine.length - KEPT);
  }

  /** Others' updates merged: my writes they replaced concurrently are told (once). */
  merged(): Overwritten[] {
    const found = overwrittenBy(
      this.mine.map((m) => m.w),
      this.layout,
      this.me,
      this.name,
    );
    const lost = found.filter((o) => !this.seenByWinner(o.written));
    const gone = new Set(found.map((o) => o.written));
    this.mine = this.mine.filter((m) => !gone.has(m.w));
    if (!lost.length) return lost;
    this.lost = [...this.lost.filter((l) => !lost.some((o) => sameKey(o.written, l.written))), ...lost];
    const more = this.lost.length > 1 ? `（共 ${this.lost.length} 处）` : '';
    this.tell(`${lost[0].message}${more}：可点“恢复我的改动”`);
    return lost;
  }

  /** What I lost and may put back. */
  get pending(): readonly Overwritten[] {
    return this.lost;
  }

  /** Puts my lost writes back for everyone. Returns false when there is nothing to restore. */
  restore(): boolean {
    if (!this.lost.length) return false;
    const lost = this.lost;
    this.lost = [];
    this.layout.transact(() => restoreWrites(this.layout, lost, this.me), RESTORE);
    this.wrote(lost.map((l) => l.written));
    this.tell(`已恢复你的改动（${lost.length} 处）`);
    return true;
  }

  private item(w: Written): Y.Item | undefined {
    return (layoutMap(this.layout, w.map) as unknown as Y.AbstractType<unknown>)._map.get(w.key);
  }

  /** Whether the value standing now was written by someone who had my write (its origins reach it). */
  private seenByWinner(w: Written): boolean {
    const mine = this.mine.find((m) => m.w === w)?.id;
    if (!mine) return false;
    let it: Y.Item | undefined = this.item(w);
    for (let i = 0; it && i < 10_000; i++) {
      if (Y.compareIDs(it.id, mine)) return true;
      const origin: Y.ID | null = it.origin;
      if (!origin) return false;
      try {
        const next = Y.getItem(this.layout.store, origin);
        it = next instanceof Y.Item ? next : undefined;
      } catch {
        return false;
      }
    }
    return false;
  }
}
