// `banmian compose` as a user runs it: the built bundle, text on stdin.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../../electron/services/paths';
import { firstInvalidUtf8 } from '../../../cli/commands/compose';
import { samplePageArticles } from '../../support/sample-page';

const root = projectRoot();

function cli(args: string[], input: string | Buffer) {
  const r = spawnSync(process.execPath, [join(root, 'dist', 'cli.cjs'), 'compose', ...args], {
    input: typeof input === 'string' ? Buffer.from(input, 'utf8') : input,
    cwd: root,
  });
  return { code: r.status, out: r.stdout.toString('utf8'), err: r.stderr.toString('utf8') };
}

beforeAll(() => {
  const b = spawnSync(process.execPath, [join(root, 'scripts', 'build-node.mjs')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
});

const P1 =
  '“学习强国”上海学习平台编辑部现场为大家介绍上海学习平台“学习直通车”项目。徐汇区联合“学习强国”上海学习平台开展“学习直通车”徐汇专场活动，主要涵盖“达人带你学”“理论面对面”“学习大巡礼”“强国精选课”“一起来竞答”等内容。';
const P2 = '2月15日，徐汇区委宣传部联合“学习强国”上海学习平台举办活动。';

describe('banmian compose', () => {
  it('prints each composed line, the characters only, a blank line between paragraphs', () => {
    const r = cli([], `${P1}\n${P2}\n`);
    expect(r.code).toBe(0);
    const out = r.out.split('\n');
    expect(out).toContain('面”“学习大巡礼”“强国精选课”“一起来');
    const blank = out.indexOf('');
    expect(out.slice(0, blank).join('')).toBe(P1);
    expect(out.slice(blank + 1).join('')).toBe(P2);
  });

  it('takes the measure in ems of the size or in points, and sizes by name', () => {
    const ems = cli(['--measure', '13', '--size', '五号'], P1).out;
    const pts = cli(['--measure', '136.5pt', '--size', '10.5'], P1).out;
    expect(ems).toBe(pts);
    expect(ems).not.toBe(cli([], P1).out);
  });

  it('--json reports widths, adjustments and how each break was chosen', () => {
    const r = cli(['--json', '--style', 'quanjiao', '--indent', '0'], P1);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ size: 9, measure: 153, style: 'quanjiao', strictness: 'basic', indent: 0 });
    const lines = j.paragraphs[0].lines;
    for (const l of lines.slice(0, -1)) expect(l.width).toBeCloseTo(153, 2);
    expect(lines.at(-1).break).toBe('end');
    expect(lines.some((l: { break: string }) => l.break === 'push-in' || l.break === 'push-out')).toBe(true);
    expect(lines[0]).toHaveProperty('naturalWidth');
    expect(lines[0]).toHaveProperty('adjustments');
  });

  it('--breaking greedy fills each line in turn; --house even chooses the breaks together for evenness', () => {
    const text =
      '报告指出，过去一年，全区上下克服疫情等多重困难，坚持“稳中求进”工作总基调，经济运行总体平稳。全年完成固定资产投资438.6亿元，同比增长12.3%；社会消费品零售总额达1,256.8亿元，恢复至2019年同期的98%以上。\n';
    const greedy = cli(['--breaking', 'greedy', '--house', 'even'], text).out.split('\n');
    const optimal = cli(['--house', 'even'], text).out.split('\n');
    expect(greedy).toContain('定资产投资438.6亿元，同比增长');
    expect(optimal).not.toContain('定资产投资438.6亿元，同比增长');
    expect(optimal.join('')).toBe(greedy.join(''));
    const j = JSON.parse(cli(['--json'], text).out);
    expect(j.breaking).toBe('optimal');
    expect(j.house).toBe('newspaper');
    expect(j.tracking).toBe(0);
    // The newspaper house keeps the characters squeezing can hold, as first-fit does, and opens
    // the line before the number (under its two-em limit) instead.
    const house = cli([], text).out.split('\n');
    expect(house).toEqual(cli(['--breaking', 'greedy'], text).out.split('\n'));
    expect(house).toContain('定资产投资438.6亿元，同比增长');
  });

  it('--tracking tightens every character: the paragraph the paper set 3 % tighter saves a line', () => {
    const text = samplePageArticles()
      .find((a) => a.id === 'a1')!
      .paragraphs.find((p) => p.startsWith('为进一步推动'))!;
    const plain = cli([], text).out.trim().split('\n');
    const tight = cli(['--tracking', '-3'], text).out.trim().split('\n');
    expect(tight.join('')).toBe(plain.join(''));
    expect(tight.length).toBe(plain.length - 1);
    expect(JSON.parse(cli(['--json', '--tracking', '-3'], P1).out).tracking).toBeCloseTo(-0.03, 9);
  });

  it('refuses input that is not UTF-8 (GB18030 bytes), naming the byte', () => {
    const gb = Buffer.from([0xd0, 0xec, 0xbb, 0xe3, 0xc7, 0xf8, 0x0a]); // 徐汇区 in GB18030
    const r = cli([], gb);
    expect(r.code).toBe(3);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/not UTF-8.*0xd0 at offset 0/);
  });

  it.each([
    [['--measure', 'wide'], /--measure "wide" is not a width/],
    [['--measure', '0'], /more than zero/],
    [['--size', '大五'], /--size: unknown size "大五"/],
    [['--style', 'fancy'], /--style "fancy" is not a punctuation style/],
    [['--strictness', 'lax'], /--strictness "lax"/],
    [['--breaking', 'best'], /--breaking "best" is not a way of breaking/],
    [['--house', 'tabloid'], /--house "tabloid" is not a house style/],
    [['--tracking', 'tight'], /--tracking "tight" is not a percentage/],
    [['--tracking', '-80'], /--tracking "-80" is not a percentage/],
    [['--indent', 'two'], /--indent "two"/],
    [['--face', 'comic-sans'], /--face/],
    [['--bogus'], /unknown option --bogus/],
  ])('rejects %j with a clear message and exit code 2', (args, message) => {
    const r = cli(args as string[], P2);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('reports a character no face has, and still sets the line', () => {
    const r = cli([], '甲乙\uE000丙\n');
    expect(r.code).toBe(1);
    expect(r.out).toBe('甲乙\uE000丙\n');
    expect(r.err).toMatch(/no face has U\+E000/);
  });
});

describe('UTF-8 check', () => {
  it.each([
    ['plain', [0x61, 0xe4, 0xb8, 0xad], -1],
    ['GB18030 lead byte', [0x61, 0xd6, 0xd0], 1],
    ['truncated sequence', [0xe4, 0xb8], 0],
    ['overlong slash', [0xc0, 0xaf], 0],
    ['overlong three-byte', [0x61, 0xe0, 0x80, 0xaf], 1],
    ['UTF-16 surrogate', [0xed, 0xa0, 0x80], 0],
    ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['astral Han 𠀀', [0xf0, 0xa0, 0x80, 0x80], -1],
  ])('%s', (_name, bytes, at) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(at);
  });
});
