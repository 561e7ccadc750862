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

/** SQLite's compiled module does not fit this process (built for another Node or Electron, or damaged). */
export class NativeModuleError extends Error {
  constructor(cause: Error) {
    super(
      `无法载入 SQLite 模块（better-sqlite3）：它是为另一个版本的 Node 或 Electron 编译的，或已损坏。版面需要 Node 22 或更新（当前 ${process.versions.node}）：请在 Node 22 下按 README 重新安装（npm ci），桌面版再运行 npm run rebuild:electron。期次文件未作改动。` +
        `(The SQLite module was built for another Node or Electron version; reinstall with Node 22 as the README says. Running Node ${process.versions.node}. No file was changed.)`,
      { cause },
    );
    this.name = 'NativeModuleError';
  }
}

/** What Node says when a compiled module does not fit the running process. */
const WRONG_BUILD =
  /NODE_MODULE_VERSION|compiled against a different Node|did not self-register|invalid ELF header|wrong ELF class|cannot open shared object/;

/** Opens a SQLite connection with the binding that fits the running process. */
export function openDatabase(path: string | Buffer, opts: Database.Options = {}): Database.Database {
  const nativeBinding = sqliteBinding();
  try {
    // Loaded on first use: a command that never opens an edition file does not load SQLite.
    const Sqlite = createRequire(__filename)('better-sqlite3') as typeof Database;
    return new Sqlite(path, nativeBinding ? { ...opts, nativeBinding } : opts);
  } catch (e) {
    if (
      e instanceof Error &&
      ((e as NodeJS.ErrnoException).code === 'ERR_DLOPEN_FAILED' || WRONG_BUILD.test(e.message))
    )
      throw new NativeModuleError(e);
    throw e;
  }
}
