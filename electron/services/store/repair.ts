// Repairing an edition file the loader refuses: read every table of it tolerantly (a row whose JSON
// does not parse is one problem, not the end), let the model's repair keep what is intact, and write
// the result as a new file with the old file's revisions. The damaged file is only read, never changed.
import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { repairEdition, type RepairChange } from '../../../engine/model/repair';
import type { Edition } from '../../../engine/model/types';
import { ARTICLE_STATUSES } from '../../../engine/model/status';
import { checkEditionFile, sqliteProblem } from './check';
import { EditionFileError } from './errors';
import { EditionStore, installedTemplate } from './index';
import { repairGeometry } from '../../../engine/layout/repair';
import { openDatabase } from './native';
import type { StoredRevision, StoreOptions } from './types';

export type { RepairChange } from '../../../engine/model/repair';

export interface RepairResult {
  edition: Edition;
  changes: RepairChange[];
  /** Revisions carried over, and those dropped because their text could not be read. */
  revisions: number;
}

type Row = Record<string, unknown>;

function parse(text: unknown): { ok: true; value: unknown } | { ok: false } {
  if (typeof text !== 'string') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Everything the file holds, as loosely as it holds it, with the rows that could not be read listed. */
function readRaw(db: Database.Database): {
  raw: Record<string, unknown>;
  history: StoredRevision[];
  changes: RepairChange[];
} {
  const changes: RepairChange[] = [];
  const tables = new Set(
    (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map(
      (r) => r.name,
    ),
  );
  const all = (sql: string, table: string): Row[] =>
    tables.has(table) ? (db.prepare(sql).all() as Row[]) : [];

  const metaRow = all("SELECT value FROM meta WHERE key = 'edition'", 'meta')[0];
  const meta = parse(metaRow?.value);
  if (!meta.ok)
    changes.push({ kind: 'clamped', where: 'meta', message: '期次信息（报名、日期、期号）无法读取，已重建' });
  const info = meta.ok && meta.value && typeof meta.value === 'object' ? (meta.value as Row) : {};

  // Revisions first: an article whose current text cannot be read is brought back from its last revision.
  const history: StoredRevision[] = [];
  const lastGood = new Map<string, unknown>();
  let unreadable = 0;
  for (const r of all('SELECT * FROM revisions ORDER BY id', 'revisions')) {
    const blocks = parse(r.blocks);
    if (!blocks.ok || !Array.isArray(blocks.value)) {
      unreadable++;
      continue;
    }
    lastGood.set(String(r.article_id), blocks.value);
    history.push({
      id: Number(r.id),
      article: String(r.article_id),
      at: String(r.at),
      author: String(r.author),
      note: String(r.note ?? ''),
      slug: String(r.slug ?? ''),
      status: String(r.status) as StoredRevision['status'],
      blocks: blocks.value as StoredRevision['blocks'],
    });
  }
  if (unreadable)
    changes.push({ kind: 'dropped', where: 'revisions', message: `删去 ${unreadable} 个无法读取的历史版本` });

  const articles = all('SELECT * FROM articles ORDER BY position', 'articles').map((r) => {
    const blocks = parse(r.blocks);
    if (blocks.ok && Array.isArray(blocks.value))
      return { id: r.id, slug: r.slug, status: r.status, blocks: blocks.value };
    const back = lastGood.get(String(r.id));
    changes.push(
      back
        ? {
            kind: 'restored',
            where: `articles.${String(r.id)}`,
            message: `稿件“${String(r.id)}”的正文无法读取，恢复为最近的历史版本`,
          }
        : {
            kind: 'emptied',
            where: `articles.${String(r.id)}`,
            message: `稿件“${String(r.id)}”的正文无法读取，也没有历史版本，已清空`,
          },
    );
    return { id: r.id, slug: r.slug, status: r.status, blocks: back ?? [] };
  });
  for (const h of history) {
    // Revisions of the edition's own articles are kept in the same states the loader accepts.
    if (!(ARTICLE_STATUSES as readonly string[]).includes(h.status)) h.status = 'draft';
  }

  const placements = new Map<string, unknown[]>();
  for (const r of all(
    'SELECT page_id, position, data FROM placements ORDER BY page_id, position',
    'placements',
  )) {
    const p = parse(r.data);
    if (!p.ok) {
      changes.push({
        kind: 'dropped',
        where: `placements.${String(r.page_id)}.${String(r.position)}`,
        message: '删去一处无法读取的稿件位置',
      });
      continue;
    }
    let list = placements.get(String(r.page_id));
    if (!list) placements.set(String(r.page_id), (list = []));
    list.push(p.value);
  }
  const pages = all('SELECT * FROM pages ORDER BY position', 'pages').map((r) => ({
    id: r.id,
    number: r.number,
    section: r.section,
    template: r.template,
    placements: placements.get(String(r.id)) ?? [],
    ...jsonColumn('ads', r.ads),
    ...jsonColumn('guides', r.guides),
    ...jsonColumn('rules', r.rules),
    ...(r.auto_rules === 0 ? { autoRules: false } : {}),
  }));

  const assets = all(
    'SELECT a.*, b.data FROM assets a JOIN blobs b ON b.sha256 = a.sha256 ORDER BY a.rowid',
    'assets',
  ).map((r) => ({
    id: r.id,
    mime: r.mime,
    pixelWidth: r.pixel_width,
    pixelHeight: r.pixel_height,
    colorSpace: r.color_space,
    data: Buffer.isBuffer(r.data) ? r.data.toString('base64') : null,
  }));

  const styles: Row = {};
  for (const r of all('SELECT name, data FROM styles', 'styles')) {
    const s = parse(r.data);
    styles[String(r.name)] = s.ok ? s.value : null;
  }

  const comments = all('SELECT * FROM comments ORDER BY at, id', 'comments').map((r) => {
    const place = r.anchor === null ? { ok: true as const, value: null } : parse(r.anchor);
    const c: Row = { id: r.id, article: r.article_id, author: r.author, at: r.at, text: r.text };
    if (place.ok && place.value && typeof place.value === 'object') {
      const v = place.value as Row;
      if ('detached' in v) c.detached = v.detached;
      else c.anchor = v;
    } else if (!place.ok)
      changes.push({
        kind: 'clamped',
        where: `comments.${String(r.id)}`,
        message: `批注“${String(r.text).slice(0, 12)}”的位置无法读取，改为针对整篇稿件`,
      });
    if (r.resolved) c.resolved = true;
    return c;
  });

  const raw: Record<string, unknown> = { ...info, pages, articles, assets, comments };
  if (Object.keys(styles).length) raw.styles = styles;
  // The output condition: whatever of it reads is checked by the model's repair; unreadable, the template's applies.
  const outputRow = all("SELECT value FROM meta WHERE key = 'output'", 'meta')[0];
  if (outputRow) {
    const o = parse(outputRow.value);
    if (!o.ok)
      changes.push({
        kind: 'dropped',
        where: 'output',
        message: '本期的输出条件设定无法读取，已删去（按模板）',
      });
    else if (o.value && typeof o.value === 'object' && Object.keys(o.value).length) raw.output = o.value;
  }
  return { raw, history, changes };
}

/**
 * Repairs `input` into a new file `output` (replacing one only with `overwrite`), keeping every intact
 * article, revision, comment and photo. Throws EditionFileError when `input` is not an edition file at
 * all or is damaged below the level of its tables (SQLite itself reports corruption).
 */
export function repairEditionFile(
  input: string,
  output: string,
  opts: StoreOptions & { overwrite?: boolean; today?: string } = {},
): RepairResult {
  if (resolve(input) === resolve(output))
    throw new EditionFileError(
      'exists',
      output,
      `修复结果要写到另一个文件：${output} 就是要修复的文件，它保持原样。`,
    );
  checkEditionFile(input);
  let db: Database.Database;
  try {
    db = openDatabase(input, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw sqliteProblem(input, e);
  }
  let read: ReturnType<typeof readRaw>;
  try {
    read = readRaw(db);
  } catch (e) {
    throw sqliteProblem(input, e);
  } finally {
    db.close();
  }
  const model = repairEdition(read.raw, opts.today ?? new Date().toISOString().slice(0, 10));
  const { edition, changes: placed } = repairGeometry(model.edition, opts.template ?? installedTemplate);
  const changes = [...model.changes, ...placed];
  const history = read.history.filter((h) => Number.isInteger(h.id) && h.id > 0);
  EditionStore.create(output, edition, { ...opts, note: 'repaired', history }).close();
  return { edition, changes: [...read.changes, ...changes], revisions: history.length };
}

/** A page's ad slots, guides (schema 3) or rules (schema 4) as the file keeps them (JSON); an unreadable one is dropped. */
function jsonColumn(key: 'ads' | 'guides' | 'rules', raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'string' || !raw) return {};
  try {
    return { [key]: JSON.parse(raw) };
  } catch {
    return {};
  }
}
