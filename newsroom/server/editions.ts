// The editions routes (ROUTES.editions, ROUTES.edition): the list of editions on the server, publishing
// a stand-alone edition (its documents' first updates, written in one transaction; its photos stored
// by content hash) and an edition assembled from its documents (另存为单机文件).
import { createHash } from 'node:crypto';
import type pg from 'pg';
import * as Y from 'yjs';
import type { Edition } from '../../engine/model/types';
import { EditionError, problemsInChinese, validateEdition } from '../../engine/model/validate';
import { docsToEdition, editionToDocs, layoutMap, records } from '../../newsroom/shared/edition-docs';
import { copyDocName, layoutDocName, type EditionSummary, type Person } from '../../newsroom/shared/protocol';
import { DocumentStore, getPhoto, putPhoto } from './store';

export class EditionRouteError extends Error {
  constructor(
    public status: number,
    message: string,
  ) {
    super(message);
  }
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

function summary(id: string, layout: Y.Doc): EditionSummary {
  const e = layoutMap(layout, 'edition');
  const paper = e.get('paper')?.v as { name?: string } | undefined;
  return {
    id,
    paper: typeof paper?.name === 'string' ? paper.name : '',
    date: String(e.get('date')?.v ?? ''),
    pages: records(layout, 'pages').length,
    articles: records(layout, 'articles').length,
  };
}

async function loadDoc(db: pg.Pool, name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  await new DocumentStore(db).load(name, doc, false);
  return doc;
}

export async function listEditions(db: pg.Pool): Promise<EditionSummary[]> {
  const { rows } = await db.query<{ doc: string }>(
    `SELECT DISTINCT doc FROM updates WHERE doc LIKE 'edition/%/layout' ORDER BY doc`,
  );
  const out: EditionSummary[] = [];
  for (const { doc } of rows) {
    const id = doc.slice('edition/'.length, -'/layout'.length);
    if (ID.test(id)) out.push(summary(id, await loadDoc(db, doc)));
  }
  return out;
}

/** 发布到编辑部: only 值班总编 and 版面编辑; an edition id already on the server is refused. */
export async function publishEdition(db: pg.Pool, person: Person, raw: unknown): Promise<string> {
  if (person.role !== 'chief' && person.role !== 'layout')
    throw new EditionRouteError(403, '只有值班总编和版面编辑可以发布期次');
  let edition: Edition;
  try {
    edition = validateEdition(raw, '发布的期次');
  } catch (e) {
    throw new EditionRouteError(
      400,
      e instanceof EditionError ? problemsInChinese(e.problems) : '发布的内容不是有效的期次',
    );
  }
  if (!ID.test(edition.id))
    throw new EditionRouteError(400, '期次编号只能由字母、数字、- 和 _ 组成（64 个以内）');
  for (const a of edition.articles)
    if (!ID.test(a.id)) throw new EditionRouteError(400, `稿件编号“${a.id}”只能由字母、数字、- 和 _ 组成`);
  const { layout, copies } = editionToDocs(edition, person.login);
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    // One publisher at a time for an edition id.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [edition.id]);
    const had = await client.query('SELECT 1 FROM updates WHERE doc = $1 LIMIT 1', [
      layoutDocName(edition.id),
    ]);
    if (had.rowCount) throw new EditionRouteError(409, `服务器上已有这一期（${edition.id}），请打开它`);
    const write = (doc: string, d: Y.Doc) =>
      client.query('INSERT INTO updates (doc, update, login) VALUES ($1, $2, $3)', [
        doc,
        Buffer.from(Y.encodeStateAsUpdate(d)),
        person.login,
      ]);
    for (const [id, doc] of copies) await write(copyDocName(edition.id, id), doc);
    await write(layoutDocName(edition.id), layout);
    await client.query('INSERT INTO audit (login, action, doc, detail) VALUES ($1, $2, $3, $4)', [
      person.login,
      'publish',
      layoutDocName(edition.id),
      JSON.stringify({ pages: edition.pages.length, articles: edition.articles.length }),
    ]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
  for (const a of edition.assets) {
    if (!a.data) continue;
    const bytes = Buffer.from(a.data, 'base64');
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha === a.id) await putPhoto(db, sha, bytes, person.login);
  }
  return edition.id;
}

/** The edition its documents hold now, with its photos' bytes from the photo store. */
export async function assembleEdition(db: pg.Pool, id: string): Promise<Edition> {
  if (!ID.test(id)) throw new EditionRouteError(400, '期次编号不对');
  const layout = await loadDoc(db, layoutDocName(id));
  if (!layoutMap(layout, 'edition').size) throw new EditionRouteError(404, '服务器上没有这一期');
  const copies = new Map<string, Y.Doc>();
  for (const { id: article } of records(layout, 'articles'))
    copies.set(article, await loadDoc(db, copyDocName(id, article)));
  const photos = new Map<string, string>();
  for (const [, entry] of layoutMap(layout, 'assets')) {
    const sha = (entry.v as { id?: string })?.id;
    if (typeof sha === 'string' && /^[0-9a-f]{64}$/.test(sha)) {
      const bytes = await getPhoto(db, sha);
      if (bytes) photos.set(sha, bytes.toString('base64'));
    }
  }
  return docsToEdition(layout, copies, (a) => photos.get(a));
}
