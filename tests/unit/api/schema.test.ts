// The one typed API: what either end refuses, and that a well-formed call goes through unchanged.
import { describe, expect, it } from 'vitest';
import { ApiError, createClient, dispatch, methods, SchemaError, type Handlers } from '../../../electron/api';
import { arr, int, obj, opt, str } from '../../../electron/api/schema';
import { loadSampleEdition } from '../../../electron/services/sample';

describe('schemas', () => {
  it('names the path of the first bad field', () => {
    const s = obj({ pages: arr(obj({ number: int({ min: 1 }) })) });
    expect(() => s.parse({ pages: [{ number: 1 }, { number: 0 }] })).toThrow(
      'pages[1].number: expected an integer ≥ 1, got number 0',
    );
    expect(() => s.parse({})).toThrow('pages: expected an array');
  });

  it('drops unknown keys and keeps optional ones only when present', () => {
    const s = obj({ a: str(), b: opt(str()) });
    expect(s.parse({ a: 'x', extra: 1 })).toEqual({ a: 'x' });
    expect(s.parse({ a: 'x', b: 'y' })).toEqual({ a: 'x', b: 'y' });
  });

  it("checks an edition with the model's own validation, keeping every field", () => {
    const ed = loadSampleEdition();
    const parsed = methods['edition.saveAs'].req.parse({ edition: ed });
    expect(parsed.edition).toEqual(ed);
    const broken = structuredClone(ed);
    (broken.pages[0].placements[0].regions[0] as { cols: unknown }).cols = 'four';
    expect(() => methods['edition.saveAs'].req.parse({ edition: broken })).toThrow(
      /pages\[0\]\.placements\[0\]\.regions\[0\]\.cols/,
    );
  });
});

function fakeHandlers(over: Partial<Handlers> = {}): Handlers {
  const no = async () => {
    throw new Error('not in this test');
  };
  return {
    'app.info': async () => ({ transport: 'http', version: '1', canChooseFiles: false }),
    'edition.openSample': no,
    'edition.open': no,
    'edition.saveAs': no,
    'templates.all': no,
    'fonts.faces': no,
    'fonts.metrics': no,
    'fonts.file': async () => new Uint8Array([1, 2, 3]),
    'fonts.outlines': no,
    'pdf.export': no,
    'preflight.run': no,
    ...over,
  } as Handlers;
}

describe('dispatch and client', () => {
  it('refuses a malformed request before any handler runs', async () => {
    let ran = false;
    const h = fakeHandlers({
      'fonts.metrics': async () => {
        ran = true;
        return { table: {} };
      },
    });
    const r = await dispatch(h, 'fonts.metrics', { face: '../../etc/passwd' });
    expect(r).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(ran).toBe(false);
  });

  it("refuses unknown methods and a handler's malformed answer", async () => {
    expect(await dispatch(fakeHandlers(), 'fs.readFile', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    });
    const h = fakeHandlers({ 'app.info': async () => ({ transport: 'carrier-pigeon' }) as never });
    expect(await dispatch(h, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'bad-response' } });
  });

  it("reports a handler's failure as a message, never as a crash", async () => {
    const h = fakeHandlers({
      'edition.open': async () => {
        throw new Error('报纸文件已损坏');
      },
    });
    expect(await dispatch(h, 'edition.open', { path: '/x.banmian' })).toEqual({
      ok: false,
      error: { code: 'failed', message: '报纸文件已损坏' },
    });
  });

  it('a client checks both what it sends and what comes back', async () => {
    const client = createClient(async (m, req) => {
      const r = await dispatch(fakeHandlers(), m, req);
      return r.ok ? r.result : Promise.reject(new ApiError(r.error.code, r.error.message));
    });
    expect(await client.call('app.info', {})).toEqual({
      transport: 'http',
      version: '1',
      canChooseFiles: false,
    });
    expect(await client.call('fonts.file', { face: 'noto-serif-sc-400' })).toEqual(new Uint8Array([1, 2, 3]));
    await expect(client.call('fonts.file', { face: 'Noto Serif' })).rejects.toMatchObject({
      code: 'bad-request',
    });
    const lying = createClient(async () => ({ transport: 'http' }));
    await expect(lying.call('app.info', {})).rejects.toMatchObject({ code: 'bad-response' });
    expect(new SchemaError('a.b', 'a string', 3).message).toBe('a.b: expected a string, got number 3');
  });
});
