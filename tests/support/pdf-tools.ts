// The printer's tools, run on our PDFs: poppler, qpdf and Ghostscript (installed on every machine
// that runs the tests; .ci/run installs them).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function withFile<T>(pdf: Buffer, fn: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-pdf-'));
  try {
    const path = join(dir, 'out.pdf');
    writeFileSync(path, pdf);
    return fn(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function tool(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface PdfFont {
  name: string;
  type: string;
  encoding: string;
  emb: boolean;
  sub: boolean;
  uni: boolean;
}

export function pdffonts(pdf: Buffer): PdfFont[] {
  const out = withFile(pdf, (p) => tool('pdffonts', [p]));
  return out
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      const [emb, sub, uni] = cols.slice(-5, -2);
      return {
        name: cols[0],
        type: cols.slice(1, -6).join(' '),
        encoding: cols[cols.length - 6],
        emb: emb === 'yes',
        sub: sub === 'yes',
        uni: uni === 'yes',
      };
    });
}

/** Text as poppler extracts it; `raw` keeps content-stream order, the order PDF readers copy in. */
export function pdftotext(pdf: Buffer, page?: number, raw = false): string {
  return withFile(pdf, (p) =>
    tool('pdftotext', [
      ...(page ? ['-f', String(page), '-l', String(page)] : []),
      ...(raw ? ['-raw'] : []),
      '-enc',
      'UTF-8',
      p,
      '-',
    ]),
  );
}

export function pdfinfo(pdf: Buffer): Record<string, string> {
  const out = withFile(pdf, (p) => tool('pdfinfo', ['-box', p]));
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m && !(m[1].trim() in info)) info[m[1].trim()] = m[2].trim();
  }
  return info;
}

export const box = (s: string): number[] => s.split(/\s+/).map(Number);

/** All objects of the file as qpdf's JSON (streams' dictionaries, not their data). */
export function qpdfObjects(
  pdf: Buffer,
): Record<string, { value?: unknown; stream?: { dict: Record<string, unknown> } }> {
  const out = withFile(pdf, (p) => tool('qpdf', ['--json=2', '--json-key=qpdf', p]));
  const j = JSON.parse(out) as {
    qpdf: [unknown, Record<string, { value?: unknown; stream?: { dict: Record<string, unknown> } }>];
  };
  return j.qpdf[1];
}

export function qpdfCheck(pdf: Buffer): string {
  return withFile(pdf, (p) => tool('qpdf', ['--check', p]));
}

/** Renders the trim box to CMYK pixels (Ghostscript simulates overprint on CMYK devices). */
export function renderCmyk(pdf: Buffer, dpi: number): { width: number; height: number; data: Buffer } {
  return withFile(pdf, (p, dir) => {
    const out = join(dir, 'page.pam');
    tool('gs', [
      '-q',
      '-dSAFER',
      '-dBATCH',
      '-dNOPAUSE',
      '-dUseTrimBox',
      '-sDEVICE=pamcmyk32',
      `-r${dpi}`,
      '-o',
      out,
      p,
    ]);
    const buf = readFileSync(out);
    const headerEnd = buf.indexOf('ENDHDR\n') + 7;
    const header = buf.toString('latin1', 0, headerEnd);
    return {
      width: Number(/WIDTH (\d+)/.exec(header)![1]),
      height: Number(/HEIGHT (\d+)/.exec(header)![1]),
      data: buf.subarray(headerEnd),
    };
  });
}

/** Average coverage per ink over the trim box, as `gs -sDEVICE=inkcov` reports it (fractions). */
export function inkcov(pdf: Buffer): number[][] {
  const out = withFile(pdf, (p) =>
    tool('gs', ['-q', '-dSAFER', '-dUseTrimBox', '-o', '-', '-sDEVICE=inkcov', p]),
  );
  return out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).slice(0, 4).map(Number));
}

/**
 * Ghostscript's lcms separating one sRGB colour (0–255 a channel) with an output profile, under a
 * rendering intent (0 perceptual, 1 relative, 2 saturation, 3 absolute; Ghostscript's default when
 * absent): the CMYK ink, 0–255 a plate.
 */
export function gsSeparate(profile: string, rgb: readonly number[], intent?: number): number[] {
  return withFile(Buffer.alloc(0), (_p, dir) => {
    tool('gs', [
      '-q',
      '-dSAFER',
      '-dBATCH',
      '-dNOPAUSE',
      '-sDEVICE=pamcmyk32',
      `-sOutputICCProfile=${profile}`,
      ...(intent === undefined ? [] : [`-dRenderIntent=${intent}`]),
      '-g2x2',
      '-r72',
      '-o',
      `${dir}/c.pam`,
      '-c',
      `${rgb.map((v) => v / 255).join(' ')} setrgbcolor 0 0 10 10 rectfill showpage`,
    ]);
    const buf = readFileSync(`${dir}/c.pam`);
    return [...buf.subarray(buf.length - 4)];
  });
}

/** The PDF's output intent and, when it embeds one, the profile's bytes. */
export function outputIntent(pdf: Buffer): { dict: Record<string, unknown>; profile: Buffer | null } {
  const objects = qpdfObjects(pdf);
  const dict = Object.values(objects)
    .map((o) => o.value as Record<string, unknown> | undefined)
    .find((v) => !!v && typeof v === 'object' && v['/Type'] === '/OutputIntent')!;
  const ref = dict['/DestOutputProfile'] as string | undefined;
  const profile = ref
    ? withFile(pdf, (p) =>
        execFileSync('qpdf', [`--show-object=${ref.split(' ')[0]}`, '--filtered-stream-data', p]),
      )
    : null;
  return { dict, profile };
}
