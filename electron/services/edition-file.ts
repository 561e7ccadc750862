// The one door for reading and writing an edition on disk, whatever its form: the .banmian edition
// file (SQLite, through the store) or the plain JSON interchange form (photos as base64). The CLI,
// the services and the API all read through here; JSON is validated (and brought up to the current
// schema) on the way in and on the way out.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { Edition } from '../../engine/model/types';
import { EditionError, validateEdition } from '../../engine/model/validate';
import { loadStored, readEditionFile, validEdition, type EditionStore } from './store';

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

/** The edition in a store as pretty-printed, validated JSON text. */
export function editionJson(store: EditionStore): string {
  return JSON.stringify(validEdition(loadStored(store), store.path), null, 2) + '\n';
}

/**
 * Reads an edition's JSON form from bytes (UTF-8, a byte-order mark allowed). Throws EditionError
 * (from the model's validation) or an EditionLoadError naming `source` when the bytes are not UTF-8 JSON.
 */
export function editionFromJson(bytes: Uint8Array, source: string): Edition {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new EditionLoadError(source, `${source} is not UTF-8 text`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new EditionLoadError(
      source,
      `期次文件不是有效的 JSON（${source} is not valid JSON: ${(e as Error).message}）`,
    );
  }
  return validateEdition(raw, source);
}

/** Reads an edition file (.banmian, or JSON); every failure is an EditionLoadError naming the file. */
export function loadEditionFile(path: string): Edition {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory())
      throw new EditionLoadError(
        path,
        `这是文件夹，不是期次文件（${path} is a folder, not an edition file）`,
      );
    size = st.size;
  } catch (e) {
    if (e instanceof EditionLoadError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new EditionLoadError(
      path,
      code === 'ENOENT'
        ? `没有这个期次文件（no such edition file: ${path}）`
        : `无法读取期次文件（cannot read ${path}: ${(e as Error).message}）`,
    );
  }
  if (size === 0) throw new EditionLoadError(path, `期次文件是空的（${path} is empty: not an edition）`);

  if (head(path, 16).toString('latin1') === SQLITE_MAGIC || /\.banmian$/i.test(path)) {
    try {
      return readEditionFile(path);
    } catch (e) {
      throw new EditionLoadError(path, (e as Error).message);
    }
  }
  try {
    return editionFromJson(readFileSync(path), path);
  } catch (e) {
    if (e instanceof EditionError)
      throw new EditionLoadError(path, `${path} is not a valid edition:\n${e.message}`);
    throw e;
  }
}
