// Bundles the Node-side entry points (CLI, benchmark, web test host) into dist/ with esbuild.
// Dependencies stay external: they are resolved from node_modules at run time, except the few
// ES-module-only packages (INLINE), which are bundled so that the CommonJS output never requires ESM.
import { build } from 'esbuild';
import { statSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const entries = {
  cli: 'cli/main.ts',
  bench: 'bench/main.ts',
  web: 'electron/host/web.ts',
  // The worker thread the host runs exports and proof imports in (electron/services/jobs).
  'jobs-worker': 'electron/services/jobs/worker.ts',
};

function newestSource(dir) {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, name.name);
    if (name.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.(ts|tsx|json)$/.test(name.name)) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

const INLINE = new Set(['entities']);
const externals = {
  name: 'externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const pkg = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      return INLINE.has(pkg) ? undefined : { path: args.path, external: true };
    });
  },
};

const present = Object.fromEntries(Object.entries(entries).filter(([, src]) => existsSync(src)));

const outputs = Object.keys(present).map((name) => `dist/${name}.cjs`);
if (process.argv.includes('--if-stale') && outputs.every(existsSync)) {
  const src = Math.max(...['engine', 'electron', 'cli', 'fonts', 'templates', 'bench'].filter(existsSync).map(newestSource));
  if (Math.min(...outputs.map((o) => statSync(o).mtimeMs)) > src) process.exit(0);
}

await build({
  entryPoints: Object.fromEntries(Object.entries(present).map(([k, v]) => [k, v])),
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  plugins: [externals],
  sourcemap: 'linked',
  logLevel: 'warning',
});
