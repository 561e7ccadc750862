// The store's edit vocabulary: every change the editor makes to an edition is one of these, applied in
// one transaction and acknowledged only after it is committed.
import type { Template } from '../../../engine/templates';
import type { EditionOutput } from '../../../engine/model/output';
import type {
  ArticleComment,
  ArticleStatus,
  Article,
  Block,
  Edition,
  Page,
  Placement,
} from '../../../engine/model/types';

export type EditionEdit =
  | { op: 'updateArticle'; id: string; blocks: Block[]; slug?: string }
  | { op: 'setArticleStatus'; id: string; status: ArticleStatus }
  | { op: 'addArticle'; article: Article }
  | { op: 'removeArticle'; id: string }
  | { op: 'addPage'; page: Page; position?: number }
  | {
      op: 'updatePage';
      id: string;
      number?: number;
      section?: string;
      template?: string;
      ads?: Page['ads'] | null;
      guides?: Page['guides'] | null;
      /** The editor's rules (隔线, 栏线); null removes them. */
      rules?: Page['rules'] | null;
      /** Whether layout draws the rules between stories itself; null: as by default (on). */
      autoRules?: boolean | null;
    }
  /** The pages' order, all ids of the edition's pages, first to last. */
  | { op: 'orderPages'; ids: string[] }
  | { op: 'removePage'; id: string }
  | { op: 'setPlacements'; page: string; placements: Placement[] }
  | { op: 'setPlacement'; page: string; index: number; placement: Placement }
  | {
      op: 'setEditionInfo';
      paper?: Edition['paper'];
      date?: string;
      issue?: number | null;
      totalIssue?: number | null;
    }
  | { op: 'setStyle'; name: string; style: Record<string, unknown> | null }
  /** Sets a role of this edition in a face (a face name as --font takes it), or back to the template's with null. */
  | { op: 'setFont'; role: string; face: string | null }
  /** Sets the edition's output condition (profile, condition, intent, resolution), or back to the template's with null. */
  | { op: 'setOutput'; output: EditionOutput | null }
  | {
      op: 'addComment';
      comment: Omit<ArticleComment, 'id' | 'at' | 'author'> &
        Partial<Pick<ArticleComment, 'id' | 'at' | 'author'>>;
    }
  | { op: 'resolveComment'; id: string; resolved: boolean }
  | { op: 'removeComment'; id: string };

/** Returned after commit: the edition's edit sequence number, which only grows. */
export interface EditAck {
  seq: number;
}

export interface RevisionInfo {
  id: number;
  article: string;
  /** ISO time the revision's text was last edited. */
  at: string;
  author: string;
  note: string;
  slug: string;
  /** Characters of text in the revision, for the history list. */
  chars: number;
}

export interface Revision extends RevisionInfo {
  status: ArticleStatus;
  blocks: Block[];
}

/** A revision as the file holds it, for copying history from one file to another. */
export interface StoredRevision {
  id: number;
  article: string;
  at: string;
  author: string;
  note: string;
  slug: string;
  status: ArticleStatus;
  blocks: Block[];
}

export interface StoreOptions {
  /** User name recorded on revisions and comments; defaults to the OS user. */
  author?: string;
  /** Clock, injectable for tests. */
  now?: () => Date;
  /** An editing pause longer than this starts a new revision (ms). */
  revisionInterval?: number;
  /** The template a page names, to check placements against its grid; the installed ones by default. */
  template?: (id: string) => Template | undefined;
}

export interface AssetInput {
  bytes: Uint8Array;
  mime: 'image/jpeg' | 'image/png';
  pixelWidth: number;
  pixelHeight: number;
  colorSpace: 'rgb' | 'cmyk' | 'gray';
}
