// One door for reading an edition from disk, whatever its form: the .banmian edition file (SQLite,
// through the store) or the plain JSON interchange form. The CLI and export go through here.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { Edition } from '../../engine/model/types';
import { EditionError, validateEdition } from '../../engine/model/validate';
import { readEditionFile } from './store';

/** An edition that could not be read; the message says which file and why. Nothing was changed. */
export class EditionLoadError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'EditionLoadError';
  }
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

function head(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

export function loadEditionFile(path: string): Edition {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new EditionLoadError(path, `${path} is a folder, not an edition file`);
    size = st.size;
  } catch (e) {
    if (e instanceof EditionLoadError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new EditionLoadError(
      path,
      code === 'ENOENT' ? `no such edition file: ${path}` : `cannot read ${path}: ${(e as Error).message}`,
    );
  }
  if (size === 0) throw new EditionLoadError(path, `${path} is empty: not an edition`);

  if (head(path, 16).toString('latin1') === SQLITE_MAGIC || path.endsWith('.banmian')) {
    try {
      return readEditionFile(path);
    } catch (e) {
      throw new EditionLoadError(path, (e as Error).message);
    }
  }

  const bytes = readFileSync(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new EditionLoadError(path, `${path} is neither an edition file (.banmian) nor UTF-8 JSON`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new EditionLoadError(path, `${path} is not valid JSON: ${(e as Error).message}`);
  }
  try {
    return validateEdition(raw, path);
  } catch (e) {
    if (e instanceof EditionError)
      throw new EditionLoadError(path, `${path} is not a valid edition:\n${e.message}`);
    throw e;
  }
}
