// The server's undo of a refused update: applied to the document and to the sender's replica, the
// update that applies and undoes it leaves both as they were, for every kind of shared type.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mayWait, tryUpdate, undoingUpdate, updateOf } from '../../../newsroom/server/guard';
import type { Person } from '../../../newsroom/shared/protocol';
import * as encoding from 'lib0/encoding';

/** The server's document and a client's replica of it, and the updates the client's `edit` makes. */
function refuse(setup: (d: Y.Doc) => void, edit: (d: Y.Doc) => void) {
  const server = new Y.Doc();
  const author = new Y.Doc();
  setup(author);
  Y.applyUpdate(server, Y.encodeStateAsUpdate(author));
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const sent: Uint8Array[] = [];
  const record = (u: Uint8Array) => sent.push(u);
  client.on('update', record);
  edit(client);
  client.off('update', record);
  const before = JSON.stringify(server.toJSON());
  for (const u of sent) {
    const tried = tryUpdate(server, u, 'doc');
    expect(tried.changed).toBe(true);
    const undoing = undoingUpdate(server, u, tried.after);
    Y.applyUpdate(server, undoing);
    Y.applyUpdate(client, undoing);
  }
  return { before, server, client };
}

describe('undoing a refused update', () => {
  it('restores deleted text and removes inserted text, on the server and the sender', () => {
    const { server, client } = refuse(
      (d) => d.getText('body').insert(0, '原稿正文。'),
      (d) => {
        d.getText('body').insert(2, '被改');
        d.getText('body').delete(0, 1);
        d.getText('body').format(0, 2, { bold: true });
      },
    );
    expect(server.getText('body').toString()).toBe('原稿正文。');
    expect(client.getText('body').toDelta()).toEqual([{ insert: '原稿正文。' }]);
  });

  it('restores map entries and nested arrays', () => {
    const { before, server, client } = refuse(
      (d) => {
        d.getMap('pages').set('A1', '要闻');
        const list = new Y.Array<string>();
        list.push(['甲', '乙']);
        d.getMap('pages').set('order', list);
      },
      (d) => {
        d.getMap('pages').set('A1', '广告');
        d.getMap('pages').delete('order');
        d.getMap('other').set('x', 1);
      },
    );
    expect(JSON.stringify(server.toJSON())).toBe(before);
    expect(server.getMap('pages').toJSON()).toEqual({ A1: '要闻', order: ['甲', '乙'] });
    expect(server.getMap('other').toJSON()).toEqual({});
    expect(client.getMap('pages').toJSON()).toEqual({ A1: '要闻', order: ['甲', '乙'] });
    expect(client.getMap('other').toJSON()).toEqual({});
  });

  it('refuses bytes that are no update, leaving the document as it was', () => {
    const doc = new Y.Doc();
    doc.getText('body').insert(0, '完好');
    expect(() => tryUpdate(doc, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), 'doc')).toThrow(
      '修改数据无法识别',
    );
    expect(doc.getText('body').toString()).toBe('完好');
  });

  it('finds the update in a sync message and nothing in others', () => {
    const msg = (type: number, step?: number) => {
      const e = encoding.createEncoder();
      encoding.writeVarString(e, 'edition/e/layout');
      encoding.writeVarUint(e, type);
      if (step !== undefined) {
        encoding.writeVarUint(e, step);
        encoding.writeVarUint8Array(e, new Uint8Array([7, 7]));
      }
      return encoding.toUint8Array(e);
    };
    expect(updateOf(msg(0, 2))).toEqual(new Uint8Array([7, 7]));
    expect(updateOf(msg(0, 1))).toEqual(new Uint8Array([7, 7]));
    expect(updateOf(msg(4, 2))).toEqual(new Uint8Array([7, 7]));
    expect(updateOf(msg(0, 0))).toBeNull();
    expect(updateOf(msg(1))).toBeNull();
  });
});

describe('an update waiting for content the document lacks', () => {
  it('is kept waiting, the document untouched, and said to wait (the server takes it only from people who may write there)', () => {
    const server = new Y.Doc();
    server.getText('body').insert(0, '原稿');
    const guess = new Y.Doc();
    guess.clientID = server.clientID;
    Y.applyUpdate(guess, Y.encodeStateAsUpdate(server));
    guess.getText('body').insert(2, '。');
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(guess));
    forged.getText('body').insert(3, '恶意');
    const waiting = Y.encodeStateAsUpdate(forged, Y.encodeStateVector(guess));
    const tried = tryUpdate(server, waiting, 'doc');
    expect(tried).toMatchObject({ changed: true, waiting: true });
    expect(tried.after.getText('body').toString()).toBe('原稿');
    const deleting = new Y.Doc();
    Y.applyUpdate(deleting, Y.encodeStateAsUpdate(guess));
    deleting.getText('body').delete(2, 1);
    expect(
      tryUpdate(server, Y.encodeStateAsUpdate(deleting, Y.encodeStateVector(guess)), 'doc').waiting,
    ).toBe(true);
    expect(server.store.pendingStructs).toBeNull();
    expect(server.getText('body').toString()).toBe('原稿');
    // Who may send one: anyone who may write to that kind of document.
    const as = (role: Person['role']): Person => ({ login: 'x', name: 'x', role });
    expect(mayWait('copy', as('proofreader'))).toBe(false);
    expect(mayWait('copy', as('editor'))).toBe(true);
    expect(mayWait('layout', as('reporter'))).toBe(true);
    expect(mayWait('layout', as('layout'))).toBe(true);
  });
});
