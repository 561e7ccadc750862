// Every failure of a command as the user sees it: a documented exit code and one message naming
// the file and the problem, never a stack trace (BANMIAN_DEBUG=1 adds it, for reporting a bug).
// And the one escaping of what the CLI prints: user content (article text, file names) may carry
// terminal control characters, which are shown, not obeyed.
import type { EditionFileError } from '../electron/services/store';
import { EXIT, UsageError } from './io';

/**
 * An edition file the command could not use, as a usage error: in use, changed underneath, read-only
 * or already there is an output problem (4); anything else about the file is bad input (3).
 */
export function editionFileFailure(e: EditionFileError): UsageError {
  return new UsageError(
    e.message,
    ['exists', 'in-use', 'changed', 'read-only'].includes(e.problem) ? EXIT.output : EXIT.badInput,
  );
}

/** Exit code of a failure that is a defect in Banmian, not in the input (EX_SOFTWARE). */
export const EXIT_INTERNAL = 70;

// C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides and isolates
// that reorder what a terminal shows.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `s` with every control character written as \uXXXX: ESC shows as \u001b. */
export function escapeControls(s: string): string {
  return s.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A stream whose text passes through escapeControls; bytes (a PDF on stdout) pass untouched. */
export function escapingStream(s: NodeJS.WritableStream): NodeJS.WritableStream {
  return new Proxy(s, {
    get(target, prop, receiver) {
      if (prop === 'write') {
        return (chunk: unknown, ...rest: unknown[]) =>
          (target.write as (...a: unknown[]) => boolean)(
            typeof chunk === 'string' ? escapeControls(chunk) : chunk,
            ...rest,
          );
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** The files a command line names (inputs and -o), for messages about errors that do not carry a path. */
function filesOf(argv: string[]): string {
  const files = argv.filter((a) => !a.startsWith('-') && /\.(banmian|json|pdf|docx|txt)$/i.test(a));
  return files.length ? files.join(', ') : 'the edition';
}

const ERRNO_WRITE: Record<string, string> = {
  ENOSPC: 'the disk is full (磁盘已满)',
  EDQUOT: 'the disk quota is used up (磁盘配额已满)',
  EROFS: 'the file system is read-only (只读)',
  EACCES: 'permission denied (没有权限)',
  EPERM: 'operation not permitted (没有权限)',
  EISDIR: 'it is a folder, not a file',
  EMFILE: 'too many open files',
  EIO: 'an input/output error on the disk',
};

const SQLITE: Record<string, [number, string]> = {
  SQLITE_BUSY: [
    EXIT.output,
    'the edition file is in use by another program (the database is locked; 文件被其他程序占用). Close it there and try again',
  ],
  SQLITE_LOCKED: [
    EXIT.output,
    'the edition file is locked by another program (文件被锁定). Close it there and try again',
  ],
  SQLITE_FULL: [EXIT.output, 'the disk is full (磁盘已满)'],
  SQLITE_READONLY: [EXIT.output, 'the edition file or its folder is read-only (只读)'],
  SQLITE_CANTOPEN: [EXIT.output, 'the edition file cannot be opened or created there'],
  SQLITE_IOERR: [EXIT.output, 'an input/output error on the disk'],
  SQLITE_CORRUPT: [EXIT.badInput, 'the edition file is damaged (文件已损坏)'],
  SQLITE_NOTADB: [EXIT.badInput, 'it is not a Banmian edition file'],
};

/** Input errors the services name by class: their messages already name the file and the problem. */
const INPUT_ERRORS = new Set([
  'TemplateError',
  'LayoutError',
  'ProofReadError',
  'ImportError',
  'EditionError',
  'EditionFileError',
  'EditionLoadError',
  'SchemaError',
  'PhotoError',
]);

export function describeFailure(e: unknown, argv: string[]): { code: number; message: string } {
  if (e instanceof UsageError) return { code: e.exitCode, message: e.message };
  const err = e instanceof Error ? e : new Error(String(e));
  const errno = (err as NodeJS.ErrnoException).code;
  const path = (err as NodeJS.ErrnoException).path;
  if (typeof errno === 'string' && errno.startsWith('SQLITE_')) {
    const [code, why] = SQLITE[errno] ??
      SQLITE[errno.replace(/_[A-Z]+$/, '')] ?? [EXIT_INTERNAL, `the database reported ${errno}`];
    return { code, message: `${filesOf(argv)}: ${why} [${errno}]` };
  }
  if (typeof errno === 'string' && ERRNO_WRITE[errno]) {
    return {
      code: EXIT.output,
      message: `cannot write ${path ?? filesOf(argv)}: ${ERRNO_WRITE[errno]} [${errno}]; the file was not changed`,
    };
  }
  if (errno === 'ENOENT')
    return { code: EXIT.badInput, message: `no such file or folder: ${path ?? filesOf(argv)}` };
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return {
      code: EXIT.badInput,
      message: `${filesOf(argv)}: the input is nested too deeply to read (嵌套过深)`,
    };
  }
  if (INPUT_ERRORS.has(err.name)) return { code: EXIT.badInput, message: err.message };
  // An install that does not fit this Node: not a defect, and the message says how to mend it.
  if (err.name === 'NativeModuleError') return { code: EXIT_INTERNAL, message: err.message };
  return {
    code: EXIT_INTERNAL,
    message: `internal error (内部错误): ${err.message}. This is a defect in Banmian; run again with BANMIAN_DEBUG=1 to see where it happened, and report it`,
  };
}
