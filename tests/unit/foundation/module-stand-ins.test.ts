// The zlib stand-ins for tiny-inflate and brotli/decompress.js give the bytes the packages give.
import { createRequire } from 'node:module';
import { brotliCompressSync, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { brotliDecompress, inflateInto, loadedWhenUsed } from '../../../electron/services/module-stand-ins';

const req = createRequire(createRequire(import.meta.url).resolve('fontkit'));
const tinyInflate = req('tiny-inflate') as (source: Uint8Array, dest: Uint8Array) => Uint8Array;
const brotli = req('brotli/decompress.js') as (buffer: Uint8Array, size?: number) => Uint8Array;

function payloads(): Buffer[] {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const text = Buffer.from('版面：新闻排版与印前。'.repeat(400));
  const noise = Buffer.from(Array.from({ length: 5000 }, () => Math.floor(random() * 256)));
  const runs = Buffer.from(Array.from({ length: 70000 }, (_, i) => (i >> 9) & 0xff));
  return [Buffer.alloc(0), Buffer.from([1]), text, noise, runs];
}

describe('module stand-ins', () => {
  it('inflate raw deflate into the given buffer exactly as tiny-inflate does', () => {
    for (const p of payloads()) {
      for (const extra of [0, 3]) {
        const packed = deflateRawSync(p, { level: extra ? 1 : 9 });
        const ours = inflateInto(packed, new Uint8Array(p.length + extra));
        const theirs = tinyInflate(packed, new Uint8Array(p.length + extra));
        expect(Buffer.from(ours)).toEqual(Buffer.from(theirs));
        expect(ours.length).toBe(theirs.length);
      }
    }
  });

  it('refuses data that does not fit or is not deflate', () => {
    expect(() => inflateInto(deflateRawSync(Buffer.alloc(100)), new Uint8Array(10))).toThrow();
    expect(() => inflateInto(Buffer.from([0xff, 0xff, 0xff]), new Uint8Array(10))).toThrow();
  });

  it('decompress brotli as the brotli package does', () => {
    for (const p of payloads().filter((x) => x.length)) {
      const packed = brotliCompressSync(p);
      expect(Buffer.from(brotliDecompress(packed))).toEqual(Buffer.from(brotli(packed, p.length)));
    }
  });

  it('load a module only when one of its exports is read', () => {
    const made = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
    const file = made.resolve('@noble/ciphers/aes');
    delete made.cache[file];
    const lazy = loadedWhenUsed(made, file) as { cbc: unknown };
    expect(made.cache[file]).toBeUndefined();
    expect(typeof lazy.cbc).toBe('function');
    expect(made.cache[file]).toBeDefined();
    expect(Object.keys(lazy)).toContain('ecb');
  });
});
