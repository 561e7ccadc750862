// A print export checks the pages once: the command's whole-job preflight, which the painter trusts.
import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliInProcess } from '../../support/cli';

const calls = vi.hoisted(() => ({ preflight: 0 }));
vi.mock('../../../electron/services/preflight', async (original) => {
  const real = await original<typeof import('../../../electron/services/preflight')>();
  return {
    ...real,
    preflight: (...args: Parameters<typeof real.preflight>) => {
      calls.preflight++;
      return real.preflight(...args);
    },
  };
});

describe('banmian export', () => {
  it('runs preflight once for a print file, and once for a job split into files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'banmian-once-'));
    let r = await cliInProcess('export', '--sample', '--preset', 'print-x4', '-o', join(dir, 'a.pdf'));
    expect([r.code, r.err]).toEqual([0, expect.any(String)]);
    expect(readFileSync(join(dir, 'a.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(calls.preflight).toBe(1);
    r = await cliInProcess('export', '--sample', '--split', '-o', join(dir, 'p.pdf'));
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(join(dir, 'p-01.pdf'));
    expect(calls.preflight).toBe(2);
  });
});
