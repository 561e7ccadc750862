// What a command may touch of the process: streams and the exit code. Tests pass their own.
export interface CliIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** A failure the user caused (bad option, bad file): printed without a stack, with this exit code. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT = {
  ok: 0,
  /** The command ran but found problems (preflight errors, overset when asked to fail on it). */
  findings: 1,
  /** Bad options or arguments. */
  usage: 2,
  /** An input file could not be read or is not what it claims to be. */
  badInput: 3,
  /** Output could not be written. */
  output: 4,
} as const;

export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks);
}

/**
 * Minimal option parser: `--name value`, `--name=value`, boolean `--flag`, positionals.
 * `spec` lists the options that take a value; anything else starting with -- is a flag if in `flags`.
 */
export function parseArgs(
  argv: string[],
  spec: { values: string[]; flags: string[] },
): { opts: Record<string, string | true>; positional: string[] } {
  const opts: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') || (a.startsWith('-') && a.length === 2 && a !== '-')) {
      const eq = a.indexOf('=');
      const name = (eq > 0 ? a.slice(0, eq) : a).replace(/^--?/, '');
      if (spec.values.includes(name)) {
        const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) throw new UsageError(`option --${name} needs a value`);
        opts[name] = v;
      } else if (spec.flags.includes(name)) {
        if (eq > 0) throw new UsageError(`option --${name} takes no value`);
        opts[name] = true;
      } else {
        throw new UsageError(`unknown option ${a}`);
      }
    } else positional.push(a);
  }
  return { opts, positional };
}
