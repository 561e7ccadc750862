// One idea: the API's method table (request and response schemas), kept whole as the one contract.
// The one typed API between the renderer and the Node side. Every method has a request and a
// response schema; the caller checks what it sends and what comes back, the handler side checks
// what arrives and what it returns. Electron carries it over IPC (preload bridge), the loopback
// test host over HTTP; both call the same handlers (electron/services/api-handlers.ts).
import { COMMAND_IDS } from './commands';
import { EditionSchema } from './model';
import { ARTICLE_STATUSES } from '../../engine/model/status';
import { PRESETS } from './presets';
import { newsroomMethods } from './newsroom';
import {
  arr,
  bool,
  bytes,
  int,
  json,
  lit,
  nullable,
  obj,
  opt,
  record,
  SchemaError,
  str,
  type Infer,
  type Schema,
} from './schema';

export * from './schema';
export * from './model';
export { REPAIRABLE } from './repair';
export * from './presets';
export * from './commands';
export * from './newsroom';

const face = str({ min: 1, max: 100, pattern: /^[a-z0-9-]+$/ });
export const ExportPresetSchema = lit(...PRESETS);
export type ExportPreset = Infer<typeof ExportPresetSchema>;

export const FindingSchema = obj({
  severity: lit('error', 'warning', 'info'),
  code: str({ max: 100 }),
  message: str({ max: 4000 }),
  page: opt(nullable(int({ min: 0 }))),
  article: opt(nullable(str({ max: 200 }))),
  block: opt(nullable(int({ min: 0 }))),
  offset: opt(nullable(int({ min: 0 }))),
});
export type Finding = Infer<typeof FindingSchema>;

/** Where the editor was in an edition: reopened there after a crash. */
export const EditorPlaceSchema = obj({
  page: opt(int({ min: 1 })),
  article: opt(str({ min: 1, max: 200 })),
  block: opt(int({ min: 0 })),
  offset: opt(int({ min: 0 })),
});
export type EditorPlace = Infer<typeof EditorPlaceSchema>;

/** A path as the editor types it or a dialog returns it; the Node side confines and checks it. */
const filePath = str({ min: 1, max: 4096 });

/** An edition file the app knows: `path` is what to send back to open it, `label` what to show. */
export const RecentEditionSchema = obj({
  path: str(),
  label: str(),
  title: opt(str()),
  openedAt: str(),
  exists: bool(),
});
export type RecentEditionInfo = Infer<typeof RecentEditionSchema>;

/** An article as autosave sends it: only the articles that changed since the last save. The store checks the blocks. */
const ChangedArticleSchema = obj({
  id: str({ min: 1, max: 200 }),
  slug: str({ max: 1000 }),
  status: lit(...ARTICLE_STATUSES),
  blocks: json('article blocks'),
});

/** An editor's comment (批注) as autosave sends it; the store checks that its article exists. */
export const CommentSchema = obj({
  id: str({ min: 1, max: 200 }),
  article: str({ min: 1, max: 200 }),
  author: str({ max: 200 }),
  at: str({ min: 1, max: 40 }),
  text: str({ min: 1, max: 20_000 }),
  anchor: opt(obj({ block: int({ min: 0 }), offset: int({ min: 0 }), length: int({ min: 0 }) })),
  /** All its words were cut: what they were and where they stood. */
  detached: opt(obj({ block: int({ min: 0 }), offset: int({ min: 0 }), quote: str({ max: 20_000 }) })),
  resolved: opt(bool()),
});

/** The largest proof PDF the app takes in: a marked-up broadsheet page is a few megabytes. */
export const PROOF_MAX_BYTES = 40 * 1024 * 1024;

/** The largest story file (.docx with its photos, .txt, .md) and photo the app takes in, and how many files at once. */
export const STORY_MAX_BYTES = 64 * 1024 * 1024;
export const PHOTO_MAX_BYTES = 40 * 1024 * 1024;
export const IMPORT_MAX_FILES = 20;
const base64Of = (n: number) =>
  str({ min: 1, max: Math.ceil(n / 3) * 4 + 4, pattern: /^[A-Za-z0-9+/]*={0,2}$/ });

/** A photo as the edition records it (engine/model/types.ts Asset), without its bytes. */
const assetInfo = {
  id: str({ min: 64, max: 64, pattern: /^[0-9a-f]{64}$/ }),
  mime: lit('image/jpeg', 'image/png'),
  pixelWidth: int({ min: 1 }),
  pixelHeight: int({ min: 1 }),
  colorSpace: lit('rgb', 'cmyk', 'gray'),
};
const AssetInfoSchema = obj(assetInfo);

const jobId = str({ min: 1, max: 100, pattern: /^[A-Za-z0-9-]+$/ });
/** Where an export job stands: pages done of all, the page being made, and at the end its summary. */
const ExportJobStateSchema = obj({
  state: lit('running', 'done', 'cancelled', 'failed'),
  done: int({ min: 0 }),
  total: int({ min: 0 }),
  page: nullable(int({ min: 1 })),
  summary: opt(
    obj({
      files: arr(obj({ page: int({ min: 1 }), path: str(), bytes: int({ min: 0 }) })),
      pages: int({ min: 0 }),
      bytes: int({ min: 0 }),
      warnings: arr(FindingSchema),
    }),
  ),
  error: opt(str()),
});
export type ExportJobState = Infer<typeof ExportJobStateSchema>;
/** A proof round (校次) exported from an edition file: 1 一校, 2 二校 …, when, and which pages. */
const ProofRoundSchema = obj({
  round: int({ min: 1, max: 99 }),
  exported: str({ max: 40 }),
  pages: arr(int({ min: 1 })),
});
export type ProofRoundRecord = Infer<typeof ProofRoundSchema>;

export const methods = {
  'app.info': {
    req: obj({}),
    // `user`: the name comments are signed with (the machine's user, as the store signs revisions).
    res: obj({
      transport: lit('ipc', 'http'),
      version: str(),
      canChooseFiles: bool(),
      user: opt(str({ max: 200 })),
      /** False until the editor has given a name in the app's settings (asked once at the first start). */
      userSet: opt(bool()),
    }),
  },
  /**
   * The desktop menu follows the window: which check-box commands are on, and which commands cannot run
   * now (greyed). Answered by the desktop app's main process; elsewhere there is no menu to follow.
   */
  'app.menuState': {
    req: obj({
      checked: arr(lit(...COMMAND_IDS), { max: COMMAND_IDS.length }),
      disabled: arr(lit(...COMMAND_IDS), { max: COMMAND_IDS.length }),
    }),
    res: obj({}),
  },
  /** 署名: the editor's name, stored in the app's settings; it signs comments, revisions and status changes. */
  'settings.setUser': {
    req: obj({ name: str({ min: 1, max: 200 }) }),
    res: obj({ user: str() }),
  },
  /** 历史版本: an article's revisions in the open file (who, when, why), oldest first, with their text. */
  'history.list': {
    req: obj({ path: filePath, article: str({ min: 1, max: 200 }) }),
    res: obj({
      revisions: arr(
        obj({
          id: int({ min: 0 }),
          at: str(),
          author: str(),
          note: str(),
          status: str(),
          blocks: json('article blocks'),
        }),
        { max: 100_000 },
      ),
    }),
  },
  /** 文字检查: the term lists shipped with the app (terms/*.txt), as text. */
  'terms.lists': {
    req: obj({}),
    res: obj({ lists: arr(obj({ name: str({ max: 200 }), text: str({ max: 4_000_000 }) }), { max: 100 }) }),
  },
  'edition.openSample': {
    // `name`: which built-in sample (news, the default; fukan, the 竖排 副刊 page).
    req: obj({ name: opt(lit('news', 'fukan')) }),
    res: obj({ edition: EditionSchema }),
  },
  /**
   * Without a path the desktop app asks with a file dialog; `cancelled` when the editor closes it. A path
   * is accepted only where the Node side allows it: inside the documents folder of the browser host, or,
   * in the desktop app, the opaque token its main process issued for a file the editor chose in a dialog
   * (the recent list hands out tokens too). Paths in answers are such tokens there; `label` is for showing.
   */
  'edition.open': {
    req: obj({ path: opt(filePath) }),
    // readOnly: the file is on read-only media or in a folder the user cannot write; it is shown, not saved.
    res: obj({
      edition: nullable(EditionSchema),
      path: nullable(str()),
      label: opt(str()),
      readOnly: opt(bool()),
      cancelled: bool(),
    }),
  },
  /**
   * 修复: an edition file that failed to open because its edition is broken (the refusal says 可以修复) is
   * repaired into a new file beside it, which is opened; the broken file is left as it is. Without a path,
   * the file whose opening last failed. `changes`: what repair dropped, unlinked, emptied or clamped.
   */
  'edition.repair': {
    req: obj({ path: opt(filePath) }),
    res: obj({
      edition: EditionSchema,
      path: str(),
      label: opt(str()),
      changes: arr(obj({ kind: str({ max: 20 }), where: str({ max: 2000 }), message: str({ max: 4000 }) }), {
        max: 100_000,
      }),
    }),
  },
  /**
   * A new edition file from a template: paper, date, pages of that template. An existing file is
   * replaced only when the desktop's save dialog asked about it or `overwrite` says the editor agreed
   * (the UI asks); otherwise the call is refused with code `exists`.
   */
  'edition.new': {
    req: obj({
      template: str({ min: 1, max: 100, pattern: /^[a-z0-9-]+$/ }),
      paper: str({ min: 1, max: 100 }),
      date: str({ pattern: /^\d{4}-\d{2}-\d{2}$/ }),
      pages: int({ min: 1, max: 64 }),
      path: opt(filePath),
      overwrite: opt(bool()),
    }),
    res: obj({
      edition: nullable(EditionSchema),
      path: nullable(str()),
      label: opt(str()),
      cancelled: bool(),
    }),
  },
  /**
   * Save As: the open file is copied whole (revisions too) after its pending edits; an edition without a
   * file (the sample, an import) is written from `edition`. Replacing a file asks, as for `edition.new`.
   */
  'edition.saveAs': {
    req: obj({
      from: opt(filePath),
      edition: opt(EditionSchema),
      path: opt(filePath),
      overwrite: opt(bool()),
    }),
    res: obj({ path: nullable(str()), label: opt(str()), cancelled: bool(), savedAt: str() }),
  },
  /** Autosave: what changed since the last save, as store edits in one transaction, and where the editor is. */
  'edition.autosave': {
    req: obj({
      path: filePath,
      articles: arr(ChangedArticleSchema, { max: 10_000 }),
      pages: arr(obj({ id: str({ min: 1, max: 200 }), placements: json('placements') }), { max: 1000 }),
      /** Comments added or changed since the last save (whole), and those deleted (by id). */
      comments: opt(
        obj({
          upsert: arr(CommentSchema, { max: 10_000 }),
          remove: arr(str({ min: 1, max: 200 }), { max: 10_000 }),
        }),
      ),
      /** The whole page list (id, number, section, template, ad slots), first to last, when pages were added, deleted, moved or renamed. */
      pageList: opt(arr(json('page'), { max: 1000 })),
      /** The edition's whole role mapping (书宋 → a face), when the 字体 screen changed it. */
      fonts: opt(record(str({ min: 1, max: 500 }))),
      /** The edition's whole style changes (样式: 正文, 主题 … → size, face, leading …), when they changed. */
      styles: opt(record(json('style fields'))),
      /** The edition's whole output condition (engine/model/output.ts), or null for the template's, when it changed. */
      output: opt(nullable(json('output condition'))),
      place: opt(EditorPlaceSchema),
      /** Articles taken out of the edition (an import undone). */
      removeArticles: opt(arr(str({ min: 1, max: 200 }), { max: 10_000 })),
    }),
    res: obj({ seq: int({ min: 0 }), savedAt: str() }),
  },
  /**
   * The page still holds an edition the Node side no longer counts as open (the host was restarted):
   * it names the file again with the edition's id, and autosave goes to it again. Refused when the
   * file now holds another edition.
   */
  'edition.reattach': {
    req: obj({ path: filePath, id: str({ min: 1, max: 200 }) }),
    res: obj({ path: str(), label: str() }),
  },
  /** Where the editor is (page, article, caret), remembered so a crash reopens the edition there. */
  'edition.place': {
    req: obj({ path: filePath, place: EditorPlaceSchema }),
    res: obj({}),
  },
  /** Recent editions, and the one a crash left open (with where the editor was), for the start of the app. */
  'edition.recent': {
    req: obj({}),
    res: obj({
      recent: arr(RecentEditionSchema),
      recovery: nullable(obj({ path: str(), label: str(), place: EditorPlaceSchema, openedAt: str() })),
      documents: nullable(str()),
    }),
  },
  /** The editor closed the edition on purpose (opened another, the sample, or quit): nothing to recover. */
  'edition.close': {
    req: obj({ path: filePath }),
    res: obj({}),
  },
  'templates.all': {
    req: obj({}),
    res: obj({ templates: json('templates by id') }),
  },
  'fonts.faces': {
    // The open edition's role mapping (its `fonts` and its pages' templates): the faces, chains and
    // roles answered are those the edition is set with, as in its PDF (electron/services/fonts/mapping.ts).
    req: obj({
      edition: opt(
        obj({
          fonts: opt(record(str({ min: 1, max: 500 }))),
          templates: arr(str({ min: 1, max: 100 }), { max: 1000 }),
        }),
      ),
    }),
    // Roles (书宋, 标宋, 黑体 …) with their faces, so the renderer's font set answers faceForRole as Node's does;
    // `fallbacks` says which role's wanted face is not on this machine and what it is set in instead.
    res: obj({
      faces: arr(obj({ id: face, name: str(), fallback: arr(face) })),
      roles: opt(record(obj({ face, substitute: bool() }))),
      fallbacks: opt(arr(obj({ role: str(), wanted: str(), source: str(), usedFace: face, message: str() }))),
      /** Registry faces whose role is mapped: text in them is set in the face named (as Node's face(id) answers). */
      aliases: opt(record(face)),
    }),
  },
  /** What the 字体 screen lists: roles with their faces on this machine, and every bundled and installed face with coverage. */
  'fonts.report': {
    req: obj({}),
    res: obj({ report: json('font report (electron/services/fonts/roles.ts fontReport)') }),
  },
  /** The metrics table the renderer's FontSet reads: the same numbers fontkit gives in Node. */
  'fonts.metrics': {
    req: obj({ face }),
    res: obj({ table: json('a metrics table') }),
  },
  /**
   * Metrics for the code points in use (partial tables, engine/fonts/partial.ts): every face text is
   * set in, and the fallbacks those characters reach. Asked again for characters typed later.
   */
  'fonts.tables': {
    req: obj({ codePoints: arr(int({ min: 0, max: 0x10ffff }), { max: 200_000 }) }),
    // `rare`: code points no chain has, with the face (outside the chains) that draws them.
    res: obj({ tables: json('metrics tables'), rare: opt(json('rare characters by code point')) }),
  },
  /**
   * A small TrueType font with the glyphs of these code points, cut from the file the PDF embeds: at
   * `url` (content-hashed, cached by the browser for good) over HTTP, as base64 `data` over IPC; both
   * null when the face's outlines cannot be copied (the page view then draws them from outlines).
   */
  'fonts.subset': {
    req: obj({ face, codePoints: arr(int({ min: 0, max: 0x10ffff }), { max: 50_000 }) }),
    res: obj({ url: nullable(str({ max: 500 })), data: nullable(str()), codePoints: arr(int({ min: 0 })) }),
  },
  /** The face's font file itself, so the page view draws with the very file the PDF embeds. */
  'fonts.file': {
    req: obj({ face }),
    res: bytes(),
  },
  /** Glyph outlines (SVG path data in font units, y up) for glyphs the file's cmap does not reach (vertical forms). */
  'fonts.outlines': {
    req: obj({ face, gids: arr(int({ min: 0, max: 65535 }), { max: 5000 }) }),
    res: obj({ unitsPerEm: int({ min: 1 }), paths: arr(str({ max: 200_000 })) }),
  },
  /**
   * One call per page keeps the progress bar honest. `target` is the `folder` a previous call answered:
   * the export folder, or (desktop) the token of the folder chosen in the dialog, which is shown when
   * `target` is omitted. Any other folder is refused.
   */
  'pdf.export': {
    req: obj({
      edition: EditionSchema,
      preset: ExportPresetSchema,
      pages: opt(arr(int({ min: 1 }), { max: 999 })),
      target: opt(str({ min: 1, max: 4096 })),
      force: opt(bool()),
    }),
    res: obj({
      cancelled: bool(),
      folder: nullable(str()),
      files: arr(obj({ page: nullable(int({ min: 1 })), path: str(), bytes: int({ min: 0 }) })),
    }),
  },
  /**
   * An export as one job (electron/services/jobs/export-job.ts): all `pages` (every page when omitted)
   * of the open edition file `path` as stored (autosave first: unsaved edits are not in it), or of
   * `edition` when it has no file yet. `target` as for pdf.export. `job` is null when the editor
   * closed the folder dialog. Follow it with export.status; export.cancel stops it, leaving no file.
   */
  'export.start': {
    req: obj({
      path: opt(filePath),
      edition: opt(EditionSchema),
      preset: ExportPresetSchema,
      pages: opt(arr(int({ min: 1 }), { max: 999 })),
      target: opt(str({ min: 1, max: 4096 })),
      force: opt(bool()),
      /** Proofs: the round (校次) to label them with; the next round when omitted. Never over an earlier one. */
      round: opt(int({ min: 1, max: 99 })),
    }),
    res: obj({
      job: nullable(jobId),
      folder: nullable(str()),
      total: int({ min: 0 }),
      round: opt(int({ min: 1 })),
    }),
  },
  /** The proof rounds exported from the open edition file `path` (none without one), and the next round. */
  'export.rounds': {
    req: obj({ path: opt(filePath) }),
    res: obj({ rounds: arr(ProofRoundSchema), next: int({ min: 1 }) }),
  },
  'export.status': { req: obj({ job: jobId }), res: ExportJobStateSchema },
  'export.cancel': { req: obj({ job: jobId }), res: ExportJobStateSchema },
  /**
   * An annotated proof PDF (base64, at most PROOF_MAX_BYTES) against the edition as it stands: the
   * proofreaders' marks per article, marks that land on no text, and each page's state (a page re-set
   * since the proof was exported is stale: its marks are listed, not mapped).
   */
  'proof.import': {
    req: obj({
      edition: EditionSchema,
      pdf: str({ min: 1, max: Math.ceil(PROOF_MAX_BYTES / 3) * 4 + 4 }),
      name: opt(str({ max: 300 })),
    }),
    res: obj({
      marks: json('proof marks'),
      unplaced: json('unplaced marks'),
      pages: arr(
        obj({
          number: int({ min: 1 }),
          pdfPage: int({ min: 0 }),
          status: lit('ok', 'stale', 'missing'),
          annotations: int({ min: 0 }),
        }),
      ),
    }),
  },
  /**
   * 导入稿件: story files' bytes (base64, named by their file names: .docx, .txt, .md), each read by the
   * import rules (electron/services/import). Every file answers an article with its photos (base64, as
   * the edition keeps them) or why it was refused; a refused file changes nothing. With `path` (the
   * open edition file) the photos are stored in the file first, so autosaving the articles that show
   * them is a valid edit; the articles join the edition through the page's session (undoable, autosaved).
   */
  'copy.import': {
    req: obj({
      files: arr(obj({ name: str({ min: 1, max: 300 }), data: base64Of(STORY_MAX_BYTES) }), {
        max: IMPORT_MAX_FILES,
      }),
      path: opt(filePath),
    }),
    res: obj({
      stories: arr(
        obj({
          name: str(),
          article: json('an article'),
          assets: arr(obj({ ...assetInfo, data: str() })),
          warnings: arr(str({ max: 4000 })),
        }),
      ),
      failed: arr(obj({ name: str(), message: str({ max: 4000 }) })),
    }),
  },
  /**
   * 置入图片: a JPEG or PNG (base64, at most PHOTO_MAX_BYTES). Answers the asset record (content hash,
   * pixel size as the photo is seen — EXIF orientation applied — colour space) and the caption its
   * IPTC or XMP metadata carries. With `path` the photo is stored in the open edition file.
   */
  'photo.import': {
    req: obj({ name: str({ min: 1, max: 300 }), data: base64Of(PHOTO_MAX_BYTES), path: opt(filePath) }),
    res: obj({ asset: AssetInfoSchema, caption: nullable(str({ max: 4000 })) }),
  },
  /** What an edition can name as its output condition: the CMYK profiles in the templates folder. */
  'colour.outputs': {
    req: obj({}),
    res: obj({ profiles: arr(obj({ file: str(), description: str() })) }),
  },
  'preflight.run': {
    req: obj({ edition: EditionSchema, preset: ExportPresetSchema }),
    res: obj({ findings: arr(FindingSchema) }),
  },
  ...newsroomMethods,
} as const satisfies Record<string, { req: Schema<unknown>; res: Schema<unknown> }>;

export type Methods = typeof methods;
export type Method = keyof Methods;
export type Req<M extends Method> = Infer<Methods[M]['req']>;
export type Res<M extends Method> = Infer<Methods[M]['res']>;

export const isMethod = (m: unknown): m is Method =>
  typeof m === 'string' && Object.prototype.hasOwnProperty.call(methods, m);

/** Commands the desktop menu sends to the renderer: the ids of the command table (`commands.ts`). */
export const MenuCommandSchema = lit(...COMMAND_IDS);
export type MenuCommand = Infer<typeof MenuCommandSchema>;

/**
 * What a failed call carries back over either transport. `refused`: a path or folder the page may not
 * use; `exists`: the file is there and the editor has not agreed to replace it; `not-open`: the file is
 * not open in this window (after a restart of the host: reattach); `unauthorized`: no or a wrong token.
 */
export interface ApiFailure {
  code:
    | 'bad-request'
    | 'bad-response'
    | 'failed'
    | 'unknown-method'
    | 'refused'
    | 'exists'
    | 'not-open'
    | 'conflict'
    | 'unauthorized';
  message: string;
}

/** A refusal a handler means (not a failure): sent with its code, over HTTP as a 4xx answer. */
export class Refusal extends Error {
  constructor(
    readonly code: 'refused' | 'exists' | 'not-open' | 'conflict',
    message: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiFailure['code'],
    message: string,
    readonly method?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Handlers = { [M in Method]: (req: Req<M>) => Promise<Res<M>> };

/** A transport moves an already validated request and returns the raw, not yet trusted, response. */
export type Transport = (method: Method, req: unknown) => Promise<unknown>;

export interface ApiClient {
  call<M extends Method>(method: M, req: Req<M>): Promise<Res<M>>;
}

export function createClient(transport: Transport): ApiClient {
  return {
    async call(method, req) {
      const spec = methods[method];
      let checked: unknown;
      try {
        checked = spec.req.parse(req);
      } catch (e) {
        throw asApiError(e, 'bad-request', method);
      }
      const raw = await transport(method, checked);
      try {
        return spec.res.parse(raw) as never;
      } catch (e) {
        throw asApiError(e, 'bad-response', method);
      }
    },
  };
}

/** The handler side of either transport: validate, run, validate the answer. Never throws. */
export async function dispatch(
  handlers: Handlers,
  method: unknown,
  req: unknown,
): Promise<{ ok: true; result: unknown } | { ok: false; error: ApiFailure }> {
  if (!isMethod(method))
    return { ok: false, error: { code: 'unknown-method', message: `no such API method: ${String(method)}` } };
  const spec = methods[method];
  let parsed: unknown;
  try {
    parsed = spec.req.parse(req);
  } catch (e) {
    return { ok: false, error: { code: 'bad-request', message: `${method}: ${(e as Error).message}` } };
  }
  let result: unknown;
  try {
    result = await (handlers[method] as (r: unknown) => Promise<unknown>)(parsed);
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: { code: e.code, message: e.message } };
    return { ok: false, error: { code: 'failed', message: e instanceof Error ? e.message : String(e) } };
  }
  try {
    result = spec.res.parse(result);
  } catch (e) {
    return { ok: false, error: { code: 'bad-response', message: `${method}: ${(e as Error).message}` } };
  }
  return { ok: true, result };
}

function asApiError(e: unknown, code: ApiFailure['code'], method: string): ApiError {
  if (e instanceof ApiError) return e;
  const msg =
    e instanceof SchemaError ? `${method}: ${e.message}` : e instanceof Error ? e.message : String(e);
  return new ApiError(code, msg, method);
}

/** Turns the wire form of a failure back into an exception on the calling side. */
export function unwrap(reply: unknown, method: string): unknown {
  if (typeof reply === 'object' && reply !== null && 'ok' in reply) {
    const r = reply as { ok: boolean; result?: unknown; error?: ApiFailure };
    if (r.ok) return r.result;
    throw new ApiError(r.error?.code ?? 'failed', r.error?.message ?? 'the request failed', method);
  }
  throw new ApiError('bad-response', `${method}: malformed reply`, method);
}
