// The Node services behind the API handlers, as both transports use them.
import { userInfo } from 'node:os';
import { SettingsFile } from './settings';
import { readTermLists } from './terms';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { EDITION_SCHEMA_VERSION, validateEdition, type Edition } from '../../engine/model';
import type { Services } from './api-handlers';
import { fallbackChains, fontkitFont, loadFontSet, metricsTable, roleFaces } from './fonts';
import { defaultJobs, type JobRunner } from './jobs';
import { ExportJobs } from './jobs/export-job';
import { cachedScreenSubset, screenFonts, screenSubset } from './fonts/screen';
import { useEditionFonts } from './fonts/mapping';
import { fontReport } from './fonts/roles';
import { loadSampleEdition } from './sample';
import { loadEditionFile } from './edition-file';
import { canWrite, EditionStore, readEditionFile, RecentEditions, type EditionEdit } from './store';
import { pageListEdits } from './edition-edits';

export { editsBetween, pageListEdits } from './edition-edits';
import { loadTemplates } from './templates';
import { writeFileAtomic } from './atomic-write';
import { repairEditionFile } from './store/repair';
import { importStoryBytes } from './import';
import { imageInfo, otherImageKind } from './import/image-info';
import { photoCaption } from './import/photo-meta';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Screen subsets the test host keeps in memory (least recently used go first); ~20–60 KB each. */
const SUBSETS_KEPT = 64;

export interface NodeServiceOptions {
  /** Where the recent editions and the crash record are kept (Electron: userData). */
  stateDir?: string;
  /** Where exports, preflight and proof import run: by default the bundled job worker (in-process from sources). */
  jobs?: JobRunner;
  /** The time written into exported PDFs (now when absent); a fixed time gives byte-identical files. */
  exportTime?: () => Date;
  /** Where screen fonts are kept between starts (the desktop app: in its user data folder). */
  fontCacheDir?: string;
  /** Where the machine's role mapping (fonts.json) is read; the user's config folder by default. */
  configDir?: string;
}

export function nodeServices(overrides: Partial<Services> = {}, opts: NodeServiceOptions = {}): Services {
  const tables = new Map<string, unknown>();
  const subsets = new Map<string, ReturnType<typeof screenSubset>>();
  const stores = new Map<string, EditionStore>();
  let recent: RecentEditions | null = null;
  // One open store per file for the window's life: an autosave is then one small transaction, no reopening.
  const storeFor = (path: string): EditionStore => {
    let store = stores.get(path);
    // A file on read-only media opens read-only: it can be copied (Save As), and a write says why not.
    if (!store) {
      stores.set(path, (store = EditionStore.open(path, { readOnly: !canWrite(path) })));
      const user = settings().read().userName;
      if (user) store.setAuthor(user);
    }
    return store;
  };
  const stateDir = opts.stateDir ?? join(process.env.HOME ?? '/tmp', '.config', 'banmian');
  let settingsFile: SettingsFile | null = null;
  const settings = () => (settingsFile ??= new SettingsFile(stateDir));
  const signedBy = () => {
    const user = settings().read().userName;
    return user ? { author: user } : {};
  };
  const jobs = opts.jobs ?? defaultJobs(join(stateDir, 'print-photos'));
  process.once('exit', () => {
    for (const s of stores.values()) s.close();
  });
  return {
    sampleEdition: (name) => loadSampleEdition(name),
    templates: () => loadTemplates(),
    faces: () => {
      // The font set's registry: with the installed faces a role mapping or a rare character added.
      const registry = loadFontSet().registry;
      const chains = fallbackChains();
      const usable = new Set(loadFontSet().faceIds());
      return registry.faces
        .filter((f) => usable.has(f.id))
        .map((f) => ({ id: f.id, name: f.name, fallback: [...(chains[f.id] ?? [f.id])].slice(1) }));
    },
    roleFaces: () => roleFaces(),
    metricsTable: (face) => {
      // Building a table walks the whole cmap; the renderer asks once per face per window, tests many times.
      let t = tables.get(face);
      if (!t) tables.set(face, (t = metricsTable(face)));
      return t;
    },
    fontBytes: async (face) => {
      const path = loadFontSet().path(face);
      if (!path) throw new Error(`font face "${face}" is not installed on this machine`);
      return new Uint8Array(await readFile(path));
    },
    screenTables: (codePoints) => screenFonts(codePoints),
    useEditionFonts: (fonts, templates) => {
      tables.clear();
      subsets.clear();
      const all = loadTemplates();
      return useEditionFonts(
        { fonts, pages: templates.map((template) => ({ template })) as Edition['pages'] },
        all,
        { configDir: opts.configDir },
      );
    },
    fontReport: () => fontReport({ cacheDir: opts.fontCacheDir }),
    fontAliases: () => loadFontSet().aliases(),
    screenSubset: (face, codePoints) => {
      if (opts.fontCacheDir) return cachedScreenSubset(opts.fontCacheDir, face, codePoints);
      // Without a cache folder (the test host), the subsets a page asked for are kept in memory: the
      // next browser that opens the same edition asks for the same ones.
      const key = `${face}\n${[...new Set(codePoints)].sort((a, b) => a - b).join(',')}`;
      const hit = subsets.get(key);
      if (hit !== undefined) {
        subsets.delete(key);
        subsets.set(key, hit);
        return hit;
      }
      const made = screenSubset(face, codePoints);
      subsets.set(key, made);
      if (subsets.size > SUBSETS_KEPT) subsets.delete(subsets.keys().next().value!);
      return made;
    },
    glyphOutlines: (face, gids) => {
      const font = fontkitFont(face);
      return { unitsPerEm: font.unitsPerEm, paths: gids.map((g) => font.getGlyph(g).path.toSVG()) };
    },
    // Long work runs in the job worker (./jobs), so the event loop stays free for every other call.
    exportPdf: (edition, preset, pages, force) =>
      jobs.run({ kind: 'export', edition, preset, pages, force, exportTime: opts.exportTime?.().getTime() }),
    preflight: (edition, preset) => jobs.run({ kind: 'preflight', edition, preset }),
    exportJobs: new ExportJobs((job, o) =>
      jobs.run({ ...job, exportTime: job.exportTime ?? opts.exportTime?.().getTime() }, o),
    ),
    storedEdition: (path) => storeFor(path).load(),
    proofRounds: (path) => storeFor(path).proofRounds(),
    recordProofRound: (path, round) => storeFor(path).recordProofRound(round),
    openEdition: (path) => {
      // JSON through the one reader: a missing, empty or broken file is refused in Chinese, naming it.
      if (/\.json$/i.test(path)) return loadEditionFile(path);
      stores.get(path)?.close();
      stores.delete(path);
      // A file the loader refuses is refused before it is ever opened for writing (which switches its
      // journal mode): it stays byte for byte as the editor had it, for 修复 to read.
      readEditionFile(path);
      // The store is opened before the edition is read again: a write by another program after this
      // point is then a conflict at the next autosave, never overwritten by it.
      storeFor(path);
      return readEditionFile(path);
    },
    editionReadOnly: (path) => !canWrite(path),
    repairEdition: (path) => {
      // Beside the broken file, never over anything: 日报.banmian → 日报-修复.banmian (-修复-2 …).
      const base = path.replace(/\.banmian$/i, '');
      let out = `${base}-修复.banmian`;
      for (let k = 2; existsSync(out); k++) out = `${base}-修复-${k}.banmian`;
      const r = repairEditionFile(path, out);
      return { path: out, edition: r.edition, changes: r.changes };
    },
    newEdition: (template, paper, date, pages) => {
      const templates = loadTemplates();
      if (!templates[template])
        throw new Error(`没有版式“${template}”（可用：${Object.keys(templates).sort().join('、')}）`);
      return validateEdition(
        {
          schemaVersion: EDITION_SCHEMA_VERSION,
          id: `ed-${date}-${randomBytes(3).toString('hex')}`,
          paper: { name: paper },
          date,
          issue: null,
          pages: Array.from({ length: pages }, (_, i) => ({
            id: `p${i + 1}`,
            number: i + 1,
            // The running head says 第N版 itself: a section named so would read 第2版 第2版.
            section: i === 0 ? '要闻' : '',
            template,
            placements: [],
          })),
          articles: [],
          assets: [],
        },
        'new edition',
      );
    },
    createEditionFile: (edition, path, overwrite) => {
      stores.get(path)?.close();
      stores.delete(path);
      mkdirSync(dirname(path), { recursive: true });
      stores.set(path, EditionStore.create(path, edition, { overwrite, ...signedBy() }));
    },
    copyEditionFile: (from, to, overwrite) => {
      stores.get(to)?.close();
      stores.delete(to);
      mkdirSync(dirname(to), { recursive: true });
      storeFor(from).saveAs(to, { overwrite });
      storeFor(to);
    },
    userName: () => {
      const set = settings().read().userName;
      if (set) return set;
      try {
        return userInfo().username;
      } catch {
        return '';
      }
    },
    userSet: () => !!settings().read().userName,
    setUserName: (name) => {
      const user = settings().setUserName(name).userName!;
      for (const s of stores.values()) s.setAuthor(user);
      return user;
    },
    termLists: () => readTermLists(),
    revisions: (path, article) => {
      const store = storeFor(path);
      return store.revisions(article).map((r) => {
        const full = store.revision(r.id);
        return {
          id: r.id,
          at: r.at,
          author: r.author,
          note: r.note,
          status: full.status,
          blocks: full.blocks,
        };
      });
    },
    autosave: (path, articles, pages, comments, { removeArticles, pageList, fonts, styles, output } = {}) => {
      const store = storeFor(path);
      // Only what the editor changed arrives; the store's own list says which articles are new.
      const known = new Map(store.listArticles().map((a) => [a.id, a]));
      const edits: EditionEdit[] = [];
      // Articles taken out (an import undone): after the pages that no longer show them.
      const removed = (removeArticles ?? []).filter(
        (id) => known.has(id) && !articles.some((a) => a.id === id),
      );
      for (const a of articles) {
        const was = known.get(a.id);
        if (!was) {
          edits.push({ op: 'addArticle', article: a });
          continue;
        }
        edits.push({ op: 'updateArticle', id: a.id, blocks: a.blocks, slug: a.slug });
        if (was.status !== a.status) edits.push({ op: 'setArticleStatus', id: a.id, status: a.status });
      }
      // Pages added, deleted, moved or renamed first: a new page's placements need the page in the file.
      if (pageList) edits.push(...pageListEdits(store.load({ photoData: false }).pages, pageList));
      for (const p of pages) edits.push({ op: 'setPlacements', page: p.id, placements: p.placements });
      for (const id of removed) edits.push({ op: 'removeArticle', id });
      if (comments) {
        // After the articles: a comment on a new article needs the article in the file first.
        const stored = new Map(store.comments().map((c) => [c.id, c]));
        for (const id of comments.remove) if (stored.has(id)) edits.push({ op: 'removeComment', id });
        for (const c of comments.upsert) {
          const was = stored.get(c.id);
          if (!was) edits.push({ op: 'addComment', comment: c });
          else if (
            JSON.stringify(was.anchor ?? null) !== JSON.stringify(c.anchor ?? null) ||
            was.text !== c.text
          ) {
            // Its words moved (text typed or cut before them): written again whole, in the same transaction.
            edits.push({ op: 'removeComment', id: c.id }, { op: 'addComment', comment: c });
          } else if (!!was.resolved !== !!c.resolved)
            edits.push({ op: 'resolveComment', id: c.id, resolved: !!c.resolved });
        }
      }
      if (fonts) {
        const was = store.fontMapping();
        for (const role of new Set([...Object.keys(was), ...Object.keys(fonts)]))
          if (was[role] !== fonts[role]) edits.push({ op: 'setFont', role, face: fonts[role] ?? null });
      }
      if (styles) {
        const was = store.styles();
        for (const name of new Set([...Object.keys(was), ...Object.keys(styles)]))
          if (JSON.stringify(was[name]) !== JSON.stringify(styles[name]))
            edits.push({ op: 'setStyle', name, style: styles[name] ?? null });
      }
      if (output !== undefined && JSON.stringify(store.outputCondition() ?? null) !== JSON.stringify(output))
        edits.push({ op: 'setOutput', output });
      return edits.length ? store.applyEdit(edits).seq : store.editSeq;
    },
    importStory: (bytes, name) => {
      const r = importStoryBytes(Buffer.from(bytes), name);
      return {
        article: r.article,
        warnings: r.warnings,
        assets: r.assets.map((a) => ({
          id: sha256(a.bytes),
          mime: a.mime,
          pixelWidth: a.pixelWidth,
          pixelHeight: a.pixelHeight,
          colorSpace: a.colorSpace,
          bytes: a.bytes,
        })),
      };
    },
    importPhoto: (bytes, name) => {
      const b = Buffer.from(bytes);
      const info = imageInfo(b);
      if (!info)
        throw new Error(
          `${name} 不是 JPEG 或 PNG 图片${otherImageKind(b) ? `（是 ${otherImageKind(b)}，请转换为 JPEG 或 PNG）` : ''}`,
        );
      if (info.pixelWidth < 1 || info.pixelHeight < 1) throw new Error(`${name} 的图像尺寸无法读取`);
      return { asset: { id: sha256(b), ...info, bytes: b }, caption: photoCaption(b) };
    },
    putAssets: (path, assets) => {
      const store = storeFor(path);
      for (const a of assets)
        store.putAsset({
          bytes: Buffer.from(a.bytes),
          mime: a.mime,
          pixelWidth: a.pixelWidth,
          pixelHeight: a.pixelHeight,
          colorSpace: a.colorSpace,
        });
    },
    importProof: (edition, pdf, name) => jobs.run({ kind: 'proof', edition, pdf, name }),
    recent: () => (recent ??= new RecentEditions(stateDir)),
    writeFile: async (path, data) => {
      await mkdir(dirname(path), { recursive: true });
      // A full disk or a crash leaves the PDF that was there, never a truncated one.
      writeFileAtomic(path, data);
    },
    joinPath: (dir, name) => join(dir, name),
    ...overrides,
  };
}
