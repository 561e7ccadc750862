// What the API handlers are given: the Node services (so the handlers can be exercised without fonts or
// a disk) and the environment that differs between the desktop app and the loopback host.
import type { EditionOutput } from '../../engine/model/output';
import type { ExportJobs } from './jobs/export-job';
import type { Article, ArticleComment, Edition, Page, Placement } from '../../engine/model/types';
import type { EditorPlace, ExportPreset, Finding, ProofRoundRecord } from '../api';
import type { Logger } from './log';
import type { ProofImport } from './proof';
import type { SampleName } from './sample';

/** A photo brought in: its record and its bytes. */
export interface ImportedAsset {
  id: string;
  mime: 'image/jpeg' | 'image/png';
  pixelWidth: number;
  pixelHeight: number;
  colorSpace: 'rgb' | 'cmyk' | 'gray';
  bytes: Uint8Array;
}

/** The app's memory of edition files (electron/services/store/recent.ts), as the handlers use it. */
export interface RecentFiles {
  list(): { path: string; title?: string; openedAt: string; exists: boolean }[];
  opened(path: string, title?: string): void;
  place(place: EditorPlace): void;
  closed(path: string): void;
  recovery(): { path: string; place: EditorPlace; openedAt: string } | null;
}

/** What an autosave may carry beside articles, placements and comments. */
export interface AutosaveMore {
  /** Articles taken out of the edition (an import undone). */
  removeArticles?: string[];
  /** The page list when pages were added, deleted, moved or renamed (without their placements). */
  pageList?: Omit<Page, 'placements'>[];
  /** The edition's whole role mapping (书宋 → a face), when the 字体 screen changed it. */
  fonts?: Record<string, string>;
  /** The edition's whole style changes (样式), when the 样式 dialog or undo changed them. */
  styles?: Record<string, Record<string, unknown>>;
  /** The edition's whole output condition (profile, registered condition, intent), or null for the template's, when it changed. */
  output?: EditionOutput | null;
}

export interface Services {
  sampleEdition(name?: SampleName): Edition;
  templates(): Record<string, unknown>;
  faces(): { id: string; name: string; fallback: string[] }[];
  /** Sets the process font set to the edition's role mapping; returns the roles that fell back. */
  useEditionFonts(
    fonts: Record<string, string> | undefined,
    templates: string[],
  ): { role: string; wanted: string; source: string; usedFace: string; message: string }[];
  fontReport(): unknown;
  /** The role mapping in force: registry face id → the face that sets it. */
  fontAliases(): Record<string, string>;
  roleFaces(): Record<string, { face: string; substitute: boolean }>;
  metricsTable(face: string): unknown;
  fontBytes(face: string): Promise<Uint8Array>;
  /** Partial metrics tables for the code points in use (electron/services/fonts/screen.ts). */
  screenTables(codePoints: number[]): { tables: unknown[]; rare: Record<number, string> };
  /** A small font with these code points' glyphs, or null when the face's outlines cannot be copied. */
  screenSubset(face: string, codePoints: number[]): { bytes: Uint8Array; codePoints: number[] } | null;
  glyphOutlines(face: string, gids: number[]): { unitsPerEm: number; paths: string[] };
  /** One PDF per requested page (all pages when `pages` is omitted). Runs off the event loop (./jobs). */
  exportPdf(
    edition: Edition,
    preset: ExportPreset,
    pages: number[] | undefined,
    force?: boolean,
  ): Promise<{ page: number | null; data: Uint8Array }[]>;
  preflight(edition: Edition, preset: ExportPreset): Finding[] | Promise<Finding[]>;
  /** Export jobs (export.start …) and the stored edition they export (./export-job-handlers.ts). */
  exportJobs?: ExportJobs;
  storedEdition?(path: string): Edition;
  /** The proof rounds exported from an open edition file, and recording one when its export is done. */
  proofRounds?(path: string): ProofRoundRecord[];
  recordProofRound?(path: string, round: ProofRoundRecord): void;
  openEdition(path: string): Edition;
  /** True when an edition file can be read but not written (read-only media or folder, no permission). */
  editionReadOnly?(path: string): boolean;
  /** Repairs the edition file at `path` into a new file beside it (which it names); the original is only read. */
  repairEdition(path: string): {
    path: string;
    edition: Edition;
    changes: { kind: string; where: string; message: string }[];
  };
  /** A new edition from a template: `pages` pages of it, nothing placed yet. */
  newEdition(template: string, paper: string, date: string, pages: number): Edition;
  /** Writes `edition` as a new file at `path` (replacing one only when `overwrite`). */
  createEditionFile(edition: Edition, path: string, overwrite: boolean): void;
  /** Copies the open file `from` (with its revisions) to `to`. */
  copyEditionFile(from: string, to: string, overwrite: boolean): void;
  /** Writes the changed articles and pages into the open file as one transaction; returns the edit number. */
  autosave(
    path: string,
    articles: Article[],
    pages: { id: string; placements: Placement[] }[],
    comments?: { upsert: ArticleComment[]; remove: string[] },
    more?: AutosaveMore,
  ): number;
  /** A story file read by the import rules (electron/services/import): the article and its photos. */
  importStory?(
    bytes: Uint8Array,
    name: string,
  ): { article: Article; assets: ImportedAsset[]; warnings: string[] };
  /** A photo checked and measured (JPEG or PNG), with the caption its metadata carries. */
  importPhoto?(bytes: Uint8Array, name: string): { asset: ImportedAsset; caption: string | null };
  /** Stores photos in the open edition file (once per content). */
  putAssets?(path: string, assets: ImportedAsset[]): void;
  /** The name comments are signed with: the one set in the app's settings, else the machine's user. */
  userName?(): string;
  /** Whether the editor has set a name in the settings. */
  userSet?(): boolean;
  /** Stores the editor's name in the settings; the open files sign with it from now on. */
  setUserName?(name: string): string;
  /** An article's revisions in the open file, oldest first, with their blocks. */
  revisions?(
    path: string,
    article: string,
  ): { id: number; at: string; author: string; note: string; status: string; blocks: unknown }[];
  /** The term lists (terms/*.txt) for 文字检查. */
  termLists?(): { name: string; text: string }[];
  recent(): RecentFiles;
  /** Marks of an annotated proof PDF against the edition (electron/services/proof importProof). */
  importProof(edition: Edition, pdf: Uint8Array, name: string): Promise<ProofImport>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  joinPath(dir: string, name: string): string;
}

export interface Environment {
  transport: 'ipc' | 'http';
  version: string;
  /** File dialogs exist only in the desktop app; the loopback host answers null. */
  chooseOpenPath(): Promise<string | null>;
  /** Must ask before replacing an existing file: its answer counts as the editor's agreement to replace. */
  chooseSavePath(suggested: string): Promise<string | null>;
  chooseExportFolder(): Promise<string | null>;
  /** The loopback host serves generated files (screen fonts) at content-hashed URLs; returns the URL. */
  publish?(bytes: Uint8Array, ext: string): string;
  /** Where exports go when no folder is given and none can be asked for. */
  defaultExportFolder(): string;
  /** Where an edition is saved when it has no file yet and no dialog can be shown. */
  defaultEditionPath(edition: Edition): string;
  /**
   * The browser host's documents folder: edition files are opened and saved only inside it, by names
   * typed into the page. Null in the desktop app, where the page names files only by the tokens issued
   * for what its dialogs (and the recent list) gave.
   */
  documentsDir?: string | null;
  /** Where opens, saves, exports and every failure are recorded (electron/services/log.ts). */
  log?: Logger;
  /** The desktop menu's check boxes and greyed items (electron/main/menu.ts); absent without a menu. */
  menuState?(state: { checked: readonly string[]; disabled: readonly string[] }): void;
}
