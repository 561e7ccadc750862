// Builds better-sqlite3 (the edition store's SQLite) for Electron's ABI, beside — not over — the build
// for Node. Node (the CLI, tests, benchmarks) keeps using node_modules/better-sqlite3/build/Release;
// Electron's main process loads out/native/electron-<abi>-<platform>-<arch>/better_sqlite3.node
// (electron/services/store/native.ts picks it). So `npm ci` and the tests never depend on Electron,
// and `npm start` never runs against a module built for the wrong ABI.
//
// Runs before `npm start` and packaging. It needs Electron's version and ABI (from the electron package),
// not its binary — Electron fetches that on its first start, after this has run — so a fresh
// `npm ci && npm start` builds the right module before the app first opens an edition file. Does nothing
// when the Electron build is already there and newer than the installed better-sqlite3. Needs what
// node-gyp needs (Python 3, a C++ compiler) and Electron's headers, which node-gyp fetches from
// Electron's header server on first use.
//
//   node scripts/rebuild-electron-native.mjs           build if needed
//   node scripts/rebuild-electron-native.mjs --check   say what would be done, build nothing
//   node scripts/rebuild-electron-native.mjs --force   build even if up to date
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  copyFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const check = process.argv.includes('--check');
const force = process.argv.includes('--force');
const require = createRequire(join(root, 'package.json'));

const electronDir = join(root, 'node_modules', 'electron');
if (!existsSync(join(electronDir, 'package.json'))) {
  console.error('rebuild-electron-native: the electron package is not installed (run npm ci first).');
  process.exit(1);
}
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
const abi = readFileSync(join(electronDir, 'abi_version'), 'utf8').trim();
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const outDir = join(root, 'out', 'native', `electron-${abi}-${process.platform}-${process.arch}`);
const target = join(outDir, 'better_sqlite3.node');

const upToDate =
  existsSync(target) && statSync(target).mtimeMs > statSync(join(sqliteDir, 'package.json')).mtimeMs;
if (upToDate && !force) {
  console.log(
    `rebuild-electron-native: ${target} is up to date for Electron ${electronVersion} (ABI ${abi}).`,
  );
  process.exit(0);
}
if (check) {
  console.log(
    `rebuild-electron-native: would build better-sqlite3 for Electron ${electronVersion} (ABI ${abi}) into ${target}.`,
  );
  process.exit(0);
}

// node-gyp: the one npm runs scripts with, else the one npm ships.
const gyp =
  process.env.npm_config_node_gyp ??
  [
    join(
      dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
  ].find(existsSync);
if (!gyp) {
  console.error(
    'rebuild-electron-native: cannot find node-gyp; run this through npm (npm run rebuild:electron).',
  );
  process.exit(1);
}

// Build in a copy, so the Node build in node_modules is never touched.
const work = mkdtempSync(join(tmpdir(), 'banmian-electron-native-'));
try {
  cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.startsWith(join(sqliteDir, 'build')) });
  console.log(
    `rebuild-electron-native: building better-sqlite3 for Electron ${electronVersion} (ABI ${abi}, ${process.platform}-${process.arch})…`,
  );
  const r = spawnSync(
    process.execPath,
    [
      gyp,
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: work, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
  );
  if (r.status !== 0) {
    console.error('rebuild-electron-native: the build failed (see above); the Node build is unchanged.');
    process.exit(1);
  }
  mkdirSync(outDir, { recursive: true });
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  console.log(`rebuild-electron-native: wrote ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
