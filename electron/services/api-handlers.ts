// The one set of API handlers. Electron's main process serves them over IPC, the loopback host
// (electron/host) over HTTP; what differs between the two (file dialogs, where exports go) comes in as `Environment`.
// The Node services come in as `Services` so the handlers can be exercised without fonts or a disk.
import type { EditionOutput } from '../../engine/model/output';
import { availableOutputProfiles } from './pdf/plate';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Article, ArticleComment, Edition, Page, Placement } from '../../engine/model/types';
import { Refusal, type Handlers } from '../api';
import { noLog } from './log';
import { PathRefused, confinedPath, exportFileName, realOrNearest } from './api-paths';
import { loggedHandlers } from './api-log';
import { fontHandlers } from './api-fonts';
import { importHandlers } from './api-import';
import { EditError, EditionFileError } from './store/errors';
import type { Environment, Services } from './api-services-types';
export type { AutosaveMore, Environment, ImportedAsset, RecentFiles, Services } from './api-services-types';
import { exportJobHandlers } from './export-job-handlers';
import { newsroomHandlers } from './newsroom/handlers';

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
      ...(services.userSet ? { userSet: services.userSet() } : {}),
    }),
    'app.menuState': async (state) => {
      env.menuState?.(state);
      return {};
    },
    'settings.setUser': async ({ name }) => {
      if (!services.setUserName) throw new Refusal('refused', '此版本不能保存署名');
      return { user: services.setUserName(name) };
    },
    'terms.lists': async () => ({ lists: services.termLists?.() ?? [] }),
    'history.list': async ({ path, article }) => ({
      revisions: services.revisions?.(openFile(path), article) ?? [],
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
      styles,
      output,
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
            ...(styles ? { styles: styles as Record<string, Record<string, unknown>> } : {}),
            ...(output !== undefined ? { output: output as EditionOutput | null } : {}),
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
    ...fontHandlers(services, env),
    'pdf.export': async ({ edition, preset, pages, target, force }) => {
      for (const p of pages ?? []) {
        if (!edition.pages.some((pg) => pg.number === p))
          throw new Error(`本期次没有第 ${p} 版（the edition has no page ${p}）`);
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
    ...importHandlers(services, openFile),
    'colour.outputs': async () => ({ profiles: availableOutputProfiles() }),
    'preflight.run': async ({ edition, preset }) => ({ findings: await services.preflight(edition, preset) }),
    ...exportJobHandlers({
      jobs: () => services.exportJobs,
      storedEdition: (path) => services.storedEdition?.(path),
      openFile,
      exportFolder,
      fileName: exportFileName,
      joinPath: services.joinPath,
      exists: (p) => existsSync(p),
      proofRounds: (p) => services.proofRounds?.(p) ?? [],
      recordProofRound: (p, r) => services.recordProofRound?.(p, r),
    }),
    ...newsroomHandlers(openFile),
  };
}

export { PathRefused, confinedPath, exportFileName } from './api-paths';
export { loggedHandlers, requestContext } from './api-log';
