// The Node side of a newsroom edition: signed in to one newsroom server (the token kept in memory
// only), one WebSocket (HocuspocusProviderWebsocket) and a provider per followed document, and a
// queue of events the renderer takes with `poll`. The renderer's Yjs updates are applied to this
// side's copy of each document, which the provider sends on (and sends again after a reconnect:
// what was made while offline merges when the server is back).
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import * as Y from 'yjs';
import type { Edition } from '../../../engine/model/types';
import { EditionError, problemsInChinese, validateEdition } from '../../../engine/model/validate';
import { Refusal } from '../../api';
import type { AssetMeta, Entry } from '../../../newsroom/shared/edition-docs';
import {
  parseDocName,
  ROUTES,
  type EditionSummary,
  type Person,
  type Refused,
} from '../../../newsroom/shared/protocol';
import type { ConnectionState, NewsroomEvent } from './events';
import { EventQueue } from './events';
import { NewsroomPhotos, photoHash, type PhotoServer } from './photos';
import { Replica } from './replica';

/** The origin of updates the renderer sent (not sent back to it). */
const FROM_RENDERER = Symbol('renderer');

/** A newsroom server's address as the editor typed it: http or https, a host, an optional port, nothing else. */
export function serverAddress(typed: string): URL {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(typed.trim()) ? typed.trim() : `http://${typed.trim()}`);
  } catch {
    throw new Refusal('refused', `“${typed}”不是有效的服务器地址（例如 http://192.168.1.20:7420）`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Refusal('refused', '服务器地址只能是 http:// 或 https://');
  if (!url.hostname || url.username || url.password || (url.pathname !== '/' && url.pathname !== ''))
    throw new Refusal('refused', '服务器地址只写主机和端口，例如 http://192.168.1.20:7420');
  if (url.search || url.hash) throw new Refusal('refused', '服务器地址不能带 ? 或 #');
  return new URL(`${url.protocol}//${url.host}`);
}

interface Followed {
  doc: Y.Doc;
  /** Null while there is no server (opened offline from the replica). */
  provider: HocuspocusProvider | null;
  synced: boolean;
}

export class NewsroomClient {
  private base: URL | null = null;
  private token = '';
  private person: Person | null = null;
  private edition: string | null = null;
  private socket: HocuspocusProviderWebsocket | null = null;
  private readonly followed = new Map<string, Followed>();
  private presence: Record<string, unknown> | null = null;
  private _state: ConnectionState = 'offline';
  private replica: Replica | null = null;
  private readonly dirty = new Set<string>();
  private keepTimer: ReturnType<typeof setTimeout> | null = null;
  readonly events = new EventQueue();
  private readonly photos: NewsroomPhotos;

  constructor(private readonly fetchImpl: typeof fetch = fetch) {
    this.photos = new NewsroomPhotos(fetchImpl);
  }

  get state(): ConnectionState {
    return this._state;
  }

  async connect(
    server: string,
    login: string,
    password: string,
  ): Promise<{ person: Person; server: string }> {
    const base = serverAddress(server);
    const body = await this.request<{ token: string; person: Person }>(base, 'POST', ROUTES.login, '', {
      login,
      password,
    });
    this.disconnectLocal();
    this.base = base;
    this.token = body.token;
    this.person = body.person;
    return { person: body.person, server: base.origin };
  }

  async editions(): Promise<EditionSummary[]> {
    const { base, token } = this.signedIn();
    return (await this.request<{ editions: EditionSummary[] }>(base, 'GET', ROUTES.editions, token)).editions;
  }

  /** 发布到编辑部: its photos go up first, each once by its hash; the edition follows without their bytes. */
  async publish(edition: Edition): Promise<string> {
    const { base, token } = this.signedIn();
    const assets = [];
    for (const a of edition.assets) {
      const bytes = Buffer.from(a.data, 'base64');
      if (!a.data || photoHash(bytes) !== a.id) {
        assets.push(a);
        continue;
      }
      try {
        await this.photos.upload({ base, token }, bytes);
      } catch (e) {
        throw new Refusal('refused', (e as Error).message);
      }
      assets.push({ ...a, data: '' });
    }
    const body = { edition: { ...edition, assets } };
    return (await this.request<{ id: string }>(base, 'POST', ROUTES.editions, token, body)).id;
  }

  /** A photo placed in the open edition: kept, and stored on the server (later, when offline now). */
  async putPhoto(bytes: Buffer): Promise<{ sha256: string; uploaded: boolean }> {
    this.replica?.keepPhoto(photoHash(bytes), bytes);
    try {
      return await this.photos.upload(this.photoServer(), bytes);
    } catch (e) {
      throw new Refusal('refused', (e as Error).message);
    }
  }

  /**
   * A photo's bytes by its hash: from the edition file (offline replica) or kept here, else from the
   * server (then kept in the file too); null when none has it.
   */
  async photo(sha256: string): Promise<Buffer | null> {
    const r = this.replica;
    const kept = r?.photo(sha256);
    if (kept) return kept;
    const bytes = await this.photos.get(this.photoServer(), sha256);
    if (bytes && r && r === this.replica) {
      const meta = this.layoutFollowed()?.doc.getMap<Entry<AssetMeta>>('assets').get(sha256)?.v;
      r.keepPhoto(sha256, bytes, meta);
    }
    return bytes;
  }

  private photoServer(): PhotoServer | null {
    return this.base && this.token ? { base: this.base, token: this.token } : null;
  }

  /** An edition as its documents on the server hold it now (另存为单机文件). */
  async fetchEdition(id: string): Promise<Edition> {
    const { base, token } = this.signedIn();
    const path = ROUTES.edition + encodeURIComponent(id);
    const raw = (await this.request<{ edition: unknown }>(base, 'GET', path, token)).edition;
    try {
      return validateEdition(raw, '编辑部期次');
    } catch (e) {
      throw new Refusal(
        'refused',
        e instanceof EditionError ? problemsInChinese(e.problems) : '服务器送来的期次无效',
      );
    }
  }

  /**
   * Opens an edition (closing one open before); its documents are followed one by one. With
   * `replicaPath` (the open edition file) the documents are kept there too, and an edition that file
   * holds opens from it with no server at all (offline; nobody signed in).
   */
  open(edition: string, replicaPath?: string): { edition: string; person: Person; state: ConnectionState } {
    this.closeEdition();
    this.events.clear();
    let person = this.person;
    if (replicaPath) {
      const r = new Replica(replicaPath);
      const was = r.origin();
      if (this.base && person) r.belongTo({ server: this.base.origin, edition, person });
      else if (was?.edition === edition) person = was.person;
      else {
        r.close();
        throw new Refusal('not-open', '还没有连接编辑部，请先登录');
      }
      this.replica = r;
    } else this.signedIn();
    this.edition = edition;
    if (this.base) {
      const ws = new URL(ROUTES.sync, this.base);
      ws.protocol = this.base.protocol === 'https:' ? 'wss:' : 'ws:';
      this.socket = new HocuspocusProviderWebsocket({
        url: ws.href,
        delay: 200,
        minDelay: 200,
        factor: 1.5,
        maxDelay: 2000,
        jitter: false,
      });
      this.socket.on('status', () => this.updateState());
    }
    this.updateState();
    return { edition, person: person!, state: this._state };
  }

  follow(name: string, follow: boolean): void {
    const parsed = parseDocName(name);
    if (!this.edition || !parsed || parsed.edition !== this.edition)
      throw new Refusal('not-open', '这个文档不属于打开的编辑部期次');
    const had = this.followed.get(name);
    if (!follow) {
      if (had) {
        had.provider?.destroy();
        this.followed.delete(name);
      }
      return;
    }
    if (had) {
      // Followed again (the renderer reopened the edition): it gets the whole state once more.
      this.events.update(name, Y.encodeStateAsUpdate(had.doc));
      if (had.synced) this.events.push({ type: 'synced', doc: name });
      return;
    }
    const doc = new Y.Doc();
    const f: Followed = { doc, provider: null, synced: false };
    this.followed.set(name, f);
    doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== FROM_RENDERER) this.events.update(name, u);
      this.kept(name);
      this.updateState();
    });
    // Offline first: what the replica holds is there at once, and counts as synced until the server answers.
    const kept = this.replica?.load(name);
    if (kept) Y.applyUpdate(doc, kept, this.replica);
    if (kept || !this.socket) this.events.push({ type: 'synced', doc: name });
    if (!this.socket) return;
    f.provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name,
      document: doc,
      token: this.token,
      onSynced: () => {
        f.synced = true;
        this.events.push({ type: 'synced', doc: name });
        this.updateState();
      },
      onUnsyncedChanges: () => this.updateState(),
      onStateless: ({ payload }) => this.stateless(payload),
      onAwarenessChange: () => this.presenceChanged(f),
    });
    f.provider.attach();
    if (parsed.kind === 'layout' && this.presence) f.provider.setAwarenessField('presence', this.presence);
  }

  /** Written to the replica a moment after it changed (changes coming together are written once). */
  private kept(name: string): void {
    if (!this.replica) return;
    this.dirty.add(name);
    this.keepTimer ??= setTimeout(() => this.keep(), 300);
  }

  private keep(): void {
    if (this.keepTimer) clearTimeout(this.keepTimer);
    this.keepTimer = null;
    if (!this.replica || !this.dirty.size) return;
    const states = new Map<string, Uint8Array>();
    for (const name of this.dirty) {
      const f = this.followed.get(name);
      if (f) states.set(name, Y.encodeStateAsUpdate(f.doc));
    }
    this.dirty.clear();
    this.replica.save(states);
  }

  send(name: string, update: Uint8Array): void {
    const f = this.followed.get(name);
    if (!f) throw new Refusal('not-open', `没有打开文档 ${name}`);
    try {
      Y.applyUpdate(f.doc, update, FROM_RENDERER);
    } catch {
      throw new Refusal('refused', '无法识别的修改');
    }
  }

  setPresence(state: Record<string, unknown> | null): void {
    this.presence = state;
    const layout = this.layoutFollowed();
    layout?.provider?.setAwarenessField('presence', state);
  }

  disconnect(): void {
    const { base, token } = { base: this.base, token: this.token };
    this.disconnectLocal();
    if (base && token)
      void this.request(base, 'POST', ROUTES.logout, token, {}).catch(() => {
        // Signing out of a server that cannot be reached: the token lapses there on its own.
      });
  }

  private disconnectLocal(): void {
    this.closeEdition();
    this.base = null;
    this.token = '';
    this.person = null;
  }

  private closeEdition(): void {
    this.keep();
    this.replica?.close();
    this.replica = null;
    for (const f of this.followed.values()) f.provider?.destroy();
    this.followed.clear();
    this.socket?.destroy();
    this.socket = null;
    this.edition = null;
    this.presence = null;
    this.updateState();
  }

  private layoutFollowed(): Followed | undefined {
    for (const [name, f] of this.followed) if (parseDocName(name)?.kind === 'layout') return f;
    return undefined;
  }

  private stateless(payload: string): void {
    try {
      const r = JSON.parse(payload) as Refused;
      if (r?.type === 'refused' && typeof r.message === 'string')
        this.events.push({
          type: 'refused',
          refused: { doc: String(r.doc), code: String(r.code), message: r.message.slice(0, 2000) },
        });
    } catch {
      // Not a message this side knows.
    }
  }

  private presenceChanged(f: Followed): void {
    if (f !== this.layoutFollowed()) return;
    const awareness = f.provider?.awareness;
    if (!awareness) return;
    const others: [number, unknown][] = [];
    for (const [client, st] of awareness.getStates())
      if (client !== awareness.clientID && st.presence) others.push([client, st.presence]);
    this.events.push({ type: 'presence', others });
  }

  private updateState(): void {
    let state: ConnectionState = 'offline';
    if (this.socket?.status === WebSocketStatus.Connected) {
      const all = [...this.followed.values()];
      state = all.every((f) => f.synced && f.provider?.isSynced && f.provider.unsyncedChanges === 0)
        ? 'synced'
        : 'online';
    }
    if (state === this._state) return;
    const server = this._state === 'offline' ? this.photoServer() : null;
    if (server) void this.photos.flush(server);
    this._state = state;
    this.events.push({ type: 'state', state });
  }

  private signedIn(): { base: URL; token: string; person: Person } {
    if (!this.base || !this.token || !this.person)
      throw new Refusal('not-open', '还没有连接编辑部，请先登录');
    return { base: this.base, token: this.token, person: this.person };
  }

  private async request<T>(
    base: URL,
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<T> {
    let res: Response;
    try {
      res = await this.fetchImpl(new URL(path, base), {
        method,
        headers: {
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
        redirect: 'error',
      });
    } catch {
      throw new Refusal('refused', `无法连接编辑部服务器 ${base.origin}`);
    }
    let answer: Record<string, unknown> = {};
    try {
      answer = (await res.json()) as Record<string, unknown>;
    } catch {
      // answered below
    }
    if (!res.ok)
      throw new Refusal(
        'refused',
        typeof answer.error === 'string' ? answer.error.slice(0, 500) : `服务器答复 ${res.status}`,
      );
    return answer as T;
  }
}

export type { NewsroomEvent };
