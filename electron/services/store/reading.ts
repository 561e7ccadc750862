// Reading an edition file: the edition as the model holds it (whole, or restricted to some articles),
// articles, photos, comments and revisions.
import type {
  Article,
  ArticleComment,
  ArticleStatus,
  Asset,
  Edition,
  Page,
  Placement,
} from '../../../engine/model/types';
import { EDITION_SCHEMA_VERSION } from '../../../engine/model/types';
import type { EditionOutput } from '../../../engine/model/output';
import { EditError } from './errors';
import { StoreConnection } from './connection';
import { placeOfComment, revInfo, rowToArticle, type ArticleRow, type RevRow } from './rows';
import type { Revision, RevisionInfo } from './types';
import { pageRulesOf } from './page-rules';

/** Reading an edition file: the edition whole or restricted to some articles, articles, photos, comments, revisions. */
export abstract class StoreReader extends StoreConnection {
  /**
   * The whole edition as the model holds it, photos as base64. `photoData: false` leaves each asset's data
   * empty (its metadata stays): what an autosave comparing text and placements needs, at a fraction of the cost.
   */
  load(opts: { photoData?: boolean } = {}): Edition {
    return this.read(opts);
  }

  /** `load`, or with `only` the edition restricted to those articles (their placements and comments). */
  protected read(opts: { photoData?: boolean; only?: string[] }): Edition {
    this.live();
    const m = (k: string) => this.stmts.getMeta.get(k) as string | undefined;
    const info = JSON.parse(m('edition') ?? '{}') as Partial<Edition>;
    const placements = new Map<string, Placement[]>();
    const only = opts.only ? new Set(opts.only) : null;
    const rows = (
      only
        ? [...only]
            .flatMap(
              (id) =>
                this.q('SELECT page_id, position, data FROM placements WHERE article_id = ?').all(id) as {
                  page_id: string;
                  position: number;
                  data: string;
                }[],
            )
            .sort((a, b) => a.position - b.position)
        : this.q('SELECT page_id, data FROM placements ORDER BY page_id, position').all()
    ) as { page_id: string; data: string }[];
    for (const r of rows) {
      let list = placements.get(r.page_id);
      if (!list) placements.set(r.page_id, (list = []));
      list.push(JSON.parse(r.data));
    }
    const pages: Page[] = (
      this.q('SELECT * FROM pages ORDER BY position').all() as {
        id: string;
        number: number;
        section: string;
        template: string;
        ads?: string | null;
        guides?: string | null;
        rules?: string | null;
        auto_rules?: number | null;
      }[]
    ).map((r) => ({
      id: r.id,
      number: r.number,
      section: r.section,
      template: r.template,
      placements: placements.get(r.id) ?? [],
      ...(r.ads ? { ads: JSON.parse(r.ads) } : {}),
      ...(r.guides ? { guides: JSON.parse(r.guides) } : {}),
      ...pageRulesOf(r),
    }));
    const articles = (
      only
        ? [...only]
            .map((id) => this.stmts.article.get(id) as ArticleRow | undefined)
            .filter((r): r is ArticleRow => !!r)
        : (this.q('SELECT * FROM articles ORDER BY position').all() as ArticleRow[])
    ).map(rowToArticle);
    const withData = opts.photoData !== false;
    const assets: Asset[] = (
      this.q(
        withData
          ? 'SELECT a.*, b.data FROM assets a JOIN blobs b ON b.sha256 = a.sha256 ORDER BY a.rowid'
          : 'SELECT a.* FROM assets a ORDER BY a.rowid',
      ).all() as {
        id: string;
        mime: Asset['mime'];
        pixel_width: number;
        pixel_height: number;
        color_space: Asset['colorSpace'];
        data?: Buffer;
      }[]
    ).map((r) => ({
      id: r.id,
      mime: r.mime,
      pixelWidth: r.pixel_width,
      pixelHeight: r.pixel_height,
      colorSpace: r.color_space,
      data: r.data ? r.data.toString('base64') : '',
    }));
    const styles = this.styles();
    const edition: Edition = {
      schemaVersion: info.schemaVersion ?? EDITION_SCHEMA_VERSION,
      id: info.id ?? '',
      paper: info.paper ?? { name: '' },
      date: info.date ?? '',
      issue: info.issue ?? null,
      ...(info.totalIssue !== undefined ? { totalIssue: info.totalIssue } : {}),
      pages,
      articles,
      assets,
    };
    if (Object.keys(styles).length) edition.styles = styles;
    const fonts = JSON.parse(m('fonts') ?? '{}') as Record<string, string>;
    if (Object.keys(fonts).length) edition.fonts = fonts;
    const output = this.outputCondition();
    if (output) edition.output = output;
    const comments = only ? [...only].flatMap((id) => this.comments(id)) : this.comments();
    if (comments.length) edition.comments = comments;
    return edition;
  }

  /** The edition's style changes (its `styles`, 样式), by style name. */
  styles(): Record<string, Record<string, unknown>> {
    const styles: Record<string, Record<string, unknown>> = {};
    for (const r of this.q('SELECT name, data FROM styles ORDER BY name').all() as {
      name: string;
      data: string;
    }[])
      styles[r.name] = JSON.parse(r.data) as Record<string, unknown>;
    return styles;
  }

  /** The edition's output condition (its `output`), when it sets one. */
  outputCondition(): EditionOutput | undefined {
    this.live();
    const o = JSON.parse((this.stmts.getMeta.get('output') as string | undefined) ?? '{}') as EditionOutput;
    return Object.keys(o).length ? o : undefined;
  }

  /** The edition's role mapping (its `fonts`). */
  fontMapping(): Record<string, string> {
    this.live();
    return JSON.parse((this.stmts.getMeta.get('fonts') as string | undefined) ?? '{}') as Record<
      string,
      string
    >;
  }

  getArticle(id: string): Article {
    this.live();
    const row = this.stmts.article.get(id) as ArticleRow | undefined;
    if (!row) throw new EditError(`no article ${id} in this edition`);
    return rowToArticle(row);
  }

  listArticles(): { id: string; slug: string; status: ArticleStatus }[] {
    this.live();
    return this.db.prepare('SELECT id, slug, status FROM articles ORDER BY position').all() as {
      id: string;
      slug: string;
      status: ArticleStatus;
    }[];
  }

  /** The bytes of a photo, by asset id. */
  assetBytes(id: string): Buffer {
    this.live();
    const r = this.db
      .prepare('SELECT b.data FROM assets a JOIN blobs b ON b.sha256 = a.sha256 WHERE a.id = ?')
      .pluck()
      .get(id) as Buffer | undefined;
    if (!r) throw new EditError(`no asset ${id} in this edition`);
    return r;
  }

  comments(article?: string): ArticleComment[] {
    this.live();
    const rows = (
      article
        ? this.q('SELECT * FROM comments WHERE article_id = ? ORDER BY at, id').all(article)
        : this.q('SELECT * FROM comments ORDER BY at, id').all()
    ) as {
      id: string;
      article_id: string;
      author: string;
      at: string;
      text: string;
      anchor: string | null;
      resolved: number;
    }[];
    return rows.map((r) => ({
      id: r.id,
      article: r.article_id,
      author: r.author,
      at: r.at,
      text: r.text,
      ...placeOfComment(r.anchor),
      ...(r.resolved ? { resolved: true as const } : {}),
    }));
  }

  /** The edition restricted to some articles: all pages (placements of those articles only), all photos by id. */
  protected loadScoped(ids: Set<string>): Edition {
    return this.read({ photoData: false, only: [...ids] });
  }

  revisions(articleId: string): RevisionInfo[] {
    this.live();
    return (
      this.db
        .prepare(
          'SELECT id, article_id, at, author, note, slug, blocks FROM revisions WHERE article_id = ? ORDER BY id',
        )
        .all(articleId) as RevRow[]
    ).map(revInfo);
  }

  revision(id: number): Revision {
    this.live();
    const r = this.db.prepare('SELECT * FROM revisions WHERE id = ?').get(id) as
      (RevRow & { status: ArticleStatus }) | undefined;
    if (!r) throw new EditError(`no revision ${id} in this edition`);
    return { ...revInfo(r), status: r.status, blocks: JSON.parse(r.blocks) };
  }

  protected revisionInfo(id: number): RevisionInfo {
    return revInfo(
      this.db
        .prepare('SELECT id, article_id, at, author, note, slug, blocks FROM revisions WHERE id = ?')
        .get(id) as RevRow,
    );
  }
}
