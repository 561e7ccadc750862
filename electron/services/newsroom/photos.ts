// A newsroom edition's photos on the Node side: stored once on the server by their SHA-256 (HEAD
// first, PUT only when the server lacks it) and fetched on demand with the sign-in token. Photos
// fetched or uploaded are kept in memory (bounded), so a photo seen once shows again offline; photos
// placed while offline wait and go up when the server is back.
import { createHash } from 'node:crypto';
import { PHOTO_MAX_BYTES } from '../../api';
import { ROUTES } from '../../../newsroom/shared/protocol';

/** A photo's address: 64 lower-case hex digits of its SHA-256. */
export const PHOTO_HASH = /^[0-9a-f]{64}$/;
/** Photos kept in memory at most (bytes); the oldest are forgotten first. */
export const PHOTO_CACHE_BYTES = 256 * 1024 * 1024;

export interface PhotoServer {
  base: URL;
  token: string;
}

export const photoHash = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export class NewsroomPhotos {
  private readonly cache = new Map<string, Buffer>();
  private cached = 0;
  /** Photos known to be on a server (`origin sha`): not asked again. */
  private readonly onServer = new Set<string>();
  /** Photos still to go up (placed while offline, or the upload failed). */
  private readonly pending = new Map<string, Buffer>();

  constructor(private readonly fetchImpl: typeof fetch) {}

  /** Keeps a photo and stores it on the server (when there is one). Its hash. */
  async upload(server: PhotoServer | null, bytes: Buffer): Promise<{ sha256: string; uploaded: boolean }> {
    const sha256 = photoHash(bytes);
    this.keep(sha256, bytes);
    if (!server) {
      this.pending.set(sha256, bytes);
      return { sha256, uploaded: false };
    }
    try {
      await this.put(server, sha256, bytes);
      this.pending.delete(sha256);
      return { sha256, uploaded: true };
    } catch (e) {
      this.pending.set(sha256, bytes);
      throw e;
    }
  }

  /** Uploads the photos that waited (the server is back). */
  async flush(server: PhotoServer): Promise<void> {
    for (const [sha, bytes] of [...this.pending]) {
      try {
        await this.put(server, sha, bytes);
        this.pending.delete(sha);
      } catch {
        return; // tried again on the next reconnect
      }
    }
  }

  /** A photo's bytes: kept here, else from the server; null when neither has it (or no server answers). */
  async get(server: PhotoServer | null, sha256: string): Promise<Buffer | null> {
    const had = this.cache.get(sha256) ?? this.pending.get(sha256);
    if (had) return had;
    if (!server) return null;
    let res: Response;
    try {
      res = await this.call(server, 'GET', sha256);
    } catch {
      return null;
    }
    if (!res.ok) return null;
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared > PHOTO_MAX_BYTES) return null;
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes.length > PHOTO_MAX_BYTES || photoHash(bytes) !== sha256) return null;
    this.onServer.add(`${server.base.origin} ${sha256}`);
    this.keep(sha256, bytes);
    return bytes;
  }

  private async put(server: PhotoServer, sha256: string, bytes: Buffer): Promise<void> {
    const key = `${server.base.origin} ${sha256}`;
    if (this.onServer.has(key)) return;
    const head = await this.call(server, 'HEAD', sha256);
    if (head.status !== 200) {
      const res = await this.call(server, 'PUT', sha256, bytes);
      if (!res.ok) {
        let why = `服务器答复 ${res.status}`;
        try {
          const body = (await res.json()) as { error?: unknown };
          if (typeof body.error === 'string') why = body.error.slice(0, 500);
        } catch {
          // the status says it
        }
        throw new Error(`照片没有存到编辑部服务器：${why}`);
      }
    }
    this.onServer.add(key);
  }

  private call(server: PhotoServer, method: string, sha256: string, body?: Buffer): Promise<Response> {
    return this.fetchImpl(new URL(ROUTES.photos + sha256, server.base), {
      method,
      headers: {
        Authorization: `Bearer ${server.token}`,
        ...(body ? { 'Content-Type': 'application/octet-stream' } : {}),
      },
      body: body ? new Uint8Array(body) : undefined,
      signal: AbortSignal.timeout(60_000),
      redirect: 'error',
    });
  }

  private keep(sha256: string, bytes: Buffer): void {
    if (this.cache.has(sha256) || bytes.length > PHOTO_CACHE_BYTES) return;
    this.cache.set(sha256, bytes);
    this.cached += bytes.length;
    for (const [k, b] of this.cache) {
      if (this.cached <= PHOTO_CACHE_BYTES) break;
      this.cache.delete(k);
      this.cached -= b.length;
    }
  }
}
