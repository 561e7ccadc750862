// The edition file's schema and its history. A file records its schema version in PRAGMA user_version
// and its kind in PRAGMA application_id, so a Banmian edition is told apart from any other SQLite file
// before anything is written to it.
//
// Migrations are append-only: a released step is never edited, because files made by it exist.

/** 'BNMN' — marks a SQLite file as a Banmian edition. */
export const APPLICATION_ID = 0x424e4d4e;

export interface Migration {
  version: number;
  summary: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    summary: 'edition, pages, placements, articles, styles, assets with content-addressed blobs',
    sql: `
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE pages (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        number INTEGER NOT NULL,
        section TEXT NOT NULL,
        template TEXT NOT NULL
      );
      CREATE TABLE placements (
        page_id TEXT NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        article_id TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (page_id, position)
      ) WITHOUT ROWID;
      CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        slug TEXT NOT NULL,
        status TEXT NOT NULL,
        blocks TEXT NOT NULL
      );
      CREATE TABLE styles (name TEXT PRIMARY KEY, data TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL);
      CREATE TABLE assets (
        id TEXT PRIMARY KEY,
        sha256 TEXT NOT NULL REFERENCES blobs(sha256),
        mime TEXT NOT NULL,
        pixel_width INTEGER NOT NULL,
        pixel_height INTEGER NOT NULL,
        color_space TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    summary: 'article history (revisions), comments, and the edit sequence number autosave acknowledges',
    sql: `
      CREATE TABLE revisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id TEXT NOT NULL,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        slug TEXT NOT NULL,
        status TEXT NOT NULL,
        blocks TEXT NOT NULL
      );
      CREATE INDEX revisions_by_article ON revisions(article_id, id);
      CREATE TABLE comments (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL,
        author TEXT NOT NULL,
        at TEXT NOT NULL,
        text TEXT NOT NULL,
        anchor TEXT,
        resolved INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX comments_by_article ON comments(article_id);
      ALTER TABLE articles ADD COLUMN updated_at TEXT;
      ALTER TABLE articles ADD COLUMN updated_by TEXT;
      INSERT OR IGNORE INTO meta(key, value) VALUES ('edit_seq', '0');
    `,
  },
  {
    version: 3,
    summary: 'ad slots (广告位) and ruler guides (参考线) of a page, as JSON',
    sql: `
      ALTER TABLE pages ADD COLUMN ads TEXT;
      ALTER TABLE pages ADD COLUMN guides TEXT;
    `,
  },
  {
    version: 4,
    summary:
      "the editor's rules on a page (隔线, 栏线) as JSON, and whether layout draws its own (auto_rules 0: off)",
    sql: `
      ALTER TABLE pages ADD COLUMN rules TEXT;
      ALTER TABLE pages ADD COLUMN auto_rules INTEGER;
    `,
  },
  {
    version: 5,
    summary:
      "a newsroom edition's offline replica: each shared document's Yjs state (meta: newsroom_server, newsroom_edition)",
    sql: `
      CREATE TABLE newsroom_docs (name TEXT PRIMARY KEY, state BLOB NOT NULL, updated_at TEXT NOT NULL) WITHOUT ROWID;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Tables every edition file has from version 1 on; their absence means the file is not ours after all. */
export const CORE_TABLES = ['meta', 'pages', 'placements', 'articles', 'styles', 'blobs', 'assets'];
