// Files the loopback host generates while it runs (the page view's screen fonts), served at URLs
// named by a hash of their content: the same bytes always have the same URL, so the browser may keep
// them for good (Cache-Control immutable) and a warm start downloads nothing again.
import { createHash } from 'node:crypto';

const PREFIX = '/generated/';
const TYPES: Record<string, string> = { ttf: 'font/ttf' };
const files = new Map<string, { type: string; body: Uint8Array }>();
/** Screen fonts are small (tens to hundreds of kilobytes); the oldest go beyond this many. */
const LIMIT = 2000;

/** Keeps the bytes and returns the URL they are served at. */
export function publishAsset(bytes: Uint8Array, ext: string): string {
  const type = TYPES[ext];
  if (!type) throw new Error(`no content type for generated .${ext} files`);
  const name = `${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.${ext}`;
  if (!files.has(name)) {
    if (files.size >= LIMIT) files.delete(files.keys().next().value!);
    files.set(name, { type, body: bytes });
  }
  return PREFIX + name;
}

/** The generated file at this URL path, if any. */
export function generatedAsset(pathname: string): { type: string; body: Uint8Array } | undefined {
  return pathname.startsWith(PREFIX) ? files.get(pathname.slice(PREFIX.length)) : undefined;
}

/** Headers for a content-hashed URL: its bytes never change. */
export const IMMUTABLE = { 'Cache-Control': 'public, max-age=31536000, immutable' };
