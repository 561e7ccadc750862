// electron-builder's afterPack hook (package.json "build"): puts better-sqlite3 built for Electron
// into the packaged app, in app.asar.unpacked where electron/services/resources.ts looks for it.
//
// Packaging does not rebuild native modules in node_modules ("npmRebuild": false): that would leave
// the checkout's better-sqlite3 built for Electron, and the CLI and tests (plain Node) could no longer
// open an edition file. scripts/rebuild-electron-native.mjs builds the Electron module beside the Node
// one, under out/native/, for this machine's platform and architecture, so an installer is made on the
// operating system it is for.
const { copyFileSync, existsSync, mkdirSync, readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

// electron-builder's Arch enum (builder-util), by number.
const ARCH = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

/** Where electron-builder put the resources folder of the app it just laid out. */
function resourcesDir(context) {
  if (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') {
    return join(
      context.appOutDir,
      `${context.packager.appInfo.productFilename}.app`,
      'Contents',
      'Resources',
    );
  }
  return join(context.appOutDir, 'resources');
}

async function afterPack(context) {
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const arch = ARCH[context.arch] ?? String(context.arch);
  if (platform !== process.platform || arch !== process.arch) {
    throw new Error(
      `better-sqlite3 for ${platform}-${arch} cannot be built on ${process.platform}-${process.arch}: package Banmian on the system it is for`,
    );
  }
  const project = context.packager.projectDir;
  const abi = readFileSync(join(project, 'node_modules', 'electron', 'abi_version'), 'utf8').trim();
  const built = join(project, 'out', 'native', `electron-${abi}-${platform}-${arch}`, 'better_sqlite3.node');
  if (!existsSync(built))
    throw new Error(`${built} is missing: run npm run rebuild:electron (npm run dist does)`);
  const target = join(
    resourcesDir(context),
    'app.asar.unpacked',
    'node_modules',
    'better-sqlite3',
    'build',
    'Release',
    'better_sqlite3.node',
  );
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(built, target);
}

module.exports = afterPack;
module.exports.default = afterPack;
