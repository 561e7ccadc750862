// The log newsroom IT reads when something went wrong: one line per event, appended to
// <folder>/banmian.log (the desktop app's folder is userData/logs), rotated by size so it never
// fills a disk: banmian.log → banmian.log.1 → … → banmian.log.<keep>, the oldest dropped.
//
//   2025-03-01T08:12:44.031Z ERROR edition.autosave {"path":"/home/…/要闻-2025-03-01.banmian"} SqliteError: disk I/O error
//       at …
//
// Writes are synchronous so a line about a crash is on disk before the process goes. A log that
// cannot be written never stops the app: the failure goes to stderr once and logging carries on.
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'INFO' | 'WARN' | 'ERROR';
export type LogContext = Record<string, unknown>;

export interface Logger {
  info(event: string, context?: LogContext): void;
  warn(event: string, context?: LogContext, error?: unknown): void;
  error(event: string, context?: LogContext, error?: unknown): void;
}

export const LOG_FILE = 'banmian.log';

export interface FileLoggerOptions {
  /** Rotate when the file would pass this size (default 5 MB). */
  maxBytes?: number;
  /** Old files kept beside the current one (default 3). */
  keep?: number;
  now?: () => Date;
}

/** What an error says, with its stack when it has one. */
function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : JSON.stringify(error);
}

export function formatLine(
  at: Date,
  level: LogLevel,
  event: string,
  context?: LogContext,
  error?: unknown,
): string {
  let line = `${at.toISOString()} ${level} ${event}`;
  if (context && Object.keys(context).length) line += ` ${JSON.stringify(context)}`;
  if (error !== undefined) line += ` ${describe(error).replace(/\n/g, '\n    ')}`;
  return line + '\n';
}

export function fileLogger(dir: string, opts: FileLoggerOptions = {}): Logger & { path: string } {
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
  const keep = opts.keep ?? 3;
  const now = opts.now ?? (() => new Date());
  const path = join(dir, LOG_FILE);
  let size: number | null = null;
  let broken = false;

  const rotate = () => {
    rmSync(`${path}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      try {
        renameSync(`${path}.${i}`, `${path}.${i + 1}`);
      } catch {
        /* not there yet */
      }
    }
    if (keep > 0) renameSync(path, `${path}.1`);
    else rmSync(path, { force: true });
    size = 0;
  };

  const write = (level: LogLevel, event: string, context?: LogContext, error?: unknown) => {
    const line = formatLine(now(), level, event, context, error);
    const bytes = Buffer.byteLength(line);
    try {
      if (size === null) {
        mkdirSync(dir, { recursive: true });
        try {
          size = statSync(path).size;
        } catch {
          size = 0;
        }
      }
      if (size > 0 && size + bytes > maxBytes) rotate();
      appendFileSync(path, line);
      size += bytes;
      broken = false;
    } catch (e) {
      if (!broken) process.stderr.write(`banmian: cannot write the log ${path}: ${(e as Error).message}\n`);
      broken = true;
      size = null;
    }
  };

  return {
    path,
    info: (event, context) => write('INFO', event, context),
    warn: (event, context, error) => write('WARN', event, context, error),
    error: (event, context, error) => write('ERROR', event, context, error),
  };
}

/** For callers that keep no log (the CLI, tests). */
export const noLog: Logger = { info() {}, warn() {}, error() {} };
