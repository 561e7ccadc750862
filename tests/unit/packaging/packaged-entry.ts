// Bundled by layout.test.ts into the laid-out app (app/out/main/, as electron-vite bundles the main
// process) and run there by plain Node with process.resourcesPath set: the same handlers and services
// the desktop app serves, used as an editor would: open the sample, list fonts, export, create, save
// and reopen an edition file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHandlers } from '../../../electron/services/api-handlers';
import { nodeServices } from '../../../electron/services/api-services';
import { loadFontSet } from '../../../electron/services/fonts';
import { defaultJobs } from '../../../electron/services/jobs';
import {
  jobWorkerScript,
  resourceLayout,
  resourcePath,
  sharpModule,
} from '../../../electron/services/resources';
import { photoFacts, separateForPrint } from '../../../electron/services/photos/decode';
import { sqliteBinding } from '../../../electron/services/store/native';
import { webEnvironment } from '../../../electron/host/environment';

export async function run(work: string) {
  const exportDir = join(work, 'export');
  const docs = join(work, 'docs');
  // The runner the services choose by default, here to report where the export ran.
  const jobs = defaultJobs();
  const h = createHandlers(
    nodeServices({}, { stateDir: join(work, 'state'), jobs }),
    webEnvironment(exportDir, docs),
  );
  const { edition: sample } = await h['edition.openSample']({});
  const { faces } = await h['fonts.faces']({});
  const fonts = loadFontSet();
  const exported = await h['pdf.export']({ edition: sample, preset: 'print-x1a', pages: [1], force: true });
  const created = await h['edition.new']({
    template: 'sikai',
    paper: '包装检查报',
    date: '2025-01-02',
    pages: 2,
    path: 'new.banmian',
  });
  const saved = await h['edition.saveAs']({ edition: sample, path: 'sample.banmian' });
  const reopened = await h['edition.open']({ path: 'sample.banmian' });
  // The sample's photo separated for print here, on this thread: libvips loaded from the app.
  const photo = Buffer.from(sample.assets[0].data, 'base64');
  const facts = await photoFacts(photo);
  const plate = await separateForPrint(photo, facts, {
    outputProfile: resourcePath('colour-profile'),
    inkLimit: 240,
    target: null,
    transparency: 'flatten',
    quality: 90,
    grayAsK: false,
  });
  return {
    sharp: sharpModule(),
    photo: { width: facts.width, space: plate.space, jpeg: plate.jpeg.byteLength },
    layout: resourceLayout(),
    jobs: { where: jobs.where, script: jobWorkerScript() },
    sqlite: sqliteBinding(),
    profile: resourcePath('colour-profile'),
    sampleTitle: `${sample.paper.name} ${sample.date}`,
    faces: faces.map((f) => ({ id: f.id, path: fonts.path(f.id) })),
    templates: Object.keys((await h['templates.all']({})).templates as Record<string, unknown>).sort(),
    pdfs: exported.files.map((f) => f.path),
    created: { path: created.path, pages: created.edition?.pages.length },
    saved: saved.path,
    reopened: {
      path: reopened.path,
      title: reopened.edition ? `${reopened.edition.paper.name} ${reopened.edition.date}` : null,
      articles: reopened.edition?.articles.length,
    },
    sampleArticles: sample.articles.length,
    fontBytes: (await h['fonts.file']({ face: faces[0].id })).byteLength,
    profileBytes: readFileSync(resourcePath('colour-profile')).byteLength,
  };
}
