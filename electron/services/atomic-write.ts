// The one way the product writes a file: the content goes to a temporary file beside the target, is
// synced, then takes the target's name by rename (or by link, when the name must be free), and the folder
// is synced. A reader sees the old file or the new one, never half of one; a full disk leaves the old
// file as it was. Temporary files are named `.<name>.<pid>.<random>.part`, are removed when anything
// fails, and are removed when the process is interrupted (SIGINT, SIGTERM, SIGHUP) before the signal is
// raised again, so neither a failure nor Ctrl+C leaves debris beside the user's files.
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** What goes into the file: bytes, text, or a function that makes the file at the temporary path. */
export type Content = string | Uint8Array | ((tmp: string) => void);

/** The temporary name for `target`: hidden, beside it (so the rename stays on one file system), unique. */
export function asideName(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.part`);
}

/** True for a name made by asideName (tests and tidy-ups look for these). */
export const isAsideName = (name: string): boolean =>
  /^\..+\.\d+\.[0-9a-f]{8}\.part(-journal|-wal|-shm)?$/.test(name);

// ---- temporary files that exist right now, removed on failure, exit and interruption -----------------

const live = new Set<string>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function removeQuietly(path: string): void {
  // A SQLite build leaves its journal beside its file; it is ours too.
  for (const p of [path, `${path}-journal`, `${path}-wal`, `${path}-shm`]) {
    try {
      unlinkSync(p);
    } catch {
      /* already gone */
    }
  }
}

function removeAll(): void {
  for (const p of live) removeQuietly(p);
  live.clear();
}

let handling = false;

function onSignal(signal: NodeJS.Signals): void {
  removeAll();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  handling = false;
  // Raised again with our handler gone: the process ends as the signal means, unless others listen.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function hold(tmp: string): void {
  // Installed with the first temporary file and kept: a signal that arrives while a file is being
  // committed is delivered only after, and must still end the process.
  if (!handling) {
    handling = true;
    for (const s of SIGNALS) process.on(s, onSignal);
    process.once('exit', removeAll);
  }
  live.add(tmp);
}

function release(tmp: string): void {
  live.delete(tmp);
}

// ---- syncing ------------------------------------------------------------------------------------------

function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename or link in `dir` durable. Some systems cannot sync a folder; then the rename is all. */
function syncFolder(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    /* EINVAL/EISDIR/EPERM where folders cannot be synced */
  } finally {
    closeSync(fd);
  }
}

function writeAll(path: string, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const fd = openSync(path, 'wx', 0o666);
  try {
    let done = 0;
    while (done < bytes.byteLength) done += writeSync(fd, bytes, done, bytes.byteLength - done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

// ---- the writer ---------------------------------------------------------------------------------------

/** A complete, synced file under its temporary name, waiting to take its real one. */
export class AsideFile {
  private done = false;
  constructor(
    readonly target: string,
    readonly tmp: string,
  ) {}

  /**
   * Gives the file its real name. With `overwrite` an existing file is replaced in one step (keeping its
   * permissions); without, the name is taken only if free — atomically, so of two processes creating the
   * same name exactly one succeeds and the other gets an error with code EEXIST.
   */
  commit(opts: { overwrite?: boolean } = {}): void {
    if (this.done) throw new Error(`${this.target}: already committed or discarded`);
    if (opts.overwrite) {
      try {
        chmodSync(this.tmp, statSync(this.target).mode & 0o7777);
      } catch {
        /* a new name */
      }
      renameSync(this.tmp, this.target);
    } else {
      linkOrReserve(this.tmp, this.target);
    }
    this.done = true;
    release(this.tmp);
    syncFolder(dirname(this.target));
  }

  /** Removes the temporary file (after a commit there is nothing left to remove). */
  discard(): void {
    if (this.done) return;
    this.done = true;
    removeQuietly(this.tmp);
    release(this.tmp);
  }
}

function linkOrReserve(tmp: string, target: string): void {
  try {
    linkSync(tmp, target);
    unlinkSync(tmp);
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK'].includes(code ?? '')) throw e;
  }
  // File systems without hard links (FAT, some network shares): claim the name with an exclusive create,
  // then rename over our own claim.
  closeSync(openSync(target, 'wx'));
  try {
    renameSync(tmp, target);
  } catch (e) {
    try {
      unlinkSync(target);
    } catch {
      /* nothing to undo */
    }
    throw e;
  }
}

/**
 * Writes `content` beside `target` and syncs it; the caller commits or discards. On any failure the
 * temporary file is gone and the error is thrown.
 */
export function writeAside(target: string, content: Content): AsideFile {
  const tmp = asideName(target);
  hold(tmp);
  try {
    if (typeof content === 'function') {
      content(tmp);
      syncFile(tmp);
    } else {
      writeAll(tmp, content);
    }
  } catch (e) {
    removeQuietly(tmp);
    release(tmp);
    throw e;
  }
  return new AsideFile(target, tmp);
}

/**
 * Writes a whole file atomically: complete or not at all. `overwrite` defaults to true; with false the
 * write fails with EEXIST when `target` exists (and never replaces it, however close the race).
 */
export function writeFileAtomic(target: string, content: Content, opts: { overwrite?: boolean } = {}): void {
  const file = writeAside(target, content);
  try {
    file.commit({ overwrite: opts.overwrite ?? true });
  } finally {
    file.discard();
  }
}

/** For tests: how many temporary files this process holds right now. */
export const liveAsideFiles = (): number => live.size;
