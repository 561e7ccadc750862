// Which compiled better-sqlite3 to load. Under Node it is the package's own build. Under Electron the
// module must be built for Electron's ABI; scripts/rebuild-electron-native.mjs puts that build under
// out/native/ so that it never replaces the Node one the CLI and tests use.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { projectRoot } from '../paths';

let override: string | undefined;

/** For packaged apps, whose native modules live outside the project tree: the main process sets the path. */
export function setSqliteBinding(path: string | undefined): void {
  override = path;
}

/** The `nativeBinding` option for better-sqlite3, or undefined to use the package's own build. */
export function sqliteBinding(): string | undefined {
  if (override) return override;
  const electronAbi = process.versions.electron ? process.versions.modules : undefined;
  if (!electronAbi) return undefined;
  const built = join(projectRoot(), 'out', 'native', `electron-${electronAbi}-${process.platform}-${process.arch}`, 'better_sqlite3.node');
  if (!existsSync(built)) {
    throw new Error(`SQLite for Electron is not built (${built} is missing): run npm run rebuild:electron`);
  }
  return built;
}

/** Opens a SQLite connection with the binding that fits the running process. */
export function openDatabase(path: string, opts: Database.Options = {}): Database.Database {
  const nativeBinding = sqliteBinding();
  // Loaded on first use: a command that never opens an edition file does not load SQLite.
  const Sqlite = createRequire(__filename)('better-sqlite3') as typeof Database;
  return new Sqlite(path, nativeBinding ? { ...opts, nativeBinding } : opts);
}
