// The one set of API handlers. Electron's main process serves them over IPC, the loopback host
// (electron/host) over HTTP; what differs between the two (file dialogs, where exports go) comes in as `Environment`.
// The Node services come in as `Services` so the handlers can be exercised without fonts or a disk.
import { randomUUID } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Article, ArticleComment, Edition, Page, Placement } from '../../engine/model/types';
import {
  PHOTO_MAX_BYTES,
  PROOF_MAX_BYTES,
  Refusal,
  STORY_MAX_BYTES,
  type EditorPlace,
  type ExportPreset,
  type Finding,
  type Handlers,
} from '../api';
import { noLog, type LogContext, type Logger } from './log';
import { exportJobHandlers } from './export-job-handlers';
import type { ExportJobs } from './jobs/export-job';
import type { ProofImport } from './proof';
import type { SampleName } from './sample';
import { EditError, EditionFileError } from './store/errors';

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
  openEdition(path: string): Edition;
  /** True when an edition file can be read but not written (read-only media or folder, no permission). */
  editionReadOnly?(path: string): boolean;
  /** Repairs the edition file at `path` into a new file beside it (which it names); the original is only read. */
  repairEdition(path: string): {
    path: string;
    edition: Edition;
    changes: { kind: string; where: string; message: string }[];
  };
  saveEdition(edition: Edition, path: string): void;
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
}

/** A path the page is not allowed to use. The message is for the editor. */
export class PathRefused extends Refusal {
  constructor(message: string) {
    super('refused', message);
    this.name = 'PathRefused';
  }
}

function realOrNearest(p: string): string {
  // A file that does not exist yet is judged by the real path of the folder it would go into.
  let cur = p;
  const tail: string[] = [];
  for (;;) {
    try {
      return resolve(realpathSync(cur), ...tail.reverse());
    } catch {
      /* not there yet */
    }
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
  if (kind === 'open' && !/\.(banmian|json)$/i.test(name))
    throw new PathRefused(`“${typed}”不是期次文件：只能打开 .banmian 或 .json 文件`);
  const root = realOrNearest(resolve(docs));
  const abs = resolve(root, name);
  const real = realOrNearest(abs);
  const rel = relative(root, real);
  if (!rel || rel.startsWith('..') || isAbsolute(rel))
    throw new PathRefused(`“${typed}”不在文档文件夹 ${docs} 中；只能打开和保存其中的文件`);
  return real;
}

/** File names the printer expects: paper date, page number, preset. */
export function exportFileName(edition: Edition, page: number | null, preset: ExportPreset): string {
  const paper = edition.paper.name.replace(/[\\/:*?"<>|\s]+/g, '_');
  const what = page === null ? 'all' : `p${String(page).padStart(2, '0')}`;
  return `${paper}_${edition.date}_${what}_${preset}.pdf`;
}

/** What a request was about, for the log: paths, presets and pages, the edition by name; never its text. */
export function requestContext(method: string, req: unknown): LogContext {
  const ctx: LogContext = { method };
  const r = (req ?? {}) as Record<string, unknown>;
  for (const k of ['path', 'from', 'target', 'preset', 'pages', 'template', 'face', 'name', 'force']) {
    const v = r[k];
    // Page numbers, not the pages an autosave sends.
    if (
      typeof v === 'string' ||
      typeof v === 'number' ||
      typeof v === 'boolean' ||
      (Array.isArray(v) && v.every((x) => typeof x === 'number'))
    )
      ctx[k] = v;
  }
  if (Array.isArray(r.articles)) ctx.articles = r.articles.length;
  const ed = r.edition as Edition | undefined;
  if (ed && typeof ed === 'object' && ed.paper) ctx.edition = `${ed.id} ${ed.paper.name} ${ed.date}`;
  return ctx;
}

// Successes worth a line for IT: files opened, written and exported (not autosaves, which are many).
const LOGGED: Partial<Record<keyof Handlers, (res: Record<string, unknown>) => LogContext | null>> = {
  'edition.open': (r) => (r.cancelled ? null : { opened: r.path ?? 'JSON (no file)' }),
  'edition.new': (r) => (r.cancelled ? null : { created: r.path }),
  'edition.save': (r) => (r.cancelled ? null : { saved: r.path }),
  'edition.saveAs': (r) => (r.cancelled ? null : { saved: r.path }),
  'pdf.export': (r) =>
    r.cancelled
      ? null
      : { files: (r.files as { path: string; bytes: number }[]).map((f) => `${f.path} (${f.bytes} bytes)`) },
  'proof.import': (r) => ({
    marks: (r.marks as unknown[]).length,
    unplaced: (r.unplaced as unknown[]).length,
  }),
};

/** The handlers, each failure logged with what was asked, and opens, saves and exports logged when done. */
export function loggedHandlers(handlers: Handlers, log: Logger): Handlers {
  const out = {} as Record<string, (req: unknown) => Promise<unknown>>;
  for (const [method, handler] of Object.entries(handlers) as [
    keyof Handlers,
    (req: unknown) => Promise<unknown>,
  ][]) {
    out[method] = async (req) => {
      try {
        const res = await handler(req);
        const done = LOGGED[method]?.(res as Record<string, unknown>);
        if (done) log.info(method, { ...requestContext(method, req), ...done });
        return res;
      } catch (e) {
        // A refused path is the editor's mistake, not a fault: a warning; anything else an error.
        if (e instanceof PathRefused) log.warn(`${method} refused`, requestContext(method, req), e.message);
        else log.error(`${method} failed`, requestContext(method, req), e);
        throw e;
      }
    };
  }
  return out as unknown as Handlers;
}

export function createHandlers(services: Services, env: Environment): Handlers {
  return loggedHandlers(unloggedHandlers(services, env), env.log ?? noLog);
}

function unloggedHandlers(services: Services, env: Environment): Handlers {
  const docs = env.documentsDir ?? null;
  // Desktop: the page names files and folders only by opaque tokens this side issued for what the editor
  // chose in a dialog (this run, or in an earlier one through the recent list); a path it sends is refused.
  const grants = new Map<string, { path: string; kind: 'file' | 'folder' }>();
  const tokens = new Map<string, string>();
  const grant = (path: string, kind: 'file' | 'folder'): string => {
    const key = `${kind}:${path}`;
    let t = tokens.get(key);
    if (!t) {
      t = `${kind}-${randomUUID()}`;
      tokens.set(key, t);
      grants.set(t, { path, kind });
    }
    return t;
  };
  // Files this process opened or created: the only ones autosave and the crash record may touch.
  const open = new Set<string>();
  let current: string | null = null;
  // The file whose opening last failed on a broken edition: what 修复 repairs when the page names none.
  let refused: string | null = null;

  const label = (p: string) => (docs ? relative(realOrNearest(resolve(docs)), p) : p);
  /** How the page names a file in answers: its path inside the documents folder, or a token. */
  const handle = (p: string) => (docs ? p : grant(p, 'file'));
  /** The file the page names: inside the documents folder, or one a dialog gave. */
  const named = (typed: string, kind: 'open' | 'save'): string => {
    if (docs) return confinedPath(docs, typed, kind);
    const g = grants.get(typed);
    if (g?.kind !== 'file')
      throw new PathRefused(`“${typed}”不是在“打开”“保存”对话框或“最近的期次”中选择的文件`);
    return g.path;
  };
  /** The file to write: named by the page, or chosen now in the save dialog (which asked about replacing). */
  const documentPath = async (
    kind: 'open' | 'save',
    typed: string | undefined,
    suggested: string,
  ): Promise<{ path: string; asked: boolean } | null> => {
    if (typed) return { path: named(typed, kind), asked: false };
    if (docs) throw new PathRefused('请输入文件名（浏览器中没有文件对话框）');
    const chosen = kind === 'open' ? await env.chooseOpenPath() : await env.chooseSavePath(suggested);
    return chosen ? { path: resolve(chosen), asked: true } : null;
  };
  /** Replacing a file asks first: the save dialog did, or the page says the editor agreed. */
  const replaces = (target: { path: string; asked: boolean }, overwrite: boolean | undefined): boolean => {
    if (target.asked || overwrite) return true;
    if (existsSync(target.path))
      throw new Refusal('exists', `“${label(target.path)}”已存在；要替换它，请确认替换`);
    return false;
  };
  const opened = (path: string, ed: Edition) => {
    if (current && current !== path) services.recent().closed(current);
    open.add(path);
    current = path;
    services.recent().opened(path, `${ed.paper.name} ${ed.date}`);
  };
  const openFile = (typed: string) => {
    const path = named(typed, 'open');
    if (!open.has(path)) throw new Refusal('not-open', `${label(path)} 不是本窗口打开的期次`);
    return path;
  };
  /** Exports go to the export folder or to a folder the editor chose in the dialog, nowhere else. */
  const exportFolder = async (
    target: string | undefined,
  ): Promise<{ path: string; handle: string } | null> => {
    const fixed = env.defaultExportFolder();
    if (target) {
      const g = grants.get(target);
      if (g?.kind === 'folder') return { path: g.path, handle: target };
      if (realOrNearest(resolve(target)) === realOrNearest(resolve(fixed)))
        return { path: fixed, handle: fixed };
      throw new PathRefused(
        `“${target}”不是导出文件夹；PDF 只导出到 ${fixed}${env.transport === 'ipc' ? ' 或在对话框中选择的文件夹' : ''}`,
      );
    }
    if (env.transport !== 'ipc') return { path: fixed, handle: fixed };
    const chosen = await env.chooseExportFolder();
    return chosen ? { path: resolve(chosen), handle: grant(resolve(chosen), 'folder') } : null;
  };
  const title = (r: { title?: string }) => (r.title ? { title: r.title } : {});

  return {
    'app.info': async () => ({
      transport: env.transport,
      version: env.version,
      canChooseFiles: env.transport === 'ipc',
      ...(services.userName ? { user: services.userName() } : {}),
    }),
    'edition.openSample': async ({ name }) => ({ edition: services.sampleEdition(name) }),
    'edition.open': async ({ path }) => {
      const chosen = (await documentPath('open', path, ''))?.path;
      if (!chosen) return { edition: null, path: null, cancelled: true };
      let edition: Edition;
      try {
        edition = services.openEdition(chosen);
      } catch (e) {
        if ((e as { problem?: string }).problem === 'invalid') refused = chosen;
        throw e;
      }
      // JSON is interchange: it opens, but as an edition without a file until saved as one.
      if (/\.json$/i.test(chosen)) return { edition, path: null, cancelled: false };
      opened(chosen, edition);
      const readOnly = services.editionReadOnly?.(chosen) ?? false;
      return {
        edition,
        path: handle(chosen),
        label: label(chosen),
        ...(readOnly ? { readOnly } : {}),
        cancelled: false,
      };
    },
    'edition.repair': async ({ path }) => {
      const chosen = path ? named(path, 'open') : refused;
      if (!chosen) throw new PathRefused('没有要修复的期次文件：先打开它');
      const r = services.repairEdition(chosen);
      refused = null;
      opened(r.path, r.edition);
      return { edition: r.edition, path: handle(r.path), label: label(r.path), changes: r.changes };
    },
    'edition.new': async ({ template, paper, date, pages, path, overwrite }) => {
      const edition = services.newEdition(template, paper, date, pages);
      const target = await documentPath('save', path, env.defaultEditionPath(edition));
      if (!target) return { edition: null, path: null, cancelled: true };
      services.createEditionFile(edition, target.path, replaces(target, overwrite));
      opened(target.path, edition);
      return { edition, path: handle(target.path), label: label(target.path), cancelled: false };
    },
    'edition.saveAs': async ({ from, edition, path, overwrite }) => {
      if (!from && !edition) throw new Error('nothing to save: give the open file or the edition');
      const source = from ? openFile(from) : null;
      const ed = edition ?? services.openEdition(source!);
      const target = await documentPath('save', path, env.defaultEditionPath(ed));
      if (!target) return { path: null, cancelled: true, savedAt: new Date().toISOString() };
      if (source && target.path === source) throw new PathRefused('另存为的文件名与当前文件相同');
      const replace = replaces(target, overwrite);
      if (source) services.copyEditionFile(source, target.path, replace);
      else services.createEditionFile(ed, target.path, replace);
      opened(target.path, ed);
      return {
        path: handle(target.path),
        label: label(target.path),
        cancelled: false,
        savedAt: new Date().toISOString(),
      };
    },
    'edition.reattach': async ({ path, id }) => {
      const file = named(path, 'open');
      if (/\.json$/i.test(file)) throw new PathRefused('JSON 交换文件不自动保存：请“另存为”期次文件');
      const ed = services.openEdition(file);
      if (ed.id !== id)
        throw new Refusal(
          'refused',
          `${label(file)} 现在存的是另一期（${ed.paper.name} ${ed.date}），本窗口的修改没有写入它`,
        );
      opened(file, ed);
      return { path: handle(file), label: label(file) };
    },
    'edition.autosave': async ({
      path,
      articles,
      pages,
      comments,
      pageList,
      place,
      removeArticles,
      fonts,
    }) => {
      const file = openFile(path);
      let seq: number;
      try {
        seq = services.autosave(
          file,
          articles as Article[],
          pages as { id: string; placements: Placement[] }[],
          comments as { upsert: ArticleComment[]; remove: string[] } | undefined,
          {
            ...(removeArticles ? { removeArticles } : {}),
            ...(pageList ? { pageList: pageList as Omit<Page, 'placements'>[] } : {}),
            ...(fonts ? { fonts } : {}),
          },
        );
      } catch (e) {
        // The file changed underneath, became read-only or is held by another program: saving again
        // would be refused again, so the page is told it is a conflict, not a failure to retry.
        if (e instanceof EditionFileError && ['changed', 'read-only', 'in-use'].includes(e.problem))
          throw new Refusal('conflict', e.message);
        // A state the file would not open with is refused for good (the file keeps its last valid state).
        if (e instanceof EditError) throw new Refusal('refused', e.message);
        throw e;
      }
      if (place && current === file) services.recent().place(place);
      return { seq, savedAt: new Date().toISOString() };
    },
    'edition.place': async ({ path, place }) => {
      if (current === openFile(path)) services.recent().place(place);
      return {};
    },
    'edition.recent': async () => {
      const inside = (p: string) =>
        !docs ||
        (() => {
          try {
            confinedPath(docs, relative(resolve(docs), p), 'open');
            return true;
          } catch {
            return false;
          }
        })();
      const recent = services
        .recent()
        .list()
        .filter((r) => inside(r.path))
        .map((r) => ({
          path: docs ? label(r.path) : handle(r.path),
          label: label(r.path),
          ...title(r),
          openedAt: r.openedAt,
          exists: r.exists,
        }));
      const rec = services.recent().recovery();
      const recovery =
        rec && inside(rec.path)
          ? {
              path: docs ? label(rec.path) : handle(rec.path),
              label: label(rec.path),
              place: rec.place,
              openedAt: rec.openedAt,
            }
          : null;
      return { recent, recovery, documents: docs };
    },
    'edition.close': async ({ path }) => {
      const abs = named(path, 'open');
      if (open.has(abs)) services.recent().closed(abs);
      if (current === abs) current = null;
      return {};
    },
    'edition.save': async ({ edition, path, chooseFile }) => {
      // A path from the page is used only when the documents folder holds it or a dialog gave it.
      let target = chooseFile || !path ? null : named(path, 'save');
      if (!target && env.transport === 'ipc') {
        target = await env.chooseSavePath(env.defaultEditionPath(edition));
        if (!target) return { path: null, cancelled: true, savedAt: new Date().toISOString() };
      }
      target ??= env.defaultEditionPath(edition);
      services.saveEdition(edition, target);
      return { path: handle(target), cancelled: false, savedAt: new Date().toISOString() };
    },
    'templates.all': async () => ({ templates: services.templates() }),
    'fonts.faces': async ({ edition }) => {
      const fallbacks = edition ? services.useEditionFonts(edition.fonts, edition.templates) : undefined;
      return {
        faces: services.faces(),
        roles: services.roleFaces(),
        aliases: services.fontAliases(),
        ...(fallbacks ? { fallbacks } : {}),
      };
    },
    'fonts.report': async () => ({ report: services.fontReport() }),
    'fonts.metrics': async ({ face }) => ({ table: services.metricsTable(face) }),
    'fonts.file': async ({ face }) => services.fontBytes(face),
    'fonts.tables': async ({ codePoints }) => services.screenTables(codePoints),
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
      const chosen = await exportFolder(target);
      if (!chosen) return { cancelled: true, folder: null, files: [] };
      const folder = chosen.path;
      const pdfs = await services.exportPdf(edition, preset, pages, force);
      const files = [];
      for (const { page, data } of pdfs) {
        const path = services.joinPath(folder, exportFileName(edition, page, preset));
        await services.writeFile(path, data);
        files.push({ page, path, bytes: data.byteLength });
      }
      return { cancelled: false, folder: chosen.handle, files };
    },
    'copy.import': async ({ files, path }) => {
      if (!services.importStory) throw new Error('导入稿件在此不可用');
      const file = path ? openFile(path) : null;
      const stories = [];
      const failed = [];
      for (const f of files) {
        const bytes = Buffer.from(f.data, 'base64');
        if (bytes.byteLength > STORY_MAX_BYTES) {
          failed.push({
            name: f.name,
            message: `${f.name} 过大（${(bytes.byteLength / 1048576).toFixed(0)} MB，上限 ${STORY_MAX_BYTES / 1048576} MB），没有导入`,
          });
          continue;
        }
        try {
          const r = services.importStory(bytes, f.name);
          if (file && r.assets.length) services.putAssets?.(file, r.assets);
          stories.push({
            name: f.name,
            article: r.article,
            warnings: r.warnings,
            assets: r.assets.map(({ bytes: b, ...a }) => ({ ...a, data: Buffer.from(b).toString('base64') })),
          });
        } catch (e) {
          if (e instanceof EditionFileError || e instanceof EditError) throw e;
          failed.push({ name: f.name, message: `无法导入 ${f.name}：${(e as Error).message}` });
        }
      }
      return { stories, failed };
    },
    'photo.import': async ({ name, data, path }) => {
      if (!services.importPhoto) throw new Error('置入图片在此不可用');
      const file = path ? openFile(path) : null;
      const bytes = Buffer.from(data, 'base64');
      if (bytes.byteLength > PHOTO_MAX_BYTES)
        throw new Error(
          `图片过大（${(bytes.byteLength / 1048576).toFixed(0)} MB，上限 ${PHOTO_MAX_BYTES / 1048576} MB）`,
        );
      const r = services.importPhoto(bytes, name);
      if (file) services.putAssets?.(file, [r.asset]);
      const { bytes: _b, ...asset } = r.asset;
      return { asset, caption: r.caption };
    },
    'preflight.run': async ({ edition, preset }) => ({ findings: await services.preflight(edition, preset) }),
    ...exportJobHandlers({
      jobs: () => services.exportJobs,
      storedEdition: (path) => services.storedEdition?.(path),
      openFile,
      exportFolder,
      fileName: exportFileName,
      joinPath: services.joinPath,
    }),
    'proof.import': async ({ edition, pdf, name }) => {
      const bytes = Buffer.from(pdf, 'base64');
      if (bytes.byteLength > PROOF_MAX_BYTES)
        throw new Error(
          `校样文件过大（${(bytes.byteLength / 1048576).toFixed(0)} MB，上限 ${PROOF_MAX_BYTES / 1048576} MB）`,
        );
      if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-')
        throw new Error(`${name ?? '所选文件'}不是 PDF 文件`);
      const r = await services.importProof(edition, new Uint8Array(bytes), name ?? 'the proof');
      return { marks: r.marks, unplaced: r.unplaced, pages: r.pages };
    },
  };
}
