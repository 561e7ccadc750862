// The Node services behind the API handlers, as both transports use them.
import { userInfo } from 'node:os';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { layoutEdition } from '../../engine/layout';
import { EDITION_SCHEMA_VERSION, validateEdition, type Edition } from '../../engine/model';
import type { Services } from './api-handlers';
import { fallbackChains, fontkitFont, loadFontSet, metricsTable, roleFaces } from './fonts';
import { readRegistry } from './fonts/registry';
import { cachedScreenSubset, screenSubset, screenTables } from './fonts/screen';
import { exportPdf, PreflightRefusal } from './pdf';
import { preflight } from './preflight';
import { importProof } from './proof';
import { loadSampleEdition } from './sample';
import { EditionStore, readEditionFile, RecentEditions, type EditionEdit } from './store';
import { loadTemplates } from './templates';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The edits that turn the stored edition into the one the editor holds: only what changed is written. */
export function editsBetween(stored: Edition, next: Edition): EditionEdit[] {
  const edits: EditionEdit[] = [];
  if (!same(stored.paper, next.paper) || stored.date !== next.date || stored.issue !== next.issue || (stored.totalIssue ?? null) !== (next.totalIssue ?? null)) {
    edits.push({ op: 'setEditionInfo', paper: next.paper, date: next.date, issue: next.issue, totalIssue: next.totalIssue ?? null });
  }
  const old = new Map(stored.articles.map((a) => [a.id, a]));
  for (const a of next.articles) {
    const o = old.get(a.id);
    if (!o) { edits.push({ op: 'addArticle', article: a }); continue; }
    if (!same(o.blocks, a.blocks) || o.slug !== a.slug) edits.push({ op: 'updateArticle', id: a.id, blocks: a.blocks, slug: a.slug });
    if (o.status !== a.status) edits.push({ op: 'setArticleStatus', id: a.id, status: a.status });
  }
  const oldPages = new Map(stored.pages.map((p) => [p.id, p]));
  for (const p of next.pages) {
    const o = oldPages.get(p.id);
    if (!o) throw new Error(`page ${p.number} is not in the edition file; adding pages is done with the edition command`);
    if (!same(o.placements, p.placements)) edits.push({ op: 'setPlacements', page: p.id, placements: p.placements });
  }
  return edits;
}

export interface NodeServiceOptions {
  /** Where the recent editions and the crash record are kept (Electron: userData). */
  stateDir?: string;
  /** Where screen fonts are kept between starts (the desktop app: in its user data folder). */
  fontCacheDir?: string;
}

export function nodeServices(overrides: Partial<Services> = {}, opts: NodeServiceOptions = {}): Services {
  const tables = new Map<string, unknown>();
  const stores = new Map<string, EditionStore>();
  let recent: RecentEditions | null = null;
  // One open store per file for the window's life: an autosave is then one small transaction, no reopening.
  const storeFor = (path: string): EditionStore => {
    let store = stores.get(path);
    if (!store) stores.set(path, (store = EditionStore.open(path)));
    return store;
  };
  const displayList = (edition: Edition, pages?: number[]) =>
    layoutEdition(edition, { fonts: loadFontSet(), templates: loadTemplates() }, pages ? { pages } : {});
  process.once('exit', () => { for (const s of stores.values()) s.close(); });
  return {
    sampleEdition: () => loadSampleEdition(),
    templates: () => loadTemplates(),
    faces: () => {
      const registry = readRegistry();
      const chains = fallbackChains();
      const usable = new Set(loadFontSet().faceIds());
      return registry.faces.filter((f) => usable.has(f.id)).map((f) => ({ id: f.id, name: f.name, fallback: [...(chains[f.id] ?? [f.id])].slice(1) }));
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
    screenTables: (codePoints) => screenTables(codePoints),
    screenSubset: (face, codePoints) => (opts.fontCacheDir ? cachedScreenSubset(opts.fontCacheDir, face, codePoints) : screenSubset(face, codePoints)),
    glyphOutlines: (face, gids) => {
      const font = fontkitFont(face);
      return { unitsPerEm: font.unitsPerEm, paths: gids.map((g) => font.getGlyph(g).path.toSVG()) };
    },
    exportPdf: async (edition, preset, pages, force) => {
      // One file per page, as the printer takes them; the layout is Node's own, over the same fonts.
      const numbers = pages ?? edition.pages.map((p) => p.number);
      const out = [];
      for (const n of numbers) {
        const list = displayList(edition, [n]);
        try {
          out.push({ page: n, data: new Uint8Array(await exportPdf(list, edition, { preset, pages: [n], force, preflight: { templates: loadTemplates() } })) });
        } catch (e) {
          if (!(e instanceof PreflightRefusal)) throw e;
          const errors = e.findings.filter((f) => f.severity === 'error');
          throw new Error(`第 ${n} 版印前检查有 ${errors.length} 个错误，未导出印刷文件：${errors.slice(0, 3).map((f) => f.message).join('；')}${errors.length > 3 ? ' …' : ''}`);
        }
      }
      return out;
    },
    preflight: (edition, preset) => preflight(edition, displayList(edition), { preset, templates: loadTemplates() }).map((f) => ({
      severity: f.severity,
      code: f.code,
      message: f.message,
      page: f.page,
      article: f.article,
      ...(f.position && 'block' in f.position ? { block: f.position.block, offset: f.position.offset } : {}),
    })),
    openEdition: (path) => {
      if (/\.json$/i.test(path)) return validateEdition(JSON.parse(readFileSync(path, 'utf8')), path);
      stores.get(path)?.close();
      stores.delete(path);
      return readEditionFile(path);
    },
    newEdition: (template, paper, date, pages) => {
      const templates = loadTemplates();
      if (!templates[template]) throw new Error(`没有版式“${template}”（可用：${Object.keys(templates).sort().join('、')}）`);
      return validateEdition({
        schemaVersion: EDITION_SCHEMA_VERSION,
        id: `ed-${date}-${randomBytes(3).toString('hex')}`,
        paper: { name: paper },
        date,
        issue: null,
        pages: Array.from({ length: pages }, (_, i) => ({ id: `p${i + 1}`, number: i + 1, section: i === 0 ? '要闻' : `第${i + 1}版`, template, placements: [] })),
        articles: [],
        assets: [],
      }, 'new edition');
    },
    createEditionFile: (edition, path, overwrite) => {
      stores.get(path)?.close();
      stores.delete(path);
      mkdirSync(dirname(path), { recursive: true });
      stores.set(path, EditionStore.create(path, edition, { overwrite }));
    },
    copyEditionFile: (from, to, overwrite) => {
      stores.get(to)?.close();
      stores.delete(to);
      mkdirSync(dirname(to), { recursive: true });
      storeFor(from).saveAs(to, { overwrite });
    },
    userName: () => { try { return userInfo().username; } catch { return ''; } },
    autosave: (path, articles, pages, comments) => {
      const store = storeFor(path);
      // Only what the editor changed arrives; the store's own list says which articles are new.
      const known = new Map(store.listArticles().map((a) => [a.id, a]));
      const edits: EditionEdit[] = [];
      for (const a of articles) {
        const was = known.get(a.id);
        if (!was) { edits.push({ op: 'addArticle', article: a }); continue; }
        edits.push({ op: 'updateArticle', id: a.id, blocks: a.blocks, slug: a.slug });
        if (was.status !== a.status) edits.push({ op: 'setArticleStatus', id: a.id, status: a.status });
      }
      for (const p of pages) edits.push({ op: 'setPlacements', page: p.id, placements: p.placements });
      if (comments) {
        // After the articles: a comment on a new article needs the article in the file first.
        const stored = new Map(store.comments().map((c) => [c.id, c]));
        for (const id of comments.remove) if (stored.has(id)) edits.push({ op: 'removeComment', id });
        for (const c of comments.upsert) {
          const was = stored.get(c.id);
          if (!was) edits.push({ op: 'addComment', comment: c });
          else if (JSON.stringify(was.anchor ?? null) !== JSON.stringify(c.anchor ?? null) || was.text !== c.text) {
            // Its words moved (text typed or cut before them): written again whole, in the same transaction.
            edits.push({ op: 'removeComment', id: c.id }, { op: 'addComment', comment: c });
          } else if (!!was.resolved !== !!c.resolved) edits.push({ op: 'resolveComment', id: c.id, resolved: !!c.resolved });
        }
      }
      return edits.length ? store.applyEdit(edits).seq : store.editSeq;
    },
    importProof: (edition, pdf, name) => importProof(edition, pdf, { fonts: loadFontSet(), templates: loadTemplates(), label: name }),
    recent: () => (recent ??= new RecentEditions(opts.stateDir ?? join(process.env.HOME ?? '/tmp', '.config', 'banmian'))),
    saveEdition: (edition, path) => {
      if (/\.json$/i.test(path)) throw new Error('editions are saved as .banmian files; JSON is for interchange (banmian edition export)');
      if (!stores.has(path) && !existsSync(path)) { mkdirSync(dirname(path), { recursive: true }); stores.set(path, EditionStore.create(path, edition)); return; }
      const store = storeFor(path);
      // Compared without photo data: decoding every photo to base64 on each save costs more than the save.
      const stored = store.load({ photoData: false });
      if (stored.id !== edition.id) throw new Error(`${path} holds another edition (${stored.paper.name} ${stored.date}); it was left as it is — save under another name`);
      const edits = editsBetween(stored, edition);
      if (edits.length) store.applyEdit(edits);
    },
    writeFile: async (path, data) => {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, data);
    },
    joinPath: (dir, name) => join(dir, name),
    ...overrides,
  };
}
