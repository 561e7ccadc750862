// Photos of a newsroom edition through the real server and PostgreSQL: published or placed, a photo
// goes up once by its SHA-256 (HEAD first, PUT only when the server lacks it) and never into the
// shared documents; another person gets its bytes by hash, the same bytes; two editions using one
// photo are one copy on the server; a photo nobody has is null (a grey frame), never an error.
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newsroomMethods, PHOTO_MAX_BYTES } from '../../../electron/api';
import { NewsroomClient } from '../../../electron/services/newsroom/client';
import type { NewsroomEvent } from '../../../electron/services/newsroom/events';
import { newsroomHandlers } from '../../../electron/services/newsroom/handlers';
import { loadSampleEdition } from '../../../electron/services/sample';
import { createDatabase } from '../../../electron/services/store/database';
import { openDatabase } from '../../../electron/services/store/native';
import type { Edition } from '../../../engine/model/types';
import { layoutDocName, ROUTES } from '../../../newsroom/shared/protocol';
import { asset, rgbJpeg } from '../../support/images';
import { startPostgres, type TestPostgres } from '../../support/postgres';
import { addPeople, PASSWORD, startServer, type NewsroomServer } from '../../support/newsroom';

let db: TestPostgres;
let server: NewsroomServer;
let address: string;
const clients: NewsroomClient[] = [];

beforeAll(async () => {
  db = await startPostgres();
  await addPeople(db.url, [
    ['chief', '王总编', 'chief'],
    ['layout', '孙版面', 'layout'],
    ['ed', '李编辑', 'editor'],
  ]);
  const s = await startServer(db.url);
  server = s.server;
  address = `http://127.0.0.1:${s.port}`;
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.disconnect();
  await server?.stop();
  await db?.stop();
});

/** A client whose photo requests to the server are counted by method. */
async function signedIn(login: string) {
  const calls: string[] = [];
  const counting: typeof fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes(ROUTES.photos)) calls.push(init?.method ?? 'GET');
    return fetch(input, init);
  };
  const c = new NewsroomClient(counting);
  clients.push(c);
  await c.connect(address, login, PASSWORD);
  return { c, calls };
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const photo = rgbJpeg(96, 64);
const photoId = sha(photo);

function withPhoto(id: string): Edition {
  const ed = loadSampleEdition();
  return { ...ed, id, assets: [...ed.assets, asset(photoId, 'image/jpeg', photo, 96, 64, 'rgb')] };
}

async function copiesOnServer(hash: string): Promise<number> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM photos WHERE sha256 = $1', [
      hash,
    ]);
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}

/** The layout document as another person's Node side receives it. */
async function layoutOf(c: NewsroomClient, edition: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const name = layoutDocName(edition);
  c.open(edition);
  c.follow(name, true);
  let after = 0;
  let synced = false;
  while (!synced) {
    for (const e of (await c.events.take(after, 500)) as (NewsroomEvent & { seq: number })[]) {
      after = e.seq;
      if (e.type === 'update' && e.doc === name) Y.applyUpdate(doc, e.update);
      if (e.type === 'synced' && e.doc === name) synced = true;
    }
  }
  return doc;
}

describe('a newsroom edition’s photos', () => {
  it('go up once when published, stay out of the documents, and reach another person by hash', async () => {
    expect(await copiesOnServer(photoId)).toBe(0);
    const a = await signedIn('chief');
    const n = withPhoto('photos-1').assets.length;
    expect(await a.c.publish(withPhoto('photos-1'))).toBe('photos-1');
    expect(a.calls).toEqual(Array.from({ length: n }, () => ['HEAD', 'PUT']).flat());
    expect(await copiesOnServer(photoId)).toBe(1);

    // Another publisher, another edition with the same photo: the server has it, nothing is sent again.
    const l = await signedIn('layout');
    expect(await l.c.publish(withPhoto('photos-2'))).toBe('photos-2');
    expect(l.calls).toEqual(Array.from({ length: n }, () => 'HEAD'));
    expect(await copiesOnServer(photoId)).toBe(1);

    // Person B opens the edition: its layout document names the photo without its bytes…
    const b = await signedIn('ed');
    const layout = await layoutOf(b.c, 'photos-1');
    const entry = layout.getMap<{ v: Record<string, unknown> }>('assets').get(photoId);
    expect(entry?.v).toMatchObject({ id: photoId, mime: 'image/jpeg', pixelWidth: 96 });
    expect(entry?.v.data).toBeUndefined();
    const state = Buffer.from(Y.encodeStateAsUpdate(layout));
    expect(state.includes(photo.toString('base64').slice(0, 100))).toBe(false);
    expect(state.includes(photo.subarray(0, 100))).toBe(false);
    // …and gets the bytes by hash, identical; asked again, they are kept (no second request).
    const got = await b.c.photo(photoId);
    expect(got && Buffer.compare(got, photo)).toBe(0);
    expect(await b.c.photo(photoId)).toBe(got);
    expect(b.calls).toEqual(['GET']);
    // 另存为单机文件 still has the photo whole.
    const whole = await b.c.fetchEdition('photos-2');
    expect(whole.assets.find((x) => x.id === photoId)?.data).toBe(photo.toString('base64'));
  });

  it('placed in an open edition, goes up once and another person gets it', async () => {
    const placed = rgbJpeg(40, 30);
    const a = await signedIn('layout');
    a.c.open('photos-1');
    expect(await a.c.putPhoto(placed)).toEqual({ sha256: sha(placed), uploaded: true });
    expect(await a.c.putPhoto(placed)).toEqual({ sha256: sha(placed), uploaded: true });
    expect(a.calls).toEqual(['HEAD', 'PUT']);
    const b = await signedIn('ed');
    const got = await b.c.photo(sha(placed));
    expect(got && Buffer.compare(got, placed)).toBe(0);
    expect(await copiesOnServer(sha(placed))).toBe(1);
  });

  it('a photo nobody has is null, offline too; one placed offline goes up when the server is back', async () => {
    const b = await signedIn('ed');
    expect(await b.c.photo('0'.repeat(64))).toBeNull();
    const offline = new NewsroomClient();
    expect(await offline.photo(photoId)).toBeNull();
    const later = rgbJpeg(24, 24);
    expect(await offline.putPhoto(later)).toEqual({ sha256: sha(later), uploaded: false });
    // Kept on this side: it shows offline.
    expect(Buffer.compare((await offline.photo(sha(later)))!, later)).toBe(0);
    expect(await copiesOnServer(sha(later))).toBe(0);
    clients.push(offline);
    await offline.connect(address, 'ed', PASSWORD);
    offline.open('photos-1');
    offline.follow(layoutDocName('photos-1'), true);
    await expect.poll(() => copiesOnServer(sha(later)), { timeout: 20_000, interval: 200 }).toBe(1);
  });

  it('fetched into an edition file, shows from it offline with nobody signed in', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'banmian-photos-')), 'edition.banmian');
    createDatabase(file).close();
    const b = await signedIn('ed');
    b.c.open('photos-1', file);
    b.c.follow(layoutDocName('photos-1'), true);
    await expect.poll(() => b.c.state, { timeout: 20_000 }).toBe('synced');
    expect(Buffer.compare((await b.c.photo(photoId))!, photo)).toBe(0);
    b.c.disconnect();

    const offline = new NewsroomClient(() => Promise.reject(new Error('no network')));
    clients.push(offline);
    offline.open('photos-1', file);
    expect(Buffer.compare((await offline.photo(photoId))!, photo)).toBe(0);
    expect(await offline.photo(sha(rgbJpeg(8, 8)))).toBeNull();
    // The file has the photo as its own photos: by hash, with the record the layout document gives.
    const store = openDatabase(file, { readonly: true });
    expect(store.prepare('SELECT * FROM assets WHERE id = ?').get(photoId)).toEqual({
      id: photoId,
      sha256: photoId,
      mime: 'image/jpeg',
      pixel_width: 96,
      pixel_height: 64,
      color_space: 'rgb',
    });
    store.close();
  });

  it('the API takes only a 64-hex hash and a photo within the limit', async () => {
    const req = newsroomMethods['newsroom.photo'].req;
    expect(req.parse({ sha256: photoId })).toEqual({ sha256: photoId });
    for (const bad of ['', 'abc', photoId.toUpperCase(), `${photoId}0`, '../'.repeat(21) + 'a'])
      expect(() => req.parse({ sha256: bad }), bad).toThrow();
    const put = newsroomMethods['newsroom.photoPut'].req;
    expect(() => put.parse({ data: 'A'.repeat(Math.ceil(PHOTO_MAX_BYTES / 3) * 4 + 8) })).toThrow();
    const h = newsroomHandlers((p) => p, new NewsroomClient());
    expect(await h['newsroom.photo']({ sha256: photoId })).toEqual({ data: null });
  });
});
