// A TCP proxy on loopback between one client and a server, that a test can cut (every connection
// dropped, new ones refused) and restore on the same port: a network outage for that client only.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './postgres';

export interface Proxy {
  port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
}

export async function startProxy(target: number): Promise<Proxy> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((down) => {
        const up = connect(target, '127.0.0.1');
        for (const s of [down, up]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => {
            down.destroy();
            up.destroy();
          });
        }
        down.pipe(up);
        up.pipe(down);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  await listen();
  return {
    port,
    async cut() {
      const s = server;
      server = null;
      const closed = new Promise<void>((r) => (s ? s.close(() => r()) : r()));
      for (const c of sockets) c.destroy();
      await closed;
    },
    restore: listen,
  };
}
