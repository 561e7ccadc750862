// The newsroom's own faces: Debian's fonts-noto-cjk (CFF in a .ttc collection), fonts-arphic-ukai
// (TrueType collection) and fonts-lxgw-wenkai, as .ci/run installs them. `banmian fonts --json`
// lists them; the sample exported with 书宋 set in Noto Serif CJK SC embeds a CID-keyed CFF subset
// that poppler, qpdf and the screen agree on; a face whose licence forbids embedding is refused.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../electron/services/paths';
import { pdffonts, qpdfCheck, withFile, tool } from '../../support/pdf-tools';

const root = projectRoot();
const dir = mkdtempSync(join(tmpdir(), 'banmian-fonts-'));
const env = { ...process.env, XDG_CACHE_HOME: join(dir, 'cache'), NODE_DISABLE_COMPILE_CACHE: '1' };

function cli(args: string[]): { code: number; out: string; err: string } {
  try {
    return { code: 0, out: execFileSync(process.execPath, [join(root, 'dist/cli.cjs'), ...args], { env, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] }), err: '' };
  } catch (e) {
    const x = e as { status: number; stdout: string; stderr: string };
    return { code: x.status, out: x.stdout, err: x.stderr };
  }
}

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts/build-node.mjs')], { cwd: root, stdio: 'ignore' });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Grey pixels of page 1 at 50 dpi (pdftoppm). */
function render(pdf: Buffer): Uint8Array {
  return withFile(pdf, (p, d) => {
    tool('pdftoppm', ['-r', '50', '-gray', '-f', '1', '-l', '1', p, join(d, 'r')]);
    const pgm = readFileSync(join(d, 'r-1.pgm'));
    // P5 header: magic, width, height, maxval, each followed by white space.
    let at = 0, fields = 0;
    while (fields < 4) { while (pgm[at] === 0x20 || pgm[at] === 0x0a) at++; while (pgm[at] !== 0x20 && pgm[at] !== 0x0a) at++; fields++; }
    return pgm.subarray(at + 1);
  });
}

describe('installed faces', () => {
  it('banmian fonts --json lists Debian\'s faces with format, permission and GB coverage', () => {
    const r = cli(['fonts', '--json']);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out) as { roles: { role: string; face: string }[]; faces: { id: string; postscriptName?: string; format?: string; collection?: boolean; embeddable?: boolean; coverage?: { gb2312: [number, number]; gbk: [number, number] } }[] };
    const ps = (name: string) => report.faces.find((f) => f.postscriptName === name);
    const serif = ps('NotoSerifCJKsc-Regular')!;
    expect(serif).toMatchObject({ format: 'CFF', collection: true, embeddable: true });
    expect(serif.coverage!.gb2312[0]).toBe(serif.coverage!.gb2312[1]);
    const ukai = ps('UKaiCN')!;
    expect(ukai).toMatchObject({ format: 'TrueType', collection: true });
    expect(ukai.coverage!.gb2312[0] / ukai.coverage!.gb2312[1]).toBeGreaterThan(0.99);
    expect(ps('LXGWWenKai-Regular')).toMatchObject({ format: 'TrueType', collection: false });
    expect(report.roles.find((x) => x.role === '楷体')?.face).toBe('lxgw-wenkai-400-system');
    // Bundled faces are listed with their roles too.
    expect(report.faces.find((f) => f.id === 'noto-serif-sc-400')).toMatchObject({ format: 'TrueType' });
  }, 120_000);

  it('exports the sample with 书宋 in Noto Serif CJK SC (CFF in a .ttc) as an embedded CID Type 0C subset', () => {
    const out = join(dir, 'cff.pdf'), ref = join(dir, 'ttf.pdf');
    const time = ['--time', '2026-03-01T08:00:00+08:00', '--pages', '1'];
    let r = cli(['export', '--sample', '-o', out, '--font', '书宋=Noto Serif CJK SC', '--force', ...time]);
    expect(r.code, r.err).toBe(0);
    r = cli(['export', '--sample', '-o', ref, '--force', ...time]);
    expect(r.code, r.err).toBe(0);
    const pdf = readFileSync(out);
    const fonts = pdffonts(pdf);
    const body = fonts.find((f) => /\+NotoSerifCJKsc-Regular$/.test(f.name));
    expect(body).toMatchObject({ type: 'CID Type 0C', emb: true, sub: true, uni: true });
    expect(fonts.every((f) => f.emb && f.sub && f.uni)).toBe(true);
    expect(qpdfCheck(pdf)).toMatch(/No syntax or stream encoding errors/);
    // Ghostscript reads the CFF too (a second, independent interpreter of the font program).
    withFile(pdf, (p) => tool('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=nullpage', p]));
    // The text comes back as the same characters as the TrueType export's.
    const text = (b: Buffer) => withFile(b, (p) => tool('pdftotext', ['-enc', 'UTF-8', p, '-'])).replace(/\s+/g, '');
    expect(text(pdf)).toBe(text(readFileSync(ref)));
    // Drawn: Noto Serif CJK SC and Noto Serif SC are the same design, so the page renders (nearly) alike;
    // a broken subset (wrong glyphs, empty charstrings) would differ in most of the body text.
    const a = render(pdf), b = render(readFileSync(ref));
    expect(a.length).toBe(b.length);
    let differ = 0, ink = 0;
    for (let i = 0; i < a.length; i++) { if (Math.abs(a[i] - b[i]) > 96) differ++; if (b[i] < 128) ink++; }
    expect(ink).toBeGreaterThan(10_000);
    expect(differ / ink).toBeLessThan(0.05);
  }, 120_000);

  it('refuses for print a face whose licence forbids embedding (fsType 0x0002), allows it for proofs', () => {
    // A copy of LXGW WenKai with its OS/2 fsType set to Restricted License embedding.
    const src = readFileSync('/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf');
    const n = src.readUInt16BE(4);
    let os2 = -1;
    for (let i = 0; i < n; i++) if (src.toString('latin1', 12 + 16 * i, 16 + 16 * i) === 'OS/2') os2 = src.readUInt32BE(12 + 16 * i + 8);
    expect(os2).toBeGreaterThan(0);
    const copy = Buffer.from(src);
    copy.writeUInt16BE(0x0002, os2 + 8);
    const file = join(dir, 'restricted.ttf');
    writeFileSync(file, copy);
    let r = cli(['preflight', '--sample', '--pages', '1', '--font', `书宋=${file}`]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/授权不允许嵌入/);
    r = cli(['export', '--sample', '--pages', '1', '-o', join(dir, 'refused.pdf'), '--font', `书宋=${file}`]);
    expect(r.code).toBe(1);
    expect(r.out + r.err).toMatch(/授权不允许嵌入/);
    r = cli(['export', '--sample', '--pages', '1', '--preset', 'proof', '-o', join(dir, 'proof.pdf'), '--font', `书宋=${file}`]);
    expect(r.code, r.err).toBe(0);
    // The unedited face is accepted.
    copyFileSync('/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf', join(dir, 'ok.ttf'));
    r = cli(['preflight', '--sample', '--pages', '1', '--font', `书宋=${join(dir, 'ok.ttf')}`, '--json']);
    expect(r.out).not.toMatch(/font-not-embeddable/);
  }, 120_000);

  it('says which role and face a bad --font names', () => {
    const r = cli(['layout', '--sample', '--summary', '--font', '书宋=No Such Face']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/找不到字体 “No Such Face”/);
    const r2 = cli(['layout', '--sample', '--summary', '--font', '隶书=noto-serif-sc-400']);
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/没有 “隶书” 这个字体角色/);
  });
});
