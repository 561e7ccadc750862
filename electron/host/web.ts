// `npm run web`: the desktop app's UI in a browser, served with the same API handlers on loopback.
// PORT picks the port (default 5178; 0 for any free one); EXPORT_DIR where exported PDFs go; DOCS_DIR
// the only folder whose edition files the page may open and save (default ~/banmian-editions);
// STATE_DIR where the recent editions, the crash record and the log (logs/banmian.log) are kept
// (default ~/.config/banmian-web); BANMIAN_TOKEN the secret API calls must carry (default: a new
// random one each run). The address it prints carries the token as ?token=…; scripts send it as
// `Authorization: Bearer <token>`.
import '../services/module-stand-ins-now';
import { mkdirSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers } from '../services/api-handlers';
import { nodeServices } from '../services/api-services';
import { fileLogger } from '../services/log';
import { projectRoot } from '../services/paths';
import { webEnvironment } from './environment';
import { rendererStaleness } from './renderer-build';
import { hostToken, startHost } from './server';

export const DEFAULT_PORT = 5178;

async function main() {
  const rendererDir = join(projectRoot(), 'out', 'renderer');
  const stale = rendererStaleness(projectRoot());
  if (stale) {
    // Serving it would show a page laid out by an older engine than the one the PDF export uses.
    console.error(`Not started: ${stale}. Run: npm run web (it builds first), or npx electron-vite build`);
    process.exit(1);
  }
  const raw = process.env.PORT ?? String(DEFAULT_PORT);
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number, got "${raw}"`);
    process.exit(2);
  }
  const exportDir = process.env.EXPORT_DIR ?? join(tmpdir(), 'banmian-export');
  const docsDir = process.env.DOCS_DIR ?? join(homedir(), 'banmian-editions');
  mkdirSync(docsDir, { recursive: true });
  const stateDir = process.env.STATE_DIR ?? join(homedir(), '.config', 'banmian-web');
  const services = nodeServices({}, { stateDir });
  const handlers = createHandlers(services, {
    ...webEnvironment(exportDir, docsDir),
    log: fileLogger(join(stateDir, 'logs')),
  });
  let token: string;
  try {
    token = hostToken();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const host = await startHost({
    port,
    rendererDir,
    handlers,
    token,
    log: process.env.VERBOSE ? (l) => console.log(l) : undefined,
  }).catch((e: NodeJS.ErrnoException) => {
    console.error(e.code === 'EADDRINUSE' ? `port ${port} is in use; set PORT to another one` : e.message);
    process.exit(1);
  });
  console.log(
    `Banmian is running at ${host.url}  (editions in ${docsDir}; exports go to ${exportDir}; Ctrl+C stops it)`,
  );
  const stop = () => {
    // Stopped on purpose: the open edition is closed, not a crash to recover from.
    const open = services.recent().recovery();
    if (open) services.recent().closed(open.path);
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) void main();
