// Stand-ins for three modules our dependencies load at start-up and that cost more than the work the
// product does with them (`banmian export --sample` spent ~110 ms of a ~0.45 s run in them):
// - `tiny-inflate` (required by unicode-trie, so by linebreak and unicode-properties, and by fontkit):
//   pure-JavaScript raw deflate, run at module load to inflate the Unicode property tries. Node's zlib
//   does the same in native code.
// - `brotli/decompress.js` (fontkit, for WOFF2 only): builds its 120 KB dictionary when loaded. Node's
//   zlib has brotli.
// - `@noble/ciphers/aes` (pdfkit, for encrypted PDFs only, which Banmian never writes): generates its
//   AES tables when loaded. Loaded when first used instead.
// Installed once at process start, before those packages are required (the CLI, the test host, the
// job worker, the desktop app's main process): the packages then find these in Node's module cache.
import { createRequire } from 'node:module';
import { brotliDecompressSync, inflateRawSync } from 'node:zlib';

/** tiny-inflate's contract: raw deflate `source` into `dest`; `dest` itself when filled, else the filled part. */
export function inflateInto(source: Uint8Array, dest: Uint8Array): Uint8Array {
  const out = inflateRawSync(source);
  if (out.length > dest.length) throw new Error('Data error');
  dest.set(out);
  if (out.length < dest.length) return dest.slice(0, out.length);
  return dest;
}

/** brotli/decompress.js's contract: the decompressed bytes of a whole brotli stream. */
export function brotliDecompress(buffer: Uint8Array): Uint8Array {
  const out = brotliDecompressSync(buffer);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** A module's exports, loaded from `file` the first time one of them is read. */
export function loadedWhenUsed(req: NodeJS.Require, file: string): object {
  let real: Record<string | symbol, unknown> | undefined;
  const load = () => {
    if (!real) {
      // The cache holds this stand-in under `file`: out of the way, so the real module loads (and stays).
      delete req.cache[file];
      real = req(file) as Record<string | symbol, unknown>;
    }
    return real;
  };
  return new Proxy(
    {},
    {
      get: (_t, key) => load()[key],
      has: (_t, key) => key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_t, key) => {
        const d = Reflect.getOwnPropertyDescriptor(load(), key);
        return d && { ...d, configurable: true };
      },
    },
  );
}

// Each package that requires one, the request it makes, and what it gets instead.
const STAND_INS: [user: string, request: string, make: (req: NodeJS.Require, file: string) => unknown][] = [
  ['unicode-trie', 'tiny-inflate', () => inflateInto],
  ['fontkit', 'tiny-inflate', () => inflateInto],
  ['fontkit', 'brotli/decompress.js', () => brotliDecompress],
  ['pdfkit', '@noble/ciphers/aes', loadedWhenUsed],
];

let installed = false;

/**
 * Puts the stand-ins into Node's module cache under the files the packages would load. Only makes
 * start-up faster: where a package is not found (another layout), it loads its own copy.
 */
export function installModuleStandIns(from: string = __filename): void {
  if (installed) return;
  installed = true;
  const root = createRequire(from);
  const cache = root.cache;
  if (!cache) return;
  for (const [user, request, make] of STAND_INS) {
    let file: string;
    let req: NodeJS.Require;
    try {
      req = createRequire(root.resolve(user));
      file = req.resolve(request);
    } catch {
      continue;
    }
    if (cache[file]) continue;
    const exports = make(req, file);
    const standIn = { id: file, filename: file, loaded: true, exports, children: [], paths: [], path: file };
    cache[file] = standIn as unknown as NodeJS.Module;
  }
}
