// The plant's output profile: an ICC file the user adds (or names on the command line). PDF/X
// embeds it as the output intent, with its own description as the output condition, and photos
// are separated with it.
import { readFileSync } from 'node:fs';

export interface OutputProfile {
  path: string;
  bytes: Buffer;
  /** The profile's description ('desc'), the output condition the PDF names. */
  description: string;
}

/** A profile the PDF/X output intent can take: an ICC output ('prtr') profile for CMYK. */
export function readOutputProfile(path: string): OutputProfile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new Error(`无法读取输出特性文件 ${path}（cannot read output profile）：${(e as Error).message}`, {
      cause: e,
    });
  }
  const sig = (at: number) => bytes.toString('latin1', at, at + 4);
  if (bytes.length < 132 || sig(36) !== 'acsp' || bytes.readUInt32BE(0) !== bytes.length)
    throw new Error(`${path} 不是 ICC 特性文件（not an ICC profile）`);
  if (sig(12) !== 'prtr' || sig(16) !== 'CMYK')
    throw new Error(
      `${path} 不是 CMYK 印刷输出特性文件（needs a CMYK output profile, got ${sig(12).trim()}/${sig(16).trim()}）`,
    );
  return {
    path,
    bytes,
    description: profileDescription(bytes) ?? path.replace(/^.*[\\/]/, '').replace(/\.ic[cm]$/i, ''),
  };
}

/** The 'desc' tag's text: ICC v2 textDescriptionType or v4 multiLocalizedUnicodeType (first record). */
export function profileDescription(icc: Buffer): string | null {
  const count = icc.readUInt32BE(128);
  for (let i = 0; i < count && 132 + 12 * i + 12 <= icc.length; i++) {
    const e = 132 + 12 * i;
    if (icc.toString('latin1', e, e + 4) !== 'desc') continue;
    const at = icc.readUInt32BE(e + 4);
    const type = icc.toString('latin1', at, at + 4);
    if (type === 'desc') {
      const n = icc.readUInt32BE(at + 8);
      return icc.toString('latin1', at + 12, at + 12 + n).replace(/\0+$/, '') || null;
    }
    if (type === 'mluc') {
      const len = icc.readUInt32BE(at + 20),
        off = icc.readUInt32BE(at + 24);
      const b = Buffer.from(icc.subarray(at + off, at + off + len));
      return b.swap16().toString('utf16le').replace(/\0+$/, '') || null;
    }
  }
  return null;
}
