// The loser of a layout conflict is told, with undo: two screens move the same story while apart;
// on reconnect both show the same (Yjs keeps one write), only the one whose move was replaced is
// told, and 恢复我的改动 puts his move back for both. A change made after seeing mine is no loss.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RestoreLost } from '../../../renderer/newsroom/RestoreLost';
import type { EditionSession } from '../../../renderer/state/session';
import { moveStory as move, twoDesks, relayEdition } from '../../support/newsroom-desks';

const button = (session: EditionSession): string =>
  renderToStaticMarkup(createElement(RestoreLost, { session }));

const lines = (s: EditionSession): number =>
  s.edition.pages[0].placements.find((p) => p.article === 'a3')!.regions[1].lines;

describe('a layout conflict in a shared edition', () => {
  it('both move one story while apart: equal on reconnect, only the loser told, his restore wins for both', async () => {
    const {
      relay,
      desks: [a, b],
      sample,
    } = await twoDesks();
    a.transport.pause();
    expect(move(a.session, 10)).toBe(true);
    expect(move(b.session, 12)).toBe(true);
    relay.flush();
    a.session.clearRefusal();
    b.session.clearRefusal();
    a.transport.resume();
    relay.flush();
    expect(lines(a.session)).toBe(lines(b.session));
    const [loser, winner, mine, theirs] = lines(a.session) === 12 ? [a, b, 10, '张明'] : [b, a, 12, '李华'];
    expect(loser.session.refusal).toContain(`你对《`);
    expect(loser.session.refusal).toContain(`的移动被 ${theirs} 的改动取代`);
    expect(loser.link.lostWrites.pending.length).toBe(1);
    expect(winner.session.refusal ?? '').not.toContain('取代');
    expect(winner.link.lostWrites.pending.length).toBe(0);
    expect(button(loser.session)).toContain('恢复我的改动');
    expect(button(winner.session)).toBe('');
    expect(loser.link.lostWrites.restore()).toBe(true);
    expect(button(loser.session)).toBe('');
    expect(loser.session.refusal).toContain('已恢复你的改动');
    relay.flush();
    for (const d of [a, b]) {
      expect(lines(d.session)).toBe(mine);
      expect(d.session.edition).toEqual(relayEdition(relay, sample));
    }
    // The winner's screen took the restore as others' change: nobody else is told of a loss.
    expect(winner.link.lostWrites.pending.length).toBe(0);
    expect(loser.link.lostWrites.restore()).toBe(false);
  });

  it('a move made after seeing mine is no loss: nobody is told', async () => {
    const {
      relay,
      desks: [a, b],
    } = await twoDesks();
    expect(move(a.session, 10)).toBe(true);
    relay.flush();
    expect(lines(b.session)).toBe(10);
    expect(move(b.session, 12)).toBe(true);
    relay.flush();
    expect(lines(a.session)).toBe(12);
    expect(a.session.refusal ?? '').not.toContain('取代');
    expect(a.link.lostWrites.pending.length).toBe(0);
  });
});
