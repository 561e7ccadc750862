// Bundles the Node-side entry points (CLI, benchmark, web test host, job worker) into dist/ with esbuild.
// Dependencies stay external: they are resolved from node_modules at run time, except the few
// ES-module-only packages (INLINE), which are bundled so that the CommonJS output never requires ESM.
// Each CLI command is a bundle of its own (dist/cli-<command>.cjs), loaded by dist/cli.cjs only when it
// is run.
import { build } from 'esbuild';
import { statSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const entries = {
  cli: 'cli/main.ts',
  bench: 'bench/main.ts',
  web: 'electron/host/web.ts',
  // The worker thread the host runs exports and proof imports in (electron/services/jobs).
  'jobs-worker': 'electron/services/jobs/worker.ts',
  // The newsroom server (npm run newsroom).
  newsroom: 'newsroom/server/main.ts',
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

entries['cli-io'] = 'cli/io.ts';
for (const name of readdirSync('cli/commands')) {
  if (name.endsWith('.ts')) entries[`cli-${name.slice(0, -3)}`] = `cli/commands/${name}`;
}

const INLINE = new Set(['entities']);
const externals = {
  name: 'externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const pkg = args.path.startsWith('@')
        ? args.path.split('/').slice(0, 2).join('/')
        : args.path.split('/')[0];
      return INLINE.has(pkg) ? undefined : { path: args.path, external: true };
    });
  },
};

/**
 * cli/main.ts's `import('./commands/x')` becomes a require of the command's own bundle; cli/io.ts is
 * one module all of them share (its UsageError is the class main checks for).
 */
const commandsApart = {
  name: 'commands-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/io$/ }, (args) =>
      /[\\/]cli([\\/]commands)?[\\/][a-z-]+\.ts$/.test(args.importer)
        ? { path: './cli-io.cjs', external: true }
        : undefined,
    );
    b.onResolve({ filter: /^\.\/commands\/[a-z-]+$/ }, (args) =>
      /[\\/]cli[\\/]main\.ts$/.test(args.importer)
        ? { path: `./cli-${args.path.slice('./commands/'.length)}.cjs`, external: true }
        : undefined,
    );
  },
};

const present = Object.fromEntries(Object.entries(entries).filter(([, src]) => existsSync(src)));

const outputs = Object.keys(present).map((name) => `dist/${name}.cjs`);
if (process.argv.includes('--if-stale') && outputs.every(existsSync)) {
  const src = Math.max(
    ...['engine', 'electron', 'cli', 'newsroom', 'fonts', 'templates', 'bench']
      .filter(existsSync)
      .map(newestSource),
  );
  if (Math.min(...outputs.map((o) => statSync(o).mtimeMs)) > src) process.exit(0);
}

const common = {
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  plugins: [commandsApart, externals],
  sourcemap: 'linked',
  logLevel: 'warning',
};
const { cli, ...rest } = present;
await build({ ...common, entryPoints: rest });
// The CLI loads a command's bundle with require, not import(): import() of a CommonJS file goes
// through Node's ES-module loader, which first scans the whole bundle for its exports (~40 ms for
// export's).
if (cli) await build({ ...common, entryPoints: { cli }, supported: { 'dynamic-import': false } });
