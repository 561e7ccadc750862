// Long work runs off the API's thread: exports, preflight and proof imports go to a worker thread
// (electron/services/jobs), so the host keeps answering while they run; their answers are the same
// bytes and the same errors as when they ran in-process; a worker that dies fails its job with a
// clear message and the next job gets a fresh one.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webEnvironment } from '../../../electron/host/environment';
import { hostToken, startHost, type RunningHost } from '../../../electron/host/server';
import { createHandlers, exportFileName, type Services } from '../../../electron/services/api-handlers';
import { nodeServices } from '../../../electron/services/api-services';
import { loadFontSet } from '../../../electron/services/fonts';
import { inProcessJobs, workerJobs, type JobRunner } from '../../../electron/services/jobs';
import { exportPdf } from '../../../electron/services/pdf';
import { ProofReadError } from '../../../electron/services/proof';
import { loadSampleEdition } from '../../../electron/services/sample';
import { loadTemplates } from '../../../electron/services/templates';
import { layoutEdition } from '../../../engine/layout';
import type { Edition } from '../../../engine/model/types';
import type { ProofMark } from '../../../engine/proof/types';
import { buildJobWorker, crashOnceWorker } from '../../support/job-worker';
import {
  appendAnnotations,
  name,
  pdfDateOf,
  quadPoints,
  rectOf,
  selectionQuads,
} from '../../support/pdf-annotations';

const TIME = new Date('2023-02-16T13:30:00Z');
let dir: string;
let script: string;
let sample: Edition;
const runners: JobRunner[] = [];
const worker = (s = script) => {
  const r = workerJobs({ script: s });
  runners.push(r);
  return r;
};

/** Page 1 of the sample exported as the services did before the worker: layout, then the painter. */
const before = async (edition: Edition, preset: 'print-x1a' | 'proof', page: number) =>
  Buffer.from(
    await exportPdf(
      layoutEdition(edition, { fonts: loadFontSet(), templates: loadTemplates() }, { pages: [page] }),
      edition,
      { preset, pages: [page], force: true, exportTime: TIME, preflight: { templates: loadTemplates() } },
    ),
  );

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'banmian-jobs-'));
  script = await buildJobWorker();
  sample = loadSampleEdition();
}, 120_000);

afterAll(async () => {
  for (const r of runners) await r.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The sample with characters no face has: print preflight refuses it. */
function broken(): Edition {
  const ed: Edition = structuredClone(sample);
  ed.articles[0].blocks[0].children = [{ text: '\u{E000}\u{E001}' }];
  return ed;
}

function appOver(services: Services, exportDir: string, docs: string) {
  return createHandlers(services, webEnvironment(exportDir, docs));
}

describe('export in the job worker', () => {
  it('writes the same bytes as the in-process export, for print and proof', async () => {
    const exportDir = join(dir, 'same');
    const h = appOver(
      nodeServices({}, { stateDir: join(dir, 'state'), jobs: worker(), exportTime: () => TIME }),
      exportDir,
      join(dir, 'docs'),
    );
    for (const preset of ['print-x1a', 'proof'] as const) {
      const r = await h['pdf.export']({ edition: sample, preset, pages: [1], force: true });
      expect(r.files.map((f) => f.path)).toEqual([join(exportDir, exportFileName(sample, 1, preset))]);
      const bytes = readFileSync(r.files[0].path);
      expect(bytes.equals(await before(sample, preset, 1))).toBe(true);
    }
  }, 120_000);

  it('gives the same preflight findings as in-process', async () => {
    const inWorker = nodeServices({}, { jobs: worker() });
    const here = nodeServices({}, { jobs: inProcessJobs() });
    const findings = await inWorker.preflight(broken(), 'print-x1a');
    expect(findings.some((f) => f.severity === 'error')).toBe(true);
    expect(findings).toEqual(await here.preflight(broken(), 'print-x1a'));
  }, 120_000);

  it('refuses a print export with errors with the same message as before', async () => {
    const inWorker = appOver(nodeServices({}, { jobs: worker() }), join(dir, 'refused'), join(dir, 'docs'));
    const here = appOver(
      nodeServices({}, { jobs: inProcessJobs() }),
      join(dir, 'refused'),
      join(dir, 'docs'),
    );
    const a = await inWorker['pdf.export']({ edition: broken(), preset: 'print-x1a' }).then(
      () => null,
      (e: Error) => e,
    );
    const b = await here['pdf.export']({ edition: broken(), preset: 'print-x1a' }).then(
      () => null,
      (e: Error) => e,
    );
    expect(a?.message).toMatch(/印前检查有 \d+ 个错误，未导出印刷文件/);
    expect(a?.message).toBe(b?.message);
  }, 120_000);
});

describe('proof import in the job worker', () => {
  it('places the marks as the in-process import does, and refuses a proof of another edition with the same error', async () => {
    const proof = await before(sample, 'proof', 1);
    const page = layoutEdition(sample, { fonts: loadFontSet(), templates: loadTemplates() }, { pages: [1] })
      .pages[0];
    const q = selectionQuads(page, 'a1', 3, 2, 6);
    const when = pdfDateOf(TIME);
    const annotated = appendAnnotations(proof, 0, (_ref, pageRef) => [
      {
        Type: name('Annot'),
        F: 4,
        T: '王校对',
        M: when,
        CreationDate: when,
        C: [1, 0, 0],
        Subtype: name('StrikeOut'),
        Rect: rectOf(q),
        QuadPoints: quadPoints(q),
        P: pageRef,
      },
    ]);
    const inWorker = appOver(nodeServices({}, { jobs: worker() }), join(dir, 'x'), join(dir, 'docs'));
    const here = appOver(nodeServices({}, { jobs: inProcessJobs() }), join(dir, 'x'), join(dir, 'docs'));
    const req = { edition: sample, pdf: annotated.toString('base64'), name: 'proof.pdf' };
    const r = await inWorker['proof.import'](req);
    const marks = r.marks as ProofMark[];
    expect(marks.length).toBe(1);
    expect(marks[0]).toMatchObject({ kind: 'delete', article: 'a1', block: 3 });
    expect(r).toEqual(await here['proof.import'](req));

    const other = { ...sample, id: 'another-edition' };
    const runner = worker();
    const e = await runner
      .run({ kind: 'proof', edition: other, pdf: new Uint8Array(annotated), name: 'proof.pdf' })
      .then(
        () => null,
        (x: Error) => x,
      );
    expect(e).toBeInstanceOf(ProofReadError);
    expect(e!.message).toBe(
      `proof.pdf 是另一期次的校样，不属于本期次（proof.pdf is a proof of edition "${sample.id}", not of "another-edition"）`,
    );
  }, 120_000);
});

describe('a worker that dies', () => {
  it('fails its export with a clear message; the next export gets a fresh worker and works', async () => {
    const flag = join(dir, 'crash-next');
    writeFileSync(flag, '');
    const exportDir = join(dir, 'crash');
    const h = appOver(
      nodeServices({}, { jobs: worker(crashOnceWorker(script, flag)), exportTime: () => TIME }),
      exportDir,
      join(dir, 'docs'),
    );
    const failed = await h['pdf.export']({ edition: sample, preset: 'proof', pages: [1] }).then(
      () => null,
      (e: Error) => e,
    );
    expect(failed?.message).toBe(
      'PDF 导出的后台任务意外中止（退出码 9），这次没有完成；文件和期次都未改动，请重试',
    );
    const r = await h['pdf.export']({ edition: sample, preset: 'proof', pages: [1] });
    expect(readFileSync(r.files[0].path).equals(await before(sample, 'proof', 1))).toBe(true);
  }, 120_000);
});

describe('the host while an export runs', () => {
  let host: RunningHost;
  const events: string[] = [];
  let exportStarted!: () => void;
  const started = new Promise<void>((r) => {
    exportStarted = r;
  });

  beforeAll(async () => {
    const docs = join(dir, 'host-docs');
    mkdirSync(docs, { recursive: true });
    const services = nodeServices({}, { stateDir: join(dir, 'host-state'), jobs: worker() });
    const real = services.exportPdf;
    services.exportPdf = async (...args) => {
      events.push('export started');
      exportStarted();
      try {
        return await real(...args);
      } finally {
        events.push('export finished');
      }
    };
    host = await startHost({
      port: 0,
      rendererDir: dir,
      token: hostToken({}),
      handlers: createHandlers(services, webEnvironment(join(dir, 'host-export'), docs)),
    });
  }, 60_000);
  afterAll(() => host?.close());

  const call = async (method: string, body: unknown) => {
    const res = await fetch(`${host.origin}/api/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as {
      ok: boolean;
      result?: Record<string, unknown>;
      error?: { message: string };
    };
    if (!json.ok) throw new Error(json.error?.message);
    return json.result!;
  };

  it('answers autosave and app.info while exports of every page are still running', async () => {
    const created = await call('edition.new', {
      template: 'sikai',
      paper: '并行报',
      date: '2025-03-01',
      pages: 2,
      path: 'open.banmian',
    });
    const edition = created.edition as Edition;
    // Three exports of the whole sample at once: the worker takes them one after another.
    const exporting = Promise.all(
      (['proof', 'print-x1a', 'print-x4'] as const).map((preset) =>
        call('pdf.export', { edition: sample, preset, force: true }),
      ),
    );
    await started;
    const saved = await call('edition.autosave', {
      path: created.path,
      articles: [],
      pages: [{ id: edition.pages[0].id, placements: [] }],
    });
    events.push('autosave answered');
    const info = await call('app.info', {});
    events.push('app.info answered');
    const exported = await exporting;
    expect(typeof saved.seq).toBe('number');
    expect(info.transport).toBe('http');
    for (const r of exported) expect((r.files as unknown[]).length).toBe(sample.pages.length);
    // Before the move to the worker, both waited for the exports: [… finished ×3, autosave, app.info].
    expect(events.filter((e) => e !== 'export started')).toEqual([
      'autosave answered',
      'app.info answered',
      'export finished',
      'export finished',
      'export finished',
    ]);
  }, 180_000);
});
