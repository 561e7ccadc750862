// The page view lays editions out with the engine bundled into out/renderer, while the host reads
// templates, fonts and editions from the tree as it is now. A renderer built before the engine last
// changed lays the same page out differently from the print (a story that fits in the PDF shows
// 超 20 字 on screen), so a stale bundle is rebuilt or refused, never served.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The folders out/renderer is built from. */
export const RENDERER_SOURCES = ['renderer', 'engine', 'electron/api'];

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Why out/renderer cannot be served as it is (missing, or older than a source), or null when it is current. */
export function rendererStaleness(root: string): string | null {
  const index = join(root, 'out', 'renderer', 'index.html');
  if (!existsSync(index)) return `the renderer is not built (${index} is missing)`;
  const sources = Math.max(
    ...RENDERER_SOURCES.map((d) => join(root, d))
      .filter(existsSync)
      .map(newest),
  );
  if (statSync(index).mtimeMs < sources)
    return 'the renderer was built before its sources (renderer, engine, electron/api) last changed, so its layout may differ from the print';
  return null;
}
