// The renderer's handle on the typed API: the preload bridge in the desktop app, the loopback host
// over fetch in a browser. Same interface, same schemas checked on both ends.
import { ApiError, createClient, unwrap, type ApiClient, type MenuCommand, type Method } from '../electron/api';

interface Bridge {
  invoke(method: string, req: unknown): Promise<unknown>;
  onMenu(listener: (command: MenuCommand) => void): () => void;
}

declare global {
  interface Window { banmian?: Bridge }
}

const bridge = typeof window !== 'undefined' ? window.banmian : undefined;

async function overHttp(method: Method, req: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(req),
    });
  } catch (e) {
    throw new ApiError('failed', `the local host does not answer (${(e as Error).message})`, method);
  }
  if (res.headers.get('Content-Type')?.startsWith('application/octet-stream')) return new Uint8Array(await res.arrayBuffer());
  const text = await res.text();
  let reply: unknown;
  try { reply = JSON.parse(text); } catch { throw new ApiError('bad-response', `${method}: the host answered ${res.status} ${text.slice(0, 200)}`, method); }
  return unwrap(reply, method);
}

export const api: ApiClient = createClient(bridge ? async (m, r) => unwrap(await bridge.invoke(m, r), m) : overHttp);

/** Menu commands from the desktop app's menu; in a browser the toolbar is the menu. */
export function onMenuCommand(listener: (c: MenuCommand) => void): () => void {
  return bridge ? bridge.onMenu(listener) : () => {};
}
