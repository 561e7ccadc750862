// A page's rules in the edition file (schema 4): the editor's 隔线 and 栏线 (`pages.rules`, JSON) and
// whether layout draws its own between stories (`pages.auto_rules`: 0 off, NULL on).
import type Database from 'better-sqlite3';
import type { Page } from '../../../engine/model/types';
import { EditError } from './errors';
import type { EditionEdit } from './types';

export function pageRulesOf(r: { rules?: string | null; auto_rules?: number | null }): Partial<Page> {
  const out: Partial<Page> = {};
  if (r.rules) out.rules = JSON.parse(r.rules);
  if (r.auto_rules === 0) out.autoRules = false;
  return out;
}

export function updatePageRules(db: Database.Database, e: Extract<EditionEdit, { op: 'updatePage' }>): void {
  if (e.rules !== undefined) {
    if (e.rules !== null && !Array.isArray(e.rules))
      throw new EditError(`page ${e.id}: rules must be a list`);
    db.prepare('UPDATE pages SET rules = ? WHERE id = ?').run(
      e.rules?.length ? JSON.stringify(e.rules) : null,
      e.id,
    );
  }
  if (e.autoRules !== undefined)
    db.prepare('UPDATE pages SET auto_rules = ? WHERE id = ?').run(e.autoRules === false ? 0 : null, e.id);
}
