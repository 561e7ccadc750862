// The newsroom methods of the one typed API: the renderer asks the Node side (which holds the
// connection to the newsroom server, the sign-in token and the documents) to sign in, list, open and
// publish editions, and relays the Yjs updates and presence of the open edition. Updates travel as
// base64 (JSON bodies on both transports), at most NEWSROOM_UPDATE_MAX_BYTES each.
import { EditionSchema } from './model';
import { arr, bool, int, json, lit, nullable, obj, opt, str } from './schema';

export const NEWSROOM_UPDATE_MAX_BYTES = 1024 * 1024;
/** Events one poll returns at most, and the longest a poll waits for one. */
export const NEWSROOM_POLL_MAX_EVENTS = 200;
export const NEWSROOM_POLL_MAX_MS = 20_000;

const base64 = str({
  max: Math.ceil(NEWSROOM_UPDATE_MAX_BYTES / 3) * 4 + 4,
  pattern: /^[A-Za-z0-9+/]*={0,2}$/,
});
/** The largest photo (electron/api/index.ts PHOTO_MAX_BYTES; not imported from there, which imports this file). */
const PHOTO_BYTES_MAX = 40 * 1024 * 1024;
const photoBytes = str({
  min: 1,
  max: Math.ceil(PHOTO_BYTES_MAX / 3) * 4 + 4,
  pattern: /^[A-Za-z0-9+/]*={0,2}$/,
});
const docName = str({
  min: 1,
  max: 200,
  pattern: /^edition\/[A-Za-z0-9_-]{1,64}\/(layout|copy\/[A-Za-z0-9_-]{1,64})$/,
});
const editionId = str({ min: 1, max: 64, pattern: /^[A-Za-z0-9_-]+$/ });
const PersonSchema = obj({
  login: str({ max: 64 }),
  name: str({ max: 200 }),
  role: lit('reporter', 'editor', 'layout', 'proofreader', 'chief'),
});
const ConnectionStateSchema = lit('offline', 'online', 'synced');

/** One thing that happened for the open edition (renderer/newsroom/transport.ts TransportEvent, on the wire). */
export const NewsroomEventSchema = obj({
  seq: int({ min: 1 }),
  type: lit('update', 'synced', 'presence', 'refused', 'state'),
  doc: opt(str({ max: 200 })),
  update: opt(str()),
  /** presence: [awareness client, PresenceState] pairs. */
  others: opt(json('presence')),
  refused: opt(obj({ doc: str({ max: 200 }), code: str({ max: 40 }), message: str({ max: 2000 }) })),
  state: opt(ConnectionStateSchema),
});

export const newsroomMethods = {
  /** 连接编辑部: sign in to a newsroom server (http/https address); the token stays on the Node side. */
  'newsroom.connect': {
    req: obj({
      server: str({ min: 1, max: 300 }),
      login: str({ min: 1, max: 64 }),
      password: str({ min: 1, max: 200 }),
    }),
    res: obj({ person: PersonSchema, server: str() }),
  },
  /** The editions on the server. */
  'newsroom.editions': {
    req: obj({}),
    res: obj({
      editions: arr(
        obj({ id: str(), paper: str(), date: str(), pages: int({ min: 0 }), articles: int({ min: 0 }) }),
        { max: 10_000 },
      ),
    }),
  },
  /**
   * Opens an edition: its documents are then followed with `newsroom.follow`. `path`: the open
   * edition file, which keeps the documents as an offline replica (and opens them with no server).
   */
  'newsroom.open': {
    req: obj({ edition: editionId, path: opt(str({ min: 1, max: 4096 })) }),
    res: obj({ edition: str(), person: PersonSchema, state: ConnectionStateSchema }),
  },
  /** The newsroom edition an open edition file is the offline replica of, if any. */
  'newsroom.replica': {
    req: obj({ path: str({ min: 1, max: 4096 }) }),
    res: obj({ replica: nullable(obj({ server: str(), edition: str() })) }),
  },
  /** Starts (or stops) following one of the open edition's documents. */
  'newsroom.follow': {
    req: obj({ doc: docName, follow: bool() }),
    res: obj({}),
  },
  /** A local Yjs update of a followed document. */
  'newsroom.send': {
    req: obj({ doc: docName, update: base64 }),
    res: obj({}),
  },
  /** This editor's presence (null: gone). */
  'newsroom.presence': {
    req: obj({ state: nullable(json('presence')) }),
    res: obj({}),
  },
  /** Waits (at most ~20 s) for events after `after`; answers at once when some wait. */
  'newsroom.poll': {
    req: obj({ after: int({ min: 0 }) }),
    res: obj({ events: arr(NewsroomEventSchema, { max: NEWSROOM_POLL_MAX_EVENTS }) }),
  },
  /** 发布到编辑部: the open stand-alone edition onto the server. */
  'newsroom.publish': {
    req: obj({ edition: EditionSchema }),
    res: obj({ id: str() }),
  },
  /** 另存为单机文件: an edition on the server, assembled from its documents (photos included). */
  'newsroom.edition': {
    req: obj({ edition: editionId }),
    res: obj({ edition: EditionSchema }),
  },
  /**
   * A photo placed in the open edition (base64, at most PHOTO_MAX_BYTES): stored on the server by its
   * SHA-256 once (later, when offline now). The layout document holds only its metadata.
   */
  'newsroom.photoPut': {
    req: obj({ data: photoBytes }),
    res: obj({ sha256: str(), uploaded: bool() }),
  },
  /** A photo's bytes by its SHA-256 (kept on the Node side, else fetched from the server); null: not to be had now. */
  'newsroom.photo': {
    req: obj({ sha256: str({ min: 64, max: 64, pattern: /^[0-9a-f]{64}$/ }) }),
    res: obj({ data: nullable(str()) }),
  },
  /** Signs out and closes the edition. */
  'newsroom.disconnect': {
    req: obj({}),
    res: obj({}),
  },
} as const;
