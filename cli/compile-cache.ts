// V8's compile cache (Node 22.1+): the second run of a command reads its compiled code instead of
// compiling pdfkit, fontkit and the engine again. Kept in the user's cache folder; NODE_COMPILE_CACHE
// chooses another, NODE_DISABLE_COMPILE_CACHE turns it off (both Node's own).
import * as nodeModule from 'node:module';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';

/** The user's cache folder for Banmian, by the platform's convention. */
export function userCacheDir(): string {
  const env = process.env;
  if (platform() === 'win32')
    return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'banmian', 'Cache');
  if (platform() === 'darwin') return join(homedir(), 'Library', 'Caches', 'banmian');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'banmian');
}

export function enableCompileCache(): void {
  const enable = (nodeModule as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
  // Older Node has none; a cache that cannot be written is only slower, never an error.
  try {
    enable?.(process.env.NODE_COMPILE_CACHE || join(userCacheDir(), 'v8-compile-cache'));
  } catch {
    /* runs uncached */
  }
}

/**
 * Writes what the compile cache learnt as soon as the command is done: left to the process's exit,
 * the same check cost 25–35 ms of every run's wall time (measured, docs/BENCHMARKS.md).
 */
export function flushCompileCache(): void {
  const flush = (nodeModule as { flushCompileCache?: () => void }).flushCompileCache;
  try {
    flush?.();
  } catch {
    /* the next run compiles again */
  }
}
