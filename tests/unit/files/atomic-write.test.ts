// Every file the product writes goes through electron/services/atomic-write.ts: complete or absent, the
// old file kept on failure, no temporary file left behind by a failure, a full disk or an interruption.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import {
  existsSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  chmodSync,
  writeFileSync,
  watch,
} from 'node:fs';
import { join } from 'node:path';
import {
  asideName,
  isAsideName,
  liveAsideFiles,
  writeAside,
  writeFileAtomic,
} from '../../../electron/services/atomic-write';
import { nodeServices } from '../../../electron/services/api-services';
import { cliInProcess } from '../../support/cli';
import { pseudoBytes } from '../../support/generated-edition';
import {
  buildCli,
  canMount,
  cliPath,
  debris,
  freshDir,
  manyPageEdition,
  mountTmpfs,
  unmount,
} from '../../support/file-system';

let dir: string;
beforeEach(() => {
  dir = freshDir('banmian-atomic-');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const cli = cliInProcess;

describe('the atomic writer', () => {
  it('writes, replaces keeping the permissions, and leaves no temporary file', () => {
    const f = join(dir, 'a.json');
    writeFileAtomic(f, 'one');
    chmodSync(f, 0o640);
    writeFileAtomic(f, new Uint8Array([116, 119, 111]));
    expect(readFileSync(f, 'utf8')).toBe('two');
    expect(statSync(f).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['a.json']);
    expect(liveAsideFiles()).toBe(0);
  });

  it('takes a name only if it is free when asked not to overwrite', () => {
    const f = join(dir, 'a.json');
    writeFileSync(f, 'theirs');
    expect(() => writeFileAtomic(f, 'mine', { overwrite: false })).toThrow(
      expect.objectContaining({ code: 'EEXIST' }),
    );
    expect(readFileSync(f, 'utf8')).toBe('theirs');
    writeFileAtomic(join(dir, 'b.json'), 'mine', { overwrite: false });
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe('mine');
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.json']);
  });

  it('removes the temporary file (and a SQLite journal beside it) when making the content fails', () => {
    const f = join(dir, 'x.banmian');
    writeFileSync(f, 'good');
    expect(() =>
      writeAside(f, (tmp) => {
        writeFileSync(tmp, 'half');
        writeFileSync(`${tmp}-journal`, 'j');
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      }),
    ).toThrow(/ENOSPC/);
    expect(readdirSync(dir)).toEqual(['x.banmian']);
    expect(readFileSync(f, 'utf8')).toBe('good');
    expect(liveAsideFiles()).toBe(0);
  });

  it('names temporary files one way', () => {
    const n = asideName(join(dir, '徐汇报 p01.pdf'));
    expect(n.startsWith(join(dir, '.徐汇报 p01.pdf.'))).toBe(true);
    expect(isAsideName(n.slice(dir.length + 1))).toBe(true);
    expect(isAsideName('徐汇报 p01.pdf')).toBe(false);
  });
});

describe.skipIf(!canMount)('on a full disk (a 200 KB tmpfs)', () => {
  let mnt: string;
  beforeEach(() => {
    mnt = mountTmpfs('200k')!;
  });
  afterEach(() => {
    unmount(mnt);
  });

  it("the app's PDF export keeps the good PDF and leaves no .part", async () => {
    const good = join(mnt, '徐汇报_2023-02-17_p01_print-x1a.pdf');
    const before = Buffer.concat([Buffer.from('%PDF-1.6\n'), pseudoBytes(120_000, 7)]);
    writeFileSync(good, before);
    const services = nodeServices();
    await expect(services.writeFile(good, pseudoBytes(150_000, 9))).rejects.toThrow(/ENOSPC|no space/i);
    expect(readFileSync(good).equals(before)).toBe(true);
    expect(readdirSync(mnt)).toEqual(['徐汇报_2023-02-17_p01_print-x1a.pdf']);
  });

  it('banmian export keeps the good PDF, says it cannot write, and leaves no .part', async () => {
    const good = join(mnt, 'x.pdf');
    const before = Buffer.concat([Buffer.from('%PDF-1.6\n'), pseudoBytes(120_000, 7)]);
    writeFileSync(good, before);
    const r = await cli('export', '--sample', '--preset', 'proof', '-o', good);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/cannot write .*x\.pdf/);
    expect(readFileSync(good).equals(before)).toBe(true);
    expect(readdirSync(mnt)).toEqual(['x.pdf']);
  });

  it('a new edition file that does not fit leaves nothing behind', async () => {
    const r = await cli('edition', 'new', '--from', writeBig(), '-o', join(mnt, 'x.banmian'));
    expect(r.code).not.toBe(0);
    expect(readdirSync(mnt)).toEqual([]);
  });
});

/** An edition JSON whose photos do not fit in 200 KB. */
function writeBig(): string {
  const ed = manyPageEdition(1);
  const asset = ed.assets[0];
  ed.assets = [0, 1, 2].map((i) => ({
    ...asset,
    id: `big-${i}`,
    data: Buffer.from(pseudoBytes(100_000, i + 1)).toString('base64'),
  }));
  const p = join(dir, 'big.json');
  writeFileSync(p, JSON.stringify(ed));
  return p;
}

describe('an interrupted export --split', () => {
  beforeAll(() => {
    buildCli();
  });
  let editionJson: string;
  let work: string;
  beforeAll(() => {
    work = freshDir('banmian-split-');
    editionJson = join(work, 'many.json');
    writeFileSync(editionJson, JSON.stringify(manyPageEdition(12)));
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`removes its temporary files when killed with ${signal} mid-way`, async () => {
      const out = join(dir, 'pages');
      rmSync(out, { recursive: true, force: true });
      require('node:fs').mkdirSync(out);
      const p = spawn(
        process.execPath,
        [cliPath, 'export', editionJson, '--split', '--preset', 'proof', '-o', join(out, 'x.pdf')],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let sawPart = false;
      const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
        p.on('exit', (code, sig) => res({ code, signal: sig })),
      );
      // Killed as soon as the first page's PDF lies under its temporary name.
      const look = () => {
        if (!sawPart && readdirSync(out).some(isAsideName)) {
          sawPart = true;
          p.kill(signal);
        }
      };
      const w = watch(out, look);
      const t = setInterval(look, 2);
      const r = await done;
      w.close();
      clearInterval(t);
      expect(sawPart).toBe(true);
      expect(r.signal).toBe(signal);
      expect(debris(out)).toEqual([]);
      // All or nothing: no page took its name, as the job did not finish.
      expect(readdirSync(out)).toEqual([]);
    });
  }

  it('without interruption writes every page and nothing else', async () => {
    const out = join(dir, 'pages');
    require('node:fs').mkdirSync(out);
    const r = await cli(
      'export',
      editionJson,
      '--split',
      '--preset',
      'proof',
      '--pages',
      '1-3',
      '-o',
      join(out, 'x.pdf'),
    );
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['x-01.pdf', 'x-02.pdf', 'x-03.pdf']);
    expect(existsSync(join(out, 'x-04.pdf'))).toBe(false);
  });
});
