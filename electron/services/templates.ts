// Page templates are data files in templates/; they are read and validated once per process.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Template } from '../../engine/templates';
import { TemplateError, validateTemplate } from '../../engine/templates';
import { templatesDir } from './paths';
import { templateRoleTable } from './fonts/mapping';

const cache = new Map<string, Template>();

/** Reads one template file, reporting a JSON syntax error with its line and column. */
export function readTemplateFile(file: string, id: string, label = file): Template {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new TemplateError([
      {
        file: label,
        field: '(file)',
        message: `cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      },
    ]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /position (\d+)/.exec(msg);
    let where = '';
    if (m) {
      const before = text.slice(0, Number(m[1]));
      const line = before.split('\n').length;
      where = ` at line ${line}, column ${Number(m[1]) - before.lastIndexOf('\n')}`;
    }
    throw new TemplateError([{ file: label, field: '(file)', message: `is not valid JSON${where}: ${msg}` }]);
  }
  const fonts = raw && typeof raw === 'object' ? (raw as { fonts?: unknown }).fonts : undefined;
  return validateTemplate(raw, id, label, templateRoleTable(fonts));
}

/** The template with this id (its file name in templates/ without .json). */
export function loadTemplate(id: string): Template {
  const hit = cache.get(id);
  if (hit) return hit;
  if (!/^[\w-]+$/.test(id))
    throw new TemplateError([
      {
        file: `templates/${id}.json`,
        field: '(file)',
        message: 'a template id is a plain file name (letters, digits, - and _)',
      },
    ]);
  const file = join(templatesDir(), `${id}.json`);
  if (!existsSync(file)) {
    const known = listTemplateIds();
    throw new TemplateError([
      {
        file: `templates/${id}.json`,
        field: '(file)',
        message: `no such template; the installed ones are ${known.join(', ') || '(none)'}`,
      },
    ]);
  }
  const t = readTemplateFile(file, id, `templates/${id}.json`);
  cache.set(id, t);
  return t;
}

export function listTemplateIds(): string[] {
  return readdirSync(templatesDir())
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/**
 * Every installed template, by id. A broken template file disables only the editions that use it:
 * it is left out of the listing, and looking it up throws its TemplateError (file, field, problem).
 */
export function loadTemplates(): Record<string, Template> {
  const out: Record<string, Template> = {};
  for (const id of listTemplateIds()) {
    try {
      out[id] = loadTemplate(id);
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      Object.defineProperty(out, id, {
        enumerable: false,
        get: () => {
          throw e;
        },
      });
    }
  }
  return out;
}
