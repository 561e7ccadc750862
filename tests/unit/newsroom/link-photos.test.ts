// A photo placed by one editor of a newsroom edition reaches the others (renderer link over the
// in-memory transport and relay, tests/support/newsroom-relay.ts): the layout document names it
// without its bytes, the bytes go up before the layout write, and another screen asks for them by
// hash and gets them into its edition. Offline, nobody keeps them: the frame stays without bytes
// (grey), no error, and they arrive once the network is back.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadFontSet } from '../../../electron/services/fonts';
import { loadSampleEdition } from '../../../electron/services/sample';
import { loadTemplates } from '../../../electron/services/templates';
import type { FontSet } from '../../../engine/fonts/metrics';
import type { Asset } from '../../../engine/model/types';
import type { Template } from '../../../engine/templates';
import { editionToDocs, layoutMap } from '../../../newsroom/shared/edition-docs';
import { copyDocName, layoutDocName, parseDocName } from '../../../newsroom/shared/protocol';
import { checkChange } from '../../../newsroom/shared/rules';
import { NewsroomLink } from '../../../renderer/newsroom/link';
import { EditionSession } from '../../../renderer/state/session';
import { rgbJpeg } from '../../support/images';
import { MemoryTransport, Relay } from '../../support/newsroom-relay';

let fonts: FontSet;
let templates: Record<string, Template>;
beforeAll(() => {
  fonts = loadFontSet();
  templates = loadTemplates();
});

async function desks(logins: string[]) {
  const sample = loadSampleEdition();
  const { layout, copies } = editionToDocs(sample);
  const relay = new Relay(
    new Map([
      [layoutDocName(sample.id), layout],
      ...[...copies].map(([id, d]) => [copyDocName(sample.id, id), d] as const),
    ]),
  );
  // The server's own rules: an article's photo must be one the layout document names.
  relay.check = (name, update) => {
    const doc = parseDocName(name)!;
    const before = relay.doc(name);
    const after = new Y.Doc();
    Y.applyUpdate(after, Y.encodeStateAsUpdate(before));
    Y.applyUpdate(after, update);
    const refused = checkChange(
      doc,
      before,
      after,
      { login: 'lihua', name: 'lihua', role: 'layout' },
      {
        layout: relay.doc(layoutDocName(sample.id)),
        template: (id) => templates[id],
        copy: (article) => relay.doc(copyDocName(sample.id, article)),
      },
    );
    return refused && { code: refused.code, message: refused.message };
  };
  const out = [];
  for (const login of logins) {
    const session = new EditionSession(loadSampleEdition(), fonts, templates);
    const transport = new MemoryTransport(relay);
    const link = new NewsroomLink(session, transport, sample.id, {
      login,
      name: login,
      role: 'layout',
      color: '#c00',
    });
    const starting = link.start();
    relay.flush();
    await new Promise((r) => setTimeout(r, 0));
    relay.flush();
    await starting;
    out.push({ session, transport, link });
  }
  return { relay, desks: out, sample };
}

const settle = async (relay: Relay) => {
  for (let i = 0; i < 3; i++) {
    relay.flush();
    await new Promise((r) => setTimeout(r, 0));
  }
};

function place(session: EditionSession, bytes: Buffer): Asset {
  const id = createHash('sha256').update(bytes).digest('hex');
  const asset: Asset = {
    id,
    mime: 'image/jpeg',
    pixelWidth: 80,
    pixelHeight: 60,
    colorSpace: 'rgb',
    data: bytes.toString('base64'),
  };
  session.openArticle(session.edition.pages[0].placements[0].article);
  const why = session.placePhoto(asset, '照片说明', (n) => {
    const t = session.templates[session.edition.pages.find((p) => p.number === n)?.template ?? ''];
    return t
      ? { pitch: t.body.pitch, col: t.grid.columnWidth, gutter: t.grid.gutter, lines: t.grid.lines }
      : null;
  });
  expect(why).toBeNull();
  return asset;
}

/** What the editor is told (the status line). */
function tellings(session: EditionSession): string[] {
  const told: string[] = [];
  const tell = session.tell.bind(session);
  session.tell = (m: string) => (told.push(m), tell(m));
  return told;
}

const dataOf = (s: EditionSession, id: string) => s.edition.assets.find((a) => a.id === id)?.data;

describe('a photo placed in a newsroom edition', () => {
  it('reaches another editor by its hash, the bytes never in the layout document', async () => {
    const {
      relay,
      desks: [a, b],
      sample,
    } = await desks(['lihua', 'zhangming']);
    const told = tellings(a.session);
    const photo = place(a.session, rgbJpeg(80, 60));
    expect(relay.photos.size).toBe(0);
    await settle(relay);
    // On the server once, by hash; the layout names it without bytes.
    expect([...relay.photos.keys()]).toEqual([photo.id]);
    const entry = layoutMap(relay.doc(layoutDocName(sample.id)), 'assets').get(photo.id);
    expect(entry?.v).toMatchObject({ id: photo.id, mime: 'image/jpeg' });
    expect((entry?.v as Partial<Asset>).data).toBeUndefined();
    // The other screen asked for it and has it, with the placement that shows it.
    expect(b.transport.asked).toEqual([photo.id]);
    expect(dataOf(b.session, photo.id)).toBe(photo.data);
    const shows = (s: EditionSession) => JSON.stringify(s.edition.articles).includes(photo.id);
    expect(shows(b.session)).toBe(true);
    expect(b.session.edition.assets).toEqual(a.session.edition.assets);
    // The server took it all: the photo's record went before the words that show it.
    expect(told).toEqual([]);
    a.link.stop();
    b.link.stop();
  });

  it('offline: the photo stays without bytes, no error; it arrives when the network is back', async () => {
    const {
      relay,
      desks: [a, b],
    } = await desks(['lihua', 'zhangming']);
    const told = tellings(b.session);
    const toldA = tellings(a.session);
    // B is offline when A places a photo: nothing of it on B's screen, no error.
    b.transport.pause();
    const photo = place(a.session, rgbJpeg(72, 54));
    await settle(relay);
    expect(relay.photos.has(photo.id)).toBe(true);
    expect(dataOf(b.session, photo.id)).toBeUndefined();
    b.transport.resume();
    await settle(relay);
    expect(dataOf(b.session, photo.id)).toBe(photo.data);
    expect(toldA).toEqual([]);
    expect(told.filter((m) => /错|失败|未接受/.test(m))).toEqual([]);

    // The photo cannot be had when the layout naming it arrives (its Node side gets nothing): the
    // photo is in B's edition without bytes (a grey frame), no error; asked again when the connection changes.
    const photoOf = b.transport.photo.bind(b.transport);
    b.transport.photo = async () => null;
    const second = place(a.session, rgbJpeg(60, 80));
    await settle(relay);
    expect(relay.photos.has(second.id)).toBe(true);
    expect(dataOf(b.session, second.id)).toBe('');
    expect(JSON.stringify(b.session.edition.articles)).toContain(second.id);
    b.transport.photo = photoOf;
    b.transport.pause();
    b.transport.resume();
    await settle(relay);
    expect(dataOf(b.session, second.id)).toBe(second.data);
    expect(told.filter((m) => /错|失败|未接受/.test(m))).toEqual([]);
    expect(toldA).toEqual([]);
    a.link.stop();
    b.link.stop();
  });
});
