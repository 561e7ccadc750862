// Writing an edition file: one edit applied inside the caller's transaction (articles, pages,
// placements, photos, comments, fonts), revisions kept as editing bursts begin, a whole edition.
import { randomBytes } from 'node:crypto';
import type { ArticleStatus, Edition, Placement } from '../../../engine/model/types';
import { statusNote } from '../../../engine/model/status';
import { checkFontMapping } from '../../../engine/fonts/mapping';
import { checkEditionOutput, emptyOutput } from '../../../engine/model/output';
import { EditError } from './errors';
import { checkBlocks, checkStatus } from './validate';
import { StoreReader } from './reading';
import { commentPlaceColumn, sha256, slugOf, type ArticleRow } from './rows';
import type { AssetInput, EditionEdit, StoredRevision } from './types';
import { updatePageRules } from './page-rules';

/** Writing an edition file: one edit applied inside the caller's transaction, photos, revisions, a whole edition. */
export abstract class StoreWriter extends StoreReader {
  protected insertAsset(id: string, hash: string, a: AssetInput): void {
    if (a.mime !== 'image/jpeg' && a.mime !== 'image/png')
      throw new EditError(`asset ${id}: unsupported type ${a.mime}`);
    this.db
      .prepare('INSERT OR IGNORE INTO blobs(sha256, data) VALUES (?, ?)')
      .run(hash, Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength));
    this.db
      .prepare(
        'INSERT OR IGNORE INTO assets(id, sha256, mime, pixel_width, pixel_height, color_space) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(id, hash, a.mime, a.pixelWidth, a.pixelHeight, a.colorSpace);
  }

  protected requireArticle(id: string): ArticleRow {
    const row = this.stmts.article.get(id) as ArticleRow | undefined;
    if (!row) throw new EditError(`no article ${id} in this edition`);
    return row;
  }

  protected requirePage(id: string): void {
    if (!this.db.prepare('SELECT 1 FROM pages WHERE id = ?').get(id))
      throw new EditError(`no page ${id} in this edition`);
  }

  protected snapshot(articleId: string, note: string): number {
    const row = this.requireArticle(articleId);
    const r = this.stmts.insertRevision.run(
      articleId,
      row.updated_at ?? this.now().toISOString(),
      row.updated_by ?? this.author,
      note,
      row.slug,
      row.status,
      row.blocks,
    );
    return Number(r.lastInsertRowid);
  }

  protected checkPlacement(p: Placement, where: string): void {
    if (!p || typeof p.article !== 'string' || !Array.isArray(p.regions) || !Array.isArray(p.photos))
      throw new EditError(`${where}: malformed placement`);
    this.requireArticle(p.article);
  }

  protected applyOne(e: EditionEdit): void {
    const now = this.now();
    switch (e.op) {
      case 'updateArticle': {
        const row = this.requireArticle(e.id);
        checkBlocks(e.blocks, `article ${e.id}`);
        // A new editing burst (after a pause, or by someone else) first keeps what was there as a revision.
        const last = this.stmts.lastRevision.get(e.id) as
          { at: string; author: string; blocks: string } | undefined;
        const burstStart =
          !row.updated_at ||
          now.getTime() - Date.parse(row.updated_at) > this.revisionInterval ||
          (row.updated_by ?? this.author) !== this.author;
        if (burstStart && (!last || last.blocks !== row.blocks)) this.snapshot(e.id, '');
        this.stmts.updateBlocks.run(
          JSON.stringify(e.blocks),
          e.slug ?? slugOf(e.blocks, row.slug),
          now.toISOString(),
          this.author,
          e.id,
        );
        return;
      }
      case 'setArticleStatus': {
        const row = this.requireArticle(e.id);
        checkStatus(e.status, `article ${e.id}`);
        this.db.prepare('UPDATE articles SET status = ? WHERE id = ?').run(e.status, e.id);
        // A status change is part of the article's history, signed by who made it.
        if (row.status !== e.status)
          this.stmts.insertRevision.run(
            e.id,
            now.toISOString(),
            this.author,
            statusNote(row.status as ArticleStatus, e.status),
            row.slug,
            e.status,
            row.blocks,
          );
        return;
      }
      case 'addArticle': {
        const a = e.article;
        if (!a || typeof a.id !== 'string' || !a.id) throw new EditError('an article needs an id');
        if (this.stmts.article.get(a.id)) throw new EditError(`article ${a.id} already exists`);
        checkBlocks(a.blocks, `article ${a.id}`);
        checkStatus(a.status, `article ${a.id}`);
        const pos = this.db
          .prepare('SELECT COALESCE(MAX(position), -1) + 1 FROM articles')
          .pluck()
          .get() as number;
        this.db
          .prepare(
            'INSERT INTO articles(id, position, slug, status, blocks, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            a.id,
            pos,
            a.slug || slugOf(a.blocks, a.id),
            a.status,
            JSON.stringify(a.blocks),
            now.toISOString(),
            this.author,
          );
        return;
      }
      case 'removeArticle': {
        this.requireArticle(e.id);
        const placed = this.db
          .prepare(
            'SELECT p.number FROM placements pl JOIN pages p ON p.id = pl.page_id WHERE pl.article_id = ?',
          )
          .pluck()
          .all(e.id) as number[];
        if (placed.length)
          throw new EditError(
            `article ${e.id} is placed on page ${placed.join(', ')}; remove its placement first`,
          );
        // Its history stays: a removed article can be brought back from its revisions.
        this.snapshot(e.id, 'removed');
        this.db.prepare('DELETE FROM articles WHERE id = ?').run(e.id);
        return;
      }
      case 'addPage': {
        const p = e.page;
        if (!p || typeof p.id !== 'string') throw new EditError('a page needs an id');
        if (this.db.prepare('SELECT 1 FROM pages WHERE id = ?').get(p.id))
          throw new EditError(`page ${p.id} already exists`);
        const count = this.db.prepare('SELECT COUNT(*) FROM pages').pluck().get() as number;
        const pos = e.position ?? count;
        this.db.prepare('UPDATE pages SET position = position + 1 WHERE position >= ?').run(pos);
        this.db
          .prepare(
            'INSERT INTO pages(id, position, number, section, template, ads, guides, rules, auto_rules) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            p.id,
            pos,
            p.number,
            p.section ?? '',
            p.template,
            p.ads?.length ? JSON.stringify(p.ads) : null,
            p.guides?.length ? JSON.stringify(p.guides) : null,
            p.rules?.length ? JSON.stringify(p.rules) : null,
            p.autoRules === false ? 0 : null,
          );
        this.writePlacements(p.id, p.placements ?? []);
        return;
      }
      case 'updatePage': {
        this.requirePage(e.id);
        if (e.number !== undefined)
          this.db.prepare('UPDATE pages SET number = ? WHERE id = ?').run(e.number, e.id);
        if (e.section !== undefined)
          this.db.prepare('UPDATE pages SET section = ? WHERE id = ?').run(e.section, e.id);
        if (e.template !== undefined)
          this.db.prepare('UPDATE pages SET template = ? WHERE id = ?').run(e.template, e.id);
        if (e.ads !== undefined) {
          if (e.ads !== null && !Array.isArray(e.ads))
            throw new EditError(`page ${e.id}: ad slots must be a list`);
          this.db
            .prepare('UPDATE pages SET ads = ? WHERE id = ?')
            .run(e.ads?.length ? JSON.stringify(e.ads) : null, e.id);
        }
        if (e.guides !== undefined) {
          if (e.guides !== null && !Array.isArray(e.guides))
            throw new EditError(`page ${e.id}: guides must be a list`);
          this.db
            .prepare('UPDATE pages SET guides = ? WHERE id = ?')
            .run(e.guides?.length ? JSON.stringify(e.guides) : null, e.id);
        }
        updatePageRules(this.db, e);
        return;
      }
      case 'orderPages': {
        const ids = this.db.prepare('SELECT id FROM pages').pluck().all() as string[];
        if (
          !Array.isArray(e.ids) ||
          e.ids.length !== ids.length ||
          new Set(e.ids).size !== ids.length ||
          !e.ids.every((id) => ids.includes(id))
        )
          throw new EditError('the page order must name every page of the edition once');
        e.ids.forEach((id, i) => this.db.prepare('UPDATE pages SET position = ? WHERE id = ?').run(i, id));
        return;
      }
      case 'removePage': {
        this.requirePage(e.id);
        const pos = this.db.prepare('SELECT position FROM pages WHERE id = ?').pluck().get(e.id) as number;
        this.db.prepare('DELETE FROM pages WHERE id = ?').run(e.id);
        this.db.prepare('UPDATE pages SET position = position - 1 WHERE position > ?').run(pos);
        return;
      }
      case 'setPlacements':
        this.requirePage(e.page);
        this.writePlacements(e.page, e.placements);
        return;
      case 'setPlacement': {
        this.requirePage(e.page);
        this.checkPlacement(e.placement, `page ${e.page}`);
        const r = this.db
          .prepare('UPDATE placements SET article_id = ?, data = ? WHERE page_id = ? AND position = ?')
          .run(e.placement.article, JSON.stringify(e.placement), e.page, e.index);
        if (!r.changes) throw new EditError(`page ${e.page} has no placement ${e.index}`);
        return;
      }
      case 'setEditionInfo': {
        const info = JSON.parse((this.stmts.getMeta.get('edition') as string | undefined) ?? '{}');
        for (const k of ['paper', 'date', 'issue', 'totalIssue'] as const)
          if (e[k] !== undefined) info[k] = e[k];
        if (typeof info.date === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(info.date))
          throw new EditError(`date must be YYYY-MM-DD, got ${info.date}`);
        this.stmts.setMeta.run('edition', JSON.stringify(info));
        return;
      }
      case 'setStyle':
        if (e.style === null) this.db.prepare('DELETE FROM styles WHERE name = ?').run(e.name);
        else
          this.db
            .prepare(
              'INSERT INTO styles(name, data) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET data = excluded.data',
            )
            .run(e.name, JSON.stringify(e.style));
        return;
      case 'setFont': {
        const fonts = JSON.parse((this.stmts.getMeta.get('fonts') as string | undefined) ?? '{}') as Record<
          string,
          string
        >;
        if (e.face === null) delete fonts[e.role];
        else fonts[e.role] = e.face;
        const { problems } = checkFontMapping(fonts, 'fonts');
        if (problems.length) throw new EditError(`${problems[0].field}: ${problems[0].message}`);
        this.stmts.setMeta.run('fonts', JSON.stringify(fonts));
        return;
      }
      case 'setOutput': {
        const { output, problems } = checkEditionOutput(e.output ?? {});
        if (problems.length) throw new EditError(`${problems[0].field}: ${problems[0].message}`);
        this.stmts.setMeta.run('output', JSON.stringify(emptyOutput(output) ? {} : output));
        return;
      }
      case 'addComment': {
        const c = e.comment;
        this.requireArticle(c.article);
        if (typeof c.text !== 'string' || !c.text.trim()) throw new EditError('a comment needs text');
        this.db
          .prepare(
            'INSERT INTO comments(id, article_id, author, at, text, anchor, resolved) VALUES (?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            c.id ?? `c-${randomBytes(6).toString('hex')}`,
            c.article,
            c.author ?? this.author,
            c.at ?? now.toISOString(),
            c.text,
            commentPlaceColumn(c),
            c.resolved ? 1 : 0,
          );
        return;
      }
      case 'resolveComment': {
        const r = this.db
          .prepare('UPDATE comments SET resolved = ? WHERE id = ?')
          .run(e.resolved ? 1 : 0, e.id);
        if (!r.changes) throw new EditError(`no comment ${e.id} in this edition`);
        return;
      }
      case 'removeComment': {
        const r = this.db.prepare('DELETE FROM comments WHERE id = ?').run(e.id);
        if (!r.changes) throw new EditError(`no comment ${e.id} in this edition`);
        return;
      }
      default:
        throw new EditError(`unknown edit ${JSON.stringify((e as { op?: unknown }).op)}`);
    }
  }

  protected writePlacements(page: string, placements: Placement[]): void {
    if (!Array.isArray(placements)) throw new EditError(`page ${page}: placements must be a list`);
    placements.forEach((p, i) => this.checkPlacement(p, `page ${page}, placement ${i + 1}`));
    this.db.prepare('DELETE FROM placements WHERE page_id = ?').run(page);
    const ins = this.db.prepare(
      'INSERT INTO placements(page_id, position, article_id, data) VALUES (?, ?, ?, ?)',
    );
    placements.forEach((p, i) => ins.run(page, i, p.article, JSON.stringify(p)));
  }

  /** Writes a whole (checked) edition into an empty database. */
  protected writeWhole(ed: Edition, note: string, history?: StoredRevision[]): void {
    const info: Record<string, unknown> = {
      schemaVersion: ed.schemaVersion,
      id: ed.id,
      paper: ed.paper,
      date: ed.date,
      issue: ed.issue,
    };
    if (ed.totalIssue !== undefined) info.totalIssue = ed.totalIssue;
    this.stmts.setMeta.run('edition', JSON.stringify(info));
    for (const a of ed.assets) {
      const bytes = Buffer.from(a.data, 'base64');
      this.insertAsset(a.id, sha256(bytes), {
        bytes,
        mime: a.mime,
        pixelWidth: a.pixelWidth,
        pixelHeight: a.pixelHeight,
        colorSpace: a.colorSpace,
      });
    }
    for (const a of ed.articles) {
      this.applyOne({ op: 'addArticle', article: a });
      if (a.blocks.length && !history) this.snapshot(a.id, note);
    }
    // Carried over whole (a repaired copy keeps every revision, ids included).
    const ins = this.db.prepare(
      'INSERT INTO revisions(id, article_id, at, author, note, slug, status, blocks) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const r of history ?? [])
      ins.run(r.id, r.article, r.at, r.author, r.note, r.slug, r.status, JSON.stringify(r.blocks));
    ed.pages.forEach((p, i) => this.applyOne({ op: 'addPage', page: p, position: i }));
    for (const [name, style] of Object.entries(ed.styles ?? {}))
      this.applyOne({ op: 'setStyle', name, style });
    for (const [role, face] of Object.entries(ed.fonts ?? {})) this.applyOne({ op: 'setFont', role, face });
    for (const c of ed.comments ?? []) this.applyOne({ op: 'addComment', comment: c });
    if (!emptyOutput(ed.output)) this.applyOne({ op: 'setOutput', output: ed.output! });
  }
}
