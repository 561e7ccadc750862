// Lays the app out as electron-builder does, from the "build" key of package.json (read here, never
// copied): resources/app (the files of app.asar, as electron-builder writes them with `asar: false`),
// resources/app.asar.unpacked (asarUnpack), and the extraResources beside them.
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

export interface BuildConfig {
  files: string[];
  asarUnpack: string[];
  extraResources: { from: string; to: string; filter?: string[] }[];
  afterPack?: string;
}

export const buildConfig = (project: string): BuildConfig =>
  JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).build;

/** A glob of electron-builder's patterns (`**`, `*`, `?`, `{a,b}`) as a regular expression over a relative path. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') {
        i++;
        re += '(?:.*/)?';
      } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',') re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** The last pattern that matches decides; `!` excludes. */
export function selected(patterns: string[], rel: string, initially: boolean): boolean {
  let inc = initially;
  for (const p of patterns) {
    const neg = p.startsWith('!');
    if (globToRegExp(neg ? p.slice(1) : p).test(rel)) inc = !neg;
  }
  return inc;
}

function* walk(dir: string, skip: (name: string, rel: string) => boolean, prefix = ''): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (skip(e.name, rel)) continue;
    if (e.isDirectory()) yield* walk(join(dir, e.name), skip, rel);
    else if (e.isFile()) yield rel;
  }
}

// Hard links where the file system allows (same bytes, no link back into the project), else copies.
function place(from: string, to: string) {
  mkdirSync(dirname(to), { recursive: true });
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** Production dependencies (what electron-builder puts in the app's node_modules), from the lockfile. */
function productionPackages(project: string): string[] {
  const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([k, v]) => k.startsWith('node_modules/') && !v.dev && existsSync(join(project, k)))
    .map(([k]) => k);
}

/** Writes <out>/resources as a packaged Banmian would have it; returns that folder. */
export function layOut(project: string, out: string): string {
  const cfg = buildConfig(project);
  const resources = join(out, 'resources');
  const app = join(resources, 'app');
  const unpacked = join(resources, 'app.asar.unpacked');
  const appFiles: string[] = [];
  for (const rel of walk(project, (name, rel) => rel === 'node_modules' || rel === '.git')) {
    if (selected(cfg.files, rel, false)) appFiles.push(rel);
  }
  for (const pkg of productionPackages(project)) {
    // Nested node_modules are packages of their own in the lockfile.
    for (const f of walk(join(project, pkg), (name) => name === 'node_modules')) {
      const rel = `${pkg}/${f}`;
      if (selected(cfg.files, rel, true)) appFiles.push(rel);
    }
  }
  for (const rel of appFiles) {
    const isUnpacked = selected(cfg.asarUnpack, rel, false);
    if (isUnpacked) place(join(project, rel), join(unpacked, rel));
    // An unpacked file is listed in app.asar too, but its bytes are only in app.asar.unpacked; keep the
    // native binary there alone, so loading it proves the unpacked path is the one used.
    if (!isUnpacked || !rel.endsWith('.node')) place(join(project, rel), join(app, rel));
  }
  for (const r of cfg.extraResources) {
    const from = join(project, r.from);
    if (statSync(from).isFile()) {
      place(from, join(resources, r.to));
      continue;
    }
    for (const rel of walk(from, () => false)) {
      if (!r.filter || selected(r.filter, rel, false)) place(join(from, rel), join(resources, r.to, rel));
    }
  }
  return resources;
}

export const removeLayout = (out: string) => rmSync(out, { recursive: true, force: true });
