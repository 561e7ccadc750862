// The commands' options (cli/options.ts, over node:util's parseArgs): numbers below zero are values,
// an option that takes one value may be given once, short forms and `--` work as a user expects.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../../../cli/options';
import { cliInProcess } from '../../support/cli';

const spec = {
  values: ['tracking', 'output', 'pages'],
  flags: ['json', 'help'],
  short: { o: 'output' },
} as const;

describe('command options', () => {
  it('takes a negative number as the value of an option, in either form', () => {
    expect(parseArgs(['--tracking', '-5'], spec).opts.tracking).toBe('-5');
    expect(parseArgs(['--tracking=-5'], spec).opts.tracking).toBe('-5');
    expect(parseArgs(['--tracking', '−2.5', 'x'], spec)).toEqual({
      opts: { tracking: '−2.5' },
      positional: ['x'],
    });
  });

  it('refuses an option that takes one value given twice, naming both values', () => {
    expect(() => parseArgs(['--pages', '1', '--pages', '2'], spec)).toThrow(
      'option --pages given twice ("1", then "2")',
    );
    expect(() => parseArgs(['-o', 'a.pdf', '--output=b.pdf'], spec)).toThrow(/--output given twice/);
  });

  it('reads short forms, flags, positionals and everything after --', () => {
    expect(parseArgs(['-o', 'x.pdf', 'ed.json', '--json', '-h', '--', '--not-an-option'], spec)).toEqual({
      opts: { output: 'x.pdf', json: true, help: true },
      positional: ['ed.json', '--not-an-option'],
    });
    expect(parseArgs(['-o', '-'], spec).opts.output).toBe('-');
  });

  it('names what is wrong with an option', () => {
    expect(() => parseArgs(['--bogus'], spec)).toThrow('unknown option --bogus');
    expect(() => parseArgs(['--pages'], spec)).toThrow('option --pages needs a value');
    expect(() => parseArgs(['--json=yes'], spec)).toThrow('option --json takes no value');
    expect(() => parseArgs(['--pages', '--json'], spec)).toThrow(/option --pages needs a value/);
  });

  it('on the command line: a repeated option is a usage error and nothing is written', async () => {
    const pdf = join(mkdtempSync(join(tmpdir(), 'banmian-options-')), 'x.pdf');
    const r = await cliInProcess(
      'export',
      '--sample',
      '--preset',
      'proof',
      '--preset',
      'print-x4',
      '-o',
      pdf,
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/banmian export: option --preset given twice \("proof", then "print-x4"\)/);
    expect(existsSync(pdf)).toBe(false);
    const layout = await cliInProcess('layout', '--sample', '--page', '1', '--page', '2', '--json');
    expect([layout.code, layout.err]).toEqual([2, expect.stringMatching(/--page given twice/)]);
  });
});
