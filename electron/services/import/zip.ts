// Reading the parts of a .docx (a zip archive) with bounded time and memory. The central directory is
// read by hand so that every entry's declared sizes are checked before anything is inflated, and the
// inflating itself is fed in small slices and stopped as soon as the output passes what was declared or
// the limit: a zip bomb costs at most a few megabytes and milliseconds before it is refused.
import { crc32 } from 'node:zlib';
import { Inflate } from 'fflate';
import { ImportError, LIMITS, mb } from './errors';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export class ZipReader {
  readonly entries = new Map<string, ZipEntry>();
  private inflated = 0;

  constructor(
    private readonly data: Buffer,
    private readonly label: string,
  ) {
    const n = data.length;
    // The end-of-central-directory record sits in the last 22 + 65535 bytes.
    let eocd = -1;
    for (let i = n - 22; i >= Math.max(0, n - 22 - 65535); i--) {
      if (data.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0)
      throw new ImportError(
        `${label} is not a zip archive (no directory at its end); it may be cut short or not a .docx at all.`,
      );
    const count = data.readUInt16LE(eocd + 10);
    const cdSize = data.readUInt32LE(eocd + 12);
    const cdOffset = data.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdOffset === 0xffffffff)
      throw new ImportError(`${label} is a ZIP64 archive, which a Word story never needs; it was not read.`);
    if (count > LIMITS.zipEntries)
      throw new ImportError(
        `${label} lists ${count} files inside; a Word document has a few dozen. It was not read.`,
      );
    if (cdOffset + cdSize > eocd)
      throw new ImportError(`${label} is damaged: its zip directory points outside the file.`);
    let p = cdOffset;
    for (let k = 0; k < count; k++) {
      if (p + 46 > n || data.readUInt32LE(p) !== 0x02014b50)
        throw new ImportError(`${label} is damaged: its zip directory is broken at entry ${k + 1}.`);
      const nameLen = data.readUInt16LE(p + 28);
      const extraLen = data.readUInt16LE(p + 30);
      const commentLen = data.readUInt16LE(p + 32);
      const name = data.toString('utf8', p + 46, p + 46 + nameLen);
      this.entries.set(name, {
        name,
        flags: data.readUInt16LE(p + 8),
        method: data.readUInt16LE(p + 10),
        crc: data.readUInt32LE(p + 16),
        compressedSize: data.readUInt32LE(p + 20),
        size: data.readUInt32LE(p + 24),
        localOffset: data.readUInt32LE(p + 42),
      });
      p += 46 + nameLen + extraLen + commentLen;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The inflated bytes of one entry, refused if it declares or turns out to be larger than `limit`. */
  read(name: string, limit: number): Buffer {
    const e = this.entries.get(name);
    if (!e) throw new ImportError(`${this.label} has no ${name}.`);
    if (e.flags & 1)
      throw new ImportError(
        `${this.label} is encrypted (password-protected); save it without a password and import again.`,
      );
    if (e.size > limit)
      throw new ImportError(
        `${this.label}: ${name} would inflate to ${mb(e.size)}, over the ${mb(limit)} limit; it was not read.`,
      );
    if (this.inflated + e.size > LIMITS.totalInflated)
      throw new ImportError(
        `${this.label} would inflate to more than ${mb(LIMITS.totalInflated)}; it was not read.`,
      );
    const d = this.data;
    const lo = e.localOffset;
    if (lo + 30 > d.length || d.readUInt32LE(lo) !== 0x04034b50)
      throw new ImportError(`${this.label} is damaged: ${name} is not where the zip directory says.`);
    const start = lo + 30 + d.readUInt16LE(lo + 26) + d.readUInt16LE(lo + 28);
    const end = start + e.compressedSize;
    if (end > d.length)
      throw new ImportError(`${this.label} is damaged: ${name} runs past the end of the file.`);
    const raw = d.subarray(start, end);
    // The declared size is the writer's claim; the output is held to it (and to the limit) as it grows.
    const cap = Math.min(e.size, limit);
    let out: Buffer;
    if (e.method === 0) {
      if (raw.length > cap)
        throw new ImportError(`${this.label}: ${name} is larger than it declares; it was not read.`);
      out = Buffer.from(raw);
    } else if (e.method === 8) {
      const chunks: Uint8Array[] = [];
      let total = 0;
      let done = false;
      const inf = new Inflate((chunk, final) => {
        total += chunk.length;
        if (total > cap)
          throw new ImportError(
            `${this.label}: ${name} inflates past its declared ${mb(e.size)} (a zip bomb?); it was not read.`,
          );
        chunks.push(chunk);
        if (final) done = true;
      });
      const SLICE = 4096;
      try {
        for (let i = 0; i < raw.length; i += SLICE)
          inf.push(raw.subarray(i, Math.min(raw.length, i + SLICE)), i + SLICE >= raw.length);
        if (!raw.length) inf.push(new Uint8Array(0), true);
      } catch (err) {
        if (err instanceof ImportError) throw err;
        throw new ImportError(
          `${this.label} is damaged: ${name} cannot be inflated (${(err as Error).message}).`,
        );
      }
      if (!done && total < e.size) throw new ImportError(`${this.label} is damaged: ${name} ends early.`);
      out = Buffer.concat(chunks, total);
    } else {
      throw new ImportError(
        `${this.label}: ${name} uses zip method ${e.method}, which Word never writes; it was not read.`,
      );
    }
    if (out.length !== e.size)
      throw new ImportError(
        `${this.label} is damaged: ${name} is ${out.length} bytes, the directory says ${e.size}.`,
      );
    if (crc32(out) !== e.crc) throw new ImportError(`${this.label} is damaged: ${name} fails its checksum.`);
    this.inflated += out.length;
    return out;
  }
}
