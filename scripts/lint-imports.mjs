// The import-boundary rule (docs/ARCHITECTURE.md, "Where code runs"). A file's folder says where it
// runs, and so what it may import. Exits non-zero and names each offending import.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { builtinModules } from 'node:module';

const root = resolve(process.argv[2] ?? '.');

// Our folders, most specific first. `mayImport` lists our folders a file there may import;
// `packages` says which npm packages it may use: 'pure' (the engine's small whitelist), 'any',
// or 'any-but-electron'; `node` says whether Node built-ins are allowed.
const PURE_PACKAGES = ['linebreak', 'unicode-trie', 'entities'];
const RULES = [
  { dir: 'engine', mayImport: ['engine'], packages: 'pure', node: false },
  { dir: 'electron/api', mayImport: ['electron/api', 'engine'], packages: 'pure', node: false },
  {
    dir: 'electron/services',
    mayImport: ['electron/services', 'electron/api', 'engine', 'fonts', 'templates'],
    packages: 'any-but-electron',
    node: true,
  },
  {
    dir: 'electron/host',
    mayImport: ['electron/host', 'electron/services', 'electron/api', 'engine'],
    packages: 'any-but-electron',
    node: true,
  },
  {
    dir: 'electron/main',
    mayImport: ['electron/main', 'electron/services', 'electron/api', 'engine'],
    packages: 'any',
    node: true,
  },
  { dir: 'electron/preload', mayImport: ['electron/preload', 'electron/api'], packages: 'any', node: false },
  {
    dir: 'renderer',
    mayImport: ['renderer', 'electron/api', 'engine'],
    packages: 'any-but-electron',
    node: false,
  },
  {
    dir: 'cli',
    mayImport: ['cli', 'electron/services', 'electron/api', 'engine', 'fonts', 'templates'],
    packages: 'any-but-electron',
    node: true,
  },
];
const SCANNED = ['engine', 'electron', 'renderer', 'cli'];

function* sourceFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* sourceFiles(p);
    else if (/\.(ts|tsx|mts|cts|js|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts')) yield p;
  }
}

const IMPORT_RE =
  /(?:^|[^.\w])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[^.\w])import\s*\(?\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/gm;
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function folderOf(relPath) {
  const posix = relPath.split(sep).join('/');
  return RULES.find((r) => posix === r.dir || posix.startsWith(r.dir + '/'));
}

export function check(rootDir) {
  const problems = [];
  for (const top of SCANNED) {
    for (const file of sourceFiles(join(rootDir, top))) {
      const rel = relative(rootDir, file);
      const rule = folderOf(rel);
      if (!rule) continue;
      const text = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      for (const m of text.matchAll(IMPORT_RE)) {
        const spec = m[1] ?? m[2] ?? m[3];
        if (!spec) continue;
        const where = `${rel.split(sep).join('/')}: import '${spec}'`;
        if (spec.startsWith('.')) {
          const target = relative(rootDir, resolve(dirname(file), spec))
            .split(sep)
            .join('/');
          const allowed = rule.mayImport.some((d) => target === d || target.startsWith(d + '/'));
          if (!allowed)
            problems.push(
              `${where} crosses into ${target.split('/').slice(0, 2).join('/')}; ${rule.dir}/ may import only ${rule.mayImport.join(', ')}`,
            );
          continue;
        }
        if (builtins.has(spec)) {
          if (!rule.node) problems.push(`${where}: Node built-ins are not allowed in ${rule.dir}/`);
          continue;
        }
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (rule.packages === 'pure' && !PURE_PACKAGES.includes(pkg))
          problems.push(`${where}: ${rule.dir}/ is pure and may use only ${PURE_PACKAGES.join(', ')}`);
        if (rule.packages === 'any-but-electron' && pkg === 'electron')
          problems.push(`${where}: ${rule.dir}/ must run without Electron`);
      }
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('lint-imports.mjs')) {
  const problems = check(root);
  if (problems.length) {
    console.error(
      `Import boundaries broken (${problems.length}):\n` + problems.map((p) => '  ' + p).join('\n'),
    );
    process.exit(1);
  }
  console.log('import boundaries ok');
}
