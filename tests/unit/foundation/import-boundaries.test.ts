import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const script = join(__dirname, '../../../scripts/lint-imports.mjs');

function lint(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'banmian-lint-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const r = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('import boundaries', () => {
  it('passes on the project itself', () => {
    const r = spawnSync(process.execPath, [script, join(__dirname, '../../..')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('keeps the engine pure: no Node built-ins, no services, no arbitrary packages', () => {
    const r = lint({
      'engine/a.ts':
        "import { readFileSync } from 'node:fs';\nimport { x } from '../electron/services/fonts';\nimport React from 'react';\nimport LineBreaker from 'linebreak';\n",
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain("engine/a.ts: import 'node:fs'");
    expect(r.out).toContain('crosses into electron/services');
    expect(r.out).toContain("import 'react'");
    expect(r.out).not.toContain("import 'linebreak'");
  });

  it('keeps services and the renderer free of Electron, and the renderer out of Node', () => {
    const r = lint({
      'electron/services/s.ts': "import { app } from 'electron';\n",
      'renderer/r.tsx':
        "import fs from 'fs';\nimport { compose } from '../engine/compose';\nimport { h } from '../electron/services/pdf';\n",
      'electron/main/m.ts': "import { app } from 'electron';\nimport { s } from '../services/s';\n",
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain("electron/services/s.ts: import 'electron'");
    expect(r.out).toContain("renderer/r.tsx: import 'fs'");
    expect(r.out).toContain(
      "renderer/r.tsx: import '../electron/services/pdf' crosses into electron/services",
    );
    expect(r.out).not.toContain('engine/compose');
    expect(r.out).not.toContain('electron/main/m.ts');
  });

  it('lets tests share helpers only through tests/support, and never import bench/', () => {
    const r = lint({
      'tests/unit/a/x.test.ts':
        "import { h } from './own';\nimport { s } from '../../support/app';\nimport { f } from '../b/helper';\nimport { g } from '../../../bench/pdf.bench';\n",
      'tests/e2e/y.test.ts': "import { k } from '../fixtures/data';\n",
      'bench/z.bench.ts':
        "import { s } from '../tests/support/app';\nimport { t } from '../tests/e2e/y.test';\n",
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain("tests/unit/a/x.test.ts: import '../b/helper' reaches into another test area");
    expect(r.out).toContain(
      "tests/unit/a/x.test.ts: import '../../../bench/pdf.bench': tests do not import bench/",
    );
    expect(r.out).toContain("bench/z.bench.ts: import '../tests/e2e/y.test' reaches into another test area");
    expect(r.out).not.toContain("'./own'");
    expect(r.out).not.toContain('support/app');
    expect(r.out).not.toContain('fixtures/data');
  });

  it('ignores imports in comments', () => {
    const r = lint({
      'engine/b.ts': "// import fs from 'node:fs'\n/* require('electron') */\nexport const x = 1;\n",
    });
    expect(r.code).toBe(0);
  });

  it('refuses a runtime import cycle and names it; type-only imports make none', () => {
    const r = spawnSync(process.execPath, [script, join(__dirname, '../../fixtures/import-cycle')], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      'import cycle: cli/commands/export.ts → cli/commands/preflight.ts → cli/commands/export.ts',
    );
    expect(r.stderr).not.toContain('engine/');
  });

  it('finds a cycle through an index file and a re-export, and ignores a lazy import()', () => {
    const r = lint({
      'electron/services/store/index.ts': "export { json } from './json';\nexport const x = 1;\n",
      'electron/services/store/json.ts': "import { x } from '.';\nexport const json = x;\n",
      'cli/main.ts': "export const load = () => import('./commands/a');\n",
      'cli/commands/a.ts': "import { load } from '../main';\nexport const a = load;\n",
    });
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'import cycle: electron/services/store/index.ts → electron/services/store/json.ts → electron/services/store/index.ts',
    );
    expect(r.out).not.toContain('cli/main.ts');
  });
});
