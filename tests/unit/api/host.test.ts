// The loopback host: the same handlers over HTTP, loopback only, its own origin only, and only for
// callers that carry the run's token.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostToken, startHost, type RunningHost } from '../../../electron/host/server';
import { createHandlers, exportFileName, type Services } from '../../../electron/services/api-handlers';
import { webEnvironment } from '../../../electron/host/environment';
import { editsBetween } from '../../../electron/services/api-services';
import { loadSampleEdition } from '../../../electron/services/sample';

let host: RunningHost;
let docs: string;
const written: { path: string; bytes: number }[] = [];
const TOKEN = 'host-test-token-0123456789';

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'banmian-host-'));
  docs = join(dir, 'docs');
  mkdirSync(docs);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>版面</title>');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), SCRIPT);
  const services = {
    sampleEdition: () => loadSampleEdition(),
    fontBytes: async () => new Uint8Array([0, 1, 0, 0]),
    exportPdf: async (_ed, _preset, pages) =>
      (pages ?? [1]).map((page) => ({ page, data: new TextEncoder().encode('%PDF-1.4') })),
    writeFile: async (path, data) => {
      written.push({ path, bytes: data.byteLength });
    },
    joinPath: (d, n) => `${d}/${n}`,
    newEdition: () => loadSampleEdition(),
    createEditionFile: (_ed, path) => {
      writeFileSync(path, 'edition');
    },
    recent: () => ({
      list: () => [],
      opened: () => {},
      place: () => {},
      closed: () => {},
      recovery: () => null,
    }),
  } as Partial<Services> as Services;
  host = await startHost({
    port: 0,
    rendererDir: dir,
    token: TOKEN,
    handlers: createHandlers(services, webEnvironment('/exports', docs)),
  });
});
afterAll(() => host.close());

const SCRIPT = `console.log(${JSON.stringify('版面 '.repeat(5000))});\n`;
const AUTH = { Authorization: `Bearer ${TOKEN}` };

function call(
  path: string,
  opts: { method?: string; body?: string; headers?: Record<string, string>; auth?: boolean } = {},
): Promise<{ status: number; type: string; body: Buffer; csp: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const headers = { ...(opts.auth === false ? {} : AUTH), ...opts.headers };
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: opts.method ?? 'GET', headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            type: String(res.headers['content-type']),
            body: Buffer.concat(chunks),
            csp: String(res.headers['content-security-policy']),
            headers: res.headers,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('loopback host', () => {
  it("sends the renderer's script gzipped to a browser that accepts it, kept for good under its hashed name", async () => {
    const zipped = await call('/assets/index-abc123.js', {
      headers: { 'Accept-Encoding': 'gzip, deflate, br' },
    });
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.body.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 10);
    expect(gunzipSync(zipped.body).toString()).toBe(SCRIPT);
    expect(zipped.headers['cache-control']).toContain('immutable');
    const plain = await call('/assets/index-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
    // The page itself is asked for afresh each time: it names the current script.
    expect((await call('/', { headers: { 'Accept-Encoding': 'gzip' } })).headers['cache-control']).toBe(
      'no-store',
    );
  });

  it('serves the renderer with a strict content security policy', async () => {
    const r = await call('/');
    expect(r.status).toBe(200);
    expect(r.body.toString()).toContain('版面');
    expect(r.csp).toContain("script-src 'self'");
    expect(r.csp).not.toContain('unsafe');
  });

  it('sends no referrer and keeps other origins out of its windows and resources, on pages and API answers alike', async () => {
    for (const r of [
      await call('/'),
      await call('/api/app.info', { method: 'POST', body: '{}' }),
      await call('/missing.js'),
      await call('/api/app.info', { method: 'POST', body: '{}', auth: false }),
    ]) {
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(r.headers['cross-origin-resource-policy']).toBe('same-origin');
    }
  });

  it('prints its address with the token, and answers API calls without the token or with a wrong one 401', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${TOKEN}`);
    // The page itself is served to anyone on loopback: it holds no data, the API does.
    expect((await call('/', { auth: false })).status).toBe(200);
    for (const headers of [
      {} as Record<string, string>,
      { Authorization: 'Bearer wrong-token-0123456789' },
      { Authorization: `Bearer ${TOKEN}x` },
      { Authorization: TOKEN },
      { Authorization: `Basic ${TOKEN}` },
    ]) {
      const r = await call('/api/app.info', { method: 'POST', body: '{}', headers, auth: false });
      expect(r.status, JSON.stringify(headers)).toBe(401);
      expect(JSON.parse(r.body.toString()).error.code).toBe('unauthorized');
    }
    // Nothing behind the door runs without it: no export is written.
    const before = written.length;
    expect(
      (
        await call('/api/pdf.export', {
          method: 'POST',
          body: JSON.stringify({ edition: loadSampleEdition(), preset: 'proof' }),
          auth: false,
        })
      ).status,
    ).toBe(401);
    expect(written.length).toBe(before);
  });

  it('takes BANMIAN_TOKEN when set and a fresh random token otherwise', () => {
    expect(hostToken({ BANMIAN_TOKEN: 'scripted-token-0123456789' })).toBe('scripted-token-0123456789');
    const a = hostToken({}),
      b = hostToken({});
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(() => hostToken({ BANMIAN_TOKEN: 'short' })).toThrow(/16 to 200/);
    expect(() => hostToken({ BANMIAN_TOKEN: 'has spaces and more than sixteen' })).toThrow(/BANMIAN_TOKEN/);
  });

  it('answers refused paths with 4xx, not 500: outside the documents folder 403, an existing file without agreement 409', async () => {
    const open = await call('/api/edition.open', {
      method: 'POST',
      body: JSON.stringify({ path: '../../etc/passwd.banmian' }),
    });
    expect(open.status).toBe(403);
    expect(JSON.parse(open.body.toString()).error).toMatchObject({
      code: 'refused',
      message: expect.stringMatching(/文档文件夹/),
    });
    const made = await call('/api/edition.new', {
      method: 'POST',
      body: JSON.stringify({ template: 'sikai', paper: '徐汇报', date: '2023-02-18', pages: 1, path: 'x' }),
    });
    expect(made.status).toBe(200);
    const again = await call('/api/edition.new', {
      method: 'POST',
      body: JSON.stringify({ template: 'sikai', paper: '徐汇报', date: '2023-02-18', pages: 1, path: 'x' }),
    });
    expect(again.status).toBe(409);
    expect(JSON.parse(again.body.toString()).error).toMatchObject({
      code: 'exists',
      message: expect.stringMatching(/已存在/),
    });
    const autosave = await call('/api/edition.autosave', {
      method: 'POST',
      body: JSON.stringify({ path: 'never-opened.banmian', articles: [], pages: [] }),
    });
    expect(autosave.status).toBe(409);
    expect(JSON.parse(autosave.body.toString()).error.code).toBe('not-open');
  });

  it('never serves files outside the renderer', async () => {
    expect((await call('/..%2f..%2fetc%2fpasswd')).status).toBe(403);
    expect((await call('/missing.js')).status).toBe(404);
  });

  it('refuses a foreign Host or Origin (DNS rebinding, cross-site posts)', async () => {
    expect((await call('/', { headers: { Host: 'evil.example:80' } })).status).toBe(403);
    const r = await call('/api/app.info', {
      method: 'POST',
      body: '{}',
      headers: { Origin: 'http://evil.example' },
    });
    expect(r.status).toBe(403);
  });

  it('answers API calls as JSON, bytes as bytes, and bad JSON with a clear error', async () => {
    const info = JSON.parse((await call('/api/app.info', { method: 'POST', body: '{}' })).body.toString());
    expect(info).toEqual({
      ok: true,
      result: { transport: 'http', version: '0.1.0', canChooseFiles: false },
    });
    const font = await call('/api/fonts.file', {
      method: 'POST',
      body: JSON.stringify({ face: 'noto-serif-sc-400' }),
    });
    expect(font.type).toBe('application/octet-stream');
    expect([...font.body]).toEqual([0, 1, 0, 0]);
    const bad = await call('/api/app.info', { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString()).error.message).toMatch(/unreadable request/);
  });

  it('exports one file per page into the export folder, named for the printer', async () => {
    const edition = loadSampleEdition();
    const r = JSON.parse(
      (
        await call('/api/pdf.export', {
          method: 'POST',
          body: JSON.stringify({ edition, preset: 'proof', pages: [1] }),
        })
      ).body.toString(),
    );
    expect(r.ok).toBe(true);
    expect(r.result.files).toEqual([
      { page: 1, path: `/exports/${exportFileName(edition, 1, 'proof')}`, bytes: 8 },
    ]);
    expect(exportFileName(edition, 1, 'print-x1a')).toBe('徐汇报_2023-02-17_p01_print-x1a.pdf');
    const missing = JSON.parse(
      (
        await call('/api/pdf.export', {
          method: 'POST',
          body: JSON.stringify({ edition, preset: 'proof', pages: [7] }),
        })
      ).body.toString(),
    );
    expect(missing.error.message).toBe('本期次没有第 7 版（the edition has no page 7）');
    // The folder an answer named is taken back, so one export can go page by page.
    const again = await call('/api/pdf.export', {
      method: 'POST',
      body: JSON.stringify({ edition, preset: 'proof', pages: [1], target: r.result.folder }),
    });
    expect(again.status).toBe(200);
  });

  it('exports nowhere but the export folder: any other target is refused with 403 and nothing is written', async () => {
    const edition = loadSampleEdition();
    const before = written.length;
    for (const target of ['/tmp/elsewhere', '/exports/../etc', '/exports/sub', docs, '.']) {
      const r = await call('/api/pdf.export', {
        method: 'POST',
        body: JSON.stringify({ edition, preset: 'proof', pages: [1], target }),
      });
      expect(r.status, target).toBe(403);
      expect(JSON.parse(r.body.toString()).error.message).toMatch(/不是导出文件夹/);
    }
    expect(written.length).toBe(before);
  });
});

describe('saving writes only what changed', () => {
  it("turns the editor's edition into the store's edits", () => {
    const stored = loadSampleEdition();
    const next = structuredClone(stored);
    expect(editsBetween(stored, next)).toEqual([]);
    next.articles[0].blocks[0].children[0].text += '（续）';
    next.articles[1].status = 'proofed';
    next.pages[0].placements[2].regions[0].line += 1;
    expect(editsBetween(stored, next).map((e) => e.op)).toEqual([
      'updateArticle',
      'setArticleStatus',
      'setPlacements',
    ]);
  });
});
