// The newsroom API methods (electron/api/newsroom.ts) over one NewsroomClient per window's handlers.
import type { Handlers } from '../../api';
import { NEWSROOM_POLL_MAX_MS, NEWSROOM_UPDATE_MAX_BYTES, PHOTO_MAX_BYTES, Refusal } from '../../api';
import { NewsroomClient } from './client';
import { replicaOrigin } from './replica';

type NewsroomMethods =
  | 'newsroom.connect'
  | 'newsroom.editions'
  | 'newsroom.open'
  | 'newsroom.replica'
  | 'newsroom.follow'
  | 'newsroom.send'
  | 'newsroom.presence'
  | 'newsroom.poll'
  | 'newsroom.publish'
  | 'newsroom.edition'
  | 'newsroom.photoPut'
  | 'newsroom.photo'
  | 'newsroom.disconnect';

const toBase64 = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('base64');

/** `openFile`: the edition file the page names, checked to be open in this window. */
export function newsroomHandlers(
  openFile: (path: string) => string,
  client = new NewsroomClient(),
): Pick<Handlers, NewsroomMethods> {
  return {
    'newsroom.connect': ({ server, login, password }) => client.connect(server, login, password),
    'newsroom.editions': async () => ({ editions: await client.editions() }),
    'newsroom.open': async ({ edition, path }) => client.open(edition, path ? openFile(path) : undefined),
    'newsroom.replica': async ({ path }) => {
      const r = replicaOrigin(openFile(path));
      return { replica: r ? { server: r.server, edition: r.edition } : null };
    },
    'newsroom.follow': async ({ doc, follow }) => {
      client.follow(doc, follow);
      return {};
    },
    'newsroom.send': async ({ doc, update }) => {
      const bytes = Buffer.from(update, 'base64');
      if (bytes.length > NEWSROOM_UPDATE_MAX_BYTES)
        throw new Refusal('refused', `修改太大（${bytes.length} 字节，上限 ${NEWSROOM_UPDATE_MAX_BYTES}）`);
      client.send(doc, new Uint8Array(bytes));
      return {};
    },
    'newsroom.presence': async ({ state }) => {
      client.setPresence(state && typeof state === 'object' ? (state as Record<string, unknown>) : null);
      return {};
    },
    'newsroom.poll': async ({ after }) => ({
      events: (await client.events.take(after, NEWSROOM_POLL_MAX_MS)).map((e) =>
        e.type === 'update' ? { ...e, update: toBase64(e.update) } : e,
      ),
    }),
    'newsroom.publish': async ({ edition }) => ({ id: await client.publish(edition) }),
    'newsroom.edition': async ({ edition }) => ({ edition: await client.fetchEdition(edition) }),
    'newsroom.photoPut': async ({ data }) => {
      const bytes = Buffer.from(data, 'base64');
      if (bytes.length > PHOTO_MAX_BYTES)
        throw new Refusal('refused', `图片过大（上限 ${PHOTO_MAX_BYTES / 1048576} MB）`);
      return client.putPhoto(bytes);
    },
    'newsroom.photo': async ({ sha256 }) => {
      const bytes = await client.photo(sha256);
      return { data: bytes ? bytes.toString('base64') : null };
    },
    'newsroom.disconnect': async () => {
      client.disconnect();
      client.events.wake();
      return {};
    },
  };
}
