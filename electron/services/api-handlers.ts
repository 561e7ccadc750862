// The one set of API handlers. Electron's main process serves them over IPC, the loopback host
// (electron/host) over HTTP; what differs between the two (file dialogs, where exports go) comes in as `Environment`.
// The Node services come in as `Services` so the handlers can be exercised without fonts or a disk.
import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Article, ArticleComment, Edition, Placement } from '../../engine/model/types';
import { PROOF_MAX_BYTES, type EditorPlace, type ExportPreset, type Finding, type Handlers } from '../api';
import type { ProofImport } from './proof';

/** The app's memory of edition files (electron/services/store/recent.ts), as the handlers use it. */
export interface RecentFiles {
  list(): { path: string; title?: string; openedAt: string; exists: boolean }[];
  opened(path: string, title?: string): void;
  place(place: EditorPlace): void;
  closed(path: string): void;
  recovery(): { path: string; place: EditorPlace; openedAt: string } | null;
}

export interface Services {
  sampleEdition(): Edition;
  templates(): Record<string, unknown>;
  faces(): { id: string; name: string; fallback: string[] }[];
  roleFaces(): Record<string, { face: string; substitute: boolean }>;
  metricsTable(face: string): unknown;
  fontBytes(face: string): Promise<Uint8Array>;
  /** Partial metrics tables for the code points in use (electron/services/fonts/screen.ts). */
  screenTables(codePoints: number[]): unknown[];
  /** A small font with these code points' glyphs, or null when the face's outlines cannot be copied. */
  screenSubset(face: string, codePoints: number[]): { bytes: Uint8Array; codePoints: number[] } | null;
  glyphOutlines(face: string, gids: number[]): { unitsPerEm: number; paths: string[] };
  /** One PDF per requested page (all pages when `pages` is omitted). */
  exportPdf(edition: Edition, preset: ExportPreset, pages: number[] | undefined, force?: boolean): Promise<{ page: number | null; data: Uint8Array }[]>;
  preflight(edition: Edition, preset: ExportPreset): Finding[];
  openEdition(path: string): Edition;
  saveEdition(edition: Edition, path: string): void;
  /** A new edition from a template: `pages` pages of it, nothing placed yet. */
  newEdition(template: string, paper: string, date: string, pages: number): Edition;
  /** Writes `edition` as a new file at `path` (replacing one only when `overwrite`). */
  createEditionFile(edition: Edition, path: string, overwrite: boolean): void;
  /** Copies the open file `from` (with its revisions) to `to`. */
  copyEditionFile(from: string, to: string, overwrite: boolean): void;
  /** Writes the changed articles and pages into the open file as one transaction; returns the edit number. */
  autosave(path: string, articles: Article[], pages: { id: string; placements: Placement[] }[], comments?: { upsert: ArticleComment[]; remove: string[] }): number;
  /** The name comments are signed with: the machine's user. */
  userName?(): string;
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
   * typed into the page. Null in the desktop app, where paths come from its dialogs and recent list.
   */
  documentsDir?: string | null;
}

/** A path the page is not allowed to use. The message is for the editor. */
export class PathRefused extends Error {
  constructor(message: string) { super(message); this.name = 'PathRefused'; }
}

function realOrNearest(p: string): string {
  // A file that does not exist yet is judged by the real path of the folder it would go into.
  let cur = p;
  const tail: string[] = [];
  for (;;) {
    try { return resolve(realpathSync(cur), ...tail.reverse()); } catch { /* not there yet */ }
    const up = dirname(cur);
    if (up === cur) return p;
    tail.push(cur.slice(up.length + 1));
    cur = up;
  }
}

/**
 * A name typed in the browser host's dialog as a path inside `docs`: relative names are taken from the
 * documents folder; anything that leads outside it (.., an absolute path elsewhere, a link out) is refused.
 */
export function confinedPath(docs: string, typed: string, kind: 'open' | 'save'): string {
  if (typed.includes('\0') || !typed.trim()) throw new PathRefused('请输入文件名');
  let name = typed.trim();
  if (kind === 'save' && !/\.banmian$/i.test(name)) name += '.banmian';
  if (kind === 'open' && !/\.(banmian|json)$/i.test(name)) throw new PathRefused(`“${typed}”不是期次文件：只能打开 .banmian 或 .json 文件`);
  const root = realOrNearest(resolve(docs));
  const abs = resolve(root, name);
  const real = realOrNearest(abs);
  const rel = relative(root, real);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) throw new PathRefused(`“${typed}”不在文档文件夹 ${docs} 中；只能打开和保存其中的文件`);
  return real;
}


/** File names the printer expects: paper date, page number, preset. */
export function exportFileName(edition: Edition, page: number | null, preset: ExportPreset): string {
  const paper = edition.paper.name.replace(/[\\/:*?"<>|\s]+/g, '_');
  const what = page === null ? 'all' : `p${String(page).padStart(2, '0')}`;
  return `${paper}_${edition.date}_${what}_${preset}.pdf`;
}

export function createHandlers(services: Services, env: Environment): Handlers {
  const docs = env.documentsDir ?? null;
  // Desktop: paths the editor chose in a dialog this run, or from the recent list; nothing else is opened.
  const granted = new Set<string>();
  // Files this process opened or created: the only ones autosave and the crash record may touch.
  const open = new Set<string>();
  let current: string | null = null;

  const label = (p: string) => (docs ? relative(realOrNearest(resolve(docs)), p) : p);
  const documentPath = async (kind: 'open' | 'save', typed: string | undefined, suggested: string): Promise<string | null> => {
    if (docs) {
      if (!typed) throw new PathRefused('请输入文件名（浏览器中没有文件对话框）');
      return confinedPath(docs, typed, kind);
    }
    if (typed) {
      const abs = resolve(typed);
      if (granted.has(abs) || services.recent().list().some((r) => r.path === abs)) return abs;
      throw new PathRefused(`${typed} 不是从“打开”或“最近的期次”选择的文件`);
    }
    const chosen = kind === 'open' ? await env.chooseOpenPath() : await env.chooseSavePath(suggested);
    if (!chosen) return null;
    granted.add(resolve(chosen));
    return resolve(chosen);
  };
  const opened = (path: string, ed: Edition) => {
    if (current && current !== path) services.recent().closed(current);
    open.add(path);
    current = path;
    services.recent().opened(path, `${ed.paper.name} ${ed.date}`);
  };
  const openFile = (path: string) => {
    if (!open.has(path)) throw new PathRefused(`${path} 不是本窗口打开的期次`);
    return path;
  };
  const title = (r: { title?: string }) => (r.title ? { title: r.title } : {});

  return {
    'app.info': async () => ({ transport: env.transport, version: env.version, canChooseFiles: env.transport === 'ipc', ...(services.userName ? { user: services.userName() } : {}) }),
    'edition.openSample': async () => ({ edition: services.sampleEdition() }),
    'edition.open': async ({ path }) => {
      const chosen = await documentPath('open', path, '');
      if (!chosen) return { edition: null, path: null, cancelled: true };
      const edition = services.openEdition(chosen);
      // JSON is interchange: it opens, but as an edition without a file until saved as one.
      if (/\.json$/i.test(chosen)) return { edition, path: null, cancelled: false };
      opened(chosen, edition);
      return { edition, path: chosen, label: label(chosen), cancelled: false };
    },
    'edition.new': async ({ template, paper, date, pages, path }) => {
      const edition = services.newEdition(template, paper, date, pages);
      const target = await documentPath('save', path, env.defaultEditionPath(edition));
      if (!target) return { edition: null, path: null, cancelled: true };
      // The desktop dialog has asked about replacing a file; a typed name never replaces one.
      services.createEditionFile(edition, target, !docs);
      opened(target, edition);
      return { edition, path: target, label: label(target), cancelled: false };
    },
    'edition.saveAs': async ({ from, edition, path }) => {
      if (!from && !edition) throw new Error('nothing to save: give the open file or the edition');
      const ed = edition ?? services.openEdition(openFile(from!));
      const target = await documentPath('save', path, env.defaultEditionPath(ed));
      if (!target) return { path: null, cancelled: true, savedAt: new Date().toISOString() };
      if (from && target === resolve(from)) throw new PathRefused('另存为的文件名与当前文件相同');
      if (from) services.copyEditionFile(openFile(from), target, !docs);
      else services.createEditionFile(ed, target, !docs);
      opened(target, ed);
      return { path: target, label: label(target), cancelled: false, savedAt: new Date().toISOString() };
    },
    'edition.autosave': async ({ path, articles, pages, comments, place }) => {
      const seq = services.autosave(openFile(path), articles as Article[], pages as { id: string; placements: Placement[] }[], comments as { upsert: ArticleComment[]; remove: string[] } | undefined);
      if (place && current === path) services.recent().place(place);
      return { seq, savedAt: new Date().toISOString() };
    },
    'edition.place': async ({ path, place }) => {
      if (current === openFile(path)) services.recent().place(place);
      return {};
    },
    'edition.recent': async () => {
      const inside = (p: string) => !docs || (() => { try { confinedPath(docs, relative(resolve(docs), p), 'open'); return true; } catch { return false; } })();
      const recent = services.recent().list().filter((r) => inside(r.path)).map((r) => ({ path: docs ? label(r.path) : r.path, label: label(r.path), ...title(r), openedAt: r.openedAt, exists: r.exists }));
      const rec = services.recent().recovery();
      const recovery = rec && inside(rec.path) ? { path: docs ? label(rec.path) : rec.path, label: label(rec.path), place: rec.place, openedAt: rec.openedAt } : null;
      return { recent, recovery, documents: docs };
    },
    'edition.close': async ({ path }) => {
      const abs = docs ? confinedPath(docs, path, 'open') : resolve(path);
      if (open.has(abs)) services.recent().closed(abs);
      if (current === abs) current = null;
      return {};
    },
    'edition.save': async ({ edition, path, chooseFile }) => {
      // A path from the page is used only when this window opened it or the documents folder holds it.
      let target = chooseFile || !path ? null : open.has(resolve(path)) ? resolve(path) : docs ? confinedPath(docs, path, 'save') : await documentPath('save', path, '');
      if (!target && env.transport === 'ipc') {
        target = await env.chooseSavePath(path ?? env.defaultEditionPath(edition));
        if (!target) return { path: null, cancelled: true, savedAt: new Date().toISOString() };
      }
      target ??= env.defaultEditionPath(edition);
      services.saveEdition(edition, target);
      return { path: target, cancelled: false, savedAt: new Date().toISOString() };
    },
    'templates.all': async () => ({ templates: services.templates() }),
    'fonts.faces': async () => ({ faces: services.faces(), roles: services.roleFaces() }),
    'fonts.metrics': async ({ face }) => ({ table: services.metricsTable(face) }),
    'fonts.file': async ({ face }) => services.fontBytes(face),
    'fonts.tables': async ({ codePoints }) => ({ tables: services.screenTables(codePoints) }),
    'fonts.subset': async ({ face, codePoints }) => {
      const s = services.screenSubset(face, codePoints);
      if (!s) return { url: null, data: null, codePoints: [] };
      if (env.publish) return { url: env.publish(s.bytes, 'ttf'), data: null, codePoints: s.codePoints };
      return { url: null, data: Buffer.from(s.bytes).toString('base64'), codePoints: s.codePoints };
    },
    'fonts.outlines': async ({ face, gids }) => services.glyphOutlines(face, gids),
    'pdf.export': async ({ edition, preset, pages, target, force }) => {
      for (const p of pages ?? []) {
        if (!edition.pages.some((pg) => pg.number === p)) throw new Error(`the edition has no page ${p}`);
      }
      let folder = target ?? null;
      if (!folder && env.transport === 'ipc') {
        folder = await env.chooseExportFolder();
        if (!folder) return { cancelled: true, folder: null, files: [] };
      }
      folder ??= env.defaultExportFolder();
      const pdfs = await services.exportPdf(edition, preset, pages, force);
      const files = [];
      for (const { page, data } of pdfs) {
        const path = services.joinPath(folder, exportFileName(edition, page, preset));
        await services.writeFile(path, data);
        files.push({ page, path, bytes: data.byteLength });
      }
      return { cancelled: false, folder, files };
    },
    'preflight.run': async ({ edition, preset }) => ({ findings: services.preflight(edition, preset) }),
    'proof.import': async ({ edition, pdf, name }) => {
      const bytes = Buffer.from(pdf, 'base64');
      if (bytes.byteLength > PROOF_MAX_BYTES) throw new Error(`校样文件过大（${(bytes.byteLength / 1048576).toFixed(0)} MB，上限 ${PROOF_MAX_BYTES / 1048576} MB）`);
      if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error(`${name ?? '所选文件'}不是 PDF 文件`);
      const r = await services.importProof(edition, new Uint8Array(bytes), name ?? 'the proof');
      return { marks: r.marks, unplaced: r.unplaced, pages: r.pages };
    },
  };
}
