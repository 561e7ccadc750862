// What the loopback host offers in place of the desktop app's dialogs: nothing to ask, fixed folders.
// Edition files are opened and saved by names typed into the page, inside `documentsDir` only.
import { join } from 'node:path';
import type { Environment } from '../services/api-handlers';
import { publishAsset } from './assets';

export function webEnvironment(exportDir: string, documentsDir: string | null = null): Environment {
  return {
    transport: 'http',
    version: '0.1.0',
    chooseOpenPath: async () => null,
    chooseSavePath: async () => null,
    chooseExportFolder: async () => null,
    defaultExportFolder: () => exportDir,
    defaultEditionPath: (ed) =>
      join(documentsDir ?? exportDir, `${ed.paper.name.replace(/[\\/:*?"<>|\s]+/g, '_')}-${ed.date}.banmian`),
    documentsDir,
    publish: publishAsset,
  };
}
