// The export and preflight commands as a user runs them: the built bundle, real files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli } from '../../support/cli';
import { pdftotext, renderCmyk } from '../../support/pdf-tools';
import jpeg from 'jpeg-js';
import { loadSampleEdition } from '../../../electron/services/sample';

let dir: string;

const cli = (...args: string[]) => runCli(dir, args);

beforeAll(() => {
  buildCli();
  dir = mkdtempSync(join(tmpdir(), 'banmian-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('banmian export', () => {
  it('writes the sample page as PDF/X-1a, the same bytes for the same --time', () => {
    const a = cli('export', '--sample', '-o', 'a.pdf', '--time', '2023-02-16T21:30:00+08:00');
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout.trim()).toBe('a.pdf');
    const b = cli('export', '--sample', '-o', 'b.pdf', '--time', '2023-02-16T21:30:00+08:00');
    expect(b.code).toBe(0);
    const pdf = readFileSync(join(dir, 'a.pdf'));
    expect(pdf.subarray(0, 8).toString()).toBe('%PDF-1.4');
    expect(pdf.equals(readFileSync(join(dir, 'b.pdf')))).toBe(true);
  });

  it('labels a proof with its round (--round) in the page label and the file name, never over that round', () => {
    const r = cli('export', '--sample', '-o', 'proof.pdf', '--preset', 'proof', '--round', '2');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('proof-二校.pdf');
    expect(pdftotext(readFileSync(join(dir, 'proof-二校.pdf')), 1)).toContain('二校');
    const again = cli('export', '--sample', '-o', 'proof.pdf', '--preset', 'proof', '--round', '2');
    expect(again.code).toBe(4);
    expect(again.stderr).toContain('二校的校样已存在');
    expect(cli('export', '--sample', '-o', 'x.pdf', '--round', '1').stderr).toContain('只用于校样');
    expect(cli('export', '--sample', '-o', 'x.pdf', '--preset', 'proof', '--round', '0').code).toBe(2);
  });

  it("names a finding's story by its slug, never its internal id", () => {
    const ed = loadSampleEdition();
    const story = {
      id: 'a-f804ab2f1f',
      slug: '未上版的短讯',
      status: 'draft',
      blocks: ed.articles[0].blocks,
    };
    writeFileSync(join(dir, 'unplaced.json'), JSON.stringify({ ...ed, articles: [...ed.articles, story] }));
    const r = cli('preflight', 'unplaced.json');
    expect(r.stdout).toContain('稿件“未上版的短讯”');
    expect(r.stdout).not.toContain('a-f804ab2f1f');
  });

  it('splits an edition into one file per page, reporting progress on stderr', () => {
    const ed = loadSampleEdition();
    const page2 = { ...ed.pages[0], id: 'p2', number: 2, section: '综合新闻', placements: [] };
    writeFileSync(join(dir, 'two.json'), JSON.stringify({ ...ed, pages: [...ed.pages, page2] }));
    const r = cli('export', 'two.json', '-o', 'day.pdf', '--split', '--preset', 'print-x4', '--force');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['day-01.pdf', 'day-02.pdf']);
    expect(r.stderr).toContain('第2版');
    expect(readdirSync(dir).filter((f) => f.includes('.part'))).toEqual([]);
  });

  it('refuses bad input with a clear message and leaves no file behind', () => {
    writeFileSync(join(dir, 'broken.json'), '{"schemaVersion": 1, "pages": [');
    const r = cli('export', 'broken.json', '-o', 'broken.pdf');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/broken\.json is not valid JSON/);
    expect(existsSync(join(dir, 'broken.pdf'))).toBe(false);

    expect(cli('export', 'nowhere.json', '-o', 'x.pdf').stderr).toMatch(/no such edition file/);
    expect(cli('export', '--sample', '-o', 'x.pdf', '--pages', '2-1').code).toBe(2);
    expect(cli('export', '--sample', '-o', 'x.pdf', '--pages', '5').stderr).toMatch(/no page 5/);
    expect(cli('export', '--sample', '-o', 'x.pdf', '--preset', 'pdfa').code).toBe(2);
    expect(cli('export', '--sample', '-o', 'no/such/dir/x.pdf').code).toBe(4);
    expect(readdirSync(dir).filter((f) => f.startsWith('x'))).toEqual([]);
  });

  it('refuses to print an edition with preflight errors unless forced', () => {
    const ed = loadSampleEdition();
    // A paragraph long enough to overflow its article's regions.
    const a = ed.articles[0];
    a.blocks.push({ type: 'paragraph', children: [{ text: '补充内容。'.repeat(400) }] });
    writeFileSync(join(dir, 'long.json'), JSON.stringify(ed));
    const r = cli('export', 'long.json', '-o', 'long.pdf');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/overset/);
    expect(existsSync(join(dir, 'long.pdf'))).toBe(false);
    const forced = cli('export', 'long.json', '-o', 'long.pdf', '--force');
    expect(forced.code).toBe(0);
    expect(existsSync(join(dir, 'long.pdf'))).toBe(true);
    const proof = cli('export', 'long.json', '-o', 'long-proof.pdf', '--preset', 'proof');
    expect(proof.code).toBe(0);
  });

  it('takes the plant’s profile with --output-profile, and refuses a file that is not one', () => {
    const plant = [
      '/usr/share/color/icc/ghostscript/default_cmyk.icc',
      '/usr/share/ghostscript/10.00.0/iccprofiles/default_cmyk.icc',
    ].find(existsSync)!;
    const r = cli('export', '--sample', '-o', 'plant.pdf', '--output-profile', plant);
    expect(r.code, r.stderr).toBe(0);
    const plain = join(dir, 'plant-plain.pdf');
    spawnSync('qpdf', ['--stream-data=uncompress', join(dir, 'plant.pdf'), plain]);
    const bytes = readFileSync(plain);
    expect(bytes.indexOf(readFileSync(plant))).toBeGreaterThan(0);
    expect(bytes.toString('latin1')).toContain('/OutputCondition (Artifex CMYK SWOP Profile)');
    const rgb = cli(
      'export',
      '--sample',
      '-o',
      'bad.pdf',
      '--output-profile',
      plant.replace('default_cmyk', 'default_rgb'),
    );
    expect(rgb.code).toBe(2);
    expect(rgb.stderr).toMatch(/不是 CMYK 印刷输出特性文件/);
    expect(existsSync(join(dir, 'bad.pdf'))).toBe(false);
  });

  it('separates an RGB photo for the press within the ink limit given', () => {
    const ed = loadSampleEdition();
    const photo = ed.assets[0];
    const w = photo.pixelWidth,
      h = photo.pixelHeight;
    // A saturated RGB scene of the same size: deep blue-black shadows, where separation must hold back ink.
    const rgba = Buffer.alloc(w * h * 4);
    for (let i = 0; i < w * h; i++) {
      const x = i % w;
      rgba.set([Math.round((x / w) * 60), 10, Math.round(40 + (x / w) * 80), 255], i * 4);
    }
    Object.assign(photo, {
      mime: 'image/jpeg',
      colorSpace: 'rgb',
      data: jpeg.encode({ width: w, height: h, data: rgba }, 90).data.toString('base64'),
    });
    writeFileSync(join(dir, 'rgb.json'), JSON.stringify(ed));
    const pre = JSON.parse(cli('preflight', 'rgb.json', '--json', '--ink-limit', '220').stdout) as {
      severity: string;
      code: string;
    }[];
    expect(pre.filter((f) => f.code.startsWith('image-') && f.code !== 'image-upsampled')).toEqual([
      expect.objectContaining({ severity: 'info', code: 'image-rgb' }),
    ]);
    const r = cli(
      'export',
      'rgb.json',
      '-o',
      'rgb.pdf',
      '--ink-limit',
      '220',
      '--time',
      '2023-02-16T21:30:00+08:00',
    );
    expect(r.code, r.stderr).toBe(0);
    const listed = spawnSync('pdfimages', ['-list', join(dir, 'rgb.pdf')], { encoding: 'utf8' })
      .stdout.split('\n')[2]
      .trim()
      .split(/\s+/);
    expect(listed[5]).toBe('cmyk');
    // Ghostscript's separations of the printed page: no pixel inside the photo's frame over 220 %.
    const [{ frame }] = JSON.parse(cli('preflight', 'rgb.json', '--photos', '--json').stdout) as {
      frame: { x: number; y: number; w: number; h: number };
    }[];
    const { width, data } = renderCmyk(readFileSync(join(dir, 'rgb.pdf')), 72);
    let max = 0;
    for (let y = Math.ceil(frame.y) + 1; y < frame.y + frame.h - 1; y++) {
      for (let x = Math.ceil(frame.x) + 1; x < frame.x + frame.w - 1; x++) {
        const i = (y * width + x) * 4;
        max = Math.max(max, data[i] + data[i + 1] + data[i + 2] + data[i + 3]);
      }
    }
    expect((max / 255) * 100).toBeGreaterThan(180); // the shadows are dark…
    expect((max / 255) * 100).toBeLessThanOrEqual(220.5); // …and held to the limit
    expect(cli('export', 'rgb.json', '-o', 'rgb.pdf', '--ink-limit', '1000').code).toBe(2);
  });
});

describe('banmian preflight', () => {
  it('finds the sample clean and says so; JSON for tools', () => {
    const r = cli('preflight', '--sample');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/0 错误/);
    const j = cli('preflight', '--sample', '--json');
    // Only the note that the sample's photo (under 300 ppi) is enlarged by the output device.
    expect(
      JSON.parse(j.stdout).map((f: { severity: string; code: string }) => `${f.severity}:${f.code}`),
    ).toEqual(['info:image-upsampled']);
  });

  it('lists each photo with the effective resolution the printed file has', () => {
    const j = cli('preflight', '--sample', '--photos', '--json');
    expect(j.code, j.stderr).toBe(0);
    const photos = JSON.parse(j.stdout) as {
      page: number;
      ppi: number;
      source: string;
      treatment: string;
      maxInk: number;
    }[];
    expect(photos).toHaveLength(loadSampleEdition().assets.length);
    expect(cli('export', '--sample', '-o', 'photo.pdf').code).toBe(0);
    // poppler's pdfimages measures the image's scale in the written page: the same ppi.
    const listed = spawnSync('pdfimages', ['-list', join(dir, 'photo.pdf')], { encoding: 'utf8' })
      .stdout.split('\n')
      .slice(2)
      .filter(Boolean);
    expect(listed).toHaveLength(photos.length);
    expect(Math.round(photos[0].ppi)).toBe(Number(listed[0].trim().split(/\s+/)[12]));
    expect(photos[0]).toMatchObject({ page: 1, source: 'gray', treatment: 'as-is' });
    expect(photos[0].maxInk).toBeLessThanOrEqual(100);
    const text = cli('preflight', '--sample', '--photos');
    expect(text.stdout).toMatch(/有效 \d+ ppi，灰度 → 原样，最高墨量 \d+%/);
  });

  it('exits 1 and lists overset text as an error', () => {
    const r = cli('preflight', 'long.json', '--json');
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout) as { severity: string; code: string; page: number }[];
    expect(findings[0]).toMatchObject({ severity: 'error', code: 'overset', page: 1 });
  });
});
