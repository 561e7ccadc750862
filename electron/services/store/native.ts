// Which compiled better-sqlite3 to load. Under Node it is the package's own build. Under Electron the
// module must be built for Electron's ABI: in a checkout scripts/rebuild-electron-native.mjs puts that
// build under out/native/ so that it never replaces the Node one the CLI and tests use; in the packaged
// app electron-builder rebuilds it and unpacks it beside app.asar (resources.ts finds both).
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import { sqliteNativeModule } from '../resources';

let override: string | undefined;

/** Lets a caller name the compiled module outright (tests); otherwise resources.ts decides. */
export function setSqliteBinding(path: string | undefined): void {
  override = path;
}

/** The `nativeBinding` option for better-sqlite3, or undefined to use the package's own build. */
export function sqliteBinding(): string | undefined {
  return override ?? sqliteNativeModule();
}

/** Opens a SQLite connection with the binding that fits the running process. */
export function openDatabase(path: string | Buffer, opts: Database.Options = {}): Database.Database {
  const nativeBinding = sqliteBinding();
  // Loaded on first use: a command that never opens an edition file does not load SQLite.
  const Sqlite = createRequire(__filename)('better-sqlite3') as typeof Database;
  return new Sqlite(path, nativeBinding ? { ...opts, nativeBinding } : opts);
}
