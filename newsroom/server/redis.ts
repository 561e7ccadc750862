// Several server instances on one PostgreSQL: Hocuspocus's Redis extension relays every document's
// updates and awareness between the instances that have it open, so clients behind a load balancer
// see each other whichever instance they reach. Each instance still writes its own clients' updates
// to PostgreSQL before acknowledging them (server.ts); updates relayed from another instance were
// written there by that instance.
import { Redis } from '@hocuspocus/extension-redis';

/** The extension for a `redis://[user:password@]host[:port][/db]` address (`rediss://`: TLS). */
export function redisExtension(url: string): Redis {
  const u = new URL(url);
  const db = Number(u.pathname.slice(1) || 0);
  return new Redis({
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: Number(u.port || 6379),
    prefix: 'banmian',
    options: {
      ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
      ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
      ...(Number.isInteger(db) && db > 0 ? { db } : {}),
      ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    },
  });
}
