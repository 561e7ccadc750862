// The newsroom under a bounded load (the smaller version of `npm run bench`'s newsroom rows): an
// 8-page edition published to real server processes with the edition's rules, ten people typing into
// its articles at a human rate for ten seconds, on one instance and on two joined by Redis. Nothing
// typed may be lost or doubled, on any client or in PostgreSQL. No timing is asserted.
import { afterAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../newsroom/shared/protocol';
import { eightPageBroadsheet } from '../../support/broadsheet-edition';
import { publishThroughSync, startLoadServers, type LoadServers } from '../../support/newsroom-load';
import { typeTogether } from '../../support/newsroom-typing';

const WRITERS = Array.from({ length: 10 }, (_, i) => `w${String(i + 1).padStart(2, '0')}`);
const PEOPLE: [string, string, Role][] = [
  ['chief', '值班总编', 'chief'],
  ...WRITERS.map((l, i): [string, string, Role] => [l, `记者${i + 1}`, 'reporter']),
];

let running: LoadServers | undefined;
afterAll(async () => {
  await running?.stop();
});

describe.each([1, 2])('%i server instance(s)', (instances) => {
  it('ten people typing for ten seconds lose and double nothing', { timeout: 240_000 }, async () => {
    const servers = (running = await startLoadServers(instances, PEOPLE));
    try {
      const edition = eightPageBroadsheet();
      await publishThroughSync(servers.ports[0], 'chief', edition);
      const r = await typeTogether({ servers, edition, logins: WRITERS, seconds: 10, perArticle: 2 });
      expect(r.refused).toEqual([]);
      expect(r.problems).toEqual([]);
      // Each of the ten typed: about five characters a second each.
      expect(r.typed).toBeGreaterThan(10 * 10);
      // Every keystroke reached the writer's neighbour (it is what the benchmark times).
      expect(r.watchedTyped).toBe(r.typed);
      expect(r.latencies.length).toBe(r.typed);
    } finally {
      await servers.stop();
      running = undefined;
    }
  });
});
