// The one set of API handlers. Electron's main process serves them over IPC, the loopback host
// (electron/host) over HTTP; what differs between the two (file dialogs, where exports go) comes in as `Environment`.
// The Node services come in as `Services` so the handlers can be exercised without fonts or a disk.
import type { Edition } from '../../engine/model/types';
import type { ExportPreset, Finding, Handlers } from '../api';

export interface Services {
  sampleEdition(): Edition;
  templates(): Record<string, unknown>;
  faces(): { id: string; name: string; fallback: string[] }[];
  roleFaces(): Record<string, { face: string; substitute: boolean }>;
  metricsTable(face: string): unknown;
  fontBytes(face: string): Promise<Uint8Array>;
  glyphOutlines(face: string, gids: number[]): { unitsPerEm: number; paths: string[] };
  /** One PDF per requested page (all pages when `pages` is omitted). */
  exportPdf(edition: Edition, preset: ExportPreset, pages: number[] | undefined, force?: boolean): Promise<{ page: number | null; data: Uint8Array }[]>;
  preflight(edition: Edition, preset: ExportPreset): Finding[];
  openEdition(path: string): Edition;
  saveEdition(edition: Edition, path: string): void;
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
  /** Where exports go when no folder is given and none can be asked for. */
  defaultExportFolder(): string;
  /** Where an edition is saved when it has no file yet and no dialog can be shown. */
  defaultEditionPath(edition: Edition): string;
}

/** File names the printer expects: paper date, page number, preset. */
export function exportFileName(edition: Edition, page: number | null, preset: ExportPreset): string {
  const paper = edition.paper.name.replace(/[\\/:*?"<>|\s]+/g, '_');
  const what = page === null ? 'all' : `p${String(page).padStart(2, '0')}`;
  return `${paper}_${edition.date}_${what}_${preset}.pdf`;
}

export function createHandlers(services: Services, env: Environment): Handlers {
  return {
    'app.info': async () => ({ transport: env.transport, version: env.version, canChooseFiles: env.transport === 'ipc' }),
    'edition.openSample': async () => ({ edition: services.sampleEdition() }),
    'edition.open': async ({ path }) => {
      const chosen = path ?? (await env.chooseOpenPath());
      if (!chosen) return { edition: null, path: null, cancelled: true };
      return { edition: services.openEdition(chosen), path: chosen, cancelled: false };
    },
    'edition.save': async ({ edition, path, chooseFile }) => {
      let target = chooseFile ? null : path ?? null;
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
  };
}
