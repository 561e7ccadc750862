// The renderer's handle on the typed API: the preload bridge in the desktop app, the loopback host
// over fetch in a browser. Same interface, same schemas checked on both ends.
import {
  ApiError,
  createClient,
  unwrap,
  type ApiClient,
  type MenuCommand,
  type Method,
} from '../electron/api';

interface Bridge {
  invoke(method: string, req: unknown): Promise<unknown>;
  onMenu(listener: (command: MenuCommand) => void): () => void;
}

declare global {
  interface Window {
    banmian?: Bridge;
  }
}

const bridge = typeof window !== 'undefined' ? window.banmian : undefined;

const TOKEN_KEY = 'banmian-host-token';

/**
 * The loopback host's token: read once from the address it printed (`?token=…`), kept for this tab in
 * sessionStorage (a reload keeps working), and taken out of the address bar so it is not in the history,
 * a bookmark or a screenshot.
 */
function hostToken(): string | null {
  if (typeof window === 'undefined') return null;
  const url = new URL(window.location.href);
  const given = url.searchParams.get('token');
  if (given) {
    sessionStorage.setItem(TOKEN_KEY, given);
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const token = bridge ? null : hostToken();

/** The host does not answer at all (stopped, restarting): worth retrying, nothing is wrong with the request. */
export const UNREACHABLE = 'unreachable';

async function overHttp(method: Method, req: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(req),
    });
  } catch (e) {
    throw Object.assign(new ApiError('failed', `本机服务没有应答（${(e as Error).message}）`, method), {
      reason: UNREACHABLE,
    });
  }
  if (res.status === 401)
    throw new ApiError(
      'unauthorized',
      '本页没有本机服务的口令：请用服务启动时打印的完整地址（含 ?token=…）打开本页',
      method,
    );
  if (res.headers.get('Content-Type')?.startsWith('application/octet-stream'))
    return new Uint8Array(await res.arrayBuffer());
  const text = await res.text();
  let reply: unknown;
  try {
    reply = JSON.parse(text);
  } catch {
    throw new ApiError(
      'bad-response',
      `${method}: the host answered ${res.status} ${text.slice(0, 200)}`,
      method,
    );
  }
  return unwrap(reply, method);
}

export const api: ApiClient = createClient(
  bridge ? async (m, r) => unwrap(await bridge.invoke(m, r), m) : overHttp,
);

/** Whether the window sits in the desktop app, under a menu that follows it (`app.menuState`). */
export const hasMenu = (): boolean => !!bridge;

/** Menu commands from the desktop app's menu; in a browser the toolbar is the menu. */
export function onMenuCommand(listener: (c: MenuCommand) => void): () => void {
  return bridge ? bridge.onMenu(listener) : () => {};
}
