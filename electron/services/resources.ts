// Where Banmian's own files are at run time: the one answer to "where is resource X", for every way
// the product runs.
//
//   source checkout (tests, scripts)   the repository root: the folder whose package.json is "banmian"
//   built CLI (dist/cli.cjs)           the same root, found by walking up from the bundle
//   electron-vite output (out/main)    likewise
//   packaged desktop app               process.resourcesPath, laid out by electron-builder (the "build"
//                                      key of package.json): data files as extraResources beside
//                                      app.asar, better-sqlite3's native module in app.asar.unpacked
//
// A packaged app is recognised by its resources folder holding fonts/registry.json, so `electron .`
// in a checkout (whose process.resourcesPath is Electron's own) still reads the checkout.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

export type Resource = 'fonts' | 'templates' | 'terms' | 'colour-profile' | 'sample-edition' | 'sample-fukan';

/** Where each resource is inside a checkout, and where electron-builder's extraResources put it. */
export const RESOURCE_PATHS: Record<Resource, { source: string; packaged: string }> = {
  fonts: { source: 'fonts', packaged: 'fonts' },
  templates: { source: 'templates', packaged: 'templates' },
  terms: { source: 'terms', packaged: 'terms' },
  'colour-profile': {
    source: 'electron/services/pdf/newsprint-cmyk.icc',
    packaged: 'color/newsprint-cmyk.icc',
  },
  'sample-edition': {
    source: 'electron/services/sample/district-news.edition.json',
    packaged: 'sample/district-news.edition.json',
  },
  'sample-fukan': {
    source: 'electron/services/sample/fukan.edition.json',
    packaged: 'sample/fukan.edition.json',
  },
};

export type ResourceLayout =
  { kind: 'source'; root: string } | { kind: 'packaged'; resources: string; app: string; unpacked: string };

let layout: ResourceLayout | null = null;
let sourceRoot: string | null = null;

/** The folder that holds Banmian's package.json in a checkout (works from sources, dist/ and out/). */
export function projectRoot(): string {
  if (sourceRoot) return sourceRoot;
  const starts = [typeof __dirname === 'string' ? __dirname : process.cwd(), process.cwd()];
  for (const start of starts) {
    let dir = resolve(start);
    for (;;) {
      const pkg = join(dir, 'package.json');
      if (existsSync(pkg)) {
        try {
          if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'banmian') return (sourceRoot = dir);
        } catch {
          /* keep walking */
        }
      }
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  throw new Error(
    'cannot find the Banmian installation (no package.json named "banmian" above ' + starts[0] + ')',
  );
}

/** Packaged app or checkout; decided once per process. */
export function resourceLayout(): ResourceLayout {
  return (layout ??= layoutFor((process as { resourcesPath?: unknown }).resourcesPath));
}

/**
 * A worker thread's layout: the one its process decided, passed in by the thread that started it
 * (process.resourcesPath is the main thread's; a worker's own process object need not carry it).
 */
export function adoptResourceLayout(given: ResourceLayout): void {
  layout = given;
}

/** The layout for a given `process.resourcesPath` (undefined outside Electron). */
export function layoutFor(resourcesPath: unknown): ResourceLayout {
  if (
    typeof resourcesPath === 'string' &&
    existsSync(join(resourcesPath, RESOURCE_PATHS.fonts.packaged, 'registry.json'))
  ) {
    const asar = join(resourcesPath, 'app.asar');
    // electron-builder writes app.asar; with `asar: false` the same files are a plain app/ folder.
    const app = existsSync(asar) ? asar : join(resourcesPath, 'app');
    return { kind: 'packaged', resources: resourcesPath, app, unpacked: `${asar}.unpacked` };
  }
  return { kind: 'source', root: projectRoot() };
}

/** Absolute path of one of the product's resources. */
export function resourcePath(what: Resource): string {
  const l = resourceLayout();
  return l.kind === 'packaged'
    ? join(l.resources, RESOURCE_PATHS[what].packaged)
    : join(l.root, RESOURCE_PATHS[what].source);
}

/**
 * A font file named in fonts/registry.json by npm package and file. A checkout reads it from
 * node_modules; the packaged app from resources/fonts/<package>/<file>, where the build copies it.
 * Null when it is not there.
 */
export function packagedFontFile(pkg: string, file: string): string | null {
  const l = resourceLayout();
  let path: string;
  if (l.kind === 'packaged') {
    path = join(l.resources, RESOURCE_PATHS.fonts.packaged, pkg, file);
  } else {
    try {
      path = join(dirname(appRequire().resolve(`${pkg}/package.json`)), file);
    } catch {
      return null;
    }
  }
  return existsSync(path) ? path : null;
}

let req: NodeJS.Require | null = null;
const appRequire = (): NodeJS.Require => {
  const l = resourceLayout();
  return (req ??= createRequire(join(l.kind === 'packaged' ? l.app : l.root, 'package.json')));
};

/** A file inside an installed dependency (e.g. `jpeg-js/lib/decoder.js`), from the app's own node_modules. */
export function dependencyFile(spec: string): string {
  return appRequire().resolve(spec);
}

/**
 * Where to load sharp (libvips) from. When packaged, sharp, its native parts (@img/sharp-* with
 * libvips) and its two small dependencies are unpacked beside app.asar (package.json
 * "build".asarUnpack) and sharp is loaded from there, a tree complete in itself: the binding and
 * libvips are real files the system loader can open. Elsewhere the package as installed.
 */
export function sharpModule(): string {
  const l = resourceLayout();
  if (l.kind !== 'packaged') return appRequire().resolve('sharp');
  return createRequire(join(l.unpacked, 'package.json')).resolve('sharp');
}

/** The job worker's file name in each build: electron-vite's out/main and build-node.mjs's dist/. */
export const JOB_WORKER = {
  electron: join('out', 'main', 'jobs-worker.js'),
  node: join('dist', 'jobs-worker.cjs'),
};

/**
 * The bundled entry of the worker that runs exports, preflight and proof import off the main thread
 * (electron/services/jobs): inside app.asar in the packaged app (Electron's worker threads read the
 * archive), out/main under Electron in a checkout, dist/ beside the built CLI and host. Null when the
 * running code is TypeScript sources (tests), which have no bundle: the work then runs in-process.
 */
export function jobWorkerScript(): string | null {
  const l = resourceLayout();
  if (l.kind === 'packaged') return join(l.app, JOB_WORKER.electron);
  if (typeof __filename !== 'string' || /\.tsx?$/.test(__filename)) return null;
  return join(l.root, process.versions.electron ? JOB_WORKER.electron : JOB_WORKER.node);
}

/**
 * better-sqlite3's compiled module when it is not the package's own Node build: in the packaged app
 * the one electron-builder rebuilt for Electron and unpacked beside app.asar; under Electron in a
 * checkout the one scripts/rebuild-electron-native.mjs built into out/native. Undefined under Node
 * in a checkout (the CLI and tests use the package's own build).
 */
export function sqliteNativeModule(): string | undefined {
  const l = resourceLayout();
  let path: string;
  if (l.kind === 'packaged') {
    path = join(l.unpacked, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    if (!existsSync(path))
      throw new Error(`the SQLite module is missing from the installation (${path}): reinstall Banmian`);
    return path;
  }
  if (!process.versions.electron) return undefined;
  path = join(
    l.root,
    'out',
    'native',
    `electron-${process.versions.modules}-${process.platform}-${process.arch}`,
    'better_sqlite3.node',
  );
  if (!existsSync(path))
    throw new Error(`SQLite for Electron is not built (${path} is missing): run npm run rebuild:electron`);
  return path;
}
