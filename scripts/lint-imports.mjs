// The import-boundary rule (docs/ARCHITECTURE.md, "Where code runs"). A file's folder says where it
// runs, and so what it may import. Also refuses runtime import cycles among our files (`import type`
// excluded; a lazy `import()` is not a load-time edge). Exits non-zero and names each offending
// import and each cycle.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname, sep } from 'node:path';
import { builtinModules } from 'node:module';

const root = resolve(process.argv[2] ?? '.');

// Our folders, most specific first. `mayImport` lists our folders a file there may import;
// `packages` says which npm packages it may use: 'pure' (the engine's small whitelist), a list, 'any',
// or 'any-but-electron'; `node` says whether Node built-ins are allowed.
const PURE_PACKAGES = ['linebreak', 'unicode-trie', 'entities'];
const RULES = [
  // The newsroom's shared documents and protocol: anywhere (server, app, renderer), with Yjs.
  {
    dir: 'newsroom/shared',
    mayImport: ['newsroom/shared', 'electron/api', 'engine'],
    packages: ['yjs', '@slate-yjs/core', 'y-protocols', 'lib0', 'slate'],
    node: false,
  },
  {
    dir: 'newsroom/server',
    mayImport: ['newsroom/server', 'newsroom/shared', 'electron/services', 'electron/api', 'engine'],
    packages: 'any-but-electron',
    node: true,
  },
  { dir: 'engine', mayImport: ['engine'], packages: 'pure', node: false },
  { dir: 'electron/api', mayImport: ['electron/api', 'engine'], packages: 'pure', node: false },
  {
    dir: 'electron/services',
    mayImport: ['electron/services', 'newsroom/shared', 'electron/api', 'engine', 'fonts', 'templates'],
    packages: 'any-but-electron',
    node: true,
  },
  {
    dir: 'electron/host',
    mayImport: ['electron/host', 'electron/services', 'newsroom/shared', 'electron/api', 'engine'],
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
    mayImport: ['renderer', 'newsroom/shared', 'electron/api', 'engine'],
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
const SCANNED = ['engine', 'electron', 'renderer', 'cli', 'newsroom'];

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

// A static import or re-export, or a require(): what runs when the file is loaded.
const RUNTIME_RE =
  /(?:^|[^.\w])(import|export)(\s+type\b)?\s*(\{[^}]*\}|[^'"{;]*?)\s*from\s*['"]([^'"]+)['"]|(?:^|[^.\w])import\s*['"]([^'"]+)['"]|(?:^|[^.\w])require\(\s*['"]([^'"]+)['"]\s*\)/gm;
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs'];

function resolveFile(from, spec) {
  const base = resolve(dirname(from), spec);
  const candidates = [
    base,
    ...EXTENSIONS.map((e) => base + e),
    ...EXTENSIONS.map((e) => join(base, 'index' + e)),
  ];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** `{ type A, type B }` imports nothing at run time. */
function typeOnlyClause(clause) {
  const m = /^\{([^}]*)\}$/.exec(clause.trim());
  if (!m) return false;
  const names = m[1]
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  return names.length > 0 && names.every((n) => n.startsWith('type '));
}

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** Runtime import cycles among the scanned files, each named as a.ts → b.ts → a.ts. */
export function cycles(rootDir) {
  const graph = new Map();
  for (const top of SCANNED)
    for (const file of sourceFiles(join(rootDir, top))) {
      const edges = new Set();
      for (const m of stripComments(readFileSync(file, 'utf8')).matchAll(RUNTIME_RE)) {
        if (m[2] || (m[1] && typeOnlyClause(m[3]))) continue;
        const spec = m[4] ?? m[5] ?? m[6];
        if (!spec?.startsWith('.')) continue;
        const target = resolveFile(file, spec);
        if (target) edges.add(target);
      }
      graph.set(file, [...edges]);
    }
  // Tarjan's strongly connected components; a component of more than one file (or a file importing
  // itself) holds a cycle, named by the shortest way round from its first file.
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  let next = 0;
  const connect = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v).includes(v)) found.push(shortestLoop(graph, component.sort()));
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) connect(v);
  const name = (f) => relative(rootDir, f).split(sep).join('/');
  return found.map((loop) => loop.map(name).join(' → '));
}

function shortestLoop(graph, component) {
  const inside = new Set(component);
  const start = component[0];
  const from = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of graph.get(v)) {
      if (w === start) {
        const path = [start];
        for (let u = v; u !== start; u = from.get(u)) path.splice(1, 0, u);
        return [...path, start];
      }
      if (inside.has(w) && !from.has(w)) {
        from.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
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
        if (Array.isArray(rule.packages) && !rule.packages.includes(pkg))
          problems.push(`${where}: ${rule.dir}/ may use only ${rule.packages.join(', ')}`);
        if (rule.packages === 'any-but-electron' && pkg === 'electron')
          problems.push(`${where}: ${rule.dir}/ must run without Electron`);
      }
    }
  }
  problems.push(...testHelperProblems(rootDir));
  for (const loop of cycles(rootDir)) problems.push(`import cycle: ${loop}`);
  return problems;
}

// Tests and benchmarks share helpers only through tests/support (and data through tests/fixtures):
// a test imports another test area's files never, and bench/ never; bench/ imports from tests/ only
// those two folders, so it runs without any test file. A file may import from its own folder.
const SHARED_TEST_DIRS = ['tests/support', 'tests/fixtures'];
// Statements at the start of a line (not import-like text inside a test's strings), and `await
// import(…)` / `typeof import(…)`.
const TEST_IMPORT_RE =
  /^\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\b(?:await|typeof)\s+import\(\s*['"]([^'"]+)['"]\s*\)/gm;
function testHelperProblems(rootDir) {
  const problems = [];
  const under = (p, d) => p === d || p.startsWith(d + '/');
  for (const top of ['tests', 'bench'])
    for (const file of sourceFiles(join(rootDir, top))) {
      const rel = relative(rootDir, file).split(sep).join('/');
      if (under(rel, 'tests/fixtures')) continue;
      const own = dirname(rel);
      for (const m of stripComments(readFileSync(file, 'utf8')).matchAll(TEST_IMPORT_RE)) {
        const spec = m[1] ?? m[2] ?? m[3];
        if (!spec?.startsWith('.')) continue;
        const target = relative(rootDir, resolve(dirname(file), spec))
          .split(sep)
          .join('/');
        if (dirname(target) === own) continue;
        const where = `${rel}: import '${spec}'`;
        if (under(target, 'tests') && !SHARED_TEST_DIRS.some((d) => under(target, d)))
          problems.push(`${where} reaches into another test area; shared helpers live in tests/support`);
        if (top === 'tests' && under(target, 'bench'))
          problems.push(`${where}: tests do not import bench/; share it through tests/support`);
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
  console.log('import boundaries ok, no import cycles');
}
