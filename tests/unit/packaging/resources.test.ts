import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import {
  layoutFor,
  projectRoot,
  RESOURCE_PATHS,
  resourceLayout,
  resourcePath,
  type Resource,
} from '../../../electron/services/resources';
import { buildConfig } from '../../support/packaged-layout';

const root = projectRoot();
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'banmian-resources-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('where resources are', () => {
  it('in a checkout, every resource is in the repository', () => {
    expect(resourceLayout()).toEqual({ kind: 'source', root });
    for (const r of Object.keys(RESOURCE_PATHS) as Resource[]) expect(existsSync(resourcePath(r))).toBe(true);
  });

  it("under `electron .` in a checkout (Electron's own resources folder) it is still the checkout", () => {
    mkdirSync(join(dir, 'resources'));
    writeFileSync(join(dir, 'resources', 'default_app.asar'), '');
    expect(layoutFor(join(dir, 'resources'))).toEqual({ kind: 'source', root });
    expect(layoutFor(undefined)).toEqual({ kind: 'source', root });
  });

  it("electron-builder's extraResources put each resource where the packaged app looks for it", () => {
    const cfg = buildConfig(root);
    for (const { source, packaged } of Object.values(RESOURCE_PATHS)) {
      expect(cfg.extraResources.some((e) => e.from === source && e.to === packaged)).toBe(true);
    }
  });

  it('a packaged app is recognised by its resources, with app.asar or a plain app folder', () => {
    mkdirSync(join(dir, 'fonts'));
    writeFileSync(join(dir, 'fonts', 'registry.json'), '{}');
    expect(layoutFor(dir)).toEqual({
      kind: 'packaged',
      resources: dir,
      app: join(dir, 'app'),
      unpacked: join(dir, 'app.asar.unpacked'),
    });
    writeFileSync(join(dir, 'app.asar'), '');
    expect(layoutFor(dir)).toMatchObject({ app: join(dir, 'app.asar') });
  });
});

describe('the afterPack hook', () => {
  const afterPack = createRequire(import.meta.url)(join(root, 'scripts', 'after-pack.cjs')) as (
    ctx: unknown,
  ) => Promise<void>;
  const ARCH: Record<string, number> = { ia32: 0, x64: 1, armv7l: 2, arm64: 3 };
  const context = (platform: string) => ({
    appOutDir: join(dir, 'linux-unpacked'),
    electronPlatformName: platform,
    arch: ARCH[process.arch],
    packager: { projectDir: join(dir, 'project'), appInfo: { productFilename: 'Banmian' } },
  });

  beforeEach(() => {
    mkdirSync(join(dir, 'project', 'node_modules', 'electron'), { recursive: true });
    writeFileSync(join(dir, 'project', 'node_modules', 'electron', 'abi_version'), '140\n');
  });

  it('puts the Electron build of better-sqlite3 where the packaged app loads it', async () => {
    const built = join(dir, 'project', 'out', 'native', `electron-140-${process.platform}-${process.arch}`);
    mkdirSync(built, { recursive: true });
    writeFileSync(join(built, 'better_sqlite3.node'), 'electron build');
    await afterPack(context(process.platform));
    const target = join(
      dir,
      'linux-unpacked',
      'resources',
      'app.asar.unpacked',
      'node_modules',
      'better-sqlite3',
      'build',
      'Release',
      'better_sqlite3.node',
    );
    expect(readFileSync(target, 'utf8')).toBe('electron build');
  });

  it('refuses when the Electron build is missing, or the app is for another system', async () => {
    await expect(afterPack(context(process.platform))).rejects.toThrow('npm run rebuild:electron');
    const other = process.platform === 'win32' ? 'linux' : 'win32';
    await expect(afterPack(context(other))).rejects.toThrow('package Banmian on the system it is for');
  });
});
