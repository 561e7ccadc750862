// The loopback host: the same handlers over HTTP, loopback only, its own origin only.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../../electron/host/server';
import { createHandlers, exportFileName, type Services } from '../../../electron/services/api-handlers';
import { webEnvironment } from '../../../electron/host/environment';
import { editsBetween } from '../../../electron/services/api-services';
import { loadSampleEdition } from '../../../electron/services/sample';

let host: RunningHost;
const written: { path: string; bytes: number }[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-host-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>版面</title>');
  const services = {
    sampleEdition: () => loadSampleEdition(),
    fontBytes: async () => new Uint8Array([0, 1, 0, 0]),
    exportPdf: async (_ed, _preset, pages) => (pages ?? [1]).map((page) => ({ page, data: new TextEncoder().encode('%PDF-1.4') })),
    writeFile: async (path, data) => { written.push({ path, bytes: data.byteLength }); },
    joinPath: (d, n) => `${d}/${n}`,
  } as Partial<Services> as Services;
  host = await startHost({ port: 0, rendererDir: dir, handlers: createHandlers(services, webEnvironment('/exports')) });
});
afterAll(() => host.close());

function call(path: string, opts: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; type: string; body: Buffer; csp: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body: Buffer.concat(chunks), csp: String(res.headers['content-security-policy']) }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('loopback host', () => {
  it('serves the renderer with a strict content security policy', async () => {
    const r = await call('/');
    expect(r.status).toBe(200);
    expect(r.body.toString()).toContain('版面');
    expect(r.csp).toContain("script-src 'self'");
    expect(r.csp).not.toContain('unsafe');
  });

  it('never serves files outside the renderer', async () => {
    expect((await call('/..%2f..%2fetc%2fpasswd')).status).toBe(403);
    expect((await call('/missing.js')).status).toBe(404);
  });

  it('refuses a foreign Host or Origin (DNS rebinding, cross-site posts)', async () => {
    expect((await call('/', { headers: { Host: 'evil.example:80' } })).status).toBe(403);
    const r = await call('/api/app.info', { method: 'POST', body: '{}', headers: { Origin: 'http://evil.example' } });
    expect(r.status).toBe(403);
  });

  it('answers API calls as JSON, bytes as bytes, and bad JSON with a clear error', async () => {
    const info = JSON.parse((await call('/api/app.info', { method: 'POST', body: '{}' })).body.toString());
    expect(info).toEqual({ ok: true, result: { transport: 'http', version: '0.1.0', canChooseFiles: false } });
    const font = await call('/api/fonts.file', { method: 'POST', body: JSON.stringify({ face: 'noto-serif-sc-400' }) });
    expect(font.type).toBe('application/octet-stream');
    expect([...font.body]).toEqual([0, 1, 0, 0]);
    const bad = await call('/api/app.info', { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString()).error.message).toMatch(/unreadable request/);
  });

  it('exports one file per page into the export folder, named for the printer', async () => {
    const edition = loadSampleEdition();
    const r = JSON.parse((await call('/api/pdf.export', { method: 'POST', body: JSON.stringify({ edition, preset: 'proof', pages: [1] }) })).body.toString());
    expect(r.ok).toBe(true);
    expect(r.result.files).toEqual([{ page: 1, path: `/exports/${exportFileName(edition, 1, 'proof')}`, bytes: 8 }]);
    expect(exportFileName(edition, 1, 'print-x1a')).toBe('徐汇报_2023-02-17_p01_print-x1a.pdf');
    const missing = JSON.parse((await call('/api/pdf.export', { method: 'POST', body: JSON.stringify({ edition, preset: 'proof', pages: [7] }) })).body.toString());
    expect(missing.error.message).toBe('the edition has no page 7');
  });
});

describe('saving writes only what changed', () => {
  it('turns the editor\'s edition into the store\'s edits', () => {
    const stored = loadSampleEdition();
    const next = structuredClone(stored);
    expect(editsBetween(stored, next)).toEqual([]);
    next.articles[0].blocks[0].children[0].text += '（续）';
    next.articles[1].status = 'proofed';
    next.pages[0].placements[2].regions[0].line += 1;
    expect(editsBetween(stored, next).map((e) => e.op)).toEqual(['updateArticle', 'setArticleStatus', 'setPlacements']);
  });
});
