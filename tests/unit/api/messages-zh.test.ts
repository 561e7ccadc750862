// What the app shows when the API handlers refuse bad input: every message the editor can read is
// in Chinese (the English kept in brackets where the command line prints the same message).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webEnvironment } from '../../../electron/host/environment';
import { createHandlers } from '../../../electron/services/api-handlers';
import { nodeServices } from '../../../electron/services/api-services';
import { inProcessJobs } from '../../../electron/services/jobs';
import { loadSampleEdition } from '../../../electron/services/sample';
import type { Handlers } from '../../../electron/api';
import type { Edition } from '../../../engine/model/types';

const HAN = /[\u4e00-\u9fff]/;
let dir: string, docs: string, exportDir: string;
let h: Handlers;
let sample: Edition;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'banmian-messages-'));
  docs = join(dir, 'docs');
  exportDir = join(dir, 'export');
  mkdirSync(docs);
  sample = loadSampleEdition();
  h = createHandlers(
    nodeServices({}, { stateDir: join(dir, 'state'), jobs: inProcessJobs() }),
    webEnvironment(exportDir, docs),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The message a refused call answers with. */
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('the call was not refused');
    },
    (e: Error) => e.message,
  );

describe('messages the app shows for bad input', () => {
  it('a proof of another edition', async () => {
    const r = await h['pdf.export']({ edition: sample, preset: 'proof', pages: [1], force: true });
    const pdf = readFileSync(r.files[0].path);
    const wrong = await refusal(
      h['proof.import']({
        edition: { ...sample, id: 'another-edition' },
        pdf: pdf.toString('base64'),
        name: 'p.pdf',
      }),
    );
    expect(wrong).toMatch(HAN);
    expect(wrong).toContain('is a proof of edition');
  }, 60_000);

  it('a JSON edition that is broken, empty or missing', async () => {
    writeFileSync(join(docs, 'broken.json'), '{"id": ');
    writeFileSync(join(docs, 'empty.json'), '');
    for (const name of ['broken.json', 'empty.json', 'missing.json']) {
      const why = await refusal(h['edition.open']({ path: join(docs, name) }));
      expect(why, name).toMatch(HAN);
      expect(why, name).toContain(name);
    }
  });
});
