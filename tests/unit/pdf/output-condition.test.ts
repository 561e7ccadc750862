// A registered characterization named as the output condition (FOGRA39, IFRA26, CGATS21_CRPC5 …):
// the PDF/X output intent then carries exactly the name and the ICC registry, and in PDF/X-1a no
// profile; photos are still separated with a profile, and preflight says so.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportPdf } from '../../../electron/services/pdf';
import { loadTemplates } from '../../../electron/services/templates';
import { cliInProcess } from '../../support/cli';
import { sampleDisplayList, sampleEdition } from '../../support/sample-edition';
import { qpdfObjects } from '../../support/pdf-tools';

const dir = mkdtempSync(join(tmpdir(), 'banmian-condition-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The output intent dictionaries of a PDF, as qpdf reads them (strings "u:…", names "/…"). */
function outputIntents(pdf: Buffer): Record<string, unknown>[] {
  return Object.values(qpdfObjects(pdf))
    .map((o) => o.value as Record<string, unknown> | undefined)
    .filter(
      (v): v is Record<string, unknown> => !!v && typeof v === 'object' && v['/Type'] === '/OutputIntent',
    );
}

const sampleExport = (out: string, ...args: string[]) =>
  cliInProcess('export', '--sample', '-o', out, ...args);

describe('a registered characterization as the output condition', () => {
  it('PDF/X-1a names FOGRA39 in the ICC registry and embeds no profile; preflight says photos are separated with one', async () => {
    const out = join(dir, 'fogra.pdf');
    const r = await sampleExport(out, '--output-condition', 'FOGRA39', '--time', '2026-01-01T00:00:00Z');
    expect(r.code, r.err).toBe(0);
    const intents = outputIntents(readFileSync(out));
    expect(intents).toEqual([
      {
        '/Type': '/OutputIntent',
        '/S': '/GTS_PDFX',
        '/OutputConditionIdentifier': 'u:FOGRA39',
        '/OutputCondition': 'u:FOGRA39',
        '/RegistryName': 'u:http://www.color.org',
      },
    ]);
    expect(r.err).toMatch(
      /output-condition.*输出条件为注册特性 FOGRA39（http:\/\/www\.color\.org），PDF 不嵌入特性文件；照片按输出特性文件（.+）分色/,
    );
  });

  it('PDF/X-4 names IFRA26 and embeds the profile photos are separated with, as X-4 requires', async () => {
    const out = join(dir, 'ifra.pdf');
    const r = await sampleExport(out, '--preset', 'print-x4', '--output-condition', 'IFRA26', '--force');
    expect(r.code, r.err).toBe(0);
    const [intent] = outputIntents(readFileSync(out));
    expect(intent['/OutputConditionIdentifier']).toBe('u:IFRA26');
    expect(intent['/RegistryName']).toBe('u:http://www.color.org');
    expect(String(intent['/DestOutputProfile'])).toMatch(/^\d+ 0 R$/);
    expect(r.err).toContain('PDF/X-4 须嵌入特性文件');
  });

  it('takes the template’s output condition, and refuses what is not a characterization name', async () => {
    const templates = loadTemplates();
    const ed = sampleEdition(1);
    const id = ed.pages[0].template;
    const own = { ...templates, [id]: { ...templates[id], outputCondition: 'CGATS21_CRPC5' } };
    const pdf = await exportPdf(sampleDisplayList(1), ed, {
      preset: 'print-x1a',
      exportTime: new Date('2026-01-01T00:00:00Z'),
      preflight: { templates: own },
      force: true,
    });
    const [intent] = outputIntents(pdf);
    expect(intent['/OutputConditionIdentifier']).toBe('u:CGATS21_CRPC5');
    expect(intent['/DestOutputProfile']).toBeUndefined();
    const bad = await cliInProcess(
      'export',
      '--sample',
      '--output-condition',
      'FOGRA 39!',
      '-o',
      join(dir, 'no.pdf'),
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('is not a registered characterization name');
  });
});
