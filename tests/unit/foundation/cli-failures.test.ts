// Every failure of the command line is an error, not a crash: a documented exit code (2 usage,
// 3 bad input, 4 cannot write output) and a message naming the file and the problem, never a stack
// trace. Each case here crashed with exit 70 and a stack before.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli } from '../../support/cli';
import { projectRoot } from '../../../electron/services/paths';
import { loadSampleEdition } from '../../../electron/services/sample';

let dir: string;
const cli = (...args: string[]) => runCli(dir, args);
const STACK = /\n\s+at /;
// Mounting a small or read-only file system needs root (as the test machines run); elsewhere those cases are skipped.
const canMount = process.getuid?.() === 0 && spawnSync('mount', ['--version']).status === 0;

function withEnv(env: Record<string, string>, args: string[]) {
  const r = spawnSync(process.execPath, [join(projectRoot(), 'dist', 'cli.cjs'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function mount(name: string, opts: string): string {
  const at = join(dir, name);
  mkdirSync(at);
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', at], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return at;
}
const mounted: string[] = [];

beforeAll(() => {
  buildCli();
  dir = mkdtempSync(join(tmpdir(), 'banmian-cli-failures-'));
});
afterAll(() => {
  for (const m of mounted) spawnSync('umount', [m]);
  rmSync(dir, { recursive: true, force: true });
});

describe('errors, not crashes', () => {
  it('refuses an edition with deeply nested JSON inside styles as bad input, naming the file', () => {
    const e = loadSampleEdition() as unknown as Record<string, unknown>;
    const deep = '{"a":'.repeat(200_000) + '1' + '}'.repeat(200_000);
    const text = JSON.stringify({ ...e, styles: '@@' }).replace('"@@"', deep);
    writeFileSync(join(dir, 'nested.json'), text);
    for (const args of [
      ['layout', 'nested.json', '--summary'],
      ['preflight', 'nested.json'],
      ['edition', 'new', '--from', 'nested.json', '-o', 'nested.banmian'],
    ]) {
      const r = cli(...args);
      expect(r.stderr).not.toMatch(STACK);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(/nested\.json/);
    }
  });

  it.skipIf(!canMount)(
    'says the disk is full during edition new and import (exit 4), and keeps the edition as it was',
    () => {
      const full = mount('full', 'size=64k');
      mounted.push(full);
      const r = cli('edition', 'new', '--sample', '-o', 'full/x.banmian');
      expect(r.stderr).not.toMatch(STACK);
      expect(r.code, r.stderr).toBe(4);
      expect(r.stderr).toMatch(/full\/x\.banmian|disk is full/);

      // An edition that fits, then a story too big for what is left.
      const roomy = mount('roomy', 'size=400k');
      mounted.push(roomy);
      expect(cli('edition', 'new', '--sample', '-o', 'roomy/x.banmian').code).toBe(0);
      const before = readFileSync(join(roomy, 'x.banmian'));
      let seed = 3;
      const noise = Array.from({ length: 200_000 }, () => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return String.fromCharCode(0x4e00 + (seed % 20000));
      }).join('');
      writeFileSync(join(dir, 'long.txt'), '长稿\n\n' + noise);
      const i = cli('import', 'roomy/x.banmian', 'long.txt');
      expect(i.stderr).not.toMatch(STACK);
      expect(i.code, i.stderr).toBe(4);
      expect(i.stderr).toMatch(/x\.banmian/);
      expect(i.stderr).toMatch(/full/i);
      expect(cli('edition', 'info', 'roomy/x.banmian').code).toBe(0);
      expect(readFileSync(join(roomy, 'x.banmian')).length).toBe(before.length);
    },
  );

  it.skipIf(!canMount)('says a read-only output folder cannot be written (exit 4), naming it', () => {
    const ro = mount('ro', 'ro,size=64k');
    mounted.push(ro);
    for (const args of [
      ['edition', 'new', '--sample', '-o', 'ro/x.banmian'],
      ['export', '--sample', '-o', 'ro/x.pdf'],
    ]) {
      const r = cli(...args);
      expect(r.stderr).not.toMatch(STACK);
      expect(r.code, r.stderr).toBe(4);
      expect(r.stderr).toMatch(/ro\/x\.(banmian|pdf)/);
    }
  });

  it('says the edition is locked by another program (exit 4) instead of crashing', () => {
    expect(cli('edition', 'new', '--sample', '-o', 'locked.banmian').code).toBe(0);
    writeFileSync(join(dir, 'story.txt'), '标题\n\n正文一段。\n');
    const db = new Database(join(dir, 'locked.banmian'));
    db.exec('BEGIN EXCLUSIVE');
    try {
      const r = cli('import', 'locked.banmian', 'story.txt');
      expect(r.stderr).not.toMatch(STACK);
      expect(r.code, r.stderr).toBe(4);
      expect(r.stderr).toMatch(/locked\.banmian.*(in use|locked)/);
    } finally {
      db.exec('ROLLBACK');
      db.close();
    }
    expect(cli('import', 'locked.banmian', 'story.txt').code).toBe(0);
  });

  it('a broken template disables only the editions that use it', () => {
    const templates = join(dir, 'templates');
    cpSync(join(projectRoot(), 'templates'), templates, { recursive: true });
    writeFileSync(join(templates, 'duikai.json'), '{ "id": "duikai", broken');
    const env = { BANMIAN_TEMPLATES: templates };
    // The sample is 四开 (sikai): it lays out and exports as before.
    const ok = withEnv(env, ['layout', '--sample', '--summary']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/page 1/);
    expect(withEnv(env, ['export', '--sample', '-o', 'sample.pdf']).code).toBe(0);
    // An edition on the broken 对开 template is refused, naming the template file and the problem.
    const e = loadSampleEdition();
    e.pages[0].template = 'duikai';
    writeFileSync(join(dir, 'duikai-edition.json'), JSON.stringify(e));
    const r = withEnv(env, ['layout', 'duikai-edition.json', '--summary']);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/templates\/duikai\.json.*not valid JSON/);
  });

  it('shows terminal control characters from user content escaped, never raw', () => {
    const e = loadSampleEdition();
    e.articles[0].slug = '标题\u001b[2J\u001b]0;pwned\u0007\u202e';
    writeFileSync(join(dir, 'ctl.json'), JSON.stringify(e));
    const r = cli('layout', 'ctl.json', '--summary');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('标题\\u001b[2J\\u001b]0;pwned\\u0007\\u202e');
    expect(r.stdout).not.toMatch(/[\u001b\u0007\u202e]/);
    // A file name with an escape sequence, in an error message.
    const bad = 'x\u001b[31m.json';
    writeFileSync(join(dir, bad), '{');
    const f = cli('layout', bad, '--summary');
    expect(f.code).toBe(3);
    expect(f.stderr).toContain('x\\u001b[31m.json');
    expect(f.stderr).not.toContain('\u001b');
  });

  it('maps an unexpected failure to a clear message without a stack unless BANMIAN_DEBUG=1', () => {
    // A font registry that is not JSON: a defect of the installation, not of the input.
    const r = withEnv({ BANMIAN_TEMPLATES: join(dir, 'no-such-folder') }, [
      'layout',
      '--sample',
      '--summary',
    ]);
    expect(r.stderr).not.toMatch(STACK);
    expect([3, 4, 70]).toContain(r.code);
    expect(r.stderr).toMatch(/no-such-folder/);
    const d = withEnv({ BANMIAN_TEMPLATES: join(dir, 'no-such-folder'), BANMIAN_DEBUG: '1' }, [
      'layout',
      '--sample',
      '--summary',
    ]);
    expect(d.stderr).toMatch(STACK);
  });
});
