// Photos prepared for print, kept on disk between processes (the command line's cache folder): an
// edition exported again — the same page through the night, the sample — takes its separated photos
// from here and never loads libvips. Keyed by the photo's bytes, everything that shapes the plate
// (ink limit, transparency, the output profile's bytes, resolution, quality, the size the pages need)
// and sharp's version; an entry that cannot be read is prepared again. Failures are not kept.
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { sharpModule } from '../resources';
import type { PrintPhoto } from './photo';

const FORMAT = 'banmian-print-photo/2';
/** The folder is trimmed to this size (oldest entries first) when an entry is added. */
const MAX_BYTES = 256 * 1024 * 1024;

let folder: string | null = null;
let version: string | null = null;

/** Keeps prepared photos in `dir` from now on (null: in memory only, the default). */
export function keepPrintPhotosIn(dir: string | null): void {
  folder = dir;
}

function sharpVersion(): string {
  if (version === null) {
    try {
      const pkg = join(dirname(sharpModule()), '..', 'package.json');
      version = String((JSON.parse(readFileSync(pkg, 'utf8')) as { version?: string }).version);
    } catch {
      version = 'unknown';
    }
  }
  return version;
}

function entryFile(key: string, target: { width: number; height: number }): string {
  const name = createHash('sha1')
    .update(`${FORMAT}|${sharpVersion()}|${key}|${target.width}x${target.height}`)
    .digest('hex');
  return join(folder!, `${name}.bin`);
}

type Header = Omit<PrintPhoto, 'jpeg' | 'alpha' | 'ink' | 'outputProfile'> & {
  format: string;
  jpeg: number;
  alpha: number;
  ink: number;
  channels: 1 | 4;
};

/** The photo prepared by an earlier process, or null. */
export function storedPrintPhoto(
  key: string,
  target: { width: number; height: number },
  outputProfile: string,
): PrintPhoto | null {
  if (!folder) return null;
  let buf: Buffer;
  try {
    buf = readFileSync(entryFile(key, target));
  } catch {
    return null;
  }
  try {
    const size = buf.readUInt32BE(0);
    const h = JSON.parse(buf.subarray(4, 4 + size).toString('utf8')) as Header;
    let at = 4 + size;
    const take = (n: number) => {
      const out = buf.subarray(at, at + n);
      at += n;
      return out;
    };
    if (h.format !== FORMAT || buf.length !== at + Math.max(h.jpeg, 0) + Math.max(h.alpha, 0) + h.ink)
      return null;
    const jpeg = h.jpeg < 0 ? null : Buffer.from(take(h.jpeg));
    const alpha = h.alpha < 0 ? null : new Uint8Array(take(h.alpha));
    const samples = new Uint8Array(take(h.ink));
    const { format: _f, jpeg: _j, alpha: _a, ink: _i, channels, ...rest } = h;
    return { ...rest, jpeg, alpha, ink: { samples, channels }, outputProfile };
  } catch {
    return null;
  }
}

/** Keeps a prepared photo for later processes; a folder that cannot be written is only slower. */
export function storePrintPhoto(key: string, target: { width: number; height: number }, p: PrintPhoto): void {
  if (!folder) return;
  const { jpeg, alpha, ink, outputProfile: _o, ...rest } = p;
  const header: Header = {
    ...rest,
    format: FORMAT,
    jpeg: jpeg ? jpeg.length : -1,
    alpha: alpha ? alpha.length : -1,
    ink: ink.samples.length,
    channels: ink.channels,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const size = Buffer.alloc(4);
  size.writeUInt32BE(json.length);
  const parts = [size, json, ...(jpeg ? [jpeg] : []), ...(alpha ? [alpha] : []), ink.samples];
  try {
    mkdirSync(folder, { recursive: true });
    const file = entryFile(key, target);
    // Written aside and renamed: a reader sees the whole entry or none (its length is checked too).
    const part = `${file}.${process.pid}.part`;
    writeFileSync(part, Buffer.concat(parts));
    renameSync(part, file);
    trim(folder);
  } catch {
    /* not kept */
  }
}

function trim(dir: string): void {
  const entries = readdirSync(dir)
    .filter((n) => n.endsWith('.bin'))
    .map((n) => {
      const s = statSync(join(dir, n));
      return { path: join(dir, n), size: s.size, time: s.mtimeMs };
    })
    .sort((a, b) => b.time - a.time);
  let held = 0;
  for (const e of entries) {
    held += e.size;
    if (held > MAX_BYTES) unlinkSync(e.path);
  }
}
