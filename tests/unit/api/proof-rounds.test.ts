// 校次: a proof export of an open edition file is the next round (一校, 二校 …) in its label, its
// identification and its file name; the file records the rounds, so the count survives reopening;
// an earlier round's files are never replaced, and an edition without a file counts the rounds
// already in the export folder.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { webEnvironment } from '../../../electron/host/environment';
import { createHandlers, exportFileName, type Services } from '../../../electron/services/api-handlers';
import { nodeServices } from '../../../electron/services/api-services';
import { inProcessJobs } from '../../../electron/services/jobs';
import { readProofPdf } from '../../../electron/services/proof/read';
import { parseProofIdentity } from '../../../electron/services/proof/identity';
import { loadSampleEdition } from '../../../electron/services/sample';
import { roundName } from '../../../engine/proof/round';
import type { Handlers } from '../../../electron/api';

let work: string, docs: string, exportDir: string;
const TIME = new Date('2023-02-16T13:30:00Z');
const sample = loadSampleEdition();

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'banmian-rounds-'));
  docs = join(work, 'docs');
  exportDir = join(work, 'export');
  mkdirSync(docs);
});

function app(): { h: Handlers; services: Services } {
  const services = nodeServices(
    {},
    { stateDir: join(work, 'state'), jobs: inProcessJobs(), exportTime: () => TIME },
  );
  return { h: createHandlers(services, webEnvironment(exportDir, docs)), services };
}

async function exported(services: Services, job: string | null) {
  const state = await services.exportJobs!.finished(job!);
  if (state.state !== 'done') throw new Error(state.error ?? state.state);
  return state.summary!.files.map((f) => f.path);
}

describe('proof rounds', () => {
  it('names the rounds in Chinese', () => {
    expect([1, 2, 3, 10, 12, 20, 99].map(roundName)).toEqual([
      '一校',
      '二校',
      '三校',
      '十校',
      '十二校',
      '二十校',
      '九十九校',
    ]);
    expect(() => roundName(0)).toThrow();
    expect(
      typeof parseProofIdentity(
        JSON.stringify({ version: 1, edition: 'e', exported: '', pages: [], round: 0 }),
      ),
    ).toBe('string');
  });

  it('exports 一校 then 二校 of an open file, never over an earlier round, and remembers them after reopening', async () => {
    let { h, services } = app();
    const path = (await h['edition.saveAs']({ edition: sample, path: 'rounds' })).path!;
    expect(await h['export.rounds']({ path })).toEqual({ rounds: [], next: 1 });

    const first = await h['export.start']({ path, preset: 'proof', pages: [1] });
    expect(first.round).toBe(1);
    const [one] = await exported(services, first.job);
    expect(one).toBe(join(exportDir, exportFileName(sample, 1, 'proof', 1)));
    expect(one).toMatch(/_proof_一校\.pdf$/);
    const identity = (await readProofPdf(new Uint8Array(readFileSync(one)))).identity!;
    expect(identity.round).toBe(1);

    const second = await h['export.start']({ path, preset: 'proof', pages: [1] });
    expect(second.round).toBe(2);
    const [two] = await exported(services, second.job);
    expect(two).toMatch(/_proof_二校\.pdf$/);
    expect(existsSync(one)).toBe(true);
    const before = readFileSync(one);

    // Choosing 一校 again would replace it: refused, and the file is as it was.
    await expect(h['export.start']({ path, preset: 'proof', pages: [1], round: 1 })).rejects.toThrow(
      /一校的校样已存在/,
    );
    expect(readFileSync(one).equals(before)).toBe(true);

    // Reopened by a new process, the file still knows its rounds.
    ({ h, services } = app());
    await h['edition.open']({ path });
    const rounds = await h['export.rounds']({ path });
    expect(rounds.rounds.map((r) => [r.round, r.pages])).toEqual([
      [1, [1]],
      [2, [1]],
    ]);
    expect(rounds.next).toBe(3);

    // An edition without a file records nothing, but passes the rounds already in the folder.
    const unsaved = await h['export.start']({ edition: sample, preset: 'proof', pages: [1] });
    expect(unsaved.round).toBe(3);
    expect((await exported(services, unsaved.job))[0]).toMatch(/_proof_三校\.pdf$/);

    // Print files carry no round and are replaced as before.
    const print = await h['export.start']({ path, preset: 'print-x1a', pages: [1], force: true });
    expect(print.round).toBeUndefined();
    expect((await exported(services, print.job))[0]).toBe(
      join(exportDir, exportFileName(sample, 1, 'print-x1a')),
    );
    expect(
      readdirSync(exportDir)
        .filter((f) => f.includes('校'))
        .sort(),
    ).toHaveLength(3);
  }, 120_000);
});
