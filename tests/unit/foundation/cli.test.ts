import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../../..');
const cli = join(root, 'dist/cli.cjs');

describe('banmian command line', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'scripts/build-node.mjs')], { cwd: root });
  });

  it('lists its commands and exit codes, and refuses an unknown command', () => {
    const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    for (const c of ['compose', 'layout', 'export', 'preflight', 'edition', 'import', 'proofs'])
      expect(help.stdout).toContain(`  ${c} `);
    expect(help.stdout).toContain('exit codes');
    const bad = spawnSync(process.execPath, [cli, 'typeset'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown command "typeset"');
  });

  it('stops quietly when the reader closes the pipe early', () => {
    const r = spawnSync(
      'bash',
      ['-c', `node '${cli}' layout --sample --json | head -c 100 >/dev/null; echo "\${PIPESTATUS[0]}"`],
      { encoding: 'utf8' },
    );
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
    expect(r.stdout.trim()).toBe('0');
  });
});
