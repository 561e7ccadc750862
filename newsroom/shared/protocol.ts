// The newsroom server's contract, shared by the server (newsroom/server), the desktop app and the
// test host's renderer: people and their roles, what each role may do, the names of an edition's
// shared documents, and the HTTP routes beside the Hocuspocus WebSocket. Pure: no Node, no DOM.
import type * as Y from 'yjs';
import type { ArticleStatus } from '../../engine/model/types';
import type { Template } from '../../engine/templates';

/** 记者, 编辑, 版面编辑, 校对, 值班总编. */
export const ROLES = ['reporter', 'editor', 'layout', 'proofreader', 'chief'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  reporter: '记者',
  editor: '编辑',
  layout: '版面编辑',
  proofreader: '校对',
  chief: '值班总编',
};

export interface Person {
  /** Sign-in name, unique on the server (ASCII or Chinese, 1–32 characters). */
  login: string;
  /** The name shown to others (署名, presence). */
  name: string;
  role: Role;
}

/**
 * An edition on the server is a set of Yjs documents, named:
 *  - `edition/<editionId>/layout` — the edition's pages and placements, paper, date and issue,
 *    article list (id, slug, status, who holds it), comments and page statuses;
 *  - `edition/<editionId>/copy/<articleId>` — one article's copy (its Slate blocks).
 * Ids are those of the edition model (engine/model/types.ts), limited to [A-Za-z0-9_-]{1,64}.
 */
export type DocName =
  { kind: 'layout'; edition: string } | { kind: 'copy'; edition: string; article: string };

const ID = /^[A-Za-z0-9_-]{1,64}$/;
export const layoutDocName = (edition: string): string => `edition/${edition}/layout`;
export const copyDocName = (edition: string, article: string): string => `edition/${edition}/copy/${article}`;

export function parseDocName(name: string): DocName | null {
  const m = /^edition\/([^/]+)\/(?:(layout)|copy\/([^/]+))$/.exec(name);
  if (!m || !ID.test(m[1])) return null;
  if (m[2]) return { kind: 'layout', edition: m[1] };
  return ID.test(m[3]) ? { kind: 'copy', edition: m[1], article: m[3] } : null;
}

/** What a person may do, enforced by the server; the app uses the same answers to grey out controls. */
export const can = {
  /** Type, cut or paste in an article's copy. 定稿/签发 copy is locked for all but the article's editor. */
  editCopy(role: Role, status: ArticleStatus, isArticleEditor: boolean): boolean {
    if (role === 'proofreader') return false;
    if (status === 'final' || status === 'signed') return isArticleEditor || role === 'chief';
    return true;
  },
  /** Place, move, continue stories; add, delete, reorder pages. */
  editLayout: (role: Role): boolean => role === 'layout' || role === 'chief',
  /** Proofreaders' marks and editors' comments (批注). Everyone signed in may comment. */
  comment: (_role: Role): boolean => true,
  /** Move an article to a workflow status; only 值班总编 签发 (signs off). */
  setStatus: (role: Role, to: ArticleStatus): boolean =>
    to === 'signed' ? role === 'chief' : role !== 'proofreader' || to === 'proofed',
  /** 签发 a page. */
  signPage: (role: Role): boolean => role === 'chief',
  /** Create accounts, publish editions. */
  administer: (role: Role): boolean => role === 'chief',
};

/**
 * HTTP routes on the server's port (JSON bodies; `Authorization: Bearer <token>` except for login).
 * The WebSocket (Hocuspocus) is at `/sync` and takes the same token.
 */
export const ROUTES = {
  login: '/api/login', // POST {login, password} → {token, person: Person}
  logout: '/api/logout', // POST → {}
  me: '/api/me', // GET → {person: Person}
  editions: '/api/editions', // GET → {editions: EditionSummary[]}; POST {edition} → {id} (publish)
  edition: '/api/editions/', // GET /api/editions/<id> → {edition} (assembled from its documents)
  photos: '/api/photos/', // GET/HEAD/PUT /api/photos/<sha256> — photos stored once by content hash
  sync: '/sync',
} as const;

export interface EditionSummary {
  id: string;
  paper: string;
  date: string;
  pages: number;
  articles: number;
}

/**
 * A change the server refused (a stateless message to the connection that sent it, then the change
 * is undone for everyone): `code` for the app, `message` in Chinese for the editor.
 */
export interface Refused {
  type: 'refused';
  doc: string;
  code: 'forbidden' | 'invalid' | 'too-large' | 'rate';
  message: string;
}

/**
 * The server's check of one client's update before it is kept: `before` is the document as it was,
 * `after` a copy with the update applied; `ctx.layout` is the edition's layout document (for a copy
 * document: the article's status and editor), `ctx.template` the installed templates (the loader's
 * placement checks), `ctx.copy` (optional) an article's copy document as the server holds it, so a
 * photo frame's block can be checked against the copy. Returns the refusal, or null to accept.
 * Implemented in `newsroom/shared/rules.ts`.
 */
export type CheckChange = (
  name: DocName,
  before: Y.Doc,
  after: Y.Doc,
  person: Person,
  ctx: {
    layout: Y.Doc | null;
    template: (id: string) => Template | undefined;
    copy?: (article: string) => Y.Doc | undefined;
  },
) => Refused | null;
