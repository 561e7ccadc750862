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
