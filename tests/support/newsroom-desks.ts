// Screens on one newsroom edition for unit tests: each an EditionSession linked through a
// MemoryTransport to the in-memory Relay (newsroom-relay.ts), started on the sample edition.
import { loadFontSet } from '../../electron/services/fonts';
import { loadSampleEdition } from '../../electron/services/sample';
import { loadTemplates } from '../../electron/services/templates';
import type { Edition } from '../../engine/model/types';
import { docsToEdition, editionToDocs } from '../../newsroom/shared/edition-docs';
import { copyDocName, layoutDocName, type Role } from '../../newsroom/shared/protocol';
import { NewsroomLink } from '../../renderer/newsroom/link';
import { EditionSession } from '../../renderer/state/session';
import { MemoryTransport, Relay } from './newsroom-relay';

export interface Desk {
  session: EditionSession;
  link: NewsroomLink;
  transport: MemoryTransport;
}

export async function desks(
  people: [login: string, name: string, role: Role][],
): Promise<{ relay: Relay; desks: Desk[]; sample: Edition }> {
  const fonts = loadFontSet();
  const templates = loadTemplates();
  const sample = loadSampleEdition();
  const { layout, copies } = editionToDocs(sample);
  const relay = new Relay(
    new Map([
      [layoutDocName(sample.id), layout],
      ...[...copies].map(([id, d]) => [copyDocName(sample.id, id), d] as const),
    ]),
  );
  const out: Desk[] = [];
  for (const [login, name, role] of people) {
    const session = new EditionSession(loadSampleEdition(), fonts, templates);
    const transport = new MemoryTransport(relay);
    const link = new NewsroomLink(session, transport, sample.id, { login, name, role, color: '#c00' });
    let started = false;
    const starting = link.start().then(() => (started = true));
    for (let i = 0; i < 20 && !started; i++) {
      relay.flush();
      await new Promise((r) => setTimeout(r, 0));
    }
    await starting;
    out.push({ session, link, transport });
  }
  relay.flush();
  return { relay, desks: out, sample };
}

/** The edition the relay's documents hold (the server's view), with the sample's photo bytes. */
export function relayEdition(relay: Relay, sample: Edition): Edition {
  const copies = new Map(sample.articles.map((a) => [a.id, relay.doc(copyDocName(sample.id, a.id))]));
  const data = new Map(sample.assets.map((a) => [a.id, a.data]));
  return docsToEdition(relay.doc(layoutDocName(sample.id)), copies, (id) => data.get(id));
}

/** The 版面编辑's move on page 1: story a3's second region set to `lines` lines (false: refused). */
export function moveStory(s: EditionSession, lines: number): boolean {
  const next = s.edition.pages[0].placements.map((p) =>
    p.article === 'a3' ? { ...p, regions: [p.regions[0], { ...p.regions[1], lines }] } : p,
  );
  return s.setPlacements(1, '调整区域', next);
}

/** Two screens: 李华 (版面编辑) and 张明 (值班总编). */
export const twoDesks = (): ReturnType<typeof desks> =>
  desks([
    ['lihua', '李华', 'layout'],
    ['zhangming', '张明', 'chief'],
  ]);
